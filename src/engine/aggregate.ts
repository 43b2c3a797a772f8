// The two lenses that aggregate a stage's nodes (docs/methodology.md#aggregation):
// - weakest link: a node is as risky as its riskiest essential child (an essential input that
//   fails stops the stage) and its own list, unless children that are kinds of it carry risks
//   (then its own list is their aggregate and steps aside);
// - value-weighted: children weighted by their value (market size), the node's own list
//   standing for the part of its value the children do not cover.
// Both are invariant under splitting a node into children with the same list and the same
// total value (tests/unit/aggregate.test.ts).
import { TIE_EPSILON } from './params.js';
import type { NodeScore } from './results.js';
import type { ChainNode } from './tree.js';

/** Round for display, half up, after dropping float noise (51.245 computed as 51.24499999999 is 51.25). */
const round = (x: number, d: number): number => Math.round(Number((x * 10 ** d).toPrecision(12))) / 10 ** d;

/** Fill `lenses` of every node under (and including) root, children first. */
export function aggregateLenses(root: ChainNode, scores: ReadonlyMap<ChainNode, NodeScore>, nodeRisk: (n: NodeScore) => number | null): void {
  // Each node's value-weighted risk and covered share of its value, unrounded: a parent weighs
  // its children with them (the result rounds both for display). Weighing rounded figures
  // compounded the rounding from level to level, so that splitting a node moved its stage.
  const weighted = new Map<ChainNode, { risk: number; covered: number }>();
  const visit = (n: ChainNode): void => {
    for (const c of n.children) visit(c);
    const s = scores.get(n)!;
    const own = nodeRisk(s);
    const vw = valueWeighted(n, own, scores, weighted);
    if (vw) weighted.set(n, vw);
    s.lenses = { weakestLink: weakestLink(n, own, scores), valueWeighted: vw && { risk: round(vw.risk, 2), coveragePct: round(100 * vw.covered, 2), unvalued: vw.unvalued } };
  };
  visit(root);
}

function weakestLink(n: ChainNode, own: number | null, scores: ReadonlyMap<ChainNode, NodeScore>): NodeScore['lenses']['weakestLink'] {
  const candidates: Array<{ risk: number; binding: string[] }> = [];
  let kinds = false;
  for (const c of n.children) {
    const wl = scores.get(c)!.lenses.weakestLink;
    if (!c.essential || !wl) continue;
    candidates.push(wl);
    if (c.relation === 'kind') kinds = true;
  }
  // A child that is a part (an input the node is made from) is a separate activity: the node's
  // own list counts beside it. Children that are kinds (segments the node's list aggregates) are
  // what the own list sums up: then the own list does not count, so a thin headline list never
  // overrides the fuller lists of its segments.
  if (!kinds && own !== null) candidates.push({ risk: own, binding: [n.path] });
  if (candidates.length === 0) return null;
  const top = Math.max(...candidates.map((x) => x.risk));
  const binding = candidates.filter((x) => Math.abs(x.risk - top) <= TIE_EPSILON).flatMap((x) => x.binding);
  return { risk: top, binding: [...new Set(binding)] };
}

function valueWeighted(n: ChainNode, own: number | null, scores: ReadonlyMap<ChainNode, NodeScore>, weighted: ReadonlyMap<ChainNode, { risk: number; covered: number }>): { risk: number; covered: number; unvalued: string[] } | null {
  let weight = 0;
  let valued = 0;
  const terms: Array<{ weight: number; risk: number }> = [];
  const unvalued: string[] = [];
  const riskOf = (c: ChainNode): number | null => weighted.get(c)?.risk ?? scores.get(c)!.lenses.weakestLink?.risk ?? null;
  // Values add up only in one currency: the node's own, else that of its first valued child.
  const currency = n.value?.currency ?? n.children.find((c) => c.value && riskOf(c) !== null)?.value?.currency;
  for (const c of n.children) {
    const risk = riskOf(c);
    if (risk === null) continue;
    if (!c.value || c.value.currency !== currency) {
      unvalued.push(c.path);
      continue;
    }
    const known = c.value.millions * (weighted.get(c)?.covered ?? 1);
    weight += known;
    terms.push({ weight: known, risk });
    valued += c.value.millions;
  }
  const total = n.value?.millions ?? null;
  // No value here or below: nothing to weigh (a stage then falls back to the weakest link and
  // says so), rather than the node's own list standing for children it cannot weigh.
  if (total === null && valued === 0) return null;
  // The node's own list stands for the value its children do not cover.
  if (own !== null && total !== null) {
    const rest = Math.max(0, total - valued);
    weight += rest;
    terms.push({ weight: rest, risk: own });
  }
  if (weight === 0) return null;
  const base = total ?? valued;
  // The mean as the first risk plus the weighted deviations from it: parts with one risk give
  // exactly that risk (Σ w·r / Σ w can land a float's width off, and a rounding then flips).
  const first = terms.find((t) => t.weight > 0)!.risk;
  const risk = first + terms.reduce((a, t) => a + t.weight * (t.risk - first), 0) / weight;
  return { risk, covered: base > 0 ? Math.min(1, weight / base) : 1, unvalued };
}
