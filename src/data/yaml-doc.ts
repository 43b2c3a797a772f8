// Parse one YAML text into plain data plus a way to find where any path of it sits in the file.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { DataError, PathSegment, Result } from './errors.js';

export interface Located {
  data: unknown;
  /** Line and column (1-based) of the node at `path`; of its key when `key` is set; of the nearest existing ancestor otherwise. */
  locate(path: readonly PathSegment[], opts?: { key?: boolean }): { line: number; col: number };
}

/** Aliases a document may expand before it is treated as an alias bomb ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;

export function parseYaml(text: string, file: string): Result<Located> {
  const lineCounter = new LineCounter();
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // BOM: keep columns stable
  const err = (line: number, col: number, message: string): Result<Located> => ({
    ok: false,
    errors: [{ file, line, col, path: '', message }],
  });
  if (text.includes('\u0000')) {
    const offset = text.indexOf('\u0000');
    const before = text.slice(0, offset);
    return err(before.split('\n').length, offset - before.lastIndexOf('\n'), 'is not a text file (contains a NUL byte)');
  }
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, stringKeys: true });
  } catch (e) {
    return err(1, 1, `could not be parsed: ${e instanceof RangeError ? 'nesting too deep' : (e as Error).message.split('\n')[0]}`);
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file, line: pos.line, col: pos.col, path: '', message: yamlMessage(e.message) };
      }),
    };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return err(1, 1, 'is empty: expected a mapping with the keys of a sector or countries file');
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    if (/alias/i.test(message)) return err(1, 1, `expands too many aliases (more than ${MAX_ALIAS_COUNT}): refusing a possible alias bomb`);
    return err(1, 1, e instanceof RangeError ? 'nesting too deep' : `could not be read: ${message.split('\n')[0]}`);
  }
  const root = doc.contents as Node;
  return {
    ok: true,
    value: {
      data,
      locate(path, opts = {}) {
        let node: unknown = root;
        let found: Node = root;
        let keyNode: Node | undefined;
        for (const seg of path) {
          keyNode = undefined;
          if (isMap(node)) {
            const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
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
      },
    },
  };
}

/** yaml's messages carry a code excerpt after the first line; keep the one line. */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  const text = first.charAt(0).toLowerCase() + first.slice(1);
  return `YAML syntax error: ${text}`;
}

export type { DataError };
