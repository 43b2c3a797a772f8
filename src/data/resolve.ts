// Resolve what a user types (a name, an alias, any case) to ids of the model, with suggestions.
// One rule everywhere: ids and codes first, then aliases, then names, each in model order; so a
// name never hides an id or an alias. `scsr validate` refuses an id or alias that would name
// two things (src/data/names.ts), which makes the first two tiers unambiguous.
import { findCountry, findRegion } from './lookup.js';
import type { CountriesData, Model, Sector } from './model.js';
import { suggest } from './suggest.js';

export const normalize = (s: string): string => s.trim().toLowerCase().replace(/[\s_]+/g, '-');

export class ResolveError extends Error {}

/** What an item may be called, by tier, and how a suggestion shows it. */
interface Names {
  ids: readonly string[];
  aliases?: readonly string[] | undefined;
  names?: readonly string[] | undefined;
  /** `"kr"`, `region "europe"`. */
  label: string;
}

function buildIndex<T>(items: readonly T[], names: (x: T) => Names): Map<string, T> {
  const index = new Map<string, T>();
  const tiers: Array<(n: Names) => readonly string[] | undefined> = [(n) => n.ids, (n) => n.aliases, (n) => n.names];
  for (const tier of tiers) {
    for (const item of items) {
      for (const n of tier(names(item)) ?? []) {
        const key = normalize(n);
        if (!index.has(key)) index.set(key, item);
      }
    }
  }
  return index;
}

/** `; did you mean "kr", "ke" or region "europe"?` from the items near `key`, each shown once. */
function suggestionText<T>(key: string, index: Map<string, T>, names: (x: T) => Names): string {
  const near = [...new Set(suggest(key, index.keys(), 10).map((k) => names(index.get(k)!).label))].slice(0, 3);
  if (near.length === 0) return '';
  return `; did you mean ${near.length > 1 ? `${near.slice(0, -1).join(', ')} or ${near.at(-1)}` : near[0]}?`;
}

function lookup<T>(input: string, items: readonly T[], names: (x: T) => Names, what: string, listHint: string): T {
  const key = normalize(input);
  const index = buildIndex(items, names);
  const hit = index.get(key);
  if (hit) return hit;
  throw new ResolveError(`unknown ${what} "${input}"${suggestionText(key, index, names)} (${listHint})`);
}

const sectorNames = (s: Sector): Names => ({ ids: [s.id], aliases: s.aliases, names: [s.name], label: `"${s.id}"` });

export function resolveSector(model: Model, input: string): Sector {
  return lookup(input, model.sectors, sectorNames, 'sector', 'see `scsr list`');
}

type Place = { kind: 'country'; code: string; name: string; aliases?: string[] | undefined } | { kind: 'region'; code: string; name: string; aliases?: string[] | undefined };

function places(countries: CountriesData): Place[] {
  return [
    ...countries.countries.map((c): Place => ({ kind: 'country', code: c.code, name: c.name, aliases: c.aliases })),
    ...countries.regions.map((r): Place => ({ kind: 'region', code: r.id, name: r.name, aliases: r.aliases })),
  ];
}

const placeNames = (p: Place): Names => ({ ids: [p.code], aliases: p.aliases, names: [p.name], label: p.kind === 'region' ? `region "${p.code}"` : `"${p.code}"` });

/** A country code from a code, a name or an alias (an alpha-3 code is an alias in the data). */
export function resolveCountry(countries: CountriesData, input: string): string {
  const all = places(countries);
  const key = normalize(input);
  const index = buildIndex(all, placeNames);
  const hit = index.get(key);
  if (hit?.kind === 'country') return hit.code;
  // A region is not a country here; say so, and suggest among countries and regions both.
  if (hit) throw new ResolveError(`"${input}" is region "${hit.code}" (${hit.name}), not a country (see \`scsr list regions\`)`);
  throw new ResolveError(`unknown country "${input}"${suggestionText(key, index, placeNames)} (see \`scsr list countries\`, \`scsr list regions\`)`);
}

/** Any country or region, from a code, id, name or alias, with its kind: how `scsr import` reads a supplier. */
export function resolveCountryOrRegion(countries: CountriesData, input: string): { kind: 'country' | 'region'; id: string } {
  const p = lookup(input, places(countries), placeNames, 'country or region', 'see `scsr list countries`, `scsr list regions`');
  return { kind: p.kind, id: p.code };
}

const hintIndexes = new WeakMap<CountriesData, { all: Place[]; index: Map<string, Place> }>();

/**
 * The end of a "did you mean" for a code or id in a data file that names no country (`want`
 * country) or no region (`want` region): the place it stands for when it is another kind or an
 * alias (`country: eu` → region "eu"; `region: row` → region "other"), else the nearest codes
 * and ids of both kinds. Empty when nothing is near.
 */
export function placeHint(input: string, countries: CountriesData, want: 'country' | 'region'): string {
  // A file may repeat one unknown code in many lists: one index per countries object.
  let cached = hintIndexes.get(countries);
  if (!cached) {
    const all = places(countries);
    hintIndexes.set(countries, (cached = { all, index: buildIndex(all, placeNames) }));
  }
  const { all, index } = cached;
  const key = normalize(input);
  const hit = index.get(key);
  if (hit) {
    const write = `write \`${hit.kind}: ${hit.code}\``;
    if (hit.kind !== want) return `; "${input}" is ${hit.kind === 'region' ? 'region' : 'country'} "${hit.code}" (${hit.name}): ${write}`;
    return `; "${input}" is an alias of ${hit.kind} "${hit.code}" (${hit.name}): ${write}`;
  }
  // Suggest by code or id only (data files take codes and ids), naming the kind when it is the other one.
  const label = (p: Place): Names => ({ ids: [p.code], label: p.kind === want ? `"${p.code}"` : `${p.kind} "${p.code}"` });
  return suggestionText(key, buildIndex(all, label), label);
}

const stageNames = (s: Sector['stages'][number]): Names => ({ ids: [s.id], aliases: s.aliases, names: [s.name], label: `"${s.id}"` });

/**
 * A stage id of a sector from its id, name or an alias; also its order number (`2` for the
 * second stage) when no stage is called that. Stage ids of digits are refused by `validate`.
 */
export function resolveStage(sector: Sector, input: string): string {
  const key = normalize(input);
  const index = buildIndex(sector.stages, stageNames);
  const hit = index.get(key);
  if (hit) return hit.id;
  if (/^\d+$/.test(key)) {
    const n = Number(key);
    if (n >= 1 && n <= sector.stages.length) return sector.stages[n - 1]!.id;
  }
  throw new ResolveError(`unknown stage of ${sector.id} "${input}"${suggestionText(key, index, stageNames)} (stages: ${sector.stages.map((s) => s.id).join(', ')})`);
}

export function countryName(countries: CountriesData, code: string): string {
  return findCountry(countries, code)?.name ?? findRegion(countries, code)?.name ?? code;
}

/** A viewpoint: a country code, or the id of a region with defined members (`eu`), from a code, name or alias. */
export function resolvePlace(countries: CountriesData, input: string): string {
  const viewpoints = places(countries).filter((p) => p.kind === 'country' || isViewpointRegion(countries, p.code));
  return lookup(input, viewpoints, placeNames, 'country or region', 'see `scsr list countries`, `scsr list regions`').code;
}

function isViewpointRegion(countries: CountriesData, id: string): boolean {
  const r = findRegion(countries, id);
  return !!r && !r.residual && (r.members?.length ?? 0) > 0;
}

const inputNames = (x: NonNullable<Sector['stages'][number]['inputs']>[number]): Names => ({ ids: [x.id], aliases: x.aliases, names: [x.name], label: `"${x.id}"` });

/**
 * A node of a sector from `stage` or `stage/input` (ids, names or aliases; the stage's order
 * number is accepted for the stage), as its path.
 */
export function resolveNode(sector: Sector, input: string): string {
  const slash = input.indexOf('/');
  const stageId = resolveStage(sector, slash < 0 ? input : input.slice(0, slash));
  if (slash < 0) return stageId;
  const stage = sector.stages.find((s) => s.id === stageId)!;
  const inputs = stage.inputs ?? [];
  const hit = lookup(input.slice(slash + 1), inputs, inputNames, `input of ${stageId}`, `inputs: ${inputs.map((x) => x.id).join(', ') || 'none'}`);
  return `${stageId}/${hit.id}`;
}

/** A supplier as share lists name it: a country code or any region id but the unattributed rest (shock targets). */
export function resolveSupplier(countries: CountriesData, input: string): string {
  const suppliers = places(countries).filter((p) => p.kind === 'country' || !findRegion(countries, p.code)?.residual);
  return lookup(input, suppliers, placeNames, 'country or region', 'see `scsr list countries`, `scsr list regions`').code;
}
