import type { Command } from 'commander';
import { listEvents } from '../../engine/dependence.js';
import { cell, table, type View } from '../../render/view.js';
import { getModel } from '../context.js';
import { upper } from '../format.js';
import { addDataOption, addOutputOptions, examples } from '../options.js';
import { render, write } from '../output.js';
import { parseViewpoint, parseYear, pickSectors } from '../parse.js';

export function registerEvents(program: Command): void {
  const cmd = program
    .command('events')
    .description('export-restriction events in the data (bans, licences, quotas, taxes): who imposed them on whom, on what, when, and what they weigh now')
    .option('-c, --country <country>', 'only events imposed by or reaching this country or region')
    .option('-s, --sector <sector>', 'only events on nodes of this sector')
    .option('-y, --year <year>', 'judge "in force" at the end of this year (default: the newest data year)');
  addOutputOptions(addDataOption(cmd));
  examples(cmd, ['scsr events', 'scsr events --country kr', 'scsr events --sector batteries --json']);
  cmd.action(async (_o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const viewpoint = opts.country ? parseViewpoint(model, opts.country) : undefined;
    const sectors = pickSectors(model, opts.sector, undefined, true).map((s) => s.id);
    const year = parseYear(opts.year);
    const result = listEvents(model, { viewpoint, sectors, year });
    const view = (): View => ({
      blocks: [
        table(
          [
            { header: 'Imposed by', key: 'imposed_by' },
            { header: 'On', key: 'aimed_at' },
            { header: 'Kind', key: 'kind' },
            { header: 'Imposed', key: 'imposed' },
            { header: 'Lifted', key: 'lifted' },
            { header: 'Weighs now', key: 'uplift', align: 'right' },
            { header: 'Products', key: 'products' },
            { header: 'Source', key: 'source' },
          ],
          result.events.map((e) => [
            cell(`${e.imposedByName} (${upper(e.imposedBy)})`, 'strong'),
            e.aimedAt.map(upper).join(', '),
            e.kind,
            e.imposed,
            e.lifted ?? '-',
            cell(e.inForce ? `in force (${e.uplift})` : e.uplift > 0 ? `fading (${e.uplift})` : '0', e.inForce ? 'bad' : e.uplift > 0 ? 'warn' : 'muted'),
            e.products,
            cell(e.source, 'muted'),
          ]),
          `Export restrictions${result.viewpoint ? ` imposed by or reaching ${upper(result.viewpoint)}` : ''} (as of ${result.referenceDate}; "weighs now" is u in w' = w + (1 − w)·u, docs/methodology.md#events)`,
        ),
      ],
    });
    write(await render('events', result, view, opts));
  });
}
