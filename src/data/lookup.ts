// Countries and regions by code or id in one step. Scoring looks a supplier up several times
// per share value (name, weight, WGI), and a list search per lookup made the scale benchmark
// (200 countries in every share list) spend seconds in Array.find.
import type { CountriesData, Country, Region } from './model.js';

interface Index {
  countries: readonly Country[];
  countryCount: number;
  regions: readonly Region[];
  regionCount: number;
  byCode: Map<string, Country>;
  byId: Map<string, Region>;
}

/**
 * One index per countries object. The maps hold the entries themselves, so an entry edited in
 * place is seen; a list replaced or grown is noticed and indexed again.
 */
const indexes = new WeakMap<CountriesData, Index>();

function indexFor(countries: CountriesData): Index {
  const ix = indexes.get(countries);
  if (
    ix &&
    ix.countries === countries.countries &&
    ix.countryCount === countries.countries.length &&
    ix.regions === countries.regions &&
    ix.regionCount === countries.regions.length
  ) {
    return ix;
  }
  // The first entry with a code wins, as with Array.find.
  const byCode = new Map<string, Country>();
  for (const c of countries.countries) if (!byCode.has(c.code)) byCode.set(c.code, c);
  const byId = new Map<string, Region>();
  for (const r of countries.regions) if (!byId.has(r.id)) byId.set(r.id, r);
  const fresh: Index = {
    countries: countries.countries,
    countryCount: countries.countries.length,
    regions: countries.regions,
    regionCount: countries.regions.length,
    byCode,
    byId,
  };
  indexes.set(countries, fresh);
  return fresh;
}

/** The country with this code: `countries.countries.find((c) => c.code === code)`, without the search. */
export function findCountry(countries: CountriesData, code: string): Country | undefined {
  return indexFor(countries).byCode.get(code);
}

/** The region with this id: `countries.regions.find((r) => r.id === id)`, without the search. */
export function findRegion(countries: CountriesData, id: string): Region | undefined {
  return indexFor(countries).byId.get(id);
}
