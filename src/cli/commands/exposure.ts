import type { Command } from 'commander';
import { resolveSector } from '../../data/resolve.js';
import { exposureOf } from '../../engine/relations.js';
import { cell, table, type Block, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { pct, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples } from '../options.js';
import { render, write } from '../output.js';
import { parseCountry, parseViewpoint, snapshotOptions } from '../parse.js';

export function registerExposure(program: Command): void {
  const cmd = program
    .command('exposure')
    .description("a country's exposure to every partner (or one): the partner's highest share of its supply at each stage, from import data where there are some, else estimated from world shares")
    .argument('<country>', 'the exposed country or region (code, name or alias)')
    .option('--to <country>', 'only this partner')
    .option('-s, --sector <sector>', 'only this sector (default: every sector)')
    .option('--top <n>', 'partners shown per sector in the table (JSON has all)', '10');
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr exposure kr', 'scsr exposure kr --to cn', 'scsr exposure us --sector batteries --format csv']);
  cmd.action(async (countryArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const v = parseViewpoint(model, countryArg, 'argument <country>');
    const to = opts.to ? parseCountry(model, opts.to, '--to') : undefined;
    if (to === v) throw usageError(`option --to: ${to} is the exposed country itself (give a partner)`);
    const sectors = opts.sector ? [resolveOrUsage(() => resolveSector(model, opts.sector))] : model.sectors;
    const top = Number(opts.top);
    if (!Number.isInteger(top) || top < 1) throw usageError(`option --top must be a whole number of at least 1 (got "${opts.top}")`);
    const exposure = exposureOf(model, sectors, v, { ...(to ? { to } : {}), ...snapshotOptions(opts) });
    const view = (): View => {
      const blocks: Block[] = [];
      for (const s of exposure) {
        const sector = sectors.find((x) => x.id === s.sector)!;
        const stageIds = sector.stages.map((x) => x.id);
        blocks.push(
          table(
            [
              { header: 'Partner', key: 'partner' },
              ...sector.stages.map((x) => ({ header: x.name, key: x.id, align: 'right' as const })),
              { header: 'Max (node)', key: 'max_pct' },
              { header: 'Mean', key: 'mean_pct', align: 'right' },
            ],
            s.exposures.slice(0, to ? undefined : top).map((e) => [
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
              [
                { header: 'Node', key: 'node' },
                { header: `Share of ${upper(v)}'s imports`, key: 'of_imports_pct', align: 'right' },
                { header: `Share of ${upper(v)}'s supply`, key: 'of_supply_pct', align: 'right' },
                { header: 'World share', key: 'share_pct', align: 'right' },
                { header: 'Measured', key: 'measured' },
                { header: 'Source', key: 'source' },
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
    };
    write(await render('exposure', { country: v, to: to ?? null, sectors: exposure }, view, opts));
  });
}
