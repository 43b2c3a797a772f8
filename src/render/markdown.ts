// GitHub-flavoured Markdown of a view, for briefs and reports: every column, no fitting.
import { sanitize } from './text.js';
import { textOf, type View } from './view.js';

/**
 * Text safe in a table cell or a list item: control characters escaped (sanitize), then what
 * Markdown would read as structure: backslash, pipe, and `<` (raw HTML); a line break becomes
 * <br>.
 */
const esc = (s: string): string =>
  sanitize(s)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\n/g, '<br>');

export function renderMarkdown(view: View): string {
  const out: string[] = [];
  if (view.title) out.push(`# ${esc(view.title)}`, '');
  for (const block of view.blocks) {
    if (block.title) out.push(`## ${esc(block.title)}`, '');
    if (block.kind === 'table') {
      out.push(`| ${block.columns.map((c) => esc(c.header)).join(' | ')} |`);
      out.push(`|${block.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`);
      for (const row of block.rows) out.push(`| ${block.columns.map((_, i) => esc(textOf(row[i] ?? ''))).join(' | ')} |`);
    } else {
      for (const l of block.lines) {
        const t = textOf(l);
        const sub = /^\s+· /.exec(t);
        out.push(sub ? `  - ${esc(t.slice(sub[0].length))}` : `- ${esc(t)}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}
