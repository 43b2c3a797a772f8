// User data files (--data and SCSR_DATA) through the built CLI: a user sector works with every
// command, a user file replaces a built-in sector of the same id, a user countries file adds
// countries a user sector may use, and two user files with one sector id are an error.
// Fixtures: tests/fixtures/good/ (made-up test data, labelled as such in each file).
import { delimiter } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scsr, scsrJson } from '../helpers/cli.js';

const GADGETS = 'tests/fixtures/good/gadgets';
const OVERRIDE = 'tests/fixtures/good/override/batteries.yaml';
const ADDED = 'tests/fixtures/good/added-country';
const DUPLICATE = 'tests/fixtures/good/duplicate/gadgets.yaml';

const withGadgets = (args: string[]) => scsrJson([...args, '--data', GADGETS]);

describe('a user sector loaded with --data', () => {
  it('is listed with the file it came from, beside the built-in sectors', () => {
    const doc = withGadgets(['list']);
    expect(doc.sectors.map((s: { id: string }) => s.id).sort()).toEqual(['batteries', 'gadgets', 'semiconductors']);
    expect(doc.sectors.find((s: { id: string }) => s.id === 'gadgets')).toMatchObject({ origin: `${GADGETS}/gadgets.yaml`, stages: 3, assessor: 'us' });
  });

  it('score: the stage rated very weak with 70% of capacity in China is the weakest link', () => {
    const r = scsr(['score', 'gadget', '--data', GADGETS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Weakest link: Gadget assembly \(risk [\d.]+\)$/m);
    const s = withGadgets(['score', 'gadgets']).scores[0];
    expect(s.weakestLink.stage).toBe('assembly');
    // HHI of assembly: 70² + 10² + 10² + 5² = 4900 + 100 + 100 + 25 = 5125 (the "other" region adds 0).
    expect(s.stages[1].hhi).toBe(5125);
  });

  it('stages: shows the file\'s ratings, the inferred one marked', () => {
    const r = scsr(['stages', 'gadgets', '--data', GADGETS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('very weak');
    expect(r.stdout).toContain('weak (inferred)');
    const csv = scsr(['stages', 'gadgets', '--data', GADGETS, '--format', 'csv']).stdout;
    expect(csv).toContain(',very-weak,false,');
    expect(csv).toMatch(/,weak,true,/);
  });

  it('exposure kr --to cn: 70% of Korea\'s supply of assembly (77.78% of its imports), the node named; 26.67% on average over the stages', () => {
    const e = withGadgets(['exposure', 'kr', '--to', 'cn', '--sector', 'gadgets']).sectors[0].exposures[0];
    // assembly: China 70 of the 100 - 10 (Korea's own) = 90 foreign -> 77.78% of Korea's imports;
    //           of its supply 0.9 × 77.78 = 70
    // design:   China 10 of 100 - 20 = 80 foreign -> 12.5% of imports, 0.8 × 12.5 = 10% of supply;
    //           parts (sprocket chips): no China -> 0
    // mean over the three stages with data: (10 + 70 + 0) / 3 = 26.67
    expect(e).toMatchObject({ partner: 'cn', maxStage: 'assembly', maxNode: 'assembly', maxPct: 70, maxOfImportsPct: 77.78, measured: false, meanPct: 26.67, nodes: 2 });
  });

  it('compare kr cn --sector gadgets: one comparison, with the file\'s named dependence of kr on cn and a verdict', () => {
    const c = withGadgets(['compare', 'kr', 'cn', '--sector', 'gadgets']).comparisons;
    expect(c).toHaveLength(1);
    expect(c[0].stages.map((s: { stage: string }) => s.stage)).toEqual(['design', 'assembly', 'parts']);
    expect(c[0].nodes.map((n: { node: string }) => n.node)).toEqual(['design', 'assembly', 'parts', 'parts/sprocket-chips']);
    expect(c[0].dependencies.aOnB.map((d: { id: string }) => d.id)).toEqual(['kr-on-cn-assembly']);
    // kr gets 70% of its assembly supply from cn; cn gets kr's 20 of its 100 − 10 = 90 foreign
    // design, 22.22% of its imports, 0.9 × 22.22 = 20% of its supply (assembly: 10%): ≥ 10, so mutual
    expect(c[0].reliance).toMatchObject({ aOnBMaxPct: 70, aOnBNode: 'assembly', bOnAMaxPct: 20, bOnANode: 'design' });
    expect(c[0].relation).toBe('mutual');
    expect(c[0].verdict).toMatch(/^Gadgets \(test data\): .*China supplies up to 70% of South Korea's supply \(Gadget assembly\)/);
  });

  it('chokepoints --sector gadgets: China 70% at assembly and Japan 80% at the sprocket-chips input', () => {
    const doc = withGadgets(['chokepoints', '--sector', 'gadgets']);
    expect(doc.chokepoints.map((c: { stage: string; input: string | null; supplier: string; sharePct: number }) => [c.stage, c.input, c.supplier, c.sharePct])).toEqual([
      ['assembly', null, 'cn', 70],
      ['parts', 'sprocket-chips', 'jp', 80],
    ]);
  });

  it('explain by a stage alias: every named supplier squared in the HHI step', () => {
    const e = withGadgets(['explain', 'gadgets', 'assy']);
    expect(e.stage).toBe('assembly');
    const hhi = e.steps.find((s: { label: string }) => s.label === 'HHI');
    expect(hhi.formula).toContain('70² + 10² + 10² + 5²');
    expect(hhi.value).toBe(5125);
  });
});

describe('SCSR_DATA', () => {
  it('loads a user directory like --data', () => {
    const r = scsr(['score', 'gadgets', '--json'], { env: { SCSR_DATA: GADGETS } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scores[0].sector).toBe('gadgets');
  });

  it(`takes several paths separated by "${delimiter}", and adds to --data`, () => {
    const doc = scsrJson(['list', '--data', OVERRIDE], { env: { SCSR_DATA: [GADGETS, ADDED].join(delimiter) } });
    expect(doc.sectors.map((s: { id: string }) => s.id).sort()).toEqual(['batteries', 'gadgets', 'semiconductors', 'sprockets']);
    expect(doc.sectors.find((s: { id: string }) => s.id === 'batteries').origin).toBe(OVERRIDE);
  });
});

describe('a user file with the id of a built-in sector', () => {
  it('replaces the built-in sector: score shows the user\'s numbers', () => {
    const s = scsrJson(['score', 'batteries', '--data', OVERRIDE]).scores[0];
    expect(s.name).toBe('Batteries (user test data)');
    expect(s.stages).toHaveLength(1);
    const cells = s.stages[0];
    expect(cells).toMatchObject({ id: 'cells', viewpointSharePct: 40, foreignSharePct: 60 });
    // HHI = 40² + 60² = 1600 + 3600 = 5200
    expect(cells.hhi).toBe(5200);
    // The built-in trade file's US imports of batteries/cells still apply: trade figures refer to
    // a node by sector id, resolved after every file is loaded (docs/data.md). Census 2023: China
    // 70% of US imports of lithium-ion batteries, the other 30% unattributed in that list.
    expect(cells.supply).toMatchObject({ measured: true, foreignPct: 60, unattributedPct: 30, imports: { source: 'census-2023-us-li-ion' } });
    // F = 1 − 0.4 = 0.6 (the user's world list); China (concern, weight 1) s = 0.6 · 0.7 = 0.42:
    // 100 · 1 · 0.42 · (1 + 0.5·0.42) / 1.5 = 42 · 1.21 / 1.5 = 33.88; unattributed s = 0.6 · 0.3 = 0.18:
    // 100 · 0.5 · 0.18 / 1.5 = 6 → 39.88. No rating in the file: the blended risk is the modelled one.
    expect(cells.dependence).toEqual([expect.objectContaining({ partner: 'cn', sharePct: 60, ofImportsPct: 70, ofSupplyPct: 42, contribution: 33.88 })]);
    expect(cells.risk.modelled).toBe(39.88);
    expect(s.weakestLink).toMatchObject({ stage: 'cells', risk: 39.88 });
    const table = scsr(['score', 'batteries', '--data', OVERRIDE]).stdout;
    expect(table).toContain('Batteries (user test data) from the viewpoint of United States');
    expect(table).toMatch(/Test cells .*40% .*China 60% .*5200 high/);
  });

  it('is listed once, from the user file', () => {
    const doc = scsrJson(['list', '--data', OVERRIDE]);
    expect(doc.sectors.filter((s: { id: string }) => s.id === 'batteries')).toEqual([expect.objectContaining({ origin: OVERRIDE, stages: 1 })]);
  });
});

describe('a user countries file', () => {
  it('adds a country that a user sector uses, in either order of the files', () => {
    for (const data of [[ADDED], [`${ADDED}/sprockets.yaml`, `${ADDED}/countries.yaml`]]) {
      const s = scsrJson(['score', 'sprockets', ...data.flatMap((d) => ['--data', d])]).scores[0];
      // Zedland (zz) is no ally and no country of concern: w = (2.5 − WGI) / 5 = (2.5 − 0.5) / 5 = 0.4;
      // risk = 100 · 0.4 · 0.5 · (1 + 0.5·0.5) / (1 + 0.5) = 20 · 1.25 / 1.5 = 16.67
      expect(s.stages[0].risk.modelled).toBe(16.67);
      // us and zz hold 50% each: a tie, both reported
      expect(s.stages[0].top.map((t: { id: string; sharePct: number }) => [t.id, t.sharePct])).toEqual([['us', 50], ['zz', 50]]);
    }
  });

  it('makes the country known to every command by its name and alias', () => {
    const e = scsrJson(['exposure', 'us', '--to', 'Zedland', '--sector', 'sprockets', '--data', ADDED]);
    expect(e.to).toBe('zz');
    // us 50, zz 50: Zedland is all of the US's imports, half of its supply
    expect(e.sectors[0].exposures[0]).toMatchObject({ partner: 'zz', name: 'Zedland', maxPct: 50, maxOfImportsPct: 100 });
    const countries = scsrJson(['list', 'countries', '--data', ADDED]).countries;
    expect(countries.find((c: { code: string }) => c.code === 'zz')).toMatchObject({ name: 'Zedland', aliases: ['zed'], governance: { wgi: 0.5 } });
    expect(scsrJson(['compare', 'zed', 'us', '--sector', 'sprockets', '--data', ADDED]).a).toBe('zz');
  });

  it('is needed: without it the sector\'s "zz" is an unknown country code, located (exit 3)', () => {
    const r = scsr(['score', 'sprockets', '--data', `${ADDED}/sprockets.yaml`]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${ADDED}/sprockets.yaml:18:23: stages[0].shares[0].values[1].country unknown country code "zz"`);
  });
});

describe('two user files defining the same sector id', () => {
  it('is an error that names both files (exit 3, nothing on stdout)', () => {
    const r = scsr(['list', '--data', GADGETS, '--data', DUPLICATE]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^scsr: 1 error in user data \(run `scsr validate .*` for a per-file report\)$/);
    expect(lines[1]).toBe(`${DUPLICATE}:3:5: id sector "gadgets" is also defined in ${GADGETS}/gadgets.yaml`);
  });
});
