import type { Command } from 'commander';
import { resolveSector } from '../../data/resolve.js';
import { exposureOf } from '../../engine/relations.js';
import { cell, table, type Block, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { pct, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples } from '../options.js';
import { render, write } from '../output.js';
import { parseCountry, snapshotOptions } from '../parse.js';

export function registerExposure(program: Command): void {
  const cmd = program
    .command('exposure')
    .description("a country's exposure to every partner (or one): share of its foreign supply per stage, the maximum and a weighted mean")
    .argument('<country>', 'the exposed country (code, name or alias)')
    .option('--to <country>', 'only this partner')
    .option('-s, --sector <sector>', 'only this sector (default: every sector)')
    .option('--top <n>', 'partners shown per sector in the table (JSON has all)', '10');
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr exposure kr', 'scsr exposure kr --to cn', 'scsr exposure us --sector batteries --format csv']);
  cmd.action(async (countryArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const v = parseCountry(model, countryArg, 'argument <country>');
    const to = opts.to ? parseCountry(model, opts.to, '--to') : undefined;
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
              { header: 'Max', key: 'max_pct' },
              { header: 'Weighted mean', key: 'weighted_mean_pct', align: 'right' },
            ],
            s.exposures.slice(0, to ? undefined : top).map((e) => [
              cell(`${e.name} (${upper(e.partner)})`, 'strong'),
              ...stageIds.map((id) => {
                const b = e.byStage.find((x) => x.stage === id);
                return b ? pct(b.ofForeignPct) : '-';
              }),
              cell(`${pct(e.maxPct)} (${e.maxStage})`, e.maxPct > 50 ? 'bad' : e.maxPct > 25 ? 'warn' : undefined, e.maxPct),
              pct(e.weightedMeanPct),
            ]),
            `${s.name}: exposure of ${upper(v)}${to ? ` to ${upper(to)}` : ''} (share of ${upper(v)}'s foreign supply; mean weighted by ${upper(v)}'s foreign share per stage)`,
          ),
        );
        if (s.exposures.length === 0) blocks.push({ kind: 'lines', lines: [cell(to ? `No supply from ${upper(to)} in the data for ${s.name}.` : 'No data.', 'muted')] });
      }
      return { blocks };
    };
    write(await render('exposure', { country: v, to: to ?? null, sectors: exposure }, view, opts));
  });
}
