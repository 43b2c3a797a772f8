// A stage as a tree of nodes: the stage is the root, each input hangs under its `parent` (or
// under the stage). The stage's own share list belongs to the root node: an aggregate view of
// the stage, not an override of its inputs (docs/methodology.md#tree).
import type { Input, Inventory, NodeValue, Sector, Snapshot, Stage } from '../data/model.js';

export interface ChainNode {
  /** `stage` or `stage/input`. */
  path: string;
  id: string;
  name: string;
  stage: Stage;
  input: Input | null;
  parent: ChainNode | null;
  children: ChainNode[];
  depth: number;
  /** How it relates to its parent: part (made from it) or kind (a segment the parent's list aggregates). */
  relation: 'part' | 'kind';
  use: 'consumable' | 'capital';
  essential: boolean;
  material: string | null;
  value: NodeValue | null;
  inventory: Inventory | null;
  shares: readonly Snapshot[] | undefined;
}

export const nodePath = (stage: string, input?: string | null): string => (input ? `${stage}/${input}` : stage);

/** The tree of one stage. Inputs whose parent is missing (invalid data) hang under the stage. */
export function stageTree(stage: Stage): ChainNode {
  const root: ChainNode = {
    path: stage.id,
    id: stage.id,
    name: stage.name,
    stage,
    input: null,
    parent: null,
    children: [],
    depth: 0,
    relation: 'part',
    use: stage.use ?? 'consumable',
    essential: true,
    material: null,
    value: stage.value ?? null,
    inventory: stage.inventoryMonths ?? null,
    shares: stage.shares,
  };
  const inputs = stage.inputs ?? [];
  const byId = new Map<string, ChainNode>();
  for (const input of inputs) {
    byId.set(input.id, {
      path: nodePath(stage.id, input.id),
      id: input.id,
      name: input.name,
      stage,
      input,
      parent: null,
      children: [],
      depth: 0,
      relation: input.relation ?? 'part',
      use: 'consumable',
      essential: input.essential ?? true,
      material: input.material ?? null,
      value: input.value ?? null,
      inventory: input.inventoryMonths ?? null,
      shares: input.shares,
    });
  }
  for (const input of inputs) {
    const node = byId.get(input.id)!;
    const parent = (input.parent !== undefined && byId.get(input.parent)) || root;
    node.parent = parent;
    parent.children.push(node);
  }
  // Depth and the inherited `use`, top-down.
  const settle = (n: ChainNode): void => {
    for (const c of n.children) {
      c.depth = n.depth + 1;
      c.use = c.input?.use ?? n.use;
      settle(c);
    }
  };
  settle(root);
  return root;
}

/** Every node under the root (not the root), parents before children, siblings in file order. */
export function descendants(root: ChainNode): ChainNode[] {
  const out: ChainNode[] = [];
  const walk = (n: ChainNode): void => {
    for (const c of n.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** The trees of every stage of a sector, in chain order. */
export function sectorTrees(sector: Sector): ChainNode[] {
  return sector.stages.map(stageTree);
}
