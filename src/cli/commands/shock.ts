import type { Command } from 'commander';
import type { Model, Sector } from '../../data/model.js';
import { ResolveError, resolveSector, resolveStage } from '../../data/resolve.js';
import type { ItemShock, Percentiles, ShockResult, Throughput, WorstCase, WorstEntry } from '../../engine/results-shock.js';
import { shockSector, worstCase } from '../../engine/shock.js';
import { DEFAULT_SAMPLES, DEFAULT_SEED, MAX_SAMPLES, shockUncertainty } from '../../engine/uncertainty.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, textOf, type Block, type Cell, type CellLike, type View } from '../../render/view.js';
import { docPath } from '../docs.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { pct, riskCell, snapshotText, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples, numberOption, repeatableOption } from '../options.js';
import { render, write } from '../output.js';
import { parseCountry, snapshotOptions } from '../parse.js';

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
    .description('cut countries off (or part of their capacity): what each stage and the chain still deliver, the new weakest link, the worst single country')
    .argument('<sector>', 'sector id, name or alias')
    .option('-c, --country <countries>', 'countries that lose capacity, comma-separated (codes, names or aliases)')
    .addOption(numberOption('-l, --loss <fraction>', 'share of their capacity lost: 0-1 or a percent like 40%', { kind: 'fraction' }, 1, '100%'))
    .addOption(repeatableOption('-s, --stage <stage>', 'only at this stage (id, name, alias or number); default every stage'))
    .addOption(numberOption('--spare <fraction>', 'spare capacity of the unshocked suppliers, share of their output: 0-1 or a percent like 10%', { kind: 'fraction' }, 0))
    .option('--country-of-view <country>', "whose supply to follow (default: the sector's assessor)")
    .option('--worst', 'cut off every country and region in the data in turn and rank them (the single point of failure)')
    .addOption(numberOption('--top <n>', 'with --worst: how many to list', { kind: 'whole', min: 1, max: 10_000 }, 10))
    .option('--uncertainty', 'sample the shares the data give as ranges: 5th, 50th and 95th percentiles')
    .addOption(numberOption('--samples <n>', `with --uncertainty: number of samples (1-${MAX_SAMPLES})`, { kind: 'whole', min: 1, max: MAX_SAMPLES }, DEFAULT_SAMPLES))
    .addOption(numberOption('--seed <n>', 'with --uncertainty: PRNG seed (the same seed gives the same output)', { kind: 'whole', min: 0, max: 2 ** 32 - 1 }, DEFAULT_SEED));
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, [
    'scsr shock batteries --country china',
    'scsr shock semiconductors --country tw --loss 50% --spare 10%',
    'scsr shock batteries --country cn --stage refining --country-of-view kr',
    'scsr shock semiconductors --worst --top 5',
    'scsr shock batteries --country cn --loss 0.3 --uncertainty --samples 100000 --seed 7',
    'scsr shock batteries --country cn --json | jq ".world"',
  ]);
  cmd.action(async (sectorArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    // Combinations are checked before any data are read.
    if (opts.worst && opts.country) throw usageError('give --country or --worst, not both');
    if (opts.worst && opts.uncertainty) throw usageError('--uncertainty works on one shock; it cannot be combined with --worst');
    if (!opts.worst && !opts.country) throw usageError('missing --country: the countries that lose capacity (or --worst to try each in turn)');
    const model = await getModel(opts);
    const sector = resolveOrUsage(() => resolveSector(model, sectorArg));
    const { loss, spare, top, samples, seed } = opts as { loss: number; spare: number; top: number; samples: number; seed: number };
    const stages = ((opts.stage as string[] | undefined) ?? []).map((s) => parseStage(sector, s));
    const viewpoint = opts.countryOfView ? parseCountry(model, opts.countryOfView, '--country-of-view') : undefined;
    const base = { loss, spare, stages, ...snapshotOptions(opts), ...(viewpoint ? { viewpoint } : {}) };
    if (opts.worst) {
      const result = worstCase(model, sector, { ...base, top });
      await write(await render('shock', result, { view: () => worstView(model, result), records: () => worstRecords(result) }, opts));
      return;
    }
    const names = String(opts.country).split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) throw usageError(`option --country needs at least one country (got "${opts.country}")`);
    const targets = names.map((n) => parseCountry(model, n));
    const result = shockSector(model, sector, { ...base, targets });
    if (opts.uncertainty) result.uncertainty = shockUncertainty(model, sector, { ...base, targets, samples, seed });
    await write(await render('shock', result, { view: () => shockView(model, result), records: () => shockRecords(result) }, opts));
  });
}

const countryLabel = (model: Model, code: string): string => model.countries.countries.find((c) => c.code === code)?.name ?? upper(code);

/** A throughput figure with a bar: green when most is left, red when little is. */
function throughputCell(x: number | null): Cell {
  if (x === null) return cell('no data', 'muted');
  return cell(pct(x), x >= 90 ? 'good' : x >= 60 ? 'ok' : x >= 30 ? 'warn' : 'bad', x);
}

function scopeText(r: Pick<ShockResult, 'lossPct' | 'sparePct' | 'shockedStages'>, allStages: number, one: boolean): string {
  const where = r.shockedStages.length === allStages ? 'at every stage' : `at ${r.shockedStages.join(', ')}`;
  return `${one ? 'loses' : 'lose'} ${pct(r.lossPct)} of ${one ? 'its' : 'their'} capacity ${where}${r.sparePct > 0 ? `; spare capacity elsewhere ${pct(r.sparePct)} of output` : ''}`;
}

function bindingText(t: Throughput): string {
  if (t.afterPct === null) return 'no data';
  if (!t.binding) return 'nothing lost';
  return `${t.binding.name}${t.binding.input ? ` (input ${t.binding.input})` : ''}`;
}

export function shockView(model: Model, r: ShockResult): View {
  const v = upper(r.viewpoint);
  const row = (x: ItemShock, label: CellLike, order: string, isInput: boolean): CellLike[] => [
    order,
    label,
    x.snapshot ? pct(x.shockedSharePct) : cell('no data', 'muted'),
    x.snapshot ? pct(x.lostPct) : '',
    x.snapshot ? pct(x.spareAddedPct) : '',
    isInput ? cell(x.afterPct === null ? 'no data' : `(${pct(x.afterPct)})`, 'muted') : throughputCell(x.afterPct),
    x.viewpoint ? pct(x.viewpoint.foreignLostPct) : '',
    isInput ? cell(x.viewpoint ? `(${pct(x.viewpoint.afterPct)})` : '', 'muted') : throughputCell(x.viewpoint?.afterPct ?? null),
    cell(x.snapshot ? snapshotText(x.snapshot) : (x.noData ?? 'no data'), 'muted'),
  ];
  const rows: CellLike[][] = [];
  for (const st of r.stages) {
    const binds = r.world.binding?.stage === st.id;
    const name = `${st.name}${st.shocked ? '' : ' (not shocked)'}${binds ? ' ◀ binds' : ''}`;
    const based = st.basedOn?.startsWith('input:') ? `; from input ${st.basedOn.slice(6)}` : '';
    const r0 = row(st, cell(name, binds ? 'bad' : 'strong'), String(st.order), false);
    if (based) r0[8] = cell(`${textOf(r0[8]!)}${based}`, 'muted');
    rows.push(r0);
    for (const inp of st.inputs) rows.push(row(inp, cell(`  ↳ ${inp.name}`, 'muted'), '', true));
  }
  const who = r.targets.map((t) => t.name).join(', ');
  const blocks: Block[] = [
    table(
      // Left out first on a narrow terminal: Data, #, Spare, the shocked share, the viewpoint's foreign loss, Lost.
      [
        { header: '#', align: 'right', priority: 2 },
        { header: 'Stage' },
        { header: 'Shocked share', short: 'Shocked', align: 'right', priority: 4 },
        { header: 'Lost', align: 'right', priority: 6 },
        { header: 'Spare', align: 'right', priority: 3 },
        { header: 'World after', short: 'World' },
        { header: `${v} foreign lost`, short: `${v} lost`, align: 'right', priority: 5 },
        { header: `${v} after`, priority: 8 },
        { header: 'Data', priority: 1 },
      ],
      rows,
      `${r.name}: ${who} ${scopeText(r, r.stages.length, r.targets.length === 1)} (viewpoint ${countryLabel(model, r.viewpoint)}${r.year ? `, year ${r.year}` : ', latest actual data'})`,
    ),
  ];
  const chain: CellLike[] = [
    cell(`World chain throughput: ${pct(r.world.beforePct)} → ${pct(r.world.afterPct)}; binding stage: ${bindingText(r.world)}`, r.world.binding ? 'bad' : 'good'),
    cell(`${countryLabel(model, r.viewpoint)} chain throughput: ${pct(r.viewpointChain.beforePct)} → ${pct(r.viewpointChain.afterPct)}; binding stage: ${bindingText(r.viewpointChain)}`, r.viewpointChain.binding ? 'bad' : 'good'),
  ];
  if (r.noDataStages.length) chain.push(cell(`No share data (left out of the minimum): ${r.noDataStages.join(', ')}`, 'muted'));
  chain.push(cell(`Leontief chain: it delivers what its tightest stage delivers; no substitution, stockpiles or time (${docPath('scenarios.md')})`, 'muted'));
  blocks.push(lines(chain));
  if (r.uncertainty) blocks.push(...uncertaintyBlocks(model, r));
  return { blocks };
}

const pctl = (p: Percentiles | null): string => (p ? `${pct(p.p5)} / ${pct(p.p50)} / ${pct(p.p95)}` : 'no data');
const riskPctl = (p: Percentiles | null): string => (p ? `${p.p5.toFixed(1)} / ${p.p50.toFixed(1)} / ${p.p95.toFixed(1)}` : 'no data');

function uncertaintyBlocks(model: Model, r: ShockResult): Block[] {
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
      cell(`${countryLabel(model, r.viewpoint)} chain throughput p5 / p50 / p95: ${pctl(u.viewpoint)}`, 'strong'),
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
    e.worldBinding ? `${e.worldBinding.name}${e.worldBinding.input ? ` (${e.worldBinding.input})` : ''}` : cell('-', 'muted'),
    throughputCell(e.viewpointAfterPct),
    pct(e.viewpointLostPct),
  ]);
}

export function worstView(model: Model, r: WorstCase): View {
  const v = upper(r.viewpoint);
  const cols = [
    { header: 'Rank', align: 'right' as const },
    { header: 'Cut off' },
    { header: 'World after', short: 'World' },
    { header: 'World lost', align: 'right' as const, priority: 6 },
    { header: 'Binding stage', short: 'Binding', priority: 4 },
    { header: `${v} after` },
    { header: `${v} lost`, align: 'right' as const, priority: 5 },
  ];
  const scope = scopeText({ lossPct: r.lossPct, sparePct: r.sparePct, shockedStages: r.shockedStages }, model.sectors.find((s) => s.id === r.sector)?.stages.length ?? 0, true);
  const spof = r.singlePointOfFailure;
  return {
    blocks: [
      table(cols, worstRows(r.byWorld), `${r.name}: each of ${r.candidates} countries and regions in turn ${scope}; ranked by world chain throughput lost (top ${Math.min(r.top, r.candidates)})`),
      table(cols, worstRows(r.byViewpoint), `Ranked by ${countryLabel(model, r.viewpoint)}'s chain throughput lost`),
      lines([
        spof
          ? cell(`Single point of failure: ${spof.target.name} — world chain throughput ${pct(spof.worldAfterPct)} without it (binding stage: ${spof.worldBinding?.name ?? '-'})`, 'bad')
          : cell('No single country or region costs the chain any throughput', 'good'),
        cell(`Leontief chain: it delivers what its tightest stage delivers; no substitution, stockpiles or time (${docPath('scenarios.md')})`, 'muted'),
      ]),
    ],
  };
}

/** CSV/TSV/NDJSON of `shock`: one row per stage and per key input (input empty on a stage's row); the percentiles of --uncertainty on stage rows. */
export function shockRecords(r: ShockResult): Tidy {
  const u = r.uncertainty;
  return tidy(
    {
      sector: 'string', viewpoint: 'string', targets: 'string', loss_pct: 'number', spare_pct: 'number', stage: 'string', input: 'string', order: 'number', name: 'string',
      shocked: 'boolean', shocked_share_pct: 'number', lost_pct: 'number', spare_added_pct: 'number', world_after_pct: 'number', binds_world: 'boolean',
      viewpoint_foreign_lost_pct: 'number', viewpoint_after_pct: 'number', binds_viewpoint: 'boolean',
      world_after_p5_pct: 'number', world_after_p50_pct: 'number', world_after_p95_pct: 'number', modelled_risk_p5: 'number', modelled_risk_p50: 'number', modelled_risk_p95: 'number',
      snapshot_year: 'number', projection: 'boolean', metric: 'string', basis: 'string', source: 'string', no_data: 'string',
    },
    r.stages.flatMap((st) =>
      [st, ...st.inputs].map((x) => {
        const isStage = x === st;
        const input = isStage ? null : x.id;
        const binds = (b: Throughput['binding']) => b !== null && b.stage === st.id && (isStage || b.input === x.id);
        const p = isStage ? u?.stages.find((s) => s.id === st.id) : undefined;
        return {
          sector: r.sector, viewpoint: r.viewpoint, targets: joinList(r.targets.map((t) => t.id)), loss_pct: r.lossPct, spare_pct: r.sparePct, stage: st.id, input, order: st.order, name: x.name,
          shocked: x.shocked, shocked_share_pct: x.shockedSharePct, lost_pct: x.lostPct, spare_added_pct: x.spareAddedPct, world_after_pct: x.afterPct, binds_world: binds(r.world.binding),
          viewpoint_foreign_lost_pct: x.viewpoint?.foreignLostPct ?? null, viewpoint_after_pct: x.viewpoint?.afterPct ?? null, binds_viewpoint: binds(r.viewpointChain.binding),
          world_after_p5_pct: p?.throughputPct?.p5 ?? null, world_after_p50_pct: p?.throughputPct?.p50 ?? null, world_after_p95_pct: p?.throughputPct?.p95 ?? null,
          modelled_risk_p5: p?.modelledRisk?.p5 ?? null, modelled_risk_p50: p?.modelledRisk?.p50 ?? null, modelled_risk_p95: p?.modelledRisk?.p95 ?? null,
          snapshot_year: x.snapshot?.year ?? null, projection: x.snapshot?.projection ?? null, metric: x.snapshot?.metric ?? null, basis: x.snapshot?.basis ?? null,
          source: x.snapshot?.source ?? null, no_data: x.noData,
        };
      }),
    ),
  );
}

/** CSV/TSV/NDJSON of `shock --worst`: one row per country or region cut off, with its rank in each list it made (the top N of each). */
export function worstRecords(r: WorstCase): Tidy {
  const entries = new Map<string, { world?: WorstEntry; viewpoint?: WorstEntry }>();
  for (const e of r.byWorld) entries.set(e.target.id, { world: e });
  for (const e of r.byViewpoint) entries.set(e.target.id, { ...entries.get(e.target.id), viewpoint: e });
  return tidy(
    {
      sector: 'string', viewpoint: 'string', loss_pct: 'number', spare_pct: 'number', target: 'string', target_name: 'string', target_kind: 'string',
      world_rank: 'number', world_after_pct: 'number', world_lost_pct: 'number', world_binding_stage: 'string', world_binding_input: 'string',
      viewpoint_rank: 'number', viewpoint_after_pct: 'number', viewpoint_lost_pct: 'number', viewpoint_binding_stage: 'string', viewpoint_binding_input: 'string',
    },
    [...entries.values()].map(({ world, viewpoint }) => {
      const e = (world ?? viewpoint)!;
      return {
        sector: r.sector, viewpoint: r.viewpoint, loss_pct: r.lossPct, spare_pct: r.sparePct, target: e.target.id, target_name: e.target.name, target_kind: e.target.kind,
        world_rank: world?.rank ?? null, world_after_pct: e.worldAfterPct, world_lost_pct: e.worldLostPct, world_binding_stage: e.worldBinding?.stage ?? null, world_binding_input: e.worldBinding?.input ?? null,
        viewpoint_rank: viewpoint?.rank ?? null, viewpoint_after_pct: e.viewpointAfterPct, viewpoint_lost_pct: e.viewpointLostPct,
        viewpoint_binding_stage: e.viewpointBinding?.stage ?? null, viewpoint_binding_input: e.viewpointBinding?.input ?? null,
      };
    }),
  );
}
