// Exposure of the viewpoint to each partner across the chain (docs/methodology.md#exposure):
// every partner that supplies any node appears, with the node where it holds the largest share
// of the viewpoint's supply (imported share × its share of the imports, measured or estimated).
// Share of supply, not of imports: a partner with 85% of the 17% a country imports is not 85%
// of its exposure.
import { compareIds, round } from './concentration.js';
import type { Exposure, ExposureStage, StageScore } from './results.js';

export function exposures(stages: readonly StageScore[]): Exposure[] {
  const byPartner = new Map<string, { name: string; stages: Map<string, ExposureStage> }>();
  const stagesWithData = stages.filter((s) => [s, ...s.inputs].some((n) => n.supply !== null));
  for (const s of stages) {
    for (const n of [s, ...s.inputs]) {
      for (const d of n.dependence) {
        let e = byPartner.get(d.partner);
        if (!e) byPartner.set(d.partner, (e = { name: d.name, stages: new Map() }));
        let at = e.stages.get(s.id);
        if (!at) e.stages.set(s.id, (at = { stage: s.id, node: null, nodeName: null, ofSupplyPct: null, ofImportsPct: null, measured: false, nodes: 0, unknownShareNodes: [] }));
        at.nodes++;
        if (d.ofSupplyPct === null) at.unknownShareNodes.push(n.path);
        // The largest share; ties: the node met first (the stage, then its inputs in tree order).
        else if (at.ofSupplyPct === null || d.ofSupplyPct > at.ofSupplyPct) {
          at.ofSupplyPct = d.ofSupplyPct;
          at.ofImportsPct = d.ofImportsPct;
          at.node = n.path;
          at.nodeName = n.name;
          at.measured = d.measured;
        }
      }
    }
  }
  const out: Exposure[] = [];
  for (const [partner, e] of byPartner) {
    const byStage = stages.map((s) => e.stages.get(s.id)).filter((x): x is ExposureStage => x !== undefined);
    let max: ExposureStage | undefined;
    for (const b of byStage) if (b.ofSupplyPct !== null && (!max || b.ofSupplyPct > max.ofSupplyPct!)) max = b;
    const sum = byStage.reduce((a, b) => a + (b.ofSupplyPct ?? 0), 0);
    out.push({
      partner,
      name: e.name,
      byStage,
      maxPct: max?.ofSupplyPct ?? null,
      maxOfImportsPct: max?.ofImportsPct ?? null,
      maxStage: max?.stage ?? byStage[0]?.stage ?? null,
      maxNode: max?.node ?? null,
      measured: max?.measured ?? false,
      meanPct: stagesWithData.length ? round(sum / stagesWithData.length, 2) : 0,
      nodes: byStage.reduce((a, b) => a + b.nodes, 0),
    });
  }
  return out.sort((a, b) => (b.maxPct ?? -1) - (a.maxPct ?? -1) || b.meanPct - a.meanPct || compareIds(a.partner, b.partner));
}
