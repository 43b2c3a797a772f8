// The EU CRM method on the chain (docs/eu-crm.md, docs/methodology.md#eu-crm): a node's supply
// risk SR, and each raw material's SR as the higher of its stages, with EI and criticality
// where the Commission's assessment is in the data.
// - From the EU viewpoint, a node the Commission assessed is scored on the Commission's own
//   inputs (its global and EU sourcing lists, t, IR, EoL-RIR, SI_SR, supply-data choice), so the
//   published SR is reproduced (basis `commission`).
// - Otherwise (another viewpoint, or a node without an assessment) the same formula runs on
//   scsr's data: the node's world list, the viewpoint's supply (measured imports or pro rata),
//   IR = its foreign share, WGI from countries.yaml rescaled as the Commission does; EoL-RIR and
//   SI_SR from the material's assessment when there is one (properties of the material), else 0
//   and 1, listed as defaults (basis `scsr`).
import { materialInput, tradeRuleOf, editionOf, assessmentsForNode } from '../data/crm-model.js';
import type { CountriesData, CriticalityFile, TradeEvent } from '../data/model.js';
import type { CrmAssessment, CrmStageData } from '../data/schema-crm.js';
import { compareIds, round } from './concentration.js';
import { assessMaterial, roundPublished, stageSupplyRisk, tradeFactor } from './eu-crm.js';
import { eventsAt } from './events.js';
import type { CrmMaterialResult, CrmStageInput, CrmSupplierInput, TradeFactor } from './results-crm.js';
import type { MaterialCrm, NodeCrm, NodeScore, SupplierShare } from './results.js';
import { wgiScaled } from './stage-risk.js';
import type { SupplyPicture } from './supply.js';
import type { Viewpoint } from './viewpoint.js';

/** SR at or above this is the Commission's supply-risk line (every edition). */
const SR_LINE = 1;

interface Found {
  file: CriticalityFile;
  assessment: CrmAssessment;
  stage: CrmStageData;
}

/** The newest assessment of the node, later files first (a user file overrides the built-in one). */
export function assessmentOf(files: readonly CriticalityFile[], node: string): Found | undefined {
  for (let i = files.length - 1; i >= 0; i--) {
    const hit = assessmentsForNode(files[i]!, node)[0];
    if (hit) return { file: files[i]!, ...hit };
  }
  return undefined;
}

export interface CrmContext {
  countries: CountriesData;
  criticality: readonly CriticalityFile[];
  events: readonly TradeEvent[];
  sector: string;
  paths: readonly string[];
  referenceDate: string;
}

/** The node's EU CRM supply risk; null without data to compute it on. */
export function nodeCrm(node: { path: string; material: string | null }, world: readonly SupplierShare[] | null, picture: SupplyPicture | null, vp: Viewpoint, ctx: CrmContext): NodeCrm | null {
  const found = assessmentOf(ctx.criticality, `${ctx.sector}/${node.path}`);
  if (found && vp.id === 'eu') {
    const input = materialInput(found.file, found.assessment).stages.find((s) => s.stage === found.stage.stage)!;
    const stage = stageSupplyRisk(input);
    return {
      basis: 'commission',
      material: found.assessment.material,
      edition: found.assessment.edition,
      source: found.stage.published?.source ?? found.assessment.published.source,
      stage,
      critical: roundPublished(stage.sr) >= SR_LINE,
      published: found.stage.published?.sr ?? null,
      tradeFactors: input.global
        ? [...input.global, ...(input.sourcing ?? [])].filter((s) => s.t !== 1).map((s) => ({ country: s.country, t: s.t, basis: 'published', restrictionsInForce: [], unresolved: [] }))
        : [],
      defaults: [],
    };
  }
  if (!world || !picture) return null;
  const defaults: string[] = [];
  const scaled = (id: string): number => {
    const w = wgiScaled(ctx.countries, id);
    if (w !== null) return w;
    defaults.push(`WGI of ${id}: 5, the middle of the scale (no data)`);
    return 5;
  };
  defaults.push('WGI: countries.yaml (World Bank WGI mean) rescaled 5 − 2·WGI, not the Commission\'s table');
  const edition = found ? editionOf(found.file, found.assessment) : undefined;
  const rule = edition ? tradeRuleOf(edition) : null;
  const factors = new Map<string, TradeFactor>();
  const t = (id: string): number => {
    let f = factors.get(id);
    if (!f) {
      const restrictions = eventsAt(ctx.events, vp, id, ctx.sector, ctx.paths, ctx.referenceDate).map((e) => ({ id: e.id, kind: e.kind as TradeEvent['kind'], inForce: e.inForce }));
      f = tradeFactor({ country: id, euMember: vp.id === 'eu' && vp.members.has(id), ftaPartner: false, restrictions, published: null, override: null }, rule);
      factors.set(id, f);
    }
    return f.t;
  };
  const global: CrmSupplierInput[] = world
    .filter((s) => s.kind !== 'rest' && s.sharePct !== null)
    .map((s) => ({ country: s.id, sharePct: s.sharePct!, wgiScaled: scaled(s.id), t: t(s.id) }));
  // Sourcing: domestic supply split among the domestic suppliers of the world list, then the imports.
  const ir = picture.foreign;
  const domestic = world.filter((s) => s.domestic && s.sharePct !== null && s.sharePct > 0);
  const ownPct = domestic.reduce((a, s) => a + s.sharePct!, 0);
  const sourcing: CrmSupplierInput[] = [];
  if (ir < 1) {
    if (ownPct > 0) for (const d of domestic) sourcing.push({ country: d.id, sharePct: (100 * (1 - ir) * d.sharePct!) / ownPct, wgiScaled: scaled(d.id), t: t(d.id) });
    else sourcing.push({ country: vp.id, sharePct: 100 * (1 - ir), wgiScaled: scaled(vp.id), t: 1 });
  }
  for (const p of picture.partners) if (p.ofImportsPct !== null) sourcing.push({ country: p.id, sharePct: ir * p.ofImportsPct, wgiScaled: scaled(p.id), t: t(p.id) });
  if (picture.supply.foreignFrom === 'world-share') defaults.push('import reliance: 1 − viewpoint share of world supply (no trade data)');
  if (picture.supply.foreignFrom === 'assumed') defaults.push('import reliance: 1 (no data on domestic supply)');
  if (picture.supply.foreignFrom === 'demand') defaults.push('import reliance: 1 − supply share / demand share (no trade data)');
  if (!picture.supply.measured) defaults.push('sourcing: imports pro rata to world shares (no import data)');
  const eolRir = found ? found.stage.eolRir.percent / 100 : 0;
  const siSr = found ? found.stage.siSr.value : 1;
  if (!found) defaults.push('EoL-RIR: 0 (no data)', 'SI_SR: 1, no substitute (no data)');
  const unresolved = [...factors.values()].flatMap((f) => f.unresolved);
  if (unresolved.length) defaults.push(`t: restrictions in force with no value in the edition's rule, left at 1: ${[...new Set(unresolved)].join(', ')}`);
  const input: CrmStageInput = {
    stage: found?.stage.stage ?? 'processing',
    supplyData: 'GS+EU',
    global,
    sourcing,
    importReliance: ir,
    eolRir,
    siSr,
  };
  const stage = stageSupplyRisk(input);
  return {
    basis: 'scsr',
    material: found?.assessment.material ?? node.material,
    edition: found?.assessment.edition ?? null,
    source: found ? found.assessment.published.source : null,
    stage: { ...stage, stage: found?.stage.stage ?? null },
    critical: roundPublished(stage.sr) >= SR_LINE,
    published: null,
    tradeFactors: [...factors.values()].filter((f) => f.t !== 1 || f.unresolved.length > 0).sort((a, b) => compareIds(a.country, b.country)),
    defaults: [...new Set(defaults)].sort(compareIds),
  };
}

/**
 * Each raw material of the chain (nodes with `material`, or assessed nodes): SR = the highest
 * SR among its nodes, naming the node; with the Commission's assessment from the EU viewpoint,
 * its EI and criticality, and the published values beside ours.
 */
export function materialsOf(nodes: readonly NodeScore[], vp: Viewpoint, criticality: readonly CriticalityFile[], sector: string): MaterialCrm[] {
  const byMaterial = new Map<string, NodeScore[]>();
  for (const n of nodes) {
    const m = n.euCrm?.material;
    if (!m || !n.euCrm) continue;
    byMaterial.set(m, [...(byMaterial.get(m) ?? []), n]);
  }
  const out: MaterialCrm[] = [];
  for (const [material, list] of byMaterial) {
    let top = list[0]!;
    for (const n of list) if (n.euCrm!.stage.sr > top.euCrm!.stage.sr) top = n;
    const found = list.map((n) => assessmentOf(criticality, `${sector}/${n.path}`)).find((x) => x !== undefined);
    let assessment: CrmMaterialResult | null = null;
    if (found && vp.id === 'eu') assessment = assessMaterial(materialInput(found.file, found.assessment));
    out.push({
      material,
      name: found?.assessment.name ?? material,
      sr: round(top.euCrm!.stage.sr, 4),
      srRounded: roundPublished(top.euCrm!.stage.sr),
      node: top.path,
      stage: top.euCrm!.stage.stage,
      nodes: list.map((n) => ({ path: n.path, sr: round(n.euCrm!.stage.sr, 4), basis: n.euCrm!.basis })),
      basis: list.every((n) => n.euCrm!.basis === 'commission') ? 'commission' : 'scsr',
      edition: found?.assessment.edition ?? null,
      assessment,
    });
  }
  return out.sort((a, b) => b.sr - a.sr || compareIds(a.material, b.material));
}
