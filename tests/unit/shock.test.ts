// Engine tests of `scsr shock` (docs/scenarios.md): every node of the chain evaluation under the
// cut, each stage as a tree (Leontief over its essential inputs), time to impact from the
// consumable/capital distinction; hand-computed numbers on small made-up models, and the
// model's invariants as property tests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sector, Snapshot, Stage } from '../../src/data/model.js';
import { shockCandidates, shockSector, worstCase } from '../../src/engine/shock.js';
import { imports, model as modelOf, reliance, sector, snap } from '../helpers/model.js';

const model = (s: Sector, trade: Parameters<typeof modelOf>[1] = {}) => modelOf([s], trade);

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

const gearsBinding = { stage: 'selling', name: 'Selling', node: 'selling/gears', nodeName: 'Gears', input: 'gears', use: 'consumable', timeToImpactMonths: 0, afterPct: 20 };

describe('shockSector: hand-computed', () => {
  it('cuts Betaland off: each node loses its share, the chain delivers its tightest node, named', () => {
    const r = shockSector(m, widgets, { targets: ['bb'] });
    const [mk, sl, pk] = r.stages;
    // Making: 100 − 1·50 = 50.
    expect(mk).toMatchObject({ shockedSharePct: 50, lostPct: 50, spareAddedPct: 0, afterPct: 50, afterLowPct: null, unknownShareTargets: [] });
    // Viewpoint aa (the assessor): own 20, foreign 80; Betaland is 50/80 = 62.5% of its imports;
    // after = 20·1 + 80·(1 − 0.625) = 20 + 30 = 50.
    expect(mk!.viewpoint).toEqual({ ownSharePct: 20, foreignSharePct: 80, foreignFrom: 'world-share', measured: false, foreignLostPct: 62.5, afterPct: 50, afterLowPct: null });
    expect(mk!.tree).toEqual({ afterPct: 50, binding: ['making'], viewpointAfterPct: 50, viewpointBinding: ['making'] });
    // Selling has no list of its own; gears 100 − 80 = 20, bolts 100 (no bb) → the tree: 20, at gears.
    expect(sl).toMatchObject({ afterPct: null, noData: 'no list of its own (see its inputs)' });
    expect(sl!.inputs.map((x) => [x.path, x.afterPct])).toEqual([['selling/gears', 20], ['selling/bolts', 100]]);
    expect(sl!.tree).toEqual({ afterPct: 20, binding: ['selling/gears'], viewpointAfterPct: 20, viewpointBinding: ['selling/gears'] });
    expect(pk).toMatchObject({ afterPct: null, viewpoint: null, noData: 'no data', tree: { afterPct: null } });
    // Chain: min(50, 20) = 20; packing has no data and is left out. Consumables without inventory: at once.
    expect(r.world).toEqual({ beforePct: 100, afterPct: 20, afterLowPct: null, lostPct: 80, binding: [gearsBinding], immediatePct: 20, timeline: [{ months: 0, afterPct: 20, binding: [gearsBinding] }] });
    expect(r.viewpointChain.afterPct).toBe(20);
    expect(r.noDataStages).toEqual(['packing']);
    expect(r.targets).toEqual([{ id: 'bb', name: 'Betaland', kind: 'country' }]);
  });

  it('takes a partial loss: 40% of Betaland', () => {
    const r = shockSector(m, widgets, { targets: ['bb'], loss: 0.4 });
    // Making: 100 − 0.4·50 = 80; gears: 100 − 0.4·80 = 68; chain min(80, 68, 100) = 68.
    expect(r.stages.map((s) => s.tree.afterPct)).toEqual([80, 68, null]);
    expect(r.world.afterPct).toBe(68);
    expect(r.lossPct).toBe(40);
  });

  it('adds spare capacity from unshocked suppliers, never more than was lost', () => {
    const r = shockSector(m, widgets, { targets: ['bb'], spare: 0.5 });
    // Making: lost 50; unshocked 20 + 20 + 10 = 50; added = min(50, 0.5·50) = 25 → 75.
    expect(r.stages[0]).toMatchObject({ lostPct: 50, spareAddedPct: 25, afterPct: 75 });
    // Viewpoint: unshocked output scales by 1 + 25/50 = 1.5; imports remain (0 + 20·1.5 + 10·1.5)/80 = 0.5625;
    // after = 0.2·1.5 + 0.8·0.5625 = 0.3 + 0.45 = 75.
    expect(r.stages[0]!.viewpoint!.afterPct).toBe(75);
    // Gears: lost 80; unshocked 20; added = min(80, 0.5·20) = 10 → 30. Chain 30.
    expect(r.stages[1]!.inputs[0]).toMatchObject({ spareAddedPct: 10, afterPct: 30 });
    expect(r.world.afterPct).toBe(30);
    // Spare 200% of 50 would be 100 > lost 50: capped at what was lost → back to 100.
    const one = sector([{ id: 'one', name: 'One', shares: [snap([['aa', 50], ['bb', 50]])] }]);
    expect(shockSector(model(one), one, { targets: ['aa'], spare: 2 }).stages[0]).toMatchObject({ lostPct: 50, spareAddedPct: 50, afterPct: 100 });
  });

  it('shocks only the stages asked for', () => {
    const r = shockSector(m, widgets, { targets: ['bb'], stages: ['making'] });
    // Making 50; selling untouched (100); chain 50, binding making.
    expect(r.stages.map((s) => [s.shocked, s.tree.afterPct])).toEqual([[true, 50], [false, 100], [false, null]]);
    expect(r.world.binding).toEqual([{ stage: 'making', name: 'Making', node: 'making', nodeName: 'Making', input: null, use: 'consumable', timeToImpactMonths: 0, afterPct: 50 }]);
    expect(r.shockedStages).toEqual(['making']);
  });

  it('loses the viewpoint\'s own capacity when the viewpoint itself is shocked', () => {
    const r = shockSector(m, widgets, { targets: ['aa'], stages: ['making'] });
    // World: 100 − 20 = 80. aa: own part 0.2·0 + foreign 0.8·1 = 80; no foreign supply lost.
    expect(r.stages[0]).toMatchObject({ afterPct: 80, viewpoint: { foreignLostPct: 0, afterPct: 80 } });
  });

  it('uses net import reliance for the viewpoint\'s foreign share when the data give it', () => {
    const r = shockSector(model(widgets, { reliance: [reliance('aa', 'making', 50)] }), widgets, { targets: ['bb'], stages: ['making'] });
    // F = 0.5 (not 1 − 0.2); imports remain (80 − 50)/80 = 0.375; after = 0.5·1 + 0.5·0.375 = 68.75 (world: 50).
    expect(r.stages[0]!.viewpoint).toEqual({ ownSharePct: 20, foreignSharePct: 50, foreignFrom: 'net-import-reliance', measured: false, foreignLostPct: 62.5, afterPct: 68.75, afterLowPct: null });
    expect(r.world.afterPct).toBe(50);
    expect(r.viewpointChain.afterPct).toBe(68.75);
  });

  it('reads the viewpoint\'s measured imports', () => {
    const mm = model(widgets, { imports: [imports('aa', 'making', [['cc', 70], ['bb', 30]])] });
    const r = shockSector(mm, widgets, { targets: ['bb'], stages: ['making'] });
    // aa imports 70% from cc and 30% from bb (not 62.5% pro rata): F 0.8;
    // after = 0.2·1 + 0.8·(0.7·1 + 0.3·0) = 0.2 + 0.56 = 76; 30% of the imports lost. World: 50.
    expect(r.stages[0]!.viewpoint).toEqual({ ownSharePct: 20, foreignSharePct: 80, foreignFrom: 'world-share', measured: true, foreignLostPct: 30, afterPct: 76, afterLowPct: null });
    expect(r.world.afterPct).toBe(50);
    // Cutting cc instead: 0.2 + 0.8·0.3 = 44.
    expect(shockSector(mm, widgets, { targets: ['cc'], stages: ['making'] }).stages[0]!.viewpoint!.afterPct).toBe(44);
  });

  it('leaves the viewpoint at 100% when nobody is cut, whatever the rounding of its import shares', () => {
    // A sourcing list from aa: own 6, cc 19, bb 56 (19 unattributed): F = 0.94; of the imports
    // bb 56/0.94 = 59.57%, cc 19/0.94 = 20.21%, the rest 20.21% → they add up to 100%.
    const one = sector([{ id: 'one', name: 'One' }]);
    const r = shockSector(model(one, { imports: [imports('aa', 'one', [['cc', 19], ['aa', 6], ['bb', 56]], { of: 'supply' })] }), one, { targets: [] });
    expect(r.stages[0]!.viewpoint).toMatchObject({ foreignSharePct: 94, foreignFrom: 'supply-list', measured: true, afterPct: 100 });
    // cutting bb: 0.06 + 0.94 · (1 − 0.5957) = 0.06 + 0.94 · 0.4043 = 0.06 + 0.3800 = 44
    expect(shockSector(model(one, { imports: [imports('aa', 'one', [['cc', 19], ['aa', 6], ['bb', 56]], { of: 'supply' })] }), one, { targets: ['bb'] }).stages[0]!.viewpoint!.afterPct).toBeCloseTo(44, 1);
  });

  it('takes another viewpoint (--country), the cut country apart (--cut)', () => {
    const r = shockSector(m, widgets, { targets: ['bb'], viewpoint: 'cc' });
    // cc at making: own 20, foreign 80 → the same 50 as the world under world shares.
    expect(r.viewpoint).toBe('cc');
    expect(r.stages[0]!.viewpoint).toMatchObject({ ownSharePct: 20, foreignLostPct: 62.5, afterPct: 50 });
    // gears from cc: own 20, imports all bb: 0.2 + 0.8·0 = 20
    expect(r.stages[1]!.inputs[0]!.viewpoint).toMatchObject({ ownSharePct: 20, afterPct: 20 });
  });

  it('never shocks the unattributed rest', () => {
    const r = shockSector(m, widgets, { targets: ['rest'] });
    expect(r.world).toMatchObject({ afterPct: 100, lostPct: 0, binding: [] });
  });
});

describe('shock over the tree', () => {
  it('lets an input with a tighter loss bind a stage that has its own aggregate list (the Taiwan case)', () => {
    // fab's own list (all nodes together): bb 30, cc 40, aa 30 → 70 after cutting bb;
    // its leading-edge input: bb 90, cc 10 → 10. The stage delivers 10, bound at the input.
    const s = sector([{ id: 'fab', name: 'Fab', shares: [snap([['bb', 30], ['cc', 40], ['aa', 30]])], inputs: [{ id: 'leading', name: 'Leading edge', shares: [snap([['bb', 90], ['cc', 10]])] }, { id: 'mature', name: 'Mature', shares: [snap([['bb', 20], ['cc', 80]])] }] }]);
    const r = shockSector(model(s), s, { targets: ['bb'] });
    expect(r.stages[0]).toMatchObject({ afterPct: 70, tree: { afterPct: 10, binding: ['fab/leading'] } });
    expect(r.world).toMatchObject({ afterPct: 10, lostPct: 90, binding: [{ stage: 'fab', node: 'fab/leading', nodeName: 'Leading edge', input: 'leading', afterPct: 10 }] });
  });

  it('never lets a non-essential input bind', () => {
    const s = sector([{ id: 'fab', name: 'Fab', shares: [snap([['aa', 60], ['bb', 40]])], inputs: [{ id: 'nice', name: 'Nice to have', essential: false, shares: [snap([['bb', 100]])] }] }]);
    const r = shockSector(model(s), s, { targets: ['bb'] });
    // nice loses everything (0) but is not essential: fab 60
    expect(r.stages[0]!.inputs[0]).toMatchObject({ afterPct: 0, essential: false });
    expect(r.world).toMatchObject({ afterPct: 60, binding: [{ node: 'fab' }] });
  });

  // equipment (capital): scanners all from cc; materials: gases 60% cc with 3 months of inventory;
  // fab (consumable, no inventory): aa and bb.
  const timed = sector([
    { id: 'equipment', name: 'Equipment', use: 'capital', inputs: [{ id: 'scanners', name: 'Scanners', shares: [snap([['cc', 100]])] }] },
    { id: 'materials', name: 'Materials', inputs: [{ id: 'gases', name: 'Gases', inventoryMonths: { value: 3, year: 2022, source: 't' }, shares: [snap([['cc', 60], ['aa', 40]])] }] },
    { id: 'fab', name: 'Fab', shares: [snap([['aa', 50], ['bb', 50]])] },
  ]);

  it('keeps capital goods running at first and lets consumables bind after their inventory months', () => {
    const r = shockSector(model(timed), timed, { targets: ['cc'] });
    // scanners: 0 left, but capital (the installed base runs on): no time to impact, binds only in the long run.
    expect(r.stages[0]!.inputs[0]).toMatchObject({ use: 'capital', timeToImpactMonths: null, afterPct: 0 });
    // gases: 100 − 60 = 40, after 3 months of inventory; fab (no cc): 100.
    expect(r.stages[1]!.inputs[0]).toMatchObject({ use: 'consumable', timeToImpactMonths: 3, afterPct: 40 });
    // Timeline: month 0 only fab counts (100); month 3 the gases (40). Long run: the scanners (0).
    expect(r.world.timeline).toEqual([
      { months: 0, afterPct: 100, binding: [] },
      { months: 3, afterPct: 40, binding: [{ stage: 'materials', name: 'Materials', node: 'materials/gases', nodeName: 'Gases', input: 'gases', use: 'consumable', timeToImpactMonths: 3, afterPct: 40 }] },
    ]);
    expect(r.world).toMatchObject({ immediatePct: 100, afterPct: 0, lostPct: 100 });
    expect(r.world.binding).toEqual([{ stage: 'equipment', name: 'Equipment', node: 'equipment/scanners', nodeName: 'Scanners', input: 'scanners', use: 'capital', timeToImpactMonths: null, afterPct: 0 }]);
  });

  it('adds no timeline point for a non-essential input\'s inventory', () => {
    const s = sector([{ id: 'fab', name: 'Fab', shares: [snap([['aa', 60], ['bb', 40]])], inputs: [{ id: 'nice', name: 'Nice to have', essential: false, inventoryMonths: { value: 3, year: 2022, source: 't' }, shares: [snap([['bb', 100]])] }] }]);
    const r = shockSector(model(s), s, { targets: ['bb'] });
    // nice runs out after 3 months but never binds: one point, fab 60 from month 0
    expect(r.world.timeline).toEqual([{ months: 0, afterPct: 60, binding: [expect.objectContaining({ node: 'fab' })] }]);
  });

  it('binds at once when a consumable without inventory is cut', () => {
    const r = shockSector(model(timed), timed, { targets: ['bb'] });
    // fab 50 at month 0 (and in the long run)
    expect(r.world).toMatchObject({ immediatePct: 50, afterPct: 50, timeline: [{ months: 0, afterPct: 50 }] });
  });

  it('reports ties as ties, inside a stage and across stages', () => {
    const s = sector([
      { id: 'one', name: 'One', inputs: [{ id: 'x', name: 'X', shares: [snap([['bb', 50], ['cc', 50]])] }, { id: 'y', name: 'Y', shares: [snap([['bb', 50], ['aa', 50]])] }] },
      { id: 'two', name: 'Two', shares: [snap([['bb', 50], ['dd', 50]])] },
    ]);
    const r = shockSector(model(s), s, { targets: ['bb'] });
    // x, y and two all deliver 50
    expect(r.stages[0]!.tree.binding).toEqual(['one/x', 'one/y']);
    expect(r.world.binding.map((b) => b.node)).toEqual(['one/x', 'one/y', 'two']);
  });

  it('gives a lower bound where a target is named without a share', () => {
    const s = sector([{ id: 'one', name: 'One', shares: [snap([['aa', 60], ['bb', 'unknown']])] }]);
    const r = shockSector(model(s), s, { targets: ['bb'], viewpoint: 'cc' });
    // bb's share is unknown: nothing known is lost (100); at worst bb holds the whole
    // unattributed 40: 100 − 1·40 = 60. cc is not listed: F = 1, the rest is 40/100 of its imports → 60 too.
    expect(r.stages[0]).toMatchObject({ unknownShareTargets: ['bb'], afterPct: 100, afterLowPct: 60, viewpoint: { afterPct: 100, afterLowPct: 60 } });
    expect(r.world).toMatchObject({ afterPct: 100, afterLowPct: 60 });
    expect(r.viewpointChain).toMatchObject({ afterPct: 100, afterLowPct: 60 });
    // half of bb's capacity: 100 − 0.5·40 = 80
    expect(shockSector(model(s), s, { targets: ['bb'], loss: 0.5 }).world.afterLowPct).toBe(80);
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
    expect(r.singlePointOfFailure?.worldBinding).toEqual([gearsBinding]);
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

  it('counts a partner named only in the viewpoint\'s import list, and one named without a share', () => {
    const s = sector([{ id: 'one', name: 'One', shares: [snap([['bb', 50], ['cc', 'unknown']])] }]);
    const ids = shockCandidates(model(s, { imports: [imports('aa', 'one', [['dd', 100]])] }), s).map((t) => t.id);
    expect(ids).toEqual(['bb', 'cc', 'dd']);
  });

  it('ranks the viewpoint\'s losses by its measured imports', () => {
    const mm = model(widgets, { imports: [imports('aa', 'making', [['cc', 100]])] });
    const r = worstCase(mm, widgets, { stages: ['making'] });
    // world: bb 50 lost, aa 20, cc 20. aa's imports all from cc: cut cc → 0.2 + 0.8·0 = 20 (lost 80);
    // cut aa → 0 + 0.8 = 80 (lost 20); cut bb → 100 (lost 0). The world tie aa/cc goes to the
    // larger loss of the viewpoint (cc).
    expect(r.byWorld.map((e) => [e.target.id, e.worldLostPct])).toEqual([['bb', 50], ['cc', 20], ['aa', 20]]);
    expect(r.byViewpoint.map((e) => [e.target.id, e.viewpointLostPct])).toEqual([['cc', 80], ['aa', 20], ['bb', 0]]);
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
const useArb = fc.constantFrom(undefined, 'consumable' as const, 'capital' as const);
const inventoryArb = fc.option(fc.integer({ min: 0, max: 6 }).map((value) => ({ value, year: 2022, source: 't' })), { nil: undefined });
const stageArb = fc.oneof(
  fc.record({ shares: shareList, use: useArb }).map(({ shares, use }) => ({ shares: [shares], ...(use ? { use } : {}) })),
  fc
    .array(fc.record({ shares: shareList, use: useArb, inventory: inventoryArb, essential: fc.boolean() }), { minLength: 1, maxLength: 3 })
    .map((list) => ({ inputs: list.map((x, i) => ({ id: `in-${i}`, name: `Input ${i}`, shares: [x.shares], essential: x.essential, ...(x.use ? { use: x.use } : {}), ...(x.inventory ? { inventoryMonths: x.inventory } : {}) })) })),
);
const chainArb = fc
  .array(stageArb, { minLength: 1, maxLength: 4 })
  .map((parts) => sector(parts.map((p, i) => ({ id: `s-${i}`, name: `Stage ${i}`, ...p }))));
const targetArb = fc.subarray(['aa', 'bb', 'cc'], { minLength: 1 });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

describe('shock properties', () => {
  it('a larger loss never raises throughput', () => {
    fc.assert(
      fc.property(chainArb, targetArb, fraction, fraction, fc.constantFrom('aa', 'bb', 'dd', 'bloc'), (s, targets, x, y, viewpoint) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = shockSector(model(s), s, { targets, loss: lo, viewpoint });
        const b = shockSector(model(s), s, { targets, loss: hi, viewpoint });
        if (a.world.afterPct === null) return;
        expect(b.world.afterPct!).toBeLessThanOrEqual(a.world.afterPct);
        expect(b.viewpointChain.afterPct!).toBeLessThanOrEqual(a.viewpointChain.afterPct!);
        expect(b.world.immediatePct!).toBeLessThanOrEqual(a.world.immediatePct!);
      }),
    );
  });

  it('a shock on a country with zero share changes nothing', () => {
    fc.assert(
      fc.property(chainArb, fraction, fraction, (s, loss, spare) => {
        const r = shockSector(model(s), s, { targets: ['dd'], loss, spare });
        const nodes = r.stages.flatMap((st) => [st, ...st.inputs]);
        // (a list that attributes nothing has a world figure, but no viewpoint figure: no country data)
        for (const n of nodes) {
          if (n.afterPct !== null) expect(n.afterPct).toBe(100);
          if (n.viewpoint !== null) expect(n.viewpoint.afterPct).toBe(100);
        }
        // (a chain whose only nodes are non-essential has no figure at all)
        if (r.world.afterPct !== null) expect(r.world).toMatchObject({ beforePct: 100, afterPct: 100, lostPct: 0, binding: [], immediatePct: 100 });
      }),
    );
  });

  it('spare capacity never lowers throughput', () => {
    fc.assert(
      fc.property(chainArb, targetArb, fraction, fraction, fraction, (s, targets, loss, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = shockSector(model(s), s, { targets, loss, spare: lo });
        const b = shockSector(model(s), s, { targets, loss, spare: hi });
        if (a.world.afterPct === null) return;
        expect(b.world.afterPct!).toBeGreaterThanOrEqual(a.world.afterPct);
        expect(b.viewpointChain.afterPct!).toBeGreaterThanOrEqual(a.viewpointChain.afterPct!);
        expect(b.world.afterPct!).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('throughput never rises as time passes after the cut, and the long run is the lowest', () => {
    fc.assert(
      fc.property(chainArb, targetArb, fraction, (s, targets, loss) => {
        const r = shockSector(model(s), s, { targets, loss });
        for (const t of [r.world, r.viewpointChain]) {
          if (t.afterPct === null) continue;
          const points = t.timeline.map((p) => p.afterPct);
          expect(t.timeline[0]!.months).toBe(0);
          expect(points[0]).toBe(t.immediatePct);
          for (let i = 1; i < points.length; i++) expect(points[i]!).toBeLessThanOrEqual(points[i - 1]!);
          expect(t.afterPct).toBeLessThanOrEqual(Math.min(...points));
        }
      }),
    );
  });

  it('the long-run binding node delivers the long-run throughput, and every node of every stage tree delivers at least it', () => {
    fc.assert(
      fc.property(chainArb, targetArb, fraction, (s, targets, loss) => {
        const r = shockSector(model(s), s, { targets, loss });
        if (r.world.afterPct === null) return;
        for (const b of r.world.binding) expect(b.afterPct).toBe(r.world.afterPct);
        for (const st of r.stages) if (st.tree.afterPct !== null) expect(st.tree.afterPct).toBeGreaterThanOrEqual(r.world.afterPct);
      }),
    );
  });
});
