// Result objects of `scsr shock` (docs/scenarios.md), declared once as zod schemas. The engine
// imports only the inferred types (no zod at run time); output-schema.ts assembles the JSON
// document from them and the e2e tests validate every --json output against it.
import { z } from 'zod';
import { SnapshotRefSchema } from './results.js';

const num = z.number();
const nullableNum = num.nullable();

export const ShockTargetSchema = z.object({
  id: z.string().describe('Country code or region id'),
  name: z.string(),
  kind: z.enum(['country', 'region']),
});

export const ViewpointShockSchema = z.object({
  ownSharePct: num.describe('Viewpoint\'s share of world supply in the list (0 when not named)'),
  foreignSharePct: num.describe('Share of the viewpoint\'s own supply that comes from abroad (docs/scenarios.md#viewpoint)'),
  foreignBasis: z.enum(['world-shares', 'import-reliance', 'demand']).describe('What foreignSharePct rests on'),
  foreignLostPct: num.describe('Share of the viewpoint\'s foreign supply lost to the shock, before spare capacity'),
  afterPct: num.describe('Viewpoint\'s supply after the shock, percent of its pre-shock supply (spare included, at most 100)'),
});

/** One share list (a stage's own list or one input) before and after the shock. */
export const ItemShockSchema = z.object({
  id: z.string(),
  name: z.string(),
  snapshot: SnapshotRefSchema.nullable(),
  noData: z.string().nullable(),
  shocked: z.boolean().describe('Whether the shock applies here (--stage)'),
  shockedSharePct: nullableNum.describe('Pre-shock world share of the shocked suppliers'),
  lostPct: nullableNum.describe('World capacity lost: sum of loss x share over the shocked suppliers'),
  spareAddedPct: nullableNum.describe('Capacity added by unshocked suppliers from spare capacity (at most lostPct)'),
  beforePct: nullableNum.describe('World capacity before the shock (100 with data)'),
  afterPct: nullableNum.describe('World capacity after the shock, percent of before'),
  viewpoint: ViewpointShockSchema.nullable(),
});

export const StageShockSchema = ItemShockSchema.extend({
  order: z.int(),
  basedOn: z.string().nullable().describe('"stage": its own share list; "input:<id>": the input that binds (tightest input); null: no data'),
  viewpointBasedOn: z.string().nullable().describe('Same as basedOn for the viewpoint\'s figures (the input tightest for the viewpoint)'),
  inputs: z.array(ItemShockSchema),
});

export const BindingSchema = z.object({
  stage: z.string(),
  name: z.string(),
  input: z.string().nullable(),
  afterPct: num,
});

export const ThroughputSchema = z.object({
  beforePct: nullableNum.describe('Chain throughput before the shock (100 when any stage has data)'),
  afterPct: nullableNum.describe('Chain throughput after: the minimum over stages with data (Leontief)'),
  lostPct: nullableNum,
  binding: BindingSchema.nullable().describe('The stage that sets the throughput: the new weakest link (null when nothing is lost)'),
});

export const PercentilesSchema = z.object({ p5: num, p50: num, p95: num });

export const RangedValueSchema = z.object({
  stage: z.string(),
  input: z.string().nullable(),
  supplier: z.string(),
  lowPct: num,
  sharePct: num,
  highPct: num,
});

export const UncertaintySchema = z.object({
  samples: z.int(),
  seed: z.int(),
  prng: z.literal('mulberry32'),
  distribution: z.literal('triangular').describe('low, mode = the point value, high'),
  rangedValues: z.int().describe('Share values with a range in the snapshots used; all others stay fixed'),
  ranged: z.array(RangedValueSchema),
  rescaledPct: num.describe('Percent of sampled share lists whose named shares exceeded 100 and were scaled back'),
  world: PercentilesSchema.nullable().describe('World chain throughput after the shock'),
  viewpoint: PercentilesSchema.nullable().describe('Viewpoint chain throughput after the shock'),
  stages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      throughputPct: PercentilesSchema.nullable().describe('Stage capacity after the shock'),
      modelledRisk: PercentilesSchema.nullable().describe('Modelled risk 0-100 from the viewpoint on the sampled (pre-shock) shares'),
    }),
  ),
});

export const ShockResultSchema = z.object({
  mode: z.literal('shock'),
  sector: z.string(),
  name: z.string(),
  viewpoint: z.string(),
  year: z.int().nullable(),
  basis: z.string().nullable(),
  targets: z.array(ShockTargetSchema),
  lossPct: num.describe('Percent of each target\'s capacity lost'),
  sparePct: num.describe('Spare capacity of unshocked suppliers, percent of their own output'),
  shockedStages: z.array(z.string()).describe('Stages the shock applies to (every stage unless --stage)'),
  stages: z.array(StageShockSchema),
  world: ThroughputSchema,
  viewpointChain: ThroughputSchema,
  noDataStages: z.array(z.string()).describe('Stages without share data: left out of the minimum'),
  uncertainty: UncertaintySchema.nullable(),
});

export const WorstEntrySchema = z.object({
  rank: z.int(),
  target: ShockTargetSchema,
  worldAfterPct: nullableNum,
  worldLostPct: nullableNum,
  worldBinding: BindingSchema.nullable(),
  viewpointAfterPct: nullableNum,
  viewpointLostPct: nullableNum,
  viewpointBinding: BindingSchema.nullable(),
});

export const WorstCaseSchema = z.object({
  mode: z.literal('worst'),
  sector: z.string(),
  name: z.string(),
  viewpoint: z.string(),
  year: z.int().nullable(),
  basis: z.string().nullable(),
  lossPct: num,
  sparePct: num,
  shockedStages: z.array(z.string()),
  candidates: z.int().describe('Countries and regions named in the snapshots used, each cut off in turn'),
  top: z.int(),
  byWorld: z.array(WorstEntrySchema).describe('Ranked by world chain throughput lost, most first; ties by viewpoint loss, then id'),
  byViewpoint: z.array(WorstEntrySchema).describe('Ranked by the viewpoint\'s chain throughput lost'),
  singlePointOfFailure: WorstEntrySchema.nullable().describe('The target whose loss costs the world the most throughput (null when none costs anything)'),
});

export type ShockTarget = z.infer<typeof ShockTargetSchema>;
export type ViewpointShock = z.infer<typeof ViewpointShockSchema>;
export type ItemShock = z.infer<typeof ItemShockSchema>;
export type StageShock = z.infer<typeof StageShockSchema>;
export type Binding = z.infer<typeof BindingSchema>;
export type Throughput = z.infer<typeof ThroughputSchema>;
export type Percentiles = z.infer<typeof PercentilesSchema>;
export type RangedValue = z.infer<typeof RangedValueSchema>;
export type Uncertainty = z.infer<typeof UncertaintySchema>;
export type ShockResult = z.infer<typeof ShockResultSchema>;
export type WorstEntry = z.infer<typeof WorstEntrySchema>;
export type WorstCase = z.infer<typeof WorstCaseSchema>;
