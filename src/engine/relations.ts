// Relations between countries across a sector: one country's exposure to its partners, two
// countries compared stage by stage, and the chokepoints of every chain.
import type { Model, Sector } from '../data/model.js';
import { countryName } from '../data/resolve.js';
import { CHOKEPOINT_THRESHOLD_PCT, RELIANCE_LINE_PCT } from './params.js';
import type { SectorScore } from './results.js';
import type { ChokepointList, ChokepointRow, CompareStage, NamedDependency, SectorComparison, SectorExposure } from './results-commands.js';
import { scoreSector, type ScoreOptions } from './score.js';
import { compareIds, round } from './concentration.js';

/** Exposure of `viewpoint` to every partner (or only `to`), per sector. */
export function exposureOf(model: Model, sectors: readonly Sector[], viewpoint: string, opts: { to?: string; year?: number; basis?: string } = {}): SectorExposure[] {
  return sectors.map((s) => {
    const score = scoreSector(model, s, { viewpoint, ...(opts.year !== undefined ? { year: opts.year } : {}), ...(opts.basis ? { basis: opts.basis } : {}) });
    const all = score.exposures;
    return {
      sector: s.id,
      name: s.name,
      viewpoint,
      exposures: opts.to ? all.filter((e) => e.partner === opts.to) : all,
    };
  });
}

export function compareCountries(model: Model, sectors: readonly Sector[], a: string, b: string, opts: Pick<ScoreOptions, 'year' | 'method' | 'basis'> = {}): SectorComparison[] {
  return sectors.map((s) => {
    const sa = scoreSector(model, s, { ...opts, viewpoint: a });
    const sb = scoreSector(model, s, { ...opts, viewpoint: b });
    const reliance = (score: SectorScore, partner: string, stageIndex: number): number | null => {
      const st = score.stages[stageIndex]!;
      if (!st.snapshot) return null;
      return st.dependence.find((d) => d.partner === partner)?.ofForeignPct ?? 0;
    };
    const stages: CompareStage[] = s.stages.map((st, i) => ({
      stage: st.id,
      name: st.name,
      a: { sharePct: sa.stages[i]!.viewpointSharePct, listed: sa.stages[i]!.viewpointListed, risk: sa.stages[i]!.risk.value },
      b: { sharePct: sb.stages[i]!.viewpointSharePct, listed: sb.stages[i]!.viewpointListed, risk: sb.stages[i]!.risk.value },
      aReliesOnBPct: reliance(sa, b, i),
      bReliesOnAPct: reliance(sb, a, i),
    }));
    const maxOf = (key: 'aReliesOnBPct' | 'bReliesOnAPct') => {
      let best: CompareStage | undefined;
      for (const st of stages) if (st[key] !== null && (!best || st[key]! > best[key]!)) best = st;
      return { pct: best?.[key] ?? 0, stage: best && best[key]! > 0 ? best.stage : null };
    };
    const ab = maxOf('aReliesOnBPct');
    const ba = maxOf('bReliesOnAPct');
    const named = (from: string, to: string): NamedDependency[] =>
      (s.dependencies ?? [])
        .filter((d) => d.country === from && d.on.includes(to))
        .map((d) => ({ id: d.id, kind: d.kind, country: d.country, on: d.on, stage: d.stage, input: d.input ?? null, text: d.text, source: d.source }));
    const dependencies = { aOnB: named(a, b), bOnA: named(b, a) };
    const aRelies = ab.pct >= RELIANCE_LINE_PCT || dependencies.aOnB.length > 0;
    const bRelies = ba.pct >= RELIANCE_LINE_PCT || dependencies.bOnA.length > 0;
    const relation = aRelies && bRelies ? 'mutual' : aRelies ? 'a-relies-on-b' : bRelies ? 'b-relies-on-a' : 'independent';
    return {
      sector: s.id,
      name: s.name,
      a,
      b,
      stages,
      weakestLink: { a: sa.weakestLink?.stage ?? null, b: sb.weakestLink?.stage ?? null },
      resilience: { a: sa.resilience, b: sb.resilience },
      reliance: { aOnBMaxPct: round(ab.pct, 2), aOnBStage: ab.stage, bOnAMaxPct: round(ba.pct, 2), bOnAStage: ba.stage },
      dependencies,
      relation,
      verdict: verdict(model, s, a, b, relation, ab, ba, dependencies),
    };
  });
}

function verdict(
  model: Model,
  s: Sector,
  a: string,
  b: string,
  relation: SectorComparison['relation'],
  ab: { pct: number; stage: string | null },
  ba: { pct: number; stage: string | null },
  deps: SectorComparison['dependencies'],
): string {
  const n = (c: string) => countryName(model.countries, c);
  const stageName = (id: string | null) => s.stages.find((x) => x.id === id)?.name ?? id ?? '-';
  const side = (x: string, y: string, r: { pct: number; stage: string | null }, named: NamedDependency[]) =>
    r.pct > 0
      ? `${n(x)} gets up to ${round(r.pct, 1)}% of its foreign supply from ${n(y)} (${stageName(r.stage)})${named.length ? `; the report names ${named.length} dependence${named.length > 1 ? 's' : ''}` : ''}`
      : named.length
        ? `the report names ${named.length} dependence${named.length > 1 ? 's' : ''} of ${n(x)} on ${n(y)}`
        : `${n(x)} draws nothing from ${n(y)} in the data`;
  const lead = {
    mutual: 'Mutual dependence',
    'a-relies-on-b': `${n(a)} relies on ${n(b)}`,
    'b-relies-on-a': `${n(b)} relies on ${n(a)}`,
    independent: 'Little dependence either way',
  }[relation];
  return `${s.name}: ${lead}: ${side(a, b, ab, deps.aOnB)}; ${side(b, a, ba, deps.bOnA)}.`;
}

/** Every stage and input over the line (global), and with a viewpoint its single-country dependences over 50%. */
export function listChokepoints(model: Model, sectors: readonly Sector[], opts: { thresholdPct?: number; viewpoint?: string; year?: number; basis?: string } = {}): ChokepointList {
  const rows: ChokepointRow[] = [];
  let threshold = opts.thresholdPct ?? CHOKEPOINT_THRESHOLD_PCT;
  for (const s of sectors) {
    const score = scoreSector(model, s, {
      ...(opts.thresholdPct !== undefined ? { thresholdPct: opts.thresholdPct } : {}),
      ...(opts.viewpoint ? { viewpoint: opts.viewpoint } : {}),
      ...(opts.year !== undefined ? { year: opts.year } : {}),
      ...(opts.basis ? { basis: opts.basis } : {}),
    });
    threshold = score.thresholdPct;
    for (const st of score.stages) {
      const items = [{ item: st, input: null as string | null }, ...st.inputs.map((x) => ({ item: x, input: x.id }))];
      for (const { item, input } of items) {
        if (input === null && st.basedOn !== 'stage') continue; // a stage scored from an input: listed under the input
        for (const c of item.chokepoints) {
          if (c.kind === 'single-country' && !opts.viewpoint) continue;
          rows.push({
            sector: s.id,
            stage: st.id,
            input,
            name: input ? `${st.name} / ${item.name}` : st.name,
            kind: c.kind,
            supplier: c.supplier,
            supplierName: countryName(model.countries, c.supplier),
            sharePct: c.sharePct,
            thresholdPct: c.thresholdPct,
            year: item.snapshot!.year,
            projection: item.snapshot!.projection,
            basis: item.snapshot!.basis,
            source: item.snapshot!.source,
          });
        }
      }
    }
  }
  const counts = new Map<string, { supplier: string; name: string; global: number; singleCountry: number }>();
  for (const r of rows) {
    const c = counts.get(r.supplier) ?? { supplier: r.supplier, name: r.supplierName, global: 0, singleCountry: 0 };
    if (r.kind === 'global') c.global++;
    else c.singleCountry++;
    counts.set(r.supplier, c);
  }
  return {
    thresholdPct: threshold,
    viewpoint: opts.viewpoint ?? null,
    chokepoints: rows,
    counts: [...counts.values()].sort((x, y) => y.global + y.singleCountry - (x.global + x.singleCountry) || compareIds(x.supplier, y.supplier)),
  };
}
