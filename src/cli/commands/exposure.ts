import type { Command } from 'commander';
import { resolveSector } from '../../data/resolve.js';
import { exposureOf } from '../../engine/relations.js';
import type { Sector } from '../../data/model.js';
import type { SectorExposure } from '../../engine/results-commands.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, table, type Block, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { pct, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples, numberOption } from '../options.js';
import { render, write } from '../output.js';
import { parseCountry, parseViewpoint, snapshotOptions } from '../parse.js';

export function registerExposure(program: Command): void {
  const cmd = program
    .command('exposure')
    .description("a country's exposure to every partner (or one): the partner's highest share of its supply at each stage, from import data where there are some, else estimated from world shares")
    .argument('<country>', 'the exposed country or region (code, name or alias)')
    .option('--to <country>', 'only this partner')
    .option('-s, --sector <sector>', 'only this sector (default: every sector)')
    .addOption(numberOption('--top <n>', 'partners shown per sector in the table (JSON and CSV have all)', { kind: 'whole', min: 1, max: 10_000 }, 10));
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr exposure kr', 'scsr exposure kr --to cn', 'scsr exposure us --sector batteries --format csv']);
  cmd.action(async (countryArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const v = parseViewpoint(model, countryArg, 'argument <country>');
    const to = opts.to ? parseCountry(model, opts.to, '--to') : undefined;
    if (to === v) throw usageError(`option --to: ${v} is the exposed country itself; give a partner (its own share is in \`scsr score --country ${v}\`)`);
    const sectors = opts.sector ? [resolveOrUsage(() => resolveSector(model, opts.sector))] : model.sectors;
    const exposure = exposureOf(model, sectors, v, { ...(to ? { to } : {}), ...snapshotOptions(opts) });
    const top: number = opts.top;
    await write(
      await render('exposure', { country: v, to: to ?? null, sectors: exposure }, { view: () => exposureView(exposure, sectors, v, to, to ? Infinity : top), records: () => exposureRecords(exposure) }, opts),
    );
  });
}

export function exposureView(exposure: SectorExposure[], sectors: Sector[], v: string, to: string | undefined, top: number): View {
  const blocks: Block[] = [];
  for (const s of exposure) {
    const sector = sectors.find((x) => x.id === s.sector)!;
    const stageIds = sector.stages.map((x) => x.id);
    blocks.push(
      table(
        // On a narrow terminal stage headers give way to stage ids; the maximum (its value is in a
        // stage column) is left out first, then the stages from the right, then the mean.
        [
          { header: 'Partner' },
          ...sector.stages.map((x) => ({ header: x.name, short: x.id, align: 'right' as const, priority: 5 })),
          { header: 'Max (node)', short: 'Max', priority: 4 },
          { header: 'Mean', align: 'right', priority: 6 },
        ],
        s.exposures.slice(0, top).map((e) => [
          cell(`${e.name} (${upper(e.partner)})`, 'strong'),
          ...stageIds.map((id) => {
            const b = e.byStage.find((x) => x.stage === id);
            if (!b) return '-';
            return b.ofSupplyPct === null ? 'unknown share' : `${pct(b.ofSupplyPct)}${b.measured ? '' : ' est.'}`;
          }),
          e.maxPct === null
            ? cell('unknown share', 'muted')
            : cell(`${pct(e.maxPct)}${e.measured ? '' : ' est.'} (${e.maxNode})`, e.maxPct > 50 ? 'bad' : e.maxPct > 25 ? 'warn' : undefined, e.maxPct),
          pct(e.meanPct),
        ]),
        `${s.name}: exposure of ${upper(v)}${to ? ` to ${upper(to)}` : ''} (the partner's highest share of ${upper(v)}'s supply at a node of each stage: imported share × its share of the imports; est. = imports estimated from world shares, else measured)`,
      ),
    );
    if (s.exposures.length === 0) blocks.push({ kind: 'lines', lines: [cell(to ? `No supply from ${upper(to)} at any node of ${s.name} in the data.` : 'No data.', 'muted')] });
    if (to && s.detail.length) {
      blocks.push(
        table(
          // Left out first on a narrow terminal: Source, Measured, World share, Share of supply.
          [
            { header: 'Node' },
            { header: `Share of ${upper(v)}'s imports`, short: 'Of imports', align: 'right' },
            { header: `Share of ${upper(v)}'s supply`, short: 'Of supply', align: 'right', priority: 6 },
            { header: 'World share', short: 'World', align: 'right', priority: 5 },
            { header: 'Measured', priority: 4 },
            { header: 'Source', priority: 3 },
          ],
          s.detail.map((d) => [
            cell(d.name, 'strong'),
            d.ofImportsPct === null ? 'unknown share' : pct(d.ofImportsPct),
            d.ofSupplyPct === null ? '' : pct(d.ofSupplyPct),
            pct(d.sharePct),
            d.measured ? 'measured' : 'estimated',
            cell(`${d.source ?? '-'}${d.year ? ` (${d.year})` : ''}`, 'muted'),
          ]),
          `${s.name}: every node ${upper(to)} supplies`,
        ),
      );
    }
  }
  return { blocks };
}

/**
 * CSV/TSV/NDJSON of `exposure`: one row per sector, partner and stage the partner supplies (its
 * highest share of the viewpoint's supply at a node of the stage, and its share of the imports
 * there); the partner's maximum and mean over the chain repeat on its rows. With --to, every
 * node is in the table and JSON.
 */
export function exposureRecords(exposure: SectorExposure[]): Tidy {
  return tidy(
    {
      sector: 'string', viewpoint: 'string', partner: 'string', partner_name: 'string', stage: 'string', node: 'string', node_name: 'string',
      of_supply_pct: 'number', of_imports_pct: 'number', measured: 'boolean', nodes: 'number', unknown_share_nodes: 'string',
      partner_max_pct: 'number', partner_max_node: 'string', partner_max_measured: 'boolean', partner_mean_pct: 'number',
    },
    (function* () {
      for (const s of exposure) {
        for (const e of s.exposures) {
          for (const b of e.byStage) {
            yield {
              sector: s.sector, viewpoint: s.viewpoint, partner: e.partner, partner_name: e.name, stage: b.stage, node: b.node, node_name: b.nodeName,
              of_supply_pct: b.ofSupplyPct, of_imports_pct: b.ofImportsPct, measured: b.ofImportsPct === null ? null : b.measured, nodes: b.nodes, unknown_share_nodes: joinList(b.unknownShareNodes),
              partner_max_pct: e.maxPct, partner_max_node: e.maxNode, partner_max_measured: e.maxPct === null ? null : e.measured, partner_mean_pct: e.meanPct,
            };
          }
        }
      }
    })(),
  );
}
