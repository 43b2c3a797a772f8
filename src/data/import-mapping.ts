// The mapping file of `scsr import --mapping` (docs/data.md#mapping-files): how a CSV that is
// not in the long format becomes long rows. It names the CSV column of each field, joins other
// CSVs by key (the stage of a node, its parent, names), keeps only some rows, fills defaults,
// sets fields by rule and maps values (ETO's "Various countries" to region `other`). Heavy
// (zod): loaded only by the import command.
import { z } from 'zod';
import { formatPath, type PathSegment } from './errors.js';
import { fieldName, LONG_COLUMNS, type Field, type ImportError, type LongRow } from './import-csv.js';
import { unguardCell, type ParsedCsv } from './csv-records.js';
import { SourceSchema } from './schema.js';
import { didYouMean } from './suggest.js';
import type { Located } from './yaml-doc.js';

const field = z.enum(LONG_COLUMNS);
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export interface Lookup {
  table: string;
  by?: string | undefined;
  column: string;
  up?: Lookup[] | undefined;
}

const LookupSchema: z.ZodType<Lookup> = z.lazy(() =>
  z.strictObject({
    table: z.string().describe('A table of `tables`'),
    by: z.string().optional().describe('The field (or CSV column) whose value is the key; default `node`'),
    column: z.string().describe("The table's column that gives the value"),
    up: z.array(LookupSchema).optional().describe('When the key gives nothing: links to the next keys to try (walking up a tree)'),
  }),
);

const ValuesSchema = z.union([
  z.record(z.string(), scalar).describe('Exact CSV value (an empty key matches an empty cell) → value'),
  z.array(z.strictObject({ match: z.string(), to: scalar })).describe('Regular expressions, tried in order'),
]);

export const MappingSchema = z.strictObject({
  $schema: z.string().optional(),
  sector: z
    .strictObject({
      id: z.string().optional(),
      name: z.string().optional(),
      aliases: z.array(z.string()).optional(),
      description: z.string().optional(),
      assessor: z.string().optional(),
      stages: z.array(z.string()).optional().describe('Stage ids in the order the sector lists them (the others follow as they appear)'),
    })
    .optional()
    .describe('Keys of the sector file the rows do not give'),
  columns: z.partialRecord(field, z.string()).optional().describe('Field → the CSV column that holds it (a column named as the field needs no entry)'),
  tables: z.record(z.string(), z.strictObject({ file: z.string(), key: z.string() })).optional().describe('Other CSVs, relative to the imported CSV, by the column that keys them'),
  where: z
    .array(z.strictObject({ by: z.string(), table: z.string().optional(), column: z.string().optional(), in: z.array(scalar).min(1) }))
    .optional()
    .describe('Keep only the rows whose value (of a field, a CSV column, or looked up) is one of `in`'),
  lookups: z.partialRecord(field, z.array(LookupSchema).min(1)).optional().describe('Field → lookups tried in order when the CSV gives no value'),
  defaults: z.partialRecord(field, scalar).optional().describe('Field → its value where it is still empty'),
  rules: z
    .array(z.strictObject({ when: z.record(z.string(), z.union([scalar, z.array(scalar)])).optional(), set: z.partialRecord(field, scalar) }))
    .optional()
    .describe('In order: where every `when` holds, set the fields of `set`'),
  values: z.partialRecord(field, ValuesSchema).optional().describe('Field → how its values become the long format\'s (ids, codes, `unknown`)'),
  ids: z.strictObject({ stage: z.literal('name').optional(), node: z.literal('name').optional() }).optional().describe('Ids made from names where the CSV\'s ids are codes (N19 → lithography-tools)'),
  sources: z.array(SourceSchema).optional().describe('Sources the rows cite by id'),
});
export type Mapping = z.infer<typeof MappingSchema>;

export interface Table {
  file: string;
  key: string;
  header: string[];
  /** Rows by key, in file order. */
  rows: Map<string, Array<Record<string, string>>>;
}

/** Every key of a mapping file, for "did you mean". */
const MAPPING_KEYS = ['sector', 'columns', 'tables', 'where', 'lookups', 'defaults', 'rules', 'values', 'ids', 'sources', 'id', 'name', 'aliases', 'description', 'assessor', 'stages', 'file', 'key', 'by', 'table', 'column', 'in', 'up', 'when', 'set', 'match', 'to'];

/** The mapping's shape problems as `map.yaml:line:col: path message`. */
export function checkMapping(file: string, doc: Located): { mapping?: Mapping; errors: string[] } {
  const r = MappingSchema.safeParse(doc.data, { reportInput: false });
  if (r.success) return { mapping: r.data, errors: [] };
  const errors = r.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const at = keys.length ? [...path, keys[0]!] : path;
    const { line, col } = doc.locate(at, { key: keys.length > 0 });
    const message = issue.code === 'unrecognized_keys' ? `is not a key of a mapping file${didYouMean(keys[0]!, MAPPING_KEYS)}` : issue.message;
    return `${file}:${line}:${col}: ${formatPath(at)} ${message}`;
  });
  return { errors };
}

/** A table from a parsed CSV: rows indexed by the key column. */
export function tableOf(file: string, key: string, csv: ParsedCsv): Table | string {
  if (!csv.header.includes(key)) return `${file}: has no column "${key}" to key it by${didYouMean(key, csv.header)} (columns: ${csv.header.join(', ')})`;
  const rows = new Map<string, Array<Record<string, string>>>();
  for (const r of csv.records) {
    const row: Record<string, string> = {};
    csv.header.forEach((h, i) => (row[h] = unguardCell(r.fields[i] ?? '').trim()));
    const k = row[key]!;
    const list = rows.get(k);
    if (list) list.push(row);
    else rows.set(k, [row]);
  }
  return { file, key, header: csv.header, rows };
}

/** Deepest walk up a tree (`up`): a chain longer than this is a loop in the data. */
const MAX_WALK = 64;

export interface MappedRows {
  rows: LongRow[];
  /** Problems of the mapping itself, located in the mapping file. */
  mappingErrors: string[];
  /** Problems of rows, located in the CSV. */
  rowErrors: ImportError[];
}

/**
 * Long rows from a CSV and a mapping. Per row, in this order: the fields from their columns;
 * `where` (rows that fail it are left out); `lookups`, in the order the mapping lists them;
 * `defaults`; `rules`; then `values` and `ids` turn the values into the long format's. When
 * `parent` comes from a lookup, the ancestors of every node are declared too (a row with no
 * country and share), so a parent with no share list of its own still exists.
 */
export function mapRows(file: string, csv: ParsedCsv, mapping: Mapping, mappingFile: string, mappingDoc: Located, tables: ReadonlyMap<string, Table>): MappedRows {
  const mappingErrors: string[] = [];
  const rowErrors: ImportError[] = csv.problems.map((p) => ({ file, line: p.line, column: '', message: p.message }));
  const at = (path: PathSegment[], message: string, key = false) => {
    const { line, col } = mappingDoc.locate(path, { key });
    mappingErrors.push(`${mappingFile}:${line}:${col}: ${formatPath(path)} ${message}`);
  };

  // Which CSV column holds each field.
  const header = csv.header;
  const columnOf = new Map<Field, string>();
  for (const h of header) {
    const f = fieldName(h);
    if ((LONG_COLUMNS as readonly string[]).includes(f)) columnOf.set(f as Field, h);
  }
  for (const [f, column] of Object.entries(mapping.columns ?? {}) as Array<[Field, string]>) {
    if (!header.includes(column)) at(['columns', f], `the CSV has no column "${column}"${didYouMean(column, header)} (columns: ${header.join(', ')})`);
    else columnOf.set(f, column);
  }
  const checkLookup = (l: Lookup, path: PathSegment[]) => {
    const t = tables.get(l.table);
    if (!t) at([...path, 'table'], `no table "${l.table}" in \`tables\`${didYouMean(l.table, tables.keys())}`);
    else if (!t.header.includes(l.column)) at([...path, 'column'], `${t.file} has no column "${l.column}"${didYouMean(l.column, t.header)}`);
    l.up?.forEach((u, i) => checkLookup(u, [...path, 'up', i]));
  };
  for (const [f, list] of Object.entries(mapping.lookups ?? {}) as Array<[Field, Lookup[]]>) list.forEach((l, i) => checkLookup(l, ['lookups', f, i]));
  mapping.where?.forEach((w, i) => {
    if (w.table !== undefined || w.column !== undefined) checkLookup({ table: w.table ?? '', column: w.column ?? '', by: w.by }, ['where', i]);
  });
  for (const [f, spec] of Object.entries(mapping.values ?? {})) {
    if (Array.isArray(spec)) {
      spec.forEach((m, i) => {
        try {
          new RegExp(m.match);
        } catch (e) {
          at(['values', f, i, 'match'], `is not a regular expression: ${(e as Error).message}`);
        }
      });
    }
  }
  if (mappingErrors.length > 0) return { rows: [], mappingErrors, rowErrors };

  const lookupOrder = Object.keys(mapping.lookups ?? {}) as Field[];
  /** The value of `by` on a row: a field's current value, else the CSV column of that name. */
  const valueOf = (by: string, fields: Partial<Record<Field, string>>, raw: Record<string, string>): string =>
    (LONG_COLUMNS as readonly string[]).includes(by) ? (fields[by as Field] ?? '') : (raw[by] ?? '');
  const first = (table: string, key: string, column: string): string => {
    for (const r of tables.get(table)?.rows.get(key) ?? []) if ((r[column] ?? '') !== '') return r[column]!;
    return '';
  };
  const all = (table: string, key: string, column: string): string[] => (tables.get(table)?.rows.get(key) ?? []).map((r) => r[column] ?? '').filter((v) => v !== '');
  /** A lookup for one key: its own value, else (with `up`) the first value found walking up. */
  const lookup = (l: Lookup, key: string, depth = 0, seen = new Set<string>()): string => {
    if (key === '') return '';
    const own = first(l.table, key, l.column);
    if (own !== '' || !l.up || depth >= MAX_WALK || seen.has(key)) return own;
    seen.add(key);
    for (const link of l.up) {
      for (const next of all(link.table, key, link.column)) {
        const found = lookup(l, next, depth + 1, seen);
        if (found !== '') return found;
      }
    }
    return '';
  };
  const runLookups = (f: Field, fields: Partial<Record<Field, string>>, raw: Record<string, string>): string => {
    for (const l of mapping.lookups?.[f] ?? []) {
      const found = lookup(l, valueOf(l.by ?? 'node', fields, raw));
      if (found !== '') return found;
    }
    return '';
  };
  const holds = (when: Record<string, string | string[]> | undefined, fields: Partial<Record<Field, string>>, raw: Record<string, string>): boolean =>
    Object.entries(when ?? {}).every(([k, v]) => (Array.isArray(v) ? v : [v]).includes(valueOf(k, fields, raw)));

  // Rows as raw fields (before `values` and `ids`), with where each value came from.
  interface Raw {
    line: number;
    fields: Partial<Record<Field, string>>;
    from: Partial<Record<Field, string>>;
  }
  const raws: Raw[] = [];
  for (const rec of csv.records) {
    const raw: Record<string, string> = {};
    header.forEach((h, i) => (raw[h] = unguardCell(rec.fields[i] ?? '').trim()));
    const fields: Partial<Record<Field, string>> = {};
    const from: Partial<Record<Field, string>> = {};
    for (const [f, column] of columnOf) {
      fields[f] = raw[column] ?? '';
      from[f] = column;
    }
    const keep = (mapping.where ?? []).every((w) => {
      const v = valueOf(w.by, fields, raw);
      const got = w.table !== undefined ? first(w.table, v, w.column ?? '') : v;
      return w.in.includes(got);
    });
    if (!keep) continue;
    for (const f of lookupOrder) {
      if ((fields[f] ?? '') !== '') continue;
      fields[f] = runLookups(f, fields, raw);
      from[f] ??= f;
    }
    for (const [f, v] of Object.entries(mapping.defaults ?? {}) as Array<[Field, string]>) {
      if ((fields[f] ?? '') === '') {
        fields[f] = v;
        from[f] ??= f;
      }
    }
    if (mapping.sector?.id !== undefined && (fields.sector ?? '') === '') [fields.sector, from.sector] = [mapping.sector.id, 'sector'];
    if (mapping.sector?.name !== undefined && (fields.sector_name ?? '') === '') [fields.sector_name, from.sector_name] = [mapping.sector.name, 'sector_name'];
    for (const rule of mapping.rules ?? []) {
      if (!holds(rule.when, fields, raw)) continue;
      for (const [f, v] of Object.entries(rule.set) as Array<[Field, string]>) {
        fields[f] = v;
        from[f] = from[f] ?? f;
      }
    }
    raws.push({ line: rec.line, fields, from });
  }

  // Ancestors of nodes whose parent comes from a lookup: declared once per sector and stage.
  if (mapping.lookups?.parent) {
    const known = new Set(raws.filter((r) => r.fields.node).map((r) => `${r.fields.sector}\0${r.fields.stage}\0${r.fields.node}`));
    const declared: Raw[] = [];
    for (const r of raws) {
      let node = r.fields.node ?? '';
      for (let depth = 0; node !== '' && depth < MAX_WALK; depth++) {
        const parent = runLookups('parent', { ...r.fields, node }, {});
        if (parent === '') break;
        const id = `${r.fields.sector}\0${r.fields.stage}\0${parent}`;
        if (known.has(id)) break;
        known.add(id);
        const fields: Partial<Record<Field, string>> = { sector: r.fields.sector ?? '', sector_name: r.fields.sector_name ?? '', stage: r.fields.stage ?? '', node: parent };
        fields.node_name = runLookups('node_name', fields, {});
        fields.parent = runLookups('parent', fields, {});
        declared.push({ line: r.line, fields, from: { node: 'parent', node_name: 'node_name', parent: 'parent' } });
        node = parent;
      }
    }
    raws.push(...declared);
  }

  // Values and ids: the long format's spellings.
  const nameOfNode = new Map<string, string>();
  for (const r of raws) if (r.fields.node && r.fields.node_name && !nameOfNode.has(r.fields.node)) nameOfNode.set(r.fields.node, r.fields.node_name);
  const nameOfStage = new Map<string, string>();
  for (const r of raws) if (r.fields.stage && r.fields.stage_name && !nameOfStage.has(r.fields.stage)) nameOfStage.set(r.fields.stage, r.fields.stage_name);
  const compiled = new Map<string, Array<{ re: RegExp; to: string }>>();
  for (const [f, spec] of Object.entries(mapping.values ?? {})) if (Array.isArray(spec)) compiled.set(f, spec.map((m) => ({ re: new RegExp(m.match), to: m.to })));
  const mapValue = (f: Field, v: string): string => {
    const spec = mapping.values?.[f];
    if (!spec) return v;
    if (!Array.isArray(spec)) return Object.hasOwn(spec, v) ? spec[v]! : v;
    for (const m of compiled.get(f)!) if (m.re.test(v)) return m.to;
    return v;
  };
  const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const idOf = (kind: 'stage' | 'node', v: string): string => {
    if (v === '') return v;
    const spec = mapping.values?.[kind];
    if (spec) {
      const mapped = mapValue(kind, v);
      if (mapped !== v || !mapping.ids?.[kind]) return mapped;
    }
    if (mapping.ids?.[kind] === 'name') {
      const name = (kind === 'node' ? nameOfNode : nameOfStage).get(v) ?? (kind === 'node' ? runLookups('node_name', { node: v }, {}) : runLookups('stage_name', { stage: v }, {}));
      return name ? slug(name) : v;
    }
    return v;
  };
  const rows: LongRow[] = raws.map((r) => {
    const values: Partial<Record<Field, string>> = {};
    for (const [f, v] of Object.entries(r.fields) as Array<[Field, string]>) {
      if (f === 'node') values.node = idOf('node', v);
      else if (f === 'parent') values.parent = mapping.values?.parent ? mapValue('parent', v) : idOf('node', v);
      else if (f === 'stage') values.stage = idOf('stage', v);
      else values[f] = mapValue(f, v);
    }
    return { file, line: r.line, values, from: r.from };
  });
  return { rows, mappingErrors, rowErrors };
}
