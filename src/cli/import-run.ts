// `scsr import`: a CSV in the long format (or any CSV with a mapping file) to sector files
// (docs/data.md#importing-csv). Every problem of every row is reported as
// `file.csv:line: column: problem` with exit 3, and then nothing is written; what is written
// is validated first, exactly as `scsr validate` would. Loaded on demand (yaml, zod).
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Document, isMap, isSeq, visit, type Node } from 'yaml';
import { ensureDir } from '../data/cache-dir.js';
import { parseCsv, type ParsedCsv } from '../data/csv-records.js';
import { formatDataError, type DataError } from '../data/errors.js';
import { buildSectors, formatImportError, longRowsFromCsv, type ImportError, type LongRow } from '../data/import-csv.js';
import { checkMapping, mapRows, tableOf, type Mapping, type Table } from '../data/import-mapping.js';
import { loadFiles } from '../data/load.js';
import type { Model } from '../data/model.js';
import { decodeUtf8, readFile } from '../data/read-files.js';
import { SourceSchema, type Source } from '../data/schema.js';
import { parseYaml } from '../data/yaml-doc.js';

/**
 * A failure, thrown inside this module and returned as a value by runImport: the CLI turns it
 * into its error (exit.ts stays out of this side bundle, where a second copy of CliError would
 * not be recognised). Codes as in exit.ts: 2 usage, 3 invalid data, 4 I/O.
 */
class Failure {
  constructor(
    readonly message: string,
    readonly code: 2 | 3 | 4,
    readonly lines: readonly string[] = [],
  ) {}
}
const EXIT = { usage: 2, invalidData: 3, io: 4 } as const;

export type ImportResult = { ok: true; files: Array<{ file: string; text: string }> } | { ok: false; message: string; code: 2 | 3 | 4; lines: readonly string[] };

export interface ImportOptions {
  mapping?: string | undefined;
  sources?: string | undefined;
  out: string;
}

/** A file's text, or the Failure that says why it cannot be read (exit 4) or decoded (exit 3). */
function readText(file: string): string {
  const r = readFile(file);
  if (!r.bytes) {
    const e = r.error!;
    throw new Failure(formatDataError(e), e.io ? EXIT.io : EXIT.invalidData);
  }
  const text = decodeUtf8(r.bytes, file);
  if (!text.ok) throw new Failure(formatDataError(text.errors[0]!), EXIT.invalidData);
  return text.value;
}

function fail(lines: string[]): never {
  const n = lines.length;
  throw new Failure(`${n} error${n === 1 ? '' : 's'}; nothing written`, EXIT.invalidData, lines);
}

/** Sources from a CSV with the columns of a source entry (id, publisher, title, year, url, location, secondary, note). */
function sourcesFromCsv(file: string, csv: ParsedCsv): { sources: Source[]; errors: ImportError[] } {
  const errors: ImportError[] = csv.problems.map((p) => ({ file, line: p.line, column: '', message: p.message }));
  const keys = ['id', 'publisher', 'title', 'year', 'url', 'location', 'secondary', 'note'];
  csv.header.forEach((h) => {
    if (!keys.includes(h.trim().toLowerCase())) errors.push({ file, line: 1, column: h, message: `is not a column of a sources file (columns: ${keys.join(', ')})` });
  });
  const sources: Source[] = [];
  for (const r of csv.records) {
    const entry: Record<string, unknown> = {};
    csv.header.forEach((h, i) => {
      const k = h.trim().toLowerCase();
      const v = (r.fields[i] ?? '').trim();
      if (v === '') return;
      entry[k] = k === 'year' && /^\d+$/.test(v) ? Number(v) : k === 'secondary' ? v.toLowerCase() === 'true' : v;
    });
    const parsed = SourceSchema.safeParse(entry, { reportInput: false });
    if (parsed.success) sources.push(parsed.data);
    else for (const issue of parsed.error.issues) errors.push({ file, line: r.line, column: String(issue.path[0] ?? ''), message: issue.code === 'invalid_type' && entry[String(issue.path[0])] === undefined ? 'is empty (required)' : issue.message.replace(/^Invalid input: /, '') });
  }
  return { sources, errors };
}

/** YAML of a sector as the built-in files are written: block style, each share value on one line. */
function sectorYaml(sector: object, from: string): string {
  const doc = new Document(sector);
  visit(doc, {
    Pair(_key, pair) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      // Share values, periods and market sizes on one line each, as in data/*.yaml.
      if (key === 'values' && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) item.flow = true;
      if ((key === 'period' || key === 'value') && isMap(pair.value)) (pair.value as Node & { flow?: boolean }).flow = true;
    },
  });
  doc.commentBefore = ` Written by \`scsr import\` from ${from}: edit the CSV and import it again, or edit this file.`;
  return doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
}

/** Run the import: the files to write (validated), or why nothing will be. */
export function runImport(csvFile: string, opts: ImportOptions, model: Model): ImportResult {
  try {
    return { ok: true, files: importFiles(csvFile, opts, model) };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, message: e.message, code: e.code, lines: e.lines };
    throw e;
  }
}

function importFiles(csvFile: string, opts: ImportOptions, model: Model): Array<{ file: string; text: string }> {
  const csv = parseCsv(readText(csvFile));
  let rows: LongRow[];
  let mapping: Mapping | undefined;
  const problems: string[] = [];
  // Row problems, printed in line order once all are known.
  const rowProblems: ImportError[] = [];
  const failRows = () => {
    const order = [csvFile, opts.sources ?? ''];
    rowProblems.sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file) || a.line - b.line);
    fail([...problems, ...rowProblems.map(formatImportError)]);
  };
  if (opts.mapping) {
    const parsed = parseYaml(readText(opts.mapping), opts.mapping);
    if (!parsed.ok) fail(parsed.errors.map(formatDataError));
    const checked = checkMapping(opts.mapping, parsed.value);
    if (!checked.mapping) fail(checked.errors);
    mapping = checked.mapping;
    // Other CSVs the mapping joins, relative to the imported CSV.
    const tables = new Map<string, Table>();
    for (const [name, t] of Object.entries(mapping.tables ?? {})) {
      const file = join(dirname(csvFile), t.file);
      const table = tableOf(file, t.key, parseCsv(readText(file)));
      if (typeof table === 'string') problems.push(table);
      else tables.set(name, table);
    }
    if (problems.length > 0) fail(problems);
    const mapped = mapRows(csvFile, csv, mapping, opts.mapping, parsed.value, tables);
    if (mapped.mappingErrors.length > 0) fail(mapped.mappingErrors);
    rows = mapped.rows;
    rowProblems.push(...mapped.rowErrors);
  } else {
    const long = longRowsFromCsv(csvFile, csv);
    rows = long.rows;
    rowProblems.push(...long.errors);
  }
  const sources = new Map<string, Source>();
  for (const s of mapping?.sources ?? []) sources.set(s.id, s);
  if (opts.sources) {
    const r = sourcesFromCsv(opts.sources, parseCsv(readText(opts.sources)));
    rowProblems.push(...r.errors);
    for (const s of r.sources) sources.set(s.id, s);
  }
  if (rows.length === 0 && rowProblems.length === 0) rowProblems.push({ file: csvFile, line: 0, column: '', message: `no rows to import${mapping?.where ? ' (the mapping\'s `where` keeps none)' : ''}` });
  const built = buildSectors(rows, {
    countries: model.countries,
    sources,
    extras: () => (mapping?.sector ? { name: mapping.sector.name, aliases: mapping.sector.aliases, description: mapping.sector.description, assessor: mapping.sector.assessor, stageOrder: mapping.sector.stages } : undefined),
  });
  rowProblems.push(...built.errors);
  if (rowProblems.length > 0) failRows();

  // What will be written, validated as `scsr validate` would, before anything is written.
  const out = opts.out;
  const from = `${basename(csvFile)}${opts.mapping ? ` with the mapping ${basename(opts.mapping)}` : ''}`;
  const files = built.sectors.map((s) => ({ file: join(out, `${s.id}.yaml`), text: sectorYaml(s, from) }));
  const check = loadFiles({ files: files.map((f) => ({ file: f.file, bytes: Buffer.from(f.text) })), pathErrors: [] }, model);
  if (check.errors.length > 0) fail(check.errors.map((e: DataError) => `${formatDataError(e)} (in the file import would write)`));

  if (existsSync(out) && !statSync(out).isDirectory()) throw new Failure(`option --out: ${out} is not a directory`, EXIT.usage);
  if (!existsSync(out) && !ensureDir(resolve(out), 0o755)) throw new Failure(`cannot write ${out}: the directory cannot be made`, EXIT.io);
  // Written by the command (src/cli/commands/import.ts) with writeFileSafely: the one way scsr writes files.
  return files;
}

