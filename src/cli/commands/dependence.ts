import type { Command } from 'commander';
import { dependenceOf } from '../../engine/dependence.js';
import type { DependenceResult } from '../../engine/results-trade.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, type View } from '../../render/view.js';
import { getModel } from '../context.js';
import { pct, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples, numberOption } from '../options.js';
import { render, write } from '../output.js';
import { parseViewpoint, pickSectors, snapshotOptions } from '../parse.js';

export function registerDependence(program: Command): void {
  const cmd = program
    .command('dependence')
    .description("every node where one partner supplies more than the line (default 50%, Korea's 3050 strategy) of a country's imports, with year, measure, source and history")
    .argument('<country>', 'the importing country or region (code, name or alias)')
    .option('-s, --sector <sector>', 'only this sector (default: every sector)')
    .addOption(numberOption('--line <percent>', 'the single-country line, in percent of imports', { kind: 'percent' }, 50, '50%'))
    .option('--measured', 'only nodes with import data (leave out estimates from world shares)');
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr dependence kr', 'scsr dependence kr --measured --sector batteries', 'scsr dependence us --line 75', 'scsr dependence kr --json | jq ".rows[] | {node, partner, sharePct}"']);
  cmd.action(async (countryArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const v = parseViewpoint(model, countryArg, 'argument <country>');
    const sectors = pickSectors(model, opts.sector, undefined, true);
    const result = dependenceOf(model, sectors, v, { linePct: opts.line as number, measuredOnly: Boolean(opts.measured), ...snapshotOptions(opts) });
    await write(await render('dependence', result, { view: () => dependenceView(result), records: () => dependenceRecords(result) }, opts));
  });
}

export function dependenceView(result: DependenceResult): View {
  const V = upper(result.viewpoint);
  return {
    blocks: [
      table(
        // Left out first on a narrow terminal: Source, History, Sector, Measure, Year.
        [
          { header: 'Sector', priority: 3 },
          { header: 'Node' },
          { header: 'Partner' },
          { header: 'Share of imports', short: 'Share', align: 'right' },
          { header: 'Year', align: 'right', priority: 5 },
          { header: 'Measure', priority: 4 },
          { header: 'History', priority: 2 },
          { header: 'Source', priority: 1 },
        ],
        result.rows.map((r) => [
          r.sector,
          cell(r.name, 'strong'),
          `${r.partnerName} (${upper(r.partner)})`,
          cell(`${pct(r.sharePct)}${r.measured ? '' : ' est.'}`, r.sharePct > 90 ? 'bad' : 'warn', r.sharePct),
          String(r.year),
          r.measured ? `${r.measure}${r.hs.length ? `, HS ${r.hs.join(' ')}` : ''}` : cell('estimated from world shares', 'muted'),
          r.history.length > 1 ? r.history.map((h) => `${h.period ? `${h.period.from}-${h.period.to}` : h.year}${h.partial ? '*' : ''} ${h.sharePct === null ? '-' : pct(h.sharePct, 0)}`).join(', ') : '',
          cell(`${r.source}${r.events.length ? `; events: ${r.events.map((e) => e.id).join(', ')}` : ''}`, 'muted'),
        ]),
        `${result.viewpointName}: partners above ${pct(result.linePct, 0)} of ${V}'s imports (est. = estimated from world shares, no import data; * = part of a year)`,
      ),
      lines([
        ...result.coverage.map((c) => cell(`${c.sector}: ${c.measured} of ${c.nodes} nodes measured from ${V}'s import data, ${c.estimated} estimated`, 'muted')),
        ...(result.rows.length ? [] : [cell(`No partner above ${pct(result.linePct, 0)} of ${V}'s imports${result.measuredOnly ? ' in the import data' : ''}.`, 'good')]),
      ]),
    ],
  };
}

/** CSV/TSV/NDJSON of `dependence`: one row per node and partner above the line (the history is in the table and JSON). */
export function dependenceRecords(result: DependenceResult): Tidy {
  return tidy(
    {
      sector: 'string', viewpoint: 'string', node: 'string', stage: 'string', name: 'string', partner: 'string', partner_name: 'string',
      share_pct: 'number', line_pct: 'number', measured: 'boolean', year: 'number', measure: 'string', product: 'string', hs: 'string', source: 'string', events: 'string',
    },
    result.rows.map((r) => ({
      sector: r.sector, viewpoint: result.viewpoint, node: r.node, stage: r.stage, name: r.name, partner: r.partner, partner_name: r.partnerName,
      share_pct: r.sharePct, line_pct: r.linePct, measured: r.measured, year: r.year, measure: r.measure, product: r.product, hs: joinList(r.hs), source: r.source,
      events: joinList(r.events.map((e) => e.id)),
    })),
  );
}
