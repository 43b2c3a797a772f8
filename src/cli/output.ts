// Output: pick the format, render once, write once. stdout carries the result only.
import type { View } from '../render/view.js';
import { usageError } from './exit.js';

export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/** Version of every command's JSON document (docs/json.md). Bump on any breaking change. */
export const SCHEMA_VERSION = 1;

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
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, command, ...result }, null, 2)}\n`;
}

export async function render(command: string, result: object, view: () => View, opts: OutputOptions): Promise<string> {
  const format = resolveFormat(opts);
  switch (format) {
    case 'json':
      return jsonDocument(command, result);
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

export function write(text: string): void {
  process.stdout.write(text);
}
