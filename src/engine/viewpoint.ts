// The viewpoint: a country, or a region such as the EU-27 whose members count as domestic
// (docs/methodology.md#supply). Every command scores "from" one of these.
import { findCountry, findRegion } from '../data/lookup.js';
import type { CountriesData } from '../data/model.js';

export interface Viewpoint {
  id: string;
  name: string;
  kind: 'country' | 'region';
  /** Country codes that count as domestic: the country itself, or the region's members. */
  members: ReadonlySet<string>;
}

/** The viewpoint with this country code or region id (resolved from user input beforehand). */
export function viewpointOf(countries: CountriesData, id: string): Viewpoint {
  const country = findCountry(countries, id);
  if (country) return { id, name: country.name, kind: 'country', members: new Set([id]) };
  const region = findRegion(countries, id);
  if (region && !region.residual && region.members?.length) {
    return { id, name: region.name, kind: 'region', members: new Set(region.members) };
  }
  // An unknown code (a library caller's typo) still scores: nothing is domestic but itself.
  return { id, name: id, kind: 'country', members: new Set([id]) };
}

/**
 * Whether a supplier of a share list is part of the viewpoint: the viewpoint itself, a member
 * country of a region viewpoint, or a region all of whose members are in it. A region without
 * defined members ("Europe" as a source uses it) is never domestic: who it covers is unknown.
 */
export function isDomestic(vp: Viewpoint, countries: CountriesData, supplier: string): boolean {
  if (supplier === vp.id || vp.members.has(supplier)) return true;
  const region = findRegion(countries, supplier);
  if (!region || region.residual || !region.members?.length) return false;
  return region.members.every((m) => vp.members.has(m));
}
