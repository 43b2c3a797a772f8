// Where a viewpoint's supply of one node comes from (docs/methodology.md#supply): measured from
// its import data where the data have them, else estimated pro rata from world shares; the
// foreign share from net import reliance where given, else from the viewpoint's world share.
import type { ImportList, Reliance, TradeData } from '../data/model.js';
import { round } from './concentration.js';
import type { Supply, SupplierShare } from './results.js';
import type { Viewpoint } from './viewpoint.js';

/** A partner's part of the viewpoint's imports: ofImportsPct null = named without a share. */
export interface ImportShare {
  id: string;
  kind: 'country' | 'region';
  ofImportsPct: number | null;
}

export interface SupplyPicture {
  supply: Supply;
  /** Share of the viewpoint's supply that is foreign, 0-1. */
  foreign: number;
  /** Named foreign partners, largest share of imports first. */
  partners: ImportShare[];
  /** Share of the imports attributed to nobody (residual regions, the unstated rest), 0-100. */
  unattributedPct: number;
}

/** The trade figures of one viewpoint and sector, by node path: built once per evaluation. */
export interface TradeIndex {
  imports: Map<string, ImportList[]>;
  reliance: Map<string, Reliance[]>;
}

export function tradeIndex(trade: TradeData, viewpoint: string, sector: string): TradeIndex {
  const imports = new Map<string, ImportList[]>();
  const reliance = new Map<string, Reliance[]>();
  const key = (x: { stage: string; input?: string | undefined }) => (x.input ? `${x.stage}/${x.input}` : x.stage);
  for (const l of trade.imports) {
    if (l.viewpoint !== viewpoint || l.sector !== sector) continue;
    const k = key(l);
    imports.set(k, [...(imports.get(k) ?? []), l]);
  }
  for (const r of trade.reliance) {
    if (r.viewpoint !== viewpoint || r.sector !== sector) continue;
    const k = key(r);
    reliance.set(k, [...(reliance.get(k) ?? []), r]);
  }
  return { imports, reliance };
}

/**
 * The import list a node is read from (docs/methodology.md#supply): among the lists at or before
 * --year, the newest that covers a whole year; a part-year list only when no whole-year list
 * exists (a January-May figure is a signal, not the year's dependence). On one year: value
 * before quantity (trade ministries rank by value), then file order. Import lists usually name
 * the leading partner only, so unlike world lists they are not chosen by how much they name.
 */
export function pickImports(lists: readonly ImportList[] | undefined, year?: number): { list: ImportList; requestedYear: number | null } | undefined {
  const pool = (lists ?? []).filter((l) => year === undefined || l.year <= year);
  const whole = pool.filter((l) => !l.partial);
  let best: ImportList | undefined;
  for (const l of whole.length > 0 ? whole : pool) {
    if (!best || l.year > best.year || (l.year === best.year && l.measure === 'value' && best.measure !== 'value')) best = l;
  }
  if (!best) return undefined;
  return { list: best, requestedYear: year !== undefined && best.year < year ? year : null };
}

/** The newest net import reliance at or before --year. */
export function pickReliance(list: readonly Reliance[] | undefined, year?: number): Reliance | undefined {
  let best: Reliance | undefined;
  for (const r of list ?? []) {
    if (year !== undefined && r.year > year) continue;
    if (!best || r.year > best.year) best = r;
  }
  return best;
}

/**
 * The viewpoint's supply of a node. `world`: the node's world suppliers (domestic marked), or
 * null without a world list. Returns null when neither world nor import data exist.
 */
export function supplyPicture(
  vp: Viewpoint,
  world: readonly SupplierShare[] | null,
  picked: { list: ImportList; requestedYear: number | null } | undefined,
  reliance: { percent: number; stated?: string | null | undefined; year: number; source: string } | undefined,
  residual: ReadonlySet<string>,
  /** v's share of world demand for the node, where a demand list gives one (stages only). */
  demandPct?: number,
): SupplyPicture | null {
  // Without a reliance figure, a demand share gives the part of v's use it does not make itself.
  const fromDemand = (own: number): number | null => (demandPct !== undefined && demandPct > 0 ? Math.min(1, Math.max(0, 1 - own / demandPct)) : null);
  const ownWorldPct = world ? world.reduce((a, s) => a + (s.domestic && s.sharePct !== null ? s.sharePct : 0), 0) : null;
  const relianceRef = reliance ? { percent: reliance.percent, stated: reliance.stated ?? null, year: reliance.year, source: reliance.source } : null;

  if (picked) {
    const l = picked.list;
    const imports: NonNullable<Supply['imports']> = {
      year: l.year,
      period: l.period ?? null,
      measure: l.measure,
      of: l.of,
      product: l.product ?? null,
      hs: l.hs ?? [],
      partial: Boolean(l.partial),
      source: l.source,
      requestedYear: picked.requestedYear,
    };
    const named = l.values.filter((v) => !(v.region !== undefined && residual.has(v.region)));
    const isOwn = (id: string) => id === vp.id || vp.members.has(id);
    let domesticPct = 0;
    const foreignEntries: Array<{ id: string; kind: 'country' | 'region'; pct: number | null }> = [];
    for (const v of named) {
      const id = (v.country ?? v.region)!;
      const pct = v.share === 'unknown' ? null : v.share;
      if (l.of === 'supply' && isOwn(id)) domesticPct += pct ?? 0;
      else foreignEntries.push({ id, kind: v.country !== undefined ? 'country' : 'region', pct });
    }
    // A sourcing list (of: supply) states the domestic part itself; an import list does not.
    let foreign: number;
    let foreignFrom: Supply['foreignFrom'];
    if (l.of === 'supply') {
      foreign = Math.max(0, 1 - domesticPct / 100);
      foreignFrom = 'supply-list';
    } else if (reliance) {
      foreign = reliance.percent / 100;
      foreignFrom = 'net-import-reliance';
    } else if (ownWorldPct !== null && fromDemand(ownWorldPct) !== null) {
      foreign = fromDemand(ownWorldPct)!;
      foreignFrom = 'demand';
    } else if (ownWorldPct !== null) {
      foreign = Math.max(0, 1 - ownWorldPct / 100);
      foreignFrom = 'world-share';
    } else {
      foreign = 1;
      foreignFrom = 'assumed';
    }
    // Shares of the imports: an import list states them; a sourcing list states shares of the
    // whole supply, so its foreign entries are divided by the foreign part.
    const scale = l.of === 'supply' ? (foreign > 0 ? 1 / foreign : 0) : 1;
    const partners = foreignEntries
      .map((e) => ({ id: e.id, kind: e.kind, ofImportsPct: e.pct === null ? null : round(e.pct * scale, 4) }))
      .sort(byImports);
    const attributed = partners.reduce((a, p) => a + (p.ofImportsPct ?? 0), 0);
    const unattributedPct = round(Math.max(0, 100 - attributed), 4);
    return {
      supply: { measured: true, foreignPct: round(100 * foreign, 4), foreignFrom, unattributedPct, imports, reliance: relianceRef },
      foreign,
      partners,
      unattributedPct,
    };
  }

  if (!world) return null;
  // Estimated: the viewpoint imports from the other suppliers in proportion to their world shares.
  const own = ownWorldPct ?? 0;
  const foreignWorld = Math.max(0, 100 - own);
  const demandForeign = fromDemand(own);
  const foreign = reliance ? reliance.percent / 100 : (demandForeign ?? foreignWorld / 100);
  const partners: ImportShare[] = [];
  let restPct = 0;
  for (const s of world) {
    if (s.domestic) continue;
    if (s.kind === 'rest') {
      restPct += s.sharePct ?? 0;
      continue;
    }
    partners.push({ id: s.id, kind: s.kind, ofImportsPct: s.sharePct === null ? null : foreignWorld > 0 ? round((100 * s.sharePct) / foreignWorld, 4) : 0 });
  }
  partners.sort(byImports);
  const unattributedPct = foreignWorld > 0 ? round((100 * restPct) / foreignWorld, 4) : 0;
  return {
    supply: {
      measured: false,
      foreignPct: round(100 * foreign, 4),
      foreignFrom: reliance ? 'net-import-reliance' : demandForeign !== null ? 'demand' : 'world-share',
      unattributedPct,
      imports: null,
      reliance: relianceRef,
    },
    foreign,
    partners,
    unattributedPct,
  };
}

function byImports(a: ImportShare, b: ImportShare): number {
  const rank = (x: ImportShare) => (x.ofImportsPct === null ? 1 : 0);
  return rank(a) - rank(b) || (b.ofImportsPct ?? 0) - (a.ofImportsPct ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
