// How much a partner's supply worries a viewpoint: a weight 0-1 from governance and ties
// (docs/methodology.md#supplier-risk). The parameters are data (countries.yaml supplierRisk).
import { findCountry, findRegion } from '../data/lookup.js';
import type { CountriesData } from '../data/model.js';
import { isDomestic, viewpointOf, type Viewpoint } from './viewpoint.js';

export interface SupplierWeight {
  weight: number;
  /** (2.5 - WGI) / 5: 0 = best governance, 1 = worst; null without WGI data. */
  governanceRisk: number | null;
  wgi: number | null;
  /** Ally groups the viewpoint and the partner share. */
  allies: string[];
  concern: boolean;
  rule: string;
}

/** Governance risk from the WGI estimate (-2.5..2.5), 0-1, higher = weaker governance. */
export function governanceRisk(wgi: number): number {
  return Math.min(1, Math.max(0, (2.5 - wgi) / 5));
}

/** Whether a viewpoint belongs to a group: a country as a member; a region when the group is it, or holds all its members. */
function inGroup(vp: Viewpoint, group: { id: string; members: readonly string[] }): boolean {
  if (vp.kind === 'country') return group.members.includes(vp.id);
  return group.id === vp.id || [...vp.members].every((m) => group.members.includes(m));
}

/**
 * Weights already worked out, per countries data, viewpoint and partner: one evaluation asks for
 * the same pair at every node a partner supplies (hundreds of times), and the answer depends on
 * these alone. Callers read the result and never change it.
 */
const memo = new WeakMap<CountriesData, Map<string, SupplierWeight>>();

export function supplierWeight(countries: CountriesData, view: Viewpoint | string, partner: string): SupplierWeight {
  const vp = typeof view === 'string' ? viewpointOf(countries, view) : view;
  let byPair = memo.get(countries);
  if (!byPair) memo.set(countries, (byPair = new Map()));
  // Keyed by the members too: what counts as domestic decides the weight.
  const key = `${vp.id}\u0000${vp.kind}\u0000${[...vp.members].join(',')}\u0000${partner}`;
  let w = byPair.get(key);
  if (!w) byPair.set(key, (w = computeWeight(countries, vp, partner)));
  return w;
}

function computeWeight(countries: CountriesData, vp: Viewpoint, partner: string): SupplierWeight {
  const viewpoint = vp.id;
  const p = countries.supplierRisk;
  const none = { governanceRisk: null, wgi: null, allies: [], concern: false };
  if (partner === viewpoint || isDomestic(vp, countries, partner)) return { ...none, weight: 0, rule: 'own supply' };
  const override = p.overrides?.filter((o) => o.from === viewpoint && o.to === partner).at(-1);
  if (override) return { ...none, weight: override.weight, rule: `override: ${override.note}` };

  const region = findRegion(countries, partner);
  if (region || partner === 'rest') {
    const members = (region?.members ?? []).filter((m) => !vp.members.has(m));
    if (!region || region.residual || members.length === 0) return { ...none, weight: p.unknownWeight, rule: 'unattributed or undefined region: unknownWeight' };
    const weights = members.map((m) => supplierWeight(countries, vp, m).weight);
    const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
    return { ...none, weight: mean, rule: `region: mean of its ${members.length} members' weights` };
  }

  const concern = countries.concerns.some((c) => c.viewpoint === viewpoint && c.countries.includes(partner));
  const country = findCountry(countries, partner);
  const wgi = country?.governance?.wgi ?? null;
  const gov = wgi === null ? null : governanceRisk(wgi);
  const allies = countries.groups
    .filter((g) => p.allyGroups.includes(g.id) && inGroup(vp, g) && g.members.includes(partner))
    .map((g) => g.id);
  if (concern) return { weight: p.concernWeight, governanceRisk: gov, wgi, allies, concern, rule: `country of concern of ${viewpoint}: concernWeight` };
  const base = gov ?? p.unknownWeight;
  const baseRule = gov === null ? 'no WGI data: unknownWeight' : '(2.5 - WGI) / 5';
  if (allies.length > 0) return { weight: base * p.allyFactor, governanceRisk: gov, wgi, allies, concern, rule: `${baseRule} × allyFactor (${allies.join(', ')})` };
  return { weight: base, governanceRisk: gov, wgi, allies, concern, rule: baseRule };
}
