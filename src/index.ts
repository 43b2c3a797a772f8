// The library API: the same functions the CLI uses.
export { loadBuiltin } from './data/builtin.js';
export type { Model, CountriesData } from './data/model.js';
export { listSectors, listCountries, listStages, listSources } from './engine/catalog.js';
