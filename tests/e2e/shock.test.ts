// `scsr shock` run as a user runs it: every option and format, exact numbers on the fixtures
// (tests/fixtures/good/mini: widgets; tests/fixtures/good/shock: gizmos), the built-in sectors,
// and each bad input as one line on stderr with exit code 2.
import { describe, expect, it } from 'vitest';
import { OUTPUT_SCHEMAS } from '../../src/engine/output-schema.js';
import { fixture, scsr, scsrJson } from '../helpers/cli.js';

const MINI = ['--data', fixture('good', 'mini')];
const GIZMOS = ['--data', fixture('good', 'shock')];

/** Run with --json, check the document against OUTPUT_SCHEMAS.shock, return it. */
function shock(args: string[]): any {
  const doc = scsrJson(['shock', ...args]);
  const parsed = OUTPUT_SCHEMAS.shock.safeParse(doc);
  expect(parsed.success ? 'valid' : parsed.error.issues.slice(0, 5)).toBe('valid');
  expect(Object.keys(doc).slice(0, 3)).toEqual(['schemaVersion', 'command', 'mode']);
  return doc;
}

describe('scsr shock on the mini fixture (widgets: making aa 20, bb 50, cc 20, rest 10; selling needs gears bb 80, cc 20)', () => {
  it('cuts Betaland off: making 100 − 50 = 50, gears 100 − 80 = 20, chain 20 bound by selling / gears', () => {
    const d = shock(['widgets', '--cut', 'bb', ...MINI]);
    // making's own list: 50; selling has no list of its own: its tree is its input gears, 20.
    expect(d.stages.map((s: any) => [s.id, s.afterPct, s.tree.afterPct, s.tree.binding])).toEqual([
      ['making', 50, 50, ['making']],
      ['selling', null, 20, ['selling/gears']],
    ]);
    expect(d.world).toMatchObject({ beforePct: 100, afterPct: 20, lostPct: 80, immediatePct: 20 });
    expect(d.world.binding).toEqual([{ stage: 'selling', name: 'Selling', node: 'selling/gears', nodeName: 'Gears', input: 'gears', use: 'consumable', timeToImpactMonths: 0, afterPct: 20 }]);
    // Viewpoint aa (the assessor): making 0.2 + 0.8·(1 − 50/80) = 0.5; gears 20.
    expect(d.viewpoint).toBe('aa');
    expect(d.stages[0].viewpoint).toMatchObject({ foreignLostPct: 62.5, afterPct: 50, measured: false, foreignFrom: 'world-share' });
    expect(d.viewpointChain.afterPct).toBe(20);
    expect(d.uncertainty).toBeNull();
  });

  it('prints a table with the chain before and after and the binding input', () => {
    const r = scsr(['shock', 'widgets', '--cut', 'beta', ...MINI]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Betaland loses 100% of its capacity at every stage');
    expect(r.stdout).toContain('World chain throughput: 100% → 20% in the long run; binding: Selling / Gears');
    expect(r.stdout).toContain('Alphaland chain throughput: 100% → 20%');
    expect(r.stdout).toContain('Gears ◀ binds');
    expect(r.stdout).toContain('consumable, no inventory data: at once');
  });

  it('writes CSV and Markdown', () => {
    const csv = scsr(['shock', 'widgets', '--cut', 'bb', '--format', 'csv', ...MINI]);
    expect(csv.code).toBe(0);
    // Tidy records (docs/csv.md): raw numbers, one row per node.
    const rows = csv.stdout.split('\r\n');
    expect(rows[0]).toMatch(/^sector,viewpoint,targets,loss_pct,spare_pct,node,stage,parent,depth,order,name,use,essential,time_to_impact_months,shocked,/);
    expect(rows[1]).toMatch(/^widgets,aa,bb,100,0,making,making,,0,1,Making,consumable,true,0,true,,50,50,0,50,,50,false,62\.5,false,50,false,/);
    expect(rows).toHaveLength(1 + 3 + 1); // the header; making, selling, selling/gears; the final line break
    const md = scsr(['shock', 'widgets', '--cut', 'bb', '--format', 'md', ...MINI]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('- World chain throughput: 100% → 20% in the long run');
  });

  it('takes --loss as a fraction or a percent: 40% of Betaland leaves making 80 and gears 68', () => {
    const a = shock(['widgets', '--cut', 'bb', '--loss', '40%', ...MINI]);
    const b = shock(['widgets', '--cut', 'bb', '--loss', '0.4', ...MINI]);
    expect(a.stages.map((s: any) => s.tree.afterPct)).toEqual([80, 68]);
    expect(b).toEqual(a);
    expect(a.lossPct).toBe(40);
  });

  it('adds --spare from unshocked suppliers: making 50 + min(50, 0.5·50) = 75, gears 20 + min(80, 0.5·20) = 30', () => {
    const d = shock(['widgets', '--cut', 'bb', '--spare', '50%', ...MINI]);
    expect(d.stages.map((s: any) => s.tree.afterPct)).toEqual([75, 30]);
    expect(d.world.afterPct).toBe(30);
  });

  it('shocks only --stage (by id, name or number)', () => {
    for (const stage of ['making', 'Making', '1']) {
      const d = shock(['widgets', '--cut', 'bb', '--stage', stage, ...MINI]);
      expect(d.shockedStages).toEqual(['making']);
      expect(d.world).toMatchObject({ afterPct: 50, binding: [{ stage: 'making', node: 'making' }] });
    }
  });

  it('takes several countries, repeated or in a comma list, and another viewpoint with --country', () => {
    // bb and cc at making: 100 − 70 = 30; gears: 100 − 100 = 0.
    const d = shock(['widgets', '--cut', 'bb', '--cut', 'gammaland', '--country', 'cc', ...MINI]);
    const e = shock(['widgets', '--cut', 'bb,gammaland', '--country', 'cc', ...MINI]);
    expect(e).toEqual(d);
    expect(d.targets.map((t: any) => t.id)).toEqual(['bb', 'cc']);
    expect(d.stages.map((s: any) => s.tree.afterPct)).toEqual([30, 0]);
    expect(d.viewpoint).toBe('cc');
    // cc's own 20 at making is lost too: 0.2·0 + 0.8·(1 − 50/80) = 0.3.
    expect(d.stages[0].viewpoint).toMatchObject({ ownSharePct: 20, afterPct: 30 });
  });

  it('reads the snapshot of --year', () => {
    expect(shock(['widgets', '--cut', 'bb', '--year', '2022', ...MINI]).year).toBe(2022);
  });

  it('ranks every country with --worst and names the single point of failure', () => {
    const d = shock(['widgets', '--worst', '--top', '2', ...MINI]);
    expect(d.mode).toBe('worst');
    // aa: making 80 → 80; bb: gears 20 → 20; cc: making 80, gears 80 → 80. Ties by viewpoint loss, then id.
    expect(d.candidates).toBe(3);
    expect(d.byWorld.map((e: any) => [e.target.id, e.worldAfterPct])).toEqual([['bb', 20], ['aa', 80]]);
    expect(d.singlePointOfFailure.target.id).toBe('bb');
    const r = scsr(['shock', 'widgets', '--worst', ...MINI]);
    expect(r.stdout).toContain('Single point of failure: Betaland');
  });
});

describe('scsr shock --uncertainty on the gizmos fixture (cores: cn 50, range 40-60)', () => {
  it('reports percentiles of a triangular spread: p5 ≈ 100 − (60 − √10) = 43.2, p95 ≈ 56.8', () => {
    const d = shock(['gizmos', '--cut', 'cn', '--uncertainty', '--samples', '20000', ...GIZMOS]);
    const u = d.uncertainty;
    expect(u).toMatchObject({ samples: 20000, seed: 20210608, prng: 'mulberry32', rangedValues: 1 });
    expect(u.world.p5).toBeCloseTo(43.16, 0);
    expect(u.world.p50).toBeCloseTo(50, 0);
    expect(u.world.p95).toBeCloseTo(56.84, 0);
    expect(u.stages[1].throughput).toEqual({ p5: 70, p50: 70, p95: 70 });
  });

  it('gives identical output for the same seed and a different one for another', () => {
    const args = ['shock', 'gizmos', '--cut', 'cn', '--uncertainty', '--samples', '5000', '--seed', '7', ...GIZMOS];
    const a = scsr(args);
    const b = scsr(args);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).toContain('1 ranged value (all other shares fixed): cores CN 40-60 (point 50)');
    const c = scsr([...args.slice(0, -3), '--seed', '8', ...GIZMOS]);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('writes the uncertainty table in CSV', () => {
    const r = scsr(['shock', 'gizmos', '--cut', 'cn', '--uncertainty', '--samples', '100', '--format', 'csv', ...GIZMOS]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toContain('world_after_p5_pct,world_after_p50_pct,world_after_p95_pct,modelled_risk_p5,modelled_risk_p50,modelled_risk_p95');
  });
});

describe('scsr shock on the built-in sectors', () => {
  it('cuts China off in batteries: the chain stops, bound upstream', () => {
    const d = shock(['batteries', '--cut', 'china']);
    expect(d.viewpoint).toBe('us');
    expect(d.world.beforePct).toBe(100);
    expect(d.world.afterPct).toBeLessThan(50);
    expect(['mining', 'refining', 'cells']).toContain(d.world.binding[0].stage);
    // Every battery stage has data now (packs: a labelled EV-production proxy; recycling: derived
    // pre-treatment shares), so no stage is left out of the shock.
    expect(d.noDataStages).toEqual([]);
  });

  it('finds a single point of failure in semiconductors', () => {
    const d = shock(['semiconductors', '--worst', '--top', '3']);
    expect(d.byWorld).toHaveLength(3);
    expect(d.singlePointOfFailure).not.toBeNull();
    expect(d.byViewpoint.map((e: any) => e.rank)).toEqual([1, 2, 3]);
  });

  it('samples batteries with --uncertainty within seconds', () => {
    const t = Date.now();
    const d = shock(['batteries', '--cut', 'cn', '--loss', '30%', '--uncertainty', '--samples', '100000', '--year', '2021']);
    expect(Date.now() - t).toBeLessThan(20_000);
    expect(d.uncertainty.samples).toBe(100000);
    expect(d.uncertainty.world.p5).toBeLessThanOrEqual(d.uncertainty.world.p95);
  });

  it('runs every format on a built-in sector, for a shock and for --worst', () => {
    for (const f of ['table', 'csv', 'md']) {
      for (const args of [['--cut', 'tw', '--loss', '50%', '--spare', '10%'], ['--worst', '--top', '3']]) {
        const r = scsr(['shock', 'semiconductors', ...args, '--format', f]);
        expect(r.code).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout.length).toBeGreaterThan(100);
      }
    }
    const csv = scsr(['shock', 'semiconductors', '--worst', '--top', '3', '--format', 'csv']).stdout.trimEnd().split('\r\n');
    // One table: a header, then one row per country or region in either top 3, with both ranks.
    expect(csv[0]).toContain('world_rank');
    expect(csv[0]).toContain('viewpoint_rank');
    expect(csv.length - 1).toBeGreaterThanOrEqual(3);
  });
});

describe('scsr shock: bad input is one line on stderr and exit code 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['--loss 1.5', ['--cut', 'cn', '--loss', '1.5'], /option --loss must be a fraction from 0 to 1 or a percentage like 40% \(got "1\.5"\)/],
    ['--loss -3', ['--cut', 'cn', '--loss', '-3'], /option --loss must be .*\(got "-3"\)/],
    ['--loss abc', ['--cut', 'cn', '--loss', 'abc'], /option --loss must be .*\(got "abc"\)/],
    ['--spare 150%', ['--cut', 'cn', '--spare', '150%'], /option --spare must be/],
    ['an unknown country', ['--cut', 'chna'], /unknown country or region "chna"; did you mean "cn"\?/],
    ['an unknown stage', ['--cut', 'cn', '--stage', 'smelting'], /option --stage: unknown stage of batteries "smelting"/],
    ['--samples 0', ['--cut', 'cn', '--uncertainty', '--samples', '0'], /option --samples must be a whole number from 1 to 1000000 \(got "0"\)/],
    ['--samples 2000000', ['--cut', 'cn', '--uncertainty', '--samples', '2000000'], /option --samples must be/],
    ['--top 0', ['--worst', '--top', '0'], /option --top must be a whole number from 1 to 10000 \(got "0"\)/],
    ['--seed x', ['--cut', 'cn', '--uncertainty', '--seed', 'x'], /option --seed must be/],
    ['no --cut', [], /missing --cut/],
    ['--country alone: it is the viewpoint, and names no target', ['--country', 'cn'], /missing --cut: .*; --country is the viewpoint/],
    ['--cut with --worst', ['--worst', '--cut', 'cn'], /give --cut or --worst, not both/],
    ['--uncertainty with --worst', ['--worst', '--uncertainty'], /cannot be combined with --worst/],
    ['an unknown viewpoint', ['--cut', 'cn', '--country', 'narnia'], /option --country: unknown country or region "narnia"/],
    ['an empty --cut', ['--cut', ''], /option --cut/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const r = scsr(['shock', 'batteries', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('an unknown sector', () => {
    const r = scsr(['shock', 'widgetz', '--cut', 'cn']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
