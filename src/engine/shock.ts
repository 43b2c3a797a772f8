// What a chain still delivers when countries lose capacity (docs/scenarios.md): every node of
// the chain evaluation under the cut, the world's and the viewpoint's, then each stage as a tree
// (Leontief over its essential inputs) and the chain as the minimum over its stages, over time:
// consumables bind when their inventory runs out, capital goods keep running and bind only in
// the long run. Pure: model in, result out.
import type { CountriesData, Model, Sector } from '../data/model.js';
import { countryName } from '../data/resolve.js';
import { findRegion } from '../data/lookup.js';
import { compareIds, round } from './concentration.js';
import { evaluateChain } from './evaluate.js';
import { TIE_EPSILON } from './params.js';
import type { NodeScore, SectorScore, StageScore } from './results.js';
import type { Binding, NodeShock, ShockResult, ShockTarget, StageShock, Throughput, ThroughputPoint, WorstCase, WorstEntry } from './results-shock.js';

export interface ShockOptions {
  /** Country codes (or region ids) that lose capacity. */
  targets: readonly string[];
  /** Fraction 0-1 of each target's capacity lost; default 1 (cut off). */
  loss?: number | undefined;
  /** Fraction 0-1 by which unshocked suppliers can raise their output; default 0. */
  spare?: number | undefined;
  /** Stage ids the shock applies to; default every stage. */
  stages?: readonly string[] | undefined;
  /** Default: the sector's assessor. */
  viewpoint?: string | undefined;
  year?: number | undefined;
  basis?: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Prepared nodes: typed arrays the arithmetic (and the sampler in uncertainty.ts) run on.

/** One node of the evaluation, ready for the arithmetic. */
export interface PreparedNode {
  score: NodeScore;
  stage: StageScore;
  parent: number;
  children: number[];
  shocked: boolean;
  /** World list: shares in percent (unknown shares 0), with one `rest` slot last. */
  world: {
    ids: string[];
    shares: Float64Array;
    loss: Float64Array;
    hit: Uint8Array;
    domestic: Uint8Array;
    restIndex: number;
  } | null;
  /** The viewpoint's imports: measured shares (fractions of the imports, the rest last), or null = pro rata to the world list. */
  imports: { shares: Float64Array; loss: Float64Array; hit: Uint8Array } | null;
  /** Foreign share of the viewpoint's supply, 0-1; NaN = 1 − own world share of the (sampled) list. */
  foreign: number;
  hasView: boolean;
  unknownTargets: string[];
  /** Loss applied to a target named without a share (for the lower bound). */
  unknownLoss: number;
}

export interface PreparedChain {
  sector: Sector;
  score: SectorScore;
  targets: ShockTarget[];
  loss: number;
  spare: number;
  shockedStages: string[];
  nodes: PreparedNode[];
  /** Index of each stage's root node in `nodes`. */
  roots: number[];
}

export function targetOf(countries: CountriesData, id: string): ShockTarget {
  const isRegion = !countries.countries.some((c) => c.code === id) && findRegion(countries, id) !== undefined;
  return { id, name: countryName(countries, id), kind: isRegion ? 'region' : 'country' };
}

export function prepareChain(model: Model, sector: Sector, options: ShockOptions): PreparedChain {
  const score = evaluateChain(model, sector, { viewpoint: options.viewpoint, year: options.year, basis: options.basis });
  const loss = options.loss ?? 1;
  const spare = options.spare ?? 0;
  const targets = [...new Set(options.targets)];
  const targetSet = new Set(targets);
  const shockedStages = options.stages && options.stages.length > 0 ? sector.stages.filter((s) => options.stages!.includes(s.id)).map((s) => s.id) : sector.stages.map((s) => s.id);
  const nodes: PreparedNode[] = [];
  const roots: number[] = [];
  for (const st of score.stages) {
    const shocked = shockedStages.includes(st.id);
    const index = new Map<string, number>();
    const base = nodes.length;
    [st, ...st.inputs].forEach((n, i) => index.set(n.path, base + i));
    roots.push(base);
    for (const n of [st, ...st.inputs]) nodes.push(prepareNode(n, st, shocked, targetSet, loss, index));
    for (const n of [st, ...st.inputs]) {
      const i = index.get(n.path)!;
      nodes[i]!.children = n.children.map((c) => index.get(c)!).filter((c) => c !== undefined);
    }
  }
  return { sector, score, targets: targets.map((t) => targetOf(model.countries, t)), loss, spare, shockedStages, nodes, roots };
}

function prepareNode(n: NodeScore, stage: StageScore, shocked: boolean, targets: ReadonlySet<string>, loss: number, index: ReadonlyMap<string, number>): PreparedNode {
  const unknownTargets: string[] = [];
  let world: PreparedNode['world'] = null;
  if (n.snapshot) {
    // The unattributed rest is never shocked: nobody knows whose it is (docs/scenarios.md#model).
    const named = n.suppliers.filter((s) => s.kind !== 'rest');
    const rest = n.suppliers.find((s) => s.kind === 'rest')?.sharePct ?? 0;
    const size = named.length + 1;
    world = { ids: [...named.map((s) => s.id), 'rest'], shares: new Float64Array(size), loss: new Float64Array(size), hit: new Uint8Array(size), domestic: new Uint8Array(size), restIndex: named.length };
    named.forEach((s, i) => {
      world!.shares[i] = s.sharePct ?? 0;
      world!.domestic[i] = s.domestic ? 1 : 0;
      if (shocked && targets.has(s.id)) {
        if (s.sharePct === null) unknownTargets.push(s.id);
        world!.hit[i] = 1;
        world!.loss[i] = loss;
      }
    });
    world.shares[named.length] = rest;
  }
  let imports: PreparedNode['imports'] = null;
  const supply = n.supply;
  if (supply?.measured) {
    const known = n.dependence;
    const size = known.length + 1;
    imports = { shares: new Float64Array(size), loss: new Float64Array(size), hit: new Uint8Array(size) };
    known.forEach((d, i) => {
      imports!.shares[i] = (d.ofImportsPct ?? 0) / 100;
      if (shocked && targets.has(d.partner)) {
        if (d.ofImportsPct === null && !unknownTargets.includes(d.partner)) unknownTargets.push(d.partner);
        imports!.hit[i] = 1;
        imports!.loss[i] = loss;
      }
    });
    // The unattributed part is what the partner shares, as the evaluation states them (2
    // decimals), leave: an import list then always adds up to 1, and a shock that cuts nobody
    // leaves the viewpoint at 100%.
    const attributed = known.reduce((a, d) => a + (d.ofImportsPct ?? 0), 0) / 100;
    imports.shares[known.length] = Math.max(0, 1 - attributed);
  }
  // Estimated from world shares with no net import reliance: F follows the (sampled) own share.
  const foreign = !supply ? Number.NaN : !supply.measured && supply.foreignFrom === 'world-share' ? Number.NaN : (supply.foreignPct ?? 100) / 100;
  return {
    score: n,
    stage,
    parent: n.parent === null ? -1 : (index.get(n.parent) ?? -1),
    children: [],
    shocked,
    world,
    imports,
    foreign,
    hasView: supply !== null && n.noData === null,
    unknownTargets: unknownTargets.sort(compareIds),
    unknownLoss: loss,
  };
}

// ---------------------------------------------------------------------------------------------
// The arithmetic (docs/scenarios.md#model, #viewpoint), over typed arrays and an output array so
// the sampler can run it millions of times without allocating.

/** Slots of the output array of shockNode. */
export const OUT = { shockedShare: 0, lost: 1, added: 2, after: 3, foreignLost: 4, viewAfter: 5, ownShare: 6, foreignShare: 7, afterLow: 8, viewAfterLow: 9 } as const;
export const OUT_SIZE = 10;

/**
 * One node under the shock, from its world shares `p` (percent; the sampler passes its draw).
 * World: lost = Σ_hit L·p; added = min(lost, spare · Σ_unhit p); after = 100 − lost + added.
 * Each unhit supplier's output scales by 1 + added/Σ_unhit p (spare shared pro rata); a hit one by 1 − L.
 * Viewpoint: after = (1 − F)·m_own + F·Σ_j m_j·x_j over its imports j (measured shares, or pro rata to
 * the foreign world shares), x_j the partner's output factor, at most 100%.
 */
export function shockNode(node: PreparedNode, p: Float64Array | null, spare: number, out: Float64Array): Float64Array {
  out.fill(Number.NaN);
  const w = node.world;
  let scaleUp = 0;
  let ownShare = 0;
  let ownAfter = 0;
  let foreignWorld = 0;
  let foreignAfter = 0;
  let foreignLost = 0;
  if (w && p) {
    let shockedShare = 0;
    let lost = 0;
    let unhit = 0;
    for (let i = 0; i < p.length; i++) {
      if (w.hit[i]) {
        shockedShare += p[i]!;
        lost += w.loss[i]! * p[i]!;
      } else unhit += p[i]!;
    }
    const added = Math.min(lost, spare * unhit);
    scaleUp = unhit > 0 ? added / unhit : 0;
    out[OUT.shockedShare] = shockedShare;
    out[OUT.lost] = lost;
    out[OUT.added] = added;
    out[OUT.after] = Math.min(100, Math.max(0, 100 - lost + added));
    // Lower bound: a target named without a share holds the whole unattributed rest.
    out[OUT.afterLow] = node.unknownTargets.length > 0 ? Math.max(0, out[OUT.after]! - node.unknownLoss * p[w.restIndex]!) : out[OUT.after]!;
    for (let i = 0; i < p.length; i++) {
      const x = w.hit[i] ? 1 - w.loss[i]! : 1 + scaleUp;
      if (w.domestic[i]) {
        ownShare += p[i]!;
        ownAfter += p[i]! * x;
      } else {
        foreignWorld += p[i]!;
        foreignAfter += p[i]! * x;
        if (w.hit[i]) foreignLost += p[i]! * w.loss[i]!;
      }
    }
  }
  if (!node.hasView) return out;
  const F = Number.isNaN(node.foreign) ? Math.max(0, 1 - ownShare / 100) : node.foreign;
  const ownFactor = ownShare > 0 ? ownAfter / ownShare : 1 + scaleUp;
  let importsRemain: number;
  let importsLost: number;
  let unknownRest = 0;
  if (node.imports) {
    const m = node.imports;
    importsRemain = 0;
    importsLost = 0;
    const last = m.shares.length - 1;
    for (let j = 0; j < m.shares.length; j++) {
      const x = m.hit[j] ? 1 - m.loss[j]! : 1 + scaleUp;
      importsRemain += m.shares[j]! * x;
      if (m.hit[j]) importsLost += m.shares[j]! * m.loss[j]!;
    }
    unknownRest = m.shares[last]!;
  } else {
    importsRemain = foreignWorld > 0 ? foreignAfter / foreignWorld : 1;
    importsLost = foreignWorld > 0 ? foreignLost / foreignWorld : 0;
    unknownRest = w && p && foreignWorld > 0 ? p[w.restIndex]! / foreignWorld : 0;
  }
  const after = Math.min(100, Math.max(0, 100 * ((1 - F) * ownFactor + F * importsRemain)));
  out[OUT.foreignLost] = Math.min(100, 100 * importsLost);
  out[OUT.viewAfter] = after;
  out[OUT.viewAfterLow] = node.unknownTargets.length > 0 ? Math.max(0, after - 100 * F * node.unknownLoss * unknownRest) : after;
  out[OUT.ownShare] = ownShare;
  out[OUT.foreignShare] = 100 * F;
  return out;
}

/** Months until a node's loss reaches output: capital goods never (current output), consumables after their inventory. */
export function timeToImpact(n: NodeScore): number | null {
  return n.use === 'capital' ? null : (n.inventoryMonths?.value ?? 0);
}

/**
 * The tree minimum of a stage (Leontief): a node delivers the least of its own list and its
 * essential children. `counts(i)` says whether a node's own figure counts (the timeline leaves
 * out capital goods and consumables still living on inventory). Returns the minimum and the
 * indices at it (ties).
 */
export function treeMin(nodes: readonly PreparedNode[], root: number, own: (i: number) => number, counts: (i: number) => boolean): { value: number; at: number[] } {
  let value = Infinity;
  let at: number[] = [];
  const visit = (i: number): void => {
    const v = own(i);
    if (counts(i) && !Number.isNaN(v)) {
      if (v < value - TIE_EPSILON) {
        value = v;
        at = [i];
      } else if (Math.abs(v - value) <= TIE_EPSILON) at.push(i);
    }
    for (const c of nodes[i]!.children) if (nodes[c]!.score.essential) visit(c);
  };
  visit(root);
  return { value, at };
}

// ---------------------------------------------------------------------------------------------
// Results.

function nodeShock(node: PreparedNode, o: Float64Array): NodeShock {
  const n = node.score;
  const hasWorld = node.world !== null && !Number.isNaN(o[OUT.after]!);
  const hasView = node.hasView && !Number.isNaN(o[OUT.viewAfter]!);
  return {
    id: n.id,
    path: n.path,
    name: n.name,
    parent: n.parent,
    depth: n.depth,
    use: n.use,
    essential: n.essential,
    timeToImpactMonths: timeToImpact(n),
    snapshot: n.snapshot,
    noData: hasWorld || hasView ? null : (n.noData ?? 'no data'),
    shocked: node.shocked,
    unknownShareTargets: node.unknownTargets,
    shockedSharePct: hasWorld ? round(o[OUT.shockedShare]!, 2) : null,
    lostPct: hasWorld ? round(o[OUT.lost]!, 2) : null,
    spareAddedPct: hasWorld ? round(o[OUT.added]!, 2) : null,
    afterPct: hasWorld ? round(o[OUT.after]!, 2) : null,
    afterLowPct: hasWorld && node.unknownTargets.length ? round(o[OUT.afterLow]!, 2) : null,
    viewpoint: hasView
      ? {
          ownSharePct: node.world ? round(o[OUT.ownShare]!, 2) : null,
          foreignSharePct: round(o[OUT.foreignShare]!, 2),
          foreignFrom: n.supply!.foreignFrom ?? 'assumed',
          measured: n.supply!.measured,
          foreignLostPct: round(o[OUT.foreignLost]!, 2),
          afterPct: round(o[OUT.viewAfter]!, 2),
          afterLowPct: node.unknownTargets.length ? round(o[OUT.viewAfterLow]!, 2) : null,
        }
      : null,
    tree: { afterPct: null, binding: [], viewpointAfterPct: null, viewpointBinding: [] },
  };
}

export function chainResult(chain: PreparedChain): ShockResult {
  const o = new Float64Array(OUT_SIZE);
  const outs = chain.nodes.map((n) => Float64Array.from(shockNode(n, n.world?.shares ?? null, chain.spare, o)));
  const shocks = chain.nodes.map((n, i) => nodeShock(n, outs[i]!));
  const worldOf = (i: number) => outs[i]![OUT.after]!;
  const viewOf = (i: number) => outs[i]![OUT.viewAfter]!;
  // Each node as a tree (long run: everything counts).
  chain.nodes.forEach((_, i) => {
    const w = treeMin(chain.nodes, i, worldOf, () => true);
    const v = treeMin(chain.nodes, i, viewOf, () => true);
    shocks[i]!.tree = {
      afterPct: Number.isFinite(w.value) ? round(w.value, 2) : null,
      binding: Number.isFinite(w.value) ? w.at.map((j) => chain.nodes[j]!.score.path) : [],
      viewpointAfterPct: Number.isFinite(v.value) ? round(v.value, 2) : null,
      viewpointBinding: Number.isFinite(v.value) ? v.at.map((j) => chain.nodes[j]!.score.path) : [],
    };
  });
  const stages: StageShock[] = chain.score.stages.map((st, k) => {
    const root = chain.roots[k]!;
    const end = k + 1 < chain.roots.length ? chain.roots[k + 1]! : chain.nodes.length;
    return { ...shocks[root]!, order: st.order, inputs: shocks.slice(root + 1, end) };
  });
  const lowOf = (slot: number) => (i: number) => outs[i]![slot]!;
  const anyUnknown = chain.nodes.some((n) => n.unknownTargets.length > 0);
  return {
    mode: 'shock',
    sector: chain.sector.id,
    name: chain.sector.name,
    viewpoint: chain.score.viewpoint,
    viewpointName: chain.score.viewpointName,
    year: chain.score.year,
    basis: chain.score.basis,
    targets: chain.targets,
    lossPct: round(chain.loss * 100, 4),
    sparePct: round(chain.spare * 100, 4),
    shockedStages: chain.shockedStages,
    stages,
    world: throughput(chain, worldOf, anyUnknown ? lowOf(OUT.afterLow) : null),
    viewpointChain: throughput(chain, viewOf, anyUnknown ? lowOf(OUT.viewAfterLow) : null),
    noDataStages: stages.filter((s) => s.tree.afterPct === null).map((s) => s.id),
    uncertainty: null,
  };
}

/** The chain's minimum over its stages' trees at a time horizon: null months = the long run. */
function chainMin(chain: PreparedChain, own: (i: number) => number, months: number | null): { value: number; at: number[] } {
  const counts = (i: number): boolean => {
    if (months === null) return true;
    const t = timeToImpact(chain.nodes[i]!.score);
    return t !== null && t <= months;
  };
  let value = Infinity;
  let at: number[] = [];
  for (const root of chain.roots) {
    const m = treeMin(chain.nodes, root, own, counts);
    if (m.value < value - TIE_EPSILON) {
      value = m.value;
      at = m.at;
    } else if (Math.abs(m.value - value) <= TIE_EPSILON && Number.isFinite(m.value)) at.push(...m.at);
  }
  return { value, at };
}

function binding(chain: PreparedChain, at: readonly number[], value: number): Binding[] {
  if (!(value < 100 - TIE_EPSILON)) return [];
  return at.map((i) => {
    const n = chain.nodes[i]!;
    return {
      stage: n.stage.id,
      name: n.stage.name,
      node: n.score.path,
      nodeName: n.score.name,
      input: n.score.depth === 0 ? null : n.score.id,
      use: n.score.use,
      timeToImpactMonths: timeToImpact(n.score),
      afterPct: round(value, 2),
    };
  });
}

function throughput(chain: PreparedChain, own: (i: number) => number, low: ((i: number) => number) | null): Throughput {
  const long = chainMin(chain, own, null);
  if (!Number.isFinite(long.value)) return { beforePct: null, afterPct: null, afterLowPct: null, lostPct: null, binding: [], immediatePct: null, timeline: [] };
  // One point per inventory length of a node whose loss is real, months 0 first: a node under a
  // non-essential one (or non-essential itself) never reaches the chain, so it adds no point.
  const binds = (i: number): boolean => {
    for (let j = i; j >= 0; j = chain.nodes[j]!.parent) if (!chain.nodes[j]!.score.essential) return false;
    return true;
  };
  const months = new Set<number>([0]);
  chain.nodes.forEach((n, i) => {
    const t = timeToImpact(n.score);
    if (t !== null && binds(i) && own(i) < 100 - TIE_EPSILON) months.add(t);
  });
  const timeline: ThroughputPoint[] = [...months].sort((a, b) => a - b).map((m) => {
    const r = chainMin(chain, own, m);
    const v = Number.isFinite(r.value) ? r.value : 100;
    return { months: m, afterPct: round(v, 2), binding: Number.isFinite(r.value) ? binding(chain, r.at, v) : [] };
  });
  const lowMin = low ? chainMin(chain, low, null).value : null;
  return {
    beforePct: 100,
    afterPct: round(long.value, 2),
    afterLowPct: lowMin !== null && Number.isFinite(lowMin) ? round(lowMin, 2) : null,
    lostPct: round(100 - long.value, 2),
    binding: binding(chain, long.at, long.value),
    immediatePct: timeline[0]!.afterPct,
    timeline,
  };
}

/** Shock a sector: the named countries lose `loss` of their capacity (docs/scenarios.md). */
export function shockSector(model: Model, sector: Sector, options: ShockOptions): ShockResult {
  return chainResult(prepareChain(model, sector, options));
}

/** Every country and region named in the lists a shock would read (world and import), sorted by id. */
export function shockCandidates(model: Model, sector: Sector, options: Omit<ShockOptions, 'targets'> = {}): ShockTarget[] {
  const score = evaluateChain(model, sector, { viewpoint: options.viewpoint, year: options.year, basis: options.basis });
  const seen = new Set<string>();
  for (const st of score.stages) {
    for (const n of [st, ...st.inputs]) {
      for (const s of n.suppliers) if (s.kind !== 'rest') seen.add(s.id);
      for (const d of n.dependence) seen.add(d.partner);
    }
  }
  return [...seen].sort(compareIds).map((id) => targetOf(model.countries, id));
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
      worldImmediatePct: r.world.immediatePct,
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
    viewpoint: base.score.viewpoint,
    viewpointName: base.score.viewpointName,
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
