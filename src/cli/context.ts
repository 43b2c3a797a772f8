// The model a command works on: the built-in data, plus user files from SCSR_DATA and --data.
import { delimiter } from 'node:path';
import { compiledBuiltinStamp, loadBuiltin } from '../data/builtin.js';
import { formatDataError } from '../data/errors.js';
import type { Model } from '../data/model.js';
import { modelCache } from '../data/model-cache.js';
import { readPaths } from '../data/read-files.js';
import { ResolveError } from '../data/resolve.js';
import { CliError, EXIT, usageError } from './exit.js';
import { VERSION } from './version.js';

export interface DataOptions {
  data?: string[];
}

export function userDataPaths(opts: DataOptions): string[] {
  const env = process.env.SCSR_DATA;
  const fromEnv = env ? env.split(delimiter).filter(Boolean) : [];
  return [...fromEnv, ...(opts.data ?? [])];
}

/**
 * The built-in model, or it merged with the user's files. Unchanged user files are read from
 * the cache of validated data (src/data/model-cache.ts) without loading yaml or zod; otherwise
 * they are validated, and the model is cached when the command ends.
 */
export async function getModel(opts: DataOptions): Promise<Model> {
  const paths = userDataPaths(opts);
  if (paths.length === 0) return loadBuiltin();
  const read = readPaths(paths);
  const cache = modelCache(read, compiledBuiltinStamp(), VERSION);
  const hit = cache?.get();
  if (hit) return hit;
  const base = await loadBuiltin();
  const { loadFilesAsync } = await import('../data/load.js');
  const r = await loadFilesAsync(read, base);
  if (r.model) {
    const model = r.model;
    // After the output: the first run pays for the write, not for a later first line.
    if (cache) process.once('exit', () => cache.put(model));
    return model;
  }
  const io = r.errors.every((e) => e.io);
  const count = r.errors.length;
  throw new CliError(
    `${count} error${count === 1 ? '' : 's'} in user data (run \`scsr validate ${paths.join(' ')}\` for a per-file report)`,
    io ? EXIT.io : EXIT.invalidData,
    r.errors.map(formatDataError),
  );
}

/** Run a resolver, turning its error into a usage error. */
export function resolveOrUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ResolveError) throw usageError(e.message);
    throw e;
  }
}
