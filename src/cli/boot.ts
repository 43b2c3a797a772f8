// Start the CLI (dist/cli.cjs) with a cache of its compiled code, which saves about 8 ms of
// every run; start-up time is benchmarked (`npm run bench`). bin/scsr.js only requires this.
//
// The cache lives per user (~/.cache/scsr, mode 0700), never in a shared temporary directory:
// a code cache is code. NODE_DISABLE_COMPILE_CACHE turns it off. A cache that cannot be read or
// written only costs the time it would have saved.
import nodeModule from 'node:module';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import vm from 'node:vm';

interface Cli {
  run(): void;
}

const CLI = path.join(__dirname, 'cli.cjs');

function cacheDir(): string {
  const base =
    process.env.XDG_CACHE_HOME ||
    (process.platform === 'win32' ? process.env.LOCALAPPDATA : path.join(os.homedir(), process.platform === 'darwin' ? 'Library/Caches' : '.cache'));
  if (!base) throw new Error('no cache directory');
  return path.join(base, 'scsr');
}

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
  if (buildId) {
    try {
      const command = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '';
      cacheFile = path.join(cacheDir(), `cli-${process.version}-${process.arch}-${buildId}-${/^[a-z]+$/.test(command) ? command : 'other'}.v8`);
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
  try {
    const dir = path.dirname(cacheFile);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Caches of other builds or other Node versions are of no more use.
    const stamp = path.basename(cacheFile).replace(/-[a-z]+\.v8$/, '-');
    for (const name of fs.readdirSync(dir)) if (/^cli-.*\.v8$/.test(name) && !name.startsWith(stamp)) fs.rmSync(path.join(dir, name), { force: true });
    // Written whole, then renamed: another scsr starting now reads the old cache or the new one.
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
  } catch {
    // A read-only or full disk: run without the cache.
  }
}

function start(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return (require(CLI) as Cli).run();
  const withCache = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (withCache) {
    // Node 22.1+: Node's own compile cache, in the same per-user directory.
    try {
      withCache(path.join(cacheDir(), 'node'));
    } catch {
      // no cache directory: run without
    }
    return (require(CLI) as Cli).run();
  }
  loadWithCodeCache(CLI).run();
}

start();
