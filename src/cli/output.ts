// Output: pick the format, render once, write with backpressure. stdout carries the result only.
import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { renderDelimited, renderNdjson } from '../render/csv.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderTable, terminalWidth } from '../render/table.js';
import type { Tidy } from '../render/tidy.js';
import type { View } from '../render/view.js';
import { EXIT, usageError } from './exit.js';

export const FORMATS = ['table', 'json', 'csv', 'tsv', 'ndjson', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/** Version of every command's JSON document (docs/json.md). Bump on any breaking change. */
export const SCHEMA_VERSION = 2;

export interface OutputOptions {
  format?: string;
  json?: boolean;
  color?: boolean;
  /** Tables: no fitting to the terminal's width. */
  wide?: boolean;
}

export function resolveFormat(opts: OutputOptions): Format {
  if (opts.json) {
    if (opts.format && opts.format !== 'json') throw usageError(`--json conflicts with --format ${opts.format}`);
    return 'json';
  }
  const f = (opts.format ?? 'table').toLowerCase();
  if (f === 'markdown') return 'md';
  if (!(FORMATS as readonly string[]).includes(f)) throw usageError(`option --format must be one of ${FORMATS.join(', ')} (got "${opts.format}")`);
  return f as Format;
}

/** Whether stdout is a terminal, asked of the file descriptor: creating process.stdout costs start-up time. */
const stdoutIsTTY = (): boolean => isatty(1);

/** Colour only on a TTY, unless NO_COLOR or --no-color turn it off or FORCE_COLOR turns it on. */
export function useColor(opts: OutputOptions, isTTY: boolean = stdoutIsTTY()): boolean {
  if (opts.color === false) return false;
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** The JSON document of a command: `schemaVersion` and `command` first, then the result. */
export function jsonDocument(command: string, result: object): string {
  return [...jsonChunks(command, result)].join('');
}

/**
 * An item of a top-level list as JSON.stringify(document, null, 2) writes it, indented by four
 * spaces: stringified inside a one-key wrapper, which indents it, and cut out. One pass over a
 * large item instead of two (stringify, then re-indent every line).
 */
function asListItem(item: unknown): string {
  if (item === undefined || typeof item === 'function' || typeof item === 'symbol') return '    null';
  const wrapped = JSON.stringify({ x: [item] }, null, 2);
  return wrapped.slice(LIST_HEAD.length, wrapped.length - LIST_TAIL.length);
}
const LIST_HEAD = '{\n  "x": [\n';
const LIST_TAIL = '\n  ]\n}';

/**
 * A top-level list whose items are computed as they are written: `score --all` evaluates one
 * sector, writes it and lets it go, so memory holds one sector's result at a time, not all.
 */
export class LazyItems<T> {
  constructor(
    readonly length: number,
    private readonly at: (i: number) => T,
  ) {}
  *[Symbol.iterator](): Generator<T> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/**
 * The same bytes as `JSON.stringify(document, null, 2)` plus a newline, in pieces: each item of a
 * top-level array is one piece, so `score --all` on a large dataset never holds its whole
 * document (hundreds of MB) as one string; a LazyItems list is computed item by item too.
 */
export function* jsonChunks(command: string, result: object): Generator<string> {
  const doc: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, command, ...result };
  const indent = (json: string, pad: string) => json.replace(/\n/g, `\n${pad}`);
  // JSON.stringify leaves out keys whose value it cannot write (undefined, functions).
  const keys = Object.keys(doc).filter((k) => doc[k] instanceof LazyItems || JSON.stringify(doc[k]) !== undefined);
  yield '{\n';
  for (const [i, key] of keys.entries()) {
    const value = doc[key];
    const end = i < keys.length - 1 ? ',\n' : '\n';
    const items = value instanceof LazyItems ? (value as LazyItems<unknown>) : Array.isArray(value) ? value : null;
    if (items && items.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      let j = 0;
      for (const item of items) {
        yield `${asListItem(item)}${j < items.length - 1 ? ',\n' : '\n'}`;
        j++;
      }
      yield `  ]${end}`;
    } else yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(items ? [] : value, null, 2), '  ')}${end}`;
  }
  yield '}\n';
}

/** What a command can print besides its JSON: a view for people, tidy records for programs. */
export interface Outputs {
  /** Table and Markdown. */
  view: () => View;
  /** CSV, TSV and NDJSON (docs/csv.md). */
  records: () => Tidy;
}

export async function render(command: string, result: object, outputs: Outputs, opts: OutputOptions): Promise<string | Iterable<string>> {
  const format = resolveFormat(opts);
  switch (format) {
    case 'json':
      return jsonChunks(command, result);
    case 'csv':
    case 'tsv':
      return renderDelimited(outputs.records(), format);
    case 'ndjson':
      return renderNdjson(outputs.records());
    case 'md':
      return renderMarkdown(outputs.view());
    case 'table': {
      const isTTY = stdoutIsTTY();
      const width = opts.wide ? Infinity : terminalWidth(isTTY ? process.stdout : {});
      // chalk only for colour: piped tables and --no-color never load it.
      const style = useColor(opts, isTTY) ? (await import('../render/paint.js')).ansiStyle() : null;
      return renderTable(outputs.view(), { style, width });
    }
  }
}

/** Pieces are gathered to about this many characters before each write: fewer system calls. */
const PIECE = 64 * 1024;

/**
 * Write the output. To a regular file or a device, with write(2) until every byte is written
 * (a short write on a filling disk is not success); to a pipe or a terminal, through the stream,
 * waiting for 'drain' whenever its buffer is full, so a slow reader holds the output back
 * instead of scsr buffering all of it. Any failure but a reader that left (EPIPE) ends the run:
 * one line, exit 4. Resolves when the last piece has been handed to the system.
 */
export async function write(text: string | Iterable<string>, stream?: NodeJS.WritableStream & { writableNeedDrain?: boolean }): Promise<void> {
  const pieces = typeof text === 'string' ? [text] : text;
  let put: (s: string) => Promise<void> | void = writeFd;
  let last: Promise<void> = Promise.resolve();
  if (stream || !writesDirectly()) {
    const out = stream ?? process.stdout;
    put = async (s) => {
      last = new Promise((resolve) => out.write(s, (e) => (e ? outputFailed(e) : resolve())));
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    };
  }
  let buf = '';
  for (const piece of pieces) {
    buf += piece;
    if (buf.length >= PIECE) {
      await put(buf);
      buf = '';
    }
  }
  if (buf) await put(buf);
  await last;
}

let direct: boolean | undefined;

/**
 * Regular files and devices (a terminal included: Node itself writes to a terminal
 * synchronously) are written with write(2); pipes through process.stdout, with backpressure.
 * Deciding this asks no terminal question: node:tty costs about 4 ms of start-up.
 */
function writesDirectly(): boolean {
  if (direct === undefined) {
    try {
      const st = fstatSync(1);
      direct = st.isFile() || st.isCharacterDevice();
    } catch {
      direct = true; // stdout closed (`>&-`): the first write says so
    }
  }
  return direct;
}

function writeFd(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(1, bytes, done, bytes.length - done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      outputFailed(e);
    }
  }
}

/**
 * Output that cannot be written. The reader went away (`scsr ... | head`): it has what it wanted;
 * stop quietly. Anything else (a full disk, `> /dev/full`, a closed stdout) lost output: one line,
 * exit 4. Also the handler of errors on process.stdout.
 */
export function outputFailed(e: unknown): never {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
  process.stderr.write(`scsr: cannot write the output: ${writeReason(err)}\n`);
  process.exit(EXIT.io);
}

function writeReason(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOSPC': return 'no space left on device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'EBADF': return 'standard output is not open for writing';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EFBIG': return 'file too large';
    case 'EIO': return 'input/output error';
    default: return (e.message ?? String(e)).replace(/^[A-Z]+: /, '').replace(/, write$/, '');
  }
}
