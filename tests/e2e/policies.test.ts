// `scsr policies` run as a user runs it: the built-in sectors against KIET Tables 5 and 6, the
// gizmos fixture for gaps and another country's impacts, every format, and bad input.
import { describe, expect, it } from 'vitest';
import { OUTPUT_SCHEMAS } from '../../src/engine/output-schema.js';
import { fixture, scsr, scsrJson } from '../helpers/cli.js';

const GIZMOS = ['--data', fixture('good', 'shock')];

function policies(args: string[]): any {
  const doc = scsrJson(['policies', ...args]);
  const parsed = OUTPUT_SCHEMAS.policies.safeParse(doc);
  expect(parsed.success ? 'valid' : parsed.error.issues.slice(0, 5)).toBe('valid');
  expect(Object.keys(doc).slice(0, 2)).toEqual(['schemaVersion', 'command']);
  return doc;
}

const total = (sector: any, horizon: string) => sector.totals.find((t: any) => t.horizon === horizon);

describe('scsr policies on the built-in sectors (KIET Tables 5 and 6, impacts on Korea)', () => {
  it('semiconductors: seven policies; short term ++ ++ + 0 0 ++ ++ = +9, mid-long + − − − − 0 0 = −3', () => {
    const d = policies(['semiconductors']);
    const s = d.sectors[0];
    expect(d.country).toBe('kr');
    expect(s.policies.map((p: any) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(s.policies.map((p: any) => p.impact.short.score)).toEqual([2, 2, 1, 0, 0, 2, 2]);
    expect(total(s, 'short')).toMatchObject({ sum: 9, rated: 7, positive: 5, negative: 0, mean: 1.29 });
    expect(total(s, 'long')).toMatchObject({ sum: -3, positive: 1, negative: 4 });
    expect(s.headline).toMatchObject({ positiveSum: 9, negativeSum: 0, outweighs: true });
    // Table 5 row 7 is cut short: its text is a gap, not filled in.
    expect(s.policies[6].impact.text).toEqual([]);
    expect(s.policies[6].impact.gap).toEqual(expect.any(String));
  });

  it('batteries: short term ++ 0 0 0 = +2, so positives outweigh negatives', () => {
    const s = policies(['batteries']).sectors[0];
    expect(s.policies).toHaveLength(4);
    expect(total(s, 'short')).toMatchObject({ sum: 2, positive: 1, negative: 0 });
    expect(s.headline.outweighs).toBe(true);
  });

  it('--all recomputes the report\'s headline over both sectors', () => {
    const d = policies(['--all']);
    expect(d.sectors.map((s: any) => s.sector).sort()).toEqual(['batteries', 'semiconductors']);
    expect(d.overall).toMatchObject({ horizon: 'short', positiveSum: 11, negativeSum: 0, outweighs: true });
    const r = scsr(['policies', '--all']);
    expect(r.stdout).toContain('All sectors: short-term positive impacts outweigh short-term negative ones? yes');
  });

  it('--horizon picks the columns and the totals', () => {
    expect(policies(['batteries', '--horizon', 'short']).sectors[0].totals.map((t: any) => t.horizon)).toEqual(['short']);
    expect(policies(['batteries', '--horizon', 'long']).sectors[0].totals.map((t: any) => t.horizon)).toEqual(['long']);
    const table = scsr(['policies', 'batteries', '--horizon', 'long']);
    expect(table.stdout).toContain('Mid to long term');
    expect(table.stdout).not.toContain('Short term  ');
    // CSV keeps its columns; the horizon not asked for is empty.
    const csv = scsr(['policies', 'batteries', '--horizon', 'long', '--format', 'csv']).stdout.split('\r\n');
    expect(csv[0]).toBe('sector,viewpoint,number,policy,title,measures,stages,stages_inferred,short_level,short_score,long_level,long_score,impact,gap,source,impact_source');
    for (const row of csv.slice(1, -1)) expect(row).toMatch(/,(true|false),,,/);
  });

  it('writes table, CSV and Markdown', () => {
    const t = scsr(['policies', 'semiconductors']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('very positive (+2)');
    expect(t.stdout).toContain('gap: ');
    const csv = scsr(['policies', 'semiconductors', '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[1]).toMatch(/^semiconductors,kr,1,/);
    const md = scsr(['policies', 'semiconductors', '--format', 'md']);
    expect(md.stdout).toContain('| # | Policy | Key measures | Stages | Short term | Mid to long term |');
    expect(md.stdout).toContain('- Short term: net +9');
  });
});

describe('scsr policies on the gizmos fixture', () => {
  it('keeps gaps as gaps and nets the rest: short +2 −1 0 = +1, long −1 −2 (one gap) = −3', () => {
    const s = policies(['gizmos', ...GIZMOS]).sectors[0];
    expect(s.policies[2].impact).toMatchObject({ short: { level: 'neutral', score: 0 }, long: null, text: [], gap: 'The source row is cut short after the short-term symbol' });
    expect(total(s, 'short')).toMatchObject({ sum: 1, rated: 3, gaps: 0, positiveSum: 2, negativeSum: -1 });
    expect(total(s, 'long')).toMatchObject({ sum: -3, rated: 2, gaps: 1, mean: -1.5 });
    expect(s.headline.outweighs).toBe(true);
    expect(s.policies[1].stagesInferred).toBe(true);
  });

  it('--country picks another country\'s impacts where the data have them', () => {
    const s = policies(['gizmos', '--country', 'japan', ...GIZMOS]).sectors[0];
    expect(s.country).toBe('jp');
    expect(s.policies.map((p: any) => p.impact?.short.score ?? null)).toEqual([1, null, null]);
    expect(total(s, 'short')).toMatchObject({ rated: 1, gaps: 2, sum: 1 });
  });
});

describe('scsr policies: bad input is one line on stderr and exit code 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['--horizon sideways', ['batteries', '--horizon', 'sideways'], /sideways/],
    ['a country without impacts', ['batteries', '--country', 'us'], /no policy impacts for us in batteries \(the data give impacts for: kr\)/],
    ['an unknown country', ['batteries', '--country', 'koera'], /unknown country "koera"; did you mean/],
    ['an unknown sector', ['chips-and-dip'], /unknown sector "chips-and-dip"/],
    ['no sector', [], /missing sector/],
    ['a sector without policies', ['widgets', '--data', fixture('good', 'mini')], /sector widgets has no policy recommendations/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const r = scsr(['policies', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
