// The one evaluation of a chain (docs/methodology.md#evaluation): for a sector, viewpoint, year
// and basis, every node of every stage is read once (which list, which suppliers, where the
// viewpoint's supply comes from, how risky it is), the two lenses aggregate the nodes of each
// stage, and the chain's weakest link and exposures follow. score, compare, exposure,
// chokepoints, explain, shock and report all read this result. Pure: model in, result out.
import type { Model, Sector } from '../data/model.js';
import { effectiveSuppliers, globalChokepoints, hhi, hhiBand, residualIds, round, suppliersOf } from './concentration.js';
import { aggregateLenses } from './aggregate.js';
import { exposures } from './exposure.js';
import { CHOKEPOINT_THRESHOLD_PCT, SINGLE_COUNTRY_LINE_PCT, TIE_EPSILON } from './params.js';
import type { Chokepoint, Lens, Method, NodeScore, SectorScore, StageScore, WeakestLink } from './results.js';
import { pickSnapshot } from './snapshot.js';
import { blend, disagrees, modelledRisk, ratingRisk } from './stage-risk.js';
import { materialsOf, nodeCrm } from './crm-node.js';
import { pickImports, pickReliance, supplyPicture, tradeIndex, type TradeIndex } from './supply.js';
import { descendants, stageTree, type ChainNode } from './tree.js';
import { viewpointOf, type Viewpoint } from './viewpoint.js';

export interface EvaluateOptions {
  /** Country code or region id of the viewpoint; default: the sector's assessor, else the US. */
  viewpoint?: string | undefined;
  method?: Method | undefined;
  lens?: Lens | undefined;
  year?: number | undefined;
  /** Read every share list on this basis (location, headquarters, ownership); default: location where it exists. */
  basis?: string | undefined;
  thresholdPct?: number | undefined;
}

/** The viewpoint a sector is scored from by default: its assessor, else the United States. */
export function defaultViewpoint(sector: Sector): string {
  return sector.assessor ?? 'us';
}

interface Ctx {
  model: Model;
  sector: Sector;
  vp: Viewpoint;
  method: Method;
  year: number | undefined;
  basis: string | undefined;
  thresholdPct: number;
  referenceDate: string;
  residual: ReadonlySet<string>;
  trade: TradeIndex;
}

export function evaluateChain(model: Model, sector: Sector, options: EvaluateOptions = {}): SectorScore {
  const vp = viewpointOf(model.countries, options.viewpoint ?? defaultViewpoint(sector));
  const method = options.method ?? 'blended';
  const lens = options.lens ?? 'weakest-link';
  const ctx: Ctx = {
    model,
    sector,
    vp,
    method,
    year: options.year,
    basis: options.basis,
    thresholdPct: options.thresholdPct ?? CHOKEPOINT_THRESHOLD_PCT,
    referenceDate: `${options.year ?? newestDataYear(model)}-12-31`,
    residual: residualIds(model.countries),
    trade: tradeIndex(model.trade, vp.id, sector.id),
  };
  const stages = sector.stages.map((st, i) => evaluateStage(stageTree(st), i + 1, lens, ctx));
  const scale100 = method !== 'eu-crm';
  const weakestLink = weakest(stages, (s) => s.risk.value, method);
  const values = stages.map((s) => s.risk.value).filter((v): v is number => v !== null);
  return {
    sector: sector.id,
    name: sector.name,
    viewpoint: vp.id,
    viewpointName: vp.name,
    viewpointKind: vp.kind,
    assessor: sector.assessor ?? null,
    method,
    lens,
    year: options.year ?? null,
    basis: options.basis ?? null,
    referenceDate: ctx.referenceDate,
    thresholdPct: ctx.thresholdPct,
    stages,
    weakestLink,
    modelledWeakestLink: weakest(stages, (s) => s.risk.modelled, 'blended'),
    resilience: scale100 && weakestLink ? round(100 - weakestLink.risk, 2) : null,
    // The mean of the EU CRM's stage SRs means nothing (a material's SR is its highest stage's).
    meanRisk: scale100 && values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, 2) : null,
    exposures: exposures(stages),
    materials: method === 'eu-crm' ? materialsOf(stages.flatMap((s) => [s, ...s.inputs]), vp, model.criticality, sector.id) : [],
  };
}

/** The newest actual data year of the model: the reference for events when --year is not given. */
const newestYears = new WeakMap<Model, number>();
export function newestDataYear(model: Model): number {
  let y = newestYears.get(model);
  if (y !== undefined) return y;
  y = 1950;
  for (const s of model.sectors) {
    for (const st of s.stages) {
      for (const list of [st.shares, ...(st.inputs ?? []).map((x) => x.shares)]) for (const snap of list ?? []) if (!snap.projection && snap.year > y) y = snap.year;
    }
  }
  for (const l of model.trade.imports) if (l.year > y) y = l.year;
  newestYears.set(model, y);
  return y;
}

function evaluateStage(root: ChainNode, order: number, lens: Lens, ctx: Ctx): StageScore {
  const nodes = [root, ...descendants(root)];
  const scores = new Map<ChainNode, NodeScore>(nodes.map((n) => [n, evaluateNode(n, ctx)]));
  const nodeRisk = (n: NodeScore): number | null => (ctx.method === 'eu-crm' ? (n.euCrm?.stage.sr ?? null) : n.modelledRisk);
  aggregateLenses(root, scores, nodeRisk);
  const own = scores.get(root)!;
  const stage = root.stage;
  const wl = own.lenses.weakestLink?.risk ?? null;
  const vw = own.lenses.valueWeighted?.risk ?? null;
  // The lens asked for; a stage without values falls back to the weakest link (and says so in `lens`).
  const usedLens: Lens = lens === 'value-weighted' && vw !== null ? 'value-weighted' : 'weakest-link';
  const modelled = usedLens === 'value-weighted' ? vw : wl;
  const isAssessor = ctx.sector.assessor !== undefined && ctx.sector.assessor === ctx.vp.id;
  const rating = isAssessor && stage.rating ? ratingRisk(stage.rating.value) : null;
  const modelled100 = ctx.method === 'eu-crm' ? null : modelled;
  const blended = blend(modelled100, rating);
  const value = ctx.method === 'blended' ? blended : ctx.method === 'rating' ? rating : modelled;
  const digits = ctx.method === 'eu-crm' ? 3 : 2;
  const byPath = new Map(nodes.map((n) => [n.path, n.name]));
  return {
    ...own,
    order,
    rating: isAssessor && stage.rating ? { value: stage.rating.value, inferred: stage.rating.inferred, basis: stage.rating.basis } : null,
    risk: {
      method: ctx.method,
      lens: usedLens,
      value: value === null ? null : round(value, digits),
      modelled: modelled === null ? null : round(modelled, digits),
      weakestLink: wl === null ? null : round(wl, digits),
      valueWeighted: vw === null ? null : round(vw, digits),
      rating,
      blended: blended === null ? null : round(blended, 2),
      disagreement: disagrees(modelled100, rating),
    },
    binding: (own.lenses.weakestLink?.binding ?? []).map((path) => ({ path, name: byPath.get(path) ?? path })),
    inputs: nodes.slice(1).map((n) => scores.get(n)!),
  };
}

/** One node from the viewpoint: its world list, the viewpoint's supply of it, its risk. */
function evaluateNode(node: ChainNode, ctx: Ctx): NodeScore {
  const { countries, trade: tradeData } = ctx.model;
  const picked = pickSnapshot(node.shares, { year: ctx.year, basis: ctx.basis, residual: ctx.residual });
  const world = picked ? suppliersOf(picked.snapshot.values, countries, ctx.vp) : null;
  // Trade figures count goods where they cross a border: they belong with the location lens.
  // Asked to read by who owns the capacity (--basis headquarters or ownership), a country's
  // supply is its firms' share, wherever the plants are, and its partners' shares are estimated
  // from that list. A node read by headquarters only because that is all its world data hold
  // (photoresists) keeps its import data: they are still where its supply comes from.
  const byLocation = ctx.basis === undefined || ctx.basis === 'location';
  const imports = byLocation ? pickImports(ctx.trade.imports.get(node.path), ctx.year) : undefined;
  const reliance = byLocation ? pickReliance(ctx.trade.reliance.get(node.path), ctx.year) : undefined;
  // A stage's demand list gives v's share of world demand: the part of its use it makes itself.
  const demand = node.depth === 0 && byLocation ? pickSnapshot(node.stage.demand, { year: ctx.year, residual: ctx.residual }) : undefined;
  const demandPct = demand ? suppliersOf(demand.snapshot.values, countries, ctx.vp).reduce((a, x) => a + (x.domestic && x.sharePct !== null ? x.sharePct : 0), 0) : undefined;
  const picture = supplyPicture(ctx.vp, world, imports, reliance, ctx.residual, demandPct);

  const named = (world ?? []).filter((s) => s.kind !== 'rest');
  const known = named.filter((s) => s.sharePct !== null);
  const coverage = known.reduce((a, s) => a + s.sharePct!, 0);
  const h = world ? hhi(known.map((s) => s.sharePct!)) : null;
  const own = world ? named.reduce((a, s) => a + (s.domestic && s.sharePct !== null ? s.sharePct : 0), 0) : null;
  const topShare = known.reduce((m, s) => Math.max(m, s.sharePct!), 0);
  const top = known.length ? known.filter((s) => Math.abs(s.sharePct! - topShare) <= TIE_EPSILON) : [];

  // A list that attributes nothing (no named supplier with a share above 0, in the world list or
  // the imports) is no country data, not a risk. Its suppliers are still listed: a partner named
  // without a share is present in the dependence and the exposure, never a number.
  const attributed = (picture?.partners.some((p) => p.ofImportsPct !== null && p.ofImportsPct > 0) ?? false) || coverage > 0 || (picture?.foreign === 0);
  const paths: string[] = [];
  for (let n: ChainNode | null = node; n; n = n.parent) paths.push(n.path);
  const computed = picture
    ? modelledRisk(picture, ctx.vp, world, { countries, events: tradeData.events, sector: ctx.sector.id, paths, referenceDate: ctx.referenceDate })
    : null;
  const risk = attributed ? computed : null;
  const chokepoints: Chokepoint[] = world ? globalChokepoints(world, ctx.thresholdPct) : [];
  for (const p of picture?.partners ?? []) {
    if (p.kind === 'country' && p.ofImportsPct !== null && p.ofImportsPct > SINGLE_COUNTRY_LINE_PCT) {
      chokepoints.push({ kind: 'single-country', supplier: p.id, sharePct: round(p.ofImportsPct, 2), thresholdPct: SINGLE_COUNTRY_LINE_PCT, measured: picture!.supply.measured });
    }
  }
  const snap = picked?.snapshot;
  return {
    id: node.id,
    path: node.path,
    name: node.name,
    parent: node.parent?.path ?? null,
    depth: node.depth,
    relation: node.relation,
    children: node.children.map((c) => c.path),
    use: node.use,
    essential: node.essential,
    material: node.material,
    value: node.value ? { millions: node.value.millions, currency: node.value.currency, year: node.value.year, source: node.value.source, inferred: Boolean(node.value.inferred) } : null,
    inventoryMonths: node.inventory ? { value: node.inventory.value, year: node.inventory.year, source: node.inventory.source } : null,
    snapshot: snap ? { year: snap.year, period: snap.period ?? null, projection: Boolean(snap.projection), metric: snap.metric, basis: snap.basis, source: snap.source, requestedYear: picked!.requestedYear } : null,
    selection: picked?.selection ?? null,
    noData: noDataReason(node, picked !== undefined, picture !== null, attributed, ctx),
    viewpointSharePct: own === null ? null : round(own, 4),
    viewpointListed: named.some((s) => s.domestic),
    foreignSharePct: own === null ? null : round(100 - own, 4),
    unattributedPct: world ? round(Math.max(0, 100 - coverage), 4) : null,
    coveragePct: world ? round(Math.min(100, coverage), 4) : null,
    hhi: h === null ? null : round(h, 2),
    hhiBand: h === null ? null : hhiBand(h),
    effectiveSuppliers: h === null ? null : (() => { const e = effectiveSuppliers(h); return e === null ? null : round(e, 2); })(),
    top,
    suppliers: world ?? [],
    supply: picture?.supply ?? null,
    dependence: computed?.dependence ?? [],
    chokepoints,
    modelledRisk: risk ? round(risk.risk, 2) : null,
    lenses: { weakestLink: null, valueWeighted: null },
    euCrm: ctx.method === 'eu-crm'
      ? nodeCrm(node, attributed ? world : null, attributed ? picture : null, ctx.vp, { countries, criticality: ctx.model.criticality, events: tradeData.events, sector: ctx.sector.id, paths, referenceDate: ctx.referenceDate })
      : null,
  };
}

/** Why a node has no figure, in words a user can act on; null when it has one. */
function noDataReason(node: ChainNode, picked: boolean, supplied: boolean, attributed: boolean, ctx: Ctx): string | null {
  if (supplied && attributed) return null;
  if (supplied && !attributed) return 'no country data: the list attributes nothing to a named supplier';
  const all = node.shares ?? [];
  if (all.length === 0) return node.children.length ? 'no list of its own (see its inputs)' : 'no data';
  if (picked) return null;
  if (ctx.basis && !all.some((x) => x.basis === ctx.basis)) return `no data on the ${ctx.basis} basis`;
  if (all.every((x) => x.projection)) return `only projections (${[...new Set(all.map((x) => x.year))].join(', ')}): pick one with --year`;
  if (ctx.year !== undefined) return `no data for ${ctx.year} or earlier (the data start in ${Math.min(...all.filter((x) => !x.projection).map((x) => x.year))})`;
  return 'no data';
}

/** The stage with the highest value; stages within TIE_EPSILON of it are ties (the upstream one is named). */
function weakest(stages: readonly StageScore[], value: (s: StageScore) => number | null, method: Method): WeakestLink | null {
  let best: StageScore | undefined;
  for (const s of stages) {
    const v = value(s);
    if (v === null) continue;
    if (!best || v > value(best)! + TIE_EPSILON) best = s;
  }
  if (!best) return null;
  const top = value(best)!;
  const ties = stages.filter((s) => s !== best && value(s) !== null && Math.abs(value(s)! - top) <= TIE_EPSILON).map((s) => s.id);
  return { stage: best.id, name: best.name, risk: top, ties, why: explainWeakest(best, method) };
}

/** The numbers that put a stage at the top, in words. */
function explainWeakest(s: StageScore, method: Method): string[] {
  const why: string[] = [];
  if (s.rating && method !== 'eu-crm') why.push(`assessed ${s.rating.value.replace('-', ' ')}${s.rating.inferred ? ' (inferred from wording)' : ''}: "${s.rating.basis}" (rating risk ${s.risk.rating})`);
  const binding = s.binding[0] ? [s, ...s.inputs].find((n) => n.path === s.binding[0]!.path) : undefined;
  if (binding && s.risk.modelled !== null) {
    const at = binding === s ? 'the stage as a whole' : binding.name;
    const tie = s.binding.length > 1 ? ` (tied with ${s.binding.slice(1).map((b) => b.name).join(', ')})` : '';
    why.push(`modelled risk ${s.risk.modelled} (${s.risk.lens}), set by ${at}${tie}`);
    const lead = binding.dependence.find((d) => d.ofImportsPct !== null);
    if (binding.top[0]) why.push(`${binding.name}: top supplier ${binding.top.map((t) => `${t.name} ${t.sharePct}%`).join(', ')} of world supply; HHI ${Math.round(binding.hhi ?? 0)} (${binding.hhiBand})`);
    if (lead) why.push(`largest dependence: ${lead.name}, ${lead.ofImportsPct}% of imports (${lead.measured ? `measured, ${binding.supply?.imports?.source}` : 'estimated from world shares'}; weight ${lead.weight}${lead.events.length ? `, raised by ${lead.events.map((e) => e.id).join(', ')}` : ''})`);
  } else why.push('no share data: the rating alone sets the risk');
  if (s.risk.disagreement) why.push('modelled and rating risk disagree by more than the margin: read both');
  return why;
}
