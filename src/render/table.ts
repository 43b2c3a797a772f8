// Terminal tables, fitted to the terminal's width, coloured by tone when a Style (paint.ts,
// chalk) is given. The rules (docs/output.md#tables):
//
//   width: the terminal's columns when stdout is a terminal, else COLUMNS when set, else no
//   limit (piped output is for programs; --wide also lifts it).
//   A table wider than that is fitted in this order, stopping as soon as it fits:
//     1. headers give way to their short form;
//     2. text wraps at spaces (numbers never do);
//     3. prose columns (diagnoses, impacts, sources) move under their row, full width;
//     4. columns are left out by ascending priority (ties: the rightmost first), and a line
//        under the table names them;
//     5. what still does not fit is cut inside words.
//
// No borders and no row separators: columns are two spaces apart, a rule under the header.
import { displayWidth, longestWord, sanitize, textWidth, wrapText } from './text.js';
import { textOf, type Cell, type CellLike, type Column, type LinesBlock, type TableBlock, type Tone, type View } from './view.js';

/** How tones and headers look on a colour terminal (paint.ts). */
export interface Style {
  tone: Record<Tone, (s: string) => string>;
  header: (s: string) => string;
}

export interface TableOptions {
  /** Colours and bars on a colour terminal (paint.ts); null when piped, with NO_COLOR or --no-color. */
  style: Style | null;
  /** Columns available; Infinity = no limit. */
  width: number;
}

const same = (s: string): string => s;
const PLAIN: Style = { tone: { good: same, ok: same, warn: same, bad: same, muted: same, strong: same, accent: same }, header: same };

const GAP = 2;
/** A prose column narrower than this (and than its text) moves under its row. */
const PROSE_MIN = 32;
/** Longest word kept whole when a left-aligned column wraps; longer ones (URLs) may be cut. */
const WORD_CAP = 24;
const NEVER_DROPPED = 9;

const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `width` cells for a 0-100 value, in eighths of a block. */
export function bar(value: number, width: number): string {
  const eighths = Math.round((Math.max(0, Math.min(100, value)) / 100) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8]!;
}

/**
 * Columns a table may fill: the terminal's width when stdout is a terminal; when it is not,
 * COLUMNS from the environment (a positive whole number), else no limit (Infinity).
 */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const fromEnv = env.COLUMNS;
  return fromEnv !== undefined && /^\d+$/.test(fromEnv) && Number(fromEnv) > 0 ? Number(fromEnv) : Infinity;
}

/** Cells of each bar for a table `columns` wide: none below 90 columns, where the table needs them all. */
export function barWidth(columns: number): number {
  return columns >= 140 ? 10 : columns >= 110 ? 8 : columns >= 90 ? 5 : 0;
}

type Paint = Record<Tone, (s: string) => string>;

/** How a table is laid out at a width: which columns, how wide, which moved under their rows. */
export interface Layout {
  shown: number[];
  widths: number[];
  headers: string[];
  prose: number[];
  dropped: number[];
  /** False when every column shows whole at its natural width. */
  fitted: boolean;
}

/** The lowest priority first; among equals the rightmost. */
function leastImportant(cols: Column[], candidates: number[]): number {
  let pick = candidates[0]!;
  for (const i of candidates) if ((cols[i]!.priority ?? NEVER_DROPPED) <= (cols[pick]!.priority ?? NEVER_DROPPED)) pick = i;
  return pick;
}

/** wrapText, remembered per text and width: fitting tries several widths, and rendering uses the last. */
function memoWrap(): (text: string, width: number) => string[] {
  const memo = new Map<string, string[]>();
  return (text, width) => {
    const key = `${width}\u0000${text}`;
    let lines = memo.get(key);
    if (!lines) memo.set(key, (lines = wrapText(text, width)));
    return lines;
  };
}

/** Fit columns of plain cell texts into `width` (the rules at the top of this file). */
export function layout(cols: Column[], cells: string[][], width: number, wrap: (text: string, width: number) => string[] = memoWrap()): Layout {
  const n = cols.length;
  const all = [...Array(n).keys()];
  const natural = (headers: string[]) =>
    all.map((i) => {
      let w = textWidth(headers[i]!);
      for (const r of cells) w = Math.max(w, textWidth(r[i]!));
      return w;
    });
  const full = cols.map((c) => c.header);
  const naturalFull = natural(full);
  const total = (idx: number[], w: number[]) => idx.reduce((s, i) => s + w[i]!, 0) + GAP * Math.max(0, idx.length - 1);
  if (total(all, naturalFull) <= width) return { shown: all, widths: naturalFull, headers: full, prose: [], dropped: [], fitted: false };

  // 1. short headers
  const headers = cols.map((c) => c.short ?? c.header);
  const nat = natural(headers);
  // 2. the narrowest each column wraps to: its longest word; in left-aligned text a word longer
  // than WORD_CAP (an address) may be cut, in a right-aligned column (numbers) never
  const floor = all.map((i) => {
    let words = 0;
    for (const r of cells) words = Math.max(words, longestWord(r[i]!));
    return Math.max(longestWord(headers[i]!), cols[i]!.align === 'right' ? words : Math.min(words, WORD_CAP));
  });
  let shown = all;
  const prose: number[] = [];
  const dropped: number[] = [];
  const without = (i: number) => shown.filter((x) => x !== i);
  // Lines each row takes at the given widths (the tallest cell), and at natural widths.
  const height = (w: number[]) => cells.reduce((sum, r) => sum + shown.reduce((h, i) => Math.max(h, wrap(r[i]!, w[i]!).length), 1), 0);
  const naturalHeight = cells.reduce((sum, r) => sum + all.reduce((h, i) => Math.max(h, r[i]!.split('\n').length), 1), 0);
  for (;;) {
    const need = total(shown, floor);
    if (need <= width) {
      const widths = distribute(shown, floor, nat, width - GAP * Math.max(0, shown.length - 1));
      // 3. a prose column squeezed narrower than it reads well goes under its row
      const cramped = shown.filter((i) => cols[i]!.prose && widths[i]! < Math.min(nat[i]!, PROSE_MIN));
      if (cramped.length) {
        const i = leastImportant(cols, cramped);
        prose.push(i);
        shown = without(i);
        continue;
      }
      // 3-4. wrapping that adds more than a line per row on average makes a table hard to read:
      // prose goes under its row, then the least important column is left out
      if (height(widths) - naturalHeight > cells.length) {
        const proseShown = shown.filter((i) => cols[i]!.prose);
        const droppable = shown.filter((i) => (cols[i]!.priority ?? NEVER_DROPPED) < NEVER_DROPPED);
        if (proseShown.length || droppable.length) {
          const i = leastImportant(cols, proseShown.length ? proseShown : droppable);
          (proseShown.length ? prose : dropped).push(i);
          shown = without(i);
          continue;
        }
      }
      return { shown, widths, headers, prose, dropped, fitted: true };
    }
    const proseShown = shown.filter((i) => cols[i]!.prose);
    if (proseShown.length) {
      const i = leastImportant(cols, proseShown);
      prose.push(i);
      shown = without(i);
      continue;
    }
    // 4. leave out the least important column
    const droppable = shown.filter((i) => (cols[i]!.priority ?? NEVER_DROPPED) < NEVER_DROPPED);
    if (droppable.length) {
      const i = leastImportant(cols, droppable);
      dropped.push(i);
      shown = without(i);
      continue;
    }
    // 5. cut inside words: narrow the widest column one at a time
    const widths = [...floor];
    while (total(shown, widths) > width) {
      const widest = shown.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
      if (widths[widest]! <= 1) break;
      widths[widest]!--;
    }
    return { shown, widths, headers, prose, dropped, fitted: true };
  }
}

/**
 * Widths from each column's floor up to its natural width: the room left is shared equally
 * among the columns that want more (water-filling), so a short column gets all it needs before
 * a long one takes the rest. Fewer wrapped lines than sharing in proportion to what each wants.
 */
function distribute(shown: number[], floor: number[], natural: number[], room: number): number[] {
  const widths = [...floor];
  let extra = room - shown.reduce((s, i) => s + floor[i]!, 0);
  const want = (i: number) => Math.max(0, natural[i]! - widths[i]!);
  let wanting = shown.filter((i) => want(i) > 0);
  while (extra > 0 && wanting.length) {
    const fair = Math.max(1, Math.floor(extra / wanting.length));
    for (const i of wanting) {
      const add = Math.min(want(i), fair, extra);
      widths[i]! += add;
      extra -= add;
    }
    wanting = wanting.filter((i) => want(i) > 0);
  }
  return widths;
}

interface Painted {
  text: string;
  tone?: Tone;
}

export function renderTable(view: View, opts: TableOptions): string {
  const style = opts.style ?? PLAIN;
  const paint = style.tone;
  const out: string[] = [];
  const width = opts.width;
  const wrapped = (text: string, tone: Tone | undefined, indent = '') =>
    wrapText(sanitize(text), width - indent.length).map((l) => indent + (tone ? paint[tone](l) : l));
  if (view.title) out.push(...wrapped(view.title, 'strong'), '');
  for (const block of view.blocks) {
    if (block.title) out.push(...wrapped(block.title, 'strong'));
    if (block.kind === 'table') out.push(...tableLines(block, opts, style));
    else out.push(...linesBlock(block, width, paint));
    out.push('');
  }
  return out.join('\n');
}

function linesBlock(block: LinesBlock, width: number, paint: Paint): string[] {
  const out: string[] = [];
  for (const l of block.lines) {
    const tone = typeof l === 'string' ? undefined : l.tone;
    for (const line of wrapText(sanitize(textOf(l)), width)) out.push(tone ? paint[tone](line) : line);
  }
  return out;
}

function tableLines(block: TableBlock, opts: TableOptions, style: Style): string[] {
  const paint = style.tone;
  const cols = block.columns;
  const cellOf = (row: CellLike[], i: number): Painted => {
    const c = row[i] ?? '';
    return typeof c === 'string' ? { text: sanitize(c) } : { text: sanitize((c as Cell).text), ...(c.tone ? { tone: c.tone } : {}) };
  };
  const base = block.rows.map((row) => cols.map((_, i) => cellOf(row, i)));
  // Bars beside values on a colour terminal, when the table fits with them.
  const withBars = (bw: number): Painted[][] =>
    block.rows.map((row, r) =>
      cols.map((_, i) => {
        const c = row[i];
        const p = base[r]![i]!;
        if (bw === 0 || typeof c !== 'object' || c.bar === undefined) return p;
        return { ...p, text: `${p.text} ${bar(c.bar, bw).padEnd(bw)}` };
      }),
    );
  const bw = opts.style ? barWidth(opts.width) : 0;
  const wrap = memoWrap();
  let cells = withBars(bw);
  let fit = layout(cols, cells.map((r) => r.map((c) => c.text)), opts.width, wrap);
  if (bw > 0 && fit.fitted) {
    cells = withBars(0);
    fit = layout(cols, cells.map((r) => r.map((c) => c.text)), opts.width, wrap);
  }
  const { shown, widths, headers, prose, dropped } = fit;
  const out: string[] = [];
  const join = (parts: string[]) => parts.join(' '.repeat(GAP)).replace(/ +$/, '');
  const rowLines = (texts: Painted[], bold: boolean): string[] => {
    const wrappedCells = shown.map((i, k) => wrap(texts[k]!.text, widths[i]!));
    const height = Math.max(1, ...wrappedCells.map((w) => w.length));
    const lines: string[] = [];
    for (let l = 0; l < height; l++) {
      lines.push(
        join(
          shown.map((i, k) => {
            const text = wrappedCells[k]![l] ?? '';
            const align = cols[i]!.align ?? 'left';
            const tone = texts[k]!.tone;
            const painted = bold ? style.header(text) : tone ? paint[tone](text) : text;
            const gap = ' '.repeat(Math.max(0, widths[i]! - displayWidth(text)));
            return align === 'right' ? gap + painted : painted + gap;
          }),
        ),
      );
    }
    return lines;
  };
  out.push(...rowLines(shown.map((i) => ({ text: sanitize(headers[i]!) })), true));
  out.push(paint.muted(join(shown.map((i) => '─'.repeat(widths[i]!)))));
  const indent = ' '.repeat(Math.min(shown.length ? widths[shown[0]!]! + GAP : 0, 8));
  for (const row of cells) {
    out.push(...rowLines(shown.map((i) => row[i]!), false));
    for (const i of [...prose].sort((a, b) => a - b)) {
      const c = row[i]!;
      if (!c.text.trim()) continue;
      const label = sanitize(cols[i]!.header);
      const room = opts.width - indent.length;
      const body = c.text.includes('\n')
        ? [`${label}:`, ...wrapText(c.text.split('\n').map((l) => `  ${l}`).join('\n'), room)]
        : wrapText(`${label}: ${c.text}`, room);
      for (const l of body) out.push(indent + (c.tone ? paint[c.tone](l) : l));
    }
  }
  if (dropped.length) {
    const names = [...dropped].sort((a, b) => a - b).map((i) => cols[i]!.header);
    out.push(...wrapText(`(left out to fit ${opts.width} columns: ${names.join(', ')}; --wide shows every column)`, opts.width).map((l) => paint.muted(l)));
  }
  return out;
}
