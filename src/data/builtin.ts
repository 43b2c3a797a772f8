// The built-in model: data/*.yaml validated at build time and shipped as dist/builtin.json,
// so the common path reads one JSON file and loads neither yaml nor zod.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Model } from './model.js';

let cached: Model | undefined;

/** Where data/*.yaml live: beside dist/ in the package, two levels up from src/data in the repo. */
export function builtinDataDir(): string {
  for (const rel of ['../data/', '../../data/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}countries.yaml`)) return dir;
  }
  return fileURLToPath(new URL('../data/', import.meta.url));
}

/**
 * dist/builtin.json, read relative to this module. Bundled, this module may sit in dist/ or
 * in a shared chunk under dist/chunks/ (esbuild decides), so both places are tried.
 */
function readCompiled(): Model | undefined {
  for (const rel of ['./builtin.json', '../builtin.json']) {
    let text: string;
    try {
      text = readFileSync(new URL(rel, import.meta.url), 'utf8');
    } catch {
      continue;
    }
    return JSON.parse(text) as Model;
  }
  return undefined;
}

export async function loadBuiltin(): Promise<Model> {
  if (cached) return cached;
  const compiled = readCompiled();
  if (compiled) {
    cached = compiled;
    return cached;
  }
  // Running from source (tests, dev scripts): compile the YAML now.
  const { compileBuiltin } = await import('./compile.js');
  const r = compileBuiltin(builtinDataDir());
  if (!r.ok) throw new Error(`built-in data is invalid:\n${r.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.path} ${e.message}`).join('\n')}`);
  cached = r.value;
  return cached;
}
