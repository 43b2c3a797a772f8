// The JSON document of every command (docs/json.md), assembled from the engine's result
// schemas. The build writes schema/output.schema.json from OutputSchema; e2e tests validate
// each command's --json output against OUTPUT_SCHEMAS[command].
import { z } from 'zod';
import { SectorScoreSchema } from './results.js';

/** Every document starts with schemaVersion and command (the command's name). */
export const envelope = <C extends string>(command: C) => z.object({ schemaVersion: z.literal(1), command: z.literal(command) });

export const OUTPUT_SCHEMAS = {
  score: envelope('score').extend({ scores: z.array(SectorScoreSchema) }),
} satisfies Record<string, z.ZodType>;

export const OutputSchema = z.union(Object.values(OUTPUT_SCHEMAS) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
