// The model a command works on: the built-in data, plus user files from SCSR_DATA and --data.
import { delimiter } from 'node:path';
import { loadBuiltin } from '../data/builtin.js';
import { formatDataError } from '../data/errors.js';
import type { Model } from '../data/model.js';
import { ResolveError } from '../data/resolve.js';
import { CliError, EXIT, usageError } from './exit.js';

export interface DataOptions {
  data?: string[];
}

export function userDataPaths(opts: DataOptions): string[] {
  const env = process.env.SCSR_DATA;
  const fromEnv = env ? env.split(delimiter).filter(Boolean) : [];
  return [...fromEnv, ...(opts.data ?? [])];
}

export async function getModel(opts: DataOptions): Promise<Model> {
  const base = await loadBuiltin();
  const paths = userDataPaths(opts);
  if (paths.length === 0) return base;
  const { loadFiles } = await import('../data/load.js');
  const r = loadFiles(paths, base);
  if (r.model) return r.model;
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
