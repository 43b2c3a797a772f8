// What a command hands to the table, CSV and Markdown renderers: text already decided by the
// command, plus hints (tone, bar) the renderer may show. JSON does not use views: it prints
// the engine's result object itself.

export type Tone = 'good' | 'ok' | 'warn' | 'bad' | 'muted' | 'strong' | 'accent';

export interface Cell {
  text: string;
  tone?: Tone;
  /** 0-100: drawn as a small block bar beside the text where the output is a colour terminal. */
  bar?: number;
}

export type CellLike = Cell | string;

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Plain column name for CSV (defaults to the header). */
  key?: string;
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
