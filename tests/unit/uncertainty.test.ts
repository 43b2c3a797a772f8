// Engine tests of the Monte Carlo in `scsr shock --uncertainty` (docs/scenarios.md#uncertainty).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyTrade, type CountriesData, type Model, type Sector, type ShareValue, type Snapshot } from '../../src/data/model.js';
import { countries as sharedCountries } from '../helpers/model.js';
import { residualIds, suppliersOf } from '../../src/engine/concentration.js';
import { prepareChain } from '../../src/engine/shock.js';
import { modelledRisk } from '../../src/engine/stage-risk.js';
import { supplyPicture } from '../../src/engine/supply.js';
import { countriesFor, mulberry32, nodeSampler, percentile, sampleShares, shockUncertainty, triangular } from '../../src/engine/uncertainty.js';
import { viewpointOf } from '../../src/engine/viewpoint.js';

// The shared made-up countries (tests/helpers/model.ts), plus one country with an override.
const base = sharedCountries();
const countries: CountriesData = {
  ...base,
  countries: [...base.countries, { code: 'ee', name: 'Epsilonia', governance: { wgi: 0, year: 2020, source: 't' } }],
  supplierRisk: { ...base.supplierRisk, overrides: [{ from: 'aa', to: 'ee', weight: 0.9, note: 'made up' }] },
};

const snap = (values: ShareValue[]): Snapshot => ({ year: 2022, metric: 'capacity', basis: 'location', source: 't', values });
const sector = (stages: Sector['stages']): Sector => ({ id: 'widgets', name: 'Widgets', assessor: 'aa', sources: [{ id: 't', publisher: 'tests', title: 'made up', year: 2024 }], stages });
const model = (s: Sector): Model => ({ countries, trade: emptyTrade(), criticality: [], sectors: [s], origins: { [s.id]: 'test' } });

// One stage; Betaland's share is 40-60 (point 50).
const ranged = sector([
  { id: 'making', name: 'Making', shares: [snap([{ country: 'aa', share: 20 }, { country: 'bb', share: 50, low: 40, high: 60 }, { country: 'cc', share: 20 }])] },
  { id: 'selling', name: 'Selling', shares: [snap([{ country: 'bb', share: 10 }, { country: 'cc', share: 90 }])] },
]);

describe('mulberry32', () => {
  it('gives the same sequence for the same seed, uniform on [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100_000 }, () => a());
    expect(Array.from({ length: 100_000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // Mean of U(0,1) is 0.5, sd of the mean 0.289/√100000 ≈ 0.0009.
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });
});

describe('triangular', () => {
  it('inverts the triangular CDF', () => {
    // low 0, mode 5, high 10; u = 0.125 < c = 0.5: 0 + √(0.125·10·5) = √6.25 = 2.5.
    expect(triangular(0.125, 0, 5, 10)).toBeCloseTo(2.5, 12);
    expect(triangular(0.5, 0, 5, 10)).toBeCloseTo(5, 12);
    // low 0, mode 0, high 10; u = 0.36 ≥ c = 0: 10 − √(0.64·10·10) = 10 − 8 = 2.
    expect(triangular(0.36, 0, 0, 10)).toBeCloseTo(2, 12);
    // low 0, mode 10, high 10; u = 0.25 < c = 1: √(0.25·10·10) = 5.
    expect(triangular(0.25, 0, 10, 10)).toBeCloseTo(5, 12);
    expect(triangular(0.7, 3, 3, 3)).toBe(3);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    // n = 20: p5 → rank ⌈1⌉ = 1; p50 → rank 10; p95 → rank 19.
    expect([percentile(xs, 5), percentile(xs, 50), percentile(xs, 95)]).toEqual([1, 10, 19]);
    expect(percentile([7], 95)).toBe(7);
  });
});

describe('sampleShares', () => {
  const node = (values: ShareValue[]) => {
    const s = sector([{ id: 's', name: 'S', shares: [snap(values)] }]);
    return prepareChain(model(s), s, { targets: [] }).nodes[0]!;
  };
  const byId = (s: ReturnType<typeof nodeSampler>) => Object.fromEntries(s.node.world!.ids.map((id, i) => [id, s.work[i]!]));

  it('keeps values without a range fixed and leaves the rest what is left', () => {
    const s = nodeSampler(node([{ country: 'aa', share: 30 }, { country: 'bb', share: 20, low: 10, high: 30 }]));
    expect(s.ranged).toHaveLength(1);
    // u = 0.5 on a symmetric 10-20-30 triangle → 20; rest = 100 − 30 − 20 = 50.
    sampleShares(s, () => 0.5);
    expect(byId(s)).toEqual({ aa: 30, bb: 20, rest: 50 });
  });

  it('scales the ranged values back when the named shares pass 100', () => {
    const s = nodeSampler(node([{ country: 'aa', share: 30 }, { country: 'bb', share: 60, low: 60, high: 80 }, { country: 'cc', share: 10, low: 10, high: 30 }]));
    // u → 1 draws the highs: 30 + 80 + 30 = 140 > 100; ranged scaled by (100 − 30)/110:
    // bb = 80·70/110 = 50.909..., cc = 30·70/110 = 19.0909...; rest 0.
    expect(sampleShares(s, () => 1 - 1e-15)).toBe(true);
    const values = byId(s);
    expect(values.aa).toBe(30);
    expect(values.bb).toBeCloseTo((80 * 70) / 110, 6);
    expect(values.cc).toBeCloseTo((30 * 70) / 110, 6);
    expect(values.rest).toBeCloseTo(0, 6);
    // u = 0 draws the lows: 30 + 60 + 10 = 100, nothing to scale.
    expect(sampleShares(s, () => 0)).toBe(false);
  });
});

describe('shockUncertainty', () => {
  it('gives the point result when no value has a range', () => {
    const s = sector([{ id: 'making', name: 'Making', shares: [snap([{ country: 'aa', share: 20 }, { country: 'bb', share: 50 }])] }]);
    const u = shockUncertainty(model(s), s, { targets: ['bb'], samples: 50 });
    expect(u.rangedValues).toBe(0);
    expect(u.world).toEqual({ p5: 50, p50: 50, p95: 50 });
    expect(u.stages[0]!.throughput).toEqual({ p5: 50, p50: 50, p95: 50 });
  });

  it('spreads throughput as the ranged share spreads', () => {
    const u = shockUncertainty(model(ranged), ranged, { targets: ['bb'], samples: 20_000, seed: 1 });
    expect(u.rangedValues).toBe(1);
    expect(u.ranged).toEqual([{ stage: 'making', input: null, supplier: 'bb', lowPct: 40, sharePct: 50, highPct: 60 }]);
    // Making after = 100 − b, b ~ triangular(40, 50, 60). Its 5% quantile: 40 + √(0.05·20·10) = 40 + √10 = 43.16,
    // so throughput p95 ≈ 100 − 43.16 = 56.84, p5 ≈ 100 − (60 − √10) = 43.16, p50 ≈ 50.
    expect(u.stages[0]!.throughput!.p5).toBeCloseTo(43.16, 0);
    expect(u.stages[0]!.throughput!.p50).toBeCloseTo(50, 0);
    expect(u.stages[0]!.throughput!.p95).toBeCloseTo(56.84, 0);
    // Selling (bb 10, fixed) gives 90 > making: making binds, the chain follows it.
    expect(u.world).toEqual(u.stages[0]!.throughput);
    expect(u.stages[1]!.throughput).toEqual({ p5: 90, p50: 90, p95: 90 });
    // Risk at making rises with Betaland's share; the median sits near the point value's risk.
    const risk = u.stages[0]!.modelledRisk!;
    expect(risk.p5).toBeLessThan(risk.p50);
    expect(risk.p50).toBeLessThan(risk.p95);
  });

  it('reads the same weights from the trimmed countries data as from the whole', () => {
    const values = snap([{ country: 'aa', share: 20 }, { country: 'bb', share: 40 }, { country: 'cc', share: 20 }, { region: 'bloc', share: 5 }, { country: 'ee', share: 5 }]).values;
    for (const v of ['aa', 'bb', 'cc', 'dd', 'bloc']) {
      const vp = viewpointOf(countries, v);
      const all = suppliersOf(values, countries, vp);
      const picture = supplyPicture(vp, all, undefined, undefined, residualIds(countries))!;
      const ctx = (c: CountriesData) => ({ countries: c, events: [], sector: 'widgets', paths: ['making'], referenceDate: '2022-12-31' });
      const trimmed = countriesFor(countries, vp, all.map((s) => s.id));
      expect(modelledRisk(picture, vp, all, ctx(trimmed))).toEqual(modelledRisk(picture, vp, all, ctx(countries)));
    }
  });

  it('gives the point value\'s risk percentiles when no value has a range, and stage risk is the weakest link over the tree', () => {
    const s = sector([{ id: 'making', name: 'Making', shares: [snap([{ country: 'aa', share: 20 }, { country: 'bb', share: 50 }])], inputs: [{ id: 'gears', name: 'Gears', shares: [snap([{ country: 'bb', share: 80 }, { country: 'cc', share: 20 }])] }] }]);
    const u = shockUncertainty(model(s), s, { targets: ['bb'], samples: 20 });
    // gears from aa: 77.6 (engine.test.ts) > making's own list: the tree's weakest link
    expect(u.stages[0]!.modelledRisk).toEqual({ p5: 77.6, p50: 77.6, p95: 77.6 });
  });

  it('refuses a number of samples outside 1 to 1,000,000', () => {
    expect(() => shockUncertainty(model(ranged), ranged, { targets: ['bb'], samples: 0 })).toThrow(RangeError);
  });
});

describe('uncertainty properties', () => {
  it('the same seed gives the same percentiles', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 300 }), (seed, samples) => {
        const a = shockUncertainty(model(ranged), ranged, { targets: ['bb'], seed, samples });
        const b = shockUncertainty(model(ranged), ranged, { targets: ['bb'], seed, samples });
        expect(b).toEqual(a);
      }),
      { numRuns: 50 },
    );
  });

  it('sampled shares sum to at most 100', () => {
    const value = fc
      .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.boolean())
      .map(([share, down, up, hasRange]) => ({ share, low: Math.max(0, share - down), high: Math.min(100, share + up), hasRange }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), fc.nat(), (vals, seed) => {
        // Point values within 100 (as validated data are, up to the tolerance).
        const scale = Math.max(1, vals.reduce((a, v) => a + v.share, 0) / 100);
        const codes = ['aa', 'bb', 'cc', 'dd'];
        const values: ShareValue[] = vals.map((v, i) => {
          const share = v.share / scale;
          return v.hasRange ? { country: codes[i]!, share, low: Math.min(share, v.low), high: Math.max(share, v.high) } : { country: codes[i]!, share };
        });
        const s = sector([{ id: 's', name: 'S', shares: [snap(values)] }]);
        const sampler = nodeSampler(prepareChain(model(s), s, { targets: [] }).nodes[0]!);
        const rand = mulberry32(seed);
        for (let k = 0; k < 20; k++) {
          sampleShares(sampler, rand);
          const total = sampler.work.reduce((a, x) => a + x, 0);
          expect(total).toBeLessThanOrEqual(100 + 1e-9);
          expect(Math.min(...sampler.work)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
