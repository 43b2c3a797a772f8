// Parse one YAML text into plain data plus a way to find where any path of it sits in the file.
import { Composer, CST, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, parseDocument, visit, type Alias, type Document, type Node, type Pair, type YAMLMap, type YAMLError } from 'yaml';
import type { DataError, PathSegment, Result } from './errors.js';

export interface Located {
  data: unknown;
  /** Line and column (1-based) of the node at `path`; of its key when `key` is set; of the nearest existing ancestor otherwise. */
  locate(path: readonly PathSegment[], opts?: { key?: boolean }): { line: number; col: number };
}

/** Aliases a document may expand before it is treated as an alias bomb ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/** Deepest nesting of lists and mappings in a data file (docs/data.md#limits); the built-in data need 9. */
export const MAX_DEPTH = 64;

/**
 * Most keys in one mapping (docs/data.md#limits). Every mapping of the data format has a fixed
 * set of fewer than 30 keys; lists are not limited. A file with 200,000 keys in one mapping
 * is refused before it is composed, instead of making 200,000 "unknown key" errors.
 */
export const MAX_MAP_KEYS = 1000;

/**
 * yaml's own duplicate-key check compares each key with every earlier key of its mapping:
 * quadratic (20,000 keys took 15 s, 200,000 over two minutes). Keys are checked here instead,
 * with a Set per mapping (`duplicateKeys`), and reported where yaml would report them.
 */
const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, stringKeys: true } as const;

const DUPLICATE_KEY = 'YAML syntax error: map keys must be unique';

export function parseYaml(text: string, file: string): Result<Located> {
  const lineCounter = new LineCounter();
  // A byte order mark is not part of the text: columns of line 1 count from after it, as editors show them.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const err = (line: number, col: number, message: string): Result<Located> => ({
    ok: false,
    errors: [{ file, line, col, path: '', message }],
  });
  const errAt = (offset: number, message: string): Result<Located> => {
    const pos = lineCounter.linePos(offset);
    return err(pos.line, pos.col, message);
  };
  if (text.includes('\u0000')) {
    const offset = text.indexOf('\u0000');
    const before = text.slice(0, offset);
    return err(before.split('\n').length, offset - before.lastIndexOf('\n'), 'is not a text file (contains a NUL byte)');
  }
  let docs: Document.Parsed[];
  let scan: TokenScan;
  try {
    // Parsed in two steps so that the nesting depth is checked before the composer, which
    // recurses and would overflow the stack somewhere that depends on the Node version.
    const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
    scan = scanTokens(tokens);
    if (scan.tooDeep !== undefined) return errAt(scan.tooDeep, `nests lists and mappings more than ${MAX_DEPTH} levels deep`);
    if (scan.tooManyKeys !== undefined) return errAt(scan.tooManyKeys, `a mapping holds more than ${MAX_MAP_KEYS} keys; refusing it (no mapping of a data file needs more than 30)`);
    docs = [];
    for (const doc of new Composer(PARSE_OPTIONS).compose(tokens, true, text.length)) if (docs.push(doc) === 2) break; // a second is an error
  } catch (e) {
    return err(1, 1, `could not be parsed: ${e instanceof RangeError ? 'nesting too deep' : (e as Error).message.split('\n')[0]}`);
  }
  const doc = docs[0]!;
  // Warnings too: an unknown tag would otherwise be read as a plain string without a word.
  const problems = [...doc.errors, ...doc.warnings].map((e) => ({ offset: whereOpened(e, scan.unclosed), message: yamlMessage(e) }));
  for (const offset of duplicateKeys(doc.contents)) problems.push({ offset, message: DUPLICATE_KEY });
  if (docs.length > 1) problems.push({ offset: docs[1]!.range[0], message: 'YAML syntax error: a data file holds one document; a second one starts here' });
  if (problems.length > 0) {
    // After the first error on a line the parser's view of that line is off: keep that one only.
    const seenLines = new Set<number>();
    const errors: DataError[] = [];
    for (const p of problems.sort((a, b) => a.offset - b.offset)) {
      const pos = lineCounter.linePos(p.offset);
      if (seenLines.has(pos.line)) continue;
      seenLines.add(pos.line);
      errors.push({ file, line: pos.line, col: pos.col, path: '', message: p.message });
    }
    return { ok: false, errors };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return err(1, 1, 'is empty: expected a mapping with the keys of a sector or countries file');
  }
  // An alias is written `*name`: without a `*` in the text there is none to check (a walk over every node saved).
  const badAlias = text.includes('*') ? findBadAlias(doc) : undefined;
  if (badAlias) return errAt(badAlias.alias.range?.[0] ?? 0, `YAML syntax error: alias *${badAlias.alias.source} ${badAlias.problem}`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    if (/excessive alias count/i.test(message)) return err(1, 1, `expands too many aliases (more than ${MAX_ALIAS_COUNT}): refusing a possible alias bomb`);
    return err(1, 1, e instanceof RangeError ? 'nesting too deep' : `could not be read: ${message.split('\n')[0]}`);
  }
  return { ok: true, value: { data, locate: locator(text) } };
}

/** The `locate` of a text parsed elsewhere (another thread): as parseYaml builds it. */
export function locatorOf(text: string): Located['locate'] {
  return locator(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/**
 * `locate` over a document parsed again on its first call. Keeping every file's parsed
 * document until the cross-file checks end costs about 100 times the text in memory (1.5 GB
 * for the 13 MB of the scale benchmark), and a location is needed only to report an error.
 * A separate function so that the closure holds the text only, not the first parse.
 */
function locator(text: string): Located['locate'] {
  let parsed: { root: Node; lineCounter: LineCounter } | undefined;
  return (path, opts = {}) => {
    if (!parsed) {
      const lineCounter = new LineCounter();
      parsed = { root: parseDocument(text, { lineCounter, ...PARSE_OPTIONS }).contents as Node, lineCounter };
    }
    const { root, lineCounter } = parsed;
    let node: unknown = root;
    let found: Node = root;
    let keyNode: Node | undefined;
    for (const seg of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = pairsByKey(node).get(String(seg));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
      } else break;
      if (node && typeof node === 'object' && 'range' in node) found = node as Node;
      else if (keyNode) found = keyNode; // `key:` with no value
    }
    const target = opts.key && keyNode ? keyNode : found;
    const offset = target.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, col: pos.col };
  };
}

/**
 * The pairs of a mapping by key, built once per mapping: a file with many unknown keys asks
 * for the location of each, and a search per question made that quadratic.
 */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    // The first pair with a key wins, as a search from the start would find it.
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p as Pair);
    pairIndexes.set(map, index);
  }
  return index;
}

/**
 * Offsets of the keys that repeat an earlier key of the same mapping, in one pass over the
 * document with a Set per mapping (linear in the number of keys). Keys are strings
 * (`stringKeys`), compared as yaml compares scalar keys: by value. Iterative: the depth is
 * bounded by MAX_DEPTH already, but a walk needs no recursion.
 */
function duplicateKeys(root: unknown): number[] {
  const offsets: number[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          if (seen.has(key)) offsets.push(pair.key.range?.[0] ?? 0);
          else seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.value);
    }
  }
  return offsets;
}

/** yaml's messages carry a code excerpt after the first line; keep the one line, with a hint where yaml's words are obscure. */
function yamlMessage(e: YAMLError): string {
  const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  let text = first.charAt(0).toLowerCase() + first.slice(1);
  if (e.code === 'MULTILINE_IMPLICIT_KEY') text += ' (a missing ": " or a wrong indentation?)';
  else if (e.code === 'BLOCK_AS_IMPLICIT_KEY') text += ' (a wrong indentation?)';
  else if (e.code === 'TAG_RESOLVE_FAILED') text = `unknown tag ${first.replace(/^Unresolved tag: /, '')} (data files use no tags)`;
  else if (e.code === 'RESOURCE_EXHAUSTION') text = 'nesting too deep';
  return `YAML syntax error: ${text}`;
}

interface TokenScan {
  /** Offset of the first list or mapping nested deeper than MAX_DEPTH, in document order. */
  tooDeep?: number;
  /** Offset of the key after the first MAX_MAP_KEYS of a mapping, for the first mapping with more. */
  tooManyKeys?: number;
  /** Offsets of the flow collections and quoted strings that are never closed, in document order. */
  unclosed: number[];
}

/** One pass over the parser's tokens, with an explicit stack: recursion is what the depth check guards against. */
function scanTokens(tokens: readonly CST.Token[]): TokenScan {
  const unclosed: number[] = [];
  // Two parallel stacks, not one of {token, depth} objects: no allocation per node while a
  // large file's whole syntax tree is alive (garbage then makes every young GC copy that tree).
  const stack: Array<CST.Token | null | undefined> = [...tokens].reverse();
  const depths: number[] = stack.map(() => 0);
  while (stack.length > 0) {
    const token = stack.pop();
    const depth = depths.pop()!;
    if (token?.type === 'document') {
      stack.push(token.value);
      depths.push(depth);
    } else if (CST.isCollection(token)) {
      if (depth >= MAX_DEPTH) return { tooDeep: token.offset, unclosed };
      const isMapping = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
      if (isMapping && token.items.length > MAX_MAP_KEYS) {
        const item = token.items[MAX_MAP_KEYS]!;
        return { tooManyKeys: item.key?.offset ?? item.start[0]?.offset ?? token.offset, unclosed };
      }
      if (token.type === 'flow-collection' && !token.end.some((t) => t.type === 'flow-seq-end' || t.type === 'flow-map-end')) unclosed.push(token.offset);
      for (let i = token.items.length - 1; i >= 0; i--) {
        const item = token.items[i]!;
        stack.push(item.value, item.key);
        depths.push(depth + 1, depth + 1);
      }
    } else if (token?.type === 'double-quoted-scalar' || token?.type === 'single-quoted-scalar') {
      const closed = token.type === 'double-quoted-scalar' ? /^"(?:[^"\\]|\\[\s\S])*"$/ : /^'(?:[^']|'')*'$/;
      if (!closed.test(token.source)) unclosed.push(token.offset);
    }
  }
  return { unclosed };
}

/**
 * Where to report a yaml error: an unclosed `[`, `{` or quote is noticed where the text runs
 * out or the indentation drops, often many lines on; point at the opening instead.
 */
function whereOpened(e: YAMLError, unclosed: readonly number[]): number {
  if (!/end with a [\]}]|missing closing/i.test(e.message)) return e.pos[0];
  const opened = unclosed.filter((offset) => offset < e.pos[0]).at(-1);
  return opened ?? e.pos[0];
}

/**
 * An alias with no anchor before it, or one inside the node it names (a loop that would make
 * every later walk over the data endless). yaml itself reports neither until `toJS`, and then
 * without a position.
 */
function findBadAlias(doc: Document.Parsed): { alias: Alias; problem: string } | undefined {
  const anchors = new Map<string, Node>();
  let bad: { alias: Alias; problem: string } | undefined;
  visit(doc, {
    Node(_key, node, path) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (!target) bad = { alias: node, problem: `has no anchor &${node.source} before it` };
        else if (path.includes(target)) bad = { alias: node, problem: `is inside the node &${node.source} it names (a loop)` };
        return bad ? visit.BREAK : undefined;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  return bad;
}

export type { DataError };
