// Which snapshot of a share list a command uses (docs/methodology.md#years).
import type { Snapshot } from '../data/model.js';

export interface Picked {
  snapshot: Snapshot;
  /** The year asked for, when the snapshot is older than it ("as of"). */
  requestedYear: number | null;
}

/** The basis a share series is read on by default, most preferred first (docs/methodology.md#years). */
export const BASIS_PREFERENCE = ['location', 'headquarters', 'ownership', 'demand'] as const;

/**
 * Within one basis (location first, or the one asked for with --basis): no year: the latest actual (non-projection) snapshot. A year Y: the snapshot of year Y
 * (actual before projection), else the latest actual one before Y. A projection is used only
 * when its own year is asked for. Ties keep file order: the first snapshot listed wins.
 */
export function pickSnapshot(all: readonly Snapshot[] | undefined, year?: number, basis?: string): Picked | undefined {
  if (!all || all.length === 0) return undefined;
  // One basis per series: where the capacity is (location) before who owns it, unless asked.
  const wanted = basis ?? BASIS_PREFERENCE.find((b) => all.some((s) => s.basis === b));
  const list = all.filter((s) => s.basis === wanted);
  if (list.length === 0) return undefined;
  const actual = list.filter((s) => !s.projection);
  if (year === undefined) {
    const best = latest(actual);
    return best ? { snapshot: best, requestedYear: null } : undefined;
  }
  const exact = list.filter((s) => s.year === year);
  const hit = exact.find((s) => !s.projection) ?? exact[0];
  if (hit) return { snapshot: hit, requestedYear: null };
  const before = latest(actual.filter((s) => s.year < year));
  return before ? { snapshot: before, requestedYear: year } : undefined;
}

function latest(list: readonly Snapshot[]): Snapshot | undefined {
  let best: Snapshot | undefined;
  for (const s of list) if (!best || s.year > best.year) best = s;
  return best;
}

/** Every year the snapshots of a sector hold, ascending, with whether it is a projection year only. */
export function snapshotYears(lists: ReadonlyArray<readonly Snapshot[] | undefined>): Array<{ year: number; projection: boolean }> {
  const years = new Map<number, boolean>();
  for (const list of lists) for (const s of list ?? []) years.set(s.year, (years.get(s.year) ?? true) && Boolean(s.projection));
  return [...years.entries()].sort((a, b) => a[0] - b[0]).map(([year, projection]) => ({ year, projection }));
}
