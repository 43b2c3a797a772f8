// Which share list of a node a command reads (docs/methodology.md#years). One rule, used by
// every command: the picked list and the reason are part of the result.
import type { ShareValue, Snapshot } from '../data/model.js';
import { COMPLETE_COVERAGE_PCT, SELECTION_WINDOW_YEARS } from './params.js';
import type { Selection } from './results.js';

export interface Picked {
  snapshot: Snapshot;
  /** The year asked for, when the snapshot is older than it ("as of"). */
  requestedYear: number | null;
  selection: Selection;
}

/** The basis a share series is read on by default, most preferred first (docs/methodology.md#years). */
export const BASIS_PREFERENCE = ['location', 'headquarters', 'ownership', 'demand'] as const;

/**
 * Share of the total a list attributes to named suppliers: countries and regions that are not
 * residual ("Other", "Rest of world"). A supplier named without a share adds nothing.
 */
export function coverage(values: readonly ShareValue[], residual: ReadonlySet<string>): number {
  let sum = 0;
  for (const v of values) {
    if (v.share === 'unknown' || (v.region !== undefined && residual.has(v.region))) continue;
    sum += v.share;
  }
  return Math.min(100, sum);
}

export interface PickOptions {
  year?: number | undefined;
  basis?: string | undefined;
  /** Ids of residual regions (they attribute nothing). */
  residual: ReadonlySet<string>;
}

/**
 * The list a node is read from. Within one basis (location first, or --basis):
 * - no year: among actual (non-projection) lists, the newest complete one (named suppliers
 *   ≥ 90%) no more than 3 years older than the newest list; without one, the fullest list in
 *   that window (ties: newer, then file order);
 * - year Y: a list of year Y (actual before projection, then the fullest, then file order); else
 *   the rule above over the actual lists before Y ("as of"). A projection is used only when its
 *   own year is asked for.
 */
export function pickSnapshot(all: readonly Snapshot[] | undefined, opts: PickOptions): Picked | undefined {
  if (!all || all.length === 0) return undefined;
  const wanted = opts.basis ?? BASIS_PREFERENCE.find((b) => all.some((s) => s.basis === b));
  const list = all.filter((s) => s.basis === wanted);
  if (list.length === 0) return undefined;
  const cov = new Map(list.map((s) => [s, coverage(s.values, opts.residual)]));
  const alternatives = (chosen: Snapshot): Selection['alternatives'] =>
    list
      .filter((s) => s !== chosen)
      .map((s) => ({ year: s.year, projection: Boolean(s.projection), basis: s.basis, source: s.source, coveragePct: round1(cov.get(s)!), suppliers: s.values.length }))
      .sort((a, b) => b.year - a.year);
  const done = (snapshot: Snapshot, requestedYear: number | null, rule: Selection['rule'], reason: string): Picked => ({
    snapshot,
    requestedYear,
    selection: { rule, reason, coveragePct: round1(cov.get(snapshot)!), alternatives: alternatives(snapshot) },
  });

  if (opts.year !== undefined) {
    const exact = list.filter((s) => s.year === opts.year);
    if (exact.length > 0) {
      const actual = exact.filter((s) => !s.projection);
      const pool = actual.length > 0 ? actual : exact;
      const best = fullest(pool, cov);
      const why = pool.length > 1 ? `the fullest of ${pool.length} lists for ${opts.year} (${round1(cov.get(best)!)}% named)` : `the list for ${opts.year}`;
      return done(best, null, 'year', `${why}${best.projection ? ', a projection' : ''}`);
    }
    const before = list.filter((s) => !s.projection && s.year < opts.year!);
    const r = byCompleteness(before, cov);
    return r ? done(r.snapshot, opts.year, 'as-of', `no list for ${opts.year}: ${r.reason}, before ${opts.year}`) : undefined;
  }
  const actual = list.filter((s) => !s.projection);
  const r = byCompleteness(actual, cov);
  if (!r) return undefined;
  return list.length === 1 ? done(r.snapshot, null, 'only', 'the only list') : done(r.snapshot, null, r.rule, r.reason);
}

function byCompleteness(list: readonly Snapshot[], cov: ReadonlyMap<Snapshot, number>): { snapshot: Snapshot; rule: 'newest-complete' | 'most-complete'; reason: string } | undefined {
  if (list.length === 0) return undefined;
  const newest = Math.max(...list.map((s) => s.year));
  const window = list.filter((s) => s.year >= newest - SELECTION_WINDOW_YEARS);
  const complete = window.filter((s) => cov.get(s)! >= COMPLETE_COVERAGE_PCT);
  if (complete.length > 0) {
    const year = Math.max(...complete.map((s) => s.year));
    const best = fullest(complete.filter((s) => s.year === year), cov);
    const skipped = list.filter((s) => s.year > year).length;
    return {
      snapshot: best,
      rule: 'newest-complete',
      reason: skipped > 0
        ? `the newest complete list (${round1(cov.get(best)!)}% named); ${skipped} newer list${skipped > 1 ? 's name' : ' names'} less than ${COMPLETE_COVERAGE_PCT}%`
        : `the newest complete list (${round1(cov.get(best)!)}% named)`,
    };
  }
  const best = fullest(window, cov);
  return {
    snapshot: best,
    rule: 'most-complete',
    reason: `no list within ${SELECTION_WINDOW_YEARS} years of ${newest} names ${COMPLETE_COVERAGE_PCT}%: the fullest (${round1(cov.get(best)!)}% named)`,
  };
}

/** Highest coverage; ties: the newer, then the first in file order. */
function fullest(list: readonly Snapshot[], cov: ReadonlyMap<Snapshot, number>): Snapshot {
  let best = list[0]!;
  for (const s of list) {
    const d = cov.get(s)! - cov.get(best)!;
    if (d > 1e-9 || (Math.abs(d) <= 1e-9 && s.year > best.year)) best = s;
  }
  return best;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Every year the snapshots of a sector hold, ascending, with whether it is a projection year only. */
export function snapshotYears(lists: ReadonlyArray<readonly Snapshot[] | undefined>): Array<{ year: number; projection: boolean }> {
  const years = new Map<number, boolean>();
  for (const list of lists) for (const s of list ?? []) years.set(s.year, (years.get(s.year) ?? true) && Boolean(s.projection));
  return [...years.entries()].sort((a, b) => a[0] - b[0]).map(([year, projection]) => ({ year, projection }));
}
