// Parsing large user data on two threads. Reading YAML is most of the time of a large --data
// run (the 13 MB of the scale benchmark: about 11 s of 19 on one thread) and it goes file by
// file: a worker thread parses part of the files while the main thread parses the rest. Only
// for large data (LARGE_DATA_BYTES) on a machine with more than one core: a worker costs about
// 50 ms to start. Anything wrong with the worker and its files are parsed here, as before.
import type { DataError } from './errors.js';
import type { CountriesData } from './model.js';
import type { ReadFile } from './read-files.js';

/** What crosses between threads for one file: the parse result without its locator (a closure). */
export type ThreadResult<T> = { ok: true; value: T } | { ok: false; errors: DataError[] };

/**
 * The worker requires the loader bundle this module is part of and posts each file's result as
 * soon as it has it: the worker's heap then never holds its half of the data (holding it
 * until the end, plus the copy the main thread receives, put the benchmark over twice the memory).
 * Written for either module system: an eval'd worker is an ES module where the process was
 * started with --input-type=module, and has no require() there.
 */
const WORKER = `
const { workerData, parentPort } = process.getBuiltinModule('node:worker_threads');
try {
  const { parseInThread } = process.getBuiltinModule('node:module').createRequire(workerData.bundle)(workerData.bundle);
  workerData.files.forEach((f, i) => parentPort.postMessage({ i, result: parseInThread(f, workerData.countries) }));
  parentPort.postMessage({ done: true });
} catch (e) {
  parentPort.postMessage({ failed: String(e && e.message) });
}`;

/** The loader bundle (dist/load.cjs) a worker can require; undefined when running from source (unit tests). */
function bundlePath(): string | undefined {
  const url = import.meta.url;
  if (!url.startsWith('file:') || !url.endsWith('.cjs')) return undefined;
  return process.getBuiltinModule('node:url').fileURLToPath(url);
}

/** Whether to parse on a second thread: more than one core, the bundle to run, and not SCSR_THREADS=1 (docs/data.md#limits). */
export function threadsAllowed(): boolean {
  if (process.env.SCSR_THREADS === '1') return false;
  return process.getBuiltinModule('node:os').availableParallelism() > 1 && bundlePath() !== undefined;
}

/**
 * Which files the main thread parses and which the worker does: two shares of about equal
 * bytes (largest file first, each to the lighter share), each in file order.
 */
export function splitFiles(files: readonly ReadFile[]): { mine: number[]; theirs: number[] } {
  const order = files.map((f, i) => ({ i, n: f.bytes?.length ?? 0 })).sort((a, b) => b.n - a.n || a.i - b.i);
  const mine: number[] = [];
  const theirs: number[] = [];
  let a = 0;
  let b = 0;
  for (const { i, n } of order) {
    if (a <= b) {
      mine.push(i);
      a += n;
    } else {
      theirs.push(i);
      b += n;
    }
  }
  return { mine: mine.sort((x, y) => x - y), theirs: theirs.sort((x, y) => x - y) };
}

/**
 * Parse `files` on a worker thread with the loader's `parseInThread`. Resolves to one result
 * per file, in order, or to undefined when the worker could not do it (the caller then parses them).
 */
export function parseOnThread<T>(files: ReadonlyArray<{ file: string; bytes: Buffer }>, countries: CountriesData): Promise<Array<ThreadResult<T>> | undefined> {
  const bundle = bundlePath();
  if (!bundle || files.length === 0) return Promise.resolve(undefined);
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return new Promise((resolve) => {
    let worker: InstanceType<typeof Worker>;
    try {
      // stdout and stderr: true keeps anything the worker might print off the user's streams.
      worker = new Worker(WORKER, { eval: true, workerData: { bundle, files, countries }, stdout: true, stderr: true });
    } catch {
      resolve(undefined);
      return;
    }
    const results: Array<ThreadResult<T>> = [];
    let received = 0;
    const finish = (value: Array<ThreadResult<T>> | undefined): void => {
      resolve(value);
      void worker.terminate();
    };
    worker.on('message', (m: { i?: number; result?: ThreadResult<T>; done?: boolean }) => {
      if (m.result && m.i !== undefined) {
        results[m.i] = m.result;
        received++;
      } else finish(m.done && received === files.length ? results : undefined);
    });
    // Resolving twice is harmless: the first answer stands.
    worker.once('error', () => finish(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
