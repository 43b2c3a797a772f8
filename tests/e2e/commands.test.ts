// Every foundation and scoring command, in every output format, run as a user runs it: the
// built CLI on the built-in data. Each format must succeed quietly and say what the report
// itself concludes (the weakest links of KIET 2021, the Table 1 ratings); every failure is one
// line on stderr and exit code 2.
import { beforeAll, describe, expect, it } from 'vitest';
import { scsr, type Run } from '../helpers/cli.js';

const FORMATS = ['table', 'csv', 'md', 'json'] as const;
// The tidy-table contract of CSV, TSV and NDJSON for every command is tests/e2e/csv.test.ts.
type Format = (typeof FORMATS)[number];

const RUNS = {
  list: ['list'],
  'list countries': ['list', 'countries'],
  'stages semiconductors': ['stages', 'semiconductors'],
  'sources batteries': ['sources', 'batteries'],
  'score semiconductors': ['score', 'semiconductors'],
  'score batteries': ['score', 'batteries'],
  'score batteries --country kr': ['score', 'batteries', '--country', 'kr'],
  'score semiconductors --year 2032': ['score', 'semiconductors', '--year', '2032'],
  'score semiconductors --trend': ['score', 'semiconductors', '--trend'],
  'compare us kr': ['compare', 'us', 'kr'],
  'exposure kr --to cn': ['exposure', 'kr', '--to', 'cn'],
  'chokepoints --threshold 90': ['chokepoints', '--threshold', '90'],
  'explain semiconductors fabrication': ['explain', 'semiconductors', 'fabrication'],
} satisfies Record<string, string[]>;
type Name = keyof typeof RUNS;

const out = {} as Record<Name, Record<Format, Run>>;
beforeAll(() => {
  for (const [name, args] of Object.entries(RUNS) as Array<[Name, string[]]>) {
    out[name] = {} as Record<Format, Run>;
    for (const f of FORMATS) out[name][f] = scsr([...args, '--format', f]);
  }
});
const json = (name: Name) => JSON.parse(out[name].json.stdout);

/** RFC 4180 CSV (one table since the tidy records: a blank line would start another). Returns tables of rows of fields. */
function parseCsv(text: string): string[][][] {
  const tables: string[][][] = [];
  let rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    field = '';
    if (row.length === 1 && row[0] === '') {
      if (rows.length) tables.push(rows);
      rows = [];
    } else rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') endRow(), i++;
    else if (ch === '\n') endRow();
    else field += ch;
  }
  if (field !== '' || row.length) endRow();
  if (rows.length) tables.push(rows);
  return tables;
}

/** Cells of one Markdown table row (pipes inside cells are escaped as \|). */
const mdCells = (line: string): number => line.replace(/\\\\/g, '').split(/(?<!\\)\|/).length - 2;

/** Rows of the first CSV table as objects keyed by its header. */
function csvRecords(text: string, table = 0): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text)[table]!;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

describe.each(Object.keys(RUNS) as Name[])('scsr %s', (name) => {
  it.each(FORMATS)('--format %s exits 0, writes nothing to stderr and something to stdout', (f) => {
    const r = out[name][f];
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().length).toBeGreaterThan(0);
  });

  it('csv: one table, every line with as many fields as its header', () => {
    const tables = parseCsv(out[name].csv.stdout);
    expect(tables).toHaveLength(1);
    for (const row of tables[0]!) expect(row.length).toBe(tables[0]![0]!.length);
  });

  it('md: every row of a table has as many cells as its header', () => {
    let width = -1;
    for (const line of out[name].md.stdout.split('\n')) {
      if (!line.startsWith('|')) width = -1;
      else if (width < 0) width = mdCells(line);
      else expect(mdCells(line), line).toBe(width);
    }
  });

  it('table: plain text when NO_COLOR is set', () => {
    expect(out[name].table.stdout).not.toMatch(/\x1b\[/);
  });
});

describe('what each command says', () => {
  it('list names both built-in sectors', () => {
    for (const f of ['table', 'csv', 'md'] as const) {
      expect(out.list[f].stdout).toContain('semiconductors');
      expect(out.list[f].stdout).toContain('batteries');
    }
    expect(json('list').sectors.map((s: { id: string }) => s.id).sort()).toEqual(['batteries', 'semiconductors']);
  });

  it('list countries lists kr as South Korea with its aliases', () => {
    const kr = csvRecords(out['list countries'].csv.stdout).find((r) => r.code === 'kr')!;
    expect(kr.name).toBe('South Korea');
    expect(kr.aliases!.split('; ')).toEqual(expect.arrayContaining(['korea', 'south-korea', 'kor']));
    expect(out['list countries'].table.stdout).toMatch(/^kr {3,}South Korea/m);
    expect(out['list countries'].md.stdout).toMatch(/^\| kr \| South Korea \|.*south-korea/m);
    expect(json('list countries').countries.find((c: { code: string }) => c.code === 'kr').aliases).toContain('south-korea');
  });

  // "Very weak" is read from KIET's "the weakest sector" (the category is in a figure that is
  // not in the seed text), so the data mark it inferred (data review K1).
  it('stages semiconductors shows the Table 1 ratings: fabrication very weak (inferred), design satisfactory (inferred)', () => {
    const rows = csvRecords(out['stages semiconductors'].csv.stdout);
    const rating = (id: string) => rows.find((r) => r.stage === id)!;
    expect(rating('fabrication')).toMatchObject({ rating: 'very-weak', rating_inferred: 'true' });
    expect(rating('design')).toMatchObject({ rating: 'satisfactory', rating_inferred: 'true' });
    expect(rating('atp').rating).toBe('weak');
    expect(out['stages semiconductors'].table.stdout).toMatch(/Fabrication +very weak \(inferred\)/);
    expect(out['stages semiconductors'].md.stdout).toContain('| very weak (inferred) |');
    const stages = json('stages semiconductors').stages;
    expect(stages.find((s: { id: string }) => s.id === 'fabrication').rating).toMatchObject({ value: 'very-weak', inferred: true });
    expect(stages.find((s: { id: string }) => s.id === 'design').rating).toMatchObject({ inferred: true });
  });

  it('sources batteries numbers its sources 1, 2, 3 ... and every one cites a publisher', () => {
    const rows = csvRecords(out['sources batteries'].csv.stdout);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => String(i + 1)));
    const doc = json('sources batteries');
    expect(doc.sources.map((s: { number: number }) => s.number)).toEqual(doc.sources.map((_: unknown, i: number) => i + 1));
    expect(doc.sources.every((s: { sector: string }) => s.sector === 'batteries')).toBe(true);
    expect(out['sources batteries'].table.stdout).toMatch(/^ +1 {2}Korea Institute for Industrial Economics and Trade/m);
  });

  it('sources lists the trade and criticality files\' sources too, with what they supply', () => {
    const doc = json('sources batteries');
    const byId = new Map(doc.sources.map((s: { id: string }) => [s.id, s]));
    // Korea's battery imports (trade file) and the Commission's CRM 2023 inputs (criticality file).
    expect(JSON.stringify(byId.get('motie-2023-batteries'))).toContain('imports of kr');
    expect(JSON.stringify(byId.get('ec-crm-2023-annex4'))).toContain('EU CRM');
  });

  it('score semiconductors names Fabrication as the weakest link (KIET 2021: "the weakest sector")', () => {
    expect(out['score semiconductors'].table.stdout).toMatch(/^Weakest link: Fabrication \(risk [\d.]+\)$/m);
    expect(out['score semiconductors'].md.stdout).toMatch(/^- Weakest link: Fabrication \(risk [\d.]+\)$/m);
    expect(json('score semiconductors').scores[0].weakestLink.stage).toBe('fabrication');
    // The CSV has no summary lines: the Fabrication row carries the highest risk and the flag.
    const rows = csvRecords(out['score semiconductors'].csv.stdout).filter((r) => r.depth === '0');
    const top = rows.reduce((a, b) => (Number(b.risk) > Number(a.risk) ? b : a));
    expect(top).toMatchObject({ stage: 'fabrication', weakest_link: 'true' });
  });

  it('score batteries names Refining and processing as the weakest link', () => {
    expect(out['score batteries'].table.stdout).toMatch(/^Weakest link: Refining and processing \(risk [\d.]+\)$/m);
    expect(out['score batteries'].md.stdout).toMatch(/^- Weakest link: Refining and processing/m);
    expect(json('score batteries').scores[0].weakestLink.stage).toBe('refining');
  });

  it('score batteries --country kr scores from Korea, without the US self-assessment ratings', () => {
    const r = out['score batteries --country kr'];
    expect(r.table.stdout).toContain('Batteries (lithium-ion) from the viewpoint of South Korea');
    expect(parseCsv(r.csv.stdout)[0]![0]).toContain('viewpoint_share_pct');
    expect(csvRecords(r.csv.stdout).every((x) => x.viewpoint === 'kr')).toBe(true);
    expect(r.md.stdout).toContain('| KR share |');
    const s = json('score batteries --country kr').scores[0];
    expect(s.viewpoint).toBe('kr');
    expect(s.stages.every((st: { risk: { rating: number | null } }) => st.risk.rating === null)).toBe(true);
    expect(s.weakestLink).not.toBeNull();
  });

  it('score semiconductors --year 2032 uses the 2032 projection for fabrication and labels it', () => {
    const r = out['score semiconductors --year 2032'];
    expect(r.table.stdout).toContain('year 2032');
    const stage = (id: string) => csvRecords(r.csv.stdout).find((x) => x.node === id)!;
    expect(stage('fabrication')).toMatchObject({ requested_year: '2032', snapshot_year: '2032', projection: 'true' });
    // Stages without a 2032 figure use an older year.
    expect(Number(stage('design').snapshot_year)).toBeLessThan(2032);
    expect(r.md.stdout).toContain('year 2032');
    const st = json('score semiconductors --year 2032').scores[0].stages.find((x: { id: string }) => x.id === 'fabrication');
    expect(st.snapshot).toMatchObject({ year: 2032, projection: true });
  });

  it('score semiconductors --trend lists the data years, projections marked, with a weakest link per year', () => {
    const r = out['score semiconductors --trend'];
    const doc = json('score semiconductors --trend').trends[0];
    const years: Array<{ year: number; projection: boolean }> = doc.years;
    expect(years.length).toBeGreaterThan(2);
    expect(years.map((y) => y.year)).toEqual([...years.map((y) => y.year)].sort((a, b) => a - b));
    expect(years).toContainEqual({ year: 2032, projection: true });
    // CSV: one row per stage and year; the weakest link of each year flagged.
    const rows = csvRecords(r.csv.stdout);
    expect(rows).toHaveLength(doc.stages.length * years.length);
    const flagged = years.map((y) => rows.find((x) => x.year === String(y.year) && x.weakest_link === 'true')?.stage ?? null);
    expect(flagged).toEqual(doc.weakestLinks);
    expect(rows.find((x) => x.year === '2032')!.projection).toBe('true');
    expect(r.table.stdout).toContain('2032 (proj.)');
    expect(r.md.stdout).toContain('| 2032 (proj.) |');
  });

  it('compare us kr gives a verdict per sector, the same in every format', () => {
    const doc = json('compare us kr');
    expect(doc.comparisons.map((c: { sector: string }) => c.sector).sort()).toEqual(['batteries', 'semiconductors']);
    for (const c of doc.comparisons) {
      expect(c.verdict.startsWith(`${c.name}: `)).toBe(true);
      expect(out['compare us kr'].table.stdout).toContain(c.verdict);
      expect(out['compare us kr'].md.stdout).toContain(c.verdict);
    }
    // CSV: one table, a row per sector, stage and country, with its reliance on the other.
    const rows = csvRecords(out['compare us kr'].csv.stdout);
    expect(new Set(rows.map((x) => x.sector))).toEqual(new Set(['batteries', 'semiconductors']));
    expect(rows.filter((x) => x.viewpoint === 'us').every((x) => x.partner === 'kr')).toBe(true);
    expect(Object.keys(rows[0]!)).toContain('relies_on_partner_pct');
  });

  it('exposure kr --to cn shows only China, with its maximum at battery refining', () => {
    const doc = json('exposure kr --to cn');
    expect(doc).toMatchObject({ country: 'kr', to: 'cn' });
    for (const s of doc.sectors) for (const e of s.exposures) expect(e.partner).toBe('cn');
    const bat = doc.sectors.find((s: { sector: string }) => s.sector === 'batteries').exposures[0];
    expect(bat.maxStage).toBe('refining');
    const rows = csvRecords(out['exposure kr --to cn'].csv.stdout);
    expect(new Set(rows.map((x) => x.partner))).toEqual(new Set(['cn']));
    const refining = rows.find((x) => x.sector === 'batteries' && x.stage === 'refining')!;
    expect(refining).toMatchObject({ viewpoint: 'kr', partner_max_pct: String(bat.maxPct), partner_max_node: bat.maxNode });
    expect(out['exposure kr --to cn'].table.stdout).toContain('exposure of KR to CN');
  });

  it('chokepoints --threshold 90 lists only suppliers holding 90% or more', () => {
    const doc = json('chokepoints --threshold 90');
    expect(doc.thresholdPct).toBe(90);
    expect(doc.chokepoints.length).toBeGreaterThan(0);
    for (const c of doc.chokepoints) expect(c.sharePct).toBeGreaterThanOrEqual(90);
    const rows = csvRecords(out['chokepoints --threshold 90'].csv.stdout);
    expect(rows).toHaveLength(doc.chokepoints.length);
    for (const r of rows) expect(Number(r.share_pct)).toBeGreaterThanOrEqual(90);
    expect(out['chokepoints --threshold 90'].table.stdout).toContain('line 90% of world supply');
  });

  it('explain semiconductors fabrication shows the HHI as the sum of squared shares, step by step', () => {
    const doc = json('explain semiconductors fabrication');
    const hhi = doc.steps.find((s: { label: string }) => s.label === 'HHI');
    // The formula lists every named supplier's share squared: their sum is the HHI (the rest adds 0).
    const squares = [...hhi.formula.matchAll(/([\d.]+)²/g)].map((m: RegExpMatchArray) => Number(m[1]) ** 2);
    const named = doc.suppliers.filter((s: { kind: string }) => s.kind !== 'rest');
    expect(squares).toHaveLength(named.length);
    expect(squares.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(hhi.value, 0);
    expect(hhi.value).toBe(doc.score.hhi);
    const effective = doc.steps.find((s: { label: string }) => s.label === 'effective suppliers');
    expect(effective.value).toBeCloseTo(10_000 / doc.score.hhi, 1);
    for (const f of ['table', 'md'] as const) {
      expect(out['explain semiconductors fabrication'][f].stdout).toContain('Σ s² = ');
      expect(out['explain semiconductors fabrication'][f].stdout).toContain('effective suppliers');
      expect(out['explain semiconductors fabrication'][f].stdout).toContain('blended risk');
    }
    // CSV: one row per supplier; their risk points are the steps' inputs.
    const suppliers = csvRecords(out['explain semiconductors fabrication'].csv.stdout);
    expect(suppliers.map((x) => Number(x.risk_points))).toEqual(doc.suppliers.map((x: { riskPoints: number }) => x.riskPoints));
  });

  it('schema sector is valid JSON with $schema and $id', () => {
    const r = scsr(['schema', 'sector']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.$id).toMatch(/sector\.schema\.json$/);
  });
});

describe('names and aliases are case-insensitive', () => {
  it.each([
    [['score', 'Chips'], ['score', 'semiconductors']],
    [['score', 'BATTERIES', '--country', 'Korea'], ['score', 'batteries', '--country', 'kr']],
    [['compare', 'USA', 'south-korea'], ['compare', 'us', 'kr']],
    [['compare', 'United States', 'South Korea', '--sector', 'Semis'], ['compare', 'us', 'kr', '--sector', 'semiconductors']],
    [['explain', 'Semiconductors', 'FABRICATION'], ['explain', 'semiconductors', 'fabrication']],
    [['exposure', 'KR', '--to', 'China'], ['exposure', 'kr', '--to', 'cn']],
    [['stages', 'Li-Ion'], ['stages', 'batteries']],
  ])('scsr %j prints the same as scsr %j', (given, canonical) => {
    const a = scsr([...given, '--json']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(scsr([...canonical, '--json']).stdout);
  });
});

describe('bad input: exit 2, one line on stderr starting "scsr:", nothing on stdout', () => {
  it.each([
    [['score', 'semicondutors'], /^scsr: unknown sector "semicondutors"; did you mean "semiconductors"\?/],
    [['score', 'batteries', '--country', 'kroea'], /^scsr: option --country: unknown country or region "kroea"; did you mean "kr"\?/],
    [['compare', 'us', 'chnia'], /^scsr: argument <b>: unknown country or region "chnia"; did you mean "cn"\?/],
    [['exposure', 'kr', '--to', 'chna'], /^scsr: option --to: unknown country "chna"; did you mean "cn"\?/],
    [['explain', 'semiconductors', 'fabrcation'], /^scsr: unknown stage of semiconductors "fabrcation"; did you mean "fabrication"\?/],
    [['score', 'semiconductors', '--thresold', '50'], /^scsr: unknown option '--thresold'; did you mean --threshold\?$/],
    [['score', 'semiconductors', '--bogus'], /^scsr: unknown option '--bogus'$/],
    [['score', 'semiconductors', '--year', '1800'], /^scsr: option --year must be a year from 1950 to 2100 \(got "1800"\)$/],
    [['score', 'semiconductors', '--year', 'next'], /^scsr: option --year must be a year from 1950 to 2100 \(got "next"\)$/],
    [['chokepoints', '--threshold', '150'], /^scsr: option --threshold must be a percentage from 0 to 100, like 65 or 65% \(got "150"\)$/],
    [['score', 'semiconductors', '--threshold', 'high'], /^scsr: option --threshold must be a percentage/],
    [['score', 'semiconductors', '--format', 'xml'], /^scsr: option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are table, json, csv, tsv, ndjson, md/],
    [['score', 'semiconductors', '--json', '--format', 'csv'], /^scsr: --json conflicts with --format csv$/],
    [['score', 'semiconductors', '--method', 'guess'], /^scsr: option '-m, --method <method>' argument 'guess' is invalid/],
    [['scroe', 'semiconductors'], /^scsr: unknown command 'scroe'; did you mean score\?$/],
    [['score'], /^scsr: missing sector/],
    [['stages'], /^scsr: missing required argument 'sector'$/],
    [['compare', 'us', 'usa'], /^scsr: compare needs two different countries/],
    [['list', 'things'], /^scsr: unknown list "things"/],
    [['schema', 'things'], /^scsr: unknown schema "things": use one of sector, countries, trade, criticality, output$/],
  ])('scsr %j', (args, message) => {
    const r = scsr(args);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
