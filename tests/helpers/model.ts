// Small in-memory models for engine tests: made-up countries and shares, not real data.
import { emptyTrade, type CountriesData, type Model, type Sector, type Snapshot } from '../../src/data/model.js';

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

export function snap(values: Array<[string, number]>, extra: Partial<Snapshot> = {}): Snapshot {
  return {
    year: 2022,
    metric: 'capacity',
    basis: 'location',
    source: 't',
    values: values.map(([id, share]) => (['bloc', 'rest'].includes(id) ? { region: id, share } : { country: id, share })),
    ...extra,
  };
}

export function sector(stages: Sector['stages'], extra: Partial<Sector> = {}): Sector {
  return { id: 'widgets', name: 'Widgets', assessor: 'aa', sources: [{ id: 't', publisher: 'tests', title: 'made up', year: 2024 }], stages, ...extra };
}

export function model(sectors: Sector[]): Model {
  return { countries: countries(), trade: emptyTrade(), criticality: [], sectors, origins: Object.fromEntries(sectors.map((s) => [s.id, 'test'])) };
}
