import type { Command } from 'commander';
import type { Model, Sector } from '../../data/model.js';
import { ResolveError, resolveSector, resolveStage } from '../../data/resolve.js';
import type { ItemShock, Percentiles, ShockResult, Throughput, WorstCase, WorstEntry } from '../../engine/results-shock.js';
import { shockSector, worstCase } from '../../engine/shock.js';
import { DEFAULT_SAMPLES, DEFAULT_SEED, MAX_SAMPLES, shockUncertainty } from '../../engine/uncertainty.js';
import { cell, lines, table, textOf, type Block, type Cell, type CellLike, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { pct, riskCell, snapshotText, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples } from '../options.js';
import { render, write } from '../output.js';
import { parseCountry, snapshotOptions } from '../parse.js';

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
    .description('cut countries off (or part of their capacity): what each stage and the chain still deliver, the new weakest link, the worst single country')
    .argument('<sector>', 'sector id, name or alias')
    .option('-c, --country <countries>', 'countries that lose capacity, comma-separated (codes, names or aliases)')
    .option('-l, --loss <fraction>', 'share of their capacity lost: 0-1 or a percent like 40%', '100%')
    .option('-s, --stage <stage>', 'only at this stage (id, name, alias or number; repeatable); default every stage', collect)
    .option('--spare <fraction>', 'spare capacity of the unshocked suppliers, share of their output: 0-1 or a percent like 10%', '0')
    .option('--country-of-view <country>', "whose supply to follow (default: the sector's assessor)")
    .option('--worst', 'cut off every country and region in the data in turn and rank them (the single point of failure)')
    .option('--top <n>', 'with --worst: how many to list', '10')
    .option('--uncertainty', 'sample the shares the data give as ranges: 5th, 50th and 95th percentiles')
    .option('--samples <n>', `with --uncertainty: number of samples (1-${MAX_SAMPLES})`, String(DEFAULT_SAMPLES))
    .option('--seed <n>', 'with --uncertainty: PRNG seed (the same seed gives the same output)', String(DEFAULT_SEED));
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
    const model = await getModel(opts);
    const sector = resolveOrUsage(() => resolveSector(model, sectorArg));
    const loss = parseFraction('--loss', opts.loss);
    const spare = parseFraction('--spare', opts.spare);
    const top = parseWhole('--top', opts.top, 1, 10_000);
    const samples = parseWhole('--samples', opts.samples, 1, MAX_SAMPLES);
    const seed = parseWhole('--seed', opts.seed, 0, 2 ** 32 - 1);
    const stages = ((opts.stage as string[] | undefined) ?? []).map((s) => parseStage(sector, s));
    const viewpoint = opts.countryOfView ? parseCountry(model, opts.countryOfView, '--country-of-view') : undefined;
    const base = { loss, spare, stages, ...snapshotOptions(opts), ...(viewpoint ? { viewpoint } : {}) };
    if (opts.worst) {
      if (opts.country) throw usageError('give --country or --worst, not both');
      if (opts.uncertainty) throw usageError('--uncertainty works on one shock; it cannot be combined with --worst');
      const result = worstCase(model, sector, { ...base, top });
      write(await render('shock', result, () => worstView(model, result), opts));
      return;
    }
    if (!opts.country) throw usageError('missing --country: the countries that lose capacity (or --worst to try each in turn)');
    const names = String(opts.country).split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) throw usageError(`option --country needs at least one country (got "${opts.country}")`);
    const targets = names.map((n) => parseCountry(model, n));
    const result = shockSector(model, sector, { ...base, targets });
    if (opts.uncertainty) result.uncertainty = shockUncertainty(model, sector, { ...base, targets, samples, seed });
    write(await render('shock', result, () => shockView(model, result), opts));
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
      [
        { header: '#', key: 'order', align: 'right' },
        { header: 'Stage', key: 'stage' },
        { header: 'Shocked share', key: 'shocked_share_pct', align: 'right' },
        { header: 'Lost', key: 'lost_pct', align: 'right' },
        { header: 'Spare', key: 'spare_added_pct', align: 'right' },
        { header: 'World after', key: 'world_after_pct' },
        { header: `${v} foreign lost`, key: 'viewpoint_foreign_lost_pct', align: 'right' },
        { header: `${v} after`, key: 'viewpoint_after_pct' },
        { header: 'Data', key: 'data' },
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
  chain.push(cell('Leontief chain: it delivers what its tightest stage delivers; no substitution, stockpiles or time (docs/scenarios.md)', 'muted'));
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
      cell(`${countryLabel(model, r.viewpoint)} chain throughput p5 / p50 / p95: ${pctl(u.viewpoint)}`, 'strong'),
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
    e.worldBinding ? `${e.worldBinding.name}${e.worldBinding.input ? ` (${e.worldBinding.input})` : ''}` : cell('-', 'muted'),
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
    { header: 'Binding stage', key: 'binding_stage' },
    { header: `${v} after`, key: 'viewpoint_after_pct' },
    { header: `${v} lost`, key: 'viewpoint_lost_pct', align: 'right' as const },
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
        cell('Leontief chain: it delivers what its tightest stage delivers; no substitution, stockpiles or time (docs/scenarios.md)', 'muted'),
      ]),
    ],
  };
}
