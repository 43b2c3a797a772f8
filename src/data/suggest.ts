// "Did you mean" suggestions for unknown ids, codes and keys. No dependencies: used on the
// start-up path when a sector or country argument is mistyped.

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string
 * alignment), so the commonest typo, "kroea" for "korea", is as near as one wrong letter.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Up to `max` candidates close to `input`, nearest first (ties keep candidate order). */
export function suggest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const limit = Math.max(1, Math.floor(needle.length / 3));
  const scored: Array<[string, number]> = [];
  for (const c of new Set(candidates)) {
    const lower = c.toLowerCase();
    const prefix = needle.length >= 3 && lower.startsWith(needle);
    // The distance is at least the difference in length: most candidates need no table.
    if (!prefix && Math.abs(lower.length - needle.length) > limit) continue;
    const d = editDistance(needle, lower);
    if (d <= limit || prefix) scored.push([c, d]);
  }
  return scored.sort((x, y) => x[1] - y[1]).slice(0, max).map(([c]) => c);
}

/**
 * Suggestions already made, by input and candidates: a file may repeat one mistake in every
 * item of a long list (`sahre` for `share` in 100,000 values). Bounded, cleared when full.
 */
const made = new Map<string, string>();
const MADE_MAX = 10_000;

/** `; did you mean "kr" or "ke"?` or an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const list = [...candidates];
  const key = `${input}\u0000${list.join('\u0000')}`;
  let text = made.get(key);
  if (text === undefined) {
    text = formatSuggestions(suggest(input, list));
    if (made.size >= MADE_MAX) made.clear();
    made.set(key, text);
  }
  return text;
}

export function formatSuggestions(s: readonly string[]): string {
  if (s.length === 0) return '';
  const quoted = s.map((x) => `"${x}"`);
  return `; did you mean ${quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : quoted[0]}?`;
}
