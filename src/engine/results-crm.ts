// Inputs and results of the EU critical-raw-materials method (src/engine/eu-crm.ts,
// docs/eu-crm.md), declared once as zod schemas. The engine imports only the inferred types (no
// zod at run time); the lead's output schema and the library API reuse these. Shares are
// percents as published; every other ratio (IR, EoL-RIR, SI) is a fraction 0-1.
import { z } from 'zod';
import { EVENT_KINDS } from '../data/vocab.js';
import { CRM_STAGES, SUPPLY_DATA } from '../data/vocab-crm.js';

const num = z.number();
const fraction = z.number().min(0).max(1);

// ---------------------------------------------------------------------------------------------
// Inputs

/** One supplier of a list: its share, its scaled governance score and its trade factor. */
export const CrmSupplierInputSchema = z.object({
  country: z.string().describe('Country code (or region id) as the list names it'),
  sharePct: z.number().min(0).max(100).describe('Share of the list, percent'),
  wgiScaled: z.number().min(0).max(10).describe('WGI rescaled 0-10, 10 = poorest governance'),
  t: z.number().min(0).describe('Trade-related variable t (1 = no effect)'),
});

/** Everything the supply risk of one stage needs, every value explicit. */
export const CrmStageInputSchema = z.object({
  stage: z.enum(CRM_STAGES),
  supplyData: z.enum(SUPPLY_DATA),
  global: z.array(CrmSupplierInputSchema).nullable().describe('Global supply (GS); needed for GS and GS+EU'),
  sourcing: z.array(CrmSupplierInputSchema).nullable().describe('The viewpoint\'s actual sourcing (EU); needed for EU and GS+EU'),
  importReliance: fraction.nullable().describe('IR; needed for GS+EU'),
  eolRir: fraction.describe('End-of-life recycling input rate'),
  siSr: fraction.describe('Substitution index for supply risk'),
});

/** One end use of a material: its share and the value added of the NACE sector it falls in. */
export const CrmEndUseInputSchema = z.object({
  application: z.string(),
  sharePct: z.number().min(0).max(100),
  sector: z.string().nullable().describe('NACE Rev. 2 two-digit sector (e.g. "C25"); null = not allocated, counts for nothing'),
  valueAddedMEur: z.number().min(0).nullable().describe('Sector value added, million euro'),
});

/** The Commission's published figures for a material, to compare against. */
export const CrmPublishedSchema = z.object({
  sr: num,
  ei: num,
  stage: z.enum(CRM_STAGES).nullable(),
  critical: z.boolean().nullable(),
});

/** Everything one material's assessment needs: its stages, its EI inputs and the edition's thresholds. */
export const CrmMaterialInputSchema = z.object({
  material: z.string(),
  name: z.string(),
  edition: z.int(),
  assessedStages: z.array(z.enum(CRM_STAGES)),
  stages: z.array(CrmStageInputSchema).min(1),
  economicImportance: z
    .union([
      z.object({ endUses: z.array(CrmEndUseInputSchema), maxValueAddedMEur: z.number().positive(), siEi: fraction }),
      z.object({ given: z.number().min(0) }),
    ])
    .nullable(),
  thresholds: z.object({ sr: num, ei: num }).nullable(),
  published: CrmPublishedSchema.nullable(),
});

/** The restriction events and memberships the trade-factor rule reads for one supplier. */
export const TradeFactorInputSchema = z.object({
  country: z.string(),
  euMember: z.boolean(),
  ftaPartner: z.boolean().describe('The EU has a free-trade agreement with the country'),
  restrictions: z.array(z.object({ id: z.string(), kind: z.enum(EVENT_KINDS), inForce: z.boolean() })),
  published: z.number().min(0).nullable().describe('t as the Commission published it for this country, material and stage'),
  override: z.number().min(0).nullable().describe('t set by the user; wins over everything'),
});

/** The rule's parameters: data of an edition, never built into the engine. */
export const TradeRuleSchema = z.object({
  euMember: z.number().min(0).describe('t of an EU member state'),
  ftaPartner: z.number().min(0).nullable().describe('t of an FTA partner; null = no special value (t = 1)'),
  byKind: z.partialRecord(z.enum(EVENT_KINDS), z.number().min(0)).describe('t of a supplier with a restriction of this kind in force'),
  cap: z.number().min(0).nullable(),
});

// ---------------------------------------------------------------------------------------------
// Results

/** One supplier's term of HHI_WGI,t: (share/100)² · WGI* · t. */
export const CrmTermSchema = z.object({
  country: z.string(),
  sharePct: num,
  wgiScaled: num,
  t: num,
  term: num,
});

export const CrmConcentrationSchema = z.object({
  value: num.describe('HHI_WGI,t = Σ (share/100)² · WGI* · t'),
  sharesTotalPct: num.describe('Sum of the shares in the list (published lists may not reach 100)'),
  terms: z.array(CrmTermSchema).describe('Largest term first'),
});

export const CrmStageResultSchema = z.object({
  stage: z.enum(CRM_STAGES),
  supplyData: z.enum(SUPPLY_DATA),
  global: CrmConcentrationSchema.nullable(),
  sourcing: CrmConcentrationSchema.nullable(),
  importReliance: num.nullable(),
  weightGlobal: num.describe('IR/2 for GS+EU, 1 for GS, 0 for EU'),
  weightSourcing: num.describe('1 − IR/2 for GS+EU, 0 for GS, 1 for EU'),
  concentration: num.describe('weightGlobal · HHI_GS + weightSourcing · HHI_EU'),
  eolRir: num,
  siSr: num,
  sr: num.describe('Unrounded supply risk of the stage'),
  srRounded: num.describe('One decimal, as the Commission publishes'),
});

export const CrmSupplyRiskSchema = z.object({
  sr: num.describe('The higher stage SR, unrounded'),
  srRounded: num,
  stage: z.enum(CRM_STAGES).describe('The stage that sets SR'),
  stages: z.array(CrmStageResultSchema),
  missingStages: z.array(z.enum(CRM_STAGES)).describe('Stages the assessment covers that have no inputs here; SR may then be too low'),
});

export const CrmEndUseTermSchema = z.object({
  application: z.string(),
  sector: z.string().nullable(),
  sharePct: num,
  valueAddedMEur: num.nullable(),
  aq: num.describe('A_s · Q_s in million euro (0 for an end use without a sector)'),
});

export const CrmEconomicImportanceSchema = z.object({
  method: z.enum(['end-uses', 'given']),
  terms: z.array(CrmEndUseTermSchema),
  sumAqMEur: num.nullable().describe('Σ A_s · Q_s'),
  maxValueAddedMEur: num.nullable().describe('Value added of the largest manufacturing sector (the scaling step)'),
  scaled: num.nullable().describe('Σ A_s · Q_s / max Q × 10'),
  siEi: num.nullable(),
  ei: num.describe('Unrounded EI (the given value for method "given")'),
  eiRounded: num,
});

export const CrmThresholdsSchema = z.object({ sr: num, ei: num });

export const CrmCriticalitySchema = z.object({
  thresholds: CrmThresholdsSchema,
  srRounded: num,
  eiRounded: num,
  srAtOrAbove: z.boolean(),
  eiAtOrAbove: z.boolean(),
  critical: z.boolean().describe('SR ≥ threshold and EI ≥ threshold, on the one-decimal values'),
});

export const CrmMaterialResultSchema = z.object({
  material: z.string(),
  name: z.string(),
  edition: z.int(),
  supplyRisk: CrmSupplyRiskSchema,
  economicImportance: CrmEconomicImportanceSchema.nullable(),
  criticality: CrmCriticalitySchema.nullable().describe('Null without EI or thresholds'),
  published: CrmPublishedSchema.nullable(),
  difference: z.object({
    sr: num.nullable().describe('Our unrounded SR − published SR'),
    ei: num.nullable().describe('Our unrounded EI − published EI (null when EI is given)'),
  }),
});

export const TradeFactorSchema = z.object({
  country: z.string(),
  t: num,
  basis: z.enum(['override', 'published', 'eu-member', 'fta-partner', 'restriction', 'default']),
  restrictionsInForce: z.array(z.string()).describe('Ids of the restriction events in force'),
  unresolved: z.array(z.string()).describe('Restrictions in force whose kind has no value in the rule (t left at its base)'),
});

export type CrmSupplierInput = z.infer<typeof CrmSupplierInputSchema>;
export type CrmStageInput = z.infer<typeof CrmStageInputSchema>;
export type CrmEndUseInput = z.infer<typeof CrmEndUseInputSchema>;
export type TradeFactorInput = z.infer<typeof TradeFactorInputSchema>;
export type TradeRule = z.infer<typeof TradeRuleSchema>;
export type CrmTerm = z.infer<typeof CrmTermSchema>;
export type CrmConcentration = z.infer<typeof CrmConcentrationSchema>;
export type CrmStageResult = z.infer<typeof CrmStageResultSchema>;
export type CrmSupplyRisk = z.infer<typeof CrmSupplyRiskSchema>;
export type CrmEndUseTerm = z.infer<typeof CrmEndUseTermSchema>;
export type CrmEconomicImportance = z.infer<typeof CrmEconomicImportanceSchema>;
export type CrmThresholds = z.infer<typeof CrmThresholdsSchema>;
export type CrmCriticality = z.infer<typeof CrmCriticalitySchema>;
export type TradeFactor = z.infer<typeof TradeFactorSchema>;
export type CrmPublished = z.infer<typeof CrmPublishedSchema>;
export type CrmMaterialInput = z.infer<typeof CrmMaterialInputSchema>;
export type CrmMaterialResult = z.infer<typeof CrmMaterialResultSchema>;
export type CrmStage = (typeof CRM_STAGES)[number];
export type SupplyData = (typeof SUPPLY_DATA)[number];
