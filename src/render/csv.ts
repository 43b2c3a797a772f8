// CSV (RFC 4180), TSV and NDJSON of a command's tidy records (docs/csv.md): one header, one row
// per observation, raw numbers, empty for no data. Written row by row, so a large result never
// becomes one string.
import { sanitize } from './text.js';
import { rowValues, type Tidy, type Value } from './tidy.js';

/** A cell a spreadsheet would read as a number: left as it is. */
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The text of a cell for a spreadsheet: numbers and booleans as they are, no data as empty;
 * text that begins with = + - @ tab or carriage return gets a leading single quote (OWASP's
 * rule) unless it is a number ("-3" stays a number), then control characters are escaped.
 */
export function cellText(v: Value): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  const guarded = FORMULA_START.test(v) && !NUMBER.test(v) ? `'${v}` : v;
  return sanitize(guarded);
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * A TSV field cannot hold a tab or a line break (IANA text/tab-separated-values): a line break
 * in a value is written as a space (a tab was already escaped as \x09 by sanitize()).
 */
const tsvField = (s: string): string => (s.includes('\n') ? s.replace(/\n/g, ' ') : s);

export function* renderDelimited(t: Tidy, kind: 'csv' | 'tsv'): Generator<string> {
  const [sep, field, eol] = kind === 'csv' ? [',', csvField, '\r\n'] : ['\t', tsvField, '\n'];
  yield t.columns.map(([name]) => field(name)).join(sep) + eol;
  for (const values of rowValues(t)) yield values.map((v) => field(cellText(v))).join(sep) + eol;
}

/** One JSON object per line, keys in column order; strings as JSON escapes them. */
export function* renderNdjson(t: Tidy): Generator<string> {
  const names = t.columns.map(([name]) => name);
  for (const values of rowValues(t)) {
    const row: Record<string, Value> = {};
    names.forEach((n, i) => (row[n] = values[i]!));
    yield `${JSON.stringify(row)}\n`;
  }
}
