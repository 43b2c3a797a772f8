// The library API: the same functions the CLI uses.
export { loadBuiltin } from './data/builtin.js';
export type { Model, CountriesData } from './data/model.js';
export { listSectors, listCountries, listStages, listSources } from './engine/catalog.js';
export { shockSector, worstCase, shockCandidates, type ShockOptions } from './engine/shock.js';
export { shockUncertainty, mulberry32, type UncertaintyOptions } from './engine/uncertainty.js';
export { policyImpacts, sectorPolicies, impactCountries, IMPACT_SCORE, type PolicyOptions } from './engine/policies.js';
export type { ShockResult, WorstCase, WorstEntry, StageShock, ItemShock, Throughput, Uncertainty, Percentiles } from './engine/results-shock.js';
export type { PoliciesResult, SectorPolicies, PolicyImpact, NetScore, Headline } from './engine/results-policies.js';
