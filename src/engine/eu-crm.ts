// The European Commission's critical-raw-materials method (docs/eu-crm.md): supply risk of a
// stage and of a material, economic importance, criticality, and the trade-related variable t.
// Pure functions over explicit inputs: every share, scaled WGI, t, IR, EoL-RIR and SI comes from
// the caller (the criticality file, docs/eu-crm.md#file), so the engine reads nothing and
// defaults nothing. Shares are percents as published; ratios are fractions 0-1.
import type {
  CrmConcentration,
  CrmCriticality,
  CrmEconomicImportance,
  CrmEndUseInput,
  CrmEndUseTerm,
  CrmMaterialInput,
  CrmMaterialResult,
  CrmStage,
  CrmStageInput,
  CrmStageResult,
  CrmSupplierInput,
  CrmSupplyRisk,
  CrmTerm,
  CrmThresholds,
  TradeFactor,
  TradeFactorInput,
  TradeRule,
} from './results-crm.js';

/**
 * One decimal, half up, as the Commission publishes SR and EI. toPrecision(12) first so that a
 * binary neighbour of a half (1.15 is 1.1499999…) rounds as the decimal it stands for.
 */
export function roundPublished(x: number): number {
  return Math.round(Number((x * 10).toPrecision(12))) / 10;
}

/**
 * The linear 0-10 rescaling of a WGI estimate (−2.5 best-governance end … 2.5): 5 − 2 · WGI,
 * clamped, so 10 is the poorest governance (docs/eu-crm.md#wgi). Only for callers that hold raw
 * WGI means; an edition's own scaled table always wins.
 */
export function scaleWgi(wgiMean: number): number {
  return Math.min(10, Math.max(0, 5 - 2 * wgiMean));
}

/** IR = (imports − exports) / (production + imports − exports), 0 for a net exporter, at most 1. */
export function importReliance(flows: { production: number; imports: number; exports: number }): number {
  const net = flows.imports - flows.exports;
  const consumption = flows.production + net;
  if (consumption <= 0 || net <= 0) return 0;
  return Math.min(1, net / consumption);
}

/** HHI_WGI,t = Σ (share/100)² · WGI* · t over the list, with every term kept (largest first). */
export function concentration(suppliers: readonly CrmSupplierInput[]): CrmConcentration {
  const terms: CrmTerm[] = suppliers.map((s) => {
    assertFinite(`share of ${s.country}`, s.sharePct);
    assertFinite(`scaled WGI of ${s.country}`, s.wgiScaled);
    assertFinite(`t of ${s.country}`, s.t);
    return { country: s.country, sharePct: s.sharePct, wgiScaled: s.wgiScaled, t: s.t, term: (s.sharePct / 100) ** 2 * s.wgiScaled * s.t };
  });
  terms.sort((a, b) => b.term - a.term || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));
  return {
    value: terms.reduce((sum, x) => sum + x.term, 0),
    sharesTotalPct: suppliers.reduce((sum, s) => sum + s.sharePct, 0),
    terms,
  };
}

/**
 * Supply risk of one stage (Blengini et al. 2017; docs/eu-crm.md#supply-risk):
 *   GS+EU: SR = [HHI_GS · IR/2 + HHI_EU · (1 − IR/2)] · (1 − EoL-RIR) · SI_SR
 *   GS:    SR = HHI_GS · (1 − EoL-RIR) · SI_SR
 *   EU:    SR = HHI_EU · (1 − EoL-RIR) · SI_SR
 * A list or IR that the supply-data choice needs must be present (the file schema checks it);
 * its absence here is a programmer error.
 */
export function stageSupplyRisk(input: CrmStageInput): CrmStageResult {
  const needsGlobal = input.supplyData !== 'EU';
  const needsSourcing = input.supplyData !== 'GS';
  if (needsGlobal && !input.global) throw new Error(`${input.stage}: supply data ${input.supplyData} needs the global supply list`);
  if (needsSourcing && !input.sourcing) throw new Error(`${input.stage}: supply data ${input.supplyData} needs the sourcing list`);
  if (input.supplyData === 'GS+EU' && input.importReliance === null) throw new Error(`${input.stage}: supply data GS+EU needs import reliance`);
  assertFraction('EoL-RIR', input.eolRir);
  assertFraction('SI_SR', input.siSr);
  if (input.importReliance !== null) assertFraction('IR', input.importReliance);

  const global = needsGlobal && input.global ? concentration(input.global) : null;
  const sourcing = needsSourcing && input.sourcing ? concentration(input.sourcing) : null;
  const ir = input.importReliance;
  const weightGlobal = input.supplyData === 'GS' ? 1 : input.supplyData === 'EU' ? 0 : (ir as number) / 2;
  const weightSourcing = 1 - weightGlobal;
  const conc = weightGlobal * (global?.value ?? 0) + weightSourcing * (sourcing?.value ?? 0);
  const sr = conc * (1 - input.eolRir) * input.siSr;
  return {
    stage: input.stage,
    supplyData: input.supplyData,
    global,
    sourcing,
    importReliance: ir,
    weightGlobal,
    weightSourcing,
    concentration: conc,
    eolRir: input.eolRir,
    siSr: input.siSr,
    sr,
    srRounded: roundPublished(sr),
  };
}

/**
 * A material's SR is the higher of its stages' SRs, and that stage is named. On an exact tie the
 * stage listed first wins (extraction before processing in the file). `assessed` lists the
 * stages the assessment covers, so a stage without inputs is reported instead of silently lowering SR.
 */
export function materialSupplyRisk(stages: readonly CrmStageResult[], assessed: readonly CrmStage[] = []): CrmSupplyRisk {
  if (stages.length === 0) throw new Error('a material needs at least one stage with inputs');
  let top = stages[0] as CrmStageResult;
  for (const s of stages) if (s.sr > top.sr) top = s;
  const have = new Set(stages.map((s) => s.stage));
  return {
    sr: top.sr,
    srRounded: roundPublished(top.sr),
    stage: top.stage,
    stages: [...stages],
    missingStages: assessed.filter((s) => !have.has(s)),
  };
}

/**
 * EI = Σ (A_s · Q_s) / max Q × 10 × SI_EI (docs/eu-crm.md#economic-importance): A_s the share of
 * the material's end uses in NACE sector s, Q_s the sector's value added, max Q the value added
 * of the largest manufacturing sector. End uses without a sector count for nothing.
 */
export function economicImportance(endUses: readonly CrmEndUseInput[], scaling: { maxValueAddedMEur: number; siEi: number }): CrmEconomicImportance {
  if (!(scaling.maxValueAddedMEur > 0)) throw new Error('the largest sector\'s value added must be positive');
  assertFraction('SI_EI', scaling.siEi);
  const terms: CrmEndUseTerm[] = endUses.map((u) => {
    assertFinite(`share of ${u.application}`, u.sharePct);
    const allocated = u.sector !== null && u.valueAddedMEur !== null;
    return {
      application: u.application,
      sector: u.sector,
      sharePct: u.sharePct,
      valueAddedMEur: u.valueAddedMEur,
      aq: allocated ? (u.sharePct / 100) * (u.valueAddedMEur as number) : 0,
    };
  });
  const sumAq = terms.reduce((s, x) => s + x.aq, 0);
  const scaled = (sumAq / scaling.maxValueAddedMEur) * 10;
  const ei = scaled * scaling.siEi;
  return { method: 'end-uses', terms, sumAqMEur: sumAq, maxValueAddedMEur: scaling.maxValueAddedMEur, scaled, siEi: scaling.siEi, ei, eiRounded: roundPublished(ei) };
}

/** An EI taken as given (a published value with its source), carried through unchanged. */
export function givenEconomicImportance(ei: number): CrmEconomicImportance {
  assertFinite('EI', ei);
  return { method: 'given', terms: [], sumAqMEur: null, maxValueAddedMEur: null, scaled: null, siEi: null, ei, eiRounded: roundPublished(ei) };
}

/** Critical when SR ≥ SR threshold and EI ≥ EI threshold, compared on the one-decimal values as published. */
export function criticality(sr: number, ei: number, thresholds: CrmThresholds): CrmCriticality {
  const srRounded = roundPublished(sr);
  const eiRounded = roundPublished(ei);
  const srAtOrAbove = srRounded >= thresholds.sr;
  const eiAtOrAbove = eiRounded >= thresholds.ei;
  return { thresholds, srRounded, eiRounded, srAtOrAbove, eiAtOrAbove, critical: srAtOrAbove && eiAtOrAbove };
}

/**
 * One material's assessment: the supply risk of each stage with inputs, the material SR (the
 * higher stage), EI (from end uses or given), criticality under the edition's thresholds, and the
 * difference from the published figures. A given EI is carried, not recomputed, so its
 * difference is null.
 */
export function assessMaterial(input: CrmMaterialInput): CrmMaterialResult {
  const supplyRisk = materialSupplyRisk(input.stages.map(stageSupplyRisk), input.assessedStages);
  const e = input.economicImportance;
  const economicImportanceResult = e === null ? null : 'given' in e ? givenEconomicImportance(e.given) : economicImportance(e.endUses, { maxValueAddedMEur: e.maxValueAddedMEur, siEi: e.siEi });
  const crit = economicImportanceResult && input.thresholds ? criticality(supplyRisk.sr, economicImportanceResult.ei, input.thresholds) : null;
  return {
    material: input.material,
    name: input.name,
    edition: input.edition,
    supplyRisk,
    economicImportance: economicImportanceResult,
    criticality: crit,
    published: input.published,
    difference: {
      sr: input.published ? supplyRisk.sr - input.published.sr : null,
      ei: input.published && economicImportanceResult?.method === 'end-uses' ? economicImportanceResult.ei - input.published.ei : null,
    },
  };
}

/**
 * The trade-related variable t of one supplier (docs/eu-crm.md#trade-factor). Order: a user
 * override, else the value the Commission published, else the edition's rule: a restriction in
 * force sets t to the highest value its kind has in the rule; otherwise an EU member gets the
 * rule's EU value, an FTA partner the rule's FTA value (when the rule has one), anyone else 1.
 * A restriction whose kind has no value in the rule leaves t at that base and is listed as
 * unresolved, never guessed.
 */
export function tradeFactor(input: TradeFactorInput, rule: TradeRule | null): TradeFactor {
  const inForce = input.restrictions.filter((r) => r.inForce);
  const restrictionsInForce = inForce.map((r) => r.id);
  const done = (t: number, basis: TradeFactor['basis'], unresolved: string[] = []): TradeFactor => ({ country: input.country, t, basis, restrictionsInForce, unresolved });
  if (input.override !== null) return done(input.override, 'override');
  if (input.published !== null) return done(input.published, 'published');
  let base = 1;
  let basis: TradeFactor['basis'] = 'default';
  if (rule && input.euMember) {
    base = rule.euMember;
    basis = 'eu-member';
  } else if (rule && input.ftaPartner && rule.ftaPartner !== null) {
    base = rule.ftaPartner;
    basis = 'fta-partner';
  }
  const values: number[] = [];
  const unresolved: string[] = [];
  for (const r of inForce) {
    const v = rule?.byKind[r.kind];
    if (v === undefined) unresolved.push(r.id);
    else values.push(v);
  }
  if (values.length === 0) return done(base, basis, unresolved);
  const raised = Math.max(...values);
  const t = rule?.cap !== null && rule?.cap !== undefined ? Math.min(rule.cap, raised) : raised;
  return done(t, 'restriction', unresolved);
}

function assertFinite(what: string, x: number): void {
  if (!Number.isFinite(x) || x < 0) throw new Error(`${what} must be a finite number ≥ 0 (got ${x})`);
}

function assertFraction(what: string, x: number): void {
  if (!Number.isFinite(x) || x < 0 || x > 1) throw new Error(`${what} must be a fraction 0-1 (got ${x})`);
}
