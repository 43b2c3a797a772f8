// Result objects of the engine, declared once as zod schemas. The engine imports only the
// inferred types (no zod at run time); the build writes schema/output.schema.json from these,
// docs/json.md documents them, and the end-to-end tests validate every --json output against them.
import { z } from 'zod';

const num = z.number();
const nullableNum = num.nullable();

export const SnapshotRefSchema = z.object({
  year: z.int(),
  projection: z.boolean(),
  metric: z.string(),
  basis: z.string(),
  source: z.string(),
  /** The year asked for with --year when the snapshot is older ("as of"). */
  requestedYear: z.int().nullable(),
});

export const SupplierShareSchema = z.object({
  id: z.string().describe('Country code or region id'),
  name: z.string(),
  kind: z.enum(['country', 'region', 'rest']),
  sharePct: num,
  lowPct: nullableNum,
  highPct: nullableNum,
  stated: z.string().nullable(),
});

export const ChokepointSchema = z.object({
  kind: z.enum(['global', 'single-country']).describe('global: one supplier holds >= threshold of world supply; single-country: one foreign country holds > 50% of the viewpoint\'s foreign supply'),
  supplier: z.string(),
  sharePct: num.describe('World share (global) or share of the viewpoint\'s foreign supply (single-country)'),
  thresholdPct: num,
});

export const PartnerDependenceSchema = z.object({
  partner: z.string(),
  name: z.string(),
  sharePct: num.describe('Partner\'s share of world supply'),
  ofForeignPct: num.describe('Partner\'s share of the supply outside the viewpoint: p_c / (100 - p_v)'),
  weight: num.describe('Supplier-risk weight of the partner from the viewpoint, 0-1'),
  contribution: num.describe('Points of modelled risk this partner adds'),
});

export const RiskSchema = z.object({
  method: z.enum(['blended', 'eu-crm', 'rating']),
  value: nullableNum.describe('The stage risk under the method (0-100; eu-crm: the supply-risk score SR)'),
  modelled: nullableNum,
  rating: nullableNum.describe('The assessed rating on the 0-100 scale (viewpoint = assessor only)'),
  blended: nullableNum,
  disagreement: z.boolean().describe('Modelled and rating risk differ by more than the documented margin'),
  euCrm: z
    .object({
      sr: num,
      critical: z.boolean(),
      hhiWgiGlobal: num,
      hhiWgiSourcing: num,
      importReliance: num,
      recyclingInputRate: num,
      substitutionIndex: num,
      defaults: z.array(z.string()),
    })
    .nullable(),
});

export const ItemScoreSchema = z.object({
  id: z.string(),
  name: z.string(),
  snapshot: SnapshotRefSchema.nullable(),
  noData: z.string().nullable().describe('Why there is no figure, when there is none'),
  viewpointSharePct: nullableNum.describe('The viewpoint\'s share; 0 when the list does not name it (see viewpointListed)'),
  viewpointListed: z.boolean().describe('Whether the share list names the viewpoint; when not, its share is treated as 0'),
  foreignSharePct: nullableNum,
  unattributedPct: nullableNum,
  hhi: nullableNum,
  hhiBand: z.enum(['unconcentrated', 'moderately concentrated', 'highly concentrated']).nullable(),
  effectiveSuppliers: nullableNum,
  top: SupplierShareSchema.nullable(),
  suppliers: z.array(SupplierShareSchema),
  chokepoints: z.array(ChokepointSchema),
  dependence: z.array(PartnerDependenceSchema),
  modelledRisk: nullableNum,
});

export const StageScoreSchema = ItemScoreSchema.extend({
  order: z.int(),
  rating: z.object({ value: z.string(), inferred: z.boolean(), basis: z.string() }).nullable(),
  risk: RiskSchema,
  /** Where the stage's modelled figures come from: its own share list, or its riskiest input. */
  basedOn: z.string().nullable(),
  inputs: z.array(ItemScoreSchema),
});

export const WeakestLinkSchema = z.object({
  stage: z.string(),
  name: z.string(),
  risk: num,
  why: z.array(z.string()),
});

export const ExposureSchema = z.object({
  partner: z.string(),
  name: z.string(),
  byStage: z.array(z.object({ stage: z.string(), ofForeignPct: num, sharePct: num })),
  maxPct: num.describe('Maximum over stages of the partner\'s share of foreign supply (weakest-link view)'),
  maxStage: z.string(),
  weightedMeanPct: num.describe('Mean over stages weighted by the viewpoint\'s foreign share at each stage'),
});

export const SectorScoreSchema = z.object({
  sector: z.string(),
  name: z.string(),
  viewpoint: z.string(),
  assessor: z.string().nullable(),
  method: z.enum(['blended', 'eu-crm', 'rating']),
  year: z.int().nullable().describe('Year asked for with --year; null = latest actual data'),
  basis: z.string().nullable().describe('Basis asked for with --basis; null = location where the data have it'),
  thresholdPct: num,
  stages: z.array(StageScoreSchema),
  weakestLink: WeakestLinkSchema.nullable(),
  modelledWeakestLink: WeakestLinkSchema.nullable(),
  resilience: nullableNum.describe('100 - the weakest link\'s risk (0-100 methods only)'),
  meanRisk: nullableNum,
  exposures: z.array(ExposureSchema),
});

export type SnapshotRef = z.infer<typeof SnapshotRefSchema>;
export type SupplierShare = z.infer<typeof SupplierShareSchema>;
export type Chokepoint = z.infer<typeof ChokepointSchema>;
export type PartnerDependence = z.infer<typeof PartnerDependenceSchema>;
export type Risk = z.infer<typeof RiskSchema>;
export type ItemScore = z.infer<typeof ItemScoreSchema>;
export type StageScore = z.infer<typeof StageScoreSchema>;
export type WeakestLink = z.infer<typeof WeakestLinkSchema>;
export type Exposure = z.infer<typeof ExposureSchema>;
export type SectorScore = z.infer<typeof SectorScoreSchema>;
export type Method = SectorScore['method'];

