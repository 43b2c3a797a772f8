// Concentration of one share list: HHI, its band, effective number of suppliers, top supplier,
// chokepoints (docs/methodology.md#concentration, #chokepoints).
import type { CountriesData, ShareValue } from '../data/model.js';
import { countryName } from '../data/resolve.js';
import { HHI_HIGH, HHI_MODERATE } from './params.js';
import type { Chokepoint, SupplierShare } from './results.js';
import { isDomestic, type Viewpoint } from './viewpoint.js';

export const REST_ID = 'rest';

/**
 * The suppliers of a share list: named countries and regions as the source gives them (a
 * supplier named without a share has sharePct null), and one `rest` entry for residual regions
 * ("Other", "Various") plus whatever the source leaves unattributed. `domestic` marks the
 * viewpoint's own entries. Sorted by share, largest first, unknown shares after known ones,
 * the rest last; ties by id.
 */
export function suppliersOf(values: readonly ShareValue[], countries: CountriesData, vp?: Viewpoint): SupplierShare[] {
  const residual = residualIds(countries);
  const out: SupplierShare[] = [];
  let named = 0;
  let restPct = 0;
  for (const v of values) {
    if (v.region !== undefined && residual.has(v.region)) {
      if (v.share !== 'unknown') restPct += v.share;
      continue;
    }
    const id = (v.country ?? v.region)!;
    const share = v.share === 'unknown' ? null : v.share;
    if (share !== null) named += share;
    out.push({
      id,
      name: countryName(countries, id),
      kind: v.country !== undefined ? 'country' : 'region',
      sharePct: share,
      lowPct: v.low ?? null,
      highPct: v.high ?? null,
      stated: v.stated ?? null,
      domestic: vp ? isDomestic(vp, countries, id) : false,
    });
  }
  const rest = Math.max(0, 100 - named);
  if (rest > 1e-9 || restPct > 0) {
    out.push({ id: REST_ID, name: 'Rest of world (unattributed)', kind: 'rest', sharePct: round(rest, 4), lowPct: null, highPct: null, stated: null, domestic: false });
  }
  return out.sort(bySharePct);
}

/** Order of a supplier list: known shares largest first, unknown shares next, the rest last; ties by id. */
export function bySharePct(a: SupplierShare, b: SupplierShare): number {
  const rank = (s: SupplierShare) => (s.kind === 'rest' ? 2 : s.sharePct === null ? 1 : 0);
  return rank(a) - rank(b) || (b.sharePct ?? 0) - (a.sharePct ?? 0) || compareIds(a.id, b.id);
}

/** Ids of the regions that stand for unattributed supply. */
export function residualIds(countries: CountriesData): ReadonlySet<string> {
  let ids = residualCache.get(countries.regions);
  if (!ids) {
    ids = new Set(countries.regions.filter((r) => r.residual).map((r) => r.id));
    residualCache.set(countries.regions, ids);
  }
  return ids;
}
const residualCache = new WeakMap<object, ReadonlySet<string>>();

/** HHI = Σ sᵢ² over named suppliers, shares in percent (0-10,000). The unattributed rest adds nothing. */
export function hhi(sharesPct: readonly number[]): number {
  let sum = 0;
  for (const s of sharesPct) sum += s * s;
  return sum;
}

/** 2023 US Merger Guidelines: above 1,800 highly concentrated; 1,000-1,800 moderately; below 1,000 unconcentrated. */
export function hhiBand(h: number): 'unconcentrated' | 'moderately concentrated' | 'highly concentrated' {
  if (h > HHI_HIGH) return 'highly concentrated';
  if (h >= HHI_MODERATE) return 'moderately concentrated';
  return 'unconcentrated';
}

/** 10,000 / HHI: the number of equal suppliers that would give the same HHI. */
export function effectiveSuppliers(h: number): number | null {
  return h > 0 ? 10000 / h : null;
}

export function globalChokepoints(suppliers: readonly SupplierShare[], thresholdPct: number): Chokepoint[] {
  return suppliers
    .filter((s) => s.kind !== 'rest' && s.sharePct !== null && s.sharePct >= thresholdPct)
    .map((s) => ({ kind: 'global' as const, supplier: s.id, sharePct: s.sharePct!, thresholdPct, measured: true }));
}

/**
 * Order of ids and country codes in every tie-break: plain code-unit order, the same in every
 * locale (localeCompare is not: in Czech "ch" sorts after "h"), and it avoids loading ICU
 * collation data at start-up (about 10 ms).
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
