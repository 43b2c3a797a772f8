// What the model holds, as plain result objects: sectors, countries, stages, sources.
import type { CountriesData, Model, Sector, Snapshot } from '../data/model.js';
import type { CountrySummary, RegionSummary, SectorSummary, SourceUse, StageSummary } from './results-commands.js';

export type { CountrySummary, RegionSummary, SectorSummary, SourceUse, StageSummary };

export function listSectors(model: Model): SectorSummary[] {
  return model.sectors.map((s) => ({
    id: s.id,
    name: s.name,
    stages: s.stages.length,
    assessor: s.assessor ?? null,
    origin: model.origins[s.id] ?? 'built-in',
    sources: s.sources.length,
    description: s.description ?? null,
  }));
}

export function listCountries(countries: CountriesData): CountrySummary[] {
  return countries.countries.map((c) => ({
    code: c.code,
    name: c.name,
    aliases: c.aliases ?? [],
    groups: countries.groups.filter((g) => g.members.includes(c.code)).map((g) => g.id),
    governance: c.governance ? { wgi: c.governance.wgi, year: c.governance.year, source: c.governance.source } : null,
    concernOf: countries.concerns.filter((x) => x.countries.includes(c.code)).map((x) => x.viewpoint),
  }));
}

export function listRegions(countries: CountriesData): RegionSummary[] {
  return countries.regions.map((r) => ({ id: r.id, name: r.name, aliases: r.aliases ?? [], members: r.members ?? [], residual: r.residual ?? false }));
}

export function listStages(sector: Sector): StageSummary[] {
  return sector.stages.map((st, i) => ({
    order: i + 1,
    id: st.id,
    name: st.name,
    rating: st.rating ? { value: st.rating.value, inferred: st.rating.inferred, basis: st.rating.basis, source: st.rating.source } : null,
    diagnoses: st.diagnoses ?? [],
    inputs: (st.inputs ?? []).map((x) => x.id),
    snapshots: (st.shares?.length ?? 0) + (st.inputs ?? []).reduce((n, x) => n + (x.shares?.length ?? 0), 0),
  }));
}

/** Every source the data cite, numbered in a stable order (sector by sector, in file order), with what each supplies. */
export function listSources(model: Model, sectorIds?: readonly string[]): SourceUse[] {
  const out: SourceUse[] = [];
  const sectors = sectorIds ? model.sectors.filter((s) => sectorIds.includes(s.id)) : model.sectors;
  for (const s of sectors) {
    for (const src of s.sources) {
      const use = { stages: new Set<string>(), inputs: new Set<string>(), countries: new Set<string>(), figures: 0, other: new Set<string>() };
      const count = (snaps: Snapshot[] | undefined, stage: string, input?: string) => {
        for (const snap of snaps ?? []) {
          if (snap.source !== src.id) continue;
          use.stages.add(stage);
          if (input) use.inputs.add(`${stage}/${input}`);
          for (const v of snap.values) {
            use.countries.add(v.country ?? v.region ?? '');
            use.figures++;
          }
        }
      };
      for (const st of s.stages) {
        count(st.shares, st.id);
        count(st.demand, st.id);
        for (const inp of st.inputs ?? []) count(inp.shares, st.id, inp.id);
        if (st.rating?.source === src.id) use.other.add(`rating of ${st.id}`);
        if (st.diagnosesSource === src.id) use.other.add(`diagnoses of ${st.id}`);
      }
      if (s.dependencies?.some((d) => d.source === src.id)) use.other.add('dependencies');
      if (s.policies?.some((p) => p.source === src.id)) use.other.add('policies');
      if (s.policies?.some((p) => p.impacts?.some((i) => i.source === src.id))) use.other.add('policy impacts');
      out.push(entry(out.length + 1, s.id, src, use));
    }
  }
  if (!sectorIds) {
    const c = model.countries;
    for (const src of c.sources) {
      const use = { stages: new Set<string>(), inputs: new Set<string>(), countries: new Set<string>(), figures: 0, other: new Set<string>() };
      for (const country of c.countries) {
        if (country.governance?.source === src.id) {
          use.countries.add(country.code);
          use.figures++;
          use.other.add('governance (WGI)');
        }
      }
      for (const g of c.groups) if (g.source === src.id) use.other.add(`group ${g.id}`);
      for (const x of c.concerns) if (x.source === src.id) use.other.add(`countries of concern of ${x.viewpoint}`);
      out.push(entry(out.length + 1, null, src, use));
    }
  }
  // Trade files: import sources, net import reliance and events, under the sector they touch
  // (a source may touch several: listed once, under the first).
  const wanted = (sector: string) => !sectorIds || sectorIds.includes(sector);
  const t = model.trade;
  for (const src of t.sources) {
    const use = { stages: new Set<string>(), inputs: new Set<string>(), countries: new Set<string>(), figures: 0, other: new Set<string>() };
    const sectors = new Set<string>();
    for (const l of t.imports) {
      if (l.source !== src.id || !wanted(l.sector)) continue;
      sectors.add(l.sector);
      use.stages.add(l.stage);
      if (l.input) use.inputs.add(`${l.stage}/${l.input}`);
      for (const v of l.values) {
        use.countries.add(v.country ?? v.region ?? '');
        use.figures++;
      }
      use.other.add(`imports of ${l.viewpoint}`);
    }
    for (const r of t.reliance) {
      if (r.source !== src.id || !wanted(r.sector)) continue;
      sectors.add(r.sector);
      use.stages.add(r.stage);
      if (r.input) use.inputs.add(`${r.stage}/${r.input}`);
      use.figures++;
      use.other.add(`net import reliance of ${r.viewpoint}`);
    }
    for (const e of t.events) {
      const touched = e.nodes.map((n) => n.split('/')[0]!).filter(wanted);
      if (e.source !== src.id || touched.length === 0) continue;
      for (const x of touched) sectors.add(x);
      use.other.add(`event ${e.id}`);
    }
    if (sectors.size === 0) continue;
    out.push(entry(out.length + 1, [...sectors].sort()[0]!, src, use));
  }
  // Criticality files: the Commission's inputs, under the sectors whose nodes they name.
  for (const file of model.criticality) {
    for (const src of file.sources) {
      const use = { stages: new Set<string>(), inputs: new Set<string>(), countries: new Set<string>(), figures: 0, other: new Set<string>() };
      const sectors = new Set<string>();
      for (const a of file.assessments) {
        const text = JSON.stringify(a);
        if (!text.includes(`"${src.id}"`)) continue;
        for (const st of a.stages) for (const n of st.nodes) if (wanted(n.split('/')[0]!)) sectors.add(n.split('/')[0]!);
        use.other.add(`EU CRM ${a.edition}: ${a.material}`);
      }
      if (sectors.size === 0 && sectorIds) continue;
      out.push(entry(out.length + 1, [...sectors].sort()[0] ?? null, src, use));
    }
  }
  return out;
}

function entry(
  number: number,
  sector: string | null,
  src: { id: string; publisher: string; title: string; year: number; url?: string | undefined; seed?: string | undefined; secondary?: boolean | undefined },
  use: { stages: Set<string>; inputs: Set<string>; countries: Set<string>; figures: number; other: Set<string> },
): SourceUse {
  return {
    number,
    sector,
    id: src.id,
    publisher: src.publisher,
    title: src.title,
    year: src.year,
    url: src.url ?? null,
    seed: src.seed ?? null,
    secondary: src.secondary ?? false,
    supplies: {
      stages: [...use.stages],
      inputs: [...use.inputs],
      countries: [...use.countries].sort(),
      figures: use.figures,
      other: [...use.other],
    },
  };
}
