// Validation of one parsed file: zod for shape and types, then the checks zod cannot express
// (unique ids, references that resolve, known country codes, shares that add up).
import type { z } from 'zod';
import { CountriesSchema, SectorSchema, TradeSchema } from './schema.js';
import type { CountriesFile, Sector, Snapshot, TradeFile } from './schema.js';
import { CriticalityFileSchema, type CriticalityFile } from './schema-crm.js';
import { formatPath, type DataError, type PathSegment } from './errors.js';
import type { CountriesData, Model } from './model.js';
import { placeHint } from './resolve.js';
import { didYouMean } from './suggest.js';
import { DEFAULT_SUM_TOLERANCE } from './vocab.js';
import type { Located } from './yaml-doc.js';

export type FileKind = 'sector' | 'countries' | 'trade' | 'criticality';

/**
 * A sector file has `stages` (or an `id`, which no countries file has: a misspelt `stages` then
 * reads as a missing key, not as an unknown kind of file); a countries file has none of these.
 */
export function detectKind(data: unknown): FileKind | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const has = (k: string) => Object.hasOwn(data, k);
  if (['stages', 'policies', 'dependencies', 'id'].some(has)) return 'sector';
  if (['imports', 'reliance', 'events'].some(has)) return 'trade';
  if (['assessments', 'editions', 'wgiTables'].some(has)) return 'criticality';
  return ['countries', 'regions', 'groups', 'concerns', 'supplierRisk'].some(has) ? 'countries' : undefined;
}

interface Ctx {
  file: string;
  doc: Located;
  errors: DataError[];
  /** Countries known before this file, to suggest the code a malformed one means. */
  countries?: CountriesData | undefined;
}

function add(ctx: Ctx, path: readonly PathSegment[], message: string, opts?: { key?: boolean }): void {
  const { line, col } = ctx.doc.locate(path, opts);
  ctx.errors.push({ file: ctx.file, line, col, path: formatPath(path), message });
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function repr(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  if (typeof v === 'number') return Number.isNaN(v) ? '.nan' : Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : '-.inf';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

const typeNames: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** Every key any schema knows, for "did you mean" on unknown keys. */
const KNOWN_KEYS = [
  'id', 'name', 'aliases', 'description', 'assessor', 'sources', 'stages', 'dependencies', 'policies', 'publisher',
  'title', 'year', 'url', 'seed', 'location', 'secondary', 'note', 'rating', 'value', 'basis', 'inferred', 'source',
  'diagnoses', 'diagnosesSource', 'shares', 'inputs', 'demand', 'recyclingInputRate', 'substitutionIndex',
  'importReliance', 'projection', 'metric', 'measure', 'tolerance', 'values', 'country', 'region', 'share', 'stated',
  'low', 'high', 'kind', 'on', 'stage', 'input', 'text', 'number', 'measures', 'stagesInferred', 'impacts', 'short',
  'long', 'gap', 'countries', 'regions', 'groups', 'concerns', 'supplierRisk', 'code', 'governance', 'wgi', 'members',
  'residual', 'viewpoint', 'allyGroups', 'allyFactor', 'concernWeight', 'unknownWeight', 'overrides', 'from', 'to', 'weight',
  'period', 'parent', 'relation', 'use', 'inventoryMonths', 'essential', 'material', 'millions', 'currency', 'imports', 'reliance',
  'events', 'product', 'hs', 'of', 'partial', 'percent', 'imposedBy', 'aimedAt', 'imposed', 'lifted', 'nodes', 'products',
];

function zodIssues(ctx: Ctx, data: unknown, issues: z.core.$ZodIssue[]): void {
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const got = valueAt(data, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        // A key known elsewhere (`stage` of a dependency at the top level) is no suggestion for itself.
        for (const key of issue.keys) add(ctx, [...path, key], `is not a known key${didYouMean(key, KNOWN_KEYS.filter((k) => k !== key))}`, { key: true });
        break;
      case 'invalid_type':
        if (got === undefined) add(ctx, path.slice(0, -1), `${formatPath(path.slice(-1))} is required`);
        // YAML reads `.nan`, `.inf` and 1e400 as numbers that zod rejects as not numbers at all.
        else if (typeof got === 'number' && issue.expected === 'number') add(ctx, path, `must be a finite number (got ${repr(got)})`);
        else add(ctx, path, `must be ${typeNames[issue.expected] ?? issue.expected} (got ${repr(got)})`);
        break;
      case 'too_big':
      case 'too_small': {
        if (typeof got === 'number') {
          const range = numericRange(issue);
          add(ctx, path, `${range} (got ${repr(got)})`);
        } else if (Array.isArray(got)) {
          add(ctx, path, issue.code === 'too_small' ? 'must not be empty' : 'has too many items');
        } else if (typeof got === 'string') {
          add(ctx, path, 'must not be empty');
        } else add(ctx, path, issue.message);
        break;
      }
      case 'invalid_union':
        // The one union of the data model: a share, `percent` or the word `unknown`.
        if (typeof got === 'number' && !Number.isFinite(got)) add(ctx, path, `must be a finite number (got ${repr(got)})`);
        else if (typeof got === 'number') add(ctx, path, `must be between 0 and 100, or \`unknown\` (got ${repr(got)})`);
        else add(ctx, path, `must be a number from 0 to 100, or \`unknown\` (got ${repr(got)})`);
        break;
      case 'invalid_value':
        add(ctx, path, `must be one of ${issue.values.map((v) => String(v)).join(', ')} (got ${repr(got)})${typeof got === 'string' ? didYouMean(got, issue.values.map(String)) : ''}`);
        break;
      case 'invalid_format':
        add(ctx, path, `${issue.message.replace(/^Invalid string: /, '')} (got ${repr(got)})${typeof got === 'string' && issue.message.includes('ISO 3166-1') ? countryHint(got, ctx.countries) : ''}`);
        break;
      default:
        add(ctx, path, issue.message.charAt(0).toLowerCase() + issue.message.slice(1));
    }
  }
}

/** A malformed country code is often an alpha-3 code or a name ("kor", "Korea"): both are aliases of the code meant. */
function countryHint(got: string, countries: CountriesData | undefined): string {
  return countries ? placeHint(got, countries, 'country') : '';
}

/** Bounds of the schemas in this file, so a message can say the whole range. */
function numericRange(issue: z.core.$ZodIssue): string {
  const bound = Number((issue as { maximum?: unknown; minimum?: unknown }).maximum ?? (issue as { minimum?: unknown }).minimum);
  const known: Array<[number, number]> = [[0, 100], [0, 1], [-2.5, 2.5], [1950, 2100], [0, 5]];
  const range = known.find(([lo, hi]) => lo === bound || hi === bound);
  if (range) return `must be between ${range[0]} and ${range[1]}`;
  return issue.code === 'too_big' ? `must be at most ${bound}` : `must be at least ${bound}`;
}

function unique<T>(ctx: Ctx, items: readonly T[] | undefined, key: (x: T) => string | number, path: PathSegment[], field: string, what: string): void {
  const seen = new Map<string | number, number>();
  (items ?? []).forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) add(ctx, [...path, i, field], `duplicate ${what} "${k}" (first at ${formatPath([...path, first])})`);
    else seen.set(k, i);
  });
}

export interface ValidateFileResult {
  kind: FileKind;
  sector?: Sector;
  countries?: CountriesFile;
  trade?: TradeFile;
  criticality?: CriticalityFile;
  errors: DataError[];
}

/** Shape-check one parsed file. Cross-file references are checked by `checkSector`/`checkCountries`. */
export function validateShape(file: string, doc: Located, countries?: CountriesData): ValidateFileResult {
  const ctx: Ctx = { file, doc, errors: [], countries };
  const kind = detectKind(doc.data);
  if (!kind) {
    add(ctx, [], Array.isArray(doc.data) || typeof doc.data !== 'object'
      ? `must be a mapping (got ${repr(doc.data)})`
      : 'is not a scsr data file: a sector file needs `stages`; a countries file one of `countries`, `regions`, `groups`, `concerns`, `supplierRisk`; a trade file one of `imports`, `reliance`, `events`; a criticality file `assessments`');
    return { kind: 'sector', errors: ctx.errors };
  }
  const schema = kind === 'sector' ? SectorSchema : kind === 'trade' ? TradeSchema : kind === 'criticality' ? CriticalityFileSchema : CountriesSchema;
  const parsed = schema.safeParse(doc.data, { reportInput: false });
  if (!parsed.success) {
    zodIssues(ctx, doc.data, parsed.error.issues);
    return { kind, errors: ctx.errors };
  }
  if (kind === 'sector') return { kind, sector: parsed.data as Sector, errors: [] };
  if (kind === 'trade') return { kind, trade: parsed.data as TradeFile, errors: [] };
  if (kind === 'criticality') return { kind, criticality: parsed.data as CriticalityFile, errors: [] };
  return { kind, countries: parsed.data as CountriesFile, errors: [] };
}

/** Cross-reference checks of a countries file against the merged countries it will join. */
export function checkCountries(file: string, doc: Located, c: CountriesFile, merged: CountriesData): DataError[] {
  const ctx: Ctx = { file, doc, errors: [] };
  const codes = new Set(merged.countries.map((x) => x.code));
  const sourceIds = new Set(merged.sources.map((s) => s.id));
  const groupIds = new Set(merged.groups.map((g) => g.id));
  unique(ctx, c.countries, (x) => x.code, ['countries'], 'code', 'country code');
  unique(ctx, c.regions, (x) => x.id, ['regions'], 'id', 'region id');
  unique(ctx, c.groups, (x) => x.id, ['groups'], 'id', 'group id');
  unique(ctx, c.sources, (x) => x.id, ['sources'], 'id', 'source id');
  const country = (code: string, path: PathSegment[]) => {
    if (!codes.has(code)) add(ctx, path, `unknown country code "${code}"${placeHint(code, merged, 'country')}`);
  };
  const source = (id: string, path: PathSegment[]) => {
    if (!sourceIds.has(id)) add(ctx, path, `unknown source "${id}"${didYouMean(id, sourceIds)}`);
  };
  // An alias must name one place only, and never shadow another country's code.
  const aliasOwner = new Map<string, string>();
  for (const x of merged.countries) aliasOwner.set(x.code, x.code);
  c.countries?.forEach((x, i) => {
    if (x.governance) source(x.governance.source, ['countries', i, 'governance', 'source']);
    x.aliases?.forEach((a, j) => {
      const key = a.toLowerCase();
      const owner = aliasOwner.get(key);
      if (owner && owner !== x.code) add(ctx, ['countries', i, 'aliases', j], `alias "${a}" already names "${owner}"`);
      else aliasOwner.set(key, x.code);
    });
  });
  c.regions?.forEach((r, i) => r.members?.forEach((m, j) => country(m, ['regions', i, 'members', j])));
  c.groups?.forEach((g, i) => {
    source(g.source, ['groups', i, 'source']);
    g.members.forEach((m, j) => country(m, ['groups', i, 'members', j]));
  });
  c.concerns?.forEach((x, i) => {
    source(x.source, ['concerns', i, 'source']);
    country(x.viewpoint, ['concerns', i, 'viewpoint']);
    x.countries.forEach((m, j) => country(m, ['concerns', i, 'countries', j]));
  });
  c.supplierRisk?.allyGroups?.forEach((g, i) => {
    if (!groupIds.has(g)) add(ctx, ['supplierRisk', 'allyGroups', i], `unknown group "${g}"${didYouMean(g, groupIds)}`);
  });
  const regionIds = new Set(merged.regions.map((r) => r.id));
  c.supplierRisk?.overrides?.forEach((o, i) => {
    country(o.from, ['supplierRisk', 'overrides', i, 'from']);
    if (!codes.has(o.to) && !regionIds.has(o.to)) add(ctx, ['supplierRisk', 'overrides', i, 'to'], `unknown country or region "${o.to}"${didYouMean(o.to, [...codes, ...regionIds])}`);
  });
  return ctx.errors;
}

/** Cross-reference checks of a sector against its own sources and the merged countries. */
export function checkSector(file: string, doc: Located, s: Sector, countries: CountriesData): DataError[] {
  const ctx: Ctx = { file, doc, errors: [] };
  const codes = new Set(countries.countries.map((c) => c.code));
  const regionIds = new Set(countries.regions.map((r) => r.id));
  const sourceIds = new Set(s.sources.map((x) => x.id));
  const stageIds = new Set(s.stages.map((x) => x.id));

  unique(ctx, s.sources, (x) => x.id, ['sources'], 'id', 'source id');
  unique(ctx, s.stages, (x) => x.id, ['stages'], 'id', 'stage id');
  unique(ctx, s.dependencies, (x) => x.id, ['dependencies'], 'id', 'dependency id');
  unique(ctx, s.policies, (x) => x.id, ['policies'], 'id', 'policy id');
  unique(ctx, s.policies, (x) => x.number, ['policies'], 'number', 'policy number');

  const country = (code: string, path: PathSegment[]) => {
    if (!codes.has(code)) add(ctx, path, `unknown country code "${code}"${placeHint(code, countries, 'country')}`);
  };
  const source = (id: string | undefined, path: PathSegment[]) => {
    if (id !== undefined && !sourceIds.has(id)) add(ctx, path, `unknown source "${id}"${didYouMean(id, sourceIds)}`);
  };
  const snapshots = (list: Snapshot[] | undefined, path: PathSegment[]) => {
    list?.forEach((snap, i) => {
      const at = [...path, i];
      source(snap.source, [...at, 'source']);
      const seen = new Set<string>();
      let sum = 0;
      snap.values.forEach((v, j) => {
        const who = v.country ?? v.region ?? '';
        if (v.country !== undefined) country(v.country, [...at, 'values', j, 'country']);
        if (v.region !== undefined && !regionIds.has(v.region)) {
          add(ctx, [...at, 'values', j, 'region'], `unknown region "${v.region}"${placeHint(v.region, countries, 'region')}`);
        }
        if (seen.has(who)) add(ctx, [...at, 'values', j], `"${who}" appears twice in one snapshot`);
        seen.add(who);
        if (v.share !== 'unknown') sum += v.share;
      });
      const tolerance = snap.tolerance ?? DEFAULT_SUM_TOLERANCE;
      if (sum > 100 + tolerance + 1e-9) {
        add(ctx, [...at, 'values'], `shares add up to ${round(sum)}, more than 100 (allowed excess, key tolerance: ${tolerance})`);
      }
    });
  };

  if (s.assessor !== undefined) country(s.assessor, ['assessor']);
  s.stages.forEach((stage, i) => {
    const at: PathSegment[] = ['stages', i];
    source(stage.rating?.source, [...at, 'rating', 'source']);
    source(stage.diagnosesSource, [...at, 'diagnosesSource']);
    source(stage.value?.source, [...at, 'value', 'source']);
    source(stage.inventoryMonths?.source, [...at, 'inventoryMonths', 'source']);
    snapshots(stage.shares, [...at, 'shares']);
    snapshots(stage.demand, [...at, 'demand']);
    unique(ctx, stage.inputs, (x) => x.id, [...at, 'inputs'], 'id', 'input id');
    const inputIds = new Set((stage.inputs ?? []).map((x) => x.id));
    const parentOf = new Map((stage.inputs ?? []).map((x) => [x.id, x.parent]));
    const withChildren = new Set((stage.inputs ?? []).map((x) => x.parent).filter((p): p is string => p !== undefined));
    stage.inputs?.forEach((input, j) => {
      const ia: PathSegment[] = [...at, 'inputs', j];
      snapshots(input.shares, [...ia, 'shares']);
      source(input.value?.source, [...ia, 'value', 'source']);
      source(input.inventoryMonths?.source, [...ia, 'inventoryMonths', 'source']);
      if (input.parent !== undefined) {
        if (input.parent === input.id) add(ctx, [...ia, 'parent'], 'an input cannot be its own parent');
        else if (!inputIds.has(input.parent)) add(ctx, [...ia, 'parent'], `unknown input "${input.parent}" of stage "${stage.id}"${didYouMean(input.parent, inputIds)}`);
        else {
          // Walk up: a cycle returns to this input before it reaches the stage.
          const seen = new Set([input.id]);
          for (let p = parentOf.get(input.parent) === undefined ? undefined : input.parent; p !== undefined; p = parentOf.get(p)) {
            if (seen.has(p)) {
              add(ctx, [...ia, 'parent'], `parents form a cycle (${[...seen, p].join(' → ')})`);
              break;
            }
            seen.add(p);
          }
        }
      }
      if (!input.shares && !withChildren.has(input.id)) add(ctx, ia, 'needs `shares` or child inputs (inputs whose `parent` is this one)');
    });
  });
  s.dependencies?.forEach((d, i) => {
    const at: PathSegment[] = ['dependencies', i];
    source(d.source, [...at, 'source']);
    country(d.country, [...at, 'country']);
    d.on.forEach((c, j) => country(c, [...at, 'on', j]));
    const stage = s.stages.find((x) => x.id === d.stage);
    if (!stage) add(ctx, [...at, 'stage'], `unknown stage "${d.stage}"${didYouMean(d.stage, stageIds)}`);
    else if (d.input !== undefined && !stage.inputs?.some((x) => x.id === d.input)) {
      add(ctx, [...at, 'input'], `unknown input "${d.input}" of stage "${d.stage}"${didYouMean(d.input, (stage.inputs ?? []).map((x) => x.id))}`);
    }
  });
  s.policies?.forEach((p, i) => {
    const at: PathSegment[] = ['policies', i];
    source(p.source, [...at, 'source']);
    p.stages.forEach((st, j) => {
      if (!stageIds.has(st)) add(ctx, [...at, 'stages', j], `unknown stage "${st}"${didYouMean(st, stageIds)}`);
    });
    p.impacts?.forEach((imp, j) => {
      country(imp.country, [...at, 'impacts', j, 'country']);
      source(imp.source, [...at, 'impacts', j, 'source']);
    });
  });
  return ctx.errors;
}

/**
 * Cross-reference checks of a trade file against the merged model (sectors and countries are
 * loaded first): every node, viewpoint, partner and source it names must exist.
 */
export function checkTrade(file: string, doc: Located, t: TradeFile, model: Model, sourceIds: ReadonlySet<string>): DataError[] {
  const ctx: Ctx = { file, doc, errors: [] };
  const codes = new Set(model.countries.countries.map((c) => c.code));
  const regionIds = new Set(model.countries.regions.map((r) => r.id));
  const sectorIds = model.sectors.map((s) => s.id);
  unique(ctx, t.sources, (x) => x.id, ['sources'], 'id', 'source id');
  unique(ctx, t.events, (x) => x.id, ['events'], 'id', 'event id');
  const source = (id: string, path: PathSegment[]) => {
    if (!sourceIds.has(id)) add(ctx, path, `unknown source "${id}"${didYouMean(id, sourceIds)}`);
  };
  const country = (code: string, path: PathSegment[]) => {
    if (!codes.has(code)) add(ctx, path, `unknown country code "${code}"${placeHint(code, model.countries, 'country')}`);
  };
  const place = (code: string, path: PathSegment[]) => {
    if (!codes.has(code) && !regionIds.has(code)) add(ctx, path, `unknown country or region "${code}"${didYouMean(code, [...codes, ...regionIds])}`);
  };
  /** `at(key)`: where to report a bad `sector`, `stage` or `input`. */
  const node = (ref: { sector: string; stage: string; input?: string | undefined }, at: (key: 'sector' | 'stage' | 'input') => PathSegment[]) => {
    const sector = model.sectors.find((s) => s.id === ref.sector);
    if (!sector) return add(ctx, at('sector'), `unknown sector "${ref.sector}"${didYouMean(ref.sector, sectorIds)}`);
    const stage = sector.stages.find((s) => s.id === ref.stage);
    if (!stage) return add(ctx, at('stage'), `unknown stage "${ref.stage}" of sector "${ref.sector}"${didYouMean(ref.stage, sector.stages.map((s) => s.id))}`);
    if (ref.input !== undefined && !stage.inputs?.some((x) => x.id === ref.input)) {
      add(ctx, at('input'), `unknown input "${ref.input}" of stage "${ref.stage}"${didYouMean(ref.input, (stage.inputs ?? []).map((x) => x.id))}`);
    }
  };
  t.imports?.forEach((list, i) => {
    const at: PathSegment[] = ['imports', i];
    place(list.viewpoint, [...at, 'viewpoint']);
    node(list, (key) => [...at, key]);
    source(list.source, [...at, 'source']);
    const seen = new Set<string>();
    let sum = 0;
    list.values.forEach((v, j) => {
      const who = v.country ?? v.region ?? '';
      if (v.country !== undefined) country(v.country, [...at, 'values', j, 'country']);
      if (v.region !== undefined && !regionIds.has(v.region)) add(ctx, [...at, 'values', j, 'region'], `unknown region "${v.region}"${placeHint(v.region, model.countries, 'region')}`);
      if (seen.has(who)) add(ctx, [...at, 'values', j], `"${who}" appears twice in one list`);
      seen.add(who);
      if (list.of === 'imports' && who === list.viewpoint) add(ctx, [...at, 'values', j], `the viewpoint "${who}" cannot be a source of its own imports (use \`of: supply\` for a list that includes domestic supply)`);
      if (v.share !== 'unknown') sum += v.share;
    });
    const tolerance = list.tolerance ?? DEFAULT_SUM_TOLERANCE;
    if (sum > 100 + tolerance + 1e-9) add(ctx, [...at, 'values'], `shares add up to ${round(sum)}, more than 100 (allowed excess, key tolerance: ${tolerance})`);
  });
  t.reliance?.forEach((r, i) => {
    const at: PathSegment[] = ['reliance', i];
    place(r.viewpoint, [...at, 'viewpoint']);
    node(r, (key) => [...at, key]);
    source(r.source, [...at, 'source']);
    if (r.low !== undefined && r.low > r.percent) add(ctx, [...at, 'low'], `must not exceed percent (${r.low} > ${r.percent})`);
    if (r.high !== undefined && r.high < r.percent) add(ctx, [...at, 'high'], `must not be below percent (${r.high} < ${r.percent})`);
  });
  t.events?.forEach((e, i) => {
    const at: PathSegment[] = ['events', i];
    country(e.imposedBy, [...at, 'imposedBy']);
    e.aimedAt.forEach((c, j) => {
      if (c !== 'all') country(c, [...at, 'aimedAt', j]);
    });
    source(e.source, [...at, 'source']);
    e.nodes.forEach((path, j) => {
      const [sector, stage, input] = path.split('/') as [string, string, string | undefined];
      node({ sector, stage, ...(input !== undefined ? { input } : {}) }, () => [...at, 'nodes', j]);
    });
  });
  return ctx.errors;
}

/** A criticality file's node references (`sector/stage/input`) must name nodes of the loaded sectors. */
export function checkCriticality(file: string, doc: Located, c: CriticalityFile, model: Model): DataError[] {
  const ctx: Ctx = { file, doc, errors: [] };
  c.assessments.forEach((a, i) =>
    a.stages.forEach((s, j) =>
      s.nodes.forEach((path, k) => {
        const [sectorId, stageId, inputId] = path.split('/');
        const sector = model.sectors.find((x) => x.id === sectorId);
        const stage = sector?.stages.find((x) => x.id === stageId);
        const at: PathSegment[] = ['assessments', i, 'stages', j, 'nodes', k];
        if (!sector) add(ctx, at, `unknown sector "${sectorId}"${didYouMean(sectorId ?? '', model.sectors.map((x) => x.id))}`);
        else if (!stage) add(ctx, at, `unknown stage "${stageId}" of sector "${sectorId}"${didYouMean(stageId ?? '', sector.stages.map((x) => x.id))}`);
        else if (inputId !== undefined && !stage.inputs?.some((x) => x.id === inputId)) {
          add(ctx, at, `unknown input "${inputId}" of stage "${stageId}"${didYouMean(inputId, (stage.inputs ?? []).map((x) => x.id))}`);
        }
      }),
    ),
  );
  return ctx.errors;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
