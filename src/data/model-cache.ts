// The cache of validated user data: the model that `--data` files give, merged over the
// built-in data, stored as JSON beside the compile cache (~/.cache/scsr/data-<key>.json), so
// that a second run on unchanged files reads JSON as the built-in data do, without yaml or zod.
//
// Keyed by content: the bytes of every file with its path (paths appear in messages and in
// `origins`), hashed by src/data/content-hash.ts, with the scsr version and the built-in model
// (by the size, time and inode of dist/builtin.json, which every build writes anew). A changed file is a new key, so it is
// validated again. The file carries a digest of its body: a truncated or altered entry is
// ignored and rebuilt. Bounded: the MAX_ENTRIES entries used last are kept, and a model larger
// than MAX_ENTRY_BYTES is not cached. Data that do not validate are never cached (their
// errors are reported on every run), nor are paths that cannot be read: a mistyped path adds
// nothing. Every failure here means "no cache" (src/data/cache-dir.ts).
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDisabled, cacheRoot, ensureDir, prune, writeAtomically } from './cache-dir.js';
import { checksum, ContentHash } from './content-hash.js';
import type { Model } from './model.js';
import type { ReadData } from './read-files.js';

/** Bump when the model's shape or this file's layout changes (the scsr version is in the key too). */
const FORMAT = 1;
export const MAX_ENTRIES = 8;
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
const ENTRY = /^data-[0-9a-f]{16}\.json$/;

export interface ModelCache {
  /** The cached model, or undefined (none yet, or unusable). */
  get(): Model | undefined;
  /** Store a model validated from exactly the bytes this cache was keyed by. */
  put(model: Model): void;
}


/**
 * The cache entry for these files over this built-in model, or undefined when there is to be
 * no cache: turned off (SCSR_NO_CACHE), no cache directory, running from source (no compiled
 * built-in model to key by), or a path that could not be read.
 */
export function modelCache(read: ReadData, builtinStamp: string | undefined, version: string): ModelCache | undefined {
  if (cacheDisabled() || builtinStamp === undefined) return undefined;
  if (read.pathErrors.length > 0 || read.files.some((f) => !f.bytes)) return undefined;
  const dir = cacheRoot();
  if (!dir) return undefined;
  const hash = new ContentHash();
  hash.update(`scsr data cache ${FORMAT} ${version} ${builtinStamp}`);
  for (const f of read.files) hash.update(f.file).update(f.bytes!);
  const key = hash.digest();
  const file = join(dir, `data-${key}.json`);
  return {
    get() {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        return undefined;
      }
      const nl = bytes.indexOf(10);
      if (nl < 0) return undefined;
      try {
        const header = JSON.parse(bytes.subarray(0, nl).toString()) as { format?: unknown; key?: unknown; length?: unknown; checksum?: unknown };
        const body = bytes.subarray(nl + 1);
        if (header.format !== FORMAT || header.key !== key || header.length !== body.length || header.checksum !== checksum(body)) return undefined;
        const model = JSON.parse(body.toString()) as Model;
        if (!model || typeof model !== 'object' || !Array.isArray(model.sectors) || !model.countries || !model.origins) return undefined;
        // Used now: pruning keeps the entries used last.
        try {
          const now = new Date();
          utimesSync(file, now, now);
        } catch {
          // a read-only cache still serves
        }
        return model;
      } catch {
        return undefined;
      }
    },
    put(model) {
      let body: Buffer;
      try {
        body = Buffer.from(JSON.stringify(model));
      } catch {
        return;
      }
      if (body.length > MAX_ENTRY_BYTES || !ensureDir(dir)) return;
      const header = Buffer.from(`${JSON.stringify({ format: FORMAT, key, length: body.length, checksum: checksum(body) })}\n`);
      writeAtomically(file, Buffer.concat([header, body]));
      prune(dir, ENTRY, MAX_ENTRIES);
    },
  };
}
