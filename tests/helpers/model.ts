// Small in-memory models for engine tests: made-up countries and shares, not real data.
// aa: good governance, in the alliance `pact` with cc; bb: aa's country of concern; cc: aa's
// ally; dd: no governance data; bloc: a region of cc and dd (usable as a viewpoint); rest: the
// residual region (unattributed supply).
import { emptyTrade, type CountriesData, type ImportList, type Model, type Reliance, type Sector, type ShareValue, type Snapshot, type TradeData, type TradeEvent } from '../../src/data/model.js';

export function countries(): CountriesData {
  return {
    sources: [{ id: 't', publisher: 'tests', title: 'made up', year: 2024 }],
    countries: [
      { code: 'aa', name: 'Alphaland', governance: { wgi: 1.5, year: 2020, source: 't' } },
      { code: 'bb', name: 'Betaland', governance: { wgi: -0.5, year: 2020, source: 't' } },
      { code: 'cc', name: 'Gammaland', governance: { wgi: 0.5, year: 2020, source: 't' } },
      { code: 'dd', name: 'Deltaland' },
    ],
    regions: [
      { id: 'bloc', name: 'Bloc', members: ['cc', 'dd'] },
      { id: 'rest', name: 'Rest of world', residual: true },
    ],
    groups: [{ id: 'pact', name: 'Pact', kind: 'alliance', members: ['aa', 'cc'], year: 2020, source: 't' }],
    concerns: [{ viewpoint: 'aa', countries: ['bb'], text: 'made up', source: 't' }],
    supplierRisk: { allyGroups: ['pact'], allyFactor: 0.5, concernWeight: 1, unknownWeight: 0.5, overrides: [] },
  };
}

/** One share value: a country, or a region for `bloc` and `rest`; `unknown` = named without a share. */
export function share(id: string, value: number | 'unknown'): ShareValue {
  return ['bloc', 'rest'].includes(id) ? { region: id, share: value } : { country: id, share: value };
}

export function snap(values: Array<[string, number | 'unknown']>, extra: Partial<Snapshot> = {}): Snapshot {
  return {
    year: 2022,
    metric: 'capacity',
    basis: 'location',
    source: 't',
    values: values.map(([id, v]) => share(id, v)),
    ...extra,
  };
}

export function sector(stages: Sector['stages'], extra: Partial<Sector> = {}): Sector {
  return { id: 'widgets', name: 'Widgets', assessor: 'aa', sources: [{ id: 't', publisher: 'tests', title: 'made up', year: 2024 }], stages, ...extra };
}

export function model(sectors: Sector[], trade: Partial<TradeData> = {}): Model {
  return { countries: countries(), trade: { ...emptyTrade(), ...trade }, criticality: [], sectors, origins: Object.fromEntries(sectors.map((s) => [s.id, 'test'])) };
}

/** An import list of the widgets sector: partner shares of the viewpoint's imports (or supply) of a node. */
export function imports(viewpoint: string, node: string, values: Array<[string, number | 'unknown']>, extra: Partial<ImportList> = {}): ImportList {
  const [stage, input] = node.split('/');
  return {
    viewpoint,
    sector: 'widgets',
    stage: stage!,
    ...(input ? { input } : {}),
    of: 'imports',
    measure: 'value',
    year: 2022,
    source: 'trade-t',
    values: values.map(([id, v]) => share(id, v)),
    ...extra,
  };
}

export function reliance(viewpoint: string, node: string, percent: number, extra: Partial<Reliance> = {}): Reliance {
  const [stage, input] = node.split('/');
  return { viewpoint, sector: 'widgets', stage: stage!, ...(input ? { input } : {}), percent, year: 2022, source: 'trade-t', ...extra };
}

/** An export restriction on nodes of the widgets sector (`stage` or `stage/input`). */
export function event(id: string, imposedBy: string, aimedAt: string[], nodes: string[], extra: Partial<TradeEvent> = {}): TradeEvent {
  return { id, imposedBy, aimedAt, kind: 'licence', imposed: '2019-07-04', nodes: nodes.map((n) => `widgets/${n}`), products: 'made up', source: 'trade-t', ...extra };
}
