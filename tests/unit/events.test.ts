// Export-restriction events (src/engine/events.ts): the uplift u of a supplier's weight, in
// force, fading after lifting, reaching the viewpoint (or a member of a region viewpoint) at the
// node or below it; w' = w + (1 − w)·u in the modelled risk by hand.
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../src/data/model.js';
import { evaluateChain, newestDataYear, type EvaluateOptions } from '../../src/engine/evaluate.js';
import { eventsAt, eventUplift, withEvents } from '../../src/engine/events.js';
import { explainNode } from '../../src/engine/explain.js';
import { viewpointOf } from '../../src/engine/viewpoint.js';
import { countries, event, imports, model, sector, snap } from '../helpers/model.js';

const licence = { kind: 'licence' as const, imposed: '2019-07-04', lifted: '2021-01-01' };

describe('eventUplift', () => {
  it('is 0 before the event, the kind\'s uplift while in force, fading linearly over 3 years after lifting', () => {
    expect(eventUplift(licence, '2019-07-03')).toEqual({ inForce: false, uplift: 0 });
    expect(eventUplift(licence, '2019-07-04')).toEqual({ inForce: true, uplift: 0.4 });
    expect(eventUplift(licence, '2020-12-31')).toEqual({ inForce: true, uplift: 0.4 });
    // the day it is lifted: 0 years of fading
    expect(eventUplift(licence, '2021-01-01')).toEqual({ inForce: false, uplift: 0.4 });
    // 2021-01-01 → 2022-12-31 = 365 + 364 = 729 days = 729 / 365.25 = 1.99589 years:
    // u = 0.4 × (1 − 1.99589 / 3) = 0.4 × 0.334702 = 0.133881
    expect(eventUplift(licence, '2022-12-31').uplift).toBeCloseTo(0.4 * (1 - 729 / 365.25 / 3), 12);
    expect(eventUplift(licence, '2022-12-31').uplift).toBeCloseTo(0.133881, 6);
    // 2021-01-01 → 2024-01-02 = 1096 days = 3.0007 years: faded out
    expect(eventUplift(licence, '2024-01-02')).toEqual({ inForce: false, uplift: 0 });
  });

  it('gives each kind its uplift: ban 0.6, licence 0.4, quota 0.3, tax 0.2', () => {
    for (const [kind, u] of [['ban', 0.6], ['licence', 0.4], ['quota', 0.3], ['tax', 0.2]] as const) {
      expect(eventUplift({ kind, imposed: '2020-01-01' }, '2022-12-31')).toEqual({ inForce: true, uplift: u });
    }
  });
});

describe('withEvents', () => {
  it('raises the weight by w\' = w + (1 − w)·u with the largest u (levers do not add up)', () => {
    const e = (uplift: number) => ({ id: 'x', imposedBy: 'bb', kind: 'ban', imposed: '2020-01-01', lifted: null, inForce: true, uplift, products: 'p', source: 's' });
    // 0.6 + 0.4 × 0.6 = 0.84
    expect(withEvents(0.6, [e(0.6)])).toBeCloseTo(0.84, 12);
    expect(withEvents(0.6, [e(0.4), e(0.6)])).toBeCloseTo(0.84, 12);
    expect(withEvents(0.6, [])).toBe(0.6);
    // a country of concern already at 1 stays at 1
    expect(withEvents(1, [e(0.6)])).toBe(1);
  });
});

describe('eventsAt', () => {
  const c = countries();
  const paths = ['selling/gears', 'selling'];
  const at = (e: ReturnType<typeof event>, vp = 'cc', partner = 'bb', ref = '2022-12-31', p = paths) => eventsAt([e], viewpointOf(c, vp), partner, 'widgets', p, ref);

  it('reaches the viewpoint it is aimed at, or all, and only from the partner that imposed it', () => {
    expect(at(event('e', 'bb', ['cc'], ['selling/gears']))).toHaveLength(1);
    expect(at(event('e', 'bb', ['all'], ['selling/gears']))).toHaveLength(1);
    expect(at(event('e', 'bb', ['aa'], ['selling/gears']))).toEqual([]);
    expect(at(event('e', 'bb', ['cc'], ['selling/gears']), 'cc', 'aa')).toEqual([]);
  });

  it('reaches a region viewpoint through one of its members', () => {
    // bloc = {cc, dd}: a measure aimed at dd reaches the bloc's supply
    expect(at(event('e', 'bb', ['dd'], ['selling/gears']), 'bloc')).toHaveLength(1);
    expect(at(event('e', 'bb', ['aa'], ['selling/gears']), 'bloc')).toEqual([]);
  });

  it('covers the node and everything under it: an event on a parent covers its children, not its siblings', () => {
    expect(at(event('e', 'bb', ['cc'], ['selling']))).toHaveLength(1);
    expect(at(event('e', 'bb', ['cc'], ['selling/bolts']))).toEqual([]);
    // the stage's own list is above the input: an event on the input does not reach it
    expect(at(event('e', 'bb', ['cc'], ['selling/gears']), 'cc', 'bb', '2022-12-31', ['selling'])).toEqual([]);
    // another sector's node of the same path does not count
    expect(at({ ...event('e', 'bb', ['cc'], []), nodes: ['gadgets/selling/gears'] })).toEqual([]);
  });

  it('leaves out events imposed after the reference date, and keeps lifted ones with their fading uplift', () => {
    expect(at(event('e', 'bb', ['cc'], ['selling'], { imposed: '2023-01-01' }))).toEqual([]);
    expect(at(event('e', 'bb', ['cc'], ['selling'], licence))).toEqual([
      { id: 'e', imposedBy: 'bb', kind: 'licence', imposed: '2019-07-04', lifted: '2021-01-01', inForce: false, uplift: 0.1339, products: 'made up', source: 'trade-t' },
    ]);
  });

  it('sorts by date, then id', () => {
    const r = eventsAt([event('b', 'bb', ['cc'], ['selling']), event('a', 'bb', ['cc'], ['selling']), event('c', 'bb', ['cc'], ['selling'], { imposed: '2018-01-01' })], viewpointOf(c, 'cc'), 'bb', 'widgets', paths, '2022-12-31');
    expect(r.map((e) => e.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('events in the modelled risk', () => {
  // making from cc: own 20, F = 0.8; bb 62.5% of the imports (s 0.5), aa 25% (s 0.2), rest 12.5% (s 0.1).
  // Weights from cc: bb (2.5 + 0.5) / 5 = 0.6; aa 0.2 × 0.5 = 0.1 (ally in pact); rest 0.5.
  //   aa: 100 × 0.1 × 0.2 × 1.1 / 1.5 = 1.4667;  rest: 100 × 0.5 × 0.1 / 1.5 = 3.3333
  //   bb without events: 100 × 0.6 × 0.5 × 1.25 / 1.5 = 25 → 29.8
  const stages: Stage[] = [
    { id: 'making', name: 'Making', shares: [snap([['aa', 20], ['bb', 50], ['cc', 20], ['rest', 10]])] },
    { id: 'selling', name: 'Selling', inputs: [{ id: 'gears', name: 'Gears', shares: [snap([['bb', 80], ['cc', 20]])] }, { id: 'teeth', name: 'Teeth', parent: 'gears', shares: [snap([['bb', 100]])] }] },
  ];
  const run = (events: ReturnType<typeof event>[], opts: EvaluateOptions = {}) => {
    const s = sector(stages);
    return evaluateChain(model([s], { events }), s, { viewpoint: 'cc', ...opts });
  };

  it('raises the partner\'s weight while in force: w\' = 0.6 + 0.4 × 0.6 = 0.84', () => {
    const r = run([event('ban', 'bb', ['cc'], ['making'], { kind: 'ban', imposed: '2020-01-01' })]);
    // bb: 100 × 0.84 × 0.5 × 1.25 / 1.5 = 35 → 35 + 1.4667 + 3.3333 = 39.8
    const st = r.stages[0]!;
    expect(st.modelledRisk).toBe(39.8);
    expect(st.dependence[0]).toMatchObject({ partner: 'bb', baseWeight: 0.6, weight: 0.84, contribution: 35, events: [{ id: 'ban', inForce: true, uplift: 0.6 }] });
    expect(run([]).stages[0]!.modelledRisk).toBe(29.8);
  });

  it('fades after lifting: judged at the end of --year', () => {
    const r = run([event('lic', 'bb', ['cc'], ['making'], licence)], { year: 2022 });
    // u = 0.133881 (2022-12-31, above); w' = 0.6 + 0.4 × 0.133881 = 0.653552;
    // bb: 100 × 0.653552 × 0.5 × 1.25 / 1.5 = 27.2314 → 27.2314 + 1.4667 + 3.3333 = 32.03
    expect(r.referenceDate).toBe('2022-12-31');
    expect(r.stages[0]!.modelledRisk).toBe(32.03);
    expect(r.stages[0]!.dependence[0]!.weight).toBeCloseTo(0.6 + 0.4 * 0.4 * (1 - 729 / 365.25 / 3), 4);
  });

  it('reaches a region viewpoint through a member', () => {
    // bloc: own 20 (cc), bb 0.6 (no concern), aa 0.2 (no ally of the bloc): without events 31.27 (supply.test.ts)
    const r = run([event('ban', 'bb', ['dd'], ['making'], { kind: 'ban', imposed: '2020-01-01' })], { viewpoint: 'bloc' });
    // bb: 35 (as above); aa: 100 × 0.2 × 0.2 × 1.1 / 1.5 = 2.9333; rest 3.3333 → 41.27
    expect(r.stages[0]!.modelledRisk).toBe(41.27);
  });

  it('covers every node under the node it names', () => {
    const r = run([event('ban', 'bb', ['cc'], ['selling'], { kind: 'ban', imposed: '2020-01-01' })]);
    const [gears, teeth] = r.stages[1]!.inputs;
    expect(gears!.dependence[0]!.events.map((e) => e.id)).toEqual(['ban']);
    expect(teeth!.dependence[0]!.events.map((e) => e.id)).toEqual(['ban']);
    // not making
    expect(r.stages[0]!.dependence[0]!.events).toEqual([]);
    // teeth from cc: bb all of it, w 0.84: 100 × 0.84 × 1 × 1.5 / 1.5 = 84; binds the stage
    expect(teeth!.modelledRisk).toBe(84);
    expect(r.stages[1]!.binding.map((b) => b.path)).toEqual(['selling/teeth']);
  });

  it('applies to measured imports too', () => {
    const s = sector(stages);
    const r = evaluateChain(model([s], { events: [event('ban', 'bb', ['cc'], ['making'], { kind: 'ban', imposed: '2020-01-01' })], imports: [imports('cc', 'making', [['bb', 100]])] }), s, { viewpoint: 'cc' });
    // F 0.8, bb 100% of imports: s 0.8; 100 × 0.84 × 0.8 × 1.4 / 1.5 = 62.72
    expect(r.stages[0]!.modelledRisk).toBe(62.72);
  });

  it('judges events at the end of the newest data year when no --year is given', () => {
    const s = sector(stages);
    const m = model([s], { imports: [imports('cc', 'making', [['bb', 100]], { year: 2024 })] });
    expect(newestDataYear(m)).toBe(2024);
    expect(evaluateChain(m, s, { viewpoint: 'cc' }).referenceDate).toBe('2024-12-31');
  });

  it('is shown by explain with its date, kind and uplift', () => {
    const s = sector(stages);
    const e = explainNode(model([s], { events: [event('lic', 'bb', ['cc'], ['making'], licence)] }), s, 'making', { viewpoint: 'cc', year: 2022 });
    const step = e.steps.find((x) => x.label === 'export restriction lic')!;
    expect(step.value).toBe(0.1339);
    expect(step.formula).toContain('lifted, fading over 3 years at 2022-12-31');
    expect(e.steps.find((x) => x.label === 'risk points from Betaland')!.formula).toContain('w = 0.6 + (1 − 0.6) · 0.1339 (lic)');
  });
});
