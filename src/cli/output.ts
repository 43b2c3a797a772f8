// Output: pick the format, render once, write once. stdout carries the result only.
import type { View } from '../render/view.js';
import { usageError } from './exit.js';

export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/** Version of every command's JSON document (docs/json.md). Bump on any breaking change. */
export const SCHEMA_VERSION = 2;

export interface OutputOptions {
  format?: string;
  json?: boolean;
  color?: boolean;
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

/** Colour only on a TTY, unless NO_COLOR or --no-color turn it off or FORCE_COLOR turns it on. */
export function useColor(opts: OutputOptions, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (opts.color === false) return false;
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** The JSON document of a command: `schemaVersion` and `command` first, then the result. */
export function jsonDocument(command: string, result: object): string {
  return [...jsonChunks(command, result)].join('');
}

/**
 * The same bytes as `JSON.stringify(document, null, 2)` plus a newline, in pieces: each item of a
 * top-level array is one piece, so `score --all` on a large dataset never holds its whole
 * document (hundreds of MB) as one string.
 */
export function* jsonChunks(command: string, result: object): Generator<string> {
  const doc: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, command, ...result };
  const indent = (json: string, pad: string) => json.replace(/\n/g, `\n${pad}`);
  // JSON.stringify leaves out keys whose value it cannot write (undefined, functions).
  const keys = Object.keys(doc).filter((k) => JSON.stringify(doc[k]) !== undefined);
  yield '{\n';
  for (const [i, key] of keys.entries()) {
    const value = doc[key];
    const end = i < keys.length - 1 ? ',\n' : '\n';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [j, item] of value.entries()) yield `    ${indent(JSON.stringify(item, null, 2) ?? 'null', '    ')}${j < value.length - 1 ? ',\n' : '\n'}`;
      yield `  ]${end}`;
    } else yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}${end}`;
  }
  yield '}\n';
}

export async function render(command: string, result: object, view: () => View, opts: OutputOptions): Promise<string | Iterable<string>> {
  const format = resolveFormat(opts);
  switch (format) {
    case 'json':
      return jsonChunks(command, result);
    case 'csv': {
      const { renderCsv } = await import('../render/csv.js');
      return renderCsv(view());
    }
    case 'md': {
      const { renderMarkdown } = await import('../render/markdown.js');
      return renderMarkdown(view());
    }
    case 'table': {
      const { renderTable, terminalWidth } = await import('../render/table.js');
      return renderTable(view(), { color: useColor(opts), width: terminalWidth() });
    }
  }
}

export function write(text: string | Iterable<string>): void {
  if (typeof text === 'string') process.stdout.write(text);
  else for (const chunk of text) process.stdout.write(chunk);
}
