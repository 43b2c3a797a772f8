// Relations between countries across a sector, read from the chain evaluation: one country's
// exposure to its partners, two countries compared node by node, and the chokepoints of every
// chain.
import type { Model, Sector } from '../data/model.js';
import { countryName } from '../data/resolve.js';
import { compareIds, round } from './concentration.js';
import { evaluateChain, type EvaluateOptions } from './evaluate.js';
import { CHOKEPOINT_THRESHOLD_PCT, RELIANCE_LINE_PCT } from './params.js';
import type { NodeScore, SectorScore, StageScore } from './results.js';
import type {
  ChokepointList,
  ChokepointRow,
  CompareNode,
  CompareStage,
  ExposureDetail,
  NamedDependency,
  SectorComparison,
  SectorExposure,
} from './results-commands.js';

type Common = Pick<EvaluateOptions, 'year' | 'basis' | 'method' | 'lens'>;

/** Exposure of `viewpoint` to every partner (or only `to`), per sector: every partner of any node. */
export function exposureOf(model: Model, sectors: readonly Sector[], viewpoint: string, opts: Common & { to?: string } = {}): SectorExposure[] {
  return sectors.map((s) => exposureFrom(evaluateChain(model, s, { ...opts, viewpoint }), opts.to));
}

/** The exposure view of one evaluation. */
export function exposureFrom(score: SectorScore, to?: string): SectorExposure {
  const detail: ExposureDetail[] = [];
  if (to) {
    for (const st of score.stages) {
      for (const n of nodesOf(st)) {
        const d = n.dependence.find((x) => x.partner === to);
        if (!d) continue;
        detail.push({
          stage: st.id,
          node: n.path,
          name: n.name,
          ofImportsPct: d.ofImportsPct,
          ofSupplyPct: d.ofSupplyPct,
          sharePct: d.sharePct,
          measured: d.measured,
          source: d.measured ? (n.supply?.imports?.source ?? null) : (n.snapshot?.source ?? null),
          year: d.measured ? (n.supply?.imports?.year ?? null) : (n.snapshot?.year ?? null),
        });
      }
    }
  }
  return {
    sector: score.sector,
    name: score.name,
    viewpoint: score.viewpoint,
    exposures: to ? score.exposures.filter((e) => e.partner === to) : score.exposures,
    detail,
  };
}

const nodesOf = (st: StageScore): NodeScore[] => [st, ...st.inputs];

/** b's highest share of a's imports at a node of the stage (the node named). */
function relianceAt(st: StageScore, partner: string): CompareStage['aReliesOnB'] {
  let best: { pct: number; node: NodeScore; measured: boolean } | undefined;
  let data = false;
  for (const n of nodesOf(st)) {
    if (n.supply === null) continue;
    data = true;
    const d = n.dependence.find((x) => x.partner === partner);
    if (d?.ofSupplyPct != null && (!best || d.ofSupplyPct > best.pct)) best = { pct: d.ofSupplyPct, node: n, measured: d.measured };
  }
  if (!data) return { pct: null, node: null, nodeName: null, measured: false };
  return best ? { pct: best.pct, node: best.node.path, nodeName: best.node.name, measured: best.measured } : { pct: 0, node: null, nodeName: null, measured: false };
}

function side(st: StageScore): CompareStage['a'] {
  const basis = st.risk.value === null ? null : st.risk.method === 'eu-crm' ? 'eu-crm' : st.risk.method === 'rating' ? 'rating' : st.risk.rating !== null ? (st.risk.modelled === null ? 'rating' : 'blended') : 'modelled';
  return {
    sharePct: st.snapshot ? st.viewpointSharePct : null,
    listed: st.viewpointListed,
    risk: st.risk.value,
    riskBasis: basis,
    binding: st.binding,
  };
}

/** A stage's share for one side on a basis: its own list, else the node that binds it. */
function basisShare(st: StageScore): number | null {
  if (st.snapshot) return st.viewpointSharePct;
  const n = st.inputs.find((x) => x.path === st.binding[0]?.path);
  return n?.snapshot ? n.viewpointSharePct : null;
}

export function compareCountries(model: Model, sectors: readonly Sector[], a: string, b: string, opts: Common & { bases?: readonly string[] } = {}): SectorComparison[] {
  return sectors.map((s) => {
    const bases = (opts.bases ?? []).map((basis) => {
      const xa = evaluateChain(model, s, { ...opts, basis, viewpoint: a });
      const xb = evaluateChain(model, s, { ...opts, basis, viewpoint: b });
      return {
        basis,
        stages: xa.stages.map((st, i) => ({
          stage: st.id,
          aSharePct: basisShare(st),
          bSharePct: basisShare(xb.stages[i]!),
          aReliesOnBPct: relianceAt(st, b).pct,
          bReliesOnAPct: relianceAt(xb.stages[i]!, a).pct,
        })),
      };
    });
    const sa = evaluateChain(model, s, { ...opts, viewpoint: a });
    const sb = evaluateChain(model, s, { ...opts, viewpoint: b });
    const stages: CompareStage[] = sa.stages.map((st, i) => ({
      stage: st.id,
      name: st.name,
      a: side(st),
      b: side(sb.stages[i]!),
      aReliesOnB: relianceAt(st, b),
      bReliesOnA: relianceAt(sb.stages[i]!, a),
    }));
    const nodes: CompareNode[] = sa.stages.flatMap((st, i) => {
      const other = nodesOf(sb.stages[i]!);
      return nodesOf(st).map((na, j): CompareNode => {
        const nb = other[j]!; // the same tree on both sides: the same node at the same place
        const rel = (n: NodeScore, p: string) => (n.supply === null ? null : (n.dependence.find((d) => d.partner === p)?.ofSupplyPct ?? 0));
        return {
          stage: st.id,
          node: na.path,
          name: na.name,
          depth: na.depth,
          a: { sharePct: na.snapshot ? na.viewpointSharePct : null, listed: na.viewpointListed, risk: na.modelledRisk },
          b: { sharePct: nb.snapshot ? nb.viewpointSharePct : null, listed: nb.viewpointListed, risk: nb.modelledRisk },
          aReliesOnBPct: rel(na, b),
          bReliesOnAPct: rel(nb, a),
          measured: { a: na.supply?.measured ?? false, b: nb.supply?.measured ?? false },
        };
      });
    });
    const maxOf = (key: 'aReliesOnB' | 'bReliesOnA') => {
      let best: CompareStage | undefined;
      for (const st of stages) if (st[key].pct !== null && (!best || st[key].pct! > best[key].pct!)) best = st;
      const pct = best?.[key].pct ?? 0;
      return { pct, stage: best && pct > 0 ? best.stage : null, node: best && pct > 0 ? best[key].node : null };
    };
    const ab = maxOf('aReliesOnB');
    const ba = maxOf('bReliesOnA');
    const named = (from: string, to: string): NamedDependency[] =>
      (s.dependencies ?? [])
        .filter((d) => d.country === from && d.on.includes(to))
        .map((d) => ({ id: d.id, kind: d.kind, country: d.country, on: d.on, stage: d.stage, input: d.input ?? null, text: d.text, source: d.source }));
    const dependencies = { aOnB: named(a, b), bOnA: named(b, a) };
    // A named dependence counts only when it is a supply dependence: a market dependence (the
    // other as a buyer) is the opposite direction of reliance.
    const aRelies = ab.pct >= RELIANCE_LINE_PCT || dependencies.aOnB.some((d) => d.kind === 'supply');
    const bRelies = ba.pct >= RELIANCE_LINE_PCT || dependencies.bOnA.some((d) => d.kind === 'supply');
    const relation = aRelies && bRelies ? 'mutual' : aRelies ? 'a-relies-on-b' : bRelies ? 'b-relies-on-a' : 'independent';
    return {
      sector: s.id,
      name: s.name,
      a,
      b,
      stages,
      nodes,
      weakestLink: { a: sa.weakestLink?.stage ?? null, b: sb.weakestLink?.stage ?? null },
      resilience: { a: sa.resilience, b: sb.resilience },
      reliance: { aOnBMaxPct: round(ab.pct, 2), aOnBStage: ab.stage, aOnBNode: ab.node, bOnAMaxPct: round(ba.pct, 2), bOnAStage: ba.stage, bOnANode: ba.node },
      dependencies,
      relation,
      verdict: verdict(model, s, sa, a, b, relation, ab, ba, dependencies),
      bases,
    };
  });
}

function verdict(
  model: Model,
  s: Sector,
  sa: SectorScore,
  a: string,
  b: string,
  relation: SectorComparison['relation'],
  ab: { pct: number; stage: string | null; node: string | null },
  ba: { pct: number; stage: string | null; node: string | null },
  deps: SectorComparison['dependencies'],
): string {
  const n = (c: string) => countryName(model.countries, c);
  const nodeName = (path: string | null) => {
    for (const st of sa.stages) for (const x of nodesOf(st)) if (x.path === path) return x === st ? st.name : `${st.name} / ${x.name}`;
    return path ?? '-';
  };
  const count = (list: NamedDependency[]) => `${list.length} dependence${list.length > 1 ? 's' : ''}`;
  const side = (x: string, y: string, r: { pct: number; node: string | null }, named: NamedDependency[]) =>
    r.pct > 0
      ? `${n(y)} supplies up to ${round(r.pct, 1)}% of ${n(x)}'s supply (${nodeName(r.node)})${named.length ? `; the report names ${count(named)}` : ''}`
      : named.length
        ? `the report names ${count(named)} of ${n(x)} on ${n(y)} (${named.map((d) => d.kind).join(', ')})`
        : `${n(x)} draws nothing from ${n(y)} in the data`;
  const lead = {
    mutual: 'Mutual dependence',
    'a-relies-on-b': `${n(a)} relies on ${n(b)}`,
    'b-relies-on-a': `${n(b)} relies on ${n(a)}`,
    independent: 'Little dependence either way',
  }[relation];
  return `${s.name}: ${lead}: ${side(a, b, ab, deps.aOnB)}; ${side(b, a, ba, deps.bOnA)}.`;
}

/** Every node over the line (global), and with a viewpoint every partner above 50% of its imports. */
export function listChokepoints(model: Model, sectors: readonly Sector[], opts: Common & { thresholdPct?: number; viewpoint?: string } = {}): ChokepointList {
  const rows: ChokepointRow[] = [];
  const thresholdPct = opts.thresholdPct ?? CHOKEPOINT_THRESHOLD_PCT;
  for (const s of sectors) {
    const score = evaluateChain(model, s, { ...opts, thresholdPct });
    for (const st of score.stages) {
      for (const n of nodesOf(st)) {
        for (const c of n.chokepoints) {
          if (c.kind === 'single-country' && !opts.viewpoint) continue;
          const measured = c.kind === 'single-country' && c.measured;
          const imports = n.supply?.imports;
          rows.push({
            sector: s.id,
            stage: st.id,
            node: n.path,
            input: n.depth === 0 ? null : n.id,
            name: n.depth === 0 ? st.name : `${st.name} / ${n.name}`,
            kind: c.kind,
            supplier: c.supplier,
            supplierName: countryName(model.countries, c.supplier),
            sharePct: c.sharePct,
            thresholdPct: c.thresholdPct,
            measured: c.kind === 'global' ? true : c.measured,
            year: measured && imports ? imports.year : n.snapshot!.year,
            projection: measured ? false : n.snapshot!.projection,
            basis: measured ? 'imports' : n.snapshot!.basis,
            source: measured && imports ? imports.source : n.snapshot!.source,
          });
        }
      }
    }
  }
  const counts = new Map<string, { supplier: string; name: string; global: number; singleCountry: number }>();
  for (const r of rows) {
    const c = counts.get(r.supplier) ?? { supplier: r.supplier, name: r.supplierName, global: 0, singleCountry: 0 };
    if (r.kind === 'global') c.global++;
    else c.singleCountry++;
    counts.set(r.supplier, c);
  }
  return {
    thresholdPct,
    viewpoint: opts.viewpoint ?? null,
    chokepoints: rows,
    counts: [...counts.values()].sort((x, y) => y.global + y.singleCountry - (x.global + x.singleCountry) || compareIds(x.supplier, y.supplier)),
  };
}
