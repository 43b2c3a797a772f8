// Every input number of one stage's score with its source, and every step of the formula, so a
// reader can redo the score by hand (docs/methodology.md has the same steps in prose).
import type { Model, Sector } from '../data/model.js';
import { round } from './concentration.js';
import { BLEND_MODEL_WEIGHT, DISAGREEMENT_MARGIN, KAPPA } from './params.js';
import type { Method } from './results.js';
import type { ExplainStep, ExplainSupplier, Explanation } from './results-commands.js';
import { scoreSector } from './score.js';
import { wgiScaled } from './stage-risk.js';
import { supplierWeight } from './supplier-risk.js';

const f = (x: number, d = 2): string => String(round(x, d));

export function explainStage(model: Model, sector: Sector, stageId: string, opts: { viewpoint?: string; year?: number; method?: Method } = {}): Explanation {
  const score = scoreSector(model, sector, opts);
  const st = score.stages.find((s) => s.id === stageId);
  const stage = sector.stages.find((s) => s.id === stageId);
  if (!st || !stage) throw new Error(`explainStage: no stage ${stageId} in ${sector.id}`); // callers resolve ids first
  const v = score.viewpoint;
  const countries = model.countries;
  const steps: ExplainStep[] = [];
  const suppliers: ExplainSupplier[] = st.suppliers.map((s) => {
    const w = supplierWeight(countries, v, s.id);
    const frac = s.sharePct / 100;
    const points = s.id === v ? 0 : 100 * (s.kind === 'rest' ? (w.weight * frac) / (1 + KAPPA) : (w.weight * frac * (1 + KAPPA * frac)) / (1 + KAPPA));
    return {
      id: s.id,
      name: s.name,
      kind: s.kind,
      sharePct: s.sharePct,
      stated: s.stated,
      lowPct: s.lowPct,
      highPct: s.highPct,
      weight: round(w.weight, 4),
      weightRule: w.rule,
      // the viewpoint's own row has weight 0, but its WGI still enters the EU CRM sourcing term
      wgi: w.wgi ?? countries.countries.find((c) => c.code === s.id)?.governance?.wgi ?? null,
      governanceSource: countries.countries.find((c) => c.code === s.id)?.governance?.source ?? null,
      allies: w.allies,
      concern: w.concern,
      riskPoints: round(points, 3),
      wgiScaled: s.kind === 'rest' ? null : wgiScaled(countries, s.id),
    };
  });

  if (st.basedOn && st.basedOn !== 'stage') {
    steps.push({ label: 'stage figures', formula: `no share list for the whole stage: the riskiest input sets it (all inputs are needed)`, value: st.basedOn.slice(6) });
    for (const inp of st.inputs) steps.push({ label: `modelled risk of input ${inp.id}`, formula: inp.snapshot ? `${inp.snapshot.year} ${inp.snapshot.metric} by ${inp.snapshot.basis}` : 'no data', value: inp.modelledRisk });
  }
  if (st.snapshot) {
    const own = st.viewpointSharePct ?? 0;
    steps.push({ label: `share of ${v}`, formula: `p_v from the data (0 when ${v} is not listed)`, value: own });
    steps.push({ label: 'foreign share', formula: `100 − ${f(own)}`, value: st.foreignSharePct });
    const named = suppliers.filter((s) => s.kind !== 'rest');
    steps.push({ label: 'HHI', formula: `Σ s² = ${named.map((s) => `${f(s.sharePct, 1)}²`).join(' + ') || '0'} (the unattributed rest adds 0)`, value: st.hhi });
    steps.push({ label: 'HHI band', formula: 'below 1,000 unconcentrated; 1,000-1,800 moderately; above 1,800 highly (2023 Merger Guidelines)', value: st.hhiBand });
    steps.push({ label: 'effective suppliers', formula: `10,000 / ${f(st.hhi ?? 0)}`, value: st.effectiveSuppliers });
    for (const s of suppliers.filter((x) => x.id !== v)) {
      const fr = s.sharePct / 100;
      steps.push({
        label: `risk points from ${s.name}`,
        formula: s.kind === 'rest'
          ? `100 · w · s / (1 + κ) = 100 · ${f(s.weight, 4)} · ${f(fr, 4)} / ${1 + KAPPA}`
          : `100 · w · s · (1 + κ·s) / (1 + κ) = 100 · ${f(s.weight, 4)} · ${f(fr, 4)} · ${f(1 + KAPPA * fr, 4)} / ${1 + KAPPA}`,
        value: s.riskPoints,
      });
    }
    steps.push({ label: 'modelled risk', formula: `Σ risk points (capped 0-100)`, value: st.risk.modelled });
    for (const c of st.chokepoints) {
      steps.push({
        label: c.kind === 'global' ? 'chokepoint (global)' : 'chokepoint (single-country dependence)',
        formula: c.kind === 'global' ? `${c.supplier} holds ${f(c.sharePct)}% ≥ ${c.thresholdPct}% of world supply` : `${c.supplier} holds ${f(c.sharePct)}% > ${c.thresholdPct}% of ${v}'s foreign supply`,
        value: c.sharePct,
      });
    }
  } else steps.push({ label: 'shares', formula: st.noData ?? 'no data', value: null });

  const rating = st.rating && stage.rating ? { ...st.rating, source: stage.rating.source, risk: st.risk.rating! } : null;
  if (rating) steps.push({ label: 'rating risk', formula: `${rating.value} → ${rating.risk} (satisfactory 20, weak 60, very weak 90)`, value: rating.risk });
  else steps.push({ label: 'rating risk', formula: sector.assessor === v ? 'no rating in the data' : `the ratings are ${sector.assessor ?? 'nobody'}'s self-assessment; not used from ${v}'s viewpoint`, value: null });
  steps.push({
    label: 'blended risk',
    formula: st.risk.modelled !== null && st.risk.rating !== null
      ? `${BLEND_MODEL_WEIGHT} · ${f(st.risk.modelled)} + ${1 - BLEND_MODEL_WEIGHT} · ${st.risk.rating}`
      : 'the one of modelled and rating risk that exists',
    value: st.risk.blended,
  });
  if (st.risk.modelled !== null && st.risk.rating !== null) {
    steps.push({ label: 'disagreement', formula: `|${f(st.risk.modelled)} − ${st.risk.rating}| > ${DISAGREEMENT_MARGIN}?`, value: st.risk.disagreement ? 'yes' : 'no' });
  }
  const crm = st.risk.euCrm;
  if (crm) {
    const named = suppliers.filter((s) => s.kind !== 'rest');
    steps.push({ label: 'EU CRM: HHI_WGI global', formula: `Σ s² · WGI = ${named.map((s) => `${f(s.sharePct / 100, 4)}² · ${f(s.wgiScaled ?? 5)}`).join(' + ')}`, value: crm.hhiWgiGlobal });
    steps.push({ label: 'EU CRM: import reliance IR', formula: crm.defaults.some((d) => d.startsWith('import')) ? `1 − ${f((st.viewpointSharePct ?? 0) / 100, 4)} (default)` : 'from the data', value: crm.importReliance });
    steps.push({ label: 'EU CRM: HHI_WGI of sourcing', formula: 'own production (1 − IR) plus imports IR pro rata to the other suppliers', value: crm.hhiWgiSourcing });
    steps.push({
      label: 'EU CRM: SR',
      formula: `[${f(crm.hhiWgiGlobal, 3)} · ${f(crm.importReliance, 4)}/2 + ${f(crm.hhiWgiSourcing, 3)} · (1 − ${f(crm.importReliance, 4)}/2)] · (1 − ${crm.recyclingInputRate}) · ${crm.substitutionIndex}`,
      value: crm.sr,
    });
  }
  const src = st.snapshot ? sector.sources.find((s) => s.id === st.snapshot!.source) : undefined;
  return {
    sector: sector.id,
    stage: st.id,
    name: st.name,
    viewpoint: v,
    method: score.method,
    year: score.year,
    basedOn: st.basedOn,
    source: src ? { ...src, used: 'shares' } : null,
    rating,
    suppliers,
    steps,
    parameters: {
      kappa: KAPPA,
      blendModelWeight: BLEND_MODEL_WEIGHT,
      disagreementMargin: DISAGREEMENT_MARGIN,
      allyFactor: countries.supplierRisk.allyFactor,
      concernWeight: countries.supplierRisk.concernWeight,
      unknownWeight: countries.supplierRisk.unknownWeight,
      allyGroups: countries.supplierRisk.allyGroups,
    },
    score: st,
  };
}
