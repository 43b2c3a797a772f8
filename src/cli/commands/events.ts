import type { Command } from 'commander';
import { listEvents } from '../../engine/dependence.js';
import type { EventList } from '../../engine/results-trade.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, table, type View } from '../../render/view.js';
import { docPath } from '../docs.js';
import { getModel } from '../context.js';
import { upper } from '../format.js';
import { addDataOption, addOutputOptions, examples, numberOption } from '../options.js';
import { render, write } from '../output.js';
import { parseViewpoint, pickSectors } from '../parse.js';

export function registerEvents(program: Command): void {
  const cmd = program
    .command('events')
    .description('export-restriction events in the data (bans, licences, quotas, taxes): who imposed them on whom, on what, when, and what they weigh now')
    .option('-c, --country <country>', 'only events imposed by or reaching this country or region')
    .option('-s, --sector <sector>', 'only events on nodes of this sector')
    .addOption(numberOption('-y, --year <year>', 'judge "in force" at the end of this year (default: the newest data year)', { kind: 'year' }));
  addOutputOptions(addDataOption(cmd));
  examples(cmd, ['scsr events', 'scsr events --country kr', 'scsr events --sector batteries --json']);
  cmd.action(async (_o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const viewpoint = opts.country ? parseViewpoint(model, opts.country) : undefined;
    const sectors = pickSectors(model, opts.sector, undefined, true).map((s) => s.id);
    const result = listEvents(model, { viewpoint, sectors, year: opts.year as number | undefined });
    await write(await render('events', result, { view: () => eventsView(result), records: () => eventsRecords(result) }, opts));
  });
}

export function eventsView(result: EventList): View {
  return {
    blocks: [
      table(
        // Left out first on a narrow terminal: Source, Lifted, Imposed, Kind; the products move under their row.
        [
          { header: 'Imposed by' },
          { header: 'On' },
          { header: 'Kind', priority: 4 },
          { header: 'Imposed', priority: 3 },
          { header: 'Lifted', priority: 2 },
          { header: 'Weighs now', short: 'Now', align: 'right' },
          { header: 'Products', prose: true },
          { header: 'Source', priority: 1 },
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
        `Export restrictions${result.viewpoint ? ` imposed by or reaching ${upper(result.viewpoint)}` : ''} (as of ${result.referenceDate}; "weighs now" is u in w' = w + (1 − w)·u, ${docPath('methodology.md#events')})`,
      ),
    ],
  };
}

/** CSV/TSV/NDJSON of `events`: one row per export-restriction event. */
export function eventsRecords(result: EventList): Tidy {
  return tidy(
    {
      id: 'string', viewpoint: 'string', imposed_by: 'string', imposed_by_name: 'string', aimed_at: 'string', kind: 'string', imposed: 'string', lifted: 'string',
      in_force: 'boolean', uplift: 'number', nodes: 'string', hs: 'string', products: 'string', source: 'string', note: 'string', reference_date: 'string',
    },
    result.events.map((e) => ({
      id: e.id, viewpoint: result.viewpoint, imposed_by: e.imposedBy, imposed_by_name: e.imposedByName, aimed_at: joinList(e.aimedAt), kind: e.kind, imposed: e.imposed,
      lifted: e.lifted, in_force: e.inForce, uplift: e.uplift, nodes: joinList(e.nodes), hs: joinList(e.hs), products: e.products, source: e.source, note: e.note,
      reference_date: result.referenceDate,
    })),
  );
}
