import type { Command } from 'commander';
import type { Model, Sector } from '../../data/model.js';
import { ResolveError, resolveSector, resolveStage } from '../../data/resolve.js';
import type { Binding, NodeShock, Percentiles, ShockResult, Throughput, WorstCase, WorstEntry } from '../../engine/results-shock.js';
import { shockSector, worstCase } from '../../engine/shock.js';
import { DEFAULT_SAMPLES, DEFAULT_SEED, MAX_SAMPLES, shockUncertainty } from '../../engine/uncertainty.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, type Block, type Cell, type CellLike, type View } from '../../render/view.js';
import { docPath } from '../docs.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { pct, riskCell, snapshotText, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples, numberOption, repeatableOption } from '../options.js';
import { render, write } from '../output.js';
import { parsePlace, parseViewpoint, snapshotOptions } from '../parse.js';

function parseStage(sector: Sector, value: string): string {
  try {
    return resolveStage(sector, value);
  } catch (e) {
    if (e instanceof ResolveError) throw usageError(`option --stage: ${e.message}`);
    throw e;
  }
}

export function registerShock(program: Command): void {
  const cmd = program
    .command('shock')
    .description('cut countries off (or part of their capacity): what each node, stage and the chain still deliver over time, the binding input, the worst single country')
    .argument('<sector>', 'sector id, name or alias')
    .addOption(repeatableOption('-x, --cut <countries>', 'countries (or regions) that lose capacity, also comma-separated (codes, names or aliases)'))
    .option('-c, --country <country>', "viewpoint whose supply to follow: a country or a region such as eu (default: the sector's assessor)")
    .addOption(numberOption('-l, --loss <fraction>', 'share of their capacity lost: 0-1 or a percent like 40%', { kind: 'fraction' }, 1, '100%'))
    .addOption(repeatableOption('-s, --stage <stage>', 'only at this stage (id, name, alias or number); default every stage'))
    .addOption(numberOption('--spare <fraction>', 'spare capacity of the unshocked suppliers, share of their output: 0-1 or a percent like 10%', { kind: 'fraction' }, 0))
    .option('--worst', 'cut off every country and region in the data in turn and rank them (the single point of failure)')
    .addOption(numberOption('--top <n>', 'with --worst: how many to list', { kind: 'whole', min: 1, max: 10_000 }, 10))
    .option('--uncertainty', 'sample the shares the data give as ranges: 5th, 50th and 95th percentiles')
    .addOption(numberOption('--samples <n>', `with --uncertainty: number of samples (1-${MAX_SAMPLES})`, { kind: 'whole', min: 1, max: MAX_SAMPLES }, DEFAULT_SAMPLES))
    .addOption(numberOption('--seed <n>', 'with --uncertainty: PRNG seed (the same seed gives the same output)', { kind: 'whole', min: 0, max: 2 ** 32 - 1 }, DEFAULT_SEED));
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, [
    'scsr shock batteries --cut china',
    'scsr shock semiconductors --cut tw --loss 50% --spare 10%',
    'scsr shock batteries --cut cn --stage refining --country kr',
    'scsr shock semiconductors --cut tw --cut kr',
    'scsr shock semiconductors --worst --top 5',
    'scsr shock batteries --cut cn --loss 0.3 --uncertainty --samples 100000 --seed 7',
    'scsr shock batteries --cut cn --json | jq ".world"',
  ]);
  cmd.action(async (sectorArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const cuts = ((opts.cut as string[] | undefined) ?? []).flatMap((c) => c.split(',')).map((c) => c.trim());
    // Combinations are checked before any data are read.
    if (opts.worst && cuts.length) throw usageError('give --cut or --worst, not both');
    if (opts.worst && opts.uncertainty) throw usageError('--uncertainty works on one shock; it cannot be combined with --worst');
    if (!opts.worst && cuts.length === 0) {
      throw usageError(`missing --cut: the countries that lose capacity (or --worst to try each in turn)${opts.country ? '; --country is the viewpoint' : ''}`);
    }
    if (cuts.some((c) => c === '')) throw usageError(`option --cut needs country codes, names or aliases (got "${(opts.cut as string[]).join(',')}")`);
    const { loss, spare, top, samples, seed } = opts as { loss: number; spare: number; top: number; samples: number; seed: number };
    const model = await getModel(opts);
    const sector = resolveOrUsage(() => resolveSector(model, sectorArg));
    const stages = ((opts.stage as string[] | undefined) ?? []).map((s) => parseStage(sector, s));
    const viewpoint = opts.country ? parseViewpoint(model, opts.country) : undefined;
    const base = { loss, spare, stages, ...snapshotOptions(opts), ...(viewpoint ? { viewpoint } : {}) };
    if (opts.worst) {
      const result = worstCase(model, sector, { ...base, top });
      await write(await render('shock', result, { view: () => worstView(model, result), records: () => worstRecords(result) }, opts));
      return;
    }
    const targets = [...new Set(cuts.map((n) => parsePlace(model, n, '--cut')))];
    const result = shockSector(model, sector, { ...base, targets });
    if (opts.uncertainty) result.uncertainty = shockUncertainty(model, sector, { ...base, targets, samples, seed });
    await write(await render('shock', result, { view: () => shockView(result), records: () => shockRecords(result) }, opts));
  });
}

/** A throughput figure with a bar: green when most is left, red when little is. */
function throughputCell(x: number | null): Cell {
  if (x === null) return cell('no data', 'muted');
  return cell(pct(x), x >= 90 ? 'good' : x >= 60 ? 'ok' : x >= 30 ? 'warn' : 'bad', x);
}

function scopeText(r: Pick<ShockResult, 'lossPct' | 'sparePct' | 'shockedStages'>, allStages: number, one: boolean): string {
  const where = r.shockedStages.length === allStages ? 'at every stage' : `at ${r.shockedStages.join(', ')}`;
  return `${one ? 'loses' : 'lose'} ${pct(r.lossPct)} of ${one ? 'its' : 'their'} capacity ${where}${r.sparePct > 0 ? `; spare capacity elsewhere ${pct(r.sparePct)} of output` : ''}`;
}

/** When a binding node's loss reaches output. */
export function timingText(b: Pick<Binding, 'use' | 'timeToImpactMonths'>): string {
  if (b.use === 'capital') return 'capital good: the installed base keeps running; new and replacement capacity stops';
  return b.timeToImpactMonths ? `consumable: after ${b.timeToImpactMonths} months of inventory` : 'consumable, no inventory data: at once';
}

function bindingText(t: Throughput): string {
  if (t.afterPct === null) return 'no data';
  if (t.binding.length === 0) return 'nothing lost';
  return t.binding.map((b) => `${b.name}${b.input ? ` / ${b.nodeName}` : ''}`).join(' = ');
}

function throughputLines(label: string, t: Throughput): CellLike[] {
  if (t.afterPct === null) return [cell(`${label}: no data`, 'muted')];
  const low = t.afterLowPct !== null && t.afterLowPct < t.afterPct ? ` (as low as ${pct(t.afterLowPct)} if the targets named without a share hold the unattributed rest)` : '';
  const out: CellLike[] = [cell(`${label}: ${pct(t.beforePct)} → ${pct(t.afterPct)} in the long run${low}; binding: ${bindingText(t)}`, t.binding.length ? 'bad' : 'good')];
  if (t.binding[0]) out.push(`  · ${timingText(t.binding[0])}`);
  if (t.timeline.length > 1 || (t.immediatePct !== null && t.immediatePct !== t.afterPct)) {
    out.push(`  · over time: ${t.timeline.map((p) => `month ${p.months}: ${pct(p.afterPct)}`).join(', ')}; long run (capital goods worn out): ${pct(t.afterPct)}`);
  }
  return out;
}

export function shockView(r: ShockResult): View {
  const v = upper(r.viewpoint);
  const bindingPaths = new Set(r.world.binding.map((b) => b.node));
  const row = (x: NodeShock, label: CellLike, order: string): CellLike[] => [
    order,
    label,
    x.snapshot ? (x.unknownShareTargets.length ? 'unknown share' : pct(x.shockedSharePct)) : cell('-', 'muted'),
    x.snapshot ? throughputCell(x.afterPct) : cell('-', 'muted'),
    throughputCell(x.tree.afterPct),
    x.viewpoint ? `${pct(x.viewpoint.foreignLostPct)}${x.viewpoint.measured ? '' : ' est.'}` : '',
    throughputCell(x.tree.viewpointAfterPct),
    cell(x.use === 'capital' ? 'capital' : x.timeToImpactMonths ? `${x.timeToImpactMonths} mo.` : 'at once', 'muted'),
    cell(x.snapshot ? snapshotText(x.snapshot) : (x.noData ?? ''), 'muted'),
  ];
  const rows: CellLike[][] = [];
  for (const st of r.stages) {
    const binds = bindingPaths.has(st.path);
    rows.push(row(st, cell(`${st.name}${st.shocked ? '' : ' (not shocked)'}${binds ? ' ◀ binds' : ''}`, binds ? 'bad' : 'strong'), String(st.order)));
    for (const inp of st.inputs) {
      const b = bindingPaths.has(inp.path);
      rows.push(row(inp, cell(`${'  '.repeat(inp.depth)}↳ ${inp.name}${b ? ' ◀ binds' : ''}`, b ? 'bad' : 'muted'), ''));
    }
  }
  const who = r.targets.map((t) => t.name).join(', ');
  const blocks: Block[] = [
    table(
      // Left out first on a narrow terminal: Data, #, Own list after, Impact, Shocked share, imports lost.
      [
        { header: '#', align: 'right', priority: 2 },
        { header: 'Stage / input' },
        { header: 'Shocked share', short: 'Shocked', align: 'right', priority: 5 },
        { header: 'Own list after', short: 'Own list', priority: 3 },
        { header: 'World after', short: 'World' },
        { header: `${v} imports lost`, short: `${v} lost`, align: 'right', priority: 6 },
        { header: `${v} after`, priority: 8 },
        { header: 'Impact', priority: 4 },
        { header: 'Data', priority: 1 },
      ],
      rows,
      `${r.name}: ${who} ${scopeText(r, r.stages.length, r.targets.length === 1)} (viewpoint ${r.viewpointName}${r.year ? `, year ${r.year}` : ''})`,
    ),
  ];
  const chain: CellLike[] = [...throughputLines('World chain throughput', r.world), ...throughputLines(`${r.viewpointName} chain throughput`, r.viewpointChain)];
  if (r.noDataStages.length) chain.push(cell(`No share data (left out of the minimum): ${r.noDataStages.join(', ')}`, 'muted'));
  chain.push(cell(`Leontief chain over every essential input: a node delivers what its tightest essential input delivers; no substitution (${docPath('scenarios.md')})`, 'muted'));
  blocks.push(lines(chain));
  if (r.uncertainty) blocks.push(...uncertaintyBlocks(r));
  return { blocks };
}

const pctl = (p: Percentiles | null): string => (p ? `${pct(p.p5)} / ${pct(p.p50)} / ${pct(p.p95)}` : 'no data');
const riskPctl = (p: Percentiles | null): string => (p ? `${p.p5.toFixed(1)} / ${p.p50.toFixed(1)} / ${p.p95.toFixed(1)}` : 'no data');

function uncertaintyBlocks(r: ShockResult): Block[] {
  const u = r.uncertainty!;
  const rows: CellLike[][] = u.stages.map((s) => [
    cell(s.name, 'strong'),
    pctl(s.throughput),
    s.throughput ? throughputCell(s.throughput.p50) : cell('no data', 'muted'),
    riskPctl(s.modelledRisk),
    s.modelledRisk ? riskCell(s.modelledRisk.p50) : cell('no data', 'muted'),
  ]);
  const ranged = u.ranged.map((x) => `${x.stage}${x.input ? `/${x.input}` : ''} ${upper(x.supplier)} ${x.lowPct}-${x.highPct} (point ${x.sharePct})`);
  return [
    table(
      [
        { header: 'Stage' },
        { header: 'Throughput p5 / p50 / p95', short: 'Throughput p5/p50/p95' },
        { header: 'Median', priority: 4 },
        { header: 'Modelled risk p5 / p50 / p95', short: 'Risk p5/p50/p95' },
        { header: 'Median risk', priority: 3 },
      ],
      rows,
      `Uncertainty: ${u.samples} samples, seed ${u.seed} (${u.prng}); shares with a range drawn from a triangular distribution (low, point, high)`,
    ),
    lines([
      cell(`World chain throughput p5 / p50 / p95: ${pctl(u.world)}`, 'strong'),
      cell(`${r.viewpointName} chain throughput p5 / p50 / p95: ${pctl(u.viewpoint)}`, 'strong'),
      u.rangedValues === 0
        ? cell('No ranged values in the snapshots used: every share is fixed, so the percentiles equal the point result', 'warn')
        : `${u.rangedValues} ranged value${u.rangedValues === 1 ? '' : 's'} (all other shares fixed): ${ranged.join('; ')}`,
      ...(u.rescaledPct > 0 ? [cell(`${pct(u.rescaledPct)} of sampled share lists summed above 100 and were scaled back (${docPath('scenarios.md#uncertainty')})`, 'muted')] : []),
    ]),
  ];
}

function worstRows(list: WorstEntry[]): CellLike[][] {
  return list.map((e) => [
    String(e.rank),
    cell(`${e.target.name} (${e.target.kind === 'country' ? upper(e.target.id) : e.target.id})`, 'strong'),
    throughputCell(e.worldAfterPct),
    pct(e.worldLostPct),
    e.worldBinding.length ? e.worldBinding.map((b) => `${b.name}${b.input ? ` / ${b.nodeName}` : ''}${b.use === 'capital' ? ' (capital)' : ''}`).join(' = ') : cell('-', 'muted'),
    e.worldImmediatePct === null ? '' : pct(e.worldImmediatePct),
    throughputCell(e.viewpointAfterPct),
    pct(e.viewpointLostPct),
  ]);
}

export function worstView(model: Model, r: WorstCase): View {
  const v = upper(r.viewpoint);
  const cols = [
    // Left out first on a narrow terminal: World at once, Binding node, the viewpoint's loss, World lost.
    { header: 'Rank', align: 'right' as const },
    { header: 'Cut off' },
    { header: 'World after', short: 'World' },
    { header: 'World lost', align: 'right' as const, priority: 6 },
    { header: 'Binding node', short: 'Binding', priority: 4 },
    { header: 'World at once', short: 'At once', align: 'right' as const, priority: 3 },
    { header: `${v} after` },
    { header: `${v} lost`, align: 'right' as const, priority: 5 },
  ];
  const scope = scopeText({ lossPct: r.lossPct, sparePct: r.sparePct, shockedStages: r.shockedStages }, model.sectors.find((s) => s.id === r.sector)?.stages.length ?? 0, true);
  const spof = r.singlePointOfFailure;
  return {
    blocks: [
      table(cols, worstRows(r.byWorld), `${r.name}: each of ${r.candidates} countries and regions in turn ${scope}; ranked by world chain throughput lost (top ${Math.min(r.top, r.candidates)})`),
      table(cols, worstRows(r.byViewpoint), `Ranked by ${r.viewpointName}'s chain throughput lost`),
      lines([
        spof
          ? cell(`Single point of failure: ${spof.target.name}: world chain throughput ${pct(spof.worldAfterPct)} in the long run without it, ${pct(spof.worldImmediatePct)} at once (binding: ${spof.worldBinding.map((b) => `${b.name}${b.input ? ` / ${b.nodeName}` : ''}`).join(' = ') || '-'})`, 'bad')
          : cell('No single country or region costs the chain any throughput', 'good'),
        cell(`Ranked by the long run: capital goods (equipment) bind once the installed base is gone; "at once" counts consumables without inventory only (${docPath('scenarios.md')})`, 'muted'),
      ]),
    ],
  };
}

/**
 * CSV/TSV/NDJSON of `shock`: one row per node, the stage (`depth` 0) and every input below it;
 * with --uncertainty the stage rows carry the percentiles.
 */
export function shockRecords(r: ShockResult): Tidy {
  const u = r.uncertainty;
  const worldBinds = new Set(r.world.binding.map((b) => b.node));
  const viewpointBinds = new Set(r.viewpointChain.binding.map((b) => b.node));
  return tidy(
    {
      sector: 'string', viewpoint: 'string', targets: 'string', loss_pct: 'number', spare_pct: 'number', node: 'string', stage: 'string', parent: 'string', depth: 'number',
      order: 'number', name: 'string', use: 'string', essential: 'boolean', time_to_impact_months: 'number', shocked: 'boolean', unknown_share_targets: 'string',
      shocked_share_pct: 'number', lost_pct: 'number', spare_added_pct: 'number', own_list_after_pct: 'number', own_list_after_low_pct: 'number',
      world_after_pct: 'number', binds_world: 'boolean', viewpoint_imports_lost_pct: 'number', viewpoint_measured: 'boolean', viewpoint_after_pct: 'number', binds_viewpoint: 'boolean',
      world_after_p5_pct: 'number', world_after_p50_pct: 'number', world_after_p95_pct: 'number', modelled_risk_p5: 'number', modelled_risk_p50: 'number', modelled_risk_p95: 'number',
      snapshot_year: 'number', projection: 'boolean', metric: 'string', basis: 'string', source: 'string', no_data: 'string',
    },
    r.stages.flatMap((st) =>
      [st, ...st.inputs].map((x) => {
        const p = x === st ? u?.stages.find((s) => s.id === st.id) : undefined;
        return {
          sector: r.sector, viewpoint: r.viewpoint, targets: joinList(r.targets.map((t) => t.id)), loss_pct: r.lossPct, spare_pct: r.sparePct,
          node: x.path, stage: st.id, parent: x.parent, depth: x.depth, order: st.order, name: x.name, use: x.use, essential: x.essential,
          time_to_impact_months: x.timeToImpactMonths, shocked: x.shocked, unknown_share_targets: joinList(x.unknownShareTargets),
          shocked_share_pct: x.shockedSharePct, lost_pct: x.lostPct, spare_added_pct: x.spareAddedPct, own_list_after_pct: x.afterPct, own_list_after_low_pct: x.afterLowPct,
          world_after_pct: x.tree.afterPct, binds_world: worldBinds.has(x.path), viewpoint_imports_lost_pct: x.viewpoint?.foreignLostPct ?? null,
          viewpoint_measured: x.viewpoint?.measured ?? null, viewpoint_after_pct: x.tree.viewpointAfterPct, binds_viewpoint: viewpointBinds.has(x.path),
          world_after_p5_pct: p?.throughput?.p5 ?? null, world_after_p50_pct: p?.throughput?.p50 ?? null, world_after_p95_pct: p?.throughput?.p95 ?? null,
          modelled_risk_p5: p?.modelledRisk?.p5 ?? null, modelled_risk_p50: p?.modelledRisk?.p50 ?? null, modelled_risk_p95: p?.modelledRisk?.p95 ?? null,
          snapshot_year: x.snapshot?.year ?? null, projection: x.snapshot?.projection ?? null, metric: x.snapshot?.metric ?? null, basis: x.snapshot?.basis ?? null,
          source: x.snapshot?.source ?? null, no_data: x.noData,
        };
      }),
    ),
  );
}

/** CSV/TSV/NDJSON of `shock --worst`: one row per country or region in either top list, with its rank in each it made. */
export function worstRecords(r: WorstCase): Tidy {
  const entries = new Map<string, { world?: WorstEntry; viewpoint?: WorstEntry }>();
  for (const e of r.byWorld) entries.set(e.target.id, { world: e });
  for (const e of r.byViewpoint) entries.set(e.target.id, { ...entries.get(e.target.id), viewpoint: e });
  return tidy(
    {
      sector: 'string', viewpoint: 'string', loss_pct: 'number', spare_pct: 'number', target: 'string', target_name: 'string', target_kind: 'string',
      world_rank: 'number', world_after_pct: 'number', world_lost_pct: 'number', world_immediate_pct: 'number', world_binding: 'string',
      viewpoint_rank: 'number', viewpoint_after_pct: 'number', viewpoint_lost_pct: 'number', viewpoint_binding: 'string',
    },
    [...entries.values()].map(({ world, viewpoint }) => {
      const e = (world ?? viewpoint)!;
      return {
        sector: r.sector, viewpoint: r.viewpoint, loss_pct: r.lossPct, spare_pct: r.sparePct, target: e.target.id, target_name: e.target.name, target_kind: e.target.kind,
        world_rank: world?.rank ?? null, world_after_pct: e.worldAfterPct, world_lost_pct: e.worldLostPct, world_immediate_pct: e.worldImmediatePct,
        world_binding: joinList(e.worldBinding.map((b) => b.node)),
        viewpoint_rank: viewpoint?.rank ?? null, viewpoint_after_pct: e.viewpointAfterPct, viewpoint_lost_pct: e.viewpointLostPct,
        viewpoint_binding: joinList(e.viewpointBinding.map((b) => b.node)),
      };
    }),
  );
}
