// Names resolve one way: every code, id and alias a command line may name (sectors; stages and
// inputs within their sector; countries and regions together) must name one thing only, or one
// of the two is unreachable. Checked over the merged model, so a user file is checked against
// the built-in data and against the other user files; each clash is reported at the later
// entry, with the location of the earlier one. Names (`name:`) are not checked: the resolver
// tries ids and codes first, then aliases, then names (src/data/resolve.ts), so a name never
// hides an id or an alias, and a thing whose name is shadowed is still reached by its id.
// Also: a stage id or alias made of digits (the command line reads `2` as the second stage),
// and two supplier-risk overrides for the same (from, to) in the user's files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { builtinDataDir } from './builtin-dir.js';
import { formatPath, type DataError, type PathSegment } from './errors.js';
import type { CountriesData, Model, Sector } from './model.js';
import { normalize } from './resolve.js';
import type { CountriesFile } from './schema.js';
import { parseYaml, type Located } from './yaml-doc.js';

/** Where an entry was read: a user file with its parsed document, or the built-in data. */
export interface Origin {
  file: string;
  /** Absent for the built-in data: located on demand in data/*.yaml. */
  doc?: Located;
}

interface Entry {
  /** Normalised as the resolver normalises what a user types. */
  key: string;
  value: string;
  kind: 'code' | 'id' | 'alias';
  owner: string;
  origin: Origin;
  path: PathSegment[];
  /** Load order: files in the order read, entries in file order. */
  order: number;
}

const BUILTIN: Origin = { file: 'built-in' };

/** Lazily parsed built-in YAML files, to give the location of a built-in entry in a message. */
const builtinDocs = new Map<string, Located | null>();

function builtinDoc(match: (data: Record<string, unknown>) => boolean): { file: string; doc: Located } | undefined {
  const dir = builtinDataDir();
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const file = join(dir, name);
    let doc = builtinDocs.get(file);
    if (doc === undefined) {
      const r = parseYaml(readFileSync(file, 'utf8'), file);
      doc = r.ok ? r.value : null;
      builtinDocs.set(file, doc);
    }
    if (doc && doc.data && typeof doc.data === 'object' && match(doc.data as Record<string, unknown>)) return { file, doc };
  }
  return undefined;
}

/** `file:line:col` of an entry, for the message of the entry it clashes with. */
function where(e: Entry, builtinSector?: string): string {
  let origin: { file: string; doc: Located } | undefined;
  if (e.origin.doc) origin = { file: e.origin.file, doc: e.origin.doc };
  else if (builtinSector !== undefined) origin = builtinDoc((d) => d.id === builtinSector);
  else origin = builtinDoc((d) => 'countries' in d || 'regions' in d);
  if (!origin) return `built-in data, ${formatPath(e.path)}`;
  const { line, col } = origin.doc.locate(e.path);
  // A built-in file by its place in the package (`data/countries.yaml`), the same from any directory.
  const file = e.origin.doc ? origin.file : `built-in data/${basename(origin.file)}`;
  return `${file}:${line}:${col}`;
}

function errorAt(e: Entry, message: string): DataError {
  const { line, col } = e.origin.doc?.locate(e.path) ?? { line: 0, col: 0 };
  return { file: e.origin.file, line, col, path: formatPath(e.path), message };
}

/** Clashes among the codes, ids and aliases of one namespace: an error on the later entry. */
function clashes(entries: Entry[], sectorOf: (e: Entry) => string | undefined, consequence: string): DataError[] {
  const errors: DataError[] = [];
  const byKey = new Map<string, Entry[]>();
  for (const e of [...entries].sort((a, b) => a.order - b.order)) {
    const earlier = byKey.get(e.key);
    if (!earlier) {
      byKey.set(e.key, [e]);
      continue;
    }
    const other = earlier.find((x) => x.owner !== e.owner);
    earlier.push(e);
    // Built-in against built-in is the build's error; here only entries of user files are reported.
    if (!other || !e.origin.doc) continue;
    const article = other.kind === 'alias' ? 'an alias' : `the ${other.kind}`;
    errors.push(errorAt(e, `"${e.value}" is already ${article} of ${other.owner} (${where(other, sectorOf(other))}): ${consequence}`));
  }
  return errors;
}

export interface NameCheckInput {
  base: Model;
  /** The user's countries files in load order, with what each holds. */
  countriesFiles: Array<{ origin: Origin; countries: CountriesFile }>;
  /** The countries after merging every countries file. */
  countries: CountriesData;
  /** The user's sector files in load order. */
  sectorFiles: Array<{ origin: Origin; sector: Sector }>;
  /** The sectors after replacing built-ins by user sectors with the same id. */
  sectors: Sector[];
}

/** Every clash of names in the merged model that a user file brings in. */
export function nameCollisions(input: NameCheckInput): DataError[] {
  return [...placeCollisions(input), ...overrideDuplicates(input), ...sectorCollisions(input)];
}

/** Countries and regions share one namespace: `--country`, `--to` and the data's codes. */
function placeCollisions({ base, countriesFiles, countries }: NameCheckInput): DataError[] {
  // Who wrote each final entry: the last file that gave it (a later file replaces by code or id).
  const countryFrom = new Map<string, { origin: Origin; index: number; order: number }>();
  const regionFrom = new Map<string, { origin: Origin; index: number; order: number }>();
  base.countries.countries.forEach((c, index) => countryFrom.set(c.code, { origin: BUILTIN, index, order: index }));
  base.countries.regions.forEach((r, index) => regionFrom.set(r.id, { origin: BUILTIN, index, order: index }));
  countriesFiles.forEach(({ origin, countries: file }, f) => {
    const order = (f + 1) * 1e6;
    file.countries?.forEach((c, index) => countryFrom.set(c.code, { origin, index, order: order + index }));
    file.regions?.forEach((r, index) => regionFrom.set(r.id, { origin, index, order: order + 5e5 + index }));
  });
  const entries: Entry[] = [];
  for (const c of countries.countries) {
    const from = countryFrom.get(c.code);
    if (!from) continue;
    const owner = `country "${c.code}"`;
    const at: PathSegment[] = ['countries', from.index];
    const push = (value: string, kind: Entry['kind'], path: PathSegment[], step: number) =>
      entries.push({ key: normalize(value), value, kind, owner, origin: from.origin, path: [...at, ...path], order: from.order + step / 1000 });
    push(c.code, 'code', ['code'], 0);
    c.aliases?.forEach((a, j) => push(a, 'alias', ['aliases', j], 2 + j));
  }
  for (const r of countries.regions) {
    const from = regionFrom.get(r.id);
    if (!from) continue;
    const owner = `region "${r.id}"`;
    const at: PathSegment[] = ['regions', from.index];
    const push = (value: string, kind: Entry['kind'], path: PathSegment[], step: number) =>
      entries.push({ key: normalize(value), value, kind, owner, origin: from.origin, path: [...at, ...path], order: from.order + step / 1000 });
    push(r.id, 'id', ['id'], 0);
    r.aliases?.forEach((a, j) => push(a, 'alias', ['aliases', j], 2 + j));
  }
  return clashes(entries, () => undefined, 'each code, id and alias must name one country or region');
}

/** Two overrides for one (from, to) in the user's files: which weight holds would depend on file order. */
function overrideDuplicates({ countriesFiles }: NameCheckInput): DataError[] {
  const errors: DataError[] = [];
  const seen = new Map<string, Entry>();
  countriesFiles.forEach(({ origin, countries }, f) => {
    countries.supplierRisk?.overrides?.forEach((o, i) => {
      const entry: Entry = { key: `${o.from}>${o.to}`, value: '', kind: 'id', owner: '', origin, path: ['supplierRisk', 'overrides', i], order: f * 1e6 + i };
      const first = seen.get(entry.key);
      if (first) errors.push(errorAt(entry, `a second override for from "${o.from}", to "${o.to}" (the first is at ${where(first)}): keep one`));
      else seen.set(entry.key, entry);
    });
  });
  return errors;
}

/** Sector ids and aliases across sectors; stage ids and aliases within a sector; input ids and aliases within a stage. */
function sectorCollisions({ sectorFiles, sectors }: NameCheckInput): DataError[] {
  const errors: DataError[] = [];
  const originOf = new Map<string, { origin: Origin; order: number }>();
  sectorFiles.forEach(({ origin, sector }, f) => originOf.set(sector.id, { origin, order: (f + 1) * 1e6 }));
  const sectorEntries: Entry[] = [];
  sectors.forEach((s, i) => {
    const from = originOf.get(s.id) ?? { origin: BUILTIN, order: i };
    const owner = `sector "${s.id}"`;
    const push = (value: string, kind: Entry['kind'], path: PathSegment[], step: number) =>
      sectorEntries.push({ key: normalize(value), value, kind, owner, origin: from.origin, path, order: from.order + step / 1000 });
    push(s.id, 'id', ['id'], 0);
    s.aliases?.forEach((a, j) => push(a, 'alias', ['aliases', j], 2 + j));
    // Stages and inputs: only a user file's own sector can be wrong here (the build checks the built-in ones).
    if (from.origin.doc) errors.push(...withinSector(s, from.origin));
  });
  const sectorOf = (e: Entry) => (e.origin.doc ? undefined : /^sector "(.*)"$/.exec(e.owner)?.[1]);
  return [...clashes(sectorEntries, sectorOf, 'each id and alias must name one sector'), ...errors];
}

const DIGITS = /^\d+$/;

function withinSector(s: Sector, origin: Origin): DataError[] {
  const errors: DataError[] = [];
  const stageEntries: Entry[] = [];
  s.stages.forEach((stage, i) => {
    const owner = `stage "${stage.id}"`;
    const at: PathSegment[] = ['stages', i];
    const push = (value: string, kind: Entry['kind'], path: PathSegment[], step: number) => {
      const entry: Entry = { key: normalize(value), value, kind, owner, origin, path: [...at, ...path], order: i * 1000 + step };
      stageEntries.push(entry);
      if (DIGITS.test(value.trim())) {
        errors.push(errorAt(entry, `"${value}" is a number, which the command line reads as a stage's position (\`scsr explain ${s.id} ${value.trim()}\`): use a word`));
      }
    };
    push(stage.id, 'id', ['id'], 0);
    stage.aliases?.forEach((a, j) => push(a, 'alias', ['aliases', j], 2 + j));
    const inputEntries: Entry[] = [];
    stage.inputs?.forEach((input, k) => {
      const inputOwner = `input "${input.id}" of stage "${stage.id}"`;
      const pushInput = (value: string, kind: Entry['kind'], path: PathSegment[], step: number) =>
        inputEntries.push({ key: normalize(value), value, kind, owner: inputOwner, origin, path: [...at, 'inputs', k, ...path], order: k * 1000 + step });
      pushInput(input.id, 'id', ['id'], 0);
      input.aliases?.forEach((a, j) => pushInput(a, 'alias', ['aliases', j], 2 + j));
    });
    errors.push(...clashes(inputEntries, () => undefined, `each id and alias must name one input of stage "${stage.id}"`));
  });
  errors.push(...clashes(stageEntries, () => undefined, `each id and alias must name one stage of sector "${s.id}"`));
  return errors;
}
