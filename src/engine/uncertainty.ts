// Uncertainty of a shock where the data give ranges for shares: Monte Carlo over the ranged
// values with a seeded PRNG, percentiles of chain throughput and stage risk
// (docs/scenarios.md#uncertainty). Pure and deterministic: the same seed gives the same output.
import type { CountriesData, Model, Sector } from '../data/model.js';
import { round } from './concentration.js';
import type { SupplierShare } from './results.js';
import type { Percentiles, RangedValue, Uncertainty } from './results-shock.js';
import { applyShock, OUT, prepareChain, type PreparedItem, type ShockOptions } from './shock.js';
import { modelledRisk } from './stage-risk.js';

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

const constant = (x: number): Percentiles => ({ p5: round(x, 2), p50: round(x, 2), p95: round(x, 2) });

/** A share list prepared for sampling: which entries vary, and the buffers reused every draw. */
export interface ItemSampler {
  item: PreparedItem;
  /** Entries (indices into item.shares) with a range: low < high. */
  ranged: Array<{ index: number; low: number; mode: number; high: number }>;
  /** Sum of the named shares without a range: they stay fixed. */
  fixedNamed: number;
  /** The sampled shares of the current draw. */
  work: Float64Array;
}

export function itemSampler(item: PreparedItem): ItemSampler {
  const ranged: ItemSampler['ranged'] = [];
  let fixedNamed = 0;
  item.suppliers.forEach((s, index) => {
    if (s.kind === 'rest') return;
    // Residual regions ("Other") are folded into the rest by suppliersOf and never vary.
    const v = item.values.find((x) => (x.country ?? x.region) === s.id);
    const low = v?.low ?? s.sharePct;
    const high = v?.high ?? s.sharePct;
    if (high > low) ranged.push({ index, low, mode: s.sharePct, high });
    else fixedNamed += s.sharePct;
  });
  return { item, ranged, fixedNamed, work: new Float64Array(item.shares) };
}

/**
 * One draw of an item's shares into sampler.work: each ranged value from its triangular
 * distribution; then, when the named shares sum above 100, the ranged ones are scaled down to
 * fill what the fixed ones leave (or, when the fixed ones alone exceed 100 within the data's
 * rounding tolerance, every named share is scaled to 100); the unattributed rest is what is
 * left. Returns whether the draw was scaled.
 */
export function sampleShares(s: ItemSampler, rand: () => number): boolean {
  const { work, ranged, item } = s;
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
      for (let i = 0; i < work.length; i++) if (i !== item.restIndex) work[i] = work[i]! * k;
    }
    named = 0;
    for (let i = 0; i < work.length; i++) if (i !== item.restIndex) named += work[i]!;
  }
  work[item.restIndex] = Math.max(0, 100 - named);
  return scaled;
}

export interface UncertaintyOptions extends ShockOptions {
  samples?: number;
  seed?: number;
}

interface ItemPlan {
  sampler: ItemSampler;
  countries: CountriesData;
  /** Copies of the suppliers whose sharePct is rewritten each draw, for modelledRisk. */
  suppliers: SupplierShare[];
  after: number;
  viewAfter: number;
  risk: number;
}

function riskOf(suppliers: readonly SupplierShare[], viewpoint: string, countries: CountriesData): number {
  return modelledRisk(suppliers, viewpoint, countries).risk;
}

/**
 * The part of the countries data that supplierWeight reads for these suppliers from this
 * viewpoint: the same weights, found in lists of a few entries instead of the whole world, so
 * that modelledRisk can run once per draw (tests/unit/uncertainty.test.ts checks the equality).
 */
export function countriesFor(countries: CountriesData, viewpoint: string, ids: readonly string[]): CountriesData {
  const regions = countries.regions.filter((r) => ids.includes(r.id));
  const codes = new Set([viewpoint, ...ids, ...regions.flatMap((r) => r.members ?? [])]);
  return {
    ...countries,
    countries: countries.countries.filter((c) => codes.has(c.code)),
    regions,
    groups: countries.groups.filter((g) => g.members.includes(viewpoint)),
    concerns: countries.concerns.filter((c) => c.viewpoint === viewpoint),
    supplierRisk: { ...countries.supplierRisk, overrides: (countries.supplierRisk.overrides ?? []).filter((o) => o.from === viewpoint) },
  };
}

/** Percentiles of chain throughput and stage risk under a shock, over sampled shares (docs/scenarios.md#uncertainty). */
export function shockUncertainty(model: Model, sector: Sector, options: UncertaintyOptions): Uncertainty {
  const samples = Math.floor(options.samples ?? DEFAULT_SAMPLES);
  if (!(samples >= 1 && samples <= MAX_SAMPLES)) throw new RangeError(`samples must be 1-${MAX_SAMPLES} (got ${options.samples})`);
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const chain = prepareChain(model, sector, options);
  const countries = model.countries;
  const v = chain.viewpoint;
  const out = new Float64Array(8);

  // Precompute every item once; only items with ranged values are recomputed per draw.
  const ranged: RangedValue[] = [];
  const stages = chain.stages.map((st) => {
    const items = (st.own ? [st.own] : st.inputs.filter((x) => x.snapshot)).map((item): ItemPlan => {
      const sampler = itemSampler(item);
      for (const r of sampler.ranged) {
        ranged.push({ stage: st.id, input: st.own ? null : item.id, supplier: item.suppliers[r.index]!.id, lowPct: r.low, sharePct: r.mode, highPct: r.high });
      }
      applyShock(item.shares, item.loss, item.shocked, item.viewIndex, chain.spare, item.foreignFraction, out);
      const suppliers = item.suppliers.map((s) => ({ ...s }));
      const own = countriesFor(countries, v, suppliers.map((s) => s.id));
      return { sampler, countries: own, suppliers, after: out[OUT.after]!, viewAfter: out[OUT.viewAfter]!, risk: riskOf(suppliers, v, countries) };
    });
    const varies = items.some((x) => x.sampler.ranged.length > 0);
    return {
      id: st.id,
      name: st.name,
      items,
      varies,
      throughput: varies ? new Float64Array(samples) : null,
      risk: varies ? new Float64Array(samples) : null,
    };
  });

  const rand = mulberry32(seed);
  const world = new Float64Array(samples);
  const view = new Float64Array(samples);
  let draws = 0;
  let scaledDraws = 0;
  const anyData = stages.some((s) => s.items.length > 0);
  for (let k = 0; k < samples; k++) {
    let worldMin = Infinity;
    let viewMin = Infinity;
    for (const st of stages) {
      if (st.items.length === 0) continue;
      let tp = Infinity;
      let vtp = Infinity;
      let risk = -Infinity;
      for (const plan of st.items) {
        let after = plan.after;
        let viewAfter = plan.viewAfter;
        let r = plan.risk;
        const s = plan.sampler;
        if (s.ranged.length > 0) {
          draws++;
          if (sampleShares(s, rand)) scaledDraws++;
          const item = s.item;
          applyShock(s.work, item.loss, item.shocked, item.viewIndex, chain.spare, item.foreignFraction, out);
          after = out[OUT.after]!;
          viewAfter = out[OUT.viewAfter]!;
          for (let i = 0; i < plan.suppliers.length; i++) plan.suppliers[i]!.sharePct = s.work[i]!;
          r = riskOf(plan.suppliers, v, plan.countries);
        }
        // All inputs are needed (min); the stage is as risky as its riskiest input (max), as in score.
        if (after < tp) tp = after;
        if (viewAfter < vtp) vtp = viewAfter;
        if (r > risk) risk = r;
      }
      if (st.throughput) st.throughput[k] = tp;
      if (st.risk) st.risk[k] = risk;
      if (tp < worldMin) worldMin = tp;
      if (vtp < viewMin) viewMin = vtp;
    }
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
    stages: stages.map((st) => {
      if (st.items.length === 0) return { id: st.id, name: st.name, throughputPct: null, modelledRisk: null };
      if (st.throughput && st.risk) return { id: st.id, name: st.name, throughputPct: percentiles(st.throughput), modelledRisk: percentiles(st.risk) };
      const tp = Math.min(...st.items.map((x) => x.after));
      const risk = Math.max(...st.items.map((x) => x.risk));
      return { id: st.id, name: st.name, throughputPct: constant(tp), modelledRisk: constant(risk) };
    }),
  };
}
