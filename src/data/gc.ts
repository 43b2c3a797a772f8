// Memory on large user data. V8 grows its heap by a factor of the live data at each full
// collection and lets the garbage of a long run pile up to that limit: reading the 13 MB of the
// scale benchmark and scoring its 200 sectors peaked at 3.3 times the memory of parsing the same
// files alone, with about 60 MB live. A smaller growth factor collects sooner, for a little
// time. Set once, on the paths that read large user data; small data and the built-in data
// never ask for it.

/** Total bytes of user data from which the heap grows more slowly (docs/data.md#limits). */
export const LARGE_DATA_BYTES = 4 * 1024 * 1024;

let set = false;

/** Let the heap grow by 40% over the live data at each full collection instead of V8's default. */
export function tightenHeapGrowth(): void {
  if (set) return;
  set = true;
  try {
    process.getBuiltinModule('node:v8').setFlagsFromString('--heap-growing-percent=40');
  } catch {
    // a runtime without the flag: memory as before
  }
}
