// Reading user data: files and directories given by --data or SCSR_DATA, validated and merged
// over the built-in model. Heavy (yaml, zod): imported lazily, only when user files are read.
import type { DataError, Result } from './errors.js';
import { LARGE_DATA_BYTES, tightenHeapGrowth } from './gc.js';
import { emptyCountries, emptyTrade, mergeCountries, mergeTrade, type CountriesData, type Model, type Sector } from './model.js';
import type { CountriesFile, TradeFile } from './schema.js';
import { nameCollisions, type NameCheckInput } from './names.js';
import { checkCountries, checkCriticality, checkSector, checkTrade, validateShape, type FileKind } from './validate.js';
import type { CriticalityFile } from './schema-crm.js';
import { decodeUtf8, readPaths, type ReadData } from './read-files.js';
import { locatorOf, parseYaml, type Located } from './yaml-doc.js';
import { parseOnThread, splitFiles, threadsAllowed, type ThreadResult } from './parse-thread.js';

export { expandPaths, MAX_FILE_BYTES } from './read-files.js';

export interface ParsedFile {
  file: string;
  kind: FileKind;
  doc: Located;
  sector?: Sector;
  countries?: CountriesFile;
  trade?: TradeFile;
  criticality?: CriticalityFile;
}

/** Parse and shape-check one file read by readPaths; `countries` (already loaded) only improve the messages. */
function parseDataFile(file: string, bytes: Buffer, countries?: CountriesData): Result<ParsedFile> {
  const text = decodeUtf8(bytes, file);
  if (!text.ok) return text;
  const parsed = parseYaml(text.value, file);
  if (!parsed.ok) return parsed;
  const shaped = validateShape(file, parsed.value, countries);
  if (shaped.errors.length > 0) return { ok: false, errors: shaped.errors };
  return {
    ok: true,
    // The raw data are shape-checked and copied by zod: keep only the way to locate errors,
    // so that the raw copy dies young (two copies of a large dataset double the GC's work).
    value: { file, kind: shaped.kind, doc: { data: undefined, locate: parsed.value.locate }, ...(shaped.sector ? { sector: shaped.sector } : {}), ...(shaped.countries ? { countries: shaped.countries } : {}), ...(shaped.trade ? { trade: shaped.trade } : {}), ...(shaped.criticality ? { criticality: shaped.criticality } : {}) },
  };
}

/** A file parsed on another thread: everything but the locator, which is rebuilt here from the text. */
type ThreadParsed = Omit<ParsedFile, 'doc'>;

/** Parse one file on the worker thread of parse-thread.ts: what it runs of this bundle. */
export function parseInThread(f: { file: string; bytes: Uint8Array }, countries: CountriesData): ThreadResult<ThreadParsed> {
  // Buffers arrive as Uint8Array views; the locator is a closure and stays behind.
  const r = parseDataFile(f.file, Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.length), countries);
  if (!r.ok) return r;
  const { doc: _doc, ...value } = r.value;
  return { ok: true, value };
}

export interface FileReport {
  file: string;
  kind?: FileKind;
  /** Sector id or `countries`. */
  label?: string;
  errors: DataError[];
}

const totalBytes = (read: ReadData): number => read.files.reduce((n, f) => n + (f.bytes?.length ?? 0), 0);

/** Parse every file read, in order, on this thread. */
function parseHere(read: ReadData, base: Model): Array<Result<ParsedFile>> {
  return read.files.map((f) => {
    const r = f.bytes ? parseDataFile(f.file, f.bytes, base.countries) : { ok: false as const, errors: [f.error!] };
    // The text is decoded: let the bytes go (a large dataset is otherwise held twice).
    delete f.bytes;
    return r;
  });
}

/**
 * Validate files and merge them over `base`. Countries files are merged first, so a user
 * sector may name a country its own countries file adds. Every file is checked; all errors
 * of every file are returned, with a report per file for `scsr validate`.
 */
export function loadFiles(paths: readonly string[] | ReadData, base: Model): LoadResult {
  // Already read (by the cache of validated data, which hashed these very bytes), or read now.
  const read = 'files' in paths ? paths : readPaths(paths);
  if (totalBytes(read) >= LARGE_DATA_BYTES) tightenHeapGrowth();
  return mergeParsed(read, parseHere(read, base), base);
}

/**
 * loadFiles, with large data (LARGE_DATA_BYTES) parsed on two threads where the machine has
 * more than one core: the same result, file for file and error for error.
 */
export async function loadFilesAsync(paths: readonly string[] | ReadData, base: Model): Promise<LoadResult> {
  const read = 'files' in paths ? paths : readPaths(paths);
  if (totalBytes(read) < LARGE_DATA_BYTES || !threadsAllowed()) return loadFiles(read, base);
  tightenHeapGrowth();
  const { mine, theirs } = splitFiles(read.files);
  const sent = theirs.filter((i) => read.files[i]!.bytes);
  const pending = parseOnThread<ThreadParsed>(sent.map((i) => ({ file: read.files[i]!.file, bytes: read.files[i]!.bytes! })), base.countries);
  const results: Array<Result<ParsedFile>> = [];
  const here = parseHere({ files: mine.map((i) => read.files[i]!), pathErrors: [] }, base);
  mine.forEach((i, k) => (results[i] = here[k]!));
  const there = await pending;
  if (process.env.SCSR_DEBUG) process.stderr.write(`scsr: debug: ${there ? sent.length : 0} of ${read.files.length} files parsed on a second thread\n`);
  sent.forEach((i, k) => {
    const f = read.files[i]!;
    const r = there?.[k];
    if (r?.ok) {
      // The locator parses the text again, here, if an error is to be placed.
      const text = decodeUtf8(f.bytes!, f.file);
      results[i] = text.ok ? { ok: true, value: { ...r.value, doc: { data: undefined, locate: locatorOf(text.value) } } } : text;
      delete f.bytes;
    } else if (r) results[i] = r;
  });
  // Unreadable files, and every file the worker did not parse.
  for (const i of theirs) results[i] ??= parseHere({ files: [read.files[i]!], pathErrors: [] }, base)[0]!;
  for (const i of sent) delete read.files[i]!.bytes;
  return mergeParsed(read, results, base);
}

type LoadResult = { model?: Model; reports: FileReport[]; errors: DataError[] };

/** Check the parsed files across each other and merge them over `base`. */
function mergeParsed(read: ReadData, results: ReadonlyArray<Result<ParsedFile>>, base: Model): LoadResult {
  const files = read.files.map((f) => f.file);
  const reports: FileReport[] = read.pathErrors.map((e) => ({ file: e.file, errors: [e] }));
  const parsed: ParsedFile[] = [];
  results.forEach((r, i) => {
    if (r.ok) parsed.push(r.value);
    else reports.push({ file: read.files[i]!.file, errors: r.errors });
  });

  let countries: CountriesData = base.countries;
  const countriesFiles: NameCheckInput['countriesFiles'] = [];
  for (const p of parsed.filter((x) => x.kind === 'countries')) {
    const next = mergeCountries(countries, p.countries!);
    const errors = checkCountries(p.file, p.doc, p.countries!, next);
    reports.push({ file: p.file, kind: 'countries', label: 'countries', errors });
    if (errors.length === 0) {
      countries = next;
      countriesFiles.push({ origin: { file: p.file, doc: p.doc }, countries: p.countries! });
    }
  }

  const sectors = new Map(base.sectors.map((s) => [s.id, s]));
  const origins: Record<string, string> = { ...base.origins };
  const seenUser = new Map<string, string>();
  const sectorFiles: NameCheckInput['sectorFiles'] = [];
  for (const p of parsed.filter((x) => x.kind === 'sector')) {
    const s = p.sector!;
    const errors = checkSector(p.file, p.doc, s, countries);
    const earlier = seenUser.get(s.id);
    if (earlier) {
      const { line, col } = p.doc.locate(['id']);
      errors.unshift({ file: p.file, line, col, path: 'id', message: `sector "${s.id}" is also defined in ${earlier}` });
    }
    reports.push({ file: p.file, kind: 'sector', label: s.id, errors });
    if (errors.length === 0) {
      sectors.set(s.id, s);
      origins[s.id] = p.file;
      seenUser.set(s.id, p.file);
      sectorFiles.push({ origin: { file: p.file, doc: p.doc }, sector: s });
    }
  }

  // Names that would resolve to two things (docs/data.md#names), over the merged model. A clash
  // checkCountries already reports at the same place (an alias equal to a country code) is not repeated.
  const byFile = new Map(reports.map((r) => [r.file, r]));
  for (const e of nameCollisions({ base, countriesFiles, countries, sectorFiles, sectors: [...sectors.values()] })) {
    const rep = byFile.get(e.file);
    if (rep && !rep.errors.some((x) => x.line === e.line && x.col === e.col)) rep.errors.push(e);
  }

  // Trade files last: they name nodes of the sectors just loaded.
  let trade = base.trade;
  const sectorsModel: Model = { countries, trade, criticality: base.criticality, sectors: [...sectors.values()], origins };
  for (const p of parsed.filter((x) => x.kind === 'trade')) {
    const t = p.trade!;
    const sourceIds = new Set([...trade.sources.map((s) => s.id), ...(t.sources ?? []).map((s) => s.id)]);
    const errors = checkTrade(p.file, p.doc, t, sectorsModel, sourceIds);
    reports.push({ file: p.file, kind: 'trade', label: 'trade', errors });
    if (errors.length === 0) trade = mergeTrade(trade, t);
  }
  const criticality = [...base.criticality];
  for (const p of parsed.filter((x) => x.kind === 'criticality')) {
    const errors = checkCriticality(p.file, p.doc, p.criticality!, sectorsModel);
    reports.push({ file: p.file, kind: 'criticality', label: 'criticality', errors });
    if (errors.length === 0) criticality.push(p.criticality!);
  }

  reports.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));
  for (const rep of reports) rep.errors.sort((a, b) => a.line - b.line || a.col - b.col);
  const errors = reports.flatMap((r) => r.errors);
  if (errors.length > 0) return { reports, errors };
  return { model: { countries, trade, criticality, sectors: [...sectors.values()], origins }, reports, errors };
}

/** Build a model from data files alone (the build step compiles the built-in data this way). */
export function compileModel(paths: readonly string[]): Result<Model> {
  const empty: Model = { countries: emptyCountries(), trade: emptyTrade(), criticality: [], sectors: [], origins: {} };
  const r = loadFiles(paths, empty);
  if (!r.model) return { ok: false, errors: r.errors };
  for (const s of r.model.sectors) r.model.origins[s.id] = 'built-in';
  return { ok: true, value: r.model };
}
