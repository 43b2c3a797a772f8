// Engine tests of the chain evaluation (docs/methodology.md): concentration, supplier weights,
// the modelled and EU CRM risk of one node, and a sector scored as a tree of nodes, with the
// arithmetic written beside each expected number.
import { describe, expect, it } from 'vitest';
import { effectiveSuppliers, hhi, hhiBand, residualIds, suppliersOf } from '../../src/engine/concentration.js';
import { scoreSector } from '../../src/engine/score.js';
import { nodeCrm } from '../../src/engine/crm-node.js';
import { blend, modelledRisk, type RiskContext } from '../../src/engine/stage-risk.js';
import { supplierWeight } from '../../src/engine/supplier-risk.js';
import { supplyPicture } from '../../src/engine/supply.js';
import { viewpointOf } from '../../src/engine/viewpoint.js';
import { compareCountries, listChokepoints } from '../../src/engine/relations.js';
import { countries, model, sector, snap } from '../helpers/model.js';

describe('concentration', () => {
  it('HHI sums squared percent shares', () => {
    // 50² + 30² + 20² = 2500 + 900 + 400 = 3800
    expect(hhi([50, 30, 20])).toBe(3800);
    expect(hhiBand(3800)).toBe('highly concentrated');
    // 10,000 / 3,800 = 2.6316
    expect(effectiveSuppliers(3800)).toBeCloseTo(2.6316, 4);
  });

  it('uses the 2023 Merger Guidelines bands', () => {
    expect(hhiBand(999)).toBe('unconcentrated');
    expect(hhiBand(1000)).toBe('moderately concentrated');
    expect(hhiBand(1800)).toBe('moderately concentrated');
    expect(hhiBand(1801)).toBe('highly concentrated');
  });

  it('keeps regions as suppliers and folds residual regions into the unattributed rest', () => {
    const s = suppliersOf(snap([['aa', 40], ['bloc', 30], ['rest', 10]]).values, countries());
    // named 40 + 30 = 70, so the rest is 100 - 70 = 30 (10 stated as "other" + 20 unattributed)
    expect(s.map((x) => [x.id, x.kind, x.sharePct])).toEqual([
      ['aa', 'country', 40],
      ['bloc', 'region', 30],
      ['rest', 'rest', 30],
    ]);
  });

  it('keeps a supplier named without a share as present, with no number, after the known ones', () => {
    const s = suppliersOf(snap([['aa', 40], ['bb', 'unknown']]).values, countries());
    // the unknown share adds nothing to the named total: rest = 100 − 40 = 60
    expect(s.map((x) => [x.id, x.sharePct])).toEqual([['aa', 40], ['bb', null], ['rest', 60]]);
  });
});

describe('supplier risk weights', () => {
  const c = countries();
  it('turns WGI into governance risk (2.5 - WGI) / 5', () => {
    // dd has no WGI: unknownWeight 0.5; from bb's view nobody is an ally or concern
    expect(supplierWeight(c, 'bb', 'aa').weight).toBeCloseTo((2.5 - 1.5) / 5, 10); // 0.2
    expect(supplierWeight(c, 'bb', 'dd').weight).toBe(0.5);
  });
  it('halves an ally and gives a country of concern the full weight', () => {
    expect(supplierWeight(c, 'aa', 'cc').weight).toBeCloseTo(((2.5 - 0.5) / 5) * 0.5, 10); // 0.4 × 0.5 = 0.2
    expect(supplierWeight(c, 'aa', 'bb').weight).toBe(1);
    expect(supplierWeight(c, 'aa', 'aa').weight).toBe(0);
  });
  it('weighs a region by the mean of its members and the rest by unknownWeight', () => {
    // bloc = {cc, dd}: from aa, cc = 0.2 (ally), dd = 0.5 (no data) -> mean 0.35
    expect(supplierWeight(c, 'aa', 'bloc').weight).toBeCloseTo(0.35, 10);
    expect(supplierWeight(c, 'aa', 'rest').weight).toBe(0.5);
  });
  it('applies overrides from the data', () => {
    const o = { ...c, supplierRisk: { ...c.supplierRisk, overrides: [{ from: 'aa', to: 'cc', weight: 0.9, note: 'test' }] } };
    expect(supplierWeight(o, 'aa', 'cc').weight).toBe(0.9);
  });
  it('gives a member of a region viewpoint weight 0 (own supply)', () => {
    // From bloc = {cc, dd}: cc and dd are domestic; aa is no ally of the bloc (dd is not in pact).
    expect(supplierWeight(c, 'bloc', 'cc').weight).toBe(0);
    expect(supplierWeight(c, 'bloc', 'dd').weight).toBe(0);
    expect(supplierWeight(c, 'bloc', 'aa').weight).toBeCloseTo(0.2, 10);
  });
  it('answers from the same data and viewpoint alike, however often asked; other members, other answer', () => {
    const first = supplierWeight(c, 'aa', 'cc');
    expect(supplierWeight(c, viewpointOf(c, 'aa'), 'cc')).toEqual(first);
    // The same id with cc counted as domestic: own supply, weight 0 (not the remembered 0.2).
    const widened = { ...viewpointOf(c, 'aa'), kind: 'region' as const, members: new Set(['aa', 'cc']) };
    expect(supplierWeight(c, widened, 'cc').weight).toBe(0);
    expect(supplierWeight(c, 'aa', 'cc').weight).toBeCloseTo(0.2, 10);
  });
});

describe('node risk', () => {
  const c = countries();
  const vp = viewpointOf(c, 'aa');
  const world = suppliersOf(snap([['aa', 20], ['bb', 50], ['cc', 20], ['rest', 10]]).values, c, vp);
  const picture = supplyPicture(vp, world, undefined, undefined, residualIds(c))!;
  const ctx: RiskContext = { countries: c, events: [], sector: 'widgets', paths: ['making'], referenceDate: '2022-12-31' };

  it('computes the modelled risk by hand (estimated supply: the v1 formula)', () => {
    // From aa (own 20%): F = 0.8; κ = 0.5; s_p = F × p / 80 = p / 100
    //   bb: concern, w = 1:     1 × 0.5 × (1 + 0.5×0.5) / 1.5 = 0.5 × 1.25 / 1.5 = 0.416667
    //   cc: ally, w = 0.2:    0.2 × 0.2 × (1 + 0.5×0.2) / 1.5 = 0.04 × 1.1 / 1.5 = 0.029333
    //   rest: w = 0.5:        0.5 × 0.1 / 1.5                                   = 0.033333
    //   total 0.479333 -> 47.93
    const r = modelledRisk(picture, vp, world, ctx);
    expect(r.risk).toBeCloseTo(47.9333, 3);
    // bb holds 50 of the 80 points outside aa: 62.5% of aa's imports, 50% of its supply
    expect(r.dependence[0]).toMatchObject({ partner: 'bb', sharePct: 50, ofImportsPct: 62.5, ofSupplyPct: 50, measured: false, weight: 1, contribution: 41.67 });
    expect(r.dependence.map((d) => d.partner)).toEqual(['bb', 'cc']);
    expect(picture.supply).toMatchObject({ measured: false, foreignPct: 80, foreignFrom: 'world-share', unattributedPct: 12.5 });
  });

  it('blends half model, half rating', () => {
    // weak = 60: 0.5 × 47.9333 + 0.5 × 60 = 23.96665 + 30 = 53.96665
    expect(blend(47.9333, 60)).toBeCloseTo(53.96665, 6);
    expect(blend(null, 60)).toBe(60);
    expect(blend(40, null)).toBe(40);
  });

  it('computes the EU CRM supply risk by hand', () => {
    // WGI rescaled 0-10: aa (2.5-1.5)×2 = 2, bb (2.5+0.5)×2 = 6, cc (2.5-0.5)×2 = 4
    // HHI_WGI global = 0.2²×2 + 0.5²×6 + 0.2²×4 = 0.08 + 1.5 + 0.16 = 1.74
    // IR = 1 - 0.2 = 0.8; sourcing = own 0.2 + imports 0.8 pro rata over the 80 foreign points:
    //   0.2²×2 + (0.8×50/80)²×6 + (0.8×20/80)²×4 = 0.08 + 1.5 + 0.16 = 1.74
    // SR = (1.74 × 0.4 + 1.74 × 0.6) × (1 - 0) × 1 = 1.74 -> critical (≥ 1)
    const r = nodeCrm({ path: 'making', material: null }, world, picture, vp, { ...ctx, criticality: [] })!;
    expect(r.basis).toBe('scsr');
    expect(r.stage.global!.value).toBeCloseTo(1.74, 3);
    expect(r.stage.sourcing!.value).toBeCloseTo(1.74, 3);
    expect(r.stage.importReliance).toBe(0.8);
    expect(r.stage.sr).toBeCloseTo(1.74, 3);
    expect(r.critical).toBe(true);
    expect(r.defaults).toContain('EoL-RIR: 0 (no data)');
    expect(r.defaults).toContain('sourcing: imports pro rata to world shares (no import data)');
  });
});

describe('sector score', () => {
  // making: its own list, rated weak; selling: no list of its own, one input; fixing: rating only.
  const s = sector([
    { id: 'making', name: 'Making', rating: { value: 'weak', basis: 'b', inferred: false, source: 't' }, shares: [snap([['aa', 20], ['bb', 50], ['cc', 20], ['rest', 10]])] },
    { id: 'selling', name: 'Selling', inputs: [{ id: 'gears', name: 'Gears', shares: [snap([['bb', 80], ['cc', 20]])] }] },
    { id: 'fixing', name: 'Fixing', rating: { value: 'very-weak', basis: 'b', inferred: true, source: 't' } },
  ]);
  const m = model([s]);
  const score = scoreSector(m, s);

  it('scores a stage without a list of its own from its inputs, and names the binding input', () => {
    // gears from aa (not listed, F = 1): bb 1 × 0.8 × 1.4 / 1.5 = 0.746667; cc 0.2 × 0.2 × 1.1 / 1.5 = 0.029333 -> 77.6
    const selling = score.stages[1]!;
    expect(selling.modelledRisk).toBeNull();
    expect(selling.noData).toBe('no list of its own (see its inputs)');
    expect(selling.inputs[0]!.modelledRisk).toBeCloseTo(77.6, 2);
    expect(selling.risk).toMatchObject({ lens: 'weakest-link', modelled: 77.6, weakestLink: 77.6, value: 77.6 });
    expect(selling.binding).toEqual([{ path: 'selling/gears', name: 'Gears' }]);
    // bb: 80 ≥ 65 of world supply (global) and 80 > 50 of aa's imports (the 3050 line)
    expect(selling.inputs[0]!.chokepoints.map((c) => [c.kind, c.supplier, c.sharePct])).toEqual([['global', 'bb', 80], ['single-country', 'bb', 80]]);
  });

  it('finds the weakest link, the resilience and the mean', () => {
    // making blended 0.5 × 47.93 + 0.5 × 60 = 53.97, selling 77.6 (no rating), fixing 90 (rating only: no data)
    expect(score.stages.map((x) => x.risk.value)).toEqual([53.97, 77.6, 90]);
    expect(score.weakestLink).toMatchObject({ stage: 'fixing', risk: 90, ties: [] });
    expect(score.modelledWeakestLink).toMatchObject({ stage: 'selling', risk: 77.6 });
    expect(score.resilience).toBeCloseTo(10, 5);
    // (53.97 + 77.6 + 90) / 3 = 221.57 / 3 = 73.86
    expect(score.meanRisk).toBeCloseTo(73.86, 2);
  });

  it('ranks exposures by the largest share of supply at any node, with the node named', () => {
    // bb: making: F 0.8 × 62.5% of aa's imports = 50% of aa's supply; selling/gears: 1 × 80% = 80%.
    // mean over the stages with data (making, selling): (50 + 80) / 2 = 65
    const bb = score.exposures.find((e) => e.partner === 'bb')!;
    expect(bb).toMatchObject({ maxPct: 80, maxOfImportsPct: 80, maxStage: 'selling', maxNode: 'selling/gears', measured: false, meanPct: 65, nodes: 2 });
    // cc: making 0.8 × 25% = 20%, gears 20%: max 20 at making (met first); mean (20 + 20) / 2 = 20
    expect(score.exposures.find((e) => e.partner === 'cc')).toMatchObject({ maxPct: 20, maxOfImportsPct: 25, maxNode: 'making', meanPct: 20 });
    expect(score.exposures.map((e) => e.partner)).toEqual(['bb', 'cc']);
  });

  it('uses the rating only from the assessor viewpoint', () => {
    const fromCc = scoreSector(m, s, { viewpoint: 'cc' });
    expect(fromCc.stages[0]!.risk.rating).toBeNull();
    expect(fromCc.stages[2]!.risk.value).toBeNull();
  });

  it('flags stages where the rating and the model disagree by more than 30 points', () => {
    // aa 90 (own), cc 10: cc ally 0.2 × 0.1 × 1.05 / 1.5 = 0.014 -> 1.4; very weak 90: |1.4 − 90| > 30
    const t = sector([{ id: 'x', name: 'X', rating: { value: 'very-weak', basis: 'b', inferred: false, source: 't' }, shares: [snap([['aa', 90], ['cc', 10]])] }]);
    const r = scoreSector(model([t]), t).stages[0]!;
    expect(r.risk.modelled).toBe(1.4);
    expect(r.risk.disagreement).toBe(true);
  });

  it('lists chokepoints with counts per supplier, and compares two countries node by node', () => {
    const list = listChokepoints(m, [s], { viewpoint: 'aa' });
    // bb: global at gears (80); single-country at making (62.5) and gears (80)
    expect(list.counts[0]).toMatchObject({ supplier: 'bb', global: 1, singleCountry: 2 });
    const [cmp] = compareCountries(m, [s], 'aa', 'cc');
    // aa gets 0.8 × 20/80 = 20% of its supply from cc at making; cc gets 0.8 × 20/80 = 20% from aa
    expect(cmp!.stages[0]).toMatchObject({ aReliesOnB: { pct: 20, node: 'making' }, bReliesOnA: { pct: 20, node: 'making' } });
    expect(cmp!.relation).toBe('mutual');
    // the compare rows name the node, the same on both sides
    expect(cmp!.nodes.map((n) => n.node)).toEqual(['making', 'selling', 'selling/gears', 'fixing']);
    // gears from cc (F = 0.8, bb 80/80 = 100% of its imports): 0.6 × 0.8 × 1.4 / 1.5 = 0.448 -> 44.8
    expect(cmp!.nodes[2]).toMatchObject({ a: { risk: 77.6 }, b: { risk: 44.8 }, aReliesOnBPct: 20, bReliesOnAPct: 0 });
  });
});
