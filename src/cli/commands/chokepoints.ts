import type { Command } from 'commander';
import { listChokepoints } from '../../engine/relations.js';
import { cell, lines, table, type View } from '../../render/view.js';
import { getModel } from '../context.js';
import { pct, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples } from '../options.js';
import { render, write } from '../output.js';
import { parsePercent, parseViewpoint, pickSectors, snapshotOptions } from '../parse.js';

export function registerChokepoints(program: Command): void {
  const cmd = program
    .command('chokepoints')
    .description('every node where one supplier holds the line or more of world supply (default 65%, SIA/BCG 2021); with --country also the partners above 50% of its imports (the 3050 line)')
    .option('-s, --sector <sector>', 'only this sector (default: every sector)')
    .option('-t, --threshold <percent>', 'the line, in percent of world supply', '65')
    .option('-c, --country <country>', 'add the single-country dependences (>50% of imports) of this viewpoint');
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr chokepoints', 'scsr chokepoints --sector batteries --threshold 50', 'scsr chokepoints --country kr --json | jq ".counts"']);
  cmd.action(async (_o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const sectors = pickSectors(model, opts.sector, undefined, true);
    const thresholdPct = parsePercent('--threshold', opts.threshold, 65);
    const viewpoint = opts.country ? parseViewpoint(model, opts.country) : undefined;
    const result = listChokepoints(model, sectors, { thresholdPct, ...(viewpoint ? { viewpoint } : {}), ...snapshotOptions(opts) });
    const view = (): View => ({
      blocks: [
        table(
          [
            { header: 'Sector', key: 'sector' },
            { header: 'Stage / input', key: 'item' },
            { header: 'Supplier', key: 'supplier' },
            { header: 'Share', key: 'share_pct', align: 'right' },
            { header: 'Line', key: 'kind' },
            { header: 'Data', key: 'data' },
          ],
          result.chokepoints.map((c) => [
            c.sector,
            cell(c.name, 'strong'),
            `${c.supplierName} (${upper(c.supplier)})`,
            cell(pct(c.sharePct), 'bad', c.sharePct),
            c.kind === 'global' ? `≥ ${c.thresholdPct}% of world` : `> ${c.thresholdPct}% of ${upper(result.viewpoint ?? '')} imports${c.measured ? '' : ' (est.)'}`,
            cell(`${c.year}${c.projection ? ' projection' : ''} ${c.basis} [${c.source}]`, 'muted'),
          ]),
          `Chokepoints (line ${result.thresholdPct}% of world supply${result.viewpoint ? `; single-country line 50% of ${upper(result.viewpoint)}'s imports, measured from import data or est. = estimated from world shares` : ''})`,
        ),
        lines(
          result.counts.length
            ? result.counts.map((c) => `${c.name} (${upper(c.supplier)}): ${c.global} global${result.viewpoint ? `, ${c.singleCountry} single-country` : ''}`)
            : [cell('No chokepoints at this line.', 'muted')],
          'Chokepoints per supplier',
        ),
      ],
    });
    write(await render('chokepoints', result, view, opts));
  });
}
