// Where the built-in data/*.yaml live. Apart from builtin.ts so that the loader's side bundle
// can name a built-in file in a message without a copy of the built-in model's cache.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Beside dist/ in the package, two levels up from src/data in the repo. */
export function builtinDataDir(): string {
  for (const rel of ['../data/', '../../data/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}countries.yaml`)) return dir;
  }
  return fileURLToPath(new URL('../data/', import.meta.url));
}
