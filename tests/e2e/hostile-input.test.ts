// Hostile input: every kind of bad file a user (or an attacker) may hand to `scsr validate` or
// `--data`, each with the exact lines scsr must print and the exit code it must end with. Each
// case runs through `scsr validate <file>` and `scsr score widgets --data <file>`.
// Committed cases live in tests/fixtures/hostile-input/ (one file per case, line 1 says what it
// is); huge, binary, unreadable and looping files are made at test time in a temp dir.
import { execFile } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/data/yaml-doc.js';
import { BIN, fixture, type Run } from '../helpers/cli.js';

const FIXTURES = fixture('hostile-input');
const TMP = mkdtempSync(join(tmpdir(), 'scsr-hostile-'));
/** Root reads a chmod 000 file anyway (CI runs as root): see the `unreadable` case. */
const AS_ROOT = process.getuid?.() === 0;
const LIMIT = 10 * 1024 * 1024; // MAX_FILE_BYTES of src/data/load.ts, the documented limit

/** The CLI spawned asynchronously, so that the cases of a `describe.concurrent` overlap. */
function scsrAsync(args: string[], cwd: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.SCSR_DATA;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : null) : 0 });
    });
  });
}

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
  'neither sector nor countries': committed('type-root-unknown-kind.yaml', 3, ['type-root-unknown-kind.yaml:2:1: is neither a sector file (needs `stages`) nor a countries file (needs one of `countries`, `regions`, `groups`, `concerns` or `supplierRisk`)']),
  // --- wrong types
  'name is a number': committed('type-name-number.yaml', 3, ['type-name-number.yaml:3:7: name must be a string (got 42)']),
  'name has no value': committed('type-null-name.yaml', 3, ['type-null-name.yaml:3:6: name must be a string (got null)']),
  'stages is a mapping': committed('type-stages-mapping.yaml', 3, ['type-stages-mapping.yaml:7:3: stages must be a list (got a mapping)']),
  'share is a percent string': committed('type-share-string.yaml', 3, ['type-share-string.yaml:16:34: stages[0].shares[0].values[1].share must be a number (got "50%")']),
  'share is a boolean': committed('type-boolean-share.yaml', 3, ['type-boolean-share.yaml:15:34: stages[0].shares[0].values[0].share must be a number (got true)']),
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
  'alpha-3 country code': committed('country-code-alpha3.yaml', 3, ['country-code-alpha3.yaml:15:23: stages[0].shares[0].values[0].country must be an ISO 3166-1 alpha-2 code in lower case (e.g. "kr") (got "USA"); did you mean "us"?']),
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

beforeAll(() => {
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
});

afterAll(() => {
  if (existsSync(join(TMP, 'unreadable.yaml'))) chmodSync(join(TMP, 'unreadable.yaml'), 0o600);
  rmSync(TMP, { recursive: true, force: true });
});

const lines = (xs: string[]) => (xs.length > 0 ? `${xs.join('\n')}\n` : '');
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

describe.concurrent('hostile input through `scsr validate <file>`', () => {
  it('the corpus holds at least 40 bad inputs', () => {
    expect(Object.values(CASES).filter((c) => c.code !== 0).length).toBeGreaterThanOrEqual(40);
  });

  for (const [name, c] of Object.entries(CASES)) {
    it.skipIf(name === 'symlink loop' && process.platform === 'win32')(`${name}: exit ${c.code}`, async () => {
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
    });
  }
});

describe.concurrent('hostile input through `scsr score widgets --data <file>`', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it.skipIf(name === 'symlink loop' && process.platform === 'win32')(`${name}: exit ${c.code}`, async () => {
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
    });
  }

  it('country: no is Norway (YAML 1.2), not false (YAML 1.1)', async () => {
    const r = await scsrAsync(['score', 'widgets', '--data', 'norway-no.yaml'], FIXTURES);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Norway');
  });

  it.skipIf(!existsSync('/dev/zero'))('an endless device is cut at the size limit, not read into memory', async () => {
    const r = await scsrAsync(['score', 'widgets', '--data', '/dev/zero'], TMP);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`/dev/zero: is over the ${LIMIT}-byte limit for a data file`);
  });
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
