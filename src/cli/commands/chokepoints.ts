import type { Command } from 'commander';
import { listChokepoints } from '../../engine/relations.js';
import type { ChokepointList } from '../../engine/results-commands.js';
import { tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, type View } from '../../render/view.js';
import { getModel } from '../context.js';
import { pct, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples, numberOption } from '../options.js';
import { render, write } from '../output.js';
import { parseViewpoint, pickSectors, snapshotOptions } from '../parse.js';

export function registerChokepoints(program: Command): void {
  const cmd = program
    .command('chokepoints')
    .description('every node where one supplier holds the line or more of world supply (default 65%, SIA/BCG 2021); with --country also the partners above 50% of its imports (the 3050 line)')
    .option('-s, --sector <sector>', 'only this sector (default: every sector)')
    .addOption(numberOption('-t, --threshold <percent>', 'the line, in percent of world supply', { kind: 'percent' }, 65, '65%'))
    .option('-c, --country <country>', 'add the single-country dependences (>50% of imports) of this viewpoint');
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr chokepoints', 'scsr chokepoints --sector batteries --threshold 50', 'scsr chokepoints --country kr --json | jq ".counts"']);
  cmd.action(async (_o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const sectors = pickSectors(model, opts.sector, undefined, true);
    const viewpoint = opts.country ? parseViewpoint(model, opts.country) : undefined;
    const result = listChokepoints(model, sectors, { thresholdPct: opts.threshold as number, ...(viewpoint ? { viewpoint } : {}), ...snapshotOptions(opts) });
    await write(await render('chokepoints', result, { view: () => chokepointsView(result), records: () => chokepointsRecords(result) }, opts));
  });
}

export function chokepointsView(result: ChokepointList): View {
  return {
    blocks: [
      table(
        // Left out first on a narrow terminal: Data, Sector, Line.
        [
          { header: 'Sector', priority: 3 },
          { header: 'Stage / input' },
          { header: 'Supplier' },
          { header: 'Share', align: 'right' },
          { header: 'Line', priority: 4 },
          { header: 'Data', priority: 2 },
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
  };
}

/** CSV/TSV/NDJSON of `chokepoints`: one row per chokepoint (global, or single-country from the viewpoint). */
export function chokepointsRecords(result: ChokepointList): Tidy {
  return tidy(
    {
      sector: 'string', viewpoint: 'string', node: 'string', stage: 'string', input: 'string', name: 'string', kind: 'string', supplier: 'string', supplier_name: 'string',
      share_pct: 'number', threshold_pct: 'number', measured: 'boolean', snapshot_year: 'number', projection: 'boolean', basis: 'string', source: 'string',
    },
    result.chokepoints.map((c) => ({
      sector: c.sector, viewpoint: result.viewpoint, node: c.node, stage: c.stage, input: c.input, name: c.name, kind: c.kind, supplier: c.supplier, supplier_name: c.supplierName,
      share_pct: c.sharePct, threshold_pct: c.thresholdPct, measured: c.kind === 'global' ? null : c.measured, snapshot_year: c.year, projection: c.projection, basis: c.basis, source: c.source,
    })),
  );
}
