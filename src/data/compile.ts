// Compile the built-in YAML into one JSON model (run by scripts/build.mjs; also used when
// running from source without a build).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from './errors.js';
import { compileModel } from './load.js';
import type { Model } from './model.js';

export function compileBuiltin(dir: string): Result<Model> {
  const names = readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort();
  // countries first is not required (countries files merge first) but keeps origins stable
  return compileModel(names.map((n) => join(dir, n)));
}
