// Result objects of `scsr dependence` and `scsr events` (docs/json.md), declared once as zod
// schemas. The engine imports only the inferred types.
import { z } from 'zod';
import { EventEffectSchema } from './results.js';

const num = z.number();
const nullableNum = num.nullable();

export const DependenceHistorySchema = z.object({
  year: z.int(),
  period: z.object({ from: z.int(), to: z.int() }).nullable(),
  measure: z.string(),
  partial: z.boolean(),
  sharePct: nullableNum.describe('The partner\'s share of the imports in that list; null = not named (or named without a share)'),
  source: z.string(),
});

export const DependenceRowSchema = z.object({
  sector: z.string(),
  stage: z.string(),
  node: z.string().describe('Path of the node'),
  name: z.string(),
  partner: z.string(),
  partnerName: z.string(),
  sharePct: num.describe('The partner\'s share of the viewpoint\'s imports'),
  linePct: num,
  measured: z.boolean().describe('From import data (true) or estimated pro rata from world shares (false)'),
  year: z.int(),
  measure: z.string().describe('value or quantity (measured); `world shares` when estimated'),
  product: z.string().nullable(),
  hs: z.array(z.string()),
  source: z.string(),
  history: z.array(DependenceHistorySchema).describe('The partner\'s share in every import list of the node the data hold, oldest first'),
  events: z.array(EventEffectSchema).describe('Export restrictions of the partner that reach the viewpoint at this node'),
});

export const DependenceResultSchema = z.object({
  viewpoint: z.string(),
  viewpointName: z.string(),
  linePct: num,
  year: z.int().nullable(),
  measuredOnly: z.boolean(),
  rows: z.array(DependenceRowSchema),
  coverage: z
    .array(z.object({ sector: z.string(), nodes: z.int(), measured: z.int(), estimated: z.int() }))
    .describe('Per sector: nodes with data, and how many of them rest on import data'),
});

export const EventRowSchema = z.object({
  id: z.string(),
  imposedBy: z.string(),
  imposedByName: z.string(),
  aimedAt: z.array(z.string()),
  kind: z.string(),
  imposed: z.string(),
  lifted: z.string().nullable(),
  inForce: z.boolean(),
  uplift: num.describe('Its uplift at the reference date (docs/methodology.md#events)'),
  nodes: z.array(z.string()),
  hs: z.array(z.string()),
  products: z.string(),
  source: z.string(),
  note: z.string().nullable(),
});

export const EventListSchema = z.object({
  viewpoint: z.string().nullable(),
  sectors: z.array(z.string()),
  referenceDate: z.string(),
  events: z.array(EventRowSchema),
});

export type DependenceHistory = z.infer<typeof DependenceHistorySchema>;
export type DependenceRow = z.infer<typeof DependenceRowSchema>;
export type DependenceResult = z.infer<typeof DependenceResultSchema>;
export type EventRow = z.infer<typeof EventRowSchema>;
export type EventList = z.infer<typeof EventListSchema>;
