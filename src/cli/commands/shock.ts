import type { Command } from 'commander';
import type { Model, Sector } from '../../data/model.js';
import { ResolveError, resolveSector, resolveStage } from '../../data/resolve.js';
import type { Binding, NodeShock, Percentiles, ShockResult, Throughput, WorstCase, WorstEntry } from '../../engine/results-shock.js';
import { shockSector, worstCase } from '../../engine/shock.js';
import { DEFAULT_SAMPLES, DEFAULT_SEED, MAX_SAMPLES, shockUncertainty } from '../../engine/uncertainty.js';
import { cell, lines, table, type Block, type Cell, type CellLike, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { pct, riskCell, snapshotText, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples } from '../options.js';
import { render, write } from '../output.js';
import { parsePlace, parseViewpoint, snapshotOptions } from '../parse.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A fraction 0-1, or a percent with its sign ("40%"). A bare 40 is refused: it could mean either. */
export function parseFraction(option: string, value: string): number {
  const t = String(value).trim();
  const isPct = t.endsWith('%');
  const body = isPct ? t.slice(0, -1).trim() : t;
  const n = Number(body);
  const max = isPct ? 100 : 1;
  if (body === '' || !/^[0-9.]+$/.test(body) || !Number.isFinite(n) || n < 0 || n > max) {
    throw usageError(`option ${option} must be a fraction between 0 and 1 or a percentage like 40% (got "${value}")`);
  }
  return isPct ? n / 100 : n;
}

export function parseWhole(option: string, value: string, min: number, max: number): number {
  const t = String(value).trim().replace(/_/g, '');
  const n = Number(t);
  if (!/^\d+$/.test(t) || n < min || n > max) throw usageError(`option ${option} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

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
    .option('-x, --cut <countries>', 'countries (or regions) that lose capacity: repeatable, or comma-separated (codes, names or aliases)', collect)
    .option('-c, --country <country>', "viewpoint whose supply to follow: a country or a region such as eu (default: the sector's assessor)")
    .option('-l, --loss <fraction>', 'share of their capacity lost: 0-1 or a percent like 40%', '100%')
    .option('-s, --stage <stage>', 'only at this stage (id, name, alias or number; repeatable); default every stage', collect)
    .option('--spare <fraction>', 'spare capacity of the unshocked suppliers, share of their output: 0-1 or a percent like 10%', '0')
    .option('--worst', 'cut off every country and region in the data in turn and rank them (the single point of failure)')
    .option('--top <n>', 'with --worst: how many to list', '10')
    .option('--uncertainty', 'sample the shares the data give as ranges: 5th, 50th and 95th percentiles')
    .option('--samples <n>', `with --uncertainty: number of samples (1-${MAX_SAMPLES})`, String(DEFAULT_SAMPLES))
    .option('--seed <n>', 'with --uncertainty: PRNG seed (the same seed gives the same output)', String(DEFAULT_SEED));
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
    const model = await getModel(opts);
    const sector = resolveOrUsage(() => resolveSector(model, sectorArg));
    const loss = parseFraction('--loss', opts.loss);
    const spare = parseFraction('--spare', opts.spare);
    const top = parseWhole('--top', opts.top, 1, 10_000);
    const samples = parseWhole('--samples', opts.samples, 1, MAX_SAMPLES);
    const seed = parseWhole('--seed', opts.seed, 0, 2 ** 32 - 1);
    const stages = ((opts.stage as string[] | undefined) ?? []).map((s) => parseStage(sector, s));
    const viewpoint = opts.country ? parseViewpoint(model, opts.country) : undefined;
    const base = { loss, spare, stages, ...snapshotOptions(opts), ...(viewpoint ? { viewpoint } : {}) };
    const cuts = ((opts.cut as string[] | undefined) ?? []).flatMap((c) => c.split(',')).map((c) => c.trim());
    if (opts.worst) {
      if (cuts.length) throw usageError('give --cut or --worst, not both');
      if (opts.uncertainty) throw usageError('--uncertainty works on one shock; it cannot be combined with --worst');
      const result = worstCase(model, sector, { ...base, top });
      write(await render('shock', result, () => worstView(model, result), opts));
      return;
    }
    if (cuts.length === 0) {
      throw usageError(`missing --cut: the countries that lose capacity (or --worst to try each in turn)${opts.country ? '; --country is the viewpoint' : ''}`);
    }
    if (cuts.some((c) => c === '')) throw usageError(`option --cut needs country codes, names or aliases (got "${(opts.cut as string[]).join(',')}")`);
    const targets = [...new Set(cuts.map((n) => parsePlace(model, n, '--cut')))];
    const result = shockSector(model, sector, { ...base, targets });
    if (opts.uncertainty) result.uncertainty = shockUncertainty(model, sector, { ...base, targets, samples, seed });
    write(await render('shock', result, () => shockView(result), opts));
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
      [
        { header: '#', key: 'order', align: 'right' },
        { header: 'Stage / input', key: 'node' },
        { header: 'Shocked share', key: 'shocked_share_pct', align: 'right' },
        { header: 'Own list after', key: 'world_after_pct' },
        { header: 'World after', key: 'world_tree_after_pct' },
        { header: `${v} imports lost`, key: 'viewpoint_foreign_lost_pct', align: 'right' },
        { header: `${v} after`, key: 'viewpoint_tree_after_pct' },
        { header: 'Impact', key: 'impact' },
        { header: 'Data', key: 'data' },
      ],
      rows,
      `${r.name}: ${who} ${scopeText(r, r.stages.length, r.targets.length === 1)} (viewpoint ${r.viewpointName}${r.year ? `, year ${r.year}` : ''})`,
    ),
  ];
  const chain: CellLike[] = [...throughputLines('World chain throughput', r.world), ...throughputLines(`${r.viewpointName} chain throughput`, r.viewpointChain)];
  if (r.noDataStages.length) chain.push(cell(`No share data (left out of the minimum): ${r.noDataStages.join(', ')}`, 'muted'));
  chain.push(cell('Leontief chain over every essential input: a node delivers what its tightest essential input delivers; no substitution (docs/scenarios.md)', 'muted'));
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
    pctl(s.throughputPct),
    s.throughputPct ? throughputCell(s.throughputPct.p50) : cell('no data', 'muted'),
    riskPctl(s.modelledRisk),
    s.modelledRisk ? riskCell(s.modelledRisk.p50) : cell('no data', 'muted'),
  ]);
  const ranged = u.ranged.map((x) => `${x.stage}${x.input ? `/${x.input}` : ''} ${upper(x.supplier)} ${x.lowPct}-${x.highPct} (point ${x.sharePct})`);
  return [
    table(
      [
        { header: 'Stage', key: 'stage' },
        { header: 'Throughput p5 / p50 / p95', key: 'throughput_p5_p50_p95' },
        { header: 'Median', key: 'throughput_p50' },
        { header: 'Modelled risk p5 / p50 / p95', key: 'risk_p5_p50_p95' },
        { header: 'Median risk', key: 'risk_p50' },
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
      ...(u.rescaledPct > 0 ? [cell(`${pct(u.rescaledPct)} of sampled share lists summed above 100 and were scaled back (docs/scenarios.md#uncertainty)`, 'muted')] : []),
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
    { header: 'Rank', key: 'rank', align: 'right' as const },
    { header: 'Cut off', key: 'target' },
    { header: 'World after', key: 'world_after_pct' },
    { header: 'World lost', key: 'world_lost_pct', align: 'right' as const },
    { header: 'Binding node', key: 'binding_node' },
    { header: 'World at once', key: 'world_immediate_pct', align: 'right' as const },
    { header: `${v} after`, key: 'viewpoint_after_pct' },
    { header: `${v} lost`, key: 'viewpoint_lost_pct', align: 'right' as const },
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
        cell('Ranked by the long run: capital goods (equipment) bind once the installed base is gone; "at once" counts consumables without inventory only (docs/scenarios.md)', 'muted'),
      ]),
    ],
  };
}
