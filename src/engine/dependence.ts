// Single-country dependence the way trade statistics measure it (Korea's 3050 strategy: no
// critical material more than 50% of imports from one country): every node where one partner
// holds more than the line of the viewpoint's imports, with its history across the years the
// data hold (docs/methodology.md#dependence).
import type { Model, Sector } from '../data/model.js';
import { countryName } from '../data/resolve.js';
import { compareIds, round } from './concentration.js';
import { evaluateChain, newestDataYear } from './evaluate.js';
import { eventUplift } from './events.js';
import { SINGLE_COUNTRY_LINE_PCT } from './params.js';
import type { DependenceHistory, DependenceResult, DependenceRow, EventList } from './results-trade.js';
import { viewpointOf } from './viewpoint.js';

export interface DependenceOptions {
  linePct?: number | undefined;
  year?: number | undefined;
  basis?: string | undefined;
  /** Only nodes with import data (leave out estimates from world shares). */
  measuredOnly?: boolean | undefined;
}

export function dependenceOf(model: Model, sectors: readonly Sector[], viewpoint: string, opts: DependenceOptions = {}): DependenceResult {
  const linePct = opts.linePct ?? SINGLE_COUNTRY_LINE_PCT;
  const rows: DependenceRow[] = [];
  const coverage: DependenceResult['coverage'] = [];
  const vp = viewpointOf(model.countries, viewpoint);
  for (const s of sectors) {
    const score = evaluateChain(model, s, { viewpoint, year: opts.year, basis: opts.basis });
    let nodes = 0;
    let measured = 0;
    for (const st of score.stages) {
      for (const n of [st, ...st.inputs]) {
        if (!n.supply) continue;
        nodes++;
        if (n.supply.measured) measured++;
        if (opts.measuredOnly && !n.supply.measured) continue;
        const lists = model.trade.imports
          .filter((l) => l.viewpoint === vp.id && l.sector === s.id && (l.input ? `${l.stage}/${l.input}` : l.stage) === n.path && (opts.year === undefined || l.year <= opts.year))
          .sort((a, b) => a.year - b.year || (a.measure < b.measure ? 1 : a.measure > b.measure ? -1 : 0));
        for (const d of n.dependence) {
          if (d.ofImportsPct === null || !(d.ofImportsPct > linePct)) continue;
          const history: DependenceHistory[] = lists.map((l) => {
            const v = l.values.find((x) => (x.country ?? x.region) === d.partner);
            const foreign = l.of === 'supply' ? 100 - l.values.reduce((a, x) => a + ((x.country === vp.id || (x.country && vp.members.has(x.country))) && x.share !== 'unknown' ? x.share : 0), 0) : 100;
            const share = v && v.share !== 'unknown' ? (foreign > 0 ? round((100 * v.share) / foreign, 2) : null) : null;
            return { year: l.year, period: l.period ?? null, measure: l.measure, partial: Boolean(l.partial), sharePct: share, source: l.source };
          });
          const imports = n.supply.imports;
          rows.push({
            sector: s.id,
            stage: st.id,
            node: n.path,
            name: n.depth === 0 ? st.name : `${st.name} / ${n.name}`,
            partner: d.partner,
            partnerName: d.name,
            sharePct: d.ofImportsPct,
            linePct,
            measured: d.measured,
            year: d.measured && imports ? imports.year : (n.snapshot?.year ?? 0),
            measure: d.measured && imports ? imports.measure : 'world shares',
            product: imports?.product ?? null,
            hs: imports?.hs ?? [],
            source: d.measured && imports ? imports.source : (n.snapshot?.source ?? ''),
            history,
            events: d.events,
          });
        }
      }
    }
    coverage.push({ sector: s.id, nodes, measured, estimated: nodes - measured });
  }
  // Measured first, then by share: the table a ministry analyst builds by hand.
  const order = new Map(sectors.map((s, i) => [s.id, i]));
  rows.sort((a, b) => Number(b.measured) - Number(a.measured) || order.get(a.sector)! - order.get(b.sector)! || b.sharePct - a.sharePct || compareIds(a.node, b.node) || compareIds(a.partner, b.partner));
  return { viewpoint: vp.id, viewpointName: vp.name, linePct, year: opts.year ?? null, measuredOnly: Boolean(opts.measuredOnly), rows, coverage };
}

/** Export-restriction events, optionally those reaching one viewpoint or touching some sectors, by date. */
export function listEvents(model: Model, opts: { viewpoint?: string | undefined; sectors?: readonly string[] | undefined; year?: number | undefined } = {}): EventList {
  const referenceDate = `${opts.year ?? newestDataYear(model)}-12-31`;
  const vp = opts.viewpoint ? viewpointOf(model.countries, opts.viewpoint) : undefined;
  const sectors = opts.sectors ?? model.sectors.map((s) => s.id);
  const events = model.trade.events
    .filter((e) => !vp || e.imposedBy === vp.id || e.aimedAt.some((a) => a === 'all' || a === vp.id || vp.members.has(a)))
    .filter((e) => e.nodes.some((n) => sectors.includes(n.split('/')[0]!)))
    .map((e) => {
      const { inForce, uplift } = eventUplift(e, referenceDate);
      return {
        id: e.id,
        imposedBy: e.imposedBy,
        imposedByName: countryName(model.countries, e.imposedBy),
        aimedAt: e.aimedAt,
        kind: e.kind,
        imposed: e.imposed,
        lifted: e.lifted ?? null,
        inForce,
        uplift: round(uplift, 4),
        nodes: e.nodes,
        hs: e.hs ?? [],
        products: e.products,
        source: e.source,
        note: e.note ?? null,
      };
    })
    .sort((a, b) => compareIds(a.imposed, b.imposed) || compareIds(a.id, b.id));
  return { viewpoint: vp?.id ?? null, sectors: [...sectors], referenceDate, events };
}
