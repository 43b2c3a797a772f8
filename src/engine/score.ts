// Score a sector from a viewpoint: every stage and input, then the chain (weakest link,
// resilience, exposures). Pure: model in, result object out.
import type { CountriesData, Model, Sector, Snapshot, Stage } from '../data/model.js';
import { compareIds, effectiveSuppliers, globalChokepoints, hhi, hhiBand, round, suppliersOf } from './concentration.js';
import { CHOKEPOINT_THRESHOLD_PCT, SINGLE_COUNTRY_LINE_PCT } from './params.js';
import type { Exposure, ItemScore, Method, SectorScore, StageScore, WeakestLink } from './results.js';
import { pickSnapshot } from './snapshot.js';
import { blend, disagrees, euCrm, modelledRisk, ratingRisk } from './stage-risk.js';

export interface ScoreOptions {
  /** Country code of the viewpoint; default: the sector's assessor. */
  viewpoint?: string;
  method?: Method;
  year?: number;
  /** Read every share list on this basis (location, headquarters, ownership); default: location where it exists. */
  basis?: string;
  thresholdPct?: number;
}

/** The viewpoint a sector is scored from by default: its assessor, else the United States. */
export function defaultViewpoint(sector: Sector): string {
  return sector.assessor ?? 'us';
}

export function scoreItem(
  id: string,
  name: string,
  snapshots: readonly Snapshot[] | undefined,
  viewpoint: string,
  countries: CountriesData,
  opts: { year?: number; basis?: string; thresholdPct: number },
): ItemScore {
  const picked = pickSnapshot(snapshots, opts.year, opts.basis);
  if (!picked) {
    return {
      id, name, snapshot: null,
      noData: noDataReason(snapshots, opts),
      viewpointSharePct: null, viewpointListed: false, foreignSharePct: null, unattributedPct: null, hhi: null, hhiBand: null,
      effectiveSuppliers: null, top: null, suppliers: [], chokepoints: [], dependence: [], modelledRisk: null,
    };
  }
  const snap = picked.snapshot;
  const suppliers = suppliersOf(snap, countries);
  const named = suppliers.filter((s) => s.kind !== 'rest');
  const h = hhi(named.map((s) => s.sharePct));
  const own = suppliers.find((s) => s.id === viewpoint)?.sharePct ?? 0;
  const { risk, dependence } = modelledRisk(suppliers, viewpoint, countries);
  const single = dependence
    .filter((d) => d.ofForeignPct > SINGLE_COUNTRY_LINE_PCT && named.find((s) => s.id === d.partner)?.kind === 'country')
    .map((d) => ({ kind: 'single-country' as const, supplier: d.partner, sharePct: d.ofForeignPct, thresholdPct: SINGLE_COUNTRY_LINE_PCT }));
  return {
    id,
    name,
    snapshot: {
      year: snap.year,
      projection: Boolean(snap.projection),
      metric: snap.metric,
      basis: snap.basis,
      source: snap.source,
      requestedYear: picked.requestedYear,
    },
    noData: null,
    viewpointSharePct: own,
    viewpointListed: suppliers.some((s) => s.id === viewpoint),
    foreignSharePct: round(100 - own, 4),
    unattributedPct: suppliers.find((s) => s.kind === 'rest')?.sharePct ?? 0,
    hhi: round(h, 2),
    hhiBand: hhiBand(h),
    effectiveSuppliers: effectiveSuppliers(h) === null ? null : round(effectiveSuppliers(h)!, 2),
    top: named[0] ?? null,
    suppliers,
    chokepoints: [...globalChokepoints(suppliers, opts.thresholdPct), ...single],
    dependence,
    modelledRisk: round(risk, 2),
  };
}

/** Why no snapshot was picked, in words a user can act on. */
function noDataReason(snapshots: readonly Snapshot[] | undefined, opts: { year?: number; basis?: string }): string {
  if (!snapshots || snapshots.length === 0) return 'no data';
  if (opts.basis && !snapshots.some((x) => x.basis === opts.basis)) return `no data on the ${opts.basis} basis`;
  if (snapshots.every((x) => x.projection)) return `only projections (${[...new Set(snapshots.map((x) => x.year))].join(', ')}): pick one with --year`;
  if (opts.year !== undefined) return `no data for ${opts.year} or earlier (the data start in ${Math.min(...snapshots.filter((x) => !x.projection).map((x) => x.year))})`;
  return 'no data';
}

function scoreStage(stage: Stage, order: number, sector: Sector, countries: CountriesData, viewpoint: string, method: Method, opts: { year?: number; basis?: string; thresholdPct: number }): StageScore {
  const own = scoreItem(stage.id, stage.name, stage.shares, viewpoint, countries, opts);
  const inputs = (stage.inputs ?? []).map((inp) => scoreItem(inp.id, inp.name, inp.shares, viewpoint, countries, opts));
  // A stage without its own share list is as risky as its riskiest input (all inputs are needed).
  let base: ItemScore = own;
  let basedOn: string | null = own.modelledRisk !== null ? 'stage' : null;
  if (own.modelledRisk === null) {
    // "Riskiest" under the method asked for: the EU CRM ranks inputs by SR, the others by modelled risk.
    const crmOf = new Map(method === 'eu-crm' ? inputs.filter((x) => x.snapshot).map((x) => [x.id, euCrm(x.suppliers, viewpoint, undefined, countries).sr]) : []);
    const key = (x: ItemScore): number => (method === 'eu-crm' ? crmOf.get(x.id)! : x.modelledRisk!);
    const scored = inputs.filter((x) => x.modelledRisk !== null);
    const riskiest = scored.sort((a, b) => key(b) - key(a) || compareIds(a.id, b.id))[0];
    if (riskiest) {
      base = riskiest;
      basedOn = `input:${riskiest.id}`;
    }
  }
  const isAssessor = sector.assessor !== undefined && sector.assessor === viewpoint;
  const rating = isAssessor && stage.rating ? ratingRisk(stage.rating.value) : null;
  const modelled = base.modelledRisk;
  const blended = blend(modelled, rating);
  // The viewpoint's share of world demand, where the data give one, sets its import reliance (EU CRM).
  const demand = basedOn === 'stage' ? pickSnapshot(stage.demand, opts.year)?.snapshot.values.find((v) => v.country === viewpoint)?.share : undefined;
  const demandPct = typeof demand === 'number' ? demand : undefined;
  const crm = base.snapshot ? euCrm(base.suppliers, viewpoint, stage, countries, demandPct) : null;
  const value = method === 'blended' ? blended : method === 'rating' ? rating : crm ? crm.sr : null;
  return {
    ...base,
    id: stage.id,
    name: stage.name,
    order,
    rating: isAssessor && stage.rating ? { value: stage.rating.value, inferred: stage.rating.inferred, basis: stage.rating.basis } : null,
    risk: {
      method,
      value: value === null ? null : round(value, method === 'eu-crm' ? 3 : 2),
      modelled,
      rating,
      blended: blended === null ? null : round(blended, 2),
      disagreement: disagrees(modelled, rating),
      euCrm: crm,
    },
    basedOn,
    inputs,
    noData: base.noData,
  };
}

export function scoreSector(model: Model, sector: Sector, options: ScoreOptions = {}): SectorScore {
  const viewpoint = options.viewpoint ?? defaultViewpoint(sector);
  const method = options.method ?? 'blended';
  const thresholdPct = options.thresholdPct ?? CHOKEPOINT_THRESHOLD_PCT;
  const opts = { thresholdPct, ...(options.year !== undefined ? { year: options.year } : {}), ...(options.basis ? { basis: options.basis } : {}) };
  const stages = sector.stages.map((st, i) => scoreStage(st, i + 1, sector, model.countries, viewpoint, method, opts));
  const weakestLink = weakest(stages, (s) => s.risk.value, method);
  const modelledWeakestLink = weakest(stages, (s) => s.risk.modelled, 'blended');
  const scale100 = method !== 'eu-crm';
  const values = stages.map((s) => s.risk.value).filter((v): v is number => v !== null);
  return {
    sector: sector.id,
    name: sector.name,
    viewpoint,
    assessor: sector.assessor ?? null,
    method,
    year: options.year ?? null,
    basis: options.basis ?? null,
    thresholdPct,
    stages,
    weakestLink,
    modelledWeakestLink,
    resilience: scale100 && weakestLink ? round(100 - weakestLink.risk, 2) : null,
    meanRisk: values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, method === 'eu-crm' ? 3 : 2) : null,
    exposures: exposures(stages),
  };
}

function weakest(stages: readonly StageScore[], value: (s: StageScore) => number | null, method: Method): WeakestLink | null {
  let best: StageScore | undefined;
  for (const s of stages) {
    const v = value(s);
    if (v === null) continue;
    if (!best || v > value(best)!) best = s; // ties: the earlier stage (upstream) wins
  }
  if (!best) return null;
  return { stage: best.id, name: best.name, risk: value(best)!, why: explainWeakest(best, method) };
}

/** The numbers that put a stage at the top, in words. */
function explainWeakest(s: StageScore, method: Method): string[] {
  const why: string[] = [];
  if (s.rating && method !== 'eu-crm') why.push(`assessed ${s.rating.value.replace('-', ' ')}${s.rating.inferred ? ' (inferred from wording)' : ''}: "${s.rating.basis}" (rating risk ${s.risk.rating})`);
  if (s.snapshot) {
    const from = s.basedOn && s.basedOn !== 'stage' ? ` (input ${s.basedOn.slice(6)})` : '';
    why.push(`modelled risk ${s.risk.modelled}${from}: viewpoint holds ${s.viewpointSharePct}% of world supply, ${s.foreignSharePct}% is foreign`);
    if (s.top) why.push(`top supplier ${s.top.name} ${s.top.sharePct}%; HHI ${Math.round(s.hhi!)} (${s.hhiBand})`);
    const lead = s.dependence[0];
    if (lead) why.push(`largest dependence: ${lead.name}, ${lead.ofForeignPct}% of foreign supply (weight ${lead.weight})`);
  } else why.push('no share data: the rating alone sets the risk');
  if (method === 'eu-crm' && s.risk.euCrm) why.push(`EU CRM SR ${s.risk.euCrm.sr}${s.risk.euCrm.critical ? ' (critical, SR ≥ 1)' : ''}`);
  if (s.risk.disagreement) why.push('modelled and rating risk disagree by more than the margin: read both');
  return why;
}

/** Exposure of the viewpoint to each partner, per stage and overall (docs/methodology.md#exposure). */
export function exposures(stages: readonly StageScore[]): Exposure[] {
  const byPartner = new Map<string, Exposure>();
  for (const s of stages) {
    if (!s.snapshot) continue;
    for (const d of s.dependence) {
      let e = byPartner.get(d.partner);
      if (!e) {
        e = { partner: d.partner, name: d.name, byStage: [], maxPct: 0, maxStage: s.id, weightedMeanPct: 0 };
        byPartner.set(d.partner, e);
      }
      e.byStage.push({ stage: s.id, ofForeignPct: d.ofForeignPct, sharePct: d.sharePct });
      if (d.ofForeignPct > e.maxPct) {
        e.maxPct = d.ofForeignPct;
        e.maxStage = s.id;
      }
    }
  }
  // Weighted mean over every stage with data, weights = the viewpoint's foreign share there;
  // a partner absent from a stage counts 0 there.
  const scored = stages.filter((s) => s.snapshot && (s.foreignSharePct ?? 0) > 0);
  const totalWeight = scored.reduce((a, s) => a + s.foreignSharePct!, 0);
  const weightOf = new Map(scored.map((s) => [s.id, s.foreignSharePct!]));
  for (const e of byPartner.values()) {
    // byStage is in stage order, as scored is: the same terms in the same order (an absent
    // stage's term is 0 and adding it changes nothing), without a search per stage.
    let sum = 0;
    for (const b of e.byStage) {
      const weight = weightOf.get(b.stage);
      if (weight !== undefined) sum += weight * b.ofForeignPct;
    }
    e.weightedMeanPct = totalWeight > 0 ? round(sum / totalWeight, 2) : 0;
  }
  return [...byPartner.values()].sort((a, b) => b.maxPct - a.maxPct || b.weightedMeanPct - a.weightedMeanPct || compareIds(a.partner, b.partner));
}
