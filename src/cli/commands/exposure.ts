import type { Command } from 'commander';
import type { Sector } from '../../data/model.js';
import { resolveSector } from '../../data/resolve.js';
import { exposureOf } from '../../engine/relations.js';
import type { SectorExposure } from '../../engine/results-commands.js';
import { tidy, type Tidy } from '../../render/tidy.js';
import { cell, table, type Block, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { pct, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples, numberOption } from '../options.js';
import { render, write } from '../output.js';
import { parseCountry, snapshotOptions } from '../parse.js';

export function registerExposure(program: Command): void {
  const cmd = program
    .command('exposure')
    .description("a country's exposure to every partner (or one): share of its foreign supply per stage, the maximum and a weighted mean")
    .argument('<country>', 'the exposed country (code, name or alias)')
    .option('--to <country>', 'only this partner (another country than the exposed one)')
    .option('-s, --sector <sector>', 'only this sector (default: every sector)')
    .addOption(numberOption('--top <n>', 'partners shown per sector in the table (JSON and CSV have all)', { kind: 'whole', min: 1, max: 10_000 }, 10));
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr exposure kr', 'scsr exposure kr --to cn', 'scsr exposure us --sector batteries --format csv']);
  cmd.action(async (countryArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const v = parseCountry(model, countryArg, 'argument <country>');
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
          { header: 'Max', priority: 4 },
          { header: 'Weighted mean', short: 'Mean', align: 'right', priority: 6 },
        ],
        s.exposures.slice(0, top).map((e) => [
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
}

/** CSV/TSV/NDJSON of `exposure`: one row per sector, partner and stage where the partner supplies; the partner's maximum and mean repeat on its rows. */
export function exposureRecords(exposure: SectorExposure[]): Tidy {
  return tidy(
    {
      sector: 'string', viewpoint: 'string', partner: 'string', partner_name: 'string', stage: 'string', of_foreign_pct: 'number', share_pct: 'number',
      partner_max_pct: 'number', partner_max_stage: 'string', partner_weighted_mean_pct: 'number',
    },
    (function* () {
      for (const s of exposure) {
        for (const e of s.exposures) {
          for (const b of e.byStage) {
            yield {
              sector: s.sector, viewpoint: s.viewpoint, partner: e.partner, partner_name: e.name, stage: b.stage, of_foreign_pct: b.ofForeignPct, share_pct: b.sharePct,
              partner_max_pct: e.maxPct, partner_max_stage: e.maxStage, partner_weighted_mean_pct: e.weightedMeanPct,
            };
          }
        }
      }
    })(),
  );
}
