// The JSON output contract (docs/json.md): every command's --json document parses, matches
// OUTPUT_SCHEMAS[command] (the zod schemas that also generate schema/output.schema.json),
// starts with schemaVersion and command, and is byte-identical from one run to the next.
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_SCHEMAS } from '../../src/engine/output-schema.js';
import { fixture, scsr, type Run } from '../helpers/cli.js';

type Command = keyof typeof OUTPUT_SCHEMAS;

/** Each case: the document's `command`, and the arguments (built-in data) that produce it. */
const CASES: Array<[Command, string[]]> = [
  ['list sectors', ['list']],
  ['list sectors', ['list', 'sectors']],
  ['list countries', ['list', 'countries']],
  ['list regions', ['list', 'regions']],
  ['stages', ['stages', 'semiconductors']],
  ['stages', ['stages', 'batteries']],
  ['sources', ['sources']],
  ['sources', ['sources', 'batteries']],
  ['validate', ['validate']],
  ['score', ['score', 'semiconductors']],
  ['score', ['score', '--all', '--method', 'eu-crm']],
  ['score', ['score', 'batteries', '--country', 'kr', '--method', 'rating']],
  ['score', ['score', 'semiconductors', '--year', '2032']],
  ['score', ['score', 'semiconductors', '--trend']],
  ['score', ['score', 'batteries', '--trend', '--country', 'cn']],
  ['compare', ['compare', 'us', 'kr']],
  ['compare', ['compare', 'kr', 'cn', '--sector', 'batteries']],
  ['exposure', ['exposure', 'kr']],
  ['exposure', ['exposure', 'kr', '--to', 'cn']],
  ['chokepoints', ['chokepoints']],
  ['chokepoints', ['chokepoints', '--country', 'kr', '--threshold', '50']],
  ['explain', ['explain', 'semiconductors', 'fabrication']],
  ['explain', ['explain', 'batteries', 'refining', '--country', 'kr', '--method', 'eu-crm']],
  ['explain', ['explain', 'batteries', 'packs']],
  ['explain', ['explain', 'semiconductors', 'materials/photoresists', '--country', 'kr', '--year', '2020']],
  ['score', ['score', 'batteries', '--method', 'eu-crm', '--country', 'eu']],
  ['score', ['score', 'semiconductors', '--lens', 'value-weighted', '--basis', 'headquarters']],
  ['dependence', ['dependence', 'kr']],
  ['dependence', ['dependence', 'us', '--measured', '--sector', 'batteries']],
  ['events', ['events']],
  ['events', ['events', '--country', 'kr', '--year', '2020']],
  ['shock', ['shock', 'semiconductors', '--cut', 'tw', '--cut', 'kr']],
  ['shock', ['shock', 'batteries', '--cut', 'cn', '--country', 'kr', '--loss', '30%', '--uncertainty', '--samples', '500']],
  ['shock', ['shock', 'semiconductors', '--worst', '--top', '3']],
];

/** Every key anywhere in a document, with its value. */
function* entries(value: unknown, path = '$'): Generator<[string, string, unknown]> {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* entries(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield [`${path}.${k}`, k, v];
      yield* entries(v, `${path}.${k}`);
    }
  }
}

describe('JSON output contract', () => {
  describe.each(CASES)('%s: scsr %j --json', (command, args) => {
    let first: Run;
    let second: Run;
    beforeAll(() => {
      first = scsr([...args, '--json']);
      second = scsr([...args, '--json']);
    });

    it('exits 0 with a JSON document on stdout and nothing on stderr', () => {
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(() => JSON.parse(first.stdout)).not.toThrow();
    });

    it(`matches OUTPUT_SCHEMAS[${JSON.stringify(command)}]`, () => {
      const doc = JSON.parse(first.stdout);
      const parsed = OUTPUT_SCHEMAS[command].safeParse(doc);
      expect(parsed.success ? 'valid' : parsed.error.issues.slice(0, 5)).toBe('valid');
    });

    it('starts with schemaVersion 2 and the command, in that order', () => {
      const doc = JSON.parse(first.stdout);
      expect(Object.keys(doc).slice(0, 2)).toEqual(['schemaVersion', 'command']);
      expect(doc.schemaVersion).toBe(2);
      expect(doc.command).toBe(command);
      expect(first.stdout.startsWith(`{\n  "schemaVersion": 2,\n  "command": ${JSON.stringify(command)},\n`)).toBe(true);
    });

    it('gives byte-identical stdout when run twice', () => {
      expect(second.stdout).toBe(first.stdout);
    });

    it('writes percentages as numbers (or null for no data) in fields named *Pct', () => {
      const bad: string[] = [];
      let count = 0;
      for (const [path, key, v] of entries(JSON.parse(first.stdout))) {
        if (!key.endsWith('Pct')) continue;
        count++;
        if (!(v === null || (typeof v === 'number' && Number.isFinite(v)))) bad.push(`${path} = ${JSON.stringify(v)}`);
      }
      expect(bad).toEqual([]);
      // The documents that carry shares must actually have some *Pct fields for this to test anything.
      if (['score', 'compare', 'exposure', 'chokepoints', 'explain'].includes(command) && !args.includes('--trend')) expect(count).toBeGreaterThan(0);
    });
  });

  it('the --trend form of score is the {trends} branch of the score schema, with one risk per year', () => {
    const doc = JSON.parse(scsr(['score', 'semiconductors', '--trend', '--json']).stdout);
    expect(doc.scores).toBeUndefined();
    const t = doc.trends[0];
    expect(t.sector).toBe('semiconductors');
    for (const st of t.stages) expect(st.risks).toHaveLength(t.years.length);
    expect(t.weakestLinks).toHaveLength(t.years.length);
  });

  it('validate --json on a bad file is still a valid document, with valid: false and the located error', () => {
    const r = scsr(['validate', fixture('bad', 'share-140.yaml'), '--json']);
    expect(r.code).toBe(3);
    const doc = OUTPUT_SCHEMAS.validate.parse(JSON.parse(r.stdout));
    expect(doc.valid).toBe(false);
    expect(doc.files[0]!.errors[0]).toMatchObject({ line: 15, col: 34, path: 'stages[0].shares[0].values[0].share' });
  });

  it('`scsr schema output` is the JSON Schema of every command document above', () => {
    const r = scsr(['schema', 'output']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$id).toMatch(/output\.schema\.json$/);
    for (const command of new Set(CASES.map(([c]) => c))) expect(r.stdout).toContain(`"const": ${JSON.stringify(command)}`);
  });
});
