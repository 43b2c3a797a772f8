// Facts an analyst checks first, through the built CLI on the built-in data: each answer must
// agree with what is known (Taiwan's leading edge, the Netherlands' EUV scanners, Korea's
// graphite from China, Japan's 2019 restrictions, Korea's memory) and every command must give
// the same number for the same fact.
import { describe, expect, it } from 'vitest';
import { scsrJson } from '../helpers/cli.js';

type Any = any; // JSON documents, checked field by field below

const nodes = (stage: Any): Any[] => [stage, ...stage.inputs];
const allNodes = (score: Any): Any[] => score.stages.flatMap(nodes);

describe('analyst checks: semiconductors', () => {
  it('cutting Taiwan off binds at leading-edge logic, far below the 72% the stage lists alone would give', () => {
    const r = scsrJson(['shock', 'semiconductors', '--cut', 'tw']);
    const binding = r.world.binding.map((b: Any) => b.node);
    expect(binding.some((n: string) => /leading-edge|most-advanced|7nm|euv-generation/.test(n))).toBe(true);
    expect(r.world.afterPct).toBeLessThanOrEqual(31);
    expect(r.world.binding[0].use).toBe('consumable');
  });

  it('cutting Korea off loses most of memory: the chain binds at a memory node', () => {
    const r = scsrJson(['shock', 'semiconductors', '--cut', 'kr']);
    expect(r.world.binding.map((b: Any) => b.node).join(' ')).toMatch(/memory|dram|nand|hbm/);
    expect(r.world.afterPct).toBeLessThanOrEqual(40);
  });

  it('the US is exposed to the Netherlands through EUV scanners at 100%, and the worst cut-off is in the exposure ranking', () => {
    const e = scsrJson(['exposure', 'us', '--to', 'nl', '--sector', 'semiconductors']).sectors[0];
    expect(e.exposures[0]).toMatchObject({ partner: 'nl', maxPct: 100, maxNode: 'equipment/euv-scanners' });
    expect(e.detail.find((d: Any) => d.node === 'equipment/euv-scanners')).toMatchObject({ ofImportsPct: 100 });
    const worst = scsrJson(['shock', 'semiconductors', '--worst']);
    const all = scsrJson(['exposure', 'us', '--sector', 'semiconductors']).sectors[0].exposures.map((x: Any) => x.partner);
    expect(all).toContain(worst.singlePointOfFailure.target.id);
  });

  it('EUV scanners are capital goods: a Dutch cut-off stops no output at once, only in the long run', () => {
    const r = scsrJson(['shock', 'semiconductors', '--cut', 'nl']);
    const euv = r.stages.flatMap(nodes).find((n: Any) => n.path === 'equipment/euv-scanners');
    expect(euv).toMatchObject({ use: 'capital', timeToImpactMonths: null, afterPct: 0 });
    expect(r.world.immediatePct).toBeGreaterThan(r.world.afterPct);
  });

  it('compare rows name the node on both sides: the same stage tree, every node compared to itself', () => {
    const c = scsrJson(['compare', 'us', 'kr', '--sector', 'semiconductors']).comparisons[0];
    const us = scsrJson(['score', 'semiconductors', '--country', 'us']).scores[0];
    const kr = scsrJson(['score', 'semiconductors', '--country', 'kr']).scores[0];
    expect(c.nodes.map((n: Any) => n.node)).toEqual(allNodes(us).map((n: Any) => n.path));
    c.stages.forEach((row: Any, i: number) => {
      expect(row.a.risk).toBe(us.stages[i].risk.value);
      expect(row.b.risk).toBe(kr.stages[i].risk.value);
      expect(row.a.binding).toEqual(us.stages[i].binding);
    });
  });
});

describe('analyst checks: Korea', () => {
  it('graphite and anode material come from China, measured from Korea\'s imports, over the 3050 line', () => {
    const d = scsrJson(['dependence', 'kr', '--measured', '--sector', 'batteries']);
    const graphite = d.rows.filter((r: Any) => /graphite|anode/.test(r.node) && r.partner === 'cn');
    expect(graphite.length).toBeGreaterThan(0);
    for (const r of graphite) {
      expect(r.measured).toBe(true);
      expect(r.sharePct).toBeGreaterThan(90);
      expect(r.source).not.toBe('');
    }
  });

  it('cathode precursors and lithium chemicals come from China, measured from Korea\'s imports, and the exposure to China names the precursors', () => {
    const d = scsrJson(['dependence', 'kr', '--measured', '--sector', 'batteries']);
    const row = (node: string): Any => d.rows.find((r: Any) => r.node === node && r.partner === 'cn');
    // MOTIE via Asia Economy: 96.5% of Korea's pCAM imports from China in 2023 (the latest full year).
    expect(row('cells/precursors')).toMatchObject({ measured: true, sharePct: 96.5, year: 2023, source: 'motie-2025-asiae' });
    expect(row('refining/lithium')).toMatchObject({ measured: true });
    expect(row('refining/lithium').sharePct).toBeGreaterThan(50);
    const x = scsrJson(['exposure', 'kr', '--to', 'cn', '--sector', 'batteries']);
    const precursors = x.sectors[0].detail.find((n: Any) => n.node === 'cells/precursors');
    expect(precursors).toMatchObject({ ofImportsPct: 96.5, measured: true, source: 'motie-2025-asiae' });
  });

  it('Japan\'s 2019 licence requirement on photoresists and hydrogen fluoride weighs on Korea in 2020 and shows in explain', () => {
    const e = scsrJson(['explain', 'semiconductors', 'materials/photoresists', '--country', 'kr', '--year', '2020']);
    const jp = e.suppliers.find((s: Any) => s.id === 'jp');
    const event = jp.events.find((x: Any) => x.imposedBy === 'jp');
    expect(event).toMatchObject({ kind: 'licence', inForce: true });
    expect(jp.weight).toBeGreaterThan(jp.baseWeight);
    expect(e.steps.some((s: Any) => s.label.startsWith('export restriction'))).toBe(true);
  });

  it('Korea\'s battery chain is weakest where China supplies its imports, and every command agrees on the figure', () => {
    const score = scsrJson(['score', 'batteries', '--country', 'kr']).scores[0];
    const weakest = score.stages.find((s: Any) => s.id === score.weakestLink.stage);
    const binding = nodes(weakest).find((n: Any) => n.path === weakest.binding[0].path);
    const cn = binding.dependence.find((d: Any) => d.partner === 'cn');
    expect(cn.ofImportsPct).toBeGreaterThan(50);
    const explain = scsrJson(['explain', 'batteries', binding.path, '--country', 'kr']);
    expect(explain.score.modelledRisk).toBe(binding.modelledRisk);
    expect(explain.suppliers.find((s: Any) => s.id === 'cn').ofImportsPct).toBe(cn.ofImportsPct);
    const exposure = scsrJson(['exposure', 'kr', '--to', 'cn', '--sector', 'batteries']).sectors[0];
    expect(exposure.detail.find((d: Any) => d.node === binding.path).ofImportsPct).toBe(cn.ofImportsPct);
    const max = Math.max(...allNodes(score).map((n: Any) => n.dependence.find((d: Any) => d.partner === 'cn')?.ofSupplyPct ?? 0));
    expect(exposure.exposures[0].maxPct).toBe(max);
  });
});

describe('analyst checks: the ownership lens', () => {
  it('Korean firms build abroad: by location the US hardly relies on Korea for cells, by ownership for a fifth of them', () => {
    const c = scsrJson(['compare', 'us', 'kr', '--sector', 'batteries', '--bases', 'location,ownership']).comparisons[0];
    const at = (basis: string) => c.bases.find((x: Any) => x.basis === basis).stages.find((s: Any) => s.stage === 'cells');
    expect(at('location').aReliesOnBPct).toBeLessThan(5);
    expect(at('ownership').bSharePct).toBeGreaterThan(at('location').bSharePct * 5);
    expect(at('ownership').aReliesOnBPct).toBeGreaterThan(15);
  });
});

describe('analyst checks: the US and the EU', () => {
  it('US refined cobalt reads net import reliance from USGS, not 1 − own share', () => {
    const e = scsrJson(['explain', 'batteries', 'refining/cobalt']);
    expect(e.score.supply.foreignFrom).toBe('net-import-reliance');
    expect(e.score.supply.reliance.source).toMatch(/usgs/);
  });

  it('the EU viewpoint reproduces the Commission\'s 2023 supply risk of the battery materials', () => {
    const s = scsrJson(['score', 'batteries', '--method', 'eu-crm', '--country', 'eu']).scores[0];
    const published: Record<string, number> = { cobalt: 2.8, lithium: 1.9, 'natural-graphite': 1.8, manganese: 1.2, nickel: 0.5 };
    for (const [material, sr] of Object.entries(published)) {
      const m = s.materials.find((x: Any) => x.material === material);
      expect(m.basis).toBe('commission');
      expect(Math.abs(m.sr - sr)).toBeLessThanOrEqual(0.1);
      expect(m.assessment.published.sr).toBe(sr);
    }
  });
});
