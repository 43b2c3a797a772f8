// Engine tests of `scsr policies` (docs/scenarios.md#policies): scale, net scores, gaps, headline.
import { describe, expect, it } from 'vitest';
import type { Policy, Sector } from '../../src/data/model.js';
import { IMPACT_SCORE, impactCountries, netScore, policyImpacts, sectorPolicies } from '../../src/engine/policies.js';

const policy = (number: number, impacts: Policy['impacts'], extra: Partial<Policy> = {}): Policy => ({
  id: `p${number}`,
  number,
  title: `Policy ${number}`,
  measures: [`Measure ${number}`],
  stages: ['making'],
  source: 't',
  ...(impacts ? { impacts } : {}),
  ...extra,
});

const sector = (id: string, policies: Policy[]): Sector => ({
  id,
  name: id.toUpperCase(),
  sources: [{ id: 't', publisher: 'tests', title: 'made up', year: 2024 }],
  stages: [{ id: 'making', name: 'Making' }],
  policies,
});

// Listed out of order on purpose: the result follows the policy numbers.
const widgets = sector('widgets', [
  policy(3, [{ country: 'kr', short: 'negative', text: ['Loses a bit.'], gap: 'Long-term symbol cut off', source: 't' }]),
  policy(1, [{ country: 'kr', short: 'very-positive', long: 'negative', text: ['Gains now.', 'Loses later.'], source: 't' }], { stagesInferred: true }),
  policy(2, [{ country: 'kr', short: 'neutral', long: 'very-negative', text: [], source: 't' }]),
  policy(4, [{ country: 'us', short: 'positive', long: 'positive', text: ['Only for the US.'], source: 't' }]),
]);

describe('the impact scale', () => {
  it('reads the five symbols as -2..+2', () => {
    expect(IMPACT_SCORE).toEqual({ 'very-negative': -2, negative: -1, neutral: 0, positive: 1, 'very-positive': 2 });
  });
});

describe('sectorPolicies', () => {
  const r = sectorPolicies(widgets, { country: 'kr' })!;

  it('lists the policies by number with the impact on the country, gaps kept as gaps', () => {
    expect(r.policies.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(r.policies[0]).toMatchObject({ id: 'p1', stagesInferred: true, impact: { short: { level: 'very-positive', score: 2 }, long: { level: 'negative', score: -1 }, gap: null } });
    // Policy 3: no long-term rating in the source → null, with the gap's words; never filled in.
    expect(r.policies[2]!.impact).toEqual({ short: { level: 'negative', score: -1 }, long: null, text: ['Loses a bit.'], gap: 'Long-term symbol cut off', source: 't' });
    // Policy 4 has impacts for the US only.
    expect(r.policies[3]!.impact).toBeNull();
  });

  it('nets each horizon: sum, mean, counts', () => {
    // Short: +2, 0, −1 (policy 4: none) → sum 1, mean 1/3 = 0.33; 1 positive (+2), 1 negative (−1), 1 neutral; 1 gap.
    expect(r.totals[0]).toEqual({ horizon: 'short', rated: 3, gaps: 1, sum: 1, mean: 0.33, positive: 1, negative: 1, neutral: 1, positiveSum: 2, negativeSum: -1 });
    // Long: −1, −2 (policies 3 and 4: none) → sum −3, mean −1.5; 2 gaps.
    expect(r.totals[1]).toEqual({ horizon: 'long', rated: 2, gaps: 2, sum: -3, mean: -1.5, positive: 0, negative: 2, neutral: 0, positiveSum: 0, negativeSum: -3 });
  });

  it('recomputes the headline: short-term positives (+2) outweigh negatives (−1)', () => {
    expect(r.headline).toEqual({ horizon: 'short', positive: 1, negative: 1, positiveSum: 2, negativeSum: -1, outweighs: true });
  });

  it('nets only the horizon asked for', () => {
    expect(sectorPolicies(widgets, { horizon: 'long' })!.totals.map((t) => t.horizon)).toEqual(['long']);
  });

  it('takes another country\'s impacts, and none for a country without any', () => {
    const us = sectorPolicies(widgets, { country: 'us' })!;
    expect(us.totals[0]).toMatchObject({ rated: 1, gaps: 3, sum: 1 });
    expect(sectorPolicies(widgets, { country: 'jp' })).toBeNull();
    expect(impactCountries(widgets)).toEqual(['kr', 'us']);
  });
});

describe('headline', () => {
  it('needs strictly more: a tie does not outweigh', () => {
    const tie = sector('tie', [policy(1, [{ country: 'kr', short: 'positive', text: [], source: 't' }]), policy(2, [{ country: 'kr', short: 'negative', text: [], source: 't' }])]);
    expect(sectorPolicies(tie)!.headline).toMatchObject({ positiveSum: 1, negativeSum: -1, outweighs: false });
  });

  it('weighs by the scale, not by the count', () => {
    // One very positive (+2) against two negatives (−1 −1 = −2): no.
    const s = sector('s', [
      policy(1, [{ country: 'kr', short: 'very-positive', text: [], source: 't' }]),
      policy(2, [{ country: 'kr', short: 'negative', text: [], source: 't' }]),
      policy(3, [{ country: 'kr', short: 'negative', text: [], source: 't' }]),
    ]);
    expect(sectorPolicies(s)!.headline.outweighs).toBe(false);
  });
});

describe('policyImpacts', () => {
  it('adds sectors up for the overall headline and lists the sectors left out', () => {
    const gadgets = sector('gadgets', [policy(1, [{ country: 'kr', short: 'negative', long: 'positive', text: [], source: 't' }])]);
    const empty = sector('empty', []);
    const r = policyImpacts([widgets, gadgets, empty], { country: 'kr', horizon: 'short' });
    expect(r.sectors.map((s) => s.sector)).toEqual(['widgets', 'gadgets']);
    expect(r.withoutImpacts).toEqual(['empty']);
    // Overall short: widgets +2 / −1, gadgets −1 → positives +2, negatives −2: a tie, no.
    expect(r.overall).toEqual({ horizon: 'short', positive: 1, negative: 2, positiveSum: 2, negativeSum: -2, outweighs: false });
  });

  it('gives a null mean when nothing is rated', () => {
    expect(netScore([], 'short')).toMatchObject({ rated: 0, sum: 0, mean: null });
  });
});
