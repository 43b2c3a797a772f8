// Result objects of `scsr policies` (docs/scenarios.md#policies), declared once as zod schemas.
// The engine imports only the inferred types; output-schema.ts builds the JSON document from them.
import { z } from 'zod';
import { IMPACTS } from '../data/vocab.js';

const num = z.number();

export const ImpactRatingSchema = z.object({
  level: z.enum(IMPACTS),
  score: z.int().min(-2).max(2).describe('very-negative -2, negative -1, neutral 0, positive +1, very-positive +2'),
});

export const PolicyImpactSchema = z.object({
  number: z.int(),
  id: z.string(),
  title: z.string(),
  measures: z.array(z.string()),
  stages: z.array(z.string()),
  stagesInferred: z.boolean().describe('True when the stages are read from the measures, not stated by the source'),
  source: z.string(),
  impact: z
    .object({
      short: ImpactRatingSchema.nullable().describe('Short-term impact; null = a gap in the source'),
      long: ImpactRatingSchema.nullable().describe('Mid-to-long-term impact; null = a gap in the source'),
      text: z.array(z.string()),
      gap: z.string().nullable().describe('What the source leaves out (a row cut short): shown as a gap, never filled'),
      source: z.string(),
    })
    .nullable()
    .describe('The impact on the chosen country; null when the data give none for this policy'),
});

export const NetScoreSchema = z.object({
  horizon: z.enum(['short', 'long']),
  rated: z.int().describe('Policies with a rating for this horizon'),
  gaps: z.int().describe('Policies without one (gaps, or no impact for the country)'),
  sum: z.int(),
  mean: num.nullable().describe('sum / rated'),
  positive: z.int(),
  negative: z.int(),
  neutral: z.int(),
  positiveSum: z.int().describe('Sum of the positive scores'),
  negativeSum: z.int().describe('Sum of the negative scores (zero or below)'),
});

export const HeadlineSchema = z.object({
  horizon: z.literal('short'),
  positive: z.int(),
  negative: z.int(),
  positiveSum: z.int(),
  negativeSum: z.int(),
  outweighs: z.boolean().describe('Short-term positives outweigh negatives: positiveSum > |negativeSum| (docs/scenarios.md#headline)'),
});

export const SectorPoliciesSchema = z.object({
  sector: z.string(),
  name: z.string(),
  country: z.string(),
  policies: z.array(PolicyImpactSchema),
  totals: z.array(NetScoreSchema).describe('One entry per horizon asked for'),
  headline: HeadlineSchema,
});

export const PoliciesResultSchema = z.object({
  country: z.string(),
  horizon: z.enum(['short', 'long', 'both']),
  sectors: z.array(SectorPoliciesSchema),
  withoutImpacts: z.array(z.string()).describe('Sectors left out: no policies, or no impacts for the country'),
  overall: HeadlineSchema.describe('The headline over every sector shown'),
});

export type ImpactRating = z.infer<typeof ImpactRatingSchema>;
export type PolicyImpact = z.infer<typeof PolicyImpactSchema>;
export type NetScore = z.infer<typeof NetScoreSchema>;
export type Headline = z.infer<typeof HeadlineSchema>;
export type SectorPolicies = z.infer<typeof SectorPoliciesSchema>;
export type PoliciesResult = z.infer<typeof PoliciesResultSchema>;
export type Horizon = PoliciesResult['horizon'];
