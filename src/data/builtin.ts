// The built-in model: data/*.yaml validated at build time and shipped as dist/builtin.json,
// so the common path reads one JSON file and loads neither yaml nor zod.
import { readFileSync, statSync } from 'node:fs';
import { builtinDataDir } from './builtin-dir.js';
import type { Model } from './model.js';

export { builtinDataDir };

let cached: Model | undefined;

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

/**
 * What identifies dist/builtin.json without reading it: its size and modification time (the
 * build writes it anew). Undefined when running from source. The cache of validated user
 * data is keyed by it (src/data/model-cache.ts).
 */
export function compiledBuiltinStamp(): string | undefined {
  for (const rel of ['./builtin.json', '../builtin.json']) {
    const st = statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false });
    if (st?.isFile()) return `${st.size}:${st.mtimeMs}:${st.ino}`;
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
