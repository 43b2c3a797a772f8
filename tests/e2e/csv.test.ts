// Every command's CSV is one tidy table (docs/csv.md): one header, one row per observation, the
// same columns in every row, numbers as numbers (checked against the typed NDJSON of the same
// run), empty for no data; TSV holds the same table; sector and viewpoint columns where they apply.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, fixture } from '../helpers/cli.js';

/** RFC 4180: fields separated by commas, records by CRLF, quotes doubled inside quoted fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field !== '' || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

const RUNS: Record<string, string[]> = {
  list: ['list'],
  'list countries': ['list', 'countries'],
  'list regions': ['list', 'regions'],
  stages: ['stages', 'semiconductors'],
  sources: ['sources'],
  'score --all': ['score', '--all'],
  'score --inputs --country kr': ['score', 'batteries', '--country', 'kr', '--inputs'],
  'score --method eu-crm': ['score', '--all', '--method', 'eu-crm'],
  'score --trend': ['score', '--all', '--trend'],
  compare: ['compare', 'us', 'kr'],
  exposure: ['exposure', 'kr'],
  chokepoints: ['chokepoints', '--country', 'kr'],
  explain: ['explain', 'semiconductors', 'fabrication'],
  policies: ['policies', '--all'],
  'policies --horizon short': ['policies', 'batteries', '--horizon', 'short'],
  shock: ['shock', 'batteries', '--cut', 'cn'],
  'shock --uncertainty': ['shock', 'batteries', '--cut', 'cn', '--loss', '30%', '--year', '2021', '--uncertainty', '--samples', '500'],
  'shock --worst': ['shock', 'semiconductors', '--worst', '--top', '5'],
  dependence: ['dependence', 'kr'],
  events: ['events'],
  validate: ['validate', fixture('bad', 'three-errors.yaml'), fixture('good', 'mini')],
};
/** Commands whose rows carry a sector, and a viewpoint. */
const WITH_SECTOR = ['stages', 'sources', 'score --all', 'score --inputs --country kr', 'score --method eu-crm', 'score --trend', 'compare', 'exposure', 'chokepoints', 'explain', 'policies', 'policies --horizon short', 'shock', 'shock --uncertainty', 'shock --worst', 'dependence'];
const WITH_VIEWPOINT = ['score --all', 'score --inputs --country kr', 'score --method eu-crm', 'score --trend', 'compare', 'exposure', 'chokepoints', 'explain', 'policies', 'policies --horizon short', 'shock', 'shock --uncertainty', 'shock --worst', 'dependence', 'events'];

type Out = Record<'csv' | 'tsv' | 'ndjson', string>;
const out: Record<string, Out> = {};

const run = (args: string[]) =>
  new Promise<string>((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.SCSR_DATA;
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, maxBuffer: 1 << 26 }, (e, stdout, stderr) => {
      // validate exits 3 on the bad fixture, as documented; anything else must succeed quietly.
      if ((e && !(args[0] === 'validate' && e.code === 3)) || (stderr && args[0] !== 'validate')) reject(new Error(`scsr ${args.join(' ')}: ${stderr}`));
      else resolve(stdout);
    });
  });

beforeAll(async () => {
  await Promise.all(
    Object.entries(RUNS).map(async ([name, args]) => {
      const [csv, tsv, ndjson] = await Promise.all(['csv', 'tsv', 'ndjson'].map((f) => run([...args, '--format', f])));
      out[name] = { csv: csv!, tsv: tsv!, ndjson: ndjson! };
    }),
  );
}, 300_000);

describe.each(Object.keys(RUNS))('scsr %s', (name) => {
  it('CSV: one header, then rows of as many fields, none repeating the header', () => {
    const [header, ...rows] = parseCsv(out[name]!.csv);
    expect(header!.length).toBeGreaterThan(1);
    expect(new Set(header).size).toBe(header!.length);
    for (const h of header!) expect(h).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r).toHaveLength(header!.length);
      expect(r).not.toEqual(header);
    }
  });

  it('numbers are numbers: every numeric NDJSON value is the same number in the CSV cell; null is an empty cell', () => {
    const [header, ...rows] = parseCsv(out[name]!.csv);
    const records = out[name]!.ndjson.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(rows.length);
    let numbers = 0;
    records.forEach((rec, i) => {
      expect(Object.keys(rec)).toEqual(header);
      header!.forEach((h, j) => {
        const v = rec[h];
        const cellText = rows[i]![j]!;
        if (v === null) expect(cellText).toBe('');
        else if (typeof v === 'number') {
          expect(Number(cellText)).toBe(v);
          numbers++;
        } else if (typeof v === 'boolean') expect(cellText).toBe(String(v));
      });
    });
    // A column is numeric in every row or in none (no "51%" beside 51).
    for (const h of header!) {
      const types = new Set(records.map((r) => r[h]).filter((v) => v !== null).map((v) => typeof v));
      expect(types.size, h).toBeLessThanOrEqual(1);
    }
    // Regions are names and lists only: no number to find there.
    if (name !== 'list regions' && (name !== 'validate' || records.some((r) => r.line !== null))) expect(numbers).toBeGreaterThan(0);
  });

  it('TSV holds the same table', () => {
    const csv = parseCsv(out[name]!.csv);
    const tsv = out[name]!.tsv.replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
    expect(tsv).toEqual(csv.map((r) => r.map((c) => c.replace(/\n/g, ' '))));
  });
});

describe('sector and viewpoint columns', () => {
  it.each(WITH_SECTOR)('scsr %s has a sector column', (name) => {
    expect(parseCsv(out[name]!.csv)[0]).toContain('sector');
  });

  it.each(WITH_VIEWPOINT)('scsr %s has a viewpoint column', (name) => {
    expect(parseCsv(out[name]!.csv)[0]).toContain('viewpoint');
  });
});

describe('what the records say', () => {
  const records = (name: string) => out[name]!.ndjson.trimEnd().split('\n').map((l) => JSON.parse(l));

  it('score --all: both sectors in one table, the weakest links of KIET 2021 flagged', () => {
    const rows = records('score --all');
    expect(new Set(rows.map((r) => r.sector))).toEqual(new Set(['batteries', 'semiconductors']));
    const weakest = rows.filter((r) => r.weakest_link).map((r) => `${r.sector}/${r.stage}`);
    expect(weakest.sort()).toEqual(['batteries/refining', 'semiconductors/fabrication']);
    // A stage row (depth 0) carries its risk; input rows (depth 1 and more) name their node and carry no stage risk.
    for (const r of rows) expect(r.depth === 0 ? r.node === r.stage : r.risk === null && r.node.startsWith(`${r.stage}/`)).toBe(true);
    const fab = rows.find((r) => r.node === 'fabrication');
    expect(fab).toMatchObject({ viewpoint: 'us', rating: 'very-weak', viewpoint_listed: true });
    expect(typeof fab.viewpoint_share_pct).toBe('number');
  });

  it('compare: two rows per stage, one from each country, each naming the other as partner', () => {
    const rows = records('compare');
    for (const r of rows) expect([r.viewpoint, r.partner].sort()).toEqual(['kr', 'us']);
    expect(rows.filter((r) => r.viewpoint === 'us')).toHaveLength(rows.length / 2);
  });

  it('policies --horizon short: the long-term columns are empty', () => {
    const rows = records('policies --horizon short');
    expect(rows.every((r) => r.long_score === null && r.long_level === null)).toBe(true);
    expect(rows.some((r) => typeof r.short_score === 'number')).toBe(true);
  });

  it('shock --worst: one row per country or region cut off, world ranks 1..5', () => {
    const rows = records('shock --worst');
    expect(new Set(rows.map((r) => r.target)).size).toBe(rows.length);
    expect(rows.filter((r) => r.world_rank !== null).map((r) => r.world_rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('validate: one row per error of the bad file, one row for each valid file', () => {
    const rows = records('validate');
    const bad = rows.filter((r) => !r.valid);
    expect(bad.length).toBe(3);
    for (const r of bad) expect(r.line).toBeGreaterThan(0);
    expect(rows.filter((r) => r.valid).length).toBe(2);
  });
});

describe('docs/csv.md', () => {
  const doc = readFileSync(new URL('../../docs/csv.md', import.meta.url), 'utf8');
  const documented = new Set([...doc.matchAll(/```text\n([^\n]+)\n```/g)].map((m) => m[1]!));

  it.each(Object.keys(RUNS))('shows the exact header of scsr %s', (name) => {
    expect(documented).toContain(parseCsv(out[name]!.csv)[0]!.join(','));
  });
});
