// The library API: the functions the CLI uses, over the same model and with the same result
// objects as its --json output (docs/json.md). Importing it does nothing: no output, no
// listeners, no data read until a function is called. yaml and zod load only when
// loadModel reads user files.
//
//   import { loadModel, resolveSector, scoreSector } from 'scsr';
//   const model = await loadModel();
//   if (!model.ok) throw new Error(model.errors.map(formatDataError).join('\n'));
//   const score = scoreSector(model.value, resolveSector(model.value, 'semiconductors'), { viewpoint: 'kr' });
import { loadBuiltin } from './data/builtin.js';
import type { Result } from './data/errors.js';
import type { Model } from './data/model.js';

export interface LoadOptions {
  /**
   * YAML data files or directories of them, merged over the built-in data as `scsr --data`
   * merges them: a sector with a built-in id replaces it, countries files add or replace
   * countries. The SCSR_DATA environment variable is the CLI's and is not read here.
   */
  paths?: readonly string[];
}

/**
 * The model: the built-in sectors and countries, plus the user files in `paths`. Never
 * throws for bad data: invalid or unreadable files come back as `{ ok: false, errors }`,
 * each error with file, line, column and path (format one with formatDataError).
 * The model is shared between calls: treat it as read-only.
 */
export async function loadModel(options: LoadOptions = {}): Promise<Result<Model>> {
  const base = await loadBuiltin();
  const paths = options.paths ?? [];
  if (paths.length === 0) return { ok: true, value: base };
  const { loadFilesAsync } = await import('./data/load.js');
  const r = await loadFilesAsync(paths, base);
  return r.model ? { ok: true, value: r.model } : { ok: false, errors: r.errors };
}

export { loadBuiltin };
export { VERSION as version } from './cli/version.js';

// The model and how to find things in it. The resolvers accept an id, a name or an alias in
// any case and throw a ResolveError with suggestions when nothing matches.
export type { DataError, Result } from './data/errors.js';
export { formatDataError } from './data/errors.js';
export type { Model, CountriesData, TradeData, CriticalityFile, Sector, Stage, Input, Snapshot, ShareValue, Country, Region, Group, Concern, Source, SupplierRisk, Rating, RatingValue, Policy, Impact, ImpactLevel, Dependency, ImportList, Reliance, TradeEvent } from './data/model.js';
export { resolveSector, resolveCountry, resolvePlace, resolveStage, resolveNode, countryName, ResolveError } from './data/resolve.js';

// The one evaluation of a chain, and what reads it: scoring, comparison, exposure, dependence,
// chokepoints, explanations.
export { evaluateChain, defaultViewpoint, type EvaluateOptions } from './engine/evaluate.js';
export { scoreSector, type ScoreOptions } from './engine/score.js';
export { scoreTrend } from './engine/trend.js';
export { compareCountries, exposureOf, exposureFrom, listChokepoints } from './engine/relations.js';
export { dependenceOf, listEvents, type DependenceOptions } from './engine/dependence.js';
export { explainNode, explainStage } from './engine/explain.js';
export { supplierWeight, governanceRisk, type SupplierWeight } from './engine/supplier-risk.js';
export { hhi, hhiBand, effectiveSuppliers } from './engine/concentration.js';
export type { SectorScore, StageScore, NodeScore, ItemScore, SupplierShare, Chokepoint, PartnerDependence, Supply, Lenses, Selection, EventEffect, Risk, WeakestLink, Exposure, ExposureStage, NodeCrm, MaterialCrm, SnapshotRef, Method, Lens } from './engine/results.js';
export type { SectorComparison, CompareStage, CompareNode, NamedDependency, SectorExposure, ExposureDetail, ChokepointList, ChokepointRow, Explanation, ExplainStep, ExplainSupplier, Trend } from './engine/results-commands.js';
export type { DependenceResult, DependenceRow, EventList, EventRow } from './engine/results-trade.js';
export { assessMaterial, stageSupplyRisk, economicImportance, criticality, tradeFactor } from './engine/eu-crm.js';
export type { CrmMaterialInput, CrmMaterialResult, CrmStageInput, CrmStageResult } from './engine/results-crm.js';

// What the model holds.
export { listSectors, listCountries, listStages, listSources } from './engine/catalog.js';
export type { SectorSummary, CountrySummary, StageSummary, SourceUse } from './engine/results-commands.js';

// Shocks, uncertainty and policies.
export { shockSector, worstCase, shockCandidates, type ShockOptions } from './engine/shock.js';
export { shockUncertainty, mulberry32, type UncertaintyOptions } from './engine/uncertainty.js';
export { policyImpacts, sectorPolicies, impactCountries, IMPACT_SCORE, type PolicyOptions } from './engine/policies.js';
export type { ShockResult, ShockTarget, WorstCase, WorstEntry, StageShock, NodeShock, ItemShock, Binding, Throughput, Uncertainty, Percentiles } from './engine/results-shock.js';
export type { PoliciesResult, SectorPolicies, PolicyImpact, NetScore, Headline } from './engine/results-policies.js';
