// Risk of one node from a viewpoint: the modelled risk of its supply, the EU CRM supply risk,
// and the blend with an assessed rating (docs/methodology.md#node-risk, #eu-crm).
import { findCountry, findRegion } from '../data/lookup.js';
import type { CountriesData, RatingValue } from '../data/model.js';
import { round } from './concentration.js';
import { eventsAt, withEvents } from './events.js';
import { BLEND_MODEL_WEIGHT, DISAGREEMENT_MARGIN, KAPPA, RATING_RISK } from './params.js';
import type { EventEffect, PartnerDependence, SupplierShare } from './results.js';
import { governanceRisk, supplierWeight } from './supplier-risk.js';
import type { SupplyPicture } from './supply.js';
import type { Viewpoint } from './viewpoint.js';
import type { TradeEvent } from '../data/model.js';

/** Risk points of one partner holding `s` (fraction) of the viewpoint's supply with weight w. */
export function riskPoints(w: number, s: number, rest = false): number {
  return rest ? (100 * w * s) / (1 + KAPPA) : (100 * w * s * (1 + KAPPA * s)) / (1 + KAPPA);
}

export interface RiskContext {
  countries: CountriesData;
  events: readonly TradeEvent[];
  sector: string;
  /** The node's path and its ancestors' (an event on a parent covers it). */
  paths: readonly string[];
  referenceDate: string;
}

/**
 * Modelled risk, 0-100: 100 · Σ_p w_p · s_p · (1 + κ·s_p) / (1 + κ) over foreign partners, s_p
 * the partner's share of the viewpoint's supply (foreign share × its share of the imports), w_p
 * its supplier-risk weight raised by export-restriction events; the unattributed part of the
 * imports counts as many small suppliers (linear, unknownWeight). With world shares only,
 * s_p is the partner's world share: the v1 formula. Linear in who supplies, convex in how much
 * one partner holds.
 */
export function modelledRisk(picture: SupplyPicture, vp: Viewpoint, world: readonly SupplierShare[] | null, ctx: RiskContext): { risk: number; dependence: PartnerDependence[] } {
  const F = picture.foreign;
  const worldShare = new Map((world ?? []).map((s) => [s.id, s.sharePct]));
  let total = 0;
  const dependence: PartnerDependence[] = [];
  for (const p of picture.partners) {
    const base = supplierWeight(ctx.countries, vp, p.id).weight;
    const events: EventEffect[] = p.kind === 'country' ? eventsAt(ctx.events, vp, p.id, ctx.sector, ctx.paths, ctx.referenceDate) : [];
    const w = withEvents(base, events);
    const s = p.ofImportsPct === null ? null : (F * p.ofImportsPct) / 100;
    const term = s === null ? 0 : riskPoints(w, s);
    total += term;
    dependence.push({
      partner: p.id,
      name: nameOf(ctx.countries, p.id),
      sharePct: worldShare.get(p.id) ?? null,
      ofImportsPct: p.ofImportsPct === null ? null : round(p.ofImportsPct, 2),
      ofSupplyPct: s === null ? null : round(100 * s, 2),
      measured: picture.supply.measured,
      weight: round(w, 4),
      baseWeight: round(base, 4),
      events,
      contribution: round(term, 2),
    });
  }
  total += riskPoints(ctx.countries.supplierRisk.unknownWeight, (F * picture.unattributedPct) / 100, true);
  return { risk: Math.min(100, Math.max(0, total)), dependence };
}

function nameOf(countries: CountriesData, id: string): string {
  return findCountry(countries, id)?.name ?? findRegion(countries, id)?.name ?? id;
}

export function ratingRisk(value: RatingValue): number {
  return RATING_RISK[value];
}

/** Blend: BLEND_MODEL_WEIGHT · modelled + (1 − BLEND_MODEL_WEIGHT) · rating; either alone when the other is missing. */
export function blend(modelled: number | null, rating: number | null): number | null {
  if (modelled === null) return rating;
  if (rating === null) return modelled;
  return BLEND_MODEL_WEIGHT * modelled + (1 - BLEND_MODEL_WEIGHT) * rating;
}

export function disagrees(modelled: number | null, rating: number | null): boolean {
  return modelled !== null && rating !== null && Math.abs(modelled - rating) > DISAGREEMENT_MARGIN;
}

/** WGI rescaled 0-10, higher = poorer governance (JRC 2017); a region: the mean of its members. */
export function wgiScaled(countries: CountriesData, id: string): number | null {
  const c = findCountry(countries, id);
  if (c?.governance) return round(10 * governanceRisk(c.governance.wgi), 4);
  const region = findRegion(countries, id);
  if (region && !region.residual && region.members?.length) {
    const vals = region.members.map((m) => wgiScaled(countries, m)).filter((x): x is number => x !== null);
    if (vals.length) return round(vals.reduce((a, b) => a + b, 0) / vals.length, 4);
  }
  return null;
}
