import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hhi, suppliersOf } from '../../src/engine/concentration.js';
import { modelledRisk } from '../../src/engine/stage-risk.js';
import { scoreSector } from '../../src/engine/score.js';
import { countries, model, sector, snap } from '../helpers/model.js';

// Suppliers of the test model: aa is the viewpoint; bb a country of concern of aa; cc an ally
// of aa; dd has no governance data; bloc a region of cc and dd; rest the residual region.
const IDS = ['aa', 'bb', 'cc', 'dd', 'bloc', 'rest'] as const;

/** Shares for the six suppliers that sum to at most 100 (integers in tenths, so sums are exact). */
const shares = fc
  .array(fc.integer({ min: 0, max: 1000 }), { minLength: IDS.length, maxLength: IDS.length })
  .map((raw) => {
    const total = raw.reduce((a, b) => a + b, 0);
    const scale = total > 1000 ? 1000 / total : 1;
    return raw.map((x) => Math.floor(x * scale) / 10);
  });

const riskOf = (values: number[], viewpoint = 'aa') =>
  modelledRisk(suppliersOf(snap(IDS.map((id, i) => [id, values[i]!] as [string, number])), countries()), viewpoint, countries()).risk;

describe('engine properties', () => {
  it('modelled risk stays within 0-100 for any shares and any viewpoint', () => {
    fc.assert(
      fc.property(shares, fc.constantFrom('aa', 'bb', 'cc', 'dd'), (values, v) => {
        const r = riskOf(values, v);
        return r >= 0 && r <= 100;
      }),
    );
  });

  it('moving share from an ally to a country of concern never lowers the viewpoint risk', () => {
    fc.assert(
      fc.property(shares, fc.double({ min: 0, max: 1, noNaN: true }), (values, frac) => {
        const moved = [...values];
        const t = Math.round(values[2]! * frac * 10) / 10; // part of cc's (the ally's) share
        moved[2] = values[2]! - t;
        moved[1] = values[1]! + t; // to bb, the country of concern
        return riskOf(moved) >= riskOf(values) - 1e-9;
      }),
    );
  });

  it('HHI does not depend on the order of the countries', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 30 }), (xs) => {
        const shuffled = [...xs].reverse();
        return Math.abs(hhi(xs) - hhi(shuffled)) < 1e-6;
      }),
    );
  });

  it('a stage where one country holds 100% has HHI 10,000 and one effective supplier', () => {
    fc.assert(
      fc.property(fc.constantFrom('aa', 'bb', 'cc', 'dd'), (c) => {
        const s = sector([{ id: 'x', name: 'X', shares: [snap([[c, 100]])] }]);
        const st = scoreSector(model([s]), s).stages[0]!;
        return st.hhi === 10000 && st.effectiveSuppliers === 1 && st.hhiBand === 'highly concentrated';
      }),
    );
  });

  it('scores are the same whatever order the shares are listed in', () => {
    fc.assert(
      fc.property(shares, (values) => {
        const pairs = IDS.map((id, i) => [id, values[i]!] as [string, number]);
        const a = sector([{ id: 'x', name: 'X', shares: [snap(pairs)] }]);
        const b = sector([{ id: 'x', name: 'X', shares: [snap([...pairs].reverse())] }]);
        expect(scoreSector(model([a]), a)).toEqual(scoreSector(model([b]), b));
      }),
      { numRuns: 50 },
    );
  });
});
