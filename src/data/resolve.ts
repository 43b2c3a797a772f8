// Resolve what a user types (a name, an alias, any case) to ids of the model, with suggestions.
import { findCountry, findRegion } from './lookup.js';
import type { CountriesData, Model, Sector } from './model.js';
import { formatSuggestions, suggest } from './suggest.js';

export const normalize = (s: string): string => s.trim().toLowerCase().replace(/[\s_]+/g, '-');

export class ResolveError extends Error {}

function lookup<T>(input: string, items: readonly T[], names: (x: T) => string[], what: string, listHint: string): T {
  const key = normalize(input);
  const index = new Map<string, T>();
  for (const item of items) for (const n of names(item)) if (!index.has(normalize(n))) index.set(normalize(n), item);
  const hit = index.get(key);
  if (hit) return hit;
  // Suggest by any name, but show each item once, by its id.
  const near = suggest(key, index.keys(), 10).map((k) => names(index.get(k)!)[0]!);
  throw new ResolveError(`unknown ${what} "${input}"${formatSuggestions([...new Set(near)].slice(0, 3))} (${listHint})`);
}

export function resolveSector(model: Model, input: string): Sector {
  return lookup(input, model.sectors, (s) => [s.id, s.name, ...(s.aliases ?? [])], 'sector', 'see `scsr list`');
}

/** A country code from a code, a name or an alias. */
export function resolveCountry(countries: CountriesData, input: string): string {
  const c = lookup(input, countries.countries, (x) => [x.code, x.name, ...(x.aliases ?? [])], 'country', 'see `scsr list countries`');
  return c.code;
}

/** A stage id of a sector from its id, name or an alias; also accepts the stage's order number. */
export function resolveStage(sector: Sector, input: string): string {
  const n = Number(input);
  if (Number.isInteger(n) && n >= 1 && n <= sector.stages.length) return sector.stages[n - 1]!.id;
  return lookup(input, sector.stages, (s) => [s.id, s.name, ...(s.aliases ?? [])], `stage of ${sector.id}`, `stages: ${sector.stages.map((s) => s.id).join(', ')}`).id;
}

export function countryName(countries: CountriesData, code: string): string {
  return findCountry(countries, code)?.name ?? findRegion(countries, code)?.name ?? code;
}

/** A viewpoint: a country code, or the id of a region with defined members (`eu`), from a code, name or alias. */
export function resolvePlace(countries: CountriesData, input: string): string {
  const regions = countries.regions.filter((r) => !r.residual && (r.members?.length ?? 0) > 0);
  const places: Array<{ id: string; names: string[] }> = [
    ...countries.countries.map((c) => ({ id: c.code, names: [c.code, c.name, ...(c.aliases ?? [])] })),
    ...regions.map((r) => ({ id: r.id, names: [r.id, r.name, ...(r.aliases ?? [])] })),
  ];
  return lookup(input, places, (p) => p.names, 'country or region', 'see `scsr list countries`').id;
}

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
  const hit = lookup(input.slice(slash + 1), inputs, (x) => [x.id, x.name, ...(x.aliases ?? [])], `input of ${stageId}`, `inputs: ${inputs.map((x) => x.id).join(', ') || 'none'}`);
  return `${stageId}/${hit.id}`;
}

/** A supplier as share lists name it: a country code or any region id (shock targets). */
export function resolveSupplier(countries: CountriesData, input: string): string {
  const places: Array<{ id: string; names: string[] }> = [
    ...countries.countries.map((c) => ({ id: c.code, names: [c.code, c.name, ...(c.aliases ?? [])] })),
    ...countries.regions.filter((r) => !r.residual).map((r) => ({ id: r.id, names: [r.id, r.name, ...(r.aliases ?? [])] })),
  ];
  return lookup(input, places, (p) => p.names, 'country or region', 'see `scsr list countries`').id;
}
