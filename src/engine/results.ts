// Result objects of the engine's one chain evaluation (score, and what compare, exposure,
// chokepoints, explain, shock and report read from it), declared once as zod schemas. The
// engine imports only the inferred types (no zod at run time); the build writes
// schema/output.schema.json from these, docs/json.md documents them, and the end-to-end tests
// validate every --json output against them.
import { z } from 'zod';
import { CRM_STAGES } from '../data/vocab-crm.js';
import { CrmMaterialResultSchema, CrmStageResultSchema, TradeFactorSchema } from './results-crm.js';

const num = z.number();
const nullableNum = num.nullable();

export const NodeCrmSchema = z.object({
  basis: z.enum(['commission', 'scsr']).describe('commission: the Commission\'s own inputs (EU viewpoint, assessed node); scsr: the node\'s data from this viewpoint'),
  material: z.string().nullable(),
  edition: z.int().nullable().describe('The assessment whose inputs (or EoL-RIR and SI_SR) are used'),
  source: z.string().nullable(),
  stage: CrmStageResultSchema.extend({ stage: z.enum(CRM_STAGES).nullable() }).describe('Every term of the stage\'s SR'),
  critical: z.boolean().describe('SR ≥ 1 (one decimal)'),
  published: nullableNum.describe('The stage SR the Commission published (commission basis)'),
  tradeFactors: z.array(TradeFactorSchema).describe('Suppliers whose t is not 1, or whose restrictions had no value'),
  defaults: z.array(z.string()).describe('Every default used instead of data'),
});

export const SnapshotRefSchema = z.object({
  year: z.int().describe('The year of the figures; for a multi-year average, the last year of `period`'),
  period: z.object({ from: z.int(), to: z.int() }).nullable().describe('Years a multi-year average covers; null = one year'),
  projection: z.boolean(),
  metric: z.string(),
  basis: z.string(),
  source: z.string(),
  /** The year asked for with --year when the snapshot is older ("as of"). */
  requestedYear: z.int().nullable(),
});

export const SelectionSchema = z.object({
  rule: z
    .enum(['only', 'newest-complete', 'most-complete', 'year', 'as-of'])
    .describe('only: one list on this basis; newest-complete: the newest list naming ≥ 90% of supply within 3 years of the newest; most-complete: no complete list in that window, the fullest; year: the year asked for; as-of: the newest before the year asked for'),
  reason: z.string().describe('The choice in words'),
  coveragePct: num.describe('Share of the total the chosen list attributes to named countries and regions'),
  alternatives: z
    .array(z.object({ year: z.int(), projection: z.boolean(), basis: z.string(), source: z.string(), coveragePct: num, suppliers: z.int() }))
    .describe('The other lists of this node, newest first'),
});

export const SupplierShareSchema = z.object({
  id: z.string().describe('Country code, region id, or `rest` for the unattributed rest'),
  name: z.string(),
  kind: z.enum(['country', 'region', 'rest']),
  sharePct: nullableNum.describe('Share of world supply; null = named by the source without a share ("unknown share")'),
  lowPct: nullableNum,
  highPct: nullableNum,
  stated: z.string().nullable(),
  domestic: z.boolean().describe('Part of the viewpoint (the country itself, or a member of a region viewpoint)'),
});

export const ChokepointSchema = z.object({
  kind: z.enum(['global', 'single-country']).describe("global: one supplier holds >= threshold of world supply; single-country: one partner holds > 50% of the viewpoint's imports (Korea's 3050 line)"),
  supplier: z.string(),
  sharePct: num.describe('World share (global) or share of the viewpoint\'s imports (single-country)'),
  thresholdPct: num,
  measured: z.boolean().describe('single-country: from the viewpoint\'s import data (true) or estimated pro rata from world shares (false); global: true'),
});

export const EventEffectSchema = z.object({
  id: z.string(),
  imposedBy: z.string(),
  kind: z.string(),
  imposed: z.string(),
  lifted: z.string().nullable(),
  inForce: z.boolean().describe('In force at the reference date'),
  uplift: num.describe('u in w\' = w + (1 − w)·u: the kind\'s uplift, fading linearly over the years after lifting'),
  products: z.string(),
  source: z.string(),
});

export const PartnerDependenceSchema = z.object({
  partner: z.string(),
  name: z.string(),
  sharePct: nullableNum.describe('Partner\'s share of world supply (null: not in the world list, or unknown share)'),
  ofImportsPct: nullableNum.describe('Partner\'s share of the viewpoint\'s imports: measured (import data) or estimated p_c / (100 − p_v); null = named without a share'),
  ofSupplyPct: nullableNum.describe('Partner\'s share of the viewpoint\'s whole supply: foreign share × ofImportsPct'),
  measured: z.boolean(),
  weight: num.describe('Supplier-risk weight of the partner from the viewpoint, 0-1, events included'),
  baseWeight: num.describe('The weight before export-restriction events'),
  events: z.array(EventEffectSchema),
  contribution: num.describe('Points of modelled risk this partner adds'),
});

export const SupplySchema = z.object({
  measured: z.boolean().describe('Partner shares from the viewpoint\'s import data (true) or estimated pro rata from world shares (false)'),
  foreignPct: nullableNum.describe('Share of the viewpoint\'s supply that is imported'),
  foreignFrom: z
    .enum(['net-import-reliance', 'demand', 'world-share', 'supply-list', 'assumed'])
    .nullable()
    .describe('net-import-reliance: the data\'s figure; demand: 1 − own share of world supply / own share of world demand; world-share: 100 − own world share; supply-list: from a sourcing list that includes domestic supply; assumed: 100, no data on domestic supply'),
  unattributedPct: nullableNum.describe('Share of the imports the list does not attribute'),
  imports: z
    .object({
      year: z.int(),
      period: z.object({ from: z.int(), to: z.int() }).nullable(),
      measure: z.string(),
      of: z.enum(['imports', 'supply']),
      product: z.string().nullable(),
      hs: z.array(z.string()),
      partial: z.boolean(),
      source: z.string(),
      requestedYear: z.int().nullable(),
    })
    .nullable(),
  reliance: z.object({ percent: num, stated: z.string().nullable(), year: z.int(), source: z.string() }).nullable(),
});

export const LensesSchema = z.object({
  weakestLink: z
    .object({ risk: num, binding: z.array(z.string()).describe('Paths of the node(s) at the maximum (more than one = a tie)') })
    .nullable()
    .describe('Max over the node\'s own list and its essential children'),
  valueWeighted: z
    .object({
      risk: num,
      coveragePct: num.describe('Share of the node\'s value whose risk is known'),
      unvalued: z.array(z.string()).describe('Children with a risk but no value: left out of the weights'),
    })
    .nullable()
    .describe('Children weighted by value; null when no value is known'),
});

export const NodeScoreSchema = z.object({
  id: z.string(),
  path: z.string().describe('`stage` or `stage/input`'),
  name: z.string(),
  parent: z.string().nullable().describe('Path of the parent node (null for a stage)'),
  depth: z.int().describe('0 for the stage, 1 for its direct inputs, ...'),
  relation: z.enum(['part', 'kind']).describe('part: an input the parent is made from; kind: a segment of the parent its own list aggregates'),
  children: z.array(z.string()),
  use: z.enum(['consumable', 'capital']),
  essential: z.boolean(),
  material: z.string().nullable(),
  value: z.object({ millions: num, currency: z.string(), year: z.int(), source: z.string(), inferred: z.boolean() }).nullable(),
  inventoryMonths: z.object({ value: num, year: z.int(), source: z.string() }).nullable(),
  snapshot: SnapshotRefSchema.nullable(),
  selection: SelectionSchema.nullable(),
  noData: z.string().nullable().describe('Why there is no figure, when there is none'),
  viewpointSharePct: nullableNum.describe('The viewpoint\'s share of world supply; 0 when the list does not name it (see viewpointListed)'),
  viewpointListed: z.boolean(),
  foreignSharePct: nullableNum.describe('100 − viewpoint share of world supply'),
  unattributedPct: nullableNum,
  coveragePct: nullableNum.describe('Share of world supply attributed to named countries and regions'),
  hhi: nullableNum,
  hhiBand: z.enum(['unconcentrated', 'moderately concentrated', 'highly concentrated']).nullable(),
  effectiveSuppliers: nullableNum,
  top: z.array(SupplierShareSchema).describe('The largest supplier, or every supplier tied at the largest share'),
  suppliers: z.array(SupplierShareSchema),
  supply: SupplySchema.nullable(),
  dependence: z.array(PartnerDependenceSchema),
  chokepoints: z.array(ChokepointSchema),
  modelledRisk: nullableNum.describe('Risk of this node\'s own list from the viewpoint (null: no list, or no attributed supplier)'),
  lenses: LensesSchema,
  euCrm: NodeCrmSchema.nullable().describe('EU CRM supply risk of this node (--method eu-crm; docs/eu-crm.md)'),
});

export const MaterialCrmSchema = z.object({
  material: z.string(),
  name: z.string(),
  sr: num.describe('The highest SR among the material\'s nodes'),
  srRounded: num,
  node: z.string().describe('Path of the node that sets SR'),
  stage: z.enum(CRM_STAGES).nullable().describe('The Commission\'s stage of that node, where assessed'),
  nodes: z.array(z.object({ path: z.string(), sr: num, basis: z.enum(['commission', 'scsr']) })),
  basis: z.enum(['commission', 'scsr']),
  edition: z.int().nullable(),
  assessment: CrmMaterialResultSchema.nullable().describe('From the EU viewpoint: the Commission\'s assessment recomputed from its inputs (SR, EI, criticality, difference from the published values)'),
});

export const RiskSchema = z.object({
  method: z.enum(['blended', 'eu-crm', 'rating']),
  lens: z.enum(['weakest-link', 'value-weighted']),
  value: nullableNum.describe('The stage risk under the method and lens (0-100; eu-crm: the supply-risk score SR)'),
  modelled: nullableNum.describe('The stage\'s modelled risk under the lens'),
  weakestLink: nullableNum,
  valueWeighted: nullableNum,
  rating: nullableNum.describe('The assessed rating on the 0-100 scale (viewpoint = assessor only)'),
  blended: nullableNum,
  disagreement: z.boolean().describe('Modelled and rating risk differ by more than the documented margin'),
});

export const StageScoreSchema = NodeScoreSchema.extend({
  order: z.int(),
  rating: z.object({ value: z.string(), inferred: z.boolean(), basis: z.string() }).nullable(),
  risk: RiskSchema,
  binding: z
    .array(z.object({ path: z.string(), name: z.string() }))
    .describe('The node(s) that set the stage\'s modelled risk under the lens (the weakest link inside the stage; more than one = a tie)'),
  inputs: z.array(NodeScoreSchema).describe('Every input node of the stage, parents before children, in file order'),
});

export const WeakestLinkSchema = z.object({
  stage: z.string(),
  name: z.string(),
  risk: num,
  ties: z.array(z.string()).describe('Other stages at the same risk'),
  why: z.array(z.string()),
});

export const ExposureStageSchema = z.object({
  stage: z.string(),
  node: z.string().nullable().describe('Path of the node where the partner\'s share of the viewpoint\'s supply is highest (null: present only with unknown shares)'),
  nodeName: z.string().nullable(),
  ofSupplyPct: nullableNum.describe('The partner\'s share of the viewpoint\'s supply of that node: imported share × share of the imports'),
  ofImportsPct: nullableNum.describe('The partner\'s share of the viewpoint\'s imports of that node'),
  measured: z.boolean(),
  nodes: z.int().describe('Nodes of the stage the partner supplies'),
  unknownShareNodes: z.array(z.string()),
});

export const ExposureSchema = z.object({
  partner: z.string(),
  name: z.string(),
  byStage: z.array(ExposureStageSchema),
  maxPct: nullableNum.describe('Highest share of the viewpoint\'s supply the partner holds at any node (null: unknown shares only)'),
  maxOfImportsPct: nullableNum.describe('The partner\'s share of the imports at that node'),
  maxStage: z.string().nullable(),
  maxNode: z.string().nullable(),
  measured: z.boolean().describe('Whether maxPct comes from import data'),
  meanPct: num.describe('Mean over stages with data of the partner\'s highest share of the viewpoint\'s supply at the stage (0 where absent)'),
  nodes: z.int().describe('Nodes of the chain the partner supplies, unknown shares included'),
});

export const SectorScoreSchema = z.object({
  sector: z.string(),
  name: z.string(),
  viewpoint: z.string(),
  viewpointName: z.string(),
  viewpointKind: z.enum(['country', 'region']),
  assessor: z.string().nullable(),
  method: z.enum(['blended', 'eu-crm', 'rating']),
  lens: z.enum(['weakest-link', 'value-weighted']),
  year: z.int().nullable().describe('Year asked for with --year; null = the default choice per node'),
  basis: z.string().nullable().describe('Basis asked for with --basis; null = location where the data have it'),
  referenceDate: z.string().describe('Date export-restriction events are judged at: the end of --year, else of the newest actual data year'),
  thresholdPct: num,
  stages: z.array(StageScoreSchema),
  weakestLink: WeakestLinkSchema.nullable(),
  modelledWeakestLink: WeakestLinkSchema.nullable(),
  resilience: nullableNum.describe('100 - the weakest link\'s risk (0-100 methods only)'),
  meanRisk: nullableNum.describe('Mean stage risk (0-100 methods only)'),
  exposures: z.array(ExposureSchema),
  materials: z.array(MaterialCrmSchema).describe('--method eu-crm: each raw material, SR = its highest stage'),
});

export type SnapshotRef = z.infer<typeof SnapshotRefSchema>;
export type Selection = z.infer<typeof SelectionSchema>;
export type SupplierShare = z.infer<typeof SupplierShareSchema>;
export type Chokepoint = z.infer<typeof ChokepointSchema>;
export type EventEffect = z.infer<typeof EventEffectSchema>;
export type PartnerDependence = z.infer<typeof PartnerDependenceSchema>;
export type Supply = z.infer<typeof SupplySchema>;
export type NodeCrm = z.infer<typeof NodeCrmSchema>;
export type MaterialCrm = z.infer<typeof MaterialCrmSchema>;
export type Lenses = z.infer<typeof LensesSchema>;
export type NodeScore = z.infer<typeof NodeScoreSchema>;
export type Risk = z.infer<typeof RiskSchema>;
export type StageScore = z.infer<typeof StageScoreSchema>;
export type WeakestLink = z.infer<typeof WeakestLinkSchema>;
export type ExposureStage = z.infer<typeof ExposureStageSchema>;
export type Exposure = z.infer<typeof ExposureSchema>;
export type SectorScore = z.infer<typeof SectorScoreSchema>;
export type Method = SectorScore['method'];
export type Lens = SectorScore['lens'];
/** @deprecated v1 name: a node of the chain. */
export type ItemScore = NodeScore;
