// Start the CLI (dist/cli.cjs) with a cache of its compiled code, which saves about 8 ms of
// every run; start-up time is benchmarked (`npm run bench`). bin/scsr.js only requires this.
//
// The cache lives per user (~/.cache/scsr, mode 0700), never in a shared temporary directory:
// a code cache is code. NODE_DISABLE_COMPILE_CACHE (or SCSR_NO_CACHE) turns it off. A cache
// that cannot be read or written only costs the time it would have saved. It is bounded: one
// file per command of the current build (keyed by the bundle's content hash); the files of
// other builds are removed when a new one is written.
import nodeModule from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import vm from 'node:vm';
import { cacheDisabled, cacheRoot, ensureDir, prune, writeAtomically } from '../data/cache-dir.js';
import { COMMAND_NAMES } from './command-names.js';

interface Cli {
  run(): void;
}

const CLI = path.join(__dirname, 'cli.cjs');

/** At most this many compile-cache files: one per command, and `other` for anything else. */
const MAX_CODE_CACHES = COMMAND_NAMES.length + 1;

/**
 * Node 20: load dist/cli.cjs as require() would, compiled with V8's code cache, as Node 22's
 * compile cache does. One cache file per command (each holds the functions its command ran),
 * reused while dist/cli.cjs and the Node version stay the same.
 */
function loadWithCodeCache(file: string): Cli {
  const code = fs.readFileSync(file, 'utf8');
  // V8 checks a cache against the length of the source only: the key is the content hash that
  // scripts/build.mjs appends (no hash, no cache).
  const buildId = /\/\/# buildId=([0-9a-f]+)\s*$/.exec(code.slice(-64))?.[1];
  let cacheFile: string | undefined;
  let cached: Buffer | undefined;
  const dir = cacheRoot();
  if (buildId && dir) {
    // Only scsr's own command names: a word typed by mistake (or a --data path) must not add a file.
    const word = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '';
    cacheFile = path.join(dir, `cli-${process.version}-${process.arch}-${buildId}-${COMMAND_NAMES.includes(word) ? word : 'other'}.v8`);
    try {
      cached = fs.readFileSync(cacheFile);
    } catch {
      // No cache directory, or no cache yet.
    }
  }
  // The wrapper require() puts around a CommonJS module, on the first line so line numbers stay.
  const source = `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
  const script = new vm.Script(source, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const mod = { exports: {} as Cli };
  script.runInThisContext()(mod.exports, nodeModule.createRequire(file), mod, file, path.dirname(file));
  if (cacheFile && (!cached || script.cachedDataRejected)) {
    const target = cacheFile;
    // After the run, so the cache holds the functions it compiled, not only the top level.
    process.once('exit', () => saveCache(target, script));
  }
  return mod.exports;
}

function saveCache(cacheFile: string, script: vm.Script): void {
  const dir = path.dirname(cacheFile);
  // No directory (HOME=/proc, a read-only disk): run without the cache, once, no retry.
  if (!ensureDir(dir)) return;
  // Caches of other builds or other Node versions are of no more use.
  const stamp = path.basename(cacheFile).replace(/-[a-z]+\.v8$/, '-');
  prune(dir, /^cli-.*\.v8$/, MAX_CODE_CACHES, (name) => !name.startsWith(stamp));
  // Written whole, then renamed: another scsr starting now reads the old cache or the new one.
  let data: Buffer;
  try {
    data = script.createCachedData();
  } catch {
    return;
  }
  writeAtomically(cacheFile, data);
}

function start(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || cacheDisabled()) return (require(CLI) as Cli).run();
  const withCache = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (withCache) {
    // Node 22.1+: Node's own compile cache, in the same per-user directory, which is made
    // here first: Node's own directory making is not trusted to give up (see ensureDir).
    const root = cacheRoot();
    const dir = root && path.join(root, 'node');
    if (dir && ensureDir(dir)) {
      try {
        withCache(dir);
      } catch {
        // no cache: run without
      }
    }
    return (require(CLI) as Cli).run();
  }
  loadWithCodeCache(CLI).run();
}

start();
