// The data model, as zod schemas. Every TypeScript type of the model is inferred from
// here (docs/data.md describes the same format for people; schema/*.json is generated
// from these schemas by scripts/build.mjs). Imported only on paths that read YAML.
import { z } from 'zod';
import { DEPENDENCY_KINDS, EVENT_KINDS, IMPACTS, NODE_USES, RATINGS, SHARE_BASES, SHARE_METRICS, TRADE_MEASURES } from './vocab.js';

const text = z.string().trim().min(1);
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes (e.g. "leading-edge-logic")');
export const countryCode = z
  .string()
  .regex(/^[a-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in lower case (e.g. "kr")');
const year = z.int().min(1950).max(2100);
const percent = z.number().min(0).max(100);
const fraction = z.number().min(0).max(1);

/** A publication a figure comes from. Cited by `id` from every figure that uses it. */
export const SourceSchema = z.strictObject({
  id,
  publisher: text,
  title: text,
  year,
  url: text.optional().describe('Address the figure was read at'),
  seed: text.optional().describe('File name in ../shared/sources/ when the source is one of the seed files'),
  location: text.optional().describe('Page, table, exhibit or row in the source'),
  secondary: z.boolean().optional().describe('True when the address read quotes the primary publisher named here'),
  note: text.optional(),
});

export const RatingSchema = z.strictObject({
  value: z.enum(RATINGS),
  basis: text.describe("The sentence of the source the rating rests on, verbatim"),
  inferred: z.boolean().describe('True when the rating is read from wording rather than stated by the source'),
  note: text.optional(),
  source: id,
});


/** One supplier's share in a snapshot: a country or a region (regions stay regions). */
export const ShareValueSchema = z
  .strictObject({
    country: countryCode.optional(),
    region: id.optional(),
    share: z
      .union([percent, z.literal('unknown')])
      .describe('Point value in percent of the total; see `stated`, `low` and `high` for bounds. `unknown`: the source names the supplier without a share'),
    stated: text.optional().describe('The figure as the source states it when it is a bound or approximate: ">75", "<10", "~70", "70-90"'),
    low: percent.optional(),
    high: percent.optional(),
    note: text.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.country === undefined) === (v.region === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of country or region' });
    }
    if (v.share === 'unknown') {
      for (const key of ['stated', 'low', 'high'] as const) {
        if (v[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is not allowed with `share: unknown`' });
      }
      return;
    }
    if (v.low !== undefined && v.low > v.share) {
      ctx.addIssue({ code: 'custom', path: ['low'], message: `must not exceed share (${v.low} > ${v.share})` });
    }
    if (v.high !== undefined && v.high < v.share) {
      ctx.addIssue({ code: 'custom', path: ['high'], message: `must not be below share (${v.high} < ${v.share})` });
    }
  });

/** Years a multi-year figure covers (an average over a period is not the figure of one year). */
export const PeriodSchema = z
  .strictObject({ from: year, to: year })
  .refine((p) => p.from <= p.to, { message: '`from` must not be after `to`' });

/** `year` or `period`, exactly one; `year` is then filled from `period.to` (the recency of the figure). */
function yearOrPeriod<T extends { year?: number | undefined; period?: { from: number; to: number } | undefined }>(v: T, ctx: z.RefinementCtx): void {
  if ((v.year === undefined) === (v.period === undefined)) {
    ctx.addIssue({ code: 'custom', message: v.year === undefined ? 'needs `year` or `period`' : 'needs `year` or `period`, not both' });
  }
}
const withYear = <T extends { year?: number | undefined; period?: { from: number; to: number } | undefined }>(v: T): T & { year: number } => ({
  ...v,
  year: v.year ?? v.period!.to,
});

/** The shares of one stage or input, for one year (or period), on one basis, from one source. */
export const SnapshotSchema = z.strictObject({
  year: year.optional(),
  period: PeriodSchema.optional().describe('Years a multi-year average covers, instead of `year`'),
  projection: z.boolean().optional().describe('True for forecasts; never picked unless --year asks for that year'),
  metric: z.enum(SHARE_METRICS),
  basis: z.enum(SHARE_BASES).describe('location = where the plant or mine is; headquarters = nationality of the firms; ownership = who controls it'),
  measure: text.optional().describe('What exactly is measured, in the source\'s words'),
  source: id,
  tolerance: z.number().min(0).max(5).optional().describe('Allowed excess over 100 when the source rounds small shares up (default 1)'),
  note: text.optional(),
  values: z.array(ShareValueSchema).min(1),
}).superRefine(yearOrPeriod).transform(withYear);

/** Market size of a node, for the value-weighted lens (docs/methodology.md#aggregation). */
export const NodeValueSchema = z.strictObject({
  millions: z.number().positive().describe('Size in millions of `currency`'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code in upper case (e.g. "USD")'),
  year,
  source: id,
  inferred: z.boolean().optional().describe('True when the size is derived (a share of a larger market, a sum) rather than stated'),
  note: text.optional(),
});

export const InventorySchema = z.strictObject({
  value: z.number().min(0).max(120).describe('Months of supply held in inventory'),
  year,
  source: id,
  note: text.optional(),
});

/** Keys a stage and an input share: the node of the chain's tree. */
const nodeKeys = {
  value: NodeValueSchema.optional(),
  use: z.enum(NODE_USES).optional().describe('consumable: output stops when inventory runs out; capital: the installed base keeps running (default: inherited, else consumable)'),
  inventoryMonths: InventorySchema.optional(),
};

export const InputSchema = z.strictObject({
  id,
  name: text,
  aliases: z.array(text).optional(),
  description: text.optional(),
  parent: id.optional().describe('Another input of the same stage this one is a part or kind of; absent = a child of the stage'),
  relation: z
    .enum(['part', 'kind'])
    .optional()
    .describe('part (default): an input the parent is made from, a separate activity; kind: a segment or type of the parent, which the parent\'s own list aggregates'),
  ...nodeKeys,
  essential: z.boolean().optional().describe('false: shown, but never the binding node (default true)'),
  material: id.optional().describe('The raw material this node is a stage of (links mining and refining of one material)'),
  shares: z.array(SnapshotSchema).min(1).optional(),
  note: text.optional(),
});

export const StageSchema = z.strictObject({
  id,
  name: text,
  aliases: z.array(text).optional(),
  description: text.optional(),
  rating: RatingSchema.optional(),
  diagnoses: z.array(text).optional().describe("The source's diagnoses for this stage (KIET Tables 1 and 3)"),
  diagnosesSource: id.optional(),
  ...nodeKeys,
  shares: z.array(SnapshotSchema).optional(),
  inputs: z.array(InputSchema).optional(),
  demand: z.array(SnapshotSchema).optional().describe('Shares of world demand (market side), kept apart from supply'),
  note: text.optional(),
});

export const DependencySchema = z.strictObject({
  id,
  kind: z.enum(DEPENDENCY_KINDS).describe('supply: the country needs what others make; market: it needs others as buyers'),
  country: countryCode.describe('The country that depends'),
  on: z.array(countryCode).min(1),
  stage: id,
  input: id.optional(),
  text: text.describe("The source's words"),
  source: id,
  inferred: z.boolean().optional(),
});

export const ImpactSchema = z.strictObject({
  country: countryCode,
  short: z.enum(IMPACTS).optional().describe('Short-term impact'),
  long: z.enum(IMPACTS).optional().describe('Mid-to-long-term impact'),
  text: z.array(text).default([]),
  gap: text.optional().describe('What the source leaves out (a cut-off table row): kept as a gap, never filled in'),
  source: id,
});

export const PolicySchema = z.strictObject({
  id,
  number: z.int().min(1),
  title: text,
  measures: z.array(text).min(1),
  stages: z.array(id).describe('Stages the policy touches'),
  stagesInferred: z.boolean().optional().describe('True when the stages are read from the measures, not stated'),
  source: id,
  impacts: z.array(ImpactSchema).optional(),
});

export const SectorSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  name: text,
  aliases: z.array(text).optional(),
  description: text.optional(),
  assessor: countryCode.optional().describe('The country whose self-assessment the stage ratings are'),
  sources: z.array(SourceSchema).min(1),
  stages: z.array(StageSchema).min(1),
  dependencies: z.array(DependencySchema).optional(),
  policies: z.array(PolicySchema).optional(),
});

export const GovernanceSchema = z.strictObject({
  wgi: z.number().min(-2.5).max(2.5).describe('World Bank WGI, mean of the six estimates (about -2.5 weak to 2.5 strong)'),
  year,
  source: id,
});

export const CountrySchema = z.strictObject({
  code: countryCode,
  name: text,
  aliases: z.array(text).optional(),
  governance: GovernanceSchema.optional(),
});

export const GroupSchema = z.strictObject({
  id,
  name: text,
  kind: z.enum(['alliance', 'partnership', 'bloc', 'forum']),
  members: z.array(countryCode).min(1),
  year,
  source: id,
  note: text.optional(),
});

export const RegionSchema = z.strictObject({
  id,
  name: text,
  aliases: z.array(text).optional(),
  members: z.array(countryCode).optional().describe('Countries the region covers, where the sources define it'),
  residual: z.boolean().optional().describe('True for "Other", "Rest of world", "Various countries": unattributed supply'),
});

export const ConcernSchema = z.strictObject({
  viewpoint: countryCode,
  countries: z.array(countryCode).min(1),
  text: text,
  source: id,
});

export const SupplierRiskSchema = z.strictObject({
  allyGroups: z.array(id).describe('Groups whose shared membership makes two countries allies'),
  allyFactor: fraction.describe('Multiplier on an ally\'s governance risk'),
  concernWeight: fraction.describe('Weight of a country of concern'),
  unknownWeight: fraction.describe('Weight of a supplier without governance data, and of unattributed supply'),
  overrides: z
    .array(z.strictObject({ from: countryCode, to: z.union([countryCode, id]), weight: fraction, note: text }))
    .optional(),
});

export const CountriesSchema = z.strictObject({
  $schema: z.string().optional(),
  sources: z.array(SourceSchema).optional(),
  countries: z.array(CountrySchema).optional(),
  regions: z.array(RegionSchema).optional(),
  groups: z.array(GroupSchema).optional(),
  concerns: z.array(ConcernSchema).optional(),
  supplierRisk: SupplierRiskSchema.partial().optional(),
});

// ---------------------------------------------------------------------------------------------
// Trade files (docs/data.md#trade-files): a viewpoint's import sources, net import reliance and
// export-restriction events, each tied to a node of a sector.

/** A country code or a region id (`eu`): who imports. */
const viewpointId = id.describe('A country code or a region id (e.g. "kr", "eu")');
const nodeRef = {
  sector: id,
  stage: id,
  input: id.optional().describe('Absent: the stage node itself'),
};
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'must be a real date');

/** Partner shares of a viewpoint's imports (or of its whole supply) of one node. */
export const ImportListSchema = z.strictObject({
  viewpoint: viewpointId,
  ...nodeRef,
  product: text.optional().describe("What the figure covers, in the source's words"),
  hs: z.array(z.string().regex(/^\d{2,4}(\.\d{2,6})?$/, 'must be an HS code such as "2504" or "2504.10"')).optional(),
  of: z.enum(['imports', 'supply']).default('imports').describe('imports: shares of the imports; supply: shares of the whole supply, domestic included (EU CRM sourcing)'),
  measure: z.enum(TRADE_MEASURES).describe('value or quantity: one measure per list'),
  year: year.optional(),
  period: PeriodSchema.optional(),
  partial: z.boolean().optional().describe('True when the figure covers part of a year (say the reason in `note`)'),
  tolerance: z.number().min(0).max(5).optional(),
  source: id,
  note: text.optional(),
  values: z.array(ShareValueSchema).min(1),
}).superRefine(yearOrPeriod).transform(withYear);

/** Net import reliance: (imports − exports) / apparent consumption, in percent. */
export const RelianceSchema = z.strictObject({
  viewpoint: viewpointId,
  ...nodeRef,
  product: text.optional(),
  percent: percent.describe('Net import reliance in percent of apparent consumption (0 for a net exporter)'),
  stated: text.optional().describe('The figure as the source states it: ">75", "E" (net exporter)'),
  low: percent.optional(),
  high: percent.optional(),
  year,
  source: id,
  note: text.optional(),
});

/** An export restriction: who imposed it on whom, on what, when. */
export const EventSchema = z.strictObject({
  id,
  imposedBy: countryCode,
  aimedAt: z.array(z.union([countryCode, z.literal('all')])).min(1).describe('Countries the measure targets, or `all`'),
  kind: z.enum(EVENT_KINDS),
  imposed: isoDate,
  lifted: isoDate.optional(),
  nodes: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/, 'must be a node path "sector/stage" or "sector/stage/input"'))
    .min(1),
  hs: z.array(z.string().regex(/^\d{2,4}(\.\d{2,6})?$/, 'must be an HS code such as "2504" or "2504.10"')).optional(),
  products: text.describe("What the measure covers, in the source's words"),
  source: id,
  note: text.optional(),
}).refine((e) => e.lifted === undefined || e.lifted >= e.imposed, { message: '`lifted` must not be before `imposed`', path: ['lifted'] });

export const TradeSchema = z.strictObject({
  $schema: z.string().optional(),
  sources: z.array(SourceSchema).optional(),
  imports: z.array(ImportListSchema).optional(),
  reliance: z.array(RelianceSchema).optional(),
  events: z.array(EventSchema).optional(),
});

export type Source = z.infer<typeof SourceSchema>;
export type Rating = z.infer<typeof RatingSchema>;
export type RatingValue = (typeof RATINGS)[number];
export type ShareValue = z.infer<typeof ShareValueSchema>;
export type Snapshot = z.infer<typeof SnapshotSchema>;
export type Input = z.infer<typeof InputSchema>;
export type NodeValue = z.infer<typeof NodeValueSchema>;
export type Inventory = z.infer<typeof InventorySchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type ImportList = z.infer<typeof ImportListSchema>;
export type Reliance = z.infer<typeof RelianceSchema>;
export type TradeEvent = z.infer<typeof EventSchema>;
export type TradeFile = z.infer<typeof TradeSchema>;
export type Stage = z.infer<typeof StageSchema>;
export type Dependency = z.infer<typeof DependencySchema>;
export type ImpactLevel = (typeof IMPACTS)[number];
export type Impact = z.infer<typeof ImpactSchema>;
export type Policy = z.infer<typeof PolicySchema>;
export type Sector = z.infer<typeof SectorSchema>;
export type Country = z.infer<typeof CountrySchema>;
export type Group = z.infer<typeof GroupSchema>;
export type Region = z.infer<typeof RegionSchema>;
export type Concern = z.infer<typeof ConcernSchema>;
export type SupplierRisk = z.infer<typeof SupplierRiskSchema>;
export type CountriesFile = z.infer<typeof CountriesSchema>;
