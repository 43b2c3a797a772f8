// Score a sector from a viewpoint: the chain evaluation (evaluate.ts) under the name the CLI
// and the library have always used.
import type { Model, Sector } from '../data/model.js';
import { defaultViewpoint, evaluateChain, type EvaluateOptions } from './evaluate.js';
import type { SectorScore } from './results.js';

export type ScoreOptions = EvaluateOptions;
export { defaultViewpoint };

export function scoreSector(model: Model, sector: Sector, options: ScoreOptions = {}): SectorScore {
  return evaluateChain(model, sector, options);
}
