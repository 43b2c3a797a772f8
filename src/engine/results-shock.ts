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
  ownSharePct: nullableNum.describe('Viewpoint\'s share of world supply in the list (0 when not named; null without a world list)'),
  foreignSharePct: num.describe('Share of the viewpoint\'s own supply that comes from abroad (docs/scenarios.md#viewpoint)'),
  foreignFrom: z.enum(['net-import-reliance', 'demand', 'world-share', 'supply-list', 'assumed']).describe('What foreignSharePct rests on'),
  measured: z.boolean().describe('Partner shares of the imports from import data (true) or pro rata to world shares (false)'),
  foreignLostPct: num.describe('Share of the viewpoint\'s imports lost to the shock, before spare capacity'),
  afterPct: num.describe('Viewpoint\'s supply after the shock, percent of its pre-shock supply (spare included, at most 100)'),
  afterLowPct: nullableNum.describe('Lower bound when a target is named without a share: as if it held all of the unattributed imports'),
});

export const NodeShockSchema = z.object({
  id: z.string(),
  path: z.string(),
  name: z.string(),
  parent: z.string().nullable(),
  depth: z.int(),
  use: z.enum(['consumable', 'capital']),
  essential: z.boolean(),
  timeToImpactMonths: nullableNum.describe('consumable: the inventory the data give (0 without); capital: null, current output goes on (a cut stops growth and replacement)'),
  snapshot: SnapshotRefSchema.nullable(),
  noData: z.string().nullable(),
  shocked: z.boolean().describe('Whether the shock applies here (--stage)'),
  unknownShareTargets: z.array(z.string()).describe('Targets named here without a share: their loss is unknown (see afterLowPct)'),
  shockedSharePct: nullableNum.describe('Pre-shock world share of the shocked suppliers'),
  lostPct: nullableNum.describe('World capacity lost: sum of loss x share over the shocked suppliers'),
  spareAddedPct: nullableNum.describe('Capacity added by unshocked suppliers from spare capacity (at most lostPct)'),
  afterPct: nullableNum.describe('World capacity of this node\'s own list after the shock, percent of before'),
  afterLowPct: nullableNum.describe('Lower bound when a target is named without a share: as if it held all of the unattributed rest'),
  viewpoint: ViewpointShockSchema.nullable(),
  tree: z
    .object({
      afterPct: nullableNum.describe('This node with everything under it: the minimum over its own list and its essential children (Leontief), long run'),
      binding: z.array(z.string()).describe('Path(s) of the node(s) at that minimum'),
      viewpointAfterPct: nullableNum,
      viewpointBinding: z.array(z.string()),
    })
    .describe('The node as a tree: what it still delivers when all it needs is counted'),
});

export const StageShockSchema = NodeShockSchema.extend({
  order: z.int(),
  inputs: z.array(NodeShockSchema),
});

export const BindingSchema = z.object({
  stage: z.string(),
  name: z.string().describe('The stage\'s name'),
  node: z.string().describe('Path of the binding node'),
  nodeName: z.string(),
  input: z.string().nullable().describe('The binding input\'s id; null when the stage\'s own list binds'),
  use: z.enum(['consumable', 'capital']),
  timeToImpactMonths: nullableNum,
  afterPct: num,
});

export const ThroughputPointSchema = z.object({
  months: num.describe('Months after the cut'),
  afterPct: num,
  binding: z.array(BindingSchema),
});

export const ThroughputSchema = z.object({
  beforePct: nullableNum.describe('Chain throughput before the shock (100 when any stage has data)'),
  afterPct: nullableNum.describe('Long run: the minimum over every essential node (Leontief), capital goods included once the installed base is gone'),
  afterLowPct: nullableNum.describe('Lower bound when targets are named without a share somewhere'),
  lostPct: nullableNum,
  binding: z.array(BindingSchema).describe('The node(s) that set the long-run throughput (more than one = a tie; empty when nothing is lost)'),
  immediatePct: nullableNum.describe('Right after the cut: only consumables without inventory count; capital goods keep running'),
  timeline: z.array(ThroughputPointSchema).describe('Throughput as consumables run out of inventory: one point per inventory length (months 0 first)'),
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
  world: PercentilesSchema.nullable().describe('World chain throughput after the shock (long run)'),
  viewpoint: PercentilesSchema.nullable().describe('Viewpoint chain throughput after the shock (long run)'),
  stages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      throughput: PercentilesSchema.nullable().describe('Percentiles of the stage capacity (percent) after the shock (tree minimum)'),
      modelledRisk: PercentilesSchema.nullable().describe('Modelled risk 0-100 from the viewpoint on the sampled (pre-shock) shares, weakest-link lens'),
    }),
  ),
});

export const ShockResultSchema = z.object({
  mode: z.literal('shock'),
  sector: z.string(),
  name: z.string(),
  viewpoint: z.string(),
  viewpointName: z.string(),
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
  worldImmediatePct: nullableNum,
  worldBinding: z.array(BindingSchema),
  viewpointAfterPct: nullableNum,
  viewpointLostPct: nullableNum,
  viewpointBinding: z.array(BindingSchema),
});

export const WorstCaseSchema = z.object({
  mode: z.literal('worst'),
  sector: z.string(),
  name: z.string(),
  viewpoint: z.string(),
  viewpointName: z.string(),
  year: z.int().nullable(),
  basis: z.string().nullable(),
  lossPct: num,
  sparePct: num,
  shockedStages: z.array(z.string()),
  candidates: z.int().describe('Countries and regions named in the lists used (world and import), each cut off in turn'),
  top: z.int(),
  byWorld: z.array(WorstEntrySchema).describe('Ranked by long-run world chain throughput lost, most first; ties by viewpoint loss, then id'),
  byViewpoint: z.array(WorstEntrySchema).describe('Ranked by the viewpoint\'s chain throughput lost'),
  singlePointOfFailure: WorstEntrySchema.nullable().describe('The target whose loss costs the world the most throughput (null when none costs anything)'),
});

export type ShockTarget = z.infer<typeof ShockTargetSchema>;
export type ViewpointShock = z.infer<typeof ViewpointShockSchema>;
export type NodeShock = z.infer<typeof NodeShockSchema>;
/** @deprecated v1 name. */
export type ItemShock = NodeShock;
export type StageShock = z.infer<typeof StageShockSchema>;
export type Binding = z.infer<typeof BindingSchema>;
export type ThroughputPoint = z.infer<typeof ThroughputPointSchema>;
export type Throughput = z.infer<typeof ThroughputSchema>;
export type Percentiles = z.infer<typeof PercentilesSchema>;
export type RangedValue = z.infer<typeof RangedValueSchema>;
export type Uncertainty = z.infer<typeof UncertaintySchema>;
export type ShockResult = z.infer<typeof ShockResultSchema>;
export type WorstEntry = z.infer<typeof WorstEntrySchema>;
export type WorstCase = z.infer<typeof WorstCaseSchema>;
