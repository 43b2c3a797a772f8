// Stage risks and the weakest link across every year the sector's data hold.
import type { Model, Sector } from '../data/model.js';
import type { Trend } from './results-commands.js';

export type { Trend };
import { scoreSector, type ScoreOptions } from './score.js';
import { snapshotYears } from './snapshot.js';

export function scoreTrend(model: Model, sector: Sector, options: Omit<ScoreOptions, 'year'> = {}): Trend {
  const years = snapshotYears(sector.stages.flatMap((st) => [st.shares, ...(st.inputs ?? []).map((i) => i.shares)]));
  const scores = years.map((y) => scoreSector(model, sector, { ...options, year: y.year }));
  const first = scores[0] ?? scoreSector(model, sector, options);
  return {
    sector: sector.id,
    name: sector.name,
    viewpoint: first.viewpoint,
    method: first.method,
    years,
    stages: sector.stages.map((st, i) => ({ id: st.id, name: st.name, risks: scores.map((s) => s.stages[i]!.risk.value) })),
    weakestLinks: scores.map((s) => s.weakestLink?.stage ?? null),
  };
}
