// The per-user cache directory (~/.cache/scsr), shared by the compile cache of the CLI's code
// (src/cli/boot.ts) and the cache of validated user data (src/data/model-cache.ts). A cache is
// an optimisation only: every failure here means "no cache", never an error and never a retry.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `SCSR_NO_CACHE=1` turns both caches off (NODE_DISABLE_COMPILE_CACHE the compile cache alone). */
export function cacheDisabled(): boolean {
  const v = process.env.SCSR_NO_CACHE;
  return v !== undefined && v !== '' && v !== '0';
}

/** Where the cache lives, or undefined when there is no home to put it in. */
export function cacheRoot(): string | undefined {
  let base = process.env.XDG_CACHE_HOME;
  if (!base) {
    if (process.platform === 'win32') base = process.env.LOCALAPPDATA;
    else {
      let home: string;
      try {
        home = os.homedir();
      } catch {
        return undefined;
      }
      if (!home) return undefined;
      base = path.join(home, process.platform === 'darwin' ? 'Library/Caches' : '.cache');
    }
  }
  return base ? path.join(base, 'scsr') : undefined;
}

/**
 * Make `dir` and its missing parents (mode 0700), one level at a time; true when it exists as
 * a directory afterwards. Not `mkdirSync(dir, { recursive: true })`: under HOME=/proc,
 * mkdir of /proc/.cache fails with ENOENT although /proc exists, and Node's recursive mkdir
 * (20.x) answers that by retrying for ever. Here each level is tried once.
 */
export function ensureDir(dir: string, mode = 0o700): boolean {
  const missing: string[] = [];
  let at = path.resolve(dir);
  // A path has fewer levels than this; the bound only makes the loop's end obvious.
  for (let level = 0; ; level++) {
    if (level > 256) return false;
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(at, { throwIfNoEntry: false });
    } catch {
      return false;
    }
    if (st) {
      if (!st.isDirectory()) return false;
      break;
    }
    missing.push(at);
    const up = path.dirname(at);
    if (up === at) return false;
    at = up;
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d, { mode });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    }
  }
  return true;
}

/**
 * Remove the files of `dir` matching `pattern` beyond the newest `keep` (by modification
 * time), and every one `stale` says is stale: the cache stays bounded whatever is run.
 */
export function prune(dir: string, pattern: RegExp, keep: number, stale: (name: string) => boolean = () => false): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => pattern.test(n));
  } catch {
    return;
  }
  const entries: Array<{ name: string; mtime: number }> = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (stale(name)) fs.rmSync(file, { force: true });
      else entries.push({ name, mtime: fs.statSync(file).mtimeMs });
    } catch {
      // gone already (another scsr pruned it)
    }
  }
  entries.sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1));
  for (const { name } of entries.slice(keep)) {
    try {
      fs.rmSync(path.join(dir, name), { force: true });
    } catch {
      // as above
    }
  }
}

/** Write a file whole, then rename it over `file`: a reader sees the old file or the new one. */
export function writeAtomically(file: string, data: string | Uint8Array): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
    return true;
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing more to do
    }
    return false;
  }
}
