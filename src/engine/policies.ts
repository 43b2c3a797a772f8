// The policy recommendations of a sector with their impact on one country, net scores per
// horizon, and the report's headline recomputed from the data (docs/scenarios.md#policies).
import type { ImpactLevel, Sector } from '../data/model.js';
import { compareIds, round } from './concentration.js';
import type { Headline, Horizon, ImpactRating, NetScore, PoliciesResult, PolicyImpact, SectorPolicies } from './results-policies.js';

/** KIET Tables 5 and 6 use five symbols; we read them as -2..+2 (docs/scenarios.md#scale). */
export const IMPACT_SCORE: Record<ImpactLevel, number> = {
  'very-negative': -2,
  negative: -1,
  neutral: 0,
  positive: 1,
  'very-positive': 2,
};

export const DEFAULT_IMPACT_COUNTRY = 'kr';

export interface PolicyOptions {
  /** Whose impacts; default kr (the seed report's viewpoint). */
  country?: string;
  horizon?: Horizon;
}

const rating = (level: ImpactLevel | undefined): ImpactRating | null => (level === undefined ? null : { level, score: IMPACT_SCORE[level] });

/** Countries the sector's policy impacts are given for, sorted. */
export function impactCountries(sector: Sector): string[] {
  return [...new Set((sector.policies ?? []).flatMap((p) => (p.impacts ?? []).map((i) => i.country)))].sort();
}

export function netScore(policies: readonly PolicyImpact[], horizon: 'short' | 'long'): NetScore {
  const scores = policies.map((p) => p.impact?.[horizon]?.score).filter((s): s is number => s !== undefined);
  const sum = scores.reduce((a, b) => a + b, 0);
  return {
    horizon,
    rated: scores.length,
    gaps: policies.length - scores.length,
    sum,
    mean: scores.length ? round(sum / scores.length, 2) : null,
    positive: scores.filter((s) => s > 0).length,
    negative: scores.filter((s) => s < 0).length,
    neutral: scores.filter((s) => s === 0).length,
    positiveSum: scores.filter((s) => s > 0).reduce((a, b) => a + b, 0),
    negativeSum: scores.filter((s) => s < 0).reduce((a, b) => a + b, 0),
  };
}

/** "Short-term positive impacts outweigh short-term negative impacts": weighted, strictly. */
export function headline(policies: readonly PolicyImpact[]): Headline {
  const n = netScore(policies, 'short');
  return { horizon: 'short', positive: n.positive, negative: n.negative, positiveSum: n.positiveSum, negativeSum: n.negativeSum, outweighs: n.positiveSum > -n.negativeSum };
}

/** One sector's policies with their impact on `country`; null when the data give that country no impact there. */
export function sectorPolicies(sector: Sector, options: PolicyOptions = {}): SectorPolicies | null {
  const country = options.country ?? DEFAULT_IMPACT_COUNTRY;
  const horizon = options.horizon ?? 'both';
  if (!impactCountries(sector).includes(country)) return null;
  const policies: PolicyImpact[] = [...(sector.policies ?? [])]
    .sort((a, b) => a.number - b.number || compareIds(a.id, b.id))
    .map((p) => {
      const i = p.impacts?.find((x) => x.country === country);
      return {
        number: p.number,
        id: p.id,
        title: p.title,
        measures: p.measures,
        stages: p.stages,
        stagesInferred: p.stagesInferred ?? false,
        source: p.source,
        impact: i ? { short: rating(i.short), long: rating(i.long), text: i.text ?? [], gap: i.gap ?? null, source: i.source } : null,
      };
    });
  const horizons: Array<'short' | 'long'> = horizon === 'both' ? ['short', 'long'] : [horizon];
  return { sector: sector.id, name: sector.name, country, policies, totals: horizons.map((h) => netScore(policies, h)), headline: headline(policies) };
}

/** Policies and impacts of several sectors, and the headline over all of them. */
export function policyImpacts(sectors: readonly Sector[], options: PolicyOptions = {}): PoliciesResult {
  const country = options.country ?? DEFAULT_IMPACT_COUNTRY;
  const results = sectors.map((s) => [s, sectorPolicies(s, options)] as const);
  const shown = results.flatMap(([, r]) => (r ? [r] : []));
  return {
    country,
    horizon: options.horizon ?? 'both',
    sectors: shown,
    withoutImpacts: results.filter(([, r]) => !r).map(([s]) => s.id),
    overall: headline(shown.flatMap((s) => s.policies)),
  };
}
