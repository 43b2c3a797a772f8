// The one place the report reads engine results. Everything the charts and the page draw comes
// from `adaptSector`: when the engine's result shapes change, this file changes and the charts
// do not. Nothing is computed here: values are picked, named and ordered for drawing.
import type { SourceUse, StageSummary } from '../../engine/catalog.js';
import { compareIds } from '../../engine/concentration.js';
import type { NodeScore, SectorScore, SnapshotRef } from '../../engine/results.js';
import type { SectorPolicies } from '../../engine/results-policies.js';
import type { ShockResult, WorstCase } from '../../engine/results-shock.js';

/** One sector's section of the report: engine results only (built by src/cli/commands/report.ts). */
export interface SectorReport {
  score: SectorScore;
  viewpointName: string;
  /** Name of the country whose ratings the data hold (the assessor); null without one. */
  assessorName: string | null;
  /** `built-in` or the user file the sector was read from. */
  origin: string;
  /** The assessor's ratings with their sources, and the diagnoses (catalog listStages). */
  stages: StageSummary[];
  /** Numbered for this section: the sector's sources, then those of the countries data. */
  sources: SourceUse[];
  /** Every country and region cut off in turn (shock --worst). */
  worst: WorstCase | null;
  /** The worst single-country cut-off, stage by stage; null when no cut-off costs anything. */
  cutOff: ShockResult | null;
  /** Policy impacts on one country, when the data give any. */
  policies: SectorPolicies | null;
  policyCountryName: string | null;
}

// ---------------------------------------------------------------------------------------------
// What the page draws.

/** One share list: what it measures, on which basis, when, from which source. */
export interface ListInfo {
  year: number;
  projection: boolean;
  metric: string;
  basis: string;
  source: number | null;
}

export interface Summary {
  weakest: { name: string; risk: number; resilience: number | null } | null;
  exposure: { partner: string; pct: number; stage: string } | null;
  cutOff: { who: string; afterPct: number; binding: string | null } | null;
  /** Share lists with one supplier at or above the chokepoint line. */
  chokepointLists: number;
  /** How many of the lists shown are on each basis, in the data's order of preference. */
  bases: Array<{ basis: string; lists: number }>;
}

export interface HeatCell {
  /** Null: the source names the supplier without a share. */
  sharePct: number | null;
  stated: string | null;
  /** One supplier at the chokepoint line or above (world supply). */
  global: boolean;
  /** More than half of the viewpoint's imports. */
  single: boolean;
}

export interface HeatRow {
  /** 0 for a stage, 1 for its inputs (deeper for nested inputs). */
  depth: number;
  stage: string;
  name: string;
  list: ListInfo | null;
  /** Why the row has no cells: no data, or its figures are on an input's row. */
  note: string | null;
  cells: Record<string, HeatCell>;
  chokepoints: Array<{ supplier: string; sharePct: number }>;
}

export interface HeatColumn {
  id: string;
  name: string;
  kind: 'country' | 'region' | 'rest';
  viewpoint: boolean;
}

export interface HeatView {
  rows: HeatRow[];
  /** Every supplier named in the lists shown: the viewpoint first, then those named most often; the unattributed rest last. */
  columns: HeatColumn[];
  stages: number;
  sources: number[];
}

export interface RiskRow {
  order: number;
  id: string;
  name: string;
  weakest: boolean;
  risk: number | null;
  /** The assessed rating on the 0-100 scale, when it enters the risk. */
  rating: number | null;
  modelled: number | null;
  /** The assessed rating in words, only when it enters the risk. */
  ratingLabel: { value: string; inferred: boolean; source: number | null } | null;
  list: ListInfo | null;
}

export interface RiskView {
  rows: RiskRow[];
  /** Whether any stage's risk blends a rating with the modelled risk. */
  blended: boolean;
  /** The data hold ratings (by the assessor), but not from this viewpoint. */
  ratingsNotUsed: boolean;
  assessorName: string | null;
  weakest: string | null;
  sources: number[];
  diagnoses: Array<{ stage: string; lines: string[] }>;
}

export interface ExposureRow {
  id: string;
  name: string;
  region: boolean;
  /** Null: named only without a share. */
  maxPct: number | null;
  maxStage: string;
  meanPct: number;
  /** The country of the worst single-country cut-off. */
  cutOff: boolean;
}

export interface ExposureView {
  rows: ExposureRow[];
  /** All partners with a figure (the chart shows the top ones and the cut-off country). */
  all: ExposureRow[];
  /** How many partners count as the top ones. */
  top: number;
  /** The worst cut-off's country when the exposure figures do not name it: what it holds instead. */
  cutOffWithout: { name: string; holds: string | null } | null;
  sources: number[];
}

export interface ShockRow {
  order: number;
  name: string;
  binding: boolean;
  afterPct: number | null;
  viewpointAfterPct: number | null;
  /** The input that binds the stage, when the stage's figure comes from one. */
  tightest: string | null;
  list: ListInfo | null;
}

export interface ShockView {
  who: string;
  lossPct: number;
  sparePct: number;
  worldAfterPct: number | null;
  viewpointAfterPct: number | null;
  binding: { name: string; input: string | null } | null;
  rows: ShockRow[];
  ranking: Array<{ rank: number; name: string; worldLostPct: number | null; viewpointLostPct: number | null; binds: string | null }>;
  sources: number[];
}

export type ImpactCell = { level: string; score: number } | 'gap' | 'none';

export interface PolicyRow {
  number: number;
  title: string;
  source: number | null;
  impactSource: number | null;
  short: ImpactCell;
  long: ImpactCell;
  why: string;
}

export interface PolicyView {
  country: string;
  rows: PolicyRow[];
  totals: Array<{ horizon: 'short' | 'long'; positive: number; negative: number; neutral: number; sum: number; gaps: number }>;
  outweighs: boolean;
  sources: number[];
}

export interface SourceView {
  number: number;
  publisher: string;
  title: string;
  year: number;
  secondary: boolean;
  /** A source of the countries data (cited by every modelled risk). */
  countries: boolean;
  url: string | null;
  uses: string[];
}

export interface SectorView {
  id: string;
  name: string;
  viewpoint: { id: string; name: string };
  /** The user file's name (never its path); null for the built-in data. */
  dataFile: string | null;
  year: number | null;
  thresholdPct: number;
  summary: Summary;
  heat: HeatView;
  risk: RiskView;
  exposure: ExposureView;
  shock: ShockView | null;
  /** Why there is no shock chart. */
  shockMissing: string;
  policies: PolicyView | null;
  sources: SourceView[];
  /** Short names of the sources (publisher and year), for the source line inside each chart. */
  shortSource: (n: number) => { publisher: string; year: number } | null;
  /** Numbers of the countries data's sources. */
  countriesSources: number[];
}

const TOP_PARTNERS = 8;

// ---------------------------------------------------------------------------------------------

export function adaptSector(r: SectorReport): SectorView {
  const s = r.score;
  const numbers = new Map<string, number>();
  for (const src of r.sources) if (src.sector !== null) numbers.set(src.id, src.number);
  const countriesSources = r.sources.filter((src) => src.sector === null).map((src) => src.number);
  const num = (id: string | null | undefined): number | null => (id ? (numbers.get(id) ?? null) : null);
  const listOf = (snap: SnapshotRef | null): ListInfo | null =>
    snap ? { year: snap.year, projection: snap.projection, metric: snap.metric, basis: snap.basis, source: num(snap.source) } : null;
  const stageName = (id: string): string => s.stages.find((x) => x.id === id)?.name ?? id;
  const used = (ns: Array<number | null>): number[] => [...new Set(ns.filter((n): n is number => n !== null))].sort((a, b) => a - b);

  // Heat map rows: every stage, then its inputs.
  const rows: HeatRow[] = [];
  for (const st of s.stages) {
    const own = st.snapshot !== null;
    const bound = st.binding.filter((b) => b.path !== st.path).map((b) => b.name);
    rows.push(heatRow(st, 0, st.name, listOf(st.snapshot), own ? null : bound.length ? `figures on its inputs’ rows (riskiest: ${bound.join(' = ')})` : (st.noData ?? 'no share data'), own));
    for (const inp of st.inputs) rows.push(heatRow(inp, Math.max(1, inp.depth), st.name, listOf(inp.snapshot), inp.snapshot ? null : (inp.noData ?? 'no data'), inp.snapshot !== null));
  }
  const columns = heatColumns(rows, s);
  const listsShown = rows.filter((x) => x.list);
  const BASES = ['location', 'headquarters', 'ownership', 'demand'];
  const bases = [...new Set(listsShown.map((x) => x.list!.basis))]
    .sort((a, b) => BASES.indexOf(a) - BASES.indexOf(b))
    .map((basis) => ({ basis, lists: listsShown.filter((x) => x.list!.basis === basis).length }));

  // Stage risk.
  const rated = (id: string) => r.stages.find((x) => x.id === id)?.rating ?? null;
  const risk: RiskView = {
    rows: s.stages.map((st) => {
      const rating = rated(st.id);
      return {
        order: st.order,
        id: st.id,
        name: st.name,
        weakest: st.id === s.weakestLink?.stage,
        risk: st.risk.value,
        rating: st.risk.rating,
        modelled: st.risk.modelled,
        ratingLabel: rating && st.risk.rating !== null ? { value: rating.value.replace('-', ' '), inferred: rating.inferred, source: num(rating.source) } : null,
        list: listOf(st.snapshot),
      };
    }),
    blended: s.stages.some((st) => st.risk.rating !== null && st.risk.modelled !== null),
    ratingsNotUsed: s.stages.some((st) => rated(st.id) !== null && st.risk.rating === null),
    assessorName: r.assessorName,
    weakest: s.weakestLink?.name ?? null,
    sources: used([...s.stages.map((st) => (st.risk.rating !== null ? num(rated(st.id)?.source) : null)), ...s.stages.map((st) => num(st.snapshot?.source)), ...countriesSources]),
    diagnoses: r.stages.filter((st) => st.diagnoses.length > 0).map((st) => ({ stage: st.name, lines: st.diagnoses })),
  };

  // Exposure: the top partners, and the worst cut-off's country wherever it ranks.
  const cutOffId = r.cutOff && r.cutOff.targets.length === 1 ? r.cutOff.targets[0]!.id : null;
  const regionIds = new Set<string>();
  for (const st of s.stages) for (const item of [st, ...st.inputs]) for (const sup of item.suppliers) if (sup.kind === 'region') regionIds.add(sup.id);
  const all: ExposureRow[] = s.exposures.map((e) => ({
    id: e.partner,
    name: e.name,
    region: regionIds.has(e.partner),
    maxPct: e.maxPct,
    maxStage: e.maxStage ? stageName(e.maxStage) : '',
    meanPct: e.meanPct,
    cutOff: e.partner === cutOffId,
  }));
  const top = all.slice(0, TOP_PARTNERS);
  const cutOffRow = all.find((e) => e.cutOff);
  if (cutOffRow && !top.includes(cutOffRow)) top.push(cutOffRow);
  let cutOffWithout: ExposureView['cutOffWithout'] = null;
  if (r.cutOff && cutOffId && !cutOffRow) {
    // The exposure figures come from the stages' own lists; the cut-off bites on an input's list.
    const b = r.cutOff.world.binding[0];
    const st = b ? r.cutOff.stages.find((x) => x.id === b.stage) : null;
    const item = st && b?.input ? st.inputs.find((x) => x.id === b.input) : st;
    const share = item?.shockedSharePct ?? null;
    cutOffWithout = { name: r.cutOff.targets[0]!.name, holds: item && share !== null ? `${Number(share.toFixed(1))}% of world supply of ${item.name}` : null };
  }

  // The worst single-country cut-off.
  const c = r.cutOff;
  const shock: ShockView | null = c
    ? {
        who: c.targets.map((t) => t.name).join(', '),
        lossPct: c.lossPct,
        sparePct: c.sparePct,
        worldAfterPct: c.world.afterPct,
        viewpointAfterPct: c.viewpointChain.afterPct,
        binding: c.world.binding[0] ? { name: c.world.binding[0].name, input: c.world.binding[0].input ? c.world.binding[0].nodeName : null } : null,
        rows: c.stages.map((st) => {
          const tight = st.tree.binding.filter((p) => p !== st.path).map((p) => st.inputs.find((x) => x.path === p)?.name ?? p);
          return {
            order: st.order,
            name: st.name,
            binding: c.world.binding.some((b) => b.stage === st.id),
            afterPct: st.tree.afterPct,
            viewpointAfterPct: st.tree.viewpointAfterPct,
            tightest: tight.length ? tight.join(' = ') : null,
            list: listOf(st.snapshot),
          };
        }),
        ranking: (r.worst?.byWorld ?? []).slice(0, 5).map((e) => ({ rank: e.rank, name: e.target.name, worldLostPct: e.worldLostPct, viewpointLostPct: e.viewpointLostPct, binds: e.worldBinding[0]?.name ?? null })),
        sources: used(c.stages.flatMap((st) => [num(st.snapshot?.source), ...st.inputs.map((i) => num(i.snapshot?.source))])),
      }
    : null;

  // Policies.
  const p = r.policies;
  const impact = (x: { level: string; score: number } | null | undefined, any: boolean): ImpactCell => (x ? { level: x.level, score: x.score } : any ? 'gap' : 'none');
  const policies: PolicyView | null =
    p && p.policies.length > 0
      ? {
          country: r.policyCountryName ?? p.country,
          rows: p.policies.map((pol) => ({
            number: pol.number,
            title: pol.title,
            source: num(pol.source),
            impactSource: num(pol.impact?.source),
            short: impact(pol.impact?.short, pol.impact !== null),
            long: impact(pol.impact?.long, pol.impact !== null),
            why: pol.impact ? [...pol.impact.text, pol.impact.gap ? `Gap: ${pol.impact.gap}` : ''].filter(Boolean).join(' ') : '',
          })),
          totals: p.totals.map((t) => ({ horizon: t.horizon, positive: t.positive, negative: t.negative, neutral: t.neutral, sum: t.sum, gaps: t.gaps })),
          outweighs: p.headline.outweighs,
          sources: used(p.policies.flatMap((pol) => [num(pol.source), num(pol.impact?.source)])),
        }
      : null;

  const top1 = s.exposures.find((e) => e.maxPct !== null && e.maxStage !== null);
  const shortNames = new Map(r.sources.map((src) => [src.number, { publisher: src.publisher, year: src.year }]));
  return {
    id: s.sector,
    name: s.name,
    viewpoint: { id: s.viewpoint, name: r.viewpointName },
    dataFile: r.origin === 'built-in' ? null : (r.origin.split(/[\\/]/).pop() ?? r.origin),
    year: s.year,
    thresholdPct: s.thresholdPct,
    summary: {
      weakest: s.weakestLink ? { name: s.weakestLink.name, risk: s.weakestLink.risk, resilience: s.resilience } : null,
      exposure: top1 ? { partner: top1.name, pct: top1.maxPct!, stage: stageName(top1.maxStage!) } : null,
      cutOff: c && c.world.afterPct !== null ? { who: c.targets.map((t) => t.name).join(', '), afterPct: c.world.afterPct, binding: c.world.binding[0]?.name ?? null } : null,
      chokepointLists: listsShown.filter((x) => x.chokepoints.length > 0).length,
      bases,
    },
    heat: { rows, columns, stages: s.stages.length, sources: used(listsShown.map((x) => x.list!.source)) },
    risk,
    exposure: { rows: top, all, top: TOP_PARTNERS, cutOffWithout, sources: used(s.stages.map((st) => num(st.snapshot?.source))) },
    shock,
    shockMissing: r.worst ? 'Cutting off any one country costs the chain nothing in these data.' : 'No shock result.',
    policies,
    sources: r.sources.map((src) => ({
      number: src.number,
      publisher: src.publisher,
      title: src.title,
      year: src.year,
      secondary: src.secondary,
      countries: src.sector === null,
      url: src.url,
      uses: [
        src.supplies.figures ? `${src.supplies.figures} figure${src.supplies.figures === 1 ? '' : 's'}` : '',
        src.supplies.inputs.length ? `inputs ${src.supplies.inputs.join(', ')}` : src.supplies.stages.length ? `stages ${src.supplies.stages.join(', ')}` : '',
        src.supplies.other.join('; '),
      ].filter(Boolean),
    })),
    shortSource: (n) => shortNames.get(n) ?? null,
    countriesSources,
  };
}

function heatRow(item: NodeScore, depth: number, stage: string, list: ListInfo | null, note: string | null, withCells: boolean): HeatRow {
  const cells: Record<string, HeatCell> = {};
  if (withCells) {
    for (const sup of item.suppliers) {
      const kinds = item.chokepoints.filter((c) => c.supplier === sup.id).map((c) => c.kind);
      cells[sup.id] = { sharePct: sup.sharePct, stated: sup.stated, global: kinds.includes('global'), single: kinds.includes('single-country') };
    }
  }
  const chokepoints = withCells ? item.chokepoints.filter((c) => c.kind === 'global').map((c) => ({ supplier: c.supplier, sharePct: c.sharePct })) : [];
  return { depth, stage, name: item.name, list: withCells ? list : null, note, cells, chokepoints };
}

/** Layout order only: the viewpoint first, then suppliers named most often, the unattributed rest last. */
function heatColumns(rows: HeatRow[], s: SectorScore): HeatColumn[] {
  const info = new Map<string, { id: string; name: string; kind: HeatColumn['kind'] }>();
  for (const st of s.stages) for (const item of [st, ...st.inputs]) for (const sup of item.suppliers) info.set(sup.id, { id: sup.id, name: sup.name, kind: sup.kind });
  const seen = new Map<string, { count: number; max: number }>();
  for (const r of rows) {
    for (const [id, cell] of Object.entries(r.cells)) {
      const e = seen.get(id) ?? { count: 0, max: 0 };
      e.count++;
      e.max = Math.max(e.max, cell.sharePct ?? 0);
      seen.set(id, e);
    }
  }
  const ids = [...seen.keys()].filter((id) => info.get(id)?.kind !== 'rest');
  ids.sort((a, b) => Number(b === s.viewpoint) - Number(a === s.viewpoint) || seen.get(b)!.count - seen.get(a)!.count || seen.get(b)!.max - seen.get(a)!.max || compareIds(a, b));
  const rest = [...seen.keys()].filter((id) => info.get(id)?.kind === 'rest');
  return [...ids, ...rest].map((id) => ({ ...info.get(id)!, viewpoint: id === s.viewpoint }));
}
