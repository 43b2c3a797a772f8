// Hostile input: every kind of bad file a user (or an attacker) may hand to `scsr validate` or
// `--data`, each with the exact lines scsr must print and the exit code it must end with. Each
// case runs through `scsr validate <file>` and `scsr score widgets --data <file>`.
// Committed cases live in tests/fixtures/hostile-input/ (one file per case, line 1 says what it
// is); huge, binary, unreadable, looping and special files (FIFO, socket) are made at test time
// in a temp dir. Cases for a finding of the December 2026 reliability review
// (../shared/research/reviews/2026-12-reliability.md) name it: "finding N: ...".
//
// Every case runs under a timeout: the CLI is killed after RUN_TIMEOUT_MS (a hang fails the
// case, it does not stall the suite), and each test has CASE_TIMEOUT_MS. These bound hangs;
// speed itself is measured by `npm run bench`, not here.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import nodeModule from 'node:module';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PathSegment } from '../../src/data/errors.js';
import { parseYaml } from '../../src/data/yaml-doc.js';
import { BIN, ROOT, fixture, type Run } from '../helpers/cli.js';

const FIXTURES = fixture('hostile-input');
const TMP = mkdtempSync(join(tmpdir(), 'scsr-hostile-'));
/** Root reads a chmod 000 file anyway (CI runs as root): see the `unreadable` case. */
const AS_ROOT = process.getuid?.() === 0;
const LIMIT = 10 * 1024 * 1024; // MAX_FILE_BYTES of src/data/read-files.ts, the documented limit
const MAX_MAP_KEYS = 1000; // of src/data/yaml-doc.ts, the documented limit
/** A run killed at this point has hung (the slowest case here takes about 2 s on a busy 2-core machine). */
const RUN_TIMEOUT_MS = 30_000;
const CASE_TIMEOUT_MS = 45_000;
/** Each run gets this cache directory unless a case says otherwise: tests never touch ~/.cache. */
const CACHE = join(TMP, 'cache');

/** The CLI spawned asynchronously, so that the cases of a `describe.concurrent` overlap. */
function scsrAsync(args: string[], cwd: string, extraEnv: Record<string, string | undefined> = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: CACHE };
  delete env.FORCE_COLOR;
  delete env.SCSR_DATA;
  for (const [k, v] of Object.entries(extraEnv)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: RUN_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : null) : 0 });
    });
  });
}

/**
 * `built-in data/<file>:line:col` of the entry `find` picks in a built-in data file, as
 * `validate` names it: located from the file itself, so the expected messages follow the data.
 */
function builtinAt(file: string, find: (data: any) => PathSegment[]): string {
  const r = parseYaml(readFileSync(join(ROOT, 'data', file), 'utf8'), file);
  if (!r.ok) throw new Error(`data/${file} does not parse`);
  const { line, col } = r.value.locate(find(r.value.data));
  return `built-in data/${file}:${line}:${col}`;
}
const ROW_ALIAS = builtinAt('countries.yaml', (d) => {
  const i = d.regions.findIndex((r: { id: string }) => r.id === 'other');
  return ['regions', i, 'aliases', d.regions[i].aliases.indexOf('row')];
});
const SE_CODE = builtinAt('countries.yaml', (d) => ['countries', d.countries.findIndex((c: { code: string }) => c.code === 'se'), 'code']);
const CHIPS_ALIAS = builtinAt('semiconductors.yaml', (d) => ['aliases', d.aliases.indexOf('chips')]);

/** Finding 2: a share value as one flow mapping of 2,000 keys (line 10 of the file), and where key 1,001 starts. */
const FLOW_KEYS_PREFIX = '      - {year: 2022, metric: capacity, basis: location, source: fixture, values: [{';
const FLOW_KEYS = Array.from({ length: 2 * MAX_MAP_KEYS }, (_, i) => `k${i}: 1`);
const FLOW_KEYS_LINE = `${FLOW_KEYS_PREFIX}${FLOW_KEYS.join(', ')}}]}`;
const FLOW_KEYS_COL = FLOW_KEYS_PREFIX.length + FLOW_KEYS.slice(0, MAX_MAP_KEYS).join(', ').length + 3;

interface Case {
  /** File or directory handed to scsr, relative to `dir`. */
  path: string;
  dir: string;
  code: 0 | 3 | 4;
  /** The error lines, exactly; none for a file scsr must accept. */
  errors: string[];
  /** What `validate` prints on stdout when it is more than the error lines (a directory). */
  validateStdout?: string[];
}

const committed = (path: string, code: 0 | 3 | 4, errors: string[]): Case => ({ path, dir: FIXTURES, code, errors });
const generated = (path: string, code: 0 | 3 | 4, errors: string[]): Case => ({ path, dir: TMP, code, errors });

const CASES: Record<string, Case> = {
  // --- YAML syntax: the first error of a line only; an unclosed bracket or quote where it opens
  'unclosed flow sequence': committed('syntax-unclosed-flow-seq.yaml', 3, ['syntax-unclosed-flow-seq.yaml:3:7: YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]']),
  'unclosed flow mapping': committed('syntax-unclosed-flow-map.yaml', 3, ['syntax-unclosed-flow-map.yaml:16:13: YAML syntax error: flow map in block collection must be sufficiently indented and end with a }']),
  'unclosed double quote': committed('syntax-unclosed-quote.yaml', 3, ['syntax-unclosed-quote.yaml:3:7: YAML syntax error: missing closing "quote']),
  'unclosed single quote': committed('syntax-unclosed-single-quote.yaml', 3, ["syntax-unclosed-single-quote.yaml:3:7: YAML syntax error: missing closing 'quote"]),
  'bad indentation': committed('syntax-bad-indent.yaml', 3, ['syntax-bad-indent.yaml:7:9: YAML syntax error: nested mappings are not allowed in compact mappings (a wrong indentation?)']),
  'tab as indentation': committed('syntax-tab-indent.yaml', 3, ['syntax-tab-indent.yaml:8:1: YAML syntax error: tabs are not allowed as indentation']),
  'missing colon': committed('syntax-missing-colon.yaml', 3, ['syntax-missing-colon.yaml:11:9: YAML syntax error: implicit keys need to be on a single line (a missing ": " or a wrong indentation?)']),
  'bad escape': committed('syntax-bad-escape.yaml', 3, ['syntax-bad-escape.yaml:3:11: YAML syntax error: invalid escape sequence \\q']),
  'two documents': committed('syntax-two-documents.yaml', 3, ['syntax-two-documents.yaml:19:1: YAML syntax error: a data file holds one document; a second one starts here']),
  'undefined alias': committed('syntax-undefined-alias.yaml', 3, ['syntax-undefined-alias.yaml:3:7: YAML syntax error: alias *widgets has no anchor &widgets before it']),
  'unknown tag': committed('syntax-unknown-tag.yaml', 3, ['syntax-unknown-tag.yaml:3:7: YAML syntax error: unknown tag !widget (data files use no tags)']),
  'duplicate key': committed('duplicate-key.yaml', 3, ['duplicate-key.yaml:4:1: YAML syntax error: map keys must be unique']),
  'duplicate key in a flow mapping': committed('duplicate-key-flow.yaml', 3, ['duplicate-key-flow.yaml:15:38: YAML syntax error: map keys must be unique']),
  'alias loop': committed('alias-loop.yaml', 3, ['alias-loop.yaml:4:18: YAML syntax error: alias *stages is inside the node &stages it names (a loop)']),
  'alias bomb': committed('alias-bomb.yaml', 3, ['alias-bomb.yaml:1:1: expands too many aliases (more than 100): refusing a possible alias bomb']),
  // --- empty and not a mapping
  'empty file': committed('empty.yaml', 3, ['empty.yaml:1:1: is empty: expected a mapping with the keys of a sector or countries file']),
  'comments only': committed('comments-only.yaml', 3, ['comments-only.yaml:1:1: is empty: expected a mapping with the keys of a sector or countries file']),
  'document marker only': committed('document-marker-only.yaml', 3, ['document-marker-only.yaml:1:1: is empty: expected a mapping with the keys of a sector or countries file']),
  'root is a list': committed('type-root-list.yaml', 3, ['type-root-list.yaml:2:1: must be a mapping (got a list)']),
  'root is a string': committed('type-root-scalar.yaml', 3, ['type-root-scalar.yaml:2:1: must be a mapping (got "just some text")']),
  'neither sector nor countries': committed('type-root-unknown-kind.yaml', 3, ['type-root-unknown-kind.yaml:2:1: is not a scsr data file: a sector file needs `stages`; a countries file one of `countries`, `regions`, `groups`, `concerns`, `supplierRisk`; a trade file one of `imports`, `reliance`, `events`; a criticality file `assessments`']),
  // --- wrong types
  'name is a number': committed('type-name-number.yaml', 3, ['type-name-number.yaml:3:7: name must be a string (got 42)']),
  'name has no value': committed('type-null-name.yaml', 3, ['type-null-name.yaml:3:6: name must be a string (got null)']),
  'stages is a mapping': committed('type-stages-mapping.yaml', 3, ['type-stages-mapping.yaml:7:3: stages must be a list (got a mapping)']),
  'share is a percent string': committed('type-share-string.yaml', 3, ['type-share-string.yaml:16:34: stages[0].shares[0].values[1].share must be a number from 0 to 100, or `unknown` (got "50%")']),
  'share is a boolean': committed('type-boolean-share.yaml', 3, ['type-boolean-share.yaml:15:34: stages[0].shares[0].values[0].share must be a number from 0 to 100, or `unknown` (got true)']),
  'year is a fraction': committed('type-year-fraction.yaml', 3, ['type-year-fraction.yaml:10:15: stages[0].shares[0].year must be an integer (got 2022.5)']),
  'year is a date': committed('type-year-date.yaml', 3, ['type-year-date.yaml:10:15: stages[0].shares[0].year must be a number (got "2022-06-30")']),
  'required key missing': committed('type-missing-required.yaml', 3, ['type-missing-required.yaml:7:5: stages[0] name is required']),
  'value outside the vocabulary': committed('type-bad-enum.yaml', 3, ['type-bad-enum.yaml:11:17: stages[0].shares[0].metric must be one of capacity, production, value-added, market, sales, demand, reserves (got "capcity"); did you mean "capacity"?']),
  'malformed id': committed('type-bad-id.yaml', 3, ['type-bad-id.yaml:2:5: id must be lower-case letters, digits and dashes (e.g. "leading-edge-logic") (got "Big Widgets")']),
  // --- numbers out of range, negative, not finite
  'negative share': committed('share-negative.yaml', 3, ['share-negative.yaml:15:34: stages[0].shares[0].values[0].share must be between 0 and 100 (got -20)']),
  'share above 100': committed('share-over-100.yaml', 3, ['share-over-100.yaml:16:34: stages[0].shares[0].values[1].share must be between 0 and 100 (got 140)']),
  'shares adding up to more than 100': committed('shares-sum-over-100.yaml', 3, ['shares-sum-over-100.yaml:15:11: stages[0].shares[0].values shares add up to 130, more than 100 (allowed excess, key tolerance: 1)']),
  '.nan share': committed('share-nan.yaml', 3, ['share-nan.yaml:16:34: stages[0].shares[0].values[1].share must be a finite number (got .nan)']),
  '.inf share': committed('share-inf.yaml', 3, ['share-inf.yaml:16:34: stages[0].shares[0].values[1].share must be a finite number (got .inf)']),
  '-.inf share': committed('share-negative-inf.yaml', 3, ['share-negative-inf.yaml:16:34: stages[0].shares[0].values[1].share must be a finite number (got -.inf)']),
  '1e400 share': committed('share-overflow.yaml', 3, ['share-overflow.yaml:16:34: stages[0].shares[0].values[1].share must be a finite number (got .inf)']),
  'year out of range': committed('year-out-of-range.yaml', 3, ['year-out-of-range.yaml:10:15: stages[0].shares[0].year must be between 1950 and 2100 (got 1850)']),
  'governance score out of range': committed('countries-wgi-out-of-range.yaml', 3, ['countries-wgi-out-of-range.yaml:5:48: countries[0].governance.wgi must be between -2.5 and 2.5 (got 3.5)']),
  // --- every schema error of a file, not only the first kind
  'several schema errors': committed('share-many-errors.yaml', 3, [
    'share-many-errors.yaml:3:7: name must be a string (got 7)',
    'share-many-errors.yaml:11:17: stages[0].shares[0].metric must be one of capacity, production, value-added, market, sales, demand, reserves (got "capcity"); did you mean "capacity"?',
    'share-many-errors.yaml:15:34: stages[0].shares[0].values[0].share must be between 0 and 100 (got -1)',
    'share-many-errors.yaml:16:34: stages[0].shares[0].values[1].share must be between 0 and 100 (got 101)',
  ]),
  '.nan beside other schema errors': committed('nan-with-other-errors.yaml', 3, [
    'nan-with-other-errors.yaml:3:7: name must be a string (got .nan)',
    'nan-with-other-errors.yaml:9:5: stages[0].owner is not a known key',
    'nan-with-other-errors.yaml:17:34: stages[0].shares[0].values[1].share must be a finite number (got .inf)',
  ]),
  // --- duplicates
  'duplicate stage id': committed('duplicate-stage-id.yaml', 3, ['duplicate-stage-id.yaml:19:9: stages[1].id duplicate stage id "making" (first at stages[0])']),
  'duplicate source id': committed('duplicate-source-id.yaml', 3, ['duplicate-source-id.yaml:6:10: sources[1].id duplicate source id "fixture" (first at sources[0])']),
  'one country twice in a snapshot': committed('duplicate-country-in-snapshot.yaml', 3, ['duplicate-country-in-snapshot.yaml:18:13: stages[0].shares[0].values[3] "us" appears twice in one snapshot']),
  'duplicate country code': committed('countries-duplicate-code.yaml', 3, ['countries-duplicate-code.yaml:4:12: countries[1].code duplicate country code "xa" (first at countries[0])']),
  // --- unknown keys, codes and references
  'misspelt top-level key': committed('unknown-key-root.yaml', 3, ['unknown-key-root.yaml:2:1: stages is required', 'unknown-key-root.yaml:6:1: stage is not a known key; did you mean "stages" or "stagesInferred"?']),
  'unknown nested key': committed('unknown-key-nested.yaml', 3, ['unknown-key-nested.yaml:17:38: stages[0].shares[0].values[2].sahre is not a known key; did you mean "share"?']),
  'unknown country code': committed('unknown-country-code.yaml', 3, ['unknown-country-code.yaml:17:23: stages[0].shares[0].values[2].country unknown country code "zz"; did you mean "cz", "mz" or "nz"?']),
  'alpha-3 country code': committed('country-code-alpha3.yaml', 3, ['country-code-alpha3.yaml:15:23: stages[0].shares[0].values[0].country must be an ISO 3166-1 alpha-2 code in lower case (e.g. "kr") (got "USA"); "USA" is an alias of country "us" (United States): write `country: us`']),
  'unknown group member': committed('countries-unknown-member.yaml', 3, ['countries-unknown-member.yaml:5:63: groups[0].members[1] unknown country code "qq"']),
  'unknown region': committed('unknown-region.yaml', 3, ['unknown-region.yaml:18:22: stages[0].shares[0].values[3].region unknown region "elsewhere"']),
  'unknown source': committed('unknown-source.yaml', 3, ['unknown-source.yaml:13:17: stages[0].shares[0].source unknown source "fixtrue"; did you mean "fixture"?']),
  // --- prototype keys are unknown keys like any other (no pollution: tests/unit/prototype-pollution.test.ts)
  '__proto__ at the top': committed('proto-key-root.yaml', 3, ['proto-key-root.yaml:4:1: __proto__ is not a known key']),
  '__proto__ in a share': committed('proto-key-in-share.yaml', 3, ['proto-key-in-share.yaml:17:38: stages[0].shares[0].values[2].__proto__ is not a known key']),
  'constructor.prototype in a stage': committed('constructor-key.yaml', 3, ['constructor-key.yaml:9:5: stages[0].constructor is not a known key']),
  // --- byte order mark and CRLF: accepted, and errors in them located as an editor shows them
  'byte order mark': committed('bom.yaml', 0, []),
  'CRLF line ends': committed('crlf.yaml', 0, []),
  'byte order mark with an error': committed('bom-with-error.yaml', 3, ['bom-with-error.yaml:15:34: stages[0].shares[0].values[0].share must be between 0 and 100 (got -20)']),
  'CRLF with an error': committed('crlf-with-error.yaml', 3, ['crlf-with-error.yaml:17:23: stages[0].shares[0].values[2].country unknown country code "zz"; did you mean "cz", "mz" or "nz"?']),
  'CRLF with a syntax error': committed('crlf-syntax-error.yaml', 3, ['crlf-syntax-error.yaml:8:1: YAML syntax error: tabs are not allowed as indentation']),
  'byte order mark, CRLF and errors': committed('bom-crlf-with-error.yaml', 3, ['bom-crlf-with-error.yaml:2:1: name is required', 'bom-crlf-with-error.yaml:3:1: nmae is not a known key; did you mean "name"?']),
  'byte order mark and an error on line 1': generated('bom-line-1.yaml', 3, ['bom-line-1.yaml:1:5: id must be lower-case letters, digits and dashes (e.g. "leading-edge-logic") (got "Widgets")']),
  // --- not UTF-8 text
  'binary file': generated('binary.yaml', 3, ['binary.yaml:1:1: is not UTF-8 text (byte 0x89): save it as UTF-8']),
  'NUL byte in UTF-8 text': generated('nul.yaml', 3, ['nul.yaml:3:10: is not a text file (contains a NUL byte)']),
  'Latin-1 text': generated('latin1.yaml', 3, ['latin1.yaml:3:8: is not UTF-8 text (byte 0xf4): save it as UTF-8']),
  'UTF-16 text': generated('utf16.yaml', 3, ['utf16.yaml:1:1: is UTF-16 text: save it as UTF-8']),
  // --- nesting: 10,000 levels, in three spellings; the limit is 64 (src/data/yaml-doc.ts MAX_DEPTH)
  '10,000 nested flow lists': generated('deep-flow-lists.yaml', 3, ['deep-flow-lists.yaml:1:72: nests lists and mappings more than 64 levels deep']),
  '10,000 nested block lists': generated('deep-block-lists.yaml', 3, ['deep-block-lists.yaml:2:127: nests lists and mappings more than 64 levels deep']),
  '10,000 nested flow mappings': generated('deep-flow-maps.yaml', 3, ['deep-flow-maps.yaml:1:261: nests lists and mappings more than 64 levels deep']),
  // --- files that cannot be read: exit 4
  'over the size limit': generated('big.yaml', 4, [`big.yaml: is ${LIMIT + 1} bytes, over the ${LIMIT}-byte limit for a data file`]),
  'missing file': generated('missing.yaml', 4, ['missing.yaml: no such file or directory']),
  'symlink loop': generated('loop-a.yaml', 4, ['loop-a.yaml: too many levels of symbolic links (a symlink loop?)']),
  'a parent of the path is a file': generated('plain.yaml/widgets.yaml', 4, ['plain.yaml/widgets.yaml: not a directory (a parent in the path is a file)']),
  // Root reads a chmod 000 file, so as root the unreadable file is one behind a path that no
  // read can follow (its parent is a file): deterministic, and still an I/O error.
  unreadable: AS_ROOT
    ? generated('unreadable.yaml/widgets.yaml', 4, ['unreadable.yaml/widgets.yaml: not a directory (a parent in the path is a file)'])
    : generated('unreadable.yaml', 4, ['unreadable.yaml: permission denied']),
  'empty directory': generated('empty-dir', 4, ['empty-dir: directory holds no .yaml or .yml files']),
  // --- finding 1: special files are refused from their type, before any open or read (a FIFO blocked for ever)
  'finding 1: a FIFO as a data file': generated('fifo.yaml', 3, ['fifo.yaml: is a FIFO (named pipe), not a regular file: a data file must be a regular file']),
  'finding 1: a FIFO in a data directory': {
    ...generated('dir-with-fifo', 3, ['dir-with-fifo/pipe.yaml: is a FIFO (named pipe), not a regular file: a data file must be a regular file']),
    validateStdout: ['dir-with-fifo/pipe.yaml: is a FIFO (named pipe), not a regular file: a data file must be a regular file', 'dir-with-fifo/widgets.yaml: OK (sector widgets)'],
  },
  'finding 1: a socket as a data file': generated('socket.yaml', 3, ['socket.yaml: is a socket, not a regular file: a data file must be a regular file']),
  'finding 1: an endless device (/dev/zero)': generated('/dev/zero', 3, ['/dev/zero: is a character device, not a regular file: a data file must be a regular file']),
  'finding 1: a terminal-like device (/dev/null)': generated('/dev/null', 3, ['/dev/null: is a character device, not a regular file: a data file must be a regular file']),
  // --- finding 2: many keys; refused at the documented limit before the YAML is composed, duplicates found in linear time
  'finding 2: 200,000 keys in one mapping': generated('keys-200000.yaml', 3, [`keys-200000.yaml:${MAX_MAP_KEYS + 1}:1: a mapping holds more than ${MAX_MAP_KEYS} keys; refusing it (no mapping of a data file needs more than 30)`]),
  'finding 2: 2,000 keys in one flow mapping of a share': generated('keys-flow.yaml', 3, [`keys-flow.yaml:10:${FLOW_KEYS_COL}: a mapping holds more than ${MAX_MAP_KEYS} keys; refusing it (no mapping of a data file needs more than 30)`]),
  'finding 2: a duplicate key after 998 others': generated('keys-duplicate.yaml', 3, [`keys-duplicate.yaml:${MAX_MAP_KEYS}:1: YAML syntax error: map keys must be unique`]),
  // --- finding 10: names that would resolve to two things, refused with both locations
  'finding 10: a sector id equal to a built-in sector alias': committed('names-sector-id-is-builtin-alias.yaml', 3, [
    `names-sector-id-is-builtin-alias.yaml:2:5: id "chips" is already an alias of sector "semiconductors" (${CHIPS_ALIAS}): each id and alias must name one sector`,
  ]),
  'finding 10: a stage id that is a number': committed('names-numeric-stage-id.yaml', 3, [
    'names-numeric-stage-id.yaml:7:9: stages[0].id "2" is a number, which the command line reads as a stage\'s position (`scsr explain widgets 2`): use a word',
  ]),
  'finding 10: a stage alias equal to another stage id': committed('names-stage-alias-clash.yaml', 3, [
    'names-stage-alias-clash.yaml:13:22: stages[1].aliases[1] "making" is already the id of stage "making" (names-stage-alias-clash.yaml:7:9): each id and alias must name one stage of sector "widgets"',
  ]),
  'finding 10: aliases equal to a region alias and to a country code': committed('names-alias-is-region.yaml', 3, [
    `names-alias-is-region.yaml:3:40: countries[0].aliases[0] "row" is already an alias of region "other" (${ROW_ALIAS}): each code, id and alias must name one country or region`,
    `names-alias-is-region.yaml:5:52: regions[0].aliases[0] "se" is already the code of country "se" (${SE_CODE}): each code, id and alias must name one country or region`,
  ]),
  'finding 10: two supplier-risk overrides for one (from, to)': committed('names-duplicate-override.yaml', 3, [
    'names-duplicate-override.yaml:6:7: supplierRisk.overrides[2] a second override for from "kr", to "cn" (the first is at names-duplicate-override.yaml:4:7): keep one',
  ]),
  // --- a directory with a broken file among good ones: the good ones still report OK
  'directory with a broken file': {
    ...committed('dir-with-broken-file', 3, ['dir-with-broken-file/gadgets.yaml:10:119: stages[0].shares[0].values[1].country unknown country code "dd"; did you mean "cd", "de" or "dk"?']),
    validateStdout: [
      'dir-with-broken-file/countries.yaml: OK (countries)',
      'dir-with-broken-file/gadgets.yaml:10:119: stages[0].shares[0].values[1].country unknown country code "dd"; did you mean "cd", "de" or "dk"?',
      'dir-with-broken-file/widgets.yaml: OK (sector widgets)',
    ],
  },
};

beforeAll(async () => {
  const valid = readFileSync(join(FIXTURES, 'valid.yaml'), 'utf8');
  const at = (name: string) => join(TMP, name);
  writeFileSync(at('bom-line-1.yaml'), `\ufeffid: Widgets\n${valid.split('\n').slice(2).join('\n')}`);
  // A PNG header: binary from its first byte.
  writeFileSync(at('binary.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(at('nul.yaml'), '# NUL byte on line 3\nid: widgets\nname: Wid\u0000gets\n');
  writeFileSync(at('latin1.yaml'), Buffer.from('# saved as Latin-1\nid: widgets\nname: C\xf4te\n', 'latin1'));
  writeFileSync(at('utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id: widgets\n', 'utf16le')]));
  writeFileSync(at('deep-flow-lists.yaml'), `stages: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
  writeFileSync(at('deep-block-lists.yaml'), `stages:\n${'- '.repeat(10_000)}x\n`);
  writeFileSync(at('deep-flow-maps.yaml'), `stages: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`);
  // One byte over the limit, as a sparse file: no 10 MB written to disk.
  const fd = openSync(at('big.yaml'), 'w');
  ftruncateSync(fd, LIMIT + 1);
  closeSync(fd);
  if (process.platform !== 'win32') {
    symlinkSync('loop-b.yaml', at('loop-a.yaml'));
    symlinkSync('loop-a.yaml', at('loop-b.yaml'));
  }
  writeFileSync(at('plain.yaml'), valid);
  writeFileSync(at('unreadable.yaml'), valid);
  if (!AS_ROOT) chmodSync(at('unreadable.yaml'), 0o000);
  mkdirSync(at('empty-dir'));
  mkdirSync(CACHE);
  // Finding 1: a FIFO alone and in a directory beside a valid file; a listening socket.
  if (process.platform !== 'win32') {
    execFileSync('mkfifo', [at('fifo.yaml')]);
    mkdirSync(at('dir-with-fifo'));
    writeFileSync(at('dir-with-fifo/widgets.yaml'), valid);
    execFileSync('mkfifo', [at('dir-with-fifo/pipe.yaml')]);
  }
  // Finding 2: 200,000 keys at the top; 2,000 in one flow mapping of a share value; a duplicate.
  writeFileSync(at('keys-200000.yaml'), Array.from({ length: 200_000 }, (_, i) => `k${i}: 1\n`).join(''));
  // Line 1 a comment, lines 2-9 the valid file's up to `shares:`, line 10 the share list.
  writeFileSync(at('keys-flow.yaml'), ['# finding 2: a flow mapping of 2,000 keys', ...valid.split('\n').slice(1, 9), FLOW_KEYS_LINE, ''].join('\n'));
  writeFileSync(at('keys-duplicate.yaml'), ['id: widgets', ...Array.from({ length: MAX_MAP_KEYS - 2 }, (_, i) => `k${i}: 1`), 'k0: 2', ''].join('\n'));
  socket = await new Promise<Server | undefined>((resolve) => {
    if (process.platform === 'win32') return resolve(undefined);
    const server = createServer();
    server.listen(at('socket.yaml'), () => resolve(server));
  });
});

let socket: Server | undefined;

afterAll(async () => {
  if (existsSync(join(TMP, 'unreadable.yaml'))) chmodSync(join(TMP, 'unreadable.yaml'), 0o600);
  await new Promise<void>((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
  rmSync(TMP, { recursive: true, force: true });
});

/** Symlinks, FIFOs, sockets and /dev exist on POSIX systems only. */
const skipped = (name: string, c: Case): boolean =>
  process.platform === 'win32' && (name === 'symlink loop' || name.startsWith('finding 1:')) ? true : c.path.startsWith('/dev/') && !existsSync(c.path);

const lines = (xs: string[]) => (xs.length > 0 ? `${xs.join('\n')}\n` : '');
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

describe.concurrent('hostile input through `scsr validate <file>`', () => {
  it('the corpus holds at least 40 bad inputs', () => {
    expect(Object.values(CASES).filter((c) => c.code !== 0).length).toBeGreaterThanOrEqual(40);
  });

  for (const [name, c] of Object.entries(CASES)) {
    it.skipIf(skipped(name, c))(`${name}: exit ${c.code}`, async () => {
      const r = await scsrAsync(['validate', c.path], c.dir);
      if (c.code === 0) {
        expect(r).toEqual({ stdout: `${c.path}: OK (sector widgets)\n`, stderr: '', code: 0 });
        return;
      }
      const files = c.validateStdout ? c.validateStdout.filter((l) => l.includes(': OK (')).length + 1 : 1;
      expect(r).toEqual({
        stdout: lines(c.validateStdout ?? c.errors),
        stderr: `scsr: 1 of ${plural(files, 'file')} invalid (${plural(c.errors.length, 'error')})\n`,
        code: c.code,
      });
    }, CASE_TIMEOUT_MS);
  }
});

describe.concurrent('hostile input through `scsr score widgets --data <file>`', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it.skipIf(skipped(name, c))(`${name}: exit ${c.code}`, async () => {
      const r = await scsrAsync(['score', 'widgets', '--data', c.path], c.dir);
      if (c.code === 0) {
        // Read exactly as the same data without the BOM or the CRLF.
        const plain = await scsrAsync(['score', 'widgets', '--data', 'valid.yaml'], FIXTURES);
        expect(plain.code).toBe(0);
        expect(r).toEqual(plain);
        return;
      }
      expect(r).toEqual({
        stdout: '',
        stderr: `scsr: ${plural(c.errors.length, 'error')} in user data (run \`scsr validate ${c.path}\` for a per-file report)\n${lines(c.errors)}`,
        code: c.code,
      });
    }, CASE_TIMEOUT_MS);
  }

  it('country: no is Norway (YAML 1.2), not false (YAML 1.1)', async () => {
    const r = await scsrAsync(['score', 'widgets', '--data', 'norway-no.yaml'], FIXTURES);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Norway');
  }, CASE_TIMEOUT_MS);
});

describe.concurrent('finding 3: a cache that cannot be written means no cache, never a loop', () => {
  it.skipIf(!existsSync('/proc/self'))('finding 3: HOME=/proc: `scsr list` ends at once and prints the list', async () => {
    const r = await scsrAsync(['list'], TMP, { HOME: '/proc', XDG_CACHE_HOME: undefined });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('semiconductors');
  }, CASE_TIMEOUT_MS);

  it.skipIf(!existsSync('/proc/self'))('finding 3: HOME=/proc: `score --data` ends and prints what it prints with a cache', async () => {
    const [noCache, withCache] = await Promise.all([
      scsrAsync(['score', 'widgets', '--data', 'valid.yaml'], FIXTURES, { HOME: '/proc', XDG_CACHE_HOME: undefined }),
      scsrAsync(['score', 'widgets', '--data', 'valid.yaml'], FIXTURES),
    ]);
    expect(noCache.code).toBe(0);
    expect(noCache).toEqual(withCache);
  }, CASE_TIMEOUT_MS);

  it('finding 3: a cache directory that is a file: both caches are skipped', async () => {
    const r = await scsrAsync(['score', 'widgets', '--data', 'valid.yaml', '--json'], FIXTURES, { XDG_CACHE_HOME: join(FIXTURES, 'valid.yaml') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scores[0].sector).toBe('widgets');
  }, CASE_TIMEOUT_MS);

  it.skipIf(AS_ROOT || process.platform === 'win32')('finding 3: a read-only cache directory: both caches are skipped', async () => {
    const ro = join(TMP, 'read-only-cache');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    try {
      const r = await scsrAsync(['score', 'widgets', '--data', 'valid.yaml'], FIXTURES, { XDG_CACHE_HOME: ro });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readdirSync(ro)).toEqual([]);
    } finally {
      chmodSync(ro, 0o700);
    }
  }, CASE_TIMEOUT_MS);
});

describe('finding 6: the caches are keyed by content and bounded', () => {
  // The code cache is scsr's own on Node 20 only; Node 22.1+ has its own compile cache.
  const ownCodeCache = !(nodeModule as { enableCompileCache?: unknown }).enableCompileCache;

  it.skipIf(!ownCodeCache)('finding 6: mistyped commands and data paths add no compile-cache file', async () => {
    const dir = join(TMP, 'cache-typos');
    for (const args of [['scroe'], ['lsit'], ['--data', 'widgetz', 'score', 'widgets'], ['--data', 'gadgetz', 'score', 'widgets'], ['score', 'widgets', '--data', 'valid.yaml'], ['score', 'widgets', '--data', 'valid.yml']]) {
      await scsrAsync(args, FIXTURES, { XDG_CACHE_HOME: dir });
    }
    const names = readdirSync(join(dir, 'scsr')).filter((n) => n.endsWith('.v8'));
    // One file for every run of `score`, one for everything that is no command.
    expect(names.map((n) => n.replace(/^cli-.*-([a-z]+)\.v8$/, '$1')).sort()).toEqual(['other', 'score']);
  }, CASE_TIMEOUT_MS * 2);

  it('finding 6: a mistyped data path adds no data-cache entry', async () => {
    const dir = join(TMP, 'cache-missing-data');
    for (const path of ['widgetz.yaml', 'gadgetz.yaml', 'missing/']) {
      const r = await scsrAsync(['score', 'widgets', '--data', path], FIXTURES, { XDG_CACHE_HOME: dir });
      expect(r.code).toBe(4);
    }
    const names = existsSync(join(dir, 'scsr')) ? readdirSync(join(dir, 'scsr')) : [];
    expect(names.filter((n) => n.startsWith('data-'))).toEqual([]);
  }, CASE_TIMEOUT_MS * 2);
});

describe('hostile input in process', () => {
  it('the alias bomb (9^9 strings if expanded) is refused in under a second', () => {
    const text = readFileSync(join(FIXTURES, 'alias-bomb.yaml'), 'utf8');
    const started = performance.now();
    const r = parseYaml(text, 'alias-bomb.yaml');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.ok).toBe(false);
  });
});
