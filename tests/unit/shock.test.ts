// Engine tests of `scsr shock` (docs/scenarios.md): hand-computed numbers on small made-up
// models, and the model's invariants as property tests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyTrade, type CountriesData, type Model, type Sector, type Snapshot, type Stage } from '../../src/data/model.js';
import { countries as sharedCountries } from '../helpers/model.js';
import { applyShock, OUT, shockCandidates, shockSector, worstCase } from '../../src/engine/shock.js';

// The shared made-up countries (tests/helpers/model.ts); a shock does not depend on weights.
const countries: CountriesData = sharedCountries();

function snap(values: Array<[string, number]>, extra: Partial<Snapshot> = {}): Snapshot {
  return {
    year: 2022,
    metric: 'capacity',
    basis: 'location',
    source: 't',
    values: values.map(([id, share]) => (['bloc', 'rest'].includes(id) ? { region: id, share } : { country: id, share })),
    ...extra,
  };
}

function sector(stages: Stage[]): Sector {
  return { id: 'widgets', name: 'Widgets', assessor: 'aa', sources: [{ id: 't', publisher: 'tests', title: 'made up', year: 2024 }], stages };
}

const model = (s: Sector): Model => ({ countries, trade: emptyTrade(), criticality: [], sectors: [s], origins: { [s.id]: 'test' } });

// making: its own list; selling: two inputs (both needed); packing: no data.
const making = (extra: Partial<Stage> = {}): Stage => ({ id: 'making', name: 'Making', shares: [snap([['aa', 20], ['bb', 50], ['cc', 20], ['rest', 10]])], ...extra });
const selling: Stage = {
  id: 'selling',
  name: 'Selling',
  inputs: [
    { id: 'gears', name: 'Gears', shares: [snap([['bb', 80], ['cc', 20]])] },
    { id: 'bolts', name: 'Bolts', shares: [snap([['aa', 40], ['cc', 60]])] },
  ],
};
const packing: Stage = { id: 'packing', name: 'Packing' };
const widgets = sector([making(), selling, packing]);
const m = model(widgets);

describe('shockSector: hand-computed', () => {
  it('cuts Betaland off: each stage loses its share, the chain delivers its tightest stage', () => {
    const r = shockSector(m, widgets, { targets: ['bb'] });
    const [mk, sl, pk] = r.stages;
    // Making: 100 − 1·50 = 50.
    expect(mk).toMatchObject({ basedOn: 'stage', shockedSharePct: 50, lostPct: 50, spareAddedPct: 0, beforePct: 100, afterPct: 50 });
    // Viewpoint aa (the assessor): own 20, foreign 80; Betaland is 50/80 = 62.5% of it;
    // after = 20·1 + 80·(1 − 0.625) = 20 + 30 = 50.
    expect(mk!.viewpoint).toEqual({ ownSharePct: 20, foreignSharePct: 80, foreignBasis: 'world-shares', foreignLostPct: 62.5, afterPct: 50 });
    // Selling: gears 100 − 80 = 20, bolts 100 (no bb) → min = 20, from gears.
    expect(sl!.inputs.map((x) => x.afterPct)).toEqual([20, 100]);
    expect(sl).toMatchObject({ basedOn: 'input:gears', afterPct: 20, viewpointBasedOn: 'input:gears' });
    expect(pk).toMatchObject({ basedOn: null, afterPct: null, viewpoint: null });
    // Chain: min(50, 20) = 20; packing has no data and is left out.
    expect(r.world).toEqual({ beforePct: 100, afterPct: 20, lostPct: 80, binding: { stage: 'selling', name: 'Selling', input: 'gears', afterPct: 20 } });
    expect(r.viewpointChain.afterPct).toBe(20);
    expect(r.noDataStages).toEqual(['packing']);
    expect(r.targets).toEqual([{ id: 'bb', name: 'Betaland', kind: 'country' }]);
  });

  it('takes a partial loss: 40% of Betaland', () => {
    const r = shockSector(m, widgets, { targets: ['bb'], loss: 0.4 });
    // Making: 100 − 0.4·50 = 80; gears: 100 − 0.4·80 = 68; chain min(80, 68, 100) = 68.
    expect(r.stages.map((s) => s.afterPct)).toEqual([80, 68, null]);
    expect(r.world.afterPct).toBe(68);
    expect(r.lossPct).toBe(40);
  });

  it('adds spare capacity from unshocked suppliers, never more than was lost', () => {
    const r = shockSector(m, widgets, { targets: ['bb'], spare: 0.5 });
    // Making: lost 50; unshocked 20 + 20 + 10 = 50; added = min(50, 0.5·50) = 25 → 75.
    expect(r.stages[0]).toMatchObject({ lostPct: 50, spareAddedPct: 25, afterPct: 75 });
    // Viewpoint: unshocked output scales by 1 + 25/50 = 1.5; foreign remain = (80 − 50 + 0.5·30)/80 = 0.5625;
    // after = 0.2·1.5 + 0.8·0.5625 = 0.3 + 0.45 = 75.
    expect(r.stages[0]!.viewpoint!.afterPct).toBe(75);
    // Gears: lost 80; unshocked 20; added = min(80, 0.5·20) = 10 → 30. Chain 30.
    expect(r.stages[1]!.inputs[0]).toMatchObject({ spareAddedPct: 10, afterPct: 30 });
    expect(r.world.afterPct).toBe(30);
    // Spare 200% of 50 would be 100 > lost 50: capped at what was lost → back to 100.
    expect(applyShock(Float64Array.of(50, 50), Float64Array.of(1, 0), Uint8Array.of(1, 0), -1, 2, Number.NaN, new Float64Array(8))[OUT.after]).toBe(100);
  });

  it('shocks only the stages asked for', () => {
    const r = shockSector(m, widgets, { targets: ['bb'], stages: ['making'] });
    // Making 50; selling untouched (100); chain 50, binding making.
    expect(r.stages.map((s) => [s.shocked, s.afterPct])).toEqual([[true, 50], [false, 100], [false, null]]);
    expect(r.world.binding).toEqual({ stage: 'making', name: 'Making', input: null, afterPct: 50 });
    expect(r.shockedStages).toEqual(['making']);
  });

  it('loses the viewpoint\'s own capacity when the viewpoint itself is shocked', () => {
    const r = shockSector(m, widgets, { targets: ['aa'], stages: ['making'] });
    // World: 100 − 20 = 80. aa: own part 0.2·0 + foreign 0.8·1 = 80; no foreign supply lost.
    expect(r.stages[0]).toMatchObject({ afterPct: 80, viewpoint: { foreignLostPct: 0, afterPct: 80 } });
  });

  it('uses the viewpoint\'s demand share when the data give one', () => {
    const s = sector([making({ demand: [snap([['aa', 40]], { metric: 'demand', basis: 'demand' })] })]);
    const r = shockSector(model(s), s, { targets: ['bb'] });
    // aa makes 20 of world supply and needs 40 of world demand: foreign share 1 − 20/40 = 0.5.
    // Foreign remain (80 − 50)/80 = 0.375; after = 0.5·1 + 0.5·0.375 = 68.75 (world: 50).
    expect(r.stages[0]!.viewpoint).toEqual({ ownSharePct: 20, foreignSharePct: 50, foreignBasis: 'demand', foreignLostPct: 62.5, afterPct: 68.75 });
    expect(r.world.afterPct).toBe(50);
    expect(r.viewpointChain.afterPct).toBe(68.75);
  });

  it('takes another viewpoint', () => {
    const r = shockSector(m, widgets, { targets: ['bb'], viewpoint: 'cc' });
    // cc at making: own 20, foreign 80 → same 50 as the world under world shares; at bolts cc has 60.
    expect(r.viewpoint).toBe('cc');
    expect(r.stages[0]!.viewpoint).toMatchObject({ ownSharePct: 20, foreignLostPct: 62.5, afterPct: 50 });
  });

  it('never shocks the unattributed rest', () => {
    const r = shockSector(m, widgets, { targets: ['rest'] });
    expect(r.world.afterPct).toBe(100);
    expect(r.world.binding).toBeNull();
  });
});

describe('worstCase', () => {
  it('cuts off each country in turn and ranks them', () => {
    const r = worstCase(m, widgets, { top: 2 });
    // aa: making 80, bolts 60 → 60.  bb: gears 20 → 20.  cc: making 80, gears 80, bolts 40 → 40.
    // Lost: bb 80, cc 60, aa 40.
    expect(r.candidates).toBe(3);
    expect(r.byWorld.map((e) => [e.rank, e.target.id, e.worldAfterPct, e.worldLostPct])).toEqual([[1, 'bb', 20, 80], [2, 'cc', 40, 60]]);
    // Viewpoint aa: aa cut → making 0.2·0 + 0.8 = 80, bolts 0.4·0 + 0.6 = 60 → lost 40;
    // bb → 20 (gears) → lost 80; cc → bolts 0.4 + 0.6·0 = 40 → lost 60.
    expect(r.byViewpoint.map((e) => [e.target.id, e.viewpointLostPct])).toEqual([['bb', 80], ['cc', 60]]);
    expect(r.singlePointOfFailure?.target.id).toBe('bb');
    expect(r.singlePointOfFailure?.worldBinding).toEqual({ stage: 'selling', name: 'Selling', input: 'gears', afterPct: 20 });
  });

  it('counts regions among the candidates and never the rest', () => {
    const s = sector([{ id: 'one', name: 'One', shares: [snap([['bb', 50], ['bloc', 30], ['rest', 20]])] }]);
    expect(shockCandidates(model(s), s)).toEqual([
      { id: 'bb', name: 'Betaland', kind: 'country' },
      { id: 'bloc', name: 'Bloc', kind: 'region' },
    ]);
    const r = worstCase(model(s), s, {});
    expect(r.byWorld.map((e) => [e.target.id, e.worldAfterPct])).toEqual([['bb', 50], ['bloc', 70]]);
  });

  it('finds no single point of failure when nothing is lost', () => {
    const r = worstCase(m, widgets, { loss: 0 });
    expect(r.singlePointOfFailure).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random chains.

const shareList = fc
  .tuple(fc.nat(40), fc.nat(40), fc.nat(20))
  .map(([a, b, c]): Snapshot => snap([['aa', a], ['bb', b], ['cc', c]]));
const stageArb = fc.oneof(
  shareList.map((s) => ({ shares: [s] })),
  fc.array(shareList, { minLength: 1, maxLength: 3 }).map((list) => ({ inputs: list.map((s, i) => ({ id: `in-${i}`, name: `Input ${i}`, shares: [s] })) })),
);
const chainArb = fc
  .array(stageArb, { minLength: 1, maxLength: 4 })
  .map((parts) => sector(parts.map((p, i) => ({ id: `s-${i}`, name: `Stage ${i}`, ...p }))));
const targetArb = fc.subarray(['aa', 'bb', 'cc'], { minLength: 1 });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

describe('shock properties', () => {
  it('a larger loss never raises throughput', () => {
    fc.assert(
      fc.property(chainArb, targetArb, fraction, fraction, fc.constantFrom('aa', 'bb', 'dd'), (s, targets, x, y, viewpoint) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = shockSector(model(s), s, { targets, loss: lo, viewpoint });
        const b = shockSector(model(s), s, { targets, loss: hi, viewpoint });
        expect(b.world.afterPct!).toBeLessThanOrEqual(a.world.afterPct!);
        expect(b.viewpointChain.afterPct!).toBeLessThanOrEqual(a.viewpointChain.afterPct!);
      }),
    );
  });

  it('a shock on a country with zero share changes nothing', () => {
    fc.assert(
      fc.property(chainArb, fraction, fraction, (s, loss, spare) => {
        const r = shockSector(model(s), s, { targets: ['dd'], loss, spare });
        expect(r.stages.every((st) => st.afterPct === 100 && st.viewpoint?.afterPct === 100)).toBe(true);
        expect(r.world).toEqual({ beforePct: 100, afterPct: 100, lostPct: 0, binding: null });
      }),
    );
  });

  it('spare capacity never lowers throughput', () => {
    fc.assert(
      fc.property(chainArb, targetArb, fraction, fraction, fraction, (s, targets, loss, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = shockSector(model(s), s, { targets, loss, spare: lo });
        const b = shockSector(model(s), s, { targets, loss, spare: hi });
        expect(b.world.afterPct!).toBeGreaterThanOrEqual(a.world.afterPct!);
        expect(b.viewpointChain.afterPct!).toBeGreaterThanOrEqual(a.viewpointChain.afterPct!);
        expect(b.world.afterPct!).toBeLessThanOrEqual(100);
      }),
    );
  });
});
