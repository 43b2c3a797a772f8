// Where a viewpoint's supply of a node comes from (src/engine/supply.ts, evaluate.ts): measured
// import lists or the pro-rata estimate, net import reliance, sourcing lists, region viewpoints,
// unknown shares, lists that attribute nothing, and which world list a node is read from.
import { describe, expect, it } from 'vitest';
import type { Snapshot, Stage } from '../../src/data/model.js';
import { residualIds } from '../../src/engine/concentration.js';
import { evaluateChain, type EvaluateOptions } from '../../src/engine/evaluate.js';
import { explainNode } from '../../src/engine/explain.js';
import { exposureFrom } from '../../src/engine/relations.js';
import { pickSnapshot } from '../../src/engine/snapshot.js';
import { pickImports } from '../../src/engine/supply.js';
import { countries, imports, model, reliance, sector, snap } from '../helpers/model.js';

// Risk points of a partner: 100 · w · s · (1 + κs) / (1 + κ), κ = 0.5; the unattributed rest
// 100 · 0.5 · s / 1.5. Weights from aa: bb 1 (concern), cc 0.2 (ally), rest 0.5.
const MAKING = (): Snapshot[] => [snap([['aa', 20], ['bb', 50], ['cc', 20], ['rest', 10]])];
const making = (extra: Partial<Stage> = {}): Stage => ({ id: 'making', name: 'Making', shares: MAKING(), ...extra });

function node(trade: Parameters<typeof model>[1], opts: EvaluateOptions = {}, stages: Stage[] = [making()]) {
  const s = sector(stages);
  return evaluateChain(model([s], trade), s, opts);
}

describe('measured imports and the pro-rata estimate', () => {
  it('estimates the imports pro rata to world shares when there are no import data, and says so', () => {
    const st = node({}).stages[0]!;
    // F = 1 − 0.2 = 0.8; bb 50 / 80 = 62.5% of the imports, cc 25%, the rest 12.5% → 47.93 (v1's example)
    expect(st.supply).toEqual({ measured: false, foreignPct: 80, foreignFrom: 'world-share', unattributedPct: 12.5, imports: null, reliance: null });
    expect(st.dependence.map((d) => [d.partner, d.ofImportsPct, d.ofSupplyPct, d.measured])).toEqual([['bb', 62.5, 50, false], ['cc', 25, 20, false]]);
    expect(st.modelledRisk).toBe(47.93);
    expect(st.chokepoints).toEqual([{ kind: 'single-country', supplier: 'bb', sharePct: 62.5, thresholdPct: 50, measured: false }]);
  });

  it('reads the partner shares from an import list where the viewpoint has one', () => {
    const st = node({ imports: [imports('aa', 'making', [['cc', 70], ['bb', 30]])] }).stages[0]!;
    // F stays 0.8 (no reliance figure); s_cc = 0.8 × 0.7 = 0.56, s_bb = 0.8 × 0.3 = 0.24
    //   bb: 100 × 1 × 0.24 × 1.12 / 1.5 = 17.92;  cc: 100 × 0.2 × 0.56 × 1.28 / 1.5 = 9.5573 → 27.4773
    expect(st.modelledRisk).toBe(27.48);
    expect(st.supply).toMatchObject({ measured: true, foreignPct: 80, foreignFrom: 'world-share', unattributedPct: 0, imports: { year: 2022, measure: 'value', of: 'imports', source: 'trade-t', partial: false, requestedYear: null } });
    expect(st.dependence.map((d) => [d.partner, d.sharePct, d.ofImportsPct, d.ofSupplyPct, d.measured])).toEqual([['cc', 20, 70, 56, true], ['bb', 50, 30, 24, true]]);
    // the 3050 line now falls on cc (70% of measured imports), not on bb's estimated 62.5%
    expect(st.chokepoints).toEqual([{ kind: 'single-country', supplier: 'cc', sharePct: 70, thresholdPct: 50, measured: true }]);
  });

  it('uses another viewpoint\'s import list for nothing', () => {
    const st = node({ imports: [imports('cc', 'making', [['bb', 100]])] }).stages[0]!;
    expect(st.supply!.measured).toBe(false);
    expect(st.modelledRisk).toBe(47.93);
  });

  it('picks the newest whole-year import list at or before --year (a part year only without one); on one year value before quantity', () => {
    const lists = [
      imports('aa', 'making', [['bb', 100]], { year: 2021 }),
      imports('aa', 'making', [['cc', 100]], { year: 2022, measure: 'quantity' }),
      imports('aa', 'making', [['cc', 90], ['bb', 10]], { year: 2022, partial: true }),
      imports('aa', 'making', [['cc', 80], ['bb', 20]], { year: 2023, partial: true }),
    ];
    // whole years: 2021 (value) and 2022 (quantity): the newest, though a 2023 part year exists
    expect(pickImports(lists)!.list).toBe(lists[1]);
    expect(pickImports(lists, 2021)).toEqual({ list: lists[0], requestedYear: null });
    expect(pickImports(lists, 2030)).toEqual({ list: lists[1], requestedYear: 2030 });
    expect(pickImports(lists, 2020)).toBeUndefined();
    // a part year when there is nothing else
    expect(pickImports([lists[3]!])!.list).toBe(lists[3]);
    // one year, two measures: value
    const byValue = imports('aa', 'making', [['bb', 100]], { year: 2022 });
    expect(pickImports([lists[1]!, byValue])!.list).toBe(byValue);
  });

  it('scores a node with import data and no world list', () => {
    const st = node({ imports: [imports('aa', 'making', [['bb', 60], ['rest', 40]])] }, {}, [{ id: 'making', name: 'Making' }]).stages[0]!;
    // no world list: F assumed 1; bb 60%: 100 × 0.6 × 1.3 / 1.5 = 52; rest 40%: 100 × 0.5 × 0.4 / 1.5 = 13.333 → 65.33
    expect(st.supply).toMatchObject({ measured: true, foreignPct: 100, foreignFrom: 'assumed', unattributedPct: 40 });
    expect(st.modelledRisk).toBe(65.33);
  });

  it('explains the risk points of the unattributed imports when the node has no world list', () => {
    const s = sector([{ id: 'making', name: 'Making' }]);
    const e = explainNode(model([s], { imports: [imports('aa', 'making', [['bb', 60], ['rest', 40]])] }), s, 'making');
    // bb 52 + unattributed 13.333 = 65.33, the node's modelled risk
    expect(e.suppliers.map((x) => [x.id, x.kind, x.ofImportsPct, x.riskPoints])).toEqual([['bb', 'country', 60, 52], ['rest', 'rest', 40, 13.333]]);
    expect(e.steps.find((x) => x.label === 'risk points from Rest of world (unattributed)')!.value).toBe(13.333);
  });
});

describe('net import reliance', () => {
  it('replaces 1 − own share as the foreign share of supply', () => {
    const st = node({ reliance: [reliance('aa', 'making', 50)] }).stages[0]!;
    // F = 0.5 (not 0.8); imports still pro rata: bb 62.5%, cc 25%, rest 12.5%
    //   bb s = 0.3125: 100 × 0.3125 × 1.15625 / 1.5 = 24.0885
    //   cc s = 0.125:  100 × 0.2 × 0.125 × 1.0625 / 1.5 = 1.7708
    //   rest s = 0.0625: 100 × 0.5 × 0.0625 / 1.5 = 2.0833           → 27.9427
    expect(st.supply).toMatchObject({ measured: false, foreignPct: 50, foreignFrom: 'net-import-reliance', reliance: { percent: 50, stated: null, year: 2022, source: 'trade-t' } });
    expect(st.modelledRisk).toBe(27.94);
    expect(st.dependence[0]).toMatchObject({ partner: 'bb', ofImportsPct: 62.5, ofSupplyPct: 31.25 });
  });

  it('combines with measured imports', () => {
    const st = node({ imports: [imports('aa', 'making', [['cc', 70], ['bb', 30]])], reliance: [reliance('aa', 'making', 50)] }).stages[0]!;
    // s_bb = 0.5 × 0.3 = 0.15: 100 × 0.15 × 1.075 / 1.5 = 10.75; s_cc = 0.35: 100 × 0.2 × 0.35 × 1.175 / 1.5 = 5.4833 → 16.23
    expect(st.supply).toMatchObject({ measured: true, foreignPct: 50, foreignFrom: 'net-import-reliance' });
    expect(st.modelledRisk).toBe(16.23);
  });

  it('gives a net exporter (reliance 0) no risk, and that is a figure, not "no data"', () => {
    const st = node({ reliance: [reliance('aa', 'making', 0, { stated: 'E' })] }).stages[0]!;
    expect(st).toMatchObject({ modelledRisk: 0, noData: null });
  });

  it('takes the newest figure at or before --year', () => {
    const r = [reliance('aa', 'making', 50, { year: 2020 }), reliance('aa', 'making', 25, { year: 2022 })];
    expect(node({ reliance: r }).stages[0]!.supply!.foreignPct).toBe(25);
    const stages = [making({ shares: [...MAKING(), snap([['aa', 20], ['bb', 80]], { year: 2020 })] })];
    expect(node({ reliance: r }, { year: 2021 }, stages).stages[0]!.supply!.foreignPct).toBe(50);
  });
});

describe('a sourcing list (of: supply)', () => {
  const trade = { imports: [imports('aa', 'making', [['aa', 40], ['bb', 30], ['cc', 30]], { of: 'supply' })] };

  it('states the domestic part itself, and its foreign entries become shares of the imports', () => {
    const st = node(trade).stages[0]!;
    // F = 1 − 0.4 = 0.6 (from the list, not the world share 0.2); bb 30 / 0.6 = 50% of imports, cc 50%
    //   bb s = 0.3: 100 × 0.3 × 1.15 / 1.5 = 23;  cc: 100 × 0.2 × 0.3 × 1.15 / 1.5 = 4.6 → 27.6
    expect(st.supply).toMatchObject({ measured: true, foreignPct: 60, foreignFrom: 'supply-list', imports: { of: 'supply' } });
    expect(st.dependence.map((d) => [d.partner, d.ofImportsPct, d.ofSupplyPct])).toEqual([['bb', 50, 30], ['cc', 50, 30]]);
    expect(st.modelledRisk).toBe(27.6);
  });

  it('is the EU CRM sourcing term', () => {
    const st = node(trade, { method: 'eu-crm' }).stages[0]!;
    // global HHI_WGI 1.74 (WGI scaled: aa 2, bb 6, cc 4); IR 0.6;
    // sourcing: domestic 0.4² × 2 = 0.32; imports (0.6 × 0.5)² × 6 + (0.6 × 0.5)² × 4 = 0.54 + 0.36 → 1.22
    // SR = 1.74 × 0.3 + 1.22 × 0.7 = 0.522 + 0.854 = 1.376
    const crm = st.euCrm!;
    expect(crm.stage.global!.value).toBeCloseTo(1.74, 9);
    expect(crm.stage.sourcing!.value).toBeCloseTo(1.22, 9);
    expect(crm.stage.importReliance).toBe(0.6);
    expect(crm.stage.sr).toBeCloseTo(1.376, 9);
    expect(crm.critical).toBe(true);
    expect(crm.defaults).not.toContain('sourcing: imports pro rata to world shares (no import data)');
    expect(st.risk.value).toBe(1.376);
  });
});

describe('a region viewpoint', () => {
  it('counts its members as domestic: their share is its own, their supply no import', () => {
    const r = node({}, { viewpoint: 'bloc' });
    const st = r.stages[0]!;
    // bloc = {cc, dd}: own 20 (cc), F = 0.8; bb 62.5%, aa 25%, rest 12.5% of the imports.
    // From bloc, bb weighs (2.5 + 0.5) / 5 = 0.6 (no concern); aa 0.2 (no ally: dd is not in pact).
    //   bb: 100 × 0.6 × 0.5 × 1.25 / 1.5 = 25; aa: 100 × 0.2 × 0.2 × 1.1 / 1.5 = 2.9333; rest 3.3333 → 31.27
    expect(r).toMatchObject({ viewpoint: 'bloc', viewpointKind: 'region', viewpointName: 'Bloc' });
    expect(st).toMatchObject({ viewpointSharePct: 20, viewpointListed: true, foreignSharePct: 80, modelledRisk: 31.27 });
    expect(st.suppliers.filter((x) => x.domestic).map((x) => x.id)).toEqual(['cc']);
    expect(r.exposures.map((e) => e.partner)).toEqual(['bb', 'aa']);
  });

  it('counts the region named as a supplier as its own, and not for one of its members', () => {
    const stages = [{ id: 'making', name: 'Making', shares: [snap([['bloc', 60], ['bb', 40]])] }];
    // from bloc: own 60, F = 0.4, bb all of the imports: 100 × 0.6 × 0.4 × 1.2 / 1.5 = 19.2
    expect(node({}, { viewpoint: 'bloc' }, stages).stages[0]).toMatchObject({ viewpointSharePct: 60, modelledRisk: 19.2 });
    // from cc: the bloc is not all cc's own (dd is in it): a partner at the mean weight of the
    // members that are not cc (dd, 0.5): 100 × 0.5 × 0.6 × 1.3 / 1.5 = 26; bb 19.2 → 45.2
    const fromCc = node({}, { viewpoint: 'cc' }, stages).stages[0]!;
    expect(fromCc).toMatchObject({ viewpointSharePct: 0, modelledRisk: 45.2 });
    expect(fromCc.dependence.map((d) => [d.partner, d.weight])).toEqual([['bloc', 0.5], ['bb', 0.6]]);
  });

  it('reads the region\'s own import list', () => {
    const st = node({ imports: [imports('bloc', 'making', [['bb', 80], ['aa', 20]])] }, { viewpoint: 'bloc' }).stages[0]!;
    // F 0.8; s_bb = 0.64: 100 × 0.6 × 0.64 × 1.32 / 1.5 = 33.792; s_aa = 0.16: 100 × 0.2 × 0.16 × 1.08 / 1.5 = 2.304 → 36.1
    expect(st.supply!.measured).toBe(true);
    expect(st.modelledRisk).toBe(36.1);
  });
});

describe('unknown shares ("named, share unknown")', () => {
  const stages = [{ id: 'making', name: 'Making', shares: [snap([['aa', 20], ['bb', 'unknown'], ['cc', 50]])] }];

  it('are present in the suppliers, the dependence and the exposure, never as a number', () => {
    const r = node({}, {}, stages);
    const st = r.stages[0]!;
    expect(st.suppliers.map((x) => [x.id, x.sharePct])).toEqual([['cc', 50], ['aa', 20], ['bb', null], ['rest', 30]]);
    // F 0.8; cc 50 / 80 = 62.5%; bb named, no share; the rest 30 / 80 = 37.5%
    expect(st.dependence.map((d) => [d.partner, d.sharePct, d.ofImportsPct, d.ofSupplyPct, d.contribution])).toEqual([['cc', 50, 62.5, 50, 8.33], ['bb', null, null, null, 0]]);
    // cc: 100 × 0.2 × 0.5 × 1.25 / 1.5 = 8.3333; the rest (bb's unknown part included): 100 × 0.5 × 0.3 / 1.5 = 10 → 18.33
    expect(st.modelledRisk).toBe(18.33);
    expect(st.top.map((t) => t.id)).toEqual(['cc']);
    expect(st.coveragePct).toBe(70);
    const bb = r.exposures.find((e) => e.partner === 'bb')!;
    expect(bb).toMatchObject({ maxPct: null, maxNode: null, maxStage: 'making', nodes: 1 });
    expect(bb.byStage).toEqual([{ stage: 'making', node: null, nodeName: null, ofSupplyPct: null, ofImportsPct: null, measured: false, nodes: 1, unknownShareNodes: ['making'] }]);
    expect(exposureFrom(r, 'bb').detail).toEqual([expect.objectContaining({ node: 'making', ofImportsPct: null, sharePct: null })]);
  });

  it('are present in a measured import list too', () => {
    const st = node({ imports: [imports('aa', 'making', [['cc', 60], ['bb', 'unknown']])] }, {}, stages).stages[0]!;
    expect(st.dependence.map((d) => [d.partner, d.ofImportsPct, d.measured])).toEqual([['cc', 60, true], ['bb', null, true]]);
    expect(st.supply!.unattributedPct).toBe(40);
  });

  it('leave a node whose only named supplier has no share without a risk, but the supplier stays in the exposure', () => {
    const r = node({}, {}, [{ id: 'making', name: 'Making', shares: [snap([['bb', 'unknown']])] }]);
    expect(r.stages[0]).toMatchObject({ modelledRisk: null, noData: 'no country data: the list attributes nothing to a named supplier' });
    expect(r.exposures).toEqual([expect.objectContaining({ partner: 'bb', maxPct: null, nodes: 1 })]);
    expect(r.weakestLink).toBeNull();
  });
});

describe('a list that attributes nothing', () => {
  it('is "no country data", not a risk, and never binds', () => {
    const stages: Stage[] = [{ id: 'making', name: 'Making', shares: [snap([['cc', 100]])], inputs: [{ id: 'void', name: 'Void', shares: [snap([['rest', 100]])] }, { id: 'zero', name: 'Zero', shares: [snap([['aa', 0]])] }] }];
    const st = node({}, { viewpoint: 'bb' }, stages).stages[0]!;
    // Neither void (all "rest") nor zero (aa at 0%) names a supplier with a share: scoring their
    // unattributed 100% would give 100 × 0.5 × 1 / 1.5 = 33.3, a made-up risk. The stage is its own
    // list: cc 100 from bb, w = (2.5 − 0.5) / 5 = 0.4: 100 × 0.4 × 1 × 1.5 / 1.5 = 40.
    expect(st.inputs.map((n) => [n.id, n.modelledRisk, n.noData])).toEqual([
      ['void', null, 'no country data: the list attributes nothing to a named supplier'],
      ['zero', null, 'no country data: the list attributes nothing to a named supplier'],
    ]);
    expect(st.risk.weakestLink).toBe(40);
    expect(st.binding.map((b) => b.path)).toEqual(['making']);
  });
});

describe('the default list (newest complete, else the fullest)', () => {
  const residual = residualIds(countries());
  const complete2021 = snap([['aa', 50], ['bb', 45]], { year: 2021 });
  const oneCountry2023 = snap([['bb', 82]], { year: 2023 });

  it('prefers the newest complete list (≥ 90% named) within 3 years to a newer one-country list', () => {
    const p = pickSnapshot([complete2021, oneCountry2023], { residual })!;
    expect(p.snapshot).toBe(complete2021);
    expect(p.selection).toEqual({
      rule: 'newest-complete',
      reason: 'the newest complete list (95% named); 1 newer list names less than 90%',
      coveragePct: 95,
      alternatives: [{ year: 2023, projection: false, basis: 'location', source: 't', coveragePct: 82, suppliers: 1 }],
    });
  });

  it('takes the fullest list in the window when no complete list is 3 years or less older than the newest', () => {
    const old = snap([['aa', 50], ['bb', 45]], { year: 2019 });
    // the window is 2020-2023: only the 82% list
    expect(pickSnapshot([old, oneCountry2023], { residual })!.selection).toMatchObject({ rule: 'most-complete', reason: 'no list within 3 years of 2023 names 90%: the fullest (82% named)', coveragePct: 82 });
    // 2020 is inside the window (2023 − 3)
    expect(pickSnapshot([snap([['aa', 95]], { year: 2020 }), oneCountry2023], { residual })!.snapshot.year).toBe(2020);
  });

  it('takes the fuller of two lists of the same year, complete or not', () => {
    const a = snap([['aa', 50], ['bb', 41]]);
    const b = snap([['aa', 50], ['bb', 48]]);
    expect(pickSnapshot([a, b], { residual })!.snapshot).toBe(b);
    expect(pickSnapshot([b, a], { residual })!.snapshot).toBe(b);
    const c = snap([['bb', 60]]);
    const d = snap([['bb', 60], ['cc', 20]]);
    expect(pickSnapshot([d, c], { residual })!).toMatchObject({ snapshot: d, selection: { rule: 'most-complete', coveragePct: 80 } });
    // two equally full lists of one year: the first in file order
    const e = snap([['cc', 80]]);
    expect(pickSnapshot([d, e], { residual })!.snapshot).toBe(d);
  });

  it('prefers a newer complete list to an older complete one, and does not count the residual region as named', () => {
    const newer = snap([['aa', 60], ['bb', 30], ['rest', 10]], { year: 2022 });
    expect(pickSnapshot([complete2021, newer], { residual })!.snapshot).toBe(newer);
    // aa 60 + bb 25 = 85 named (the 15 of "rest" attribute nothing): incomplete, the 2021 list wins
    expect(pickSnapshot([complete2021, snap([['aa', 60], ['bb', 25], ['rest', 15]])], { residual })!.snapshot).toBe(complete2021);
  });

  it('reads a projection only when its year is asked for', () => {
    const actual = snap([['aa', 95]], { year: 2022 });
    const projection = snap([['bb', 95]], { year: 2030, projection: true });
    expect(pickSnapshot([actual, projection], { residual })!.snapshot).toBe(actual);
    expect(pickSnapshot([actual, projection], { residual, year: 2030 })).toMatchObject({ snapshot: projection, requestedYear: null, selection: { rule: 'year', reason: 'the list for 2030, a projection' } });
    expect(pickSnapshot([actual, projection], { residual, year: 2026 })).toMatchObject({ snapshot: actual, requestedYear: 2026, selection: { rule: 'as-of' } });
    expect(pickSnapshot([actual, projection], { residual, year: 2021 })).toBeUndefined();
    expect(pickSnapshot([projection], { residual })).toBeUndefined();
  });

  it('says "the only list" when there is one', () => {
    expect(pickSnapshot([oneCountry2023], { residual })!.selection).toMatchObject({ rule: 'only', reason: 'the only list', alternatives: [] });
  });

  it('reads location before headquarters, and another basis only when asked', () => {
    const hq = snap([['bb', 95]], { basis: 'headquarters', year: 2023 });
    const loc = snap([['aa', 95]], { year: 2021 });
    expect(pickSnapshot([hq, loc], { residual })!.snapshot).toBe(loc);
    expect(pickSnapshot([hq], { residual })!.snapshot).toBe(hq);
    expect(pickSnapshot([hq, loc], { residual, basis: 'headquarters' })!.snapshot).toBe(hq);
    expect(pickSnapshot([hq, loc], { residual, basis: 'ownership' })).toBeUndefined();
  });

  it('puts the choice and why in the evaluation, and says why a node has none', () => {
    const r = node({}, {}, [
      { id: 'making', name: 'Making', shares: [complete2021, oneCountry2023] },
      { id: 'later', name: 'Later', shares: [snap([['aa', 95]], { year: 2030, projection: true })] },
    ]);
    expect(r.stages[0]!.snapshot).toMatchObject({ year: 2021, projection: false, requestedYear: null });
    expect(r.stages[0]!.selection!.rule).toBe('newest-complete');
    expect(r.stages[1]).toMatchObject({ snapshot: null, selection: null, noData: 'only projections (2030): pick one with --year' });
    const hq = node({}, { basis: 'ownership' }).stages[0]!;
    expect(hq.noData).toBe('no data on the ownership basis');
  });

  it('dates a multi-year average by its last year', () => {
    const avg = snap([['aa', 95]], { year: 2022, period: { from: 2019, to: 2022 } });
    const r = node({}, {}, [{ id: 'making', name: 'Making', shares: [complete2021, avg] }]);
    expect(r.stages[0]!.snapshot).toMatchObject({ year: 2022, period: { from: 2019, to: 2022 } });
  });
});
