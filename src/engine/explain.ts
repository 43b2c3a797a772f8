// Every input number of one node's score with its source, and every step of the formula, so a
// reader can redo the score by hand (docs/methodology.md has the same steps in prose). Read from
// the chain evaluation, like every other command.
import type { Model, Sector } from '../data/model.js';
import { findCountry } from '../data/lookup.js';
import { round } from './concentration.js';
import { evaluateChain, type EvaluateOptions } from './evaluate.js';
import { BLEND_MODEL_WEIGHT, COMPLETE_COVERAGE_PCT, DISAGREEMENT_MARGIN, EVENT_FADE_YEARS, EVENT_UPLIFT, KAPPA, SELECTION_WINDOW_YEARS } from './params.js';
import type { NodeScore, StageScore } from './results.js';
import type { ExplainStep, ExplainSupplier, Explanation } from './results-commands.js';
import { riskPoints, wgiScaled } from './stage-risk.js';
import { supplierWeight } from './supplier-risk.js';
import { viewpointOf } from './viewpoint.js';

const f = (x: number, d = 2): string => String(round(x, d));

/** Explain one node: `path` is a stage id or `stage/input` (callers resolve it first). */
export function explainNode(model: Model, sector: Sector, path: string, opts: Pick<EvaluateOptions, 'viewpoint' | 'year' | 'method' | 'lens' | 'basis'> = {}): Explanation {
  const score = evaluateChain(model, sector, opts);
  const stageId = path.split('/')[0]!;
  const st = score.stages.find((s) => s.id === stageId);
  const node = st ? [st, ...st.inputs].find((n) => n.path === path) : undefined;
  const stage = sector.stages.find((s) => s.id === stageId);
  if (!st || !node || !stage) throw new Error(`explainNode: no node ${path} in ${sector.id}`); // callers resolve paths first
  const countries = model.countries;
  const vp = viewpointOf(countries, score.viewpoint);
  const v = score.viewpoint;
  const steps: ExplainStep[] = [];
  const F = (node.supply?.foreignPct ?? 0) / 100;

  // Every supplier of the world list and every partner of the imports, once.
  const dep = new Map(node.dependence.map((d) => [d.partner, d]));
  const ids = [...node.suppliers.map((s) => s.id), ...node.dependence.map((d) => d.partner).filter((p) => !node.suppliers.some((s) => s.id === p))];
  // The unattributed part of the imports carries risk points even when the world list (or the
  // lack of one) has no unattributed rest: an import list that names part of the imports.
  if ((node.supply?.unattributedPct ?? 0) > 0 && !ids.includes('rest')) ids.push('rest');
  const suppliers: ExplainSupplier[] = ids.map((id) => {
    const s = node.suppliers.find((x) => x.id === id);
    const d = dep.get(id);
    const w = supplierWeight(countries, vp, id);
    const rest = id === 'rest';
    const restShare = rest && node.supply ? (F * (node.supply.unattributedPct ?? 0)) / 100 : 0;
    return {
      id,
      name: s?.name ?? d?.name ?? (rest ? 'Rest of world (unattributed)' : id),
      kind: s?.kind ?? (rest ? 'rest' : findCountry(countries, id) ? 'country' : 'region'),
      domestic: s?.domestic ?? false,
      sharePct: s?.sharePct ?? null,
      stated: s?.stated ?? null,
      lowPct: s?.lowPct ?? null,
      highPct: s?.highPct ?? null,
      ofImportsPct: d?.ofImportsPct ?? (rest ? (node.supply?.unattributedPct ?? null) : null),
      ofSupplyPct: d?.ofSupplyPct ?? (rest && node.supply ? round(100 * restShare, 2) : null),
      measured: d?.measured ?? node.supply?.measured ?? false,
      weight: d?.weight ?? round(rest ? countries.supplierRisk.unknownWeight : w.weight, 4),
      baseWeight: d?.baseWeight ?? round(rest ? countries.supplierRisk.unknownWeight : w.weight, 4),
      weightRule: rest ? 'unattributed: unknownWeight' : w.rule,
      // the viewpoint's own row has weight 0, but its WGI still enters the EU CRM sourcing term
      wgi: findCountry(countries, id)?.governance?.wgi ?? null,
      governanceSource: findCountry(countries, id)?.governance?.source ?? null,
      allies: w.allies,
      concern: w.concern,
      events: d?.events ?? [],
      riskPoints: d ? d.contribution : rest && node.supply ? round(riskPoints(countries.supplierRisk.unknownWeight, restShare, true), 3) : 0,
      wgiScaled: rest ? null : wgiScaled(countries, id),
    };
  });

  if (node.selection && node.snapshot) {
    steps.push({ label: 'world list', formula: `${node.snapshot.year} ${node.snapshot.metric} by ${node.snapshot.basis}: ${node.selection.reason}`, value: node.snapshot.source });
    const named = node.suppliers.filter((s) => s.kind !== 'rest' && s.sharePct !== null);
    steps.push({ label: `share of ${v}`, formula: vp.kind === 'region' ? `Σ p over ${v}'s members in the list` : `p_v from the data (0 when ${v} is not listed)`, value: node.viewpointSharePct });
    steps.push({ label: 'HHI', formula: `Σ s² = ${named.map((s) => `${f(s.sharePct!, 1)}²`).join(' + ') || '0'} (the unattributed rest adds 0)`, value: node.hhi });
    steps.push({ label: 'HHI band', formula: 'below 1,000 unconcentrated; 1,000-1,800 moderately; above 1,800 highly (2023 Merger Guidelines)', value: node.hhiBand });
    steps.push({ label: 'effective suppliers', formula: `10,000 / ${f(node.hhi ?? 0)}`, value: node.effectiveSuppliers });
  } else steps.push({ label: 'world list', formula: node.noData ?? 'none for this node', value: null });

  if (node.supply) {
    const sp = node.supply;
    const fromText = {
      'net-import-reliance': `net import reliance ${sp.reliance?.stated ?? sp.reliance?.percent}% (${sp.reliance?.year}, ${sp.reliance?.source})`,
      demand: `1 − own share of world supply / own share of world demand (the stage's demand list; no net import reliance in the data)`,
      'world-share': `100 − ${f(node.viewpointSharePct ?? 0)} (own share of world supply; no net import reliance in the data)`,
      'supply-list': 'from the sourcing list, which includes domestic supply',
      assumed: 'assumed 100: no world list and no net import reliance',
    }[sp.foreignFrom ?? 'assumed'];
    steps.push({ label: 'foreign share of supply F', formula: fromText, value: sp.foreignPct });
    steps.push({
      label: 'partner shares of imports',
      formula: sp.measured && sp.imports
        ? `measured: ${sp.imports.product ?? 'imports'} ${sp.imports.period ? `${sp.imports.period.from}-${sp.imports.period.to}` : sp.imports.year}${sp.imports.partial ? ' (part of the year)' : ''}, by ${sp.imports.measure}${sp.imports.hs.length ? `, HS ${sp.imports.hs.join(', ')}` : ''} (${sp.imports.source})`
        : 'estimated: p_c / (100 − p_v), the other suppliers in proportion to their world shares (no import data)',
      value: sp.measured ? 'measured' : 'estimated',
    });
    for (const s of suppliers.filter((x) => !x.domestic && (x.ofSupplyPct !== null || x.id === 'rest'))) {
      const fr = (s.ofSupplyPct ?? 0) / 100;
      const ev = s.events.filter((e) => e.uplift > 0);
      steps.push({
        label: `risk points from ${s.name}`,
        formula: s.kind === 'rest'
          ? `100 · w · s / (1 + κ) = 100 · ${f(s.weight, 4)} · ${f(fr, 4)} / ${1 + KAPPA}`
          : `100 · w · s · (1 + κ·s) / (1 + κ) = 100 · ${f(s.weight, 4)} · ${f(fr, 4)} · ${f(1 + KAPPA * fr, 4)} / ${1 + KAPPA}${ev.length ? `; w = ${f(s.baseWeight, 4)} + (1 − ${f(s.baseWeight, 4)}) · ${ev.map((e) => e.uplift).reduce((a, b) => Math.max(a, b), 0)} (${ev.map((e) => e.id).join(', ')})` : ''}`,
        value: s.riskPoints,
      });
    }
    steps.push({ label: 'modelled risk of the node\'s own supply', formula: 'Σ risk points (capped 0-100)', value: node.modelledRisk });
  }
  for (const s of suppliers) {
    for (const e of s.events) {
      steps.push({
        label: `export restriction ${e.id}`,
        formula: `${e.imposedBy} ${e.kind} on ${e.products}, imposed ${e.imposed}${e.lifted ? `, lifted ${e.lifted}` : ''}: ${e.inForce ? 'in force' : e.uplift > 0 ? `lifted, fading over ${EVENT_FADE_YEARS} years` : 'no longer weighs'} at ${score.referenceDate} (${e.source})`,
        value: e.uplift,
      });
    }
  }
  for (const c of node.chokepoints) {
    steps.push({
      label: c.kind === 'global' ? 'chokepoint (global)' : 'chokepoint (single-country dependence)',
      formula: c.kind === 'global'
        ? `${c.supplier} holds ${f(c.sharePct)}% ≥ ${c.thresholdPct}% of world supply`
        : `${c.supplier} holds ${f(c.sharePct)}% > ${c.thresholdPct}% of ${v}'s imports (${c.measured ? 'measured' : 'estimated'})`,
      value: c.sharePct,
    });
  }

  const children = [st, ...st.inputs].filter((n) => n.parent === node.path).map((c) => ({
    path: c.path,
    name: c.name,
    essential: c.essential,
    risk: c.lenses.weakestLink?.risk ?? null,
    value: c.value?.millions ?? null,
    currency: c.value?.currency ?? null,
  }));
  if (node.lenses.weakestLink) {
    steps.push({ label: 'weakest-link lens', formula: `max over the essential children and the node's own list (which steps aside for children that are kinds of it): ${node.lenses.weakestLink.binding.join(', ')}`, value: round(node.lenses.weakestLink.risk, 2) });
  }
  if (node.lenses.valueWeighted) {
    const vw = node.lenses.valueWeighted;
    steps.push({ label: 'value-weighted lens', formula: `Σ value · risk / Σ value over children with values (${f(vw.coveragePct)}% of the value)${vw.unvalued.length ? `; without values: ${vw.unvalued.join(', ')}` : ''}`, value: round(vw.risk, 2) });
  }

  const isStage = node.depth === 0;
  const rating = isStage && st.rating && stage.rating ? { ...st.rating, source: stage.rating.source, risk: st.risk.rating! } : null;
  if (isStage) {
    steps.push({ label: 'stage modelled risk', formula: `the ${st.risk.lens} lens at the stage${st.risk.lens !== score.lens ? ` (no values: ${score.lens} falls back to it)` : ''}`, value: st.risk.modelled });
    if (rating) steps.push({ label: 'rating risk', formula: `${rating.value} → ${rating.risk} (satisfactory 20, weak 60, very weak 90)`, value: rating.risk });
    else steps.push({ label: 'rating risk', formula: sector.assessor === v ? 'no rating in the data' : `the ratings are ${sector.assessor ?? 'nobody'}'s self-assessment; not used from ${v}'s viewpoint`, value: null });
    steps.push({
      label: 'blended risk',
      formula: st.risk.modelled !== null && st.risk.rating !== null ? `${BLEND_MODEL_WEIGHT} · ${f(st.risk.modelled)} + ${1 - BLEND_MODEL_WEIGHT} · ${st.risk.rating}` : 'the one of modelled and rating risk that exists',
      value: st.risk.blended,
    });
    if (st.risk.modelled !== null && st.risk.rating !== null) {
      steps.push({ label: 'disagreement', formula: `|${f(st.risk.modelled)} − ${st.risk.rating}| > ${DISAGREEMENT_MARGIN}?`, value: st.risk.disagreement ? 'yes' : 'no' });
    }
  }
  const crm = node.euCrm;
  if (crm) {
    const st = crm.stage;
    const terms = (c: NonNullable<typeof st.global>) => c.terms.map((x) => `${f(x.sharePct / 100, 4)}² · ${f(x.wgiScaled, 3)}${x.t !== 1 ? ` · ${x.t}` : ''}`).join(' + ') || '0';
    const from = crm.basis === 'commission'
      ? `the Commission's own inputs, ${crm.material} ${crm.edition} (${crm.source})`
      : `scsr's data from ${v}'s viewpoint${crm.edition ? `; EoL-RIR and SI_SR from the ${crm.edition} assessment of ${crm.material} (${crm.source})` : ''}`;
    steps.push({ label: 'EU CRM: inputs', formula: `${from}; supply data ${st.supplyData}${st.stage ? `, ${st.stage} stage` : ''}`, value: crm.basis });
    if (st.global) steps.push({ label: 'EU CRM: HHI_WGI,t global supply', formula: `Σ s² · WGI* · t = ${terms(st.global)}`, value: round(st.global.value, 4) });
    if (st.sourcing) steps.push({ label: 'EU CRM: HHI_WGI,t sourcing', formula: `Σ s² · WGI* · t = ${terms(st.sourcing)}`, value: round(st.sourcing.value, 4) });
    if (st.importReliance !== null) steps.push({ label: 'EU CRM: import reliance IR', formula: crm.basis === 'commission' ? 'as published' : `F, the foreign share of ${v}'s supply`, value: round(st.importReliance, 4) });
    steps.push({
      label: 'EU CRM: concentration term',
      formula: `${f(st.weightGlobal, 4)} · HHI_GS + ${f(st.weightSourcing, 4)} · HHI_EU (weights IR/2 and 1 − IR/2 for GS+EU; 1/0 for GS; 0/1 for EU)`,
      value: round(st.concentration, 4),
    });
    steps.push({ label: 'EU CRM: SR', formula: `${f(st.concentration, 4)} · (1 − EoL-RIR ${f(st.eolRir, 3)}) · SI_SR ${f(st.siSr, 3)}`, value: round(st.sr, 4) });
    steps.push({ label: 'EU CRM: SR as published (one decimal)', formula: crm.published !== null ? `published ${crm.published}` : 'round to one decimal', value: st.srRounded });
    for (const d of crm.defaults) steps.push({ label: 'EU CRM: default', formula: d, value: null });
  }
  const worldSrc = node.snapshot ? sector.sources.find((s) => s.id === node.snapshot!.source) : undefined;
  const importSrc = node.supply?.imports ? model.trade.sources.find((s) => s.id === node.supply!.imports!.source) : undefined;
  return {
    sector: sector.id,
    stage: st.id,
    node: node.path,
    name: node.name,
    viewpoint: v,
    method: score.method,
    lens: score.lens,
    year: score.year,
    referenceDate: score.referenceDate,
    source: worldSrc ? { ...worldSrc, used: 'world shares' } : null,
    importSource: importSrc ? { ...importSrc, used: 'import shares' } : null,
    rating,
    suppliers,
    children,
    steps,
    parameters: {
      kappa: KAPPA,
      blendModelWeight: BLEND_MODEL_WEIGHT,
      disagreementMargin: DISAGREEMENT_MARGIN,
      allyFactor: countries.supplierRisk.allyFactor,
      concernWeight: countries.supplierRisk.concernWeight,
      unknownWeight: countries.supplierRisk.unknownWeight,
      allyGroups: countries.supplierRisk.allyGroups,
      completeCoveragePct: COMPLETE_COVERAGE_PCT,
      selectionWindowYears: SELECTION_WINDOW_YEARS,
      eventUpliftBan: EVENT_UPLIFT.ban,
      eventUpliftLicence: EVENT_UPLIFT.licence,
      eventUpliftQuota: EVENT_UPLIFT.quota,
      eventUpliftTax: EVENT_UPLIFT.tax,
      eventFadeYears: EVENT_FADE_YEARS,
    },
    score: plainNode(node),
    stageRisk: st.risk,
  };
}

/** A node's own figures: a stage without its stage-only fields (its inputs are explained one by one). */
function plainNode(n: NodeScore | StageScore): NodeScore {
  if (!('order' in n)) return n;
  const { order, rating, risk, binding, inputs, ...own } = n;
  return own;
}

/** @deprecated v1 name: explain a stage. */
export const explainStage = (model: Model, sector: Sector, stageId: string, opts: Pick<EvaluateOptions, 'viewpoint' | 'year' | 'method' | 'lens' | 'basis'> = {}): Explanation =>
  explainNode(model, sector, stageId, opts);
