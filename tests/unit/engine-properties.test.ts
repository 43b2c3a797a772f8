// Invariants of the chain evaluation as property tests (issue 11): over random small models
// (trees of nodes, several lists per node, unknown shares, import lists, net import reliance
// and export-restriction events) and every viewpoint in them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportList, Input, Model, Reliance, Sector, ShareValue, Snapshot, Stage, TradeEvent } from '../../src/data/model.js';
import { hhi, residualIds, suppliersOf } from '../../src/engine/concentration.js';
import { evaluateChain } from '../../src/engine/evaluate.js';
import { explainNode } from '../../src/engine/explain.js';
import { compareCountries, exposureOf, exposureFrom, listChokepoints } from '../../src/engine/relations.js';
import type { NodeScore, SectorScore } from '../../src/engine/results.js';
import { scoreSector } from '../../src/engine/score.js';
import { shockCandidates, shockSector, worstCase } from '../../src/engine/shock.js';
import { modelledRisk } from '../../src/engine/stage-risk.js';
import { pickImports, supplyPicture } from '../../src/engine/supply.js';
import { isDomestic, viewpointOf } from '../../src/engine/viewpoint.js';
import { countries, event, imports, model, reliance, sector, share, snap } from '../helpers/model.js';

// Suppliers of the test model: aa is the viewpoint; bb a country of concern of aa; cc an ally
// of aa; dd has no governance data; bloc a region of cc and dd; rest the residual region.
const IDS = ['aa', 'bb', 'cc', 'dd', 'bloc', 'rest'] as const;
const VIEWPOINTS = ['aa', 'bb', 'cc', 'dd', 'bloc'] as const;

/** Shares for the six suppliers that sum to at most 100 (integers in tenths, so sums are exact). */
const shares = fc
  .array(fc.integer({ min: 0, max: 1000 }), { minLength: IDS.length, maxLength: IDS.length })
  .map((raw) => {
    const total = raw.reduce((a, b) => a + b, 0);
    const scale = total > 1000 ? 1000 / total : 1;
    return raw.map((x) => Math.floor(x * scale) / 10);
  });

const riskOf = (values: number[], viewpoint = 'aa') => {
  const c = countries();
  const vp = viewpointOf(c, viewpoint);
  const world = suppliersOf(snap(IDS.map((id, i) => [id, values[i]!] as [string, number])).values, c, vp);
  const picture = supplyPicture(vp, world, undefined, undefined, residualIds(c))!;
  return modelledRisk(picture, vp, world, { countries: c, events: [], sector: 'widgets', paths: ['x'], referenceDate: '2022-12-31' }).risk;
};

describe('engine properties', () => {
  it('modelled risk stays within 0-100 for any shares and any viewpoint', () => {
    fc.assert(
      fc.property(shares, fc.constantFrom(...VIEWPOINTS), (values, v) => {
        const r = riskOf(values, v);
        return r >= 0 && r <= 100;
      }),
    );
  });

  it('moving share from an ally to a country of concern never lowers the viewpoint risk', () => {
    fc.assert(
      fc.property(shares, fc.double({ min: 0, max: 1, noNaN: true }), (values, frac) => {
        const moved = [...values];
        const t = Math.round(values[2]! * frac * 10) / 10; // part of cc's (the ally's) share
        moved[2] = values[2]! - t;
        moved[1] = values[1]! + t; // to bb, the country of concern
        return riskOf(moved) >= riskOf(values) - 1e-9;
      }),
    );
  });

  it('HHI does not depend on the order of the countries', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 30 }), (xs) => {
        const shuffled = [...xs].reverse();
        return Math.abs(hhi(xs) - hhi(shuffled)) < 1e-6;
      }),
    );
  });

  it('a stage where one country holds 100% has HHI 10,000 and one effective supplier', () => {
    fc.assert(
      fc.property(fc.constantFrom('aa', 'bb', 'cc', 'dd'), (c) => {
        const s = sector([{ id: 'x', name: 'X', shares: [snap([[c, 100]])] }]);
        const st = scoreSector(model([s]), s).stages[0]!;
        return st.hhi === 10000 && st.effectiveSuppliers === 1 && st.hhiBand === 'highly concentrated';
      }),
    );
  });

  it('scores are the same whatever order the shares are listed in', () => {
    fc.assert(
      fc.property(shares, fc.constantFrom(...VIEWPOINTS), (values, viewpoint) => {
        const pairs = IDS.map((id, i) => [id, values[i]!] as [string, number]);
        const a = sector([{ id: 'x', name: 'X', shares: [snap(pairs)] }]);
        const b = sector([{ id: 'x', name: 'X', shares: [snap([...pairs].reverse())] }]);
        expect(scoreSector(model([b]), b, { viewpoint })).toEqual(scoreSector(model([a]), a, { viewpoint }));
      }),
      { numRuns: 50 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Random small models: a sector of 1-3 stages, each a tree of up to 4 inputs; each node with
// 0-3 lists (years, projections, a second basis, unknown shares); import lists, net import
// reliance and events for some nodes and viewpoints.

const valuesArb = fc
  .array(fc.tuple(fc.constantFrom(...IDS), fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 100 }) }, { weight: 1, arbitrary: fc.constant('unknown' as const) })), { minLength: 1, maxLength: 5 })
  .map((pairs) => {
    const uniq = [...new Map(pairs).entries()].filter(([id, v]) => !(id === 'rest' && v === 'unknown'));
    const total = uniq.reduce((a, [, v]) => a + (v === 'unknown' ? 0 : v), 0);
    return uniq.map(([id, v]) => share(id, v === 'unknown' || total <= 100 ? v : Math.floor((v * 100) / total)));
  })
  .filter((values) => values.length > 0);
const snapArb = fc
  .record({
    values: valuesArb,
    year: fc.integer({ min: 2018, max: 2023 }),
    projection: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    basis: fc.oneof({ weight: 5, arbitrary: fc.constant('location' as const) }, { weight: 1, arbitrary: fc.constant('headquarters' as const) }),
  })
  .map(({ values, year, projection, basis }): Snapshot => ({ year: projection ? year + 7 : year, metric: 'capacity', basis, source: 't', values, ...(projection ? { projection } : {}) }));
const listsArb = fc.option(fc.array(snapArb, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 4 });
const useArb = fc.constantFrom(undefined, 'consumable' as const, 'capital' as const);
const nodeArb = fc.record({
  shares: listsArb,
  value: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
  use: useArb,
  essential: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  inventory: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  parent: fc.nat(4),
});
const stageArb = fc.record({ own: nodeArb, inputs: fc.array(nodeArb, { maxLength: 4 }) });

type RawNode = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;
const nodeKeys = (x: RawNode) => ({
  ...(x.shares ? { shares: x.shares } : {}),
  ...(x.value ? { value: { millions: x.value, currency: 'USD', year: 2022, source: 't' } } : {}),
  ...(x.use ? { use: x.use } : {}),
  ...(x.inventory !== undefined ? { inventoryMonths: { value: x.inventory, year: 2022, source: 't' } } : {}),
});
const sectorArb = fc.array(stageArb, { minLength: 1, maxLength: 3 }).map((stages) =>
  sector(
    stages.map(
      (st, i): Stage => ({
        id: `s${i}`,
        name: `Stage ${i}`,
        ...nodeKeys(st.own),
        inputs: st.inputs.map((x, j): Input => ({ id: `n${j}`, name: `Node ${i}.${j}`, ...nodeKeys(x), essential: x.essential, ...(x.parent < j ? { parent: `n${x.parent}` } : {}) })),
      }),
    ),
  ),
);

/** Every node path of a sector: `stage` and `stage/input`. */
const pathsOf = (s: Sector): string[] => s.stages.flatMap((st) => [st.id, ...(st.inputs ?? []).map((x) => `${st.id}/${x.id}`)]);

/** Partners an import list of this viewpoint may name: not the viewpoint, nor a member of it. */
const foreignTo = (vp: string): string[] => IDS.filter((id) => id !== vp && !(vp === 'bloc' && ['cc', 'dd'].includes(id)));

const tradeArb = fc.record({
  imports: fc.array(
    fc.record({
      viewpoint: fc.constantFrom('aa', 'cc', 'bloc'),
      node: fc.nat(),
      of: fc.constantFrom('imports' as const, 'supply' as const),
      values: fc.array(fc.tuple(fc.nat(5), fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 100 }) }, { weight: 1, arbitrary: fc.constant('unknown' as const) })), { minLength: 1, maxLength: 4 }),
      year: fc.integer({ min: 2019, max: 2023 }),
    }),
    { maxLength: 3 },
  ),
  reliance: fc.array(fc.record({ viewpoint: fc.constantFrom('aa', 'cc', 'bloc'), node: fc.nat(), percent: fc.integer({ min: 0, max: 100 }) }), { maxLength: 2 }),
  events: fc.array(
    fc.record({
      imposedBy: fc.constantFrom('aa', 'bb', 'cc', 'dd'),
      aimedAt: fc.subarray(['aa', 'bb', 'cc', 'dd', 'all'], { minLength: 1 }),
      node: fc.nat(),
      kind: fc.constantFrom('ban' as const, 'licence' as const, 'quota' as const, 'tax' as const),
      imposed: fc.integer({ min: 2017, max: 2023 }),
      liftedAfter: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    }),
    { maxLength: 3 },
  ),
});

const modelArb = fc.tuple(sectorArb, tradeArb).map(([s, t]): { s: Sector; m: Model } => {
  const paths = pathsOf(s);
  const at = (n: number) => paths[n % paths.length]!;
  const importLists: ImportList[] = t.imports.map((l) => {
    const allowed = l.of === 'supply' ? [...IDS] : foreignTo(l.viewpoint);
    const pairs = [...new Map(l.values.map(([i, v]) => [allowed[i % allowed.length]!, v])).entries()].filter(([id, v]) => !(id === 'rest' && v === 'unknown'));
    const total = pairs.reduce((a, [, v]) => a + (v === 'unknown' ? 0 : v), 0);
    return imports(l.viewpoint, at(l.node), pairs.map(([id, v]) => [id, v === 'unknown' || total <= 100 ? v : Math.floor((v * 100) / total)]), { of: l.of, year: l.year });
  });
  const relianceLists: Reliance[] = t.reliance.map((r) => reliance(r.viewpoint, at(r.node), r.percent));
  const events: TradeEvent[] = t.events.map((e, i) =>
    event(`e${i}`, e.imposedBy, e.aimedAt, [at(e.node)], { kind: e.kind, imposed: `${e.imposed}-03-01`, ...(e.liftedAfter !== undefined ? { lifted: `${e.imposed + e.liftedAfter}-09-01` } : {}) }),
  );
  return { s, m: model([s], { imports: importLists, reliance: relianceLists, events }) };
});

const nodesOf = (score: SectorScore): Array<{ stage: string; node: NodeScore }> => score.stages.flatMap((st) => [st, ...st.inputs].map((node) => ({ stage: st.id, node })));

/** The partners the viewpoint's supply of a node is read from: its picked import list, else the world list. */
function partnersNamed(m: Model, s: Sector, vp: string, n: NodeScore): string[] {
  const v = viewpointOf(m.countries, vp);
  const residual = residualIds(m.countries);
  if (n.supply?.measured) {
    const lists = m.trade.imports.filter((l) => l.viewpoint === vp && l.sector === s.id && (l.input ? `${l.stage}/${l.input}` : l.stage) === n.path);
    const picked = pickImports(lists)!.list;
    return picked.values
      .map((x: ShareValue) => (x.country ?? x.region)!)
      .filter((id) => !residual.has(id) && !(picked.of === 'supply' && (id === vp || v.members.has(id))));
  }
  return n.suppliers.filter((x) => x.kind !== 'rest' && !x.domestic).map((x) => x.id);
}



/**
 * Every number compare, exposure, chokepoints, explain and shock share with score is score's,
 * for each viewpoint (and each pair of viewpoints for compare).
 */
function agreeWithScore(m: Model, s: Sector, viewpoints: readonly string[]): void {
  const scores = new Map(viewpoints.map((vp) => [vp, evaluateChain(m, s, { viewpoint: vp })]));
  for (const vp of viewpoints) {
    const score = scores.get(vp)!;
    const nodes = nodesOf(score);

    // exposure: the same ranking; maxPct the largest share of supply over the nodes of score
    const [exp] = exposureOf(m, [s], vp);
    expect(exp!.exposures).toEqual(score.exposures);
    for (const e of score.exposures) {
      const shares = nodes.flatMap(({ node }) => node.dependence.filter((d) => d.partner === e.partner && d.ofSupplyPct !== null).map((d) => d.ofSupplyPct!));
      expect(e.maxPct).toBe(shares.length ? Math.max(...shares) : null);
      if (e.maxNode) expect(nodes.find(({ node }) => node.path === e.maxNode)!.node.dependence.find((d) => d.partner === e.partner)!.ofSupplyPct).toBe(e.maxPct);
      const detail = exposureFrom(score, e.partner).detail;
      expect(detail.map((d) => d.node)).toEqual(nodes.filter(({ node }) => node.dependence.some((d) => d.partner === e.partner)).map(({ node }) => node.path));
    }

    // chokepoints: the nodes' own chokepoints, global and (with the viewpoint) single-country
    const list = listChokepoints(m, [s], { viewpoint: vp });
    expect(list.chokepoints.map((c) => [c.node, c.kind, c.supplier, c.sharePct])).toEqual(nodes.flatMap(({ node }) => node.chokepoints.map((c) => [node.path, c.kind, c.supplier, c.sharePct])));

    // explain: every node's figures, and the risk points add up to its modelled risk
    for (const { node, stage } of nodes) {
      const e = explainNode(m, s, node.path, { viewpoint: vp });
      expect(e.score.modelledRisk).toBe(node.modelledRisk);
      expect(e.score.dependence).toEqual(node.dependence);
      expect(e.score.supply).toEqual(node.supply);
      expect(e.stageRisk).toEqual(score.stages.find((x) => x.id === stage)!.risk);
      if (node.modelledRisk !== null) {
        const points = e.suppliers.reduce((a, x) => a + x.riskPoints, 0);
        expect(Math.abs(points - node.modelledRisk), `${vp} ${node.path}: Σ points ${points}`).toBeLessThanOrEqual(0.01 * (e.suppliers.length + 1));
      }
    }

    // shock: the same nodes, lists and supply; nothing cut, nothing lost; candidates ⊇ exposure partners
    const shock = shockSector(m, s, { targets: [], viewpoint: vp });
    const shocked = shock.stages.flatMap((st) => [st, ...st.inputs]);
    expect(shocked.map((n) => n.path)).toEqual(nodes.map(({ node }) => node.path));
    shocked.forEach((n, i) => {
      const node = nodes[i]!.node;
      expect(n.snapshot).toEqual(node.snapshot);
      if (n.viewpoint) {
        expect(n.viewpoint.foreignSharePct).toBeCloseTo(node.supply!.foreignPct!, 2);
        expect(n.viewpoint.measured).toBe(node.supply!.measured);
        if (n.viewpoint.ownSharePct !== null) expect(n.viewpoint.ownSharePct).toBeCloseTo(node.viewpointSharePct!, 2);
        expect(n.viewpoint.afterPct).toBe(100);
      }
    });
    const candidates = new Set(shockCandidates(m, s, { viewpoint: vp }).map((t) => t.id));
    for (const e of score.exposures) expect(candidates, `${vp}: ${e.partner}`).toContain(e.partner);

    // compare: each side is that viewpoint's score, node by node
    for (const other of viewpoints) {
      if (other === vp) continue;
      const [cmp] = compareCountries(m, [s], vp, other);
      const b = scores.get(other)!;
      cmp!.stages.forEach((row, i) => {
        expect(row.a.risk).toBe(score.stages[i]!.risk.value);
        expect(row.b.risk).toBe(b.stages[i]!.risk.value);
        expect(row.a.binding).toEqual(score.stages[i]!.binding);
      });
      cmp!.nodes.forEach((row, i) => {
        const na = nodes[i]!.node;
        const nb = nodesOf(b)[i]!.node;
        expect([row.node, row.a.risk, row.b.risk]).toEqual([na.path, na.modelledRisk, nb.modelledRisk]);
        expect(row.aReliesOnBPct).toBe(na.supply === null ? null : (na.dependence.find((d) => d.partner === other)?.ofSupplyPct ?? 0));
      });
      const relied = nodes.flatMap(({ node }) => node.dependence.filter((d) => d.partner === other && d.ofSupplyPct !== null).map((d) => d.ofSupplyPct!));
      expect(cmp!.reliance.aOnBMaxPct).toBeCloseTo(relied.length ? Math.max(0, ...relied) : 0, 6);
    }
  }
}

describe('chain properties (random models, every viewpoint)', () => {
  it('a supplier present in any node is in the viewpoint\'s exposure', () => {
    fc.assert(
      fc.property(modelArb, ({ s, m }) => {
        for (const vp of VIEWPOINTS) {
          const score = evaluateChain(m, s, { viewpoint: vp });
          const partners = new Set(score.exposures.map((e) => e.partner));
          for (const { node } of nodesOf(score)) {
            for (const id of partnersNamed(m, s, vp, node)) expect(partners, `${vp}: ${id} at ${node.path}`).toContain(id);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the worst cut-off\'s country is in the exposure', () => {
    fc.assert(
      fc.property(modelArb, ({ s, m }) => {
        for (const vp of VIEWPOINTS) {
          const v = viewpointOf(m.countries, vp);
          const own = (id: string) => isDomestic(v, m.countries, id);
          const score = evaluateChain(m, s, { viewpoint: vp });
          const partners = new Set(score.exposures.map((e) => e.partner));
          const worst = worstCase(m, s, { viewpoint: vp });
          // The viewpoint's own worst cut-off: what costs it the most is something it draws on.
          const mine = worst.byViewpoint[0];
          if (mine && (mine.viewpointLostPct ?? 0) > 0 && !own(mine.target.id)) expect(partners, `${vp}: ${mine.target.id}`).toContain(mine.target.id);
          // The world's single point of failure: in the exposure wherever the viewpoint's supply of
          // a node it holds is estimated from world shares (measured imports may not name it).
          const spof = worst.singlePointOfFailure;
          if (spof && !own(spof.target.id)) {
            const estimatedSomewhere = nodesOf(score).some(({ node }) => node.supply && !node.supply.measured && node.suppliers.some((x) => x.id === spof.target.id && (x.sharePct ?? 0) > 0));
            if (estimatedSomewhere) expect(partners, `${vp}: ${spof.target.id}`).toContain(spof.target.id);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('moving share from an ally to a country of concern never lowers risk', () => {
    // From aa: cc is the ally (weight 0.2), bb the country of concern (1). Events the ally imposes
    // are left out: an ally's ban lifts its weight to 0.2 + 0.8 · 0.6 = 0.68, and with most of the
    // supply its convex term then outweighs the concern's (docs: the risk is convex in share).
    fc.assert(
      fc.property(modelArb, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('weakest-link' as const, 'value-weighted' as const), ({ s, m }, pick, frac, lens) => {
        const base: Model = { ...m, trade: { ...m.trade, events: m.trade.events.filter((e) => e.imposedBy !== 'cc') } };
        // every list (world and import) that names cc with a share
        const lists: Array<{ values: ShareValue[] }> = [
          ...s.stages.flatMap((st) => [...(st.shares ?? []), ...(st.inputs ?? []).flatMap((x) => x.shares ?? [])]),
          ...base.trade.imports.filter((l) => l.viewpoint === 'aa'),
        ].filter((l) => l.values.some((v) => v.country === 'cc' && typeof v.share === 'number' && v.share > 0));
        fc.pre(lists.length > 0);
        const target = lists[pick % lists.length]!;
        const moved = (values: ShareValue[]): ShareValue[] => {
          const cc = values.find((v) => v.country === 'cc')!.share as number;
          const t = Math.round(cc * frac * 10) / 10;
          const hasBb = values.some((v) => v.country === 'bb');
          const out = values.map((v) => (v.country === 'cc' ? { ...v, share: cc - t } : v.country === 'bb' ? { ...v, share: v.share === 'unknown' ? t : v.share + t } : v));
          return hasBb ? out : [...out, { country: 'bb', share: t }];
        };
        const swap = <T extends { values: ShareValue[] }>(l: T): T => (l === target ? { ...l, values: moved(l.values) } : l);
        const s2: Sector = { ...s, stages: s.stages.map((st) => ({ ...st, ...(st.shares ? { shares: st.shares.map(swap) } : {}), ...(st.inputs ? { inputs: st.inputs.map((x) => ({ ...x, ...(x.shares ? { shares: x.shares.map(swap) } : {}) })) } : {}) })) };
        const m2: Model = { ...base, sectors: [s2], trade: { ...base.trade, imports: base.trade.imports.map(swap) } };
        const a = evaluateChain(base, s, { viewpoint: 'aa', lens });
        const b = evaluateChain(m2, s2, { viewpoint: 'aa', lens });
        nodesOf(a).forEach(({ node }, i) => {
          const after = nodesOf(b)[i]!.node;
          if (node.modelledRisk !== null && after.modelledRisk !== null) expect(after.modelledRisk, node.path).toBeGreaterThanOrEqual(node.modelledRisk - 0.01);
        });
        a.stages.forEach((st, i) => {
          if (st.risk.modelled !== null) expect(b.stages[i]!.risk.modelled!, st.id).toBeGreaterThanOrEqual(st.risk.modelled - 0.01);
        });
        if (a.weakestLink) expect(b.weakestLink!.risk).toBeGreaterThanOrEqual(a.weakestLink.risk - 0.01);
      }),
      { numRuns: 200 },
    );
  });

  it('compare, exposure, chokepoints, explain and shock agree with score on every shared number', () => {
    fc.assert(
      fc.property(modelArb, ({ s, m }) => agreeWithScore(m, s, VIEWPOINTS)),
      { numRuns: 60 },
    );
  });
});

describe('on the built-in data, every viewpoint in it', () => {
  it('every supplier of a node is in the exposure, and every command agrees with score', async () => {
    const { loadBuiltin } = await import('../../src/data/builtin.js');
    const m = await loadBuiltin();
    for (const s of m.sectors) {
      // every country or region named in a list of the sector or an import list, and the EU
      const named = new Set<string>(['eu']);
      for (const st of s.stages) for (const list of [st.shares ?? [], ...(st.inputs ?? []).map((x) => x.shares ?? [])]) for (const snap of list) for (const v of snap.values) named.add((v.country ?? v.region)!);
      for (const l of m.trade.imports) if (l.sector === s.id) named.add(l.viewpoint);
      const residual = residualIds(m.countries);
      const viewpoints = [...named].filter((id) => !residual.has(id) && viewpointOf(m.countries, id).members.size > 0 && (m.countries.countries.some((c) => c.code === id) || m.countries.regions.some((r) => r.id === id && r.members?.length))).sort();
      expect(viewpoints.length).toBeGreaterThan(5);
      for (const vp of viewpoints) {
        const score = evaluateChain(m, s, { viewpoint: vp });
        const partners = new Set(score.exposures.map((e) => e.partner));
        for (const { node } of nodesOf(score)) for (const id of partnersNamed(m, s, vp, node)) expect(partners, `${s.id} from ${vp}: ${id} at ${node.path}`).toContain(id);
      }
      agreeWithScore(m, s, viewpoints);
    }
  }, 600_000);
});
