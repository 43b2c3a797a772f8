// What a chain still delivers when countries lose capacity: stage by stage, the world's and a
// viewpoint's, and the stage that then binds (docs/scenarios.md). Pure: model in, result out.
import type { CountriesData, Model, Sector, Snapshot, Stage } from '../data/model.js';
import { countryName } from '../data/resolve.js';
import { compareIds, REST_ID, round, suppliersOf } from './concentration.js';
import type { SnapshotRef, SupplierShare } from './results.js';
import type {
  Binding,
  ItemShock,
  ShockResult,
  ShockTarget,
  StageShock,
  Throughput,
  ViewpointShock,
  WorstCase,
  WorstEntry,
} from './results-shock.js';
import { defaultViewpoint } from './score.js';
import { pickSnapshot } from './snapshot.js';

export interface ShockOptions {
  /** Country codes (or region ids) that lose capacity. */
  targets: readonly string[];
  /** Fraction 0-1 of each target's capacity lost; default 1 (cut off). */
  loss?: number;
  /** Fraction 0-1 by which unshocked suppliers can raise their output; default 0. */
  spare?: number;
  /** Stage ids the shock applies to; default every stage. */
  stages?: readonly string[];
  /** Default: the sector's assessor. */
  viewpoint?: string;
  year?: number;
  basis?: string;
}

/** Below this, a loss is rounding noise: nothing binds. */
const EPS = 1e-9;

// ---------------------------------------------------------------------------------------------
// Prepared share lists: typed arrays the arithmetic (and the sampler in uncertainty.ts) run on.

/** A share list ready for the arithmetic. Entries are suppliersOf's, plus always one `rest` slot. */
export interface PreparedItem {
  id: string;
  name: string;
  snapshot: SnapshotRef | null;
  noData: string | null;
  /** suppliersOf(snapshot), with a `rest` entry of 0 appended when the list has none. */
  suppliers: SupplierShare[];
  /** The share values of the snapshot, in file order, for the sampler. */
  values: Snapshot['values'];
  shares: Float64Array;
  /** Fraction of each entry's capacity lost (0 for entries not shocked). */
  loss: Float64Array;
  /** 1 for a shocked entry (even at a loss of 0: it has no spare capacity to give). */
  shocked: Uint8Array;
  viewIndex: number;
  restIndex: number;
  /** Share of the viewpoint's supply that is foreign, 0-1, from viewpoint data; NaN = world shares. */
  foreignFraction: number;
  foreignBasis: ViewpointShock['foreignBasis'];
}

export interface PreparedStage {
  id: string;
  name: string;
  order: number;
  shocked: boolean;
  /** The stage's own share list when one is picked; then it sets the stage's figures. */
  own: PreparedItem | null;
  inputs: PreparedItem[];
}

export interface PreparedChain {
  sector: Sector;
  viewpoint: string;
  targets: ShockTarget[];
  loss: number;
  spare: number;
  shockedStages: string[];
  stages: PreparedStage[];
}

function snapshotRef(snap: Snapshot, requestedYear: number | null): SnapshotRef {
  return { year: snap.year, projection: Boolean(snap.projection), metric: snap.metric, basis: snap.basis, source: snap.source, requestedYear };
}

function prepareItem(
  id: string,
  name: string,
  list: readonly Snapshot[] | undefined,
  countries: CountriesData,
  ctx: { viewpoint: string; targets: ReadonlySet<string>; loss: number; shockHere: boolean; year?: number; basis?: string },
  stage?: Stage,
): PreparedItem {
  const picked = pickSnapshot(list, ctx.year, ctx.basis);
  const empty = new Float64Array(0);
  if (!picked) {
    return {
      id, name, snapshot: null, noData: (list?.length ?? 0) > 0 ? 'no data for this year or basis' : 'no data',
      suppliers: [], values: [], shares: empty, loss: empty, shocked: new Uint8Array(0), viewIndex: -1, restIndex: -1,
      foreignFraction: Number.NaN, foreignBasis: 'world-shares',
    };
  }
  const suppliers = suppliersOf(picked.snapshot, countries);
  if (!suppliers.some((s) => s.kind === 'rest')) {
    suppliers.push({ id: REST_ID, name: 'Rest of world (unattributed)', kind: 'rest', sharePct: 0, lowPct: null, highPct: null, stated: null });
  }
  const n = suppliers.length;
  const shares = new Float64Array(n);
  const loss = new Float64Array(n);
  const shocked = new Uint8Array(n);
  suppliers.forEach((s, i) => {
    shares[i] = s.sharePct;
    // The unattributed rest is never shocked: nobody knows whose it is (docs/scenarios.md#model).
    if (ctx.shockHere && s.kind !== 'rest' && ctx.targets.has(s.id)) {
      shocked[i] = 1;
      loss[i] = ctx.loss;
    }
  });
  const viewIndex = suppliers.findIndex((s) => s.id === ctx.viewpoint);
  const { fraction, basis } = viewpointForeign(stage, ctx.viewpoint, viewIndex >= 0 ? shares[viewIndex]! : 0, ctx.year);
  return {
    id, name, snapshot: snapshotRef(picked.snapshot, picked.requestedYear), noData: null,
    suppliers, values: picked.snapshot.values, shares, loss, shocked, viewIndex, restIndex: suppliers.findIndex((s) => s.kind === 'rest'),
    foreignFraction: fraction, foreignBasis: basis,
  };
}

/**
 * The share of the viewpoint's own supply that is foreign (docs/scenarios.md#viewpoint): the
 * stage's import reliance for the viewpoint when the data give it, else 1 − own output / own
 * demand when a demand list names the viewpoint, else NaN (world shares: 1 − own world share).
 * Only a stage's own list has stage-level viewpoint data; inputs use world shares.
 */
function viewpointForeign(stage: Stage | undefined, viewpoint: string, ownPct: number, year?: number): { fraction: number; basis: ViewpointShock['foreignBasis'] } {
  if (stage) {
    const demand = pickSnapshot(stage.demand, year)?.snapshot.values.find((v) => v.country === viewpoint);
    if (demand && typeof demand.share === 'number' && demand.share > 0) return { fraction: Math.min(1, Math.max(0, 1 - ownPct / demand.share)), basis: 'demand' };
  }
  return { fraction: Number.NaN, basis: 'world-shares' };
}

export function targetOf(countries: CountriesData, id: string): ShockTarget {
  const isRegion = !countries.countries.some((c) => c.code === id) && countries.regions.some((r) => r.id === id);
  return { id, name: countryName(countries, id), kind: isRegion ? 'region' : 'country' };
}

export function prepareChain(model: Model, sector: Sector, options: ShockOptions): PreparedChain {
  const viewpoint = options.viewpoint ?? defaultViewpoint(sector);
  const loss = options.loss ?? 1;
  const spare = options.spare ?? 0;
  const targets = [...new Set(options.targets)];
  const shockedStages = options.stages && options.stages.length > 0 ? sector.stages.filter((s) => options.stages!.includes(s.id)).map((s) => s.id) : sector.stages.map((s) => s.id);
  const targetSet = new Set(targets);
  const stages = sector.stages.map((st, i): PreparedStage => {
    const ctx = {
      viewpoint, targets: targetSet, loss, shockHere: shockedStages.includes(st.id),
      ...(options.year !== undefined ? { year: options.year } : {}),
      ...(options.basis ? { basis: options.basis } : {}),
    };
    const own = prepareItem(st.id, st.name, st.shares, model.countries, ctx, st);
    return {
      id: st.id,
      name: st.name,
      order: i + 1,
      shocked: ctx.shockHere,
      own: own.snapshot ? own : null,
      inputs: (st.inputs ?? []).map((inp) => prepareItem(inp.id, inp.name, inp.shares, model.countries, ctx)),
    };
  });
  return { sector, viewpoint, targets: targets.map((t) => targetOf(model.countries, t)), loss, spare, shockedStages, stages };
}

// ---------------------------------------------------------------------------------------------
// The arithmetic (docs/scenarios.md#model, #viewpoint). Written over typed arrays and an output
// array so that the sampler can run it millions of times without allocating.

/** Slots of the output array of applyShock. */
export const OUT = { shockedShare: 0, lost: 1, added: 2, after: 3, foreignLost: 4, viewAfter: 5, ownShare: 6, foreignShare: 7 } as const;

/**
 * One share list under a shock. World, in percent of pre-shock capacity:
 *   lost = Σ_shocked L_c·p_c;  added = min(lost, spare · Σ_unshocked p_c);  after = 100 − lost + added.
 * Viewpoint v (allocation pro rata to pre-shock sourcing): each supplier's output scales by
 * m_c = 1 − L_c (shocked) or 1 + added/Σ_unshocked p (unshocked: spare shared pro rata);
 * v's foreign supply comes from the others in proportion to their world shares, so
 *   foreignRemain = Σ_{c≠v} p_c·m_c / (100 − p_v);  vAfter = (1 − F)·m_v + F·foreignRemain,
 * F the foreign share of v's supply (world shares: (100 − p_v)/100, which makes vAfter = after).
 */
export function applyShock(
  shares: Float64Array,
  loss: Float64Array,
  shocked: Uint8Array,
  viewIndex: number,
  spare: number,
  foreignFraction: number,
  out: Float64Array,
): Float64Array {
  let shockedShare = 0;
  let lost = 0;
  let unshocked = 0;
  let foreignLost = 0;
  let foreignUnshocked = 0;
  for (let i = 0; i < shares.length; i++) {
    const p = shares[i]!;
    if (shocked[i]) {
      shockedShare += p;
      const l = loss[i]! * p;
      lost += l;
      if (i !== viewIndex) foreignLost += l;
    } else {
      unshocked += p;
      if (i !== viewIndex) foreignUnshocked += p;
    }
  }
  const added = Math.min(lost, spare * unshocked);
  const after = Math.min(100, Math.max(0, 100 - lost + added));
  const scaleUp = unshocked > 0 ? added / unshocked : 0;
  const own = viewIndex >= 0 ? shares[viewIndex]! : 0;
  const foreignTotal = Math.max(0, 100 - own);
  const foreignRemain = foreignTotal > 0 ? Math.max(0, (foreignTotal - foreignLost + scaleUp * foreignUnshocked) / foreignTotal) : 1;
  const ownFactor = viewIndex >= 0 && shocked[viewIndex] ? 1 - loss[viewIndex]! : 1 + scaleUp;
  const f = Number.isNaN(foreignFraction) ? foreignTotal / 100 : foreignFraction;
  out[OUT.shockedShare] = shockedShare;
  out[OUT.lost] = lost;
  out[OUT.added] = added;
  out[OUT.after] = after;
  out[OUT.foreignLost] = foreignTotal > 0 ? Math.min(100, (100 * foreignLost) / foreignTotal) : 0;
  out[OUT.viewAfter] = Math.min(100, Math.max(0, 100 * ((1 - f) * ownFactor + f * foreignRemain)));
  out[OUT.ownShare] = own;
  out[OUT.foreignShare] = 100 * f;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Results.

function itemShock(item: PreparedItem, shocked: boolean, spare: number): ItemShock {
  if (!item.snapshot) {
    return { id: item.id, name: item.name, snapshot: null, noData: item.noData, shocked, shockedSharePct: null, lostPct: null, spareAddedPct: null, beforePct: null, afterPct: null, viewpoint: null };
  }
  const o = applyShock(item.shares, item.loss, item.shocked, item.viewIndex, spare, item.foreignFraction, new Float64Array(8));
  return {
    id: item.id,
    name: item.name,
    snapshot: item.snapshot,
    noData: null,
    shocked,
    shockedSharePct: round(o[OUT.shockedShare]!, 2),
    lostPct: round(o[OUT.lost]!, 2),
    spareAddedPct: round(o[OUT.added]!, 2),
    beforePct: 100,
    afterPct: round(o[OUT.after]!, 2),
    viewpoint: {
      ownSharePct: round(o[OUT.ownShare]!, 2),
      foreignSharePct: round(o[OUT.foreignShare]!, 2),
      foreignBasis: item.foreignBasis,
      foreignLostPct: round(o[OUT.foreignLost]!, 2),
      afterPct: round(o[OUT.viewAfter]!, 2),
    },
  };
}

/** The tightest of several items (all needed): lowest value; ties by id (docs/scenarios.md#inputs). */
function tightest(items: readonly ItemShock[], value: (x: ItemShock) => number | null): ItemShock | undefined {
  let best: ItemShock | undefined;
  for (const x of items) {
    const v = value(x);
    if (v === null) continue;
    const b = best ? value(best)! : Infinity;
    if (v < b || (v === b && compareIds(x.id, best!.id) < 0)) best = x;
  }
  return best;
}

function stageShock(stage: PreparedStage, spare: number): StageShock {
  const inputs = stage.inputs.map((x) => itemShock(x, stage.shocked, spare));
  // Figures from the stage's own list when it has one; else from its inputs, all of which are
  // needed, so the stage delivers what its tightest input delivers (docs/scenarios.md#inputs).
  const own = stage.own ? itemShock(stage.own, stage.shocked, spare) : undefined;
  const world = own ?? tightest(inputs, (x) => x.afterPct);
  const view = own ?? tightest(inputs, (x) => x.viewpoint?.afterPct ?? null);
  const on = (x: ItemShock | undefined): string | null => (!x ? null : x === own ? 'stage' : `input:${x.id}`);
  return {
    id: stage.id,
    name: stage.name,
    order: stage.order,
    basedOn: on(world),
    viewpointBasedOn: on(view),
    snapshot: world?.snapshot ?? null,
    noData: world ? null : 'no data',
    shocked: stage.shocked,
    shockedSharePct: world?.shockedSharePct ?? null,
    lostPct: world?.lostPct ?? null,
    spareAddedPct: world?.spareAddedPct ?? null,
    beforePct: world?.beforePct ?? null,
    afterPct: world?.afterPct ?? null,
    viewpoint: view?.viewpoint ?? null,
    inputs,
  };
}

/** Leontief chain: throughput = min over stages with data; the binding stage is the first at the minimum. */
function throughput(stages: readonly StageShock[], value: (s: StageShock) => number | null, basedOn: (s: StageShock) => string | null): Throughput {
  let best: StageShock | undefined;
  for (const s of stages) {
    const v = value(s);
    if (v === null) continue;
    if (!best || v < value(best)!) best = s; // ties: the upstream stage binds
  }
  if (!best) return { beforePct: null, afterPct: null, lostPct: null, binding: null };
  const after = value(best)!;
  const on = basedOn(best);
  const binding: Binding | null = after < 100 - EPS ? { stage: best.id, name: best.name, input: on?.startsWith('input:') ? on.slice(6) : null, afterPct: after } : null;
  return { beforePct: 100, afterPct: after, lostPct: round(100 - after, 2), binding };
}

export function chainResult(chain: PreparedChain, options: Pick<ShockOptions, 'year' | 'basis'>): ShockResult {
  const stages = chain.stages.map((s) => stageShock(s, chain.spare));
  return {
    mode: 'shock',
    sector: chain.sector.id,
    name: chain.sector.name,
    viewpoint: chain.viewpoint,
    year: options.year ?? null,
    basis: options.basis ?? null,
    targets: chain.targets,
    lossPct: round(chain.loss * 100, 4),
    sparePct: round(chain.spare * 100, 4),
    shockedStages: chain.shockedStages,
    stages,
    world: throughput(stages, (s) => s.afterPct, (s) => s.basedOn),
    viewpointChain: throughput(stages, (s) => s.viewpoint?.afterPct ?? null, (s) => s.viewpointBasedOn),
    noDataStages: stages.filter((s) => s.afterPct === null).map((s) => s.id),
    uncertainty: null,
  };
}

/** Shock a sector: the named countries lose `loss` of their capacity (docs/scenarios.md). */
export function shockSector(model: Model, sector: Sector, options: ShockOptions): ShockResult {
  return chainResult(prepareChain(model, sector, options), options);
}

/** Every country and region named in the snapshots a shock would read, sorted by id. */
export function shockCandidates(model: Model, sector: Sector, options: Pick<ShockOptions, 'year' | 'basis'> = {}): ShockTarget[] {
  const chain = prepareChain(model, sector, { ...options, targets: [] });
  const seen = new Map<string, ShockTarget>();
  for (const st of chain.stages) {
    for (const item of [...(st.own ? [st.own] : []), ...st.inputs]) {
      for (const s of item.suppliers) {
        if (s.kind === 'rest' || seen.has(s.id)) continue;
        seen.set(s.id, { id: s.id, name: s.name, kind: s.kind === 'region' ? 'region' : 'country' });
      }
    }
  }
  return [...seen.values()].sort((a, b) => compareIds(a.id, b.id));
}

/** Each candidate cut off in turn (with the given loss, spare and stages), ranked (docs/scenarios.md#worst-case). */
export function worstCase(model: Model, sector: Sector, options: Omit<ShockOptions, 'targets'> & { top?: number }): WorstCase {
  const top = options.top ?? 10;
  const candidates = shockCandidates(model, sector, options);
  const runs = candidates.map((t) => {
    const r = shockSector(model, sector, { ...options, targets: [t.id] });
    return {
      target: t,
      worldAfterPct: r.world.afterPct,
      worldLostPct: r.world.lostPct,
      worldBinding: r.world.binding,
      viewpointAfterPct: r.viewpointChain.afterPct,
      viewpointLostPct: r.viewpointChain.lostPct,
      viewpointBinding: r.viewpointChain.binding,
    };
  });
  const w = (x: (typeof runs)[number]) => x.worldLostPct ?? 0;
  const v = (x: (typeof runs)[number]) => x.viewpointLostPct ?? 0;
  const rank = (list: typeof runs): WorstEntry[] => list.map((x, i) => ({ rank: i + 1, ...x }));
  const byWorld = rank([...runs].sort((a, b) => w(b) - w(a) || v(b) - v(a) || compareIds(a.target.id, b.target.id)));
  const byViewpoint = rank([...runs].sort((a, b) => v(b) - v(a) || w(b) - w(a) || compareIds(a.target.id, b.target.id)));
  const first = byWorld[0];
  const base = prepareChain(model, sector, { ...options, targets: [] });
  return {
    mode: 'worst',
    sector: sector.id,
    name: sector.name,
    viewpoint: base.viewpoint,
    year: options.year ?? null,
    basis: options.basis ?? null,
    lossPct: round(base.loss * 100, 4),
    sparePct: round(base.spare * 100, 4),
    shockedStages: base.shockedStages,
    candidates: candidates.length,
    top,
    byWorld: byWorld.slice(0, top),
    byViewpoint: byViewpoint.slice(0, top),
    singlePointOfFailure: first && (first.worldLostPct ?? 0) > 0 ? first : null,
  };
}
