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

  it('exposure kr --to cn: 77.78% of Korea\'s foreign assembly supply, 32% weighted over the chain', () => {
    const e = withGadgets(['exposure', 'kr', '--to', 'cn', '--sector', 'gadgets']).sectors[0].exposures[0];
    // assembly: China 70 of the 100 - 10 (Korea's own) = 90 foreign -> 70 / 90 = 77.78%
    // design:   China 10 of 100 - 20 = 80 foreign -> 12.5%; parts (sprocket chips): no China -> 0
    // weighted by Korea's foreign share: (12.5·80 + 77.78·90 + 0·80) / (80 + 90 + 80) = 8000 / 250 = 32
    expect(e).toMatchObject({ partner: 'cn', maxStage: 'assembly', maxPct: 77.78, weightedMeanPct: 32 });
  });

  it('compare kr cn --sector gadgets: one comparison, with the file\'s named dependence of kr on cn and a verdict', () => {
    const c = withGadgets(['compare', 'kr', 'cn', '--sector', 'gadgets']).comparisons;
    expect(c).toHaveLength(1);
    expect(c[0].stages.map((s: { stage: string }) => s.stage)).toEqual(['design', 'assembly', 'parts']);
    expect(c[0].dependencies.aOnB.map((d: { id: string }) => d.id)).toEqual(['kr-on-cn-assembly']);
    expect(['a-relies-on-b', 'mutual']).toContain(c[0].relation);
    expect(c[0].verdict).toMatch(/^Gadgets \(test data\): .*South Korea gets up to 77\.8% of its foreign supply from China \(Gadget assembly\)/);
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
    // China is a country of concern of the US (weight 1): 100 · 1 · 0.6 · (1 + 0.5·0.6) / (1 + 0.5) = 60 · 1.3 / 1.5 = 52;
    // no rating in the file, so the blended risk is the modelled one.
    expect(cells.risk.modelled).toBe(52);
    expect(s.weakestLink).toMatchObject({ stage: 'cells', risk: 52 });
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
      expect(s.stages[0].top).toMatchObject({ id: 'us', sharePct: 50 });
    }
  });

  it('makes the country known to every command by its name and alias', () => {
    const e = scsrJson(['exposure', 'us', '--to', 'Zedland', '--sector', 'sprockets', '--data', ADDED]);
    expect(e.to).toBe('zz');
    expect(e.sectors[0].exposures[0]).toMatchObject({ partner: 'zz', name: 'Zedland', maxPct: 100 });
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
