// Risk of one share list from a viewpoint: the modelled risk, the EU CRM supply risk, and the
// blend with an assessed rating (docs/methodology.md#stage-risk, #eu-crm).
import type { CountriesData, RatingValue, Stage } from '../data/model.js';
import { BLEND_MODEL_WEIGHT, DISAGREEMENT_MARGIN, EU_CRM_CRITICAL_SR, KAPPA, RATING_RISK } from './params.js';
import type { PartnerDependence, Risk, SupplierShare } from './results.js';
import { findCountry, findRegion } from '../data/lookup.js';
import { governanceRisk, supplierWeight } from './supplier-risk.js';
import { compareIds, round } from './concentration.js';

/**
 * Modelled risk, 0-100: 100 · Σ_{c≠v} w_c · s_c · (1 + κ·s_c) / (1 + κ), shares s as fractions of
 * world supply, w the supplier-risk weight. The unattributed rest counts as many small suppliers
 * (its convex term vanishes). Linear in who supplies, convex in how much one supplier holds.
 */
export function modelledRisk(suppliers: readonly SupplierShare[], viewpoint: string, countries: CountriesData): { risk: number; dependence: PartnerDependence[] } {
  const own = suppliers.find((s) => s.id === viewpoint)?.sharePct ?? 0;
  const foreign = 100 - own;
  let total = 0;
  const dependence: PartnerDependence[] = [];
  for (const s of suppliers) {
    if (s.id === viewpoint) continue;
    const w = supplierWeight(countries, viewpoint, s.id).weight;
    const f = s.sharePct / 100;
    const term = s.kind === 'rest' ? (w * f) / (1 + KAPPA) : (w * f * (1 + KAPPA * f)) / (1 + KAPPA);
    total += term;
    if (s.kind === 'rest') continue;
    dependence.push({
      partner: s.id,
      name: s.name,
      sharePct: s.sharePct,
      ofForeignPct: foreign > 0 ? round((100 * s.sharePct) / foreign, 2) : 0,
      weight: round(w, 4),
      contribution: round(100 * term, 2),
    });
  }
  dependence.sort((a, b) => b.ofForeignPct - a.ofForeignPct || compareIds(a.partner, b.partner));
  return { risk: Math.min(100, Math.max(0, 100 * total)), dependence };
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

/** WGI rescaled 0-10, higher = poorer governance (JRC 2017); a default of 5 without data. */
export function wgiScaled(countries: CountriesData, id: string): number | null {
  const c = findCountry(countries, id);
  if (c?.governance) return 10 * governanceRisk(c.governance.wgi);
  const region = findRegion(countries, id);
  if (region && !region.residual && region.members?.length) {
    const vals = region.members.map((m) => wgiScaled(countries, m)).filter((x): x is number => x !== null);
    if (vals.length) return vals.reduce((a, b) => a + b, 0) / vals.length;
  }
  return null;
}

/**
 * EU CRM supply risk (Blengini et al., JRC 2017):
 * SR = [HHI_WGI(global) · IR/2 + HHI_WGI(sourcing) · (1 − IR/2)] · (1 − EoL_RIR) · SI,
 * HHI_WGI = Σ sᵢ² · WGIᵢ with sᵢ fractions and WGI rescaled 0-10.
 */
export function euCrm(suppliers: readonly SupplierShare[], viewpoint: string, _stage: Stage | undefined, countries: CountriesData, demandPct?: number): NonNullable<Risk['euCrm']> {
  const defaults: string[] = [];
  const scaled = (id: string): number => {
    const w = wgiScaled(countries, id);
    if (w !== null) return w;
    defaults.push(`WGI of ${id}: 5 (no data)`);
    return 5;
  };
  const named = suppliers.filter((s) => s.kind !== 'rest');
  const hhiWgiGlobal = named.reduce((sum, s) => sum + (s.sharePct / 100) ** 2 * scaled(s.id), 0);
  const own = (suppliers.find((s) => s.id === viewpoint)?.sharePct ?? 0) / 100;

  // IR = (imports − exports) / apparent consumption: from the data when given; else from the
  // viewpoint's shares of world demand d and supply p, (d − p) / d clamped to 0-1; else 1 − p.
  let ir: number;
  if (demandPct !== undefined && demandPct > 0) {
    ir = Math.min(1, Math.max(0, (demandPct / 100 - own) / (demandPct / 100)));
    defaults.push(`import reliance: (demand share − supply share) / demand share = (${demandPct}% − ${round(own * 100, 2)}%) / ${demandPct}% (no trade data)`);
  } else {
    ir = 1 - own;
    defaults.push('import reliance: 1 − viewpoint share of world supply (no demand data)');
  }
  // Sourcing: own production for (1 − IR), imports pro rata to the other suppliers' world shares.
  const foreignNamed = named.filter((s) => s.id !== viewpoint);
  const foreignTotal = suppliers.filter((s) => s.id !== viewpoint).reduce((a, s) => a + s.sharePct, 0);
  defaults.push('sourcing: imports pro rata to world shares (no bilateral trade data)');
  let hhiWgiSourcing = own > 0 ? (1 - ir) ** 2 * scaled(viewpoint) : 0;
  if (foreignTotal > 0) for (const s of foreignNamed) hhiWgiSourcing += (ir * (s.sharePct / foreignTotal)) ** 2 * scaled(s.id);

  const eol = 0;
  defaults.push('EoL-RIR: 0 (no data)');
  const si = 1;
  defaults.push('SI: 1, no substitute (no data)');
  const sr = (hhiWgiGlobal * (ir / 2) + hhiWgiSourcing * (1 - ir / 2)) * (1 - eol) * si;
  return {
    sr: round(sr, 3),
    critical: sr >= EU_CRM_CRITICAL_SR,
    hhiWgiGlobal: round(hhiWgiGlobal, 3),
    hhiWgiSourcing: round(hhiWgiSourcing, 3),
    importReliance: round(ir, 4),
    recyclingInputRate: eol,
    substitutionIndex: si,
    defaults: [...new Set(defaults)],
  };
}
