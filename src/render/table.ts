// Terminal tables (cli-table3) coloured by tone (chalk). Loaded only for table output.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { textOf, type Cell, type CellLike, type Tone, type View } from './view.js';

export interface TableOptions {
  /** Colours and bars on (a colour terminal) or off (piped, NO_COLOR, --no-color). */
  color: boolean;
  /** Terminal width in columns; bars shrink on narrow terminals. */
  width: number;
}

const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `width` cells for a 0-100 value, in eighths of a block. */
export function bar(value: number, width: number): string {
  const eighths = Math.round((Math.max(0, Math.min(100, value)) / 100) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8]!;
}

/**
 * Columns the table may fill: the terminal's width when stdout is a terminal; when it is not
 * (colour forced into a pipe, a screenshot script) COLUMNS from the environment, else 100.
 */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 100;
}

/** Cells of each bar for a terminal `columns` wide: none below 90 columns, where the table needs them all. */
export function barWidth(columns: number): number {
  return columns >= 140 ? 10 : columns >= 110 ? 8 : columns >= 90 ? 5 : 0;
}

function painter(chalk: ChalkInstance): Record<Tone, (s: string) => string> {
  return {
    good: chalk.green,
    ok: chalk.cyan,
    warn: chalk.yellow,
    bad: chalk.red,
    muted: chalk.dim,
    strong: chalk.bold,
    accent: chalk.magenta,
  };
}

export function renderTable(view: View, opts: TableOptions): string {
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const paint = painter(chalk);
  const bw = opts.color ? barWidth(opts.width) : 0;
  const show = (c: CellLike): string => {
    if (typeof c === 'string') return c;
    const { text, tone, bar: value } = c as Cell;
    const t = tone ? paint[tone](text) : text;
    return value !== undefined && bw > 0 ? `${t} ${paint[tone ?? 'muted'](bar(value, bw).padEnd(bw))}` : t;
  };
  const out: string[] = [];
  if (view.title) out.push(chalk.bold(view.title), '');
  for (const block of view.blocks) {
    if (block.title) out.push(chalk.bold(block.title));
    if (block.kind === 'table') {
      const t = new Table({
        head: block.columns.map((c) => c.header),
        colAligns: block.columns.map((c) => c.align ?? 'left'),
        style: { head: opts.color ? ['bold'] : [], border: opts.color ? ['grey'] : [], compact: false },
        wordWrap: true,
        wrapOnWordBoundary: true,
      });
      for (const row of block.rows) t.push(row.map(show));
      out.push(t.toString());
    } else {
      for (const l of block.lines) out.push(show(l));
    }
    out.push('');
  }
  return out.join('\n');
}

export { textOf };
