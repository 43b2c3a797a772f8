// Fuzzing the loader and the commands with mutated YAML: the built-in data files and the test
// fixtures, with lines deleted, duplicated, swapped, re-indented or cut off, numbers replaced by
// anything YAML can spell, and random characters inserted. The seed is fixed so CI runs the same
// cases every time; SCSR_FUZZ_SEED=<n> explores others.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDataError, type DataError } from '../../src/data/errors.js';
import { emptyCountries, mergeCountries, type CountriesData } from '../../src/data/model.js';
import { checkCountries, checkSector, validateShape } from '../../src/data/validate.js';
import { parseYaml } from '../../src/data/yaml-doc.js';
import { BIN, ROOT, fixture, type Run } from '../helpers/cli.js';

const SEED = Number(process.env.SCSR_FUZZ_SEED ?? 20_210_608);
console.log(`fuzz seed ${SEED} (SCSR_FUZZ_SEED=${SEED} reproduces this run)`);

const TMP = mkdtempSync(join(tmpdir(), 'scsr-fuzz-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const read = (path: string) => readFileSync(path, 'utf8');
/** Texts to mutate, with the sector a command can ask for when the mutant still loads. */
const BUILTIN = [
  { name: 'semiconductors.yaml', text: read(join(ROOT, 'data', 'semiconductors.yaml')), sector: 'semiconductors' },
  { name: 'batteries.yaml', text: read(join(ROOT, 'data', 'batteries.yaml')), sector: 'batteries' },
  { name: 'countries.yaml', text: read(join(ROOT, 'data', 'countries.yaml')), sector: 'semiconductors' },
];
const SMALL = [
  { name: 'valid.yaml', text: read(fixture('hostile-input', 'valid.yaml')), sector: 'widgets' },
  { name: 'bom.yaml', text: read(fixture('hostile-input', 'bom.yaml')), sector: 'widgets' },
  { name: 'crlf.yaml', text: read(fixture('hostile-input', 'crlf.yaml')), sector: 'widgets' },
  { name: 'countries.yaml', text: read(fixture('good', 'mini', 'countries.yaml')), sector: 'semiconductors' },
];

// --- mutations ------------------------------------------------------------------------------

/** Values YAML reads as numbers, non-numbers, nothing, or nonsense. */
const strangeValue = fc.oneof(
  fc.constantFrom('.nan', '.NaN', '.inf', '-.inf', '1e400', '-1e400', '-0', '0x10', '0o17', '1_000', '~', 'null', '', '[]', '{}', 'true', 'no', '"50"', "'x'", '*nope', '&a', '!!binary', '9007199254740993', '1e-400', '-5', '150', '100.0000001', '2022-06-30'),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ maxLength: 8 }),
);
/** Characters with a meaning in YAML, line ends and invisible troublemakers, or any code points. */
const strangeText = fc.oneof(
  fc.constantFrom(': ', '- ', '\t', '\r', '\r\n', '\u0000', '\ufeff', '\u2028', '\u00a0', '#', '"', "'", '[', ']', '{', '}', '&x ', '*x', '!x ', '|', '>', '%YAML 1.1\n', '---\n', '...\n', '? ', ',', '\\', '<<: ', '__proto__: '),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);

type Mutation =
  | { kind: 'delete' | 'duplicate' | 'truncate'; at: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'number'; at: number; to: string }
  | { kind: 'insert'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), to: strangeValue }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: strangeText }),
);

/** Apply one mutation; positions wrap around the text, so any natural number is a valid position. */
function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % lines.length;
  switch (m.kind) {
    case 'delete':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    case 'swap': {
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 'indent':
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'number': {
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?/g)];
      if (numbers.length === 0) return text;
      const n = numbers[m.at % numbers.length]!;
      return text.slice(0, n.index) + m.to + text.slice(n.index + n[0].length);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
  }
}

const mutant = (sources: typeof BUILTIN) =>
  fc.record({ source: fc.constantFrom(...sources), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) }).map(({ source, mutations }) => ({
    ...source,
    mutations,
    text: mutations.reduce(mutate, source.text),
  }));

// --- (a) in process: the loader returns errors, never throws ----------------------------------

const builtinCountries: CountriesData = (() => {
  const parsed = parseYaml(BUILTIN[2]!.text, 'countries.yaml');
  if (!parsed.ok) throw new Error('built-in countries.yaml does not parse');
  const shaped = validateShape('countries.yaml', parsed.value);
  if (!shaped.countries) throw new Error('built-in countries.yaml is not a valid countries file');
  return mergeCountries(emptyCountries(), shaped.countries);
})();

/** The whole per-file pipeline of src/data/load.ts after the read: parse, shape, cross-references. */
function loadText(text: string, file: string): DataError[] {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed.errors;
  const shaped = validateShape(file, parsed.value, builtinCountries);
  if (shaped.errors.length > 0) return shaped.errors;
  if (shaped.sector) return checkSector(file, parsed.value, shaped.sector, builtinCountries);
  return checkCountries(file, parsed.value, shaped.countries!, mergeCountries(builtinCountries, shaped.countries!));
}

function expectWellFormed(errors: DataError[], text: string): void {
  const lineCount = text.split('\n').length;
  for (const e of errors) {
    expect(formatDataError(e)).not.toMatch(/[\r\n]/);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lineCount);
    expect(e.col).toBeGreaterThanOrEqual(1);
  }
}

describe('fuzz: the loader in process', () => {
  it('no mutant of the built-in data makes the loader throw; every problem is a one-line located error', () => {
    fc.assert(
      fc.property(mutant(BUILTIN), (m) => expectWellFormed(loadText(m.text, m.name), m.text)),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('no mutant of a small file makes the loader throw; every problem is a one-line located error', () => {
    fc.assert(
      fc.property(mutant(SMALL), (m) => expectWellFormed(loadText(m.text, m.name), m.text)),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('no random document makes the loader throw', () => {
    const doc = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)), // JSON is YAML
      fc.array(fc.tuple(fc.constantFrom('id', 'stages', 'countries', 'sources', 'name', '__proto__', 'values', 'share'), strangeValue), { maxLength: 8 }).map((kv) => kv.map(([k, v]) => `${k}: ${v}`).join('\n')),
    );
    fc.assert(
      fc.property(doc, (text) => expectWellFormed(loadText(text, 'random.yaml'), text)),
      { seed: SEED, numRuns: 600 },
    );
  });
});

// --- (b) spawned: every command ends with a documented exit code, never a stack trace ---------

function scsrAsync(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.SCSR_DATA;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: TMP, env, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : null) : 0 });
    });
  });
}

const COMMANDS: Record<string, (file: string, sector: string) => string[]> = {
  validate: (file) => ['validate', file],
  score: (file, sector) => ['score', sector, '--data', file],
  explain: (file, sector) => ['explain', sector, '1', '--data', file],
  compare: (file) => ['compare', 'us', 'kr', '--data', file, '--json'],
};

describe('fuzz: the commands, spawned', () => {
  let count = 0;
  it('a mutated data file ends every command with 0, 2, 3 or 4, one-line errors and no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(mutant([...SMALL, ...BUILTIN]), fc.constantFrom(...Object.keys(COMMANDS)), async (m, command) => {
        const file = `mutant-${count++}.yaml`;
        writeFileSync(join(TMP, file), m.text);
        const r = await scsrAsync(COMMANDS[command]!(file, m.sector));
        expect([0, 2, 3, 4]).toContain(r.code);
        expect(r.stderr).not.toMatch(/^\s+at /m);
        expect(r.stderr).not.toContain('unexpected error');
        // validate prints its per-file report on stdout; the other commands print nothing when they fail.
        if (command !== 'validate' && r.code !== 0) expect(r.stdout).toBe('');
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});
