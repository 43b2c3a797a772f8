// The built-in model: data/*.yaml validated at build time and shipped as dist/builtin.json,
// so the common path reads one JSON file and loads neither yaml nor zod.
import { readFileSync } from 'node:fs';
import { builtinDataDir } from './builtin-dir.js';
import type { Model } from './model.js';

export { builtinDataDir };

let cached: Model | undefined;

function readCompiled(): Model | undefined {
  const text = compiledBuiltinText();
  return text === undefined ? undefined : (JSON.parse(text) as Model);
}

let compiledText: string | null | undefined;

/**
 * The text of dist/builtin.json (read once), or undefined when running from source. Read
 * relative to this module: bundled, it may sit in dist/ or in a shared chunk under
 * dist/chunks/ (esbuild decides), so both places are tried.
 */
export function compiledBuiltinText(): string | undefined {
  if (compiledText === undefined) {
    compiledText = null;
    for (const rel of ['./builtin.json', '../builtin.json']) {
      try {
        compiledText = readFileSync(new URL(rel, import.meta.url), 'utf8');
        break;
      } catch {
        // try the next place
      }
    }
  }
  return compiledText ?? undefined;
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
