// Tidy records: what CSV, TSV and NDJSON print (docs/csv.md). Each command turns its result
// object into one table of this shape: one row per observation, named and typed columns, raw
// numbers, null for no data. The renderers only write them out.

export type ColumnType = 'string' | 'number' | 'boolean';
type ValueOf<T extends ColumnType> = T extends 'number' ? number : T extends 'boolean' ? boolean : string;
export type Value = string | number | boolean | null;

export interface Tidy {
  /** Column names and types, in order. */
  columns: ReadonlyArray<readonly [string, ColumnType]>;
  /** Rows keyed by column name; read once, so they may be produced lazily (a generator). */
  rows: Iterable<Readonly<Record<string, Value>>>;
}

/**
 * A tidy table from its columns (`{ sector: 'string', share_pct: 'number' }`, in order) and its
 * rows; each row must give every column a value of the column's type, or null for no data.
 */
export function tidy<const C extends Record<string, ColumnType>>(columns: C, rows: Iterable<{ [K in keyof C]: ValueOf<C[K]> | null }>): Tidy {
  return { columns: Object.entries(columns) as Array<[string, ColumnType]>, rows: rows as Iterable<Record<string, Value>> };
}

/**
 * The rows as arrays of values in column order, checked: a key that is not a column, or a value
 * of the wrong type, is a programmer error (it would put text in a numeric column).
 */
export function* rowValues(t: Tidy): Generator<Value[]> {
  const names = new Set(t.columns.map(([name]) => name));
  for (const row of t.rows) {
    for (const key of Object.keys(row)) if (!names.has(key)) throw new Error(`tidy row has a key that is not a column: ${key}`);
    yield t.columns.map(([name, type]) => {
      const v = row[name];
      if (v === null || v === undefined) return null;
      if (typeof v !== type || (type === 'number' && !Number.isFinite(v))) throw new Error(`tidy column ${name} is ${type}, got ${typeof v} ${String(v)}`);
      return v;
    });
  }
}

/** A list in one cell: items joined with "; ", empty for an empty list (docs/csv.md#lists). */
export const joinList = (items: readonly string[]): string => items.join('; ');
