// What a command hands to the table and Markdown renderers: text already decided by the
// command, plus hints (tone, bar, column priority) the renderer may use. JSON prints the
// engine's result object itself; CSV, TSV and NDJSON print the command's tidy records
// (tidy.ts). A renderer never computes a figure: it lays out, colours and sanitises.

export type Tone = 'good' | 'ok' | 'warn' | 'bad' | 'muted' | 'strong' | 'accent';

export interface Cell {
  /** The text; `\n` breaks a line inside the cell. */
  text: string;
  tone?: Tone;
  /** 0-100: drawn as a small block bar beside the text where the output is a colour terminal. */
  bar?: number;
}

export type CellLike = Cell | string;

/**
 * A column of a table. How a table is fitted to the terminal (docs/output.md#tables): headers
 * give way to `short`, text wraps at spaces, `prose` columns move under their row, and columns
 * are left out by ascending `priority`.
 */
export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** A shorter header for narrow terminals ("Weighted mean" → "Mean"). */
  short?: string;
  /**
   * How much the column matters when the terminal is narrow, from 1 up to 9 (fractions allowed):
   * columns are left out lowest first (ties: the rightmost first); 9 (the default) is never
   * left out. docs/output.md lists the order of every command.
   */
  priority?: number;
  /** Long text (diagnoses, impacts, sources): shown under its row, full width, when the table is too narrow for it. */
  prose?: boolean;
}

export interface TableBlock {
  kind: 'table';
  title?: string;
  columns: Column[];
  rows: CellLike[][];
}

export interface LinesBlock {
  kind: 'lines';
  title?: string;
  lines: CellLike[];
}

export type Block = TableBlock | LinesBlock;

export interface View {
  title?: string;
  blocks: Block[];
}

export const cell = (text: string, tone?: Tone, bar?: number): Cell => ({ text, ...(tone ? { tone } : {}), ...(bar !== undefined ? { bar } : {}) });
export const textOf = (c: CellLike): string => (typeof c === 'string' ? c : c.text);
export const table = (columns: Column[], rows: CellLike[][], title?: string): TableBlock => ({ kind: 'table', columns, rows, ...(title ? { title } : {}) });
export const lines = (ls: CellLike[], title?: string): LinesBlock => ({ kind: 'lines', lines: ls, ...(title ? { title } : {}) });
