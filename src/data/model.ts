// The validated model the engine works on. Types only at run time: the built-in model is
// read from JSON compiled at build time, so this module must not pull in zod.
import type { Concern, Country, Group, ImportList, Region, Reliance, Sector, Source, SupplierRisk, TradeEvent } from './schema.js';
import type { CriticalityFile } from './schema-crm.js';

export type { Concern, Country, CriticalityFile, Group, ImportList, Region, Reliance, Sector, Source, SupplierRisk, TradeEvent };
export type {
  Dependency,
  Impact,
  ImpactLevel,
  Input,
  Inventory,
  NodeValue,
  Period,
  Policy,
  Rating,
  RatingValue,
  ShareValue,
  Snapshot,
  Stage,
} from './schema.js';

/** countries.yaml after merging the built-in file with any user countries files. */
export interface CountriesData {
  sources: Source[];
  countries: Country[];
  regions: Region[];
  groups: Group[];
  concerns: Concern[];
  supplierRisk: SupplierRisk;
}

/** Trade files merged: import sources, net import reliance and export-restriction events. */
export interface TradeData {
  sources: Source[];
  imports: ImportList[];
  reliance: Reliance[];
  events: TradeEvent[];
}

export interface Model {
  countries: CountriesData;
  trade: TradeData;
  /** Criticality files (EU CRM assessments), each self-contained, in load order: a later file's material wins. */
  criticality: CriticalityFile[];
  /** Sectors in load order: built-ins first (by id), then user sectors in the order given. */
  sectors: Sector[];
  /** Where each sector came from: `built-in` or the user file path. */
  origins: Record<string, string>;
}

/** Defaults for the supplier-risk parameters when no countries file sets them (docs/methodology.md#supplier-risk). */
export const DEFAULT_SUPPLIER_RISK: SupplierRisk = {
  allyGroups: [],
  allyFactor: 0.5,
  concernWeight: 1,
  unknownWeight: 0.5,
  overrides: [],
};

export function emptyTrade(): TradeData {
  return { sources: [], imports: [], reliance: [], events: [] };
}

/**
 * Merge a trade file over a base: sources and events with the same id replace the base's;
 * import and reliance lists add up (two lists for one node are two figures, kept side by side).
 */
export function mergeTrade(base: TradeData, over: Partial<TradeData>): TradeData {
  const byId = <T extends { id: string }>(a: T[], b: T[] | undefined): T[] => {
    if (!b || b.length === 0) return a;
    const map = new Map(a.map((x) => [x.id, x]));
    for (const x of b) map.set(x.id, x);
    return [...map.values()];
  };
  return {
    sources: byId(base.sources, over.sources),
    imports: [...base.imports, ...(over.imports ?? [])],
    reliance: [...base.reliance, ...(over.reliance ?? [])],
    events: byId(base.events, over.events),
  };
}

export function emptyCountries(): CountriesData {
  return { sources: [], countries: [], regions: [], groups: [], concerns: [], supplierRisk: { ...DEFAULT_SUPPLIER_RISK } };
}

/** Merge a countries file over a base: entries with the same code or id replace the base's. */
export function mergeCountries(base: CountriesData, over: Partial<Omit<CountriesData, 'supplierRisk'>> & { supplierRisk?: Partial<SupplierRisk> }): CountriesData {
  const byKey = <T>(a: T[], b: T[] | undefined, key: (x: T) => string): T[] => {
    if (!b || b.length === 0) return a;
    const map = new Map(a.map((x) => [key(x), x]));
    for (const x of b) map.set(key(x), x);
    return [...map.values()];
  };
  return {
    sources: byKey(base.sources, over.sources, (s) => s.id),
    // Plain code-unit order: the same in every locale, and no ICU collation data to load.
    countries: byKey(base.countries, over.countries, (c) => c.code).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    regions: byKey(base.regions, over.regions, (r) => r.id),
    groups: byKey(base.groups, over.groups, (g) => g.id),
    concerns: byKey(base.concerns, over.concerns, (c) => c.viewpoint),
    supplierRisk: {
      ...base.supplierRisk,
      ...over.supplierRisk,
      overrides: [...(base.supplierRisk.overrides ?? []), ...(over.supplierRisk?.overrides ?? [])],
    },
  };
}
