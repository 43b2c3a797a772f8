// Prints the "Sources" table of docs/data.md from the built data, so that the table is
// generated from data/*.yaml and never written by hand. It reads `scsr sources --json` (the
// built CLI, built-in data only), so run `npm run build` first:
//   node --import tsx scripts/sources-table.ts            print the table (Markdown)
//   node --import tsx scripts/sources-table.ts --write    replace the table in docs/data.md
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The fields of one `scsr sources --json` row this table uses (docs/json.md documents the rest). */
interface SourceRow {
  number: number;
  sector: string | null;
  id: string;
  publisher: string;
  title: string;
  year: number;
  url: string | null;
  seed: string | null;
  secondary: boolean;
  supplies: { stages: string[]; inputs: string[]; countries: string[]; figures: number; other: string[] };
}

const START = '<!-- sources-table:start -->';
const END = '<!-- sources-table:end -->';
/** Longer country lists are given as a count: the governance sources cover some seventy countries. */
const MAX_LISTED_COUNTRIES = 12;

const root = fileURLToPath(new URL('..', import.meta.url));

function readSources(): SourceRow[] {
  // SCSR_DATA emptied: the table documents the built-in data, not whatever the caller has set.
  const out = execFileSync(process.execPath, [`${root}bin/scsr.js`, 'sources', '--json'], {
    encoding: 'utf8',
    env: { ...process.env, SCSR_DATA: '', NO_COLOR: '1' },
  });
  return (JSON.parse(out) as { sources: SourceRow[] }).sources;
}

/** Text safe inside a Markdown table cell. */
function cellText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

function address(s: SourceRow): string {
  const parts: string[] = [];
  if (s.url) parts.push(`<${s.url}>`);
  if (s.seed) parts.push(`seed \`${s.seed}\``);
  return parts.join('; ') || '-';
}

function supplies(s: SourceRow): string {
  const u = s.supplies;
  const parts: string[] = [];
  // `stages` holds every stage the source's share lists sit in, its inputs' stages included.
  if (u.stages.length > 0) parts.push(`stages: ${u.stages.join(', ')}`);
  if (u.inputs.length > 0) parts.push(`inputs: ${u.inputs.join(', ')}`);
  // Countries and regions (`europe`, `other`) the source gives a figure for.
  if (u.countries.length > MAX_LISTED_COUNTRIES) parts.push(`${u.countries.length} countries`);
  else if (u.countries.length > 0) parts.push(`suppliers: ${u.countries.join(' ')}`);
  if (u.figures > 0) parts.push(`${u.figures} figure${u.figures === 1 ? '' : 's'}`);
  parts.push(...u.other);
  return parts.join('; ') || 'cited in a note only';
}

function sourcesTable(rows: readonly SourceRow[]): string {
  const lines = [
    '| # | File | Id | Publisher | Title | Year | Address read or seed file | Supplies |',
    '|---:|---|---|---|---|---:|---|---|',
  ];
  for (const s of rows) {
    const title = `${s.title}${s.secondary ? ' (secondary)' : ''}`;
    lines.push(
      `| ${s.number} | ${s.sector ?? 'countries'} | \`${s.id}\` | ${cellText(s.publisher)} | ${cellText(title)} | ${s.year} | ${cellText(address(s))} | ${cellText(supplies(s))} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const table = sourcesTable(readSources());
if (process.argv.includes('--write')) {
  const path = `${root}docs/data.md`;
  const doc = readFileSync(path, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) {
    process.stderr.write(`sources-table: ${path} has no ${START} ... ${END} block\n`);
    process.exit(1);
  }
  writeFileSync(path, `${doc.slice(0, start + START.length)}\n${table}${doc.slice(end)}`);
} else process.stdout.write(table);
