// CSV (RFC 4180) of a view's tables, for spreadsheets. Several tables are separated by a blank line.
import { textOf, type View } from './view.js';

const quote = (s: string): string => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function renderCsv(view: View): string {
  const out: string[] = [];
  for (const block of view.blocks) {
    if (block.kind !== 'table') continue;
    if (out.length) out.push('');
    out.push(block.columns.map((c) => quote(c.key ?? c.header)).join(','));
    for (const row of block.rows) out.push(row.map((c) => quote(textOf(c))).join(','));
  }
  return out.join('\r\n') + '\r\n';
}
