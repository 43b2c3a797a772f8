import { describe, expect, it } from 'vitest';
import { effectiveSuppliers, hhi, hhiBand, suppliersOf } from '../../src/engine/concentration.js';
import { pickSnapshot } from '../../src/engine/snapshot.js';
import { scoreSector } from '../../src/engine/score.js';
import { blend, euCrm, modelledRisk } from '../../src/engine/stage-risk.js';
import { supplierWeight } from '../../src/engine/supplier-risk.js';
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
    const s = suppliersOf(snap([['aa', 40], ['bloc', 30], ['rest', 10]]), countries());
    // named 40 + 30 = 70, so the rest is 100 - 70 = 30 (10 stated as "other" + 20 unattributed)
    expect(s.map((x) => [x.id, x.kind, x.sharePct])).toEqual([
      ['aa', 'country', 40],
      ['bloc', 'region', 30],
      ['rest', 'rest', 30],
    ]);
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
});

describe('stage risk', () => {
  const c = countries();
  const suppliers = suppliersOf(snap([['aa', 20], ['bb', 50], ['cc', 20], ['rest', 10]]), c);

  it('computes the modelled risk by hand', () => {
    // From aa (own 20%): κ = 0.5
    //   bb: concern, w = 1:     1 × 0.5 × (1 + 0.5×0.5) / 1.5 = 0.5 × 1.25 / 1.5 = 0.416667
    //   cc: ally, w = 0.2:    0.2 × 0.2 × (1 + 0.5×0.2) / 1.5 = 0.04 × 1.1 / 1.5 = 0.029333
    //   rest: w = 0.5:        0.5 × 0.1 / 1.5                                   = 0.033333
    //   total 0.479333 -> 47.93
    const r = modelledRisk(suppliers, 'aa', c);
    expect(r.risk).toBeCloseTo(47.9333, 3);
    // bb holds 50 of the 80 points outside aa: 62.5%
    expect(r.dependence[0]).toMatchObject({ partner: 'bb', ofForeignPct: 62.5, weight: 1 });
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
    const r = euCrm(suppliers, 'aa', undefined, c);
    expect(r.hhiWgiGlobal).toBeCloseTo(1.74, 3);
    expect(r.sr).toBeCloseTo(1.74, 3);
    expect(r.critical).toBe(true);
    expect(r.defaults).toContain('EoL-RIR: 0 (no data)');
  });

});

describe('EU CRM import reliance from demand', () => {
  it('uses (demand share − supply share) / demand share when the data give a demand share', () => {
    const c = countries();
    const suppliers = suppliersOf(snap([['aa', 20], ['bb', 50], ['cc', 20], ['rest', 10]]), c);
    // aa holds 20% of supply and 40% of demand: IR = (0.4 − 0.2) / 0.4 = 0.5
    // sourcing (IR 0.5) = 0.5²×2 + (0.5×50/80)²×6 + (0.5×20/80)²×4 = 0.5 + 0.5859375 + 0.0625 = 1.1484375
    // SR = 1.74 × 0.5/2 + 1.1484375 × (1 − 0.5/2) = 0.435 + 0.861328 = 1.296328
    const r = euCrm(suppliers, 'aa', undefined, c, 40);
    expect(r.importReliance).toBe(0.5);
    expect(r.sr).toBeCloseTo(1.296, 3);
    // a country supplying more than it uses imports nothing: IR clamps at 0
    expect(euCrm(suppliers, 'aa', undefined, c, 10).importReliance).toBe(0);
  });
});

describe('snapshots', () => {
  const list = [snap([['aa', 10]], { year: 2019 }), snap([['aa', 20]], { year: 2022 }), snap([['aa', 30]], { year: 2032, projection: true }), snap([['aa', 40]], { year: 2023, basis: 'headquarters' })];
  it('defaults to the latest actual snapshot on the location basis', () => {
    expect(pickSnapshot(list)?.snapshot.year).toBe(2022);
  });
  it('takes a projection only for its own year, and the latest earlier actual data otherwise', () => {
    expect(pickSnapshot(list, 2032)?.snapshot.year).toBe(2032);
    expect(pickSnapshot(list, 2030)).toMatchObject({ snapshot: { year: 2022 }, requestedYear: 2030 });
    expect(pickSnapshot(list, 2018)).toBeUndefined();
  });
  it('reads another basis only when asked', () => {
    expect(pickSnapshot(list, undefined, 'headquarters')?.snapshot.year).toBe(2023);
  });
});

describe('sector score', () => {
  const s = sector([
    { id: 'making', name: 'Making', rating: { value: 'weak', basis: 'b', inferred: false, source: 't' }, shares: [snap([['aa', 20], ['bb', 50], ['cc', 20], ['rest', 10]])] },
    { id: 'selling', name: 'Selling', inputs: [{ id: 'gears', name: 'Gears', shares: [snap([['bb', 80], ['cc', 20]])] }] },
    { id: 'fixing', name: 'Fixing', rating: { value: 'very-weak', basis: 'b', inferred: true, source: 't' } },
  ]);
  const m = model([s]);
  const score = scoreSector(m, s);

  it('scores a stage without its own list from its riskiest input', () => {
    // gears from aa: bb 1 × 0.8 × 1.4 / 1.5 = 0.746667; cc 0.2 × 0.2 × 1.1 / 1.5 = 0.029333 -> 77.6
    const selling = score.stages[1]!;
    expect(selling.basedOn).toBe('input:gears');
    expect(selling.risk.modelled).toBeCloseTo(77.6, 2);
    expect(selling.chokepoints.map((c) => c.kind)).toEqual(['global', 'single-country']);
  });

  it('finds the weakest link, the resilience and the mean', () => {
    // making 53.97, selling 77.6 (no rating), fixing 90 (rating only: no data)
    expect(score.weakestLink?.stage).toBe('fixing');
    expect(score.modelledWeakestLink?.stage).toBe('selling');
    expect(score.resilience).toBeCloseTo(10, 5);
    // (53.97 + 77.6 + 90) / 3 = 73.86
    expect(score.meanRisk).toBeCloseTo(73.86, 2);
  });

  it('ranks exposures by the maximum over stages, with a mean weighted by foreign share', () => {
    // bb: making 62.5% of foreign supply (foreign 80), selling 80% (foreign 100)
    // weighted mean = (80 × 62.5 + 100 × 80) / (80 + 100) = 13000 / 180 = 72.22
    const bb = score.exposures.find((e) => e.partner === 'bb')!;
    expect(bb.maxPct).toBe(80);
    expect(bb.maxStage).toBe('selling');
    expect(bb.weightedMeanPct).toBeCloseTo(72.22, 2);
  });

  it('uses the rating only from the assessor viewpoint', () => {
    const fromCc = scoreSector(m, s, { viewpoint: 'cc' });
    expect(fromCc.stages[0]!.risk.rating).toBeNull();
    expect(fromCc.stages[2]!.risk.value).toBeNull();
  });

  it('flags stages where the rating and the model disagree by more than 30 points', () => {
    const t = sector([{ id: 'x', name: 'X', rating: { value: 'very-weak', basis: 'b', inferred: false, source: 't' }, shares: [snap([['aa', 90], ['cc', 10]])] }]);
    const r = scoreSector(model([t]), t).stages[0]!;
    expect(r.risk.disagreement).toBe(true);
  });

  it('lists chokepoints with counts per supplier, and compares two countries', () => {
    const list = listChokepoints(m, [s], { viewpoint: 'aa' });
    expect(list.counts[0]).toMatchObject({ supplier: 'bb', global: 1, singleCountry: 2 });
    const [cmp] = compareCountries(m, [s], 'aa', 'cc');
    // aa gets 20/80 = 25% of its foreign supply from cc at making; cc gets 20/80 = 25% from aa
    expect(cmp!.stages[0]).toMatchObject({ aReliesOnBPct: 25, bReliesOnAPct: 25 });
    expect(cmp!.relation).toBe('mutual');
  });
});
