// Uncertainty of a shock where the data give ranges for shares: Monte Carlo over the ranged
// values with a seeded PRNG, percentiles of chain throughput and stage risk
// (docs/scenarios.md#uncertainty). Pure and deterministic: the same seed gives the same output.
import type { CountriesData, Model, Sector } from '../data/model.js';
import { residualIds, round } from './concentration.js';
import type { SupplierShare } from './results.js';
import type { Percentiles, RangedValue, Uncertainty } from './results-shock.js';
import { OUT, OUT_SIZE, prepareChain, shockNode, treeMin, type PreparedNode, type ShockOptions } from './shock.js';
import { modelledRisk, type RiskContext } from './stage-risk.js';
import { supplyPicture } from './supply.js';
import { viewpointOf, type Viewpoint } from './viewpoint.js';

/** The default seed: 8 June 2021, the date of the 100-day review the seed report summarises. */
export const DEFAULT_SEED = 20210608;
export const DEFAULT_SAMPLES = 10_000;
export const MAX_SAMPLES = 1_000_000;

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state PRNG, uniform on [0, 1).
 * Small, fast and plenty for a few million draws; not for cryptography.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inverse CDF of the triangular distribution on [low, high] with its peak at mode; u in [0, 1). */
export function triangular(u: number, low: number, mode: number, high: number): number {
  const width = high - low;
  if (width <= 0) return mode;
  const c = (mode - low) / width;
  return u < c ? low + Math.sqrt(u * width * (mode - low)) : high - Math.sqrt((1 - u) * width * (high - mode));
}

/** Nearest-rank percentile of an ascending array: the smallest value with at least p% of the values at or below it. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const k = Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
  return sorted[k]!;
}

function percentiles(values: Float64Array): Percentiles {
  values.sort();
  return { p5: round(percentile(values, 5), 2), p50: round(percentile(values, 50), 2), p95: round(percentile(values, 95), 2) };
}


/** A node's world list prepared for sampling: which entries vary, and the buffers reused every draw. */
export interface NodeSampler {
  node: PreparedNode;
  /** Entries (indices into node.world.shares) with a range: low < high. */
  ranged: Array<{ index: number; low: number; mode: number; high: number }>;
  /** Sum of the named shares without a range: they stay fixed. */
  fixedNamed: number;
  /** The sampled shares of the current draw. */
  work: Float64Array;
}

export function nodeSampler(node: PreparedNode): NodeSampler {
  const ranged: NodeSampler['ranged'] = [];
  let fixedNamed = 0;
  const w = node.world!;
  const named = node.score.suppliers.filter((s) => s.kind !== 'rest');
  named.forEach((s, index) => {
    const share = s.sharePct ?? 0;
    const low = s.lowPct ?? share;
    const high = s.highPct ?? share;
    if (s.sharePct !== null && high > low) ranged.push({ index, low, mode: share, high });
    else fixedNamed += share;
  });
  return { node, ranged, fixedNamed, work: new Float64Array(w.shares) };
}

/**
 * One draw of a node's shares into sampler.work: each ranged value from its triangular
 * distribution; then, when the named shares sum above 100, the ranged ones are scaled down to
 * fill what the fixed ones leave (or, when the fixed ones alone exceed 100 within the data's
 * rounding tolerance, every named share is scaled to 100); the unattributed rest is what is
 * left. Returns whether the draw was scaled.
 */
export function sampleShares(s: NodeSampler, rand: () => number): boolean {
  const { work, ranged } = s;
  const restIndex = s.node.world!.restIndex;
  let rangedSum = 0;
  for (const r of ranged) {
    const x = triangular(rand(), r.low, r.mode, r.high);
    work[r.index] = x;
    rangedSum += x;
  }
  let named = s.fixedNamed + rangedSum;
  let scaled = false;
  if (named > 100) {
    scaled = true;
    if (s.fixedNamed <= 100) {
      const k = rangedSum > 0 ? (100 - s.fixedNamed) / rangedSum : 0;
      for (const r of ranged) work[r.index] = work[r.index]! * k;
    } else {
      const k = 100 / named;
      for (let i = 0; i < work.length; i++) if (i !== restIndex) work[i] = work[i]! * k;
    }
    named = 0;
    for (let i = 0; i < work.length; i++) if (i !== restIndex) named += work[i]!;
  }
  work[restIndex] = Math.max(0, 100 - named);
  return scaled;
}

export interface UncertaintyOptions extends ShockOptions {
  samples?: number;
  seed?: number;
}

/**
 * The part of the countries data that supplierWeight reads for these suppliers from this
 * viewpoint: the same weights, found in lists of a few entries instead of the whole world, so
 * that the risk can run once per draw (tests/unit/uncertainty.test.ts checks the equality).
 */
export function countriesFor(countries: CountriesData, viewpoint: Viewpoint, ids: readonly string[]): CountriesData {
  const regions = countries.regions.filter((r) => ids.includes(r.id) || r.id === viewpoint.id);
  const codes = new Set([viewpoint.id, ...viewpoint.members, ...ids, ...regions.flatMap((r) => r.members ?? [])]);
  return {
    ...countries,
    countries: countries.countries.filter((c) => codes.has(c.code)),
    regions,
    groups: countries.groups.filter((g) => g.id === viewpoint.id || [...viewpoint.members].some((m) => g.members.includes(m))),
    concerns: countries.concerns.filter((c) => c.viewpoint === viewpoint.id),
    supplierRisk: { ...countries.supplierRisk, overrides: (countries.supplierRisk.overrides ?? []).filter((o) => o.from === viewpoint.id) },
  };
}

/** Percentiles of chain throughput and stage risk under a shock, over sampled shares (docs/scenarios.md#uncertainty). */
export function shockUncertainty(model: Model, sector: Sector, options: UncertaintyOptions): Uncertainty {
  const samples = Math.floor(options.samples ?? DEFAULT_SAMPLES);
  if (!(samples >= 1 && samples <= MAX_SAMPLES)) throw new RangeError(`samples must be 1-${MAX_SAMPLES} (got ${options.samples})`);
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const chain = prepareChain(model, sector, options);
  const vp = viewpointOf(model.countries, chain.score.viewpoint);
  const residual = residualIds(model.countries);
  const o = new Float64Array(OUT_SIZE);

  // Every node once; only nodes with ranged values are recomputed per draw.
  const ranged: RangedValue[] = [];
  const after = new Float64Array(chain.nodes.length);
  const viewAfter = new Float64Array(chain.nodes.length);
  const risk = new Float64Array(chain.nodes.length);
  const samplers: Array<{ i: number; sampler: NodeSampler; countries: CountriesData; ctx: RiskContext; suppliers: SupplierShare[] }> = [];
  chain.nodes.forEach((n, i) => {
    shockNode(n, n.world?.shares ?? null, chain.spare, o);
    after[i] = o[OUT.after]!;
    viewAfter[i] = o[OUT.viewAfter]!;
    risk[i] = n.score.modelledRisk ?? Number.NaN;
    if (!n.world) return;
    const sampler = nodeSampler(n);
    if (sampler.ranged.length === 0) return;
    for (const r of sampler.ranged) {
      ranged.push({ stage: n.stage.id, input: n.score.depth === 0 ? null : n.score.id, supplier: n.world.ids[r.index]!, lowPct: r.low, sharePct: r.mode, highPct: r.high });
    }
    const countries = countriesFor(model.countries, vp, n.world.ids);
    const paths: string[] = [];
    for (let j = i; j >= 0; j = chain.nodes[j]!.parent) paths.push(chain.nodes[j]!.score.path);
    samplers.push({
      i,
      sampler,
      countries,
      ctx: { countries, events: model.trade.events, sector: sector.id, paths, referenceDate: chain.score.referenceDate },
      suppliers: n.score.suppliers.map((s) => ({ ...s })),
    });
  });

  const rand = mulberry32(seed);
  const world = new Float64Array(samples);
  const view = new Float64Array(samples);
  const stageTp = chain.roots.map(() => new Float64Array(samples));
  const stageRisk = chain.roots.map(() => new Float64Array(samples));
  let draws = 0;
  let scaledDraws = 0;
  const ownWorld = (i: number) => after[i]!;
  const ownView = (i: number) => viewAfter[i]!;
  const all = () => true;
  const anyData = chain.roots.some((r) => Number.isFinite(treeMin(chain.nodes, r, ownWorld, all).value));
  for (let k = 0; k < samples; k++) {
    for (const s of samplers) {
      draws++;
      if (sampleShares(s.sampler, rand)) scaledDraws++;
      const n = chain.nodes[s.i]!;
      shockNode(n, s.sampler.work, chain.spare, o);
      after[s.i] = o[OUT.after]!;
      viewAfter[s.i] = o[OUT.viewAfter]!;
      // The pre-shock risk on the sampled shares (measured imports do not move with world shares).
      if (!n.imports && n.score.supply) {
        s.suppliers.forEach((x, j) => {
          if (x.kind !== 'rest') x.sharePct = s.sampler.work[j]!;
          else x.sharePct = s.sampler.work[n.world!.restIndex]!;
        });
        const pic = supplyPicture(vp, s.suppliers, undefined, n.score.supply.reliance ?? undefined, residual);
        risk[s.i] = pic ? modelledRisk(pic, vp, s.suppliers, s.ctx).risk : Number.NaN;
      }
    }
    let worldMin = Infinity;
    let viewMin = Infinity;
    chain.roots.forEach((root, r) => {
      const tp = treeMin(chain.nodes, root, ownWorld, all).value;
      const vtp = treeMin(chain.nodes, root, ownView, all).value;
      stageTp[r]![k] = tp;
      stageRisk[r]![k] = treeMax(chain.nodes, root, (i) => risk[i]!);
      if (tp < worldMin) worldMin = tp;
      if (vtp < viewMin) viewMin = vtp;
    });
    world[k] = worldMin;
    view[k] = viewMin;
  }

  return {
    samples,
    seed,
    prng: 'mulberry32',
    distribution: 'triangular',
    rangedValues: ranged.length,
    ranged,
    rescaledPct: draws > 0 ? round((100 * scaledDraws) / draws, 2) : 0,
    world: anyData ? percentiles(world) : null,
    viewpoint: anyData ? percentiles(view) : null,
    stages: chain.score.stages.map((st, r) => {
      const tp = stageTp[r]!;
      const rk = stageRisk[r]!;
      return {
        id: st.id,
        name: st.name,
        throughput: Number.isFinite(tp[0]!) ? percentiles(tp) : null,
        modelledRisk: Number.isFinite(rk[0]!) ? percentiles(rk) : null,
      };
    }),
  };
}

/** The weakest-link lens over a stage's tree: the highest node risk reachable through essential nodes. */
function treeMax(nodes: readonly PreparedNode[], root: number, value: (i: number) => number): number {
  let best = -Infinity;
  const visit = (i: number): void => {
    const v = value(i);
    if (!Number.isNaN(v) && v > best) best = v;
    for (const c of nodes[i]!.children) if (nodes[c]!.score.essential) visit(c);
  };
  visit(root);
  return best;
}
