// The long CSV format of `scsr import` and `scsr export` (docs/data.md#importing-csv): one row
// per country share (sector, stage, node, country, share, year, basis, metric, source, ...),
// turned into sector files, and a sector turned back into the same rows. Pure: the command
// reads the files and writes the YAML (src/cli/commands/import.ts, export.ts).
import type { z } from 'zod';
import type { CountriesData, Sector, Snapshot } from './model.js';
import { placeHint, resolveCountryOrRegion } from './resolve.js';
import type { SectorSchema, SourceSchema } from './schema.js';
import { didYouMean } from './suggest.js';
import { DEFAULT_SUM_TOLERANCE, SHARE_BASES, SHARE_METRICS } from './vocab.js';
import { unguardCell, type ParsedCsv } from './csv-records.js';

/** The columns of the long format, in the order `scsr export` writes them. */
export const LONG_COLUMNS = [
  'sector', 'sector_name', 'stage', 'stage_name', 'node', 'node_name', 'parent',
  'country', 'share', 'stated', 'low', 'high', 'note',
  'year', 'projection', 'basis', 'metric', 'measure', 'tolerance', 'list_note',
  'source', 'source_publisher', 'source_title', 'source_year', 'source_url', 'source_location', 'source_secondary', 'source_note',
  'value', 'currency', 'value_year', 'value_source', 'value_inferred', 'value_note',
] as const;
export type Field = (typeof LONG_COLUMNS)[number];
const FIELDS = new Set<string>(LONG_COLUMNS);

/** Columns every file must have (a mapping may supply them instead). */
export const REQUIRED_COLUMNS: readonly Field[] = ['sector', 'stage', 'country', 'share', 'year', 'basis', 'metric', 'source'];
/** Columns `scsr export` always writes, empty or not. */
const ALWAYS_WRITTEN: readonly Field[] = ['sector', 'stage', 'node', 'country', 'share', 'year', 'basis', 'metric', 'source'];

export interface LongRow {
  file: string;
  line: number;
  values: Partial<Record<Field, string>>;
  /** Where each value came from, for messages: the CSV column, or `mapping` for a value the mapping set. */
  from: Partial<Record<Field, string>>;
}

export interface ImportError {
  file: string;
  line: number;
  /** The CSV column (or the field) the problem is in; empty for the file or the row as a whole. */
  column: string;
  message: string;
}

/** `file.csv:12: share: must be a number from 0 to 100, or unknown (got "12,5")` */
export function formatImportError(e: ImportError): string {
  return `${e.file}${e.line > 0 ? `:${e.line}` : ''}: ${e.column ? `${e.column}: ` : ''}${e.message}`;
}

/** A header cell as a field name: case and the spelling of the separator do not matter. */
export const fieldName = (header: string): string => header.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Rows of a file in the long format itself (no mapping): every column must be one of LONG_COLUMNS. */
export function longRowsFromCsv(file: string, csv: ParsedCsv): { rows: LongRow[]; errors: ImportError[] } {
  const problems: ImportError[] = csv.problems.map((p) => ({ file, line: p.line, column: '', message: p.message }));
  const errors: ImportError[] = [];
  const fields = csv.header.map(fieldName);
  const seen = new Map<string, number>();
  fields.forEach((f, i) => {
    if (!FIELDS.has(f)) errors.push({ file, line: 1, column: csv.header[i]!, message: `is not a column of the long format${didYouMean(f, LONG_COLUMNS)} (see docs/data.md#importing-csv; a mapping file maps other columns)` });
    else if (seen.has(f)) errors.push({ file, line: 1, column: csv.header[i]!, message: `appears twice (first as column ${seen.get(f)! + 1})` });
    else seen.set(f, i);
  });
  for (const f of REQUIRED_COLUMNS) {
    if (!seen.has(f)) errors.push({ file, line: 1, column: f, message: 'the column is missing (required; a mapping file can give it a default)' });
  }
  // Without the right columns no row can be read; the rows are still read past a bad record.
  if (errors.length > 0) return { rows: [], errors: [...problems, ...errors] };
  const rows = csv.records.map((r): LongRow => {
    const values: LongRow['values'] = {};
    const from: LongRow['from'] = {};
    fields.forEach((f, i) => {
      values[f as Field] = unguardCell(r.fields[i] ?? '').trim();
      from[f as Field] = csv.header[i]!;
    });
    return { file, line: r.line, values, from };
  });
  return { rows, errors: problems };
}

type SourceInput = z.input<typeof SourceSchema>;
type SectorInput = z.input<typeof SectorSchema>;
type StageInput = SectorInput['stages'][number];
type InputInput = NonNullable<StageInput['inputs']>[number];
type SnapshotInput = NonNullable<StageInput['shares']>[number];
type ValueInput = SnapshotInput['values'][number];
type NodeValueInput = NonNullable<StageInput['value']>;

const ID = /^[a-z0-9][a-z0-9-]*$/;
const slug = (s: string): string => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

export interface SectorExtras {
  name?: string | undefined;
  aliases?: string[] | undefined;
  description?: string | undefined;
  assessor?: string | undefined;
  /** Stage ids in the order the sector lists them; stages not named follow in the order they appear. */
  stageOrder?: readonly string[] | undefined;
}

export interface BuildOptions {
  countries: CountriesData;
  /** Sources defined outside the rows (a sources CSV, the mapping), by id. */
  sources: ReadonlyMap<string, SourceInput>;
  /** Keys of a sector file the long format has no column for (name, assessor...), by sector id. */
  extras?: (sectorId: string) => SectorExtras | undefined;
}

interface NodeState {
  name?: { value: string; line: number };
  parent?: { value: string; line: number };
  value?: { key: string; value: NodeValueInput; line: number };
  declaredAt: number;
  snapshots: Map<string, { snap: SnapshotInput; rows: Array<{ line: number; who: string; share: number | 'unknown' }>; tolerance?: { value: number; line: number }; note?: { value: string; line: number } }>;
}

interface StageState extends NodeState {
  inputs: Map<string, NodeState>;
}

interface SectorState {
  name?: { value: string; line: number };
  firstLine: number;
  file: string;
  stages: Map<string, StageState>;
}

/**
 * Sector files from long rows: every row checked, every problem reported with its line and
 * column (nothing is built when there is one). Rows are grouped into share lists by sector,
 * stage, node, year (or period), projection, basis, metric, measure and source, in the order
 * they first appear; a row with an empty country and share declares a stage or node (its name,
 * parent or market size) without a share.
 */
export function buildSectors(rows: readonly LongRow[], opts: BuildOptions): { sectors: SectorInput[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const sectors = new Map<string, SectorState>();
  const rowSources = new Map<string, { source: SourceInput; line: number; file: string }>();

  for (const row of rows) {
    const err = (field: Field, message: string) => errors.push({ file: row.file, line: row.line, column: row.from[field] ?? field, message });
    const get = (f: Field): string => row.values[f] ?? '';
    const before = errors.length;

    const sectorId = idOf(get('sector'), 'sector', err);
    const stageId = idOf(get('stage'), 'stage', err);
    const nodeId = get('node') === '' ? undefined : idOf(get('node'), 'node', err);
    const parentId = get('parent') === '' ? undefined : idOf(get('parent'), 'parent', err);
    if (stageId && /^\d+$/.test(stageId)) err('stage', `"${stageId}" is a number, which the command line reads as a stage's position: use a word`);
    if (parentId !== undefined && nodeId === undefined) err('parent', 'a stage has no parent: give `node` too, or leave `parent` empty');
    if (parentId !== undefined && parentId === nodeId) err('parent', 'a node cannot be its own parent');

    const declaration = get('country') === '' && get('share') === '';
    let value: ValueInput | undefined;
    if (!declaration) value = shareValue(row, opts.countries, err);
    const snapshot = declaration ? undefined : snapshotOf(row, err);
    const source = sourceOf(row, err);
    if (source) {
      const earlier = rowSources.get(source.id);
      if (earlier && JSON.stringify(earlier.source) !== JSON.stringify(source)) err('source', `source "${source.id}" is described differently on line ${earlier.line}: give one description per id`);
      else if (!earlier) rowSources.set(source.id, { source, line: row.line, file: row.file });
    }
    const nodeValue = nodeValueOf(row, err);
    if (errors.length > before || !sectorId || !stageId) continue;

    // The sector, stage and node this row belongs to.
    let sector = sectors.get(sectorId);
    if (!sector) sectors.set(sectorId, (sector = { firstLine: row.line, file: row.file, stages: new Map() }));
    agree(sector, 'name', get('sector_name'), row, 'sector_name', err);
    let stage = sector.stages.get(stageId);
    if (!stage) sector.stages.set(stageId, (stage = { declaredAt: row.line, snapshots: new Map(), inputs: new Map() }));
    agree(stage, 'name', get('stage_name'), row, 'stage_name', err);
    let node: NodeState = stage;
    if (nodeId !== undefined) {
      let input = stage.inputs.get(nodeId);
      if (!input) stage.inputs.set(nodeId, (input = { declaredAt: row.line, snapshots: new Map() }));
      agree(input, 'name', get('node_name'), row, 'node_name', err);
      agree(input, 'parent', parentId ?? '', row, 'parent', err);
      node = input;
    } else if (get('node_name') !== '') err('node_name', 'is given without a `node`');
    if (nodeValue) {
      const key = JSON.stringify(nodeValue);
      if (node.value && node.value.key !== key) err('value', `the market size differs from line ${node.value.line}: give one per node`);
      else if (!node.value) node.value = { key, value: nodeValue, line: row.line };
    }
    if (!snapshot || !value) continue;

    const key = JSON.stringify([snapshot.year ?? null, snapshot.period ?? null, snapshot.projection ?? false, snapshot.basis, snapshot.metric, snapshot.measure ?? null, snapshot.source]);
    let list = node.snapshots.get(key);
    if (!list) node.snapshots.set(key, (list = { snap: { ...snapshot, values: [] }, rows: [] }));
    const who = value.country ?? value.region ?? '';
    const twice = list.rows.find((r) => r.who === who);
    if (twice) err('country', `"${who}" appears twice in one share list (first on line ${twice.line})`);
    else {
      list.snap.values.push(value);
      list.rows.push({ line: row.line, who, share: value.share });
    }
    const tolerance = get('tolerance');
    if (tolerance !== '') {
      const t = Number(tolerance);
      if (!NUMBER.test(tolerance) || t < 0 || t > 5) err('tolerance', `must be a number from 0 to 5 (got "${tolerance}")`);
      else if (list.tolerance && list.tolerance.value !== t) err('tolerance', `differs from line ${list.tolerance.line} in the same share list`);
      else list.tolerance ??= { value: t, line: row.line };
    }
    const listNote = get('list_note');
    if (listNote !== '') {
      if (list.note && list.note.value !== listNote) err('list_note', `differs from line ${list.note.line} in the same share list`);
      else list.note ??= { value: listNote, line: row.line };
    }
  }

  const out: SectorInput[] = [];
  for (const [sectorId, s] of sectors) {
    const sectorErr = (line: number, column: string, message: string) => errors.push({ file: s.file, line, column, message });
    const sources: SourceInput[] = [];
    const stages: StageInput[] = [];
    for (const [stageId, st] of s.stages) {
      const inputs: InputInput[] = [];
      for (const [inputId, inp] of st.inputs) {
        const parent = inp.parent?.value || undefined;
        if (parent !== undefined && !st.inputs.has(parent)) {
          sectorErr(inp.parent!.line, 'parent', `"${parent}" is no node of stage "${stageId}"${didYouMean(parent, [...st.inputs.keys()])} (declare it with a row of its own: its node, an empty country and share)`);
        }
        inputs.push(nodeOut({ id: inputId, name: inp.name?.value ?? inputId, ...(parent !== undefined ? { parent } : {}) }, inp, sectorErr) as InputInput);
      }
      // Parents must not loop: walk up from each node.
      for (const [inputId, inp] of st.inputs) {
        const seen = new Set([inputId]);
        for (let p = inp.parent?.value || undefined; p !== undefined; p = st.inputs.get(p)?.parent?.value || undefined) {
          if (seen.has(p)) {
            sectorErr(inp.parent!.line, 'parent', `parents form a cycle (${[...seen, p].join(' → ')})`);
            break;
          }
          seen.add(p);
        }
      }
      const stage = nodeOut({ id: stageId, name: st.name?.value ?? stageId }, st, sectorErr) as StageInput;
      if (inputs.length > 0) stage.inputs = inputs;
      stages.push(stage);
    }
    const extras = opts.extras?.(sectorId);
    const rank = (id: string) => {
      const i = extras?.stageOrder?.indexOf(id) ?? -1;
      return i === -1 ? Number.MAX_SAFE_INTEGER : i;
    };
    stages.sort((a, b) => rank(a.id) - rank(b.id));
    // Sources in the order the stages (as sorted) first cite them.
    const cited: string[] = [];
    const cite = (id: string | undefined) => {
      if (id !== undefined && !cited.includes(id)) cited.push(id);
    };
    for (const st of stages) {
      for (const node of [st, ...(st.inputs ?? [])]) {
        cite(node.value?.source);
        for (const snap of node.shares ?? []) cite(snap.source);
      }
    }
    for (const id of cited) {
      const src = rowSources.get(id)?.source ?? opts.sources.get(id);
      if (!src) {
        const line = firstLineUsing(s, id);
        sectorErr(line, 'source', `source "${id}" is not described: give source_publisher, source_title and source_year on a row, a --sources file, or a mapping \`sources\` entry`);
      } else sources.push(src);
    }
    const name = s.name?.value ?? extras?.name ?? sectorId;
    const sector: SectorInput = { id: sectorId, name, sources, stages };
    if (extras?.aliases?.length) sector.aliases = extras.aliases;
    if (extras?.description) sector.description = extras.description;
    if (extras?.assessor) sector.assessor = extras.assessor;
    // Key order as in the built-in files.
    out.push(orderKeys(sector, ['id', 'name', 'aliases', 'description', 'assessor', 'sources', 'stages']) as SectorInput);
  }
  return { sectors: errors.length > 0 ? [] : out, errors };
}

function firstLineUsing(s: SectorState, id: string): number {
  let line = Number.POSITIVE_INFINITY;
  for (const st of s.stages.values()) {
    for (const node of [st, ...st.inputs.values()]) {
      for (const l of node.snapshots.values()) if (l.snap.source === id) line = Math.min(line, l.rows[0]?.line ?? line);
      if (node.value?.value.source === id) line = Math.min(line, node.value.line);
    }
  }
  return Number.isFinite(line) ? line : s.firstLine;
}

/** A stage or input as written: its keys, market size and share lists, with the sums checked. */
function nodeOut(head: Record<string, unknown>, n: NodeState, err: (line: number, column: string, message: string) => void): Record<string, unknown> {
  const out: Record<string, unknown> = { ...head };
  if (n.value) out.value = n.value.value;
  const shares: SnapshotInput[] = [];
  for (const list of n.snapshots.values()) {
    const snap: SnapshotInput = { ...list.snap };
    if (list.tolerance) snap.tolerance = list.tolerance.value;
    if (list.note) snap.note = list.note.value;
    const tolerance = list.tolerance?.value ?? DEFAULT_SUM_TOLERANCE;
    const sum = list.rows.reduce((t, r) => t + (r.share === 'unknown' ? 0 : r.share), 0);
    if (sum > 100 + tolerance + 1e-9) {
      const last = list.rows.at(-1)!;
      err(last.line, 'share', `the share list of lines ${list.rows[0]!.line}-${last.line} adds up to ${Math.round(sum * 100) / 100}, more than 100 (allowed excess, column tolerance: ${tolerance})`);
    }
    shares.push(orderKeys(snap, ['year', 'period', 'projection', 'metric', 'basis', 'measure', 'source', 'tolerance', 'note', 'values']) as SnapshotInput);
  }
  if (shares.length > 0) out.shares = shares;
  return orderKeys(out, ['id', 'name', 'parent', 'value', 'shares', 'inputs']);
}

function orderKeys<T extends object>(o: T, order: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of order) if ((o as Record<string, unknown>)[k] !== undefined) out[k] = (o as Record<string, unknown>)[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out) && v !== undefined) out[k] = v;
  return out as T;
}

/** A name or parent given on several rows of one sector, stage or node: empty cells say nothing; the others must agree. */
function agree(target: { name?: { value: string; line: number }; parent?: { value: string; line: number } }, key: 'name' | 'parent', value: string, row: LongRow, field: Field, err: (f: Field, m: string) => void): void {
  if (value === '') return;
  const had = target[key];
  if (!had) target[key] = { value, line: row.line };
  else if (had.value !== value) {
    const what = field.startsWith('sector') ? 'sector' : field.startsWith('stage') ? 'stage' : 'node';
    err(field, `"${value}" differs from "${had.value}" on line ${had.line}: give one ${key} per ${what}`);
  }
}

function idOf(raw: string, field: Field, err: (f: Field, m: string) => void): string | undefined {
  if (raw === '') {
    err(field, 'is empty (required)');
    return undefined;
  }
  if (!ID.test(raw)) {
    const s = slug(raw);
    err(field, `"${raw}" is not an id: lower-case letters, digits and dashes${s ? ` (e.g. "${s}")` : ''}`);
    return undefined;
  }
  return raw;
}

const yearOf = (s: string): number | undefined => (/^\d{4}$/.test(s) && Number(s) >= 1950 && Number(s) <= 2100 ? Number(s) : undefined);

function numberIn(row: LongRow, field: Field, lo: number, hi: number, err: (f: Field, m: string) => void, what = `a number from ${lo} to ${hi}`): number | undefined {
  const raw = (row.values[field] ?? '').replace(/%$/, '').trim();
  if (raw === '') return undefined;
  const n = Number(raw);
  if (!NUMBER.test(raw) || n < lo || n > hi) {
    err(field, `must be ${what} (got "${row.values[field]}")`);
    return undefined;
  }
  return n;
}

function bool(row: LongRow, field: Field, err: (f: Field, m: string) => void): boolean | undefined {
  const raw = (row.values[field] ?? '').toLowerCase();
  if (raw === '') return undefined;
  if (['true', 'yes', '1'].includes(raw)) return true;
  if (['false', 'no', '0'].includes(raw)) return false;
  err(field, `must be true or false (got "${row.values[field]}")`);
  return undefined;
}

/** The supplier and share of a row: a country or a region, by code, id, alias or name. */
function shareValue(row: LongRow, countries: CountriesData, err: (f: Field, m: string) => void): ValueInput | undefined {
  const who = row.values.country ?? '';
  const shareRaw = row.values.share ?? '';
  let place: { kind: 'country' | 'region'; id: string } | undefined;
  if (who === '') err('country', 'is empty (a row with a share names who supplies it)');
  else {
    try {
      place = resolveCountryOrRegion(countries, who);
    } catch {
      err('country', `unknown country or region "${who}"${placeHint(who, countries, 'country')} (names, alpha-2 and alpha-3 codes, region ids and aliases are read: see \`scsr list countries\`, \`scsr list regions\`)`);
    }
  }
  let share: number | 'unknown' | undefined;
  if (shareRaw === '') err('share', 'is empty: write a number from 0 to 100, or `unknown` for a supplier the source names without a share');
  else if (shareRaw.toLowerCase() === 'unknown') share = 'unknown';
  else share = numberIn(row, 'share', 0, 100, err, 'a number from 0 to 100, or `unknown`');
  const stated = row.values.stated ?? '';
  const low = numberIn(row, 'low', 0, 100, err);
  const high = numberIn(row, 'high', 0, 100, err);
  if (share === 'unknown' && (stated !== '' || low !== undefined || high !== undefined)) err(stated !== '' ? 'stated' : low !== undefined ? 'low' : 'high', 'is not allowed with share `unknown`');
  if (typeof share === 'number' && low !== undefined && low > share) err('low', `must not exceed share (${low} > ${share})`);
  if (typeof share === 'number' && high !== undefined && high < share) err('high', `must not be below share (${high} < ${share})`);
  if (!place || share === undefined) return undefined;
  const v: ValueInput = place.kind === 'country' ? { country: place.id, share } : { region: place.id, share };
  if (stated !== '') v.stated = stated;
  if (low !== undefined) v.low = low;
  if (high !== undefined) v.high = high;
  if ((row.values.note ?? '') !== '') v.note = row.values.note!;
  return v;
}

/** The share list a row belongs to, without its values. */
function snapshotOf(row: LongRow, err: (f: Field, m: string) => void): Omit<SnapshotInput, 'values'> | undefined {
  const get = (f: Field) => row.values[f] ?? '';
  let ok = true;
  const fail = (f: Field, m: string) => {
    ok = false;
    err(f, m);
  };
  const yearRaw = get('year');
  let year: number | undefined;
  let period: { from: number; to: number } | undefined;
  const range = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(yearRaw);
  if (yearRaw === '') fail('year', 'is empty (a year such as 2022, or a period such as 2019-2022)');
  else if (range) {
    const from = yearOf(range[1]!);
    const to = yearOf(range[2]!);
    if (from === undefined || to === undefined || from > to) fail('year', `must be a period of years from 1950 to 2100, the first not after the second (got "${yearRaw}")`);
    else period = { from, to };
  } else if ((year = yearOf(yearRaw)) === undefined) fail('year', `must be a year from 1950 to 2100, or a period such as 2019-2022 (got "${yearRaw}")`);
  const basis = get('basis').toLowerCase();
  if (basis === '') fail('basis', `is empty (one of ${SHARE_BASES.join(', ')})`);
  else if (!(SHARE_BASES as readonly string[]).includes(basis)) fail('basis', `must be one of ${SHARE_BASES.join(', ')} (got "${get('basis')}")${didYouMean(basis, SHARE_BASES)}`);
  const metric = get('metric').toLowerCase();
  if (metric === '') fail('metric', `is empty (one of ${SHARE_METRICS.join(', ')})`);
  else if (!(SHARE_METRICS as readonly string[]).includes(metric)) fail('metric', `must be one of ${SHARE_METRICS.join(', ')} (got "${get('metric')}")${didYouMean(metric, SHARE_METRICS)}`);
  const source = get('source');
  if (source === '') fail('source', 'is empty (the id of the source of the figure)');
  else if (!ID.test(source)) fail('source', `"${source}" is not an id: lower-case letters, digits and dashes`);
  const projection = bool(row, 'projection', fail);
  if (!ok) return undefined;
  const snap: Omit<SnapshotInput, 'values'> = {
    ...(period ? { period } : { year: year! }),
    metric: metric as SnapshotInput['metric'],
    basis: basis as SnapshotInput['basis'],
    source,
  };
  if (projection) snap.projection = true;
  if (get('measure') !== '') snap.measure = get('measure');
  return snap;
}

/** A source described on the row (source_publisher, source_title, source_year...), if any. */
function sourceOf(row: LongRow, err: (f: Field, m: string) => void): SourceInput | undefined {
  const get = (f: Field) => row.values[f] ?? '';
  const described: Field[] = ['source_publisher', 'source_title', 'source_year', 'source_url', 'source_location', 'source_secondary', 'source_note'];
  if (described.every((f) => get(f) === '')) return undefined;
  const id = get('source');
  if (id === '' || !ID.test(id)) return undefined; // reported with the snapshot
  let ok = true;
  for (const f of ['source_publisher', 'source_title', 'source_year'] as const) {
    if (get(f) === '') {
      ok = false;
      err(f, `is empty: a source described on a row needs publisher, title and year`);
    }
  }
  const year = yearOf(get('source_year'));
  if (get('source_year') !== '' && year === undefined) {
    ok = false;
    err('source_year', `must be a year from 1950 to 2100 (got "${get('source_year')}")`);
  }
  const secondary = bool(row, 'source_secondary', (f, m) => {
    ok = false;
    err(f, m);
  });
  if (!ok) return undefined;
  const src: SourceInput = { id, publisher: get('source_publisher'), title: get('source_title'), year: year! };
  if (get('source_url') !== '') src.url = get('source_url');
  if (get('source_location') !== '') src.location = get('source_location');
  if (secondary !== undefined) src.secondary = secondary;
  if (get('source_note') !== '') src.note = get('source_note');
  return src;
}

/** The market size of the row's node (value, currency, and the row's year and source unless value_year, value_source say otherwise). */
function nodeValueOf(row: LongRow, err: (f: Field, m: string) => void): NodeValueInput | undefined {
  const get = (f: Field) => row.values[f] ?? '';
  const valueFields: Field[] = ['value', 'currency', 'value_year', 'value_source', 'value_inferred', 'value_note'];
  if (valueFields.every((f) => get(f) === '')) return undefined;
  let ok = true;
  const fail = (f: Field, m: string) => {
    ok = false;
    err(f, m);
  };
  const millions = Number(get('value'));
  if (get('value') === '') fail('value', 'is empty although other value_ columns are given (the market size in millions of `currency`)');
  else if (!NUMBER.test(get('value')) || !(millions > 0)) fail('value', `must be a number above 0: the market size in millions of \`currency\` (got "${get('value')}")`);
  const currency = get('currency');
  if (!/^[A-Z]{3}$/.test(currency)) fail('currency', `must be an ISO 4217 code in upper case, such as USD (got "${currency}")`);
  const yearText = get('value_year') || get('year');
  const year = yearOf(yearText);
  if (year === undefined) fail(get('value_year') ? 'value_year' : 'year', `the market size needs a year (value_year, else the row's year; got "${yearText}")`);
  const source = get('value_source') || get('source');
  if (!ID.test(source)) fail(get('value_source') ? 'value_source' : 'source', `the market size needs a source id (value_source, else the row's source; got "${source}")`);
  const inferred = bool(row, 'value_inferred', fail);
  if (!ok) return undefined;
  const v: NodeValueInput = { millions, currency, year: year!, source };
  if (inferred !== undefined) v.inferred = inferred;
  if (get('value_note') !== '') v.note = get('value_note');
  return v;
}

// --- export -------------------------------------------------------------------------------

export type LongValues = Partial<Record<Field, string>>;

/**
 * The long rows of a sector, the inverse of buildSectors: one row per share value, in file
 * order (a stage's own lists, then each input's); a row with an empty country and share for a
 * stage or input without lists (so its name, parent and market size come back), and for one
 * whose market size cites a source its lists do not (so that source is described). What the long
 * format has no column for (ratings, diagnoses, dependencies, policies, demand lists, `use`,
 * `essential`, `material`, `inventoryMonths`) is not exported.
 */
export function exportRows(sector: Sector): LongValues[] {
  const rows: LongValues[] = [];
  const sources = new Map(sector.sources.map((s) => [s.id, s]));
  const base: LongValues = { sector: sector.id, sector_name: sector.name };
  const valueCols = (v: Sector['stages'][number]['value']): LongValues =>
    v ? { value: String(v.millions), currency: v.currency, value_year: String(v.year), value_source: v.source, value_inferred: v.inferred === undefined ? '' : String(v.inferred), value_note: v.note ?? '' } : {};
  const sourceCols = (id: string): LongValues => {
    const s = sources.get(id);
    if (!s) return { source: id };
    return {
      source: id, source_publisher: s.publisher, source_title: s.title, source_year: String(s.year), source_url: s.url ?? '', source_location: s.location ?? '',
      source_secondary: s.secondary === undefined ? '' : String(s.secondary), source_note: s.note ?? '',
    };
  };
  const listRows = (head: LongValues, snaps: Snapshot[] | undefined): void => {
    for (const snap of snaps ?? []) {
      const list: LongValues = {
        ...head,
        year: snap.period ? `${snap.period.from}-${snap.period.to}` : String(snap.year),
        projection: snap.projection ? 'true' : '',
        basis: snap.basis,
        metric: snap.metric,
        measure: snap.measure ?? '',
        tolerance: snap.tolerance === undefined ? '' : String(snap.tolerance),
        list_note: snap.note ?? '',
        ...sourceCols(snap.source),
      };
      for (const v of snap.values) {
        rows.push({
          ...list,
          country: v.country ?? v.region ?? '',
          share: String(v.share),
          stated: v.stated ?? '',
          low: v.low === undefined ? '' : String(v.low),
          high: v.high === undefined ? '' : String(v.high),
          note: v.note ?? '',
        });
      }
    }
  };
  // A node's rows: a declaration row (no country, no share) where it has no list, or where its
  // market size cites a source none of its lists cites (the row describes that source); then its lists.
  const nodeRows = (head: LongValues, node: { value?: Sector['stages'][number]['value']; shares?: Snapshot[] | undefined }, declareAnyway: boolean): void => {
    const lists = node.shares ?? [];
    const valueSourceElsewhere = !!node.value && !lists.some((s) => s.source === node.value!.source);
    if (lists.length === 0 ? declareAnyway || !!node.value : valueSourceElsewhere) rows.push({ ...head, ...(node.value ? sourceCols(node.value.source) : {}) });
    listRows(head, lists);
  };
  for (const stage of sector.stages) {
    const head: LongValues = { ...base, stage: stage.id, stage_name: stage.name };
    nodeRows({ ...head, node: '', ...valueCols(stage.value) }, stage, !stage.inputs?.length);
    for (const input of stage.inputs ?? []) {
      nodeRows({ ...head, node: input.id, node_name: input.name, parent: input.parent ?? '', ...valueCols(input.value) }, input, true);
    }
  }
  return rows;
}

/** The columns to write for these rows: the ones always written, and every other one some row fills. */
export function exportColumns(rows: readonly LongValues[]): Field[] {
  return LONG_COLUMNS.filter((c) => ALWAYS_WRITTEN.includes(c) || rows.some((r) => (r[c] ?? '') !== ''));
}
