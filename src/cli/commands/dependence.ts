import type { Command } from 'commander';
import { dependenceOf } from '../../engine/dependence.js';
import { cell, lines, table, type View } from '../../render/view.js';
import { getModel } from '../context.js';
import { pct, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples } from '../options.js';
import { render, write } from '../output.js';
import { parsePercent, parseViewpoint, pickSectors, snapshotOptions } from '../parse.js';

export function registerDependence(program: Command): void {
  const cmd = program
    .command('dependence')
    .description("every node where one partner supplies more than the line (default 50%, Korea's 3050 strategy) of a country's imports, with year, measure, source and history")
    .argument('<country>', 'the importing country or region (code, name or alias)')
    .option('-s, --sector <sector>', 'only this sector (default: every sector)')
    .option('--line <percent>', 'the single-country line, in percent of imports', '50')
    .option('--measured', 'only nodes with import data (leave out estimates from world shares)');
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr dependence kr', 'scsr dependence kr --measured --sector batteries', 'scsr dependence us --line 75', 'scsr dependence kr --json | jq ".rows[] | {node, partner, sharePct}"']);
  cmd.action(async (countryArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const v = parseViewpoint(model, countryArg, 'argument <country>');
    const linePct = parsePercent('--line', opts.line, 50);
    const sectors = pickSectors(model, opts.sector, undefined, true);
    const result = dependenceOf(model, sectors, v, { linePct, measuredOnly: Boolean(opts.measured), ...snapshotOptions(opts) });
    const V = upper(v);
    const view = (): View => ({
      blocks: [
        table(
          [
            { header: 'Sector', key: 'sector' },
            { header: 'Node', key: 'node' },
            { header: 'Partner', key: 'partner' },
            { header: 'Share of imports', key: 'share_pct', align: 'right' },
            { header: 'Year', key: 'year', align: 'right' },
            { header: 'Measure', key: 'measure' },
            { header: 'History', key: 'history' },
            { header: 'Source', key: 'source' },
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
    });
    write(await render('dependence', result, view, opts));
  });
}
