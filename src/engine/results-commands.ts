// Result objects of the catalogue and relation commands (list, stages, sources, validate,
// compare, exposure, chokepoints, explain, score --trend), declared once as zod schemas. The
// engine imports only the inferred types (no zod at run time); output-schema.ts assembles each
// command's JSON document from them, docs/json.md documents them, and the e2e tests validate
// every --json output against them.
import { z } from 'zod';
import { SourceSchema } from '../data/schema.js';
import { DEPENDENCY_KINDS, RATINGS } from '../data/vocab.js';
import { EventEffectSchema, ExposureSchema, NodeScoreSchema, RiskSchema } from './results.js';

const num = z.number();
const nullableNum = num.nullable();
const method = z.enum(['blended', 'eu-crm', 'rating']);

// --- list sectors, list countries, stages, sources (catalog.ts) ---

export const SectorSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  stages: z.int().describe('Number of stages'),
  assessor: z.string().nullable().describe('The country whose self-assessment the stage ratings are'),
  origin: z.string().describe('`built-in` or the user file the sector was read from'),
  sources: z.int().describe('Number of sources the sector cites'),
  description: z.string().nullable(),
});

export const CountrySummarySchema = z.object({
  code: z.string().describe('ISO 3166-1 alpha-2, lower case'),
  name: z.string(),
  aliases: z.array(z.string()),
  groups: z.array(z.string()).describe('Ids of the groups (alliances, partnerships) the country belongs to'),
  governance: z.object({ wgi: num, year: z.int(), source: z.string() }).nullable().describe('World Bank WGI mean; null = no data'),
  concernOf: z.array(z.string()).describe('Viewpoints that list the country as a country of concern'),
});

export const RegionSummarySchema = z.object({
  id: z.string().describe('Region id, as written in `region:` of a share list'),
  name: z.string(),
  aliases: z.array(z.string()),
  members: z.array(z.string()).describe('Member countries where the sources define them; [] when they do not'),
  residual: z.boolean().describe('True for the unattributed rest of the world ("Other", "Rest of world")'),
});

export const StageSummarySchema = z.object({
  order: z.int(),
  id: z.string(),
  name: z.string(),
  rating: z
    .object({ value: z.enum(RATINGS), inferred: z.boolean(), basis: z.string(), source: z.string() })
    .nullable()
    .describe("The assessor's rating; inferred = read from wording rather than stated"),
  diagnoses: z.array(z.string()),
  inputs: z.array(z.string()).describe('Ids of the key inputs scored inside the stage'),
  snapshots: z.int().describe('Share lists held for the stage and its inputs'),
});

export const SourceUseSchema = z.object({
  number: z.int().describe('Stable number: sector by sector in file order, then the countries sources'),
  sector: z.string().nullable().describe('null = a source of the countries data'),
  id: z.string(),
  publisher: z.string(),
  title: z.string(),
  year: z.int(),
  url: z.string().nullable(),
  seed: z.string().nullable(),
  secondary: z.boolean(),
  supplies: z.object({
    stages: z.array(z.string()),
    inputs: z.array(z.string()).describe('`stage/input`'),
    countries: z.array(z.string()),
    figures: z.int(),
    other: z.array(z.string()),
  }),
});

// --- validate (src/cli/commands/validate.ts) ---

export const FileReportSchema = z.object({
  file: z.string(),
  kind: z.enum(['sector', 'countries', 'trade', 'criticality']).nullable().describe('null when the file could not be read or recognised'),
  id: z.string().nullable().describe('Sector id, `countries`, `trade` or `criticality`'),
  valid: z.boolean(),
  errors: z.array(
    z.object({
      line: z.int().describe('1-based; 0 when the file could not be read'),
      col: z.int(),
      path: z.string().describe('Path inside the document, e.g. stages[2].shares[0].values[1].share'),
      message: z.string(),
      text: z.string().describe('The one-line form `file:line:col: path message`'),
    }),
  ),
});

// --- exposure, compare, chokepoints (relations.ts) ---

export const ExposureDetailSchema = z.object({
  stage: z.string(),
  node: z.string().describe('Path of the node'),
  name: z.string(),
  ofImportsPct: nullableNum.describe('The partner\'s share of the viewpoint\'s imports of the node; null = named without a share'),
  ofSupplyPct: nullableNum.describe('The partner\'s share of the viewpoint\'s supply of the node'),
  sharePct: nullableNum.describe('The partner\'s share of world supply of the node'),
  measured: z.boolean(),
  source: z.string().nullable().describe('The import list\'s source when measured, else the world list\'s'),
  year: z.int().nullable(),
});

export const SectorExposureSchema = z.object({
  sector: z.string(),
  name: z.string(),
  viewpoint: z.string(),
  exposures: z.array(ExposureSchema),
  detail: z.array(ExposureDetailSchema).describe('With --to: every node the partner supplies'),
});

const CompareSideSchema = z.object({
  sharePct: nullableNum.describe("The country's share of world supply in the stage's own list; 0 when not listed; null when the stage has no list of its own"),
  listed: z.boolean(),
  risk: nullableNum,
  riskBasis: z.enum(['blended', 'modelled', 'rating', 'eu-crm']).nullable().describe('blended: the rating enters (the assessor\'s viewpoint); modelled: the model alone'),
  binding: z.array(z.object({ path: z.string(), name: z.string() })).describe('The node(s) that set this side\'s stage risk'),
});

const RelianceAtSchema = z.object({
  pct: nullableNum.describe('The other country\'s highest share of this one\'s supply at any node of the stage; null = no data'),
  node: z.string().nullable(),
  nodeName: z.string().nullable(),
  measured: z.boolean(),
});

export const CompareStageSchema = z.object({
  stage: z.string(),
  name: z.string(),
  a: CompareSideSchema,
  b: CompareSideSchema,
  aReliesOnB: RelianceAtSchema,
  bReliesOnA: RelianceAtSchema,
});

export const CompareNodeSchema = z.object({
  stage: z.string(),
  node: z.string(),
  name: z.string(),
  depth: z.int(),
  a: z.object({ sharePct: nullableNum, listed: z.boolean(), risk: nullableNum }),
  b: z.object({ sharePct: nullableNum, listed: z.boolean(), risk: nullableNum }),
  aReliesOnBPct: nullableNum,
  bReliesOnAPct: nullableNum,
  measured: z.object({ a: z.boolean(), b: z.boolean() }),
});

export const NamedDependencySchema = z.object({
  id: z.string(),
  kind: z.enum(DEPENDENCY_KINDS),
  country: z.string(),
  on: z.array(z.string()),
  stage: z.string(),
  input: z.string().nullable(),
  text: z.string().describe("The source's words"),
  source: z.string(),
});

export const SectorComparisonSchema = z.object({
  sector: z.string(),
  name: z.string(),
  a: z.string(),
  b: z.string(),
  stages: z.array(CompareStageSchema),
  nodes: z.array(CompareNodeSchema).describe('Every node, the same node on both sides'),
  weakestLink: z.object({ a: z.string().nullable(), b: z.string().nullable() }),
  resilience: z.object({ a: nullableNum, b: nullableNum }),
  reliance: z.object({
    aOnBMaxPct: num,
    aOnBStage: z.string().nullable(),
    aOnBNode: z.string().nullable(),
    bOnAMaxPct: num,
    bOnAStage: z.string().nullable(),
    bOnANode: z.string().nullable(),
  }),
  dependencies: z.object({ aOnB: z.array(NamedDependencySchema), bOnA: z.array(NamedDependencySchema) }),
  relation: z.enum(['mutual', 'a-relies-on-b', 'b-relies-on-a', 'independent']),
  verdict: z.string(),
  bases: z
    .array(
      z.object({
        basis: z.string(),
        stages: z.array(
          z.object({
            stage: z.string(),
            aSharePct: nullableNum.describe("a's share of world supply at the stage on this basis (its own list, else the node that binds)"),
            bSharePct: nullableNum,
            aReliesOnBPct: nullableNum,
            bReliesOnAPct: nullableNum,
          }),
        ),
      }),
    )
    .describe('With --bases: the same comparison read on each basis, side by side (location: where the plants are; ownership and headquarters: whose firms)'),
});

export const ChokepointRowSchema = z.object({
  sector: z.string(),
  stage: z.string(),
  node: z.string().describe('Path of the node'),
  input: z.string().nullable(),
  name: z.string(),
  kind: z.enum(['global', 'single-country']),
  supplier: z.string(),
  supplierName: z.string(),
  sharePct: num,
  thresholdPct: num,
  measured: z.boolean().describe('single-country: from import data (true) or estimated from world shares (false)'),
  year: z.int(),
  projection: z.boolean(),
  basis: z.string().describe('The world list\'s basis, or `imports` for a measured single-country line'),
  source: z.string(),
});

export const ChokepointListSchema = z.object({
  thresholdPct: num,
  viewpoint: z.string().nullable(),
  chokepoints: z.array(ChokepointRowSchema),
  counts: z
    .array(z.object({ supplier: z.string(), name: z.string(), global: z.int(), singleCountry: z.int() }))
    .describe('Chokepoints held per supplier, most first'),
});

// --- explain (explain.ts) ---

export const ExplainStepSchema = z.object({
  label: z.string(),
  formula: z.string(),
  value: z.union([num, z.string()]).nullable(),
});

export const ExplainSupplierSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['country', 'region', 'rest']),
  domestic: z.boolean(),
  sharePct: nullableNum.describe('Share of world supply in the world list; null = not in it, or named without a share'),
  stated: z.string().nullable(),
  lowPct: nullableNum,
  highPct: nullableNum,
  ofImportsPct: nullableNum.describe('Share of the viewpoint\'s imports (measured or estimated); null for domestic supply and unknown shares'),
  ofSupplyPct: nullableNum.describe('Share of the viewpoint\'s whole supply: the s of the risk formula, in percent'),
  measured: z.boolean(),
  weight: num,
  baseWeight: num,
  weightRule: z.string(),
  wgi: nullableNum,
  governanceSource: z.string().nullable(),
  allies: z.array(z.string()),
  concern: z.boolean(),
  events: z.array(EventEffectSchema),
  riskPoints: num,
  wgiScaled: nullableNum,
});

export const ExplanationSchema = z.object({
  sector: z.string(),
  stage: z.string(),
  node: z.string().describe('Path of the node explained: the stage, or `stage/input`'),
  name: z.string(),
  viewpoint: z.string(),
  method,
  lens: z.enum(['weakest-link', 'value-weighted']),
  year: z.int().nullable(),
  referenceDate: z.string(),
  source: z.object({ ...SourceSchema.shape, used: z.string() }).nullable().describe('The source of the world list used'),
  importSource: z.object({ ...SourceSchema.shape, used: z.string() }).nullable().describe('The source of the import list used'),
  rating: z
    .object({ value: z.string(), inferred: z.boolean(), basis: z.string(), source: z.string(), risk: num })
    .nullable(),
  suppliers: z.array(ExplainSupplierSchema),
  children: z
    .array(z.object({ path: z.string(), name: z.string(), essential: z.boolean(), risk: nullableNum, value: nullableNum, currency: z.string().nullable() }))
    .describe('The node\'s children with their risks (weakest-link lens) and values'),
  steps: z.array(ExplainStepSchema),
  parameters: z.record(z.string(), z.union([num, z.array(z.string())])),
  score: NodeScoreSchema,
  stageRisk: RiskSchema,
});

// --- score --trend (trend.ts) ---

export const TrendSchema = z.object({
  sector: z.string(),
  name: z.string(),
  viewpoint: z.string(),
  method,
  years: z.array(z.object({ year: z.int(), projection: z.boolean() })),
  stages: z.array(z.object({ id: z.string(), name: z.string(), risks: z.array(nullableNum).describe('One per year, in the order of years') })),
  weakestLinks: z.array(z.string().nullable()).describe('One per year'),
});

export type SectorSummary = z.infer<typeof SectorSummarySchema>;
export type CountrySummary = z.infer<typeof CountrySummarySchema>;
export type RegionSummary = z.infer<typeof RegionSummarySchema>;
export type StageSummary = z.infer<typeof StageSummarySchema>;
export type SourceUse = z.infer<typeof SourceUseSchema>;
export type FileReport = z.infer<typeof FileReportSchema>;
export type SectorExposure = z.infer<typeof SectorExposureSchema>;
export type ExposureDetail = z.infer<typeof ExposureDetailSchema>;
export type CompareNode = z.infer<typeof CompareNodeSchema>;
export type CompareStage = z.infer<typeof CompareStageSchema>;
export type NamedDependency = z.infer<typeof NamedDependencySchema>;
export type SectorComparison = z.infer<typeof SectorComparisonSchema>;
export type ChokepointRow = z.infer<typeof ChokepointRowSchema>;
export type ChokepointList = z.infer<typeof ChokepointListSchema>;
export type ExplainStep = z.infer<typeof ExplainStepSchema>;
export type ExplainSupplier = z.infer<typeof ExplainSupplierSchema>;
export type Explanation = z.infer<typeof ExplanationSchema>;
export type Trend = z.infer<typeof TrendSchema>;
