// From a validated criticality file to the engine's inputs (docs/eu-crm.md#file). Pure: no I/O,
// no zod at run time (types only). Percents as published become the fractions the engine
// takes; a share without `t` has t = 1; each country's scaled WGI comes from the table the
// assessment (or its edition) names, which the schema has checked covers every country.
import type { CrmAssessment, CrmEdition, CrmStageData, CrmSupplyList, CrmWgiTable, CriticalityFile } from './schema-crm.js';
import type { CrmMaterialInput, CrmStageInput, CrmSupplierInput, TradeRule } from '../engine/results-crm.js';

export function editionOf(file: CriticalityFile, assessment: CrmAssessment): CrmEdition {
  const e = file.editions.find((x) => x.edition === assessment.edition);
  if (!e) throw new Error(`edition ${assessment.edition} is not in the file (the schema checks this)`);
  return e;
}

export function wgiTableOf(file: CriticalityFile, assessment: CrmAssessment): CrmWgiTable {
  const id = assessment.wgi ?? editionOf(file, assessment).wgi;
  const t = file.wgiTables?.find((x) => x.id === id);
  if (!t) throw new Error(`${assessment.material} ${assessment.edition}: no WGI table "${id}" (the schema checks this)`);
  return t;
}

/** The edition's rule for t, in the engine's shape; null when the edition states none. */
export function tradeRuleOf(edition: CrmEdition): TradeRule | null {
  const r = edition.trade;
  if (!r) return null;
  return { euMember: r.euMember, ftaPartner: r.ftaPartner ?? null, byKind: r.byKind ?? {}, cap: r.cap ?? null };
}

function suppliers(list: CrmSupplyList | undefined, wgi: ReadonlyMap<string, number>): CrmSupplierInput[] | null {
  if (!list) return null;
  return list.values.map((v) => {
    const w = wgi.get(v.country);
    if (w === undefined) throw new Error(`"${v.country}" has no scaled WGI (the schema checks this)`);
    return { country: v.country, sharePct: v.share, wgiScaled: w, t: v.t ?? 1 };
  });
}

/** The engine input of one assessment. */
export function materialInput(file: CriticalityFile, assessment: CrmAssessment): CrmMaterialInput {
  const edition = editionOf(file, assessment);
  const wgi = new Map(wgiTableOf(file, assessment).values.map((v) => [v.country, v.scaled]));
  const stages: CrmStageInput[] = assessment.stages.map((s) => ({
    stage: s.stage,
    supplyData: s.supplyData,
    global: s.supplyData === 'EU' ? null : suppliers(s.global, wgi),
    sourcing: s.supplyData === 'GS' ? null : suppliers(s.sourcing, wgi),
    importReliance: s.importReliance ? s.importReliance.percent / 100 : null,
    eolRir: s.eolRir.percent / 100,
    siSr: s.siSr.value,
  }));
  const e = assessment.economicImportance;
  let economicImportance: CrmMaterialInput['economicImportance'] = null;
  if (e?.given) economicImportance = { given: e.given.value };
  else if (e?.endUses && e.siEi && edition.valueAdded) {
    economicImportance = {
      endUses: e.endUses.values.map((u) => ({ application: u.application, sharePct: u.share, sector: u.sector ?? null, valueAddedMEur: u.valueAdded ?? null })),
      maxValueAddedMEur: edition.valueAdded.maxMEur,
      siEi: e.siEi.value,
    };
  }
  return {
    material: assessment.material,
    name: assessment.name,
    edition: assessment.edition,
    assessedStages: assessment.assessedStages,
    stages,
    economicImportance,
    thresholds: { sr: edition.thresholds.sr, ei: edition.thresholds.ei },
    published: {
      sr: assessment.published.sr,
      ei: assessment.published.ei,
      stage: assessment.published.stage ?? null,
      critical: assessment.published.critical ?? null,
    },
  };
}

/** The assessed stages that apply to a node path ("batteries/mining/cobalt"), newest edition first. */
export function assessmentsForNode(file: CriticalityFile, node: string): { assessment: CrmAssessment; stage: CrmStageData }[] {
  const found: { assessment: CrmAssessment; stage: CrmStageData }[] = [];
  for (const a of file.assessments) for (const s of a.stages) if (s.nodes.includes(node)) found.push({ assessment: a, stage: s });
  return found.sort((x, y) => y.assessment.edition - x.assessment.edition || (x.assessment.material < y.assessment.material ? -1 : x.assessment.material > y.assessment.material ? 1 : 0));
}
