// Export-restriction events and what they do to a supplier's weight (docs/methodology.md#events).
import type { TradeEvent } from '../data/model.js';
import { EVENT_FADE_YEARS, EVENT_UPLIFT } from './params.js';
import type { EventEffect } from './results.js';
import type { Viewpoint } from './viewpoint.js';

const DAY = 86_400_000;
const time = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/**
 * u for one event at a reference date: the kind's uplift while in force; after lifting it
 * fades linearly to 0 over EVENT_FADE_YEARS (a partner that used the lever once may again);
 * 0 before the event was imposed.
 */
export function eventUplift(e: Pick<TradeEvent, 'kind' | 'imposed' | 'lifted'>, referenceDate: string): { inForce: boolean; uplift: number } {
  const ref = time(referenceDate);
  if (ref < time(e.imposed)) return { inForce: false, uplift: 0 };
  const full = EVENT_UPLIFT[e.kind];
  if (e.lifted === undefined || ref < time(e.lifted)) return { inForce: true, uplift: full };
  const years = (ref - time(e.lifted)) / (365.25 * DAY);
  return { inForce: false, uplift: Math.max(0, full * (1 - years / EVENT_FADE_YEARS)) };
}

/**
 * Events a partner imposed that reach the viewpoint at a node: aimed at the viewpoint, one of
 * its members, or at all; on the node itself or on a node above it (`paths`: the node's path and
 * its ancestors'; a measure on a stage or an input covers what hangs under it). Only events
 * imposed by the reference date; sorted by date, then id.
 */
export function eventsAt(events: readonly TradeEvent[], vp: Viewpoint, partner: string, sector: string, paths: readonly string[], referenceDate: string): EventEffect[] {
  // Asked for every partner of every node: most partners imposed nothing, so the set of paths
  // is built only when an event of this partner is met.
  let full: Set<string> | undefined;
  const out: EventEffect[] = [];
  for (const e of events) {
    if (e.imposedBy !== partner) continue;
    if (!e.aimedAt.some((a) => a === 'all' || a === vp.id || vp.members.has(a))) continue;
    full ??= new Set(paths.map((p) => `${sector}/${p}`));
    if (!e.nodes.some((n) => full!.has(n))) continue;
    if (time(referenceDate) < time(e.imposed)) continue;
    const { inForce, uplift } = eventUplift(e, referenceDate);
    out.push({
      id: e.id,
      imposedBy: e.imposedBy,
      kind: e.kind,
      imposed: e.imposed,
      lifted: e.lifted ?? null,
      inForce,
      uplift: Math.round(uplift * 10_000) / 10_000,
      products: e.products,
      source: e.source,
    });
  }
  return out.sort((a, b) => (a.imposed < b.imposed ? -1 : a.imposed > b.imposed ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** w' = w + (1 − w)·u with u the largest uplift of the events (they do not add up: one lever). */
export function withEvents(weight: number, effects: readonly EventEffect[]): number {
  const u = effects.reduce((m, e) => Math.max(m, e.uplift), 0);
  return weight + (1 - weight) * u;
}
