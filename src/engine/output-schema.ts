// The JSON document of every command (docs/json.md), assembled from the engine's result
// schemas. The build writes schema/output.schema.json from OutputSchema; e2e tests validate
// each command's --json output against OUTPUT_SCHEMAS[command].
import { z } from 'zod';
import { SectorScoreSchema } from './results.js';
import {
  ChokepointListSchema,
  CountrySummarySchema,
  ExplanationSchema,
  FileReportSchema,
  SectorComparisonSchema,
  SectorExposureSchema,
  SectorSummarySchema,
  SourceUseSchema,
  StageSummarySchema,
  TrendSchema,
} from './results-commands.js';
import { ShockResultSchema, WorstCaseSchema } from './results-shock.js';
import { PoliciesResultSchema } from './results-policies.js';
import { DependenceResultSchema, EventListSchema } from './results-trade.js';

/** Every document starts with schemaVersion and command (the command's name). */
export const envelope = <C extends string>(command: C) => z.object({ schemaVersion: z.literal(2), command: z.literal(command) });

export const OUTPUT_SCHEMAS = {
  'list sectors': envelope('list sectors').extend({ sectors: z.array(SectorSummarySchema) }),
  'list countries': envelope('list countries').extend({ countries: z.array(CountrySummarySchema) }),
  stages: envelope('stages').extend({ sector: z.string(), name: z.string(), assessor: z.string().nullable(), stages: z.array(StageSummarySchema) }),
  sources: envelope('sources').extend({ sources: z.array(SourceUseSchema) }),
  validate: envelope('validate').extend({ valid: z.boolean().describe('Every file is valid'), files: z.array(FileReportSchema) }),
  // `score --trend` prints {trends} instead of {scores}.
  score: z.union([envelope('score').extend({ scores: z.array(SectorScoreSchema) }), envelope('score').extend({ trends: z.array(TrendSchema) })]),
  compare: envelope('compare').extend({ a: z.string(), b: z.string(), comparisons: z.array(SectorComparisonSchema) }),
  exposure: envelope('exposure').extend({ country: z.string(), to: z.string().nullable().describe('The partner asked for with --to'), sectors: z.array(SectorExposureSchema) }),
  chokepoints: envelope('chokepoints').extend(ChokepointListSchema.shape),
  explain: envelope('explain').extend(ExplanationSchema.shape),
  shock: z.discriminatedUnion('mode', [envelope('shock').extend(ShockResultSchema.shape), envelope('shock').extend(WorstCaseSchema.shape)]),
  policies: envelope('policies').extend(PoliciesResultSchema.shape),
  dependence: envelope('dependence').extend(DependenceResultSchema.shape),
  events: envelope('events').extend(EventListSchema.shape),
} satisfies Record<string, z.ZodType>;

export const OutputSchema = z.union(Object.values(OUTPUT_SCHEMAS) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
