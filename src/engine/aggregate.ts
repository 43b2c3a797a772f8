// The two lenses that aggregate a stage's nodes (docs/methodology.md#aggregation):
// - weakest link: a node is as risky as the riskiest of its own list and its essential
//   children (an essential input that fails stops the stage);
// - value-weighted: children weighted by their value (market size), the node's own list
//   standing for the part of its value the children do not cover.
// Both are invariant under splitting a node into children with the same list and the same
// total value (tests/unit/aggregate.test.ts).
import { TIE_EPSILON } from './params.js';
import type { NodeScore } from './results.js';
import type { ChainNode } from './tree.js';

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/** Fill `lenses` of every node under (and including) root, children first. */
export function aggregateLenses(root: ChainNode, scores: ReadonlyMap<ChainNode, NodeScore>, nodeRisk: (n: NodeScore) => number | null): void {
  const visit = (n: ChainNode): void => {
    for (const c of n.children) visit(c);
    const s = scores.get(n)!;
    const own = nodeRisk(s);
    s.lenses = { weakestLink: weakestLink(n, own, scores), valueWeighted: valueWeighted(n, own, scores) };
  };
  visit(root);
}

function weakestLink(n: ChainNode, own: number | null, scores: ReadonlyMap<ChainNode, NodeScore>): NodeScore['lenses']['weakestLink'] {
  const candidates: Array<{ risk: number; binding: string[] }> = [];
  if (own !== null) candidates.push({ risk: own, binding: [n.path] });
  for (const c of n.children) {
    const wl = scores.get(c)!.lenses.weakestLink;
    if (c.essential && wl) candidates.push(wl);
  }
  if (candidates.length === 0) return null;
  const top = Math.max(...candidates.map((x) => x.risk));
  const binding = candidates.filter((x) => Math.abs(x.risk - top) <= TIE_EPSILON).flatMap((x) => x.binding);
  return { risk: top, binding: [...new Set(binding)] };
}

function valueWeighted(n: ChainNode, own: number | null, scores: ReadonlyMap<ChainNode, NodeScore>): NodeScore['lenses']['valueWeighted'] {
  let weight = 0;
  let sum = 0;
  let valued = 0;
  const unvalued: string[] = [];
  for (const c of n.children) {
    const vw = scores.get(c)!.lenses.valueWeighted;
    const risk = vw?.risk ?? scores.get(c)!.lenses.weakestLink?.risk ?? null;
    if (risk === null) continue;
    if (!c.value) {
      unvalued.push(c.path);
      continue;
    }
    // A child's value in its own currency: only children in the parent's currency (or all in one) weigh.
    if (n.value && c.value.currency !== n.value.currency) {
      unvalued.push(c.path);
      continue;
    }
    const known = c.value.millions * ((vw?.coveragePct ?? 100) / 100);
    weight += known;
    sum += known * risk;
    valued += c.value.millions;
  }
  // The node's own list stands for the value its children do not cover.
  const total = n.value?.millions ?? null;
  if (own !== null) {
    const rest = total === null ? (weight === 0 ? 1 : 0) : Math.max(0, total - valued);
    weight += rest;
    sum += rest * own;
  }
  if (weight === 0) return null;
  const base = total ?? (own !== null && valued === 0 ? 1 : valued);
  return {
    risk: sum / weight,
    coveragePct: base > 0 ? round(Math.min(100, (100 * weight) / base), 2) : 100,
    unvalued,
  };
}
