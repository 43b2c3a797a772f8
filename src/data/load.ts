// Reading user data: files and directories given by --data or SCSR_DATA, validated and merged
// over the built-in model. Heavy (yaml, zod): imported lazily, only when user files are read.
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { DataError, Result } from './errors.js';
import { emptyCountries, emptyTrade, mergeCountries, mergeTrade, type CountriesData, type Model, type Sector } from './model.js';
import type { CountriesFile, TradeFile } from './schema.js';
import { checkCountries, checkCriticality, checkSector, checkTrade, validateShape, type FileKind } from './validate.js';
import type { CriticalityFile } from './schema-crm.js';
import { parseYaml, type Located } from './yaml-doc.js';

/** Largest data file read, in bytes (docs/data.md#limits). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const DATA_EXTENSIONS = new Set(['.yaml', '.yml']);

function ioError(file: string, message: string): DataError {
  return { file, line: 0, col: 0, path: '', message, io: true };
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'too many levels of symbolic links (a symlink loop?)';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'not a directory (a parent in the path is a file)';
    default: return (e as Error).message ?? String(e);
  }
}

/** Files named by the given paths: a file as is, a directory's *.yaml/*.yml files (sorted, not recursive). */
export function expandPaths(paths: readonly string[]): { files: string[]; errors: DataError[] } {
  const files: string[] = [];
  const errors: DataError[] = [];
  for (const p of paths) {
    try {
      const st = statSync(p);
      if (st.isDirectory()) {
        const names = readdirSync(p).filter((n) => !n.startsWith('.') && DATA_EXTENSIONS.has(extname(n).toLowerCase())).sort();
        if (names.length === 0) errors.push(ioError(p, 'directory holds no .yaml or .yml files'));
        files.push(...names.map((n) => join(p, n)));
      } else files.push(p);
    } catch (e) {
      errors.push(ioError(p, describeFsError(e)));
    }
  }
  return { files: [...new Set(files)], errors };
}

export interface ParsedFile {
  file: string;
  kind: FileKind;
  doc: Located;
  sector?: Sector;
  countries?: CountriesFile;
  trade?: TradeFile;
  criticality?: CriticalityFile;
}

/** Read, parse and shape-check one file; `countries` (already loaded) only improve the messages. */
export function readDataFile(file: string, countries?: CountriesData): Result<ParsedFile> {
  let bytes: Buffer;
  try {
    const r = readLimited(file);
    if (typeof r === 'string') return { ok: false, errors: [ioError(file, r)] };
    bytes = r;
  } catch (e) {
    return { ok: false, errors: [ioError(file, describeFsError(e))] };
  }
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

/**
 * The bytes of a file, or why it cannot be read. Reads at most MAX_FILE_BYTES + 1 bytes:
 * a pipe or a device (`<(...)`, `/dev/zero`) has no size to check beforehand.
 */
function readLimited(file: string): Buffer | string {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return 'is a directory';
    if (st.size > MAX_FILE_BYTES) return `is ${st.size} bytes, over the ${MAX_FILE_BYTES}-byte limit for a data file`;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size + 1, 64 * 1024), MAX_FILE_BYTES + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) return `is over the ${MAX_FILE_BYTES}-byte limit for a data file`;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a UTF-8 file, or where it stops being UTF-8: decoding alone would turn a
 * Latin-1 or UTF-16 file into replacement characters without a word.
 */
function decodeUtf8(bytes: Buffer, file: string): Result<string> {
  const fail = (line: number, col: number, message: string): Result<string> => ({ ok: false, errors: [{ file, line, col, path: '', message }] });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return fail(1, 1, 'is UTF-16 text: save it as UTF-8');
  const text = bytes.toString('utf8');
  if (!text.includes('\ufffd')) return { ok: true, value: text };
  // The first replacement character that is not a U+FFFD written in the file (EF BF BD) marks the bad byte.
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code === 0xfffd && !(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)) {
      const before = text.slice(0, i);
      const line = before.split('\n').length;
      // Columns of line 1 count from after a byte order mark, as parseYaml counts them.
      const col = i - before.lastIndexOf('\n') - (line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0);
      return fail(line, col, `is not UTF-8 text (byte 0x${bytes[at]!.toString(16).padStart(2, '0')}): save it as UTF-8`);
    }
    at += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) i++;
  }
  return { ok: true, value: text };
}

export interface FileReport {
  file: string;
  kind?: FileKind;
  /** Sector id or `countries`. */
  label?: string;
  errors: DataError[];
}

/**
 * Validate files and merge them over `base`. Countries files are merged first, so a user
 * sector may name a country its own countries file adds. Every file is checked; all errors
 * of every file are returned, with a report per file for `scsr validate`.
 */
export function loadFiles(paths: readonly string[], base: Model): { model?: Model; reports: FileReport[]; errors: DataError[] } {
  const { files, errors: pathErrors } = expandPaths(paths);
  const reports: FileReport[] = pathErrors.map((e) => ({ file: e.file, errors: [e] }));
  const parsed: ParsedFile[] = [];
  for (const file of files) {
    const r = readDataFile(file, base.countries);
    if (r.ok) parsed.push(r.value);
    else reports.push({ file, errors: r.errors });
  }

  let countries: CountriesData = base.countries;
  for (const p of parsed.filter((x) => x.kind === 'countries')) {
    const next = mergeCountries(countries, p.countries!);
    const errors = checkCountries(p.file, p.doc, p.countries!, next);
    reports.push({ file: p.file, kind: 'countries', label: 'countries', errors });
    if (errors.length === 0) countries = next;
  }

  const sectors = new Map(base.sectors.map((s) => [s.id, s]));
  const origins: Record<string, string> = { ...base.origins };
  const seenUser = new Map<string, string>();
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
    }
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
