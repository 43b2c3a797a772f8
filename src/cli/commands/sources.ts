import type { Command } from 'commander';
import { listSources } from '../../engine/catalog.js';
import type { SourceUse } from '../../engine/results-commands.js';
import { resolveSector } from '../../data/resolve.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, table, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { addDataOption, addOutputOptions, examples } from '../options.js';
import { render, write } from '../output.js';

export function registerSources(program: Command): void {
  const cmd = program
    .command('sources')
    .description('every source the data cite, numbered, with what each supplies (stages, inputs, countries)')
    .argument('[sector]', 'only the sources of this sector');
  addOutputOptions(addDataOption(cmd));
  examples(cmd, ['scsr sources', 'scsr sources batteries', 'scsr sources semiconductors --json | jq ".sources[] | select(.supplies.inputs | index(\\"fabrication/leading-edge-logic\\"))"']);
  cmd.action(async (sectorArg: string | undefined, _opts, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const ids = sectorArg ? [resolveOrUsage(() => resolveSector(model, sectorArg)).id] : undefined;
    const sources = listSources(model, ids);
    await write(await render('sources', { sources }, { view: () => sourcesView(sources), records: () => sourcesRecords(sources) }, opts));
  });
}

function suppliesText(s: SourceUse): string {
  return (
    [
      s.supplies.figures ? `${s.supplies.figures} figure${s.supplies.figures === 1 ? '' : 's'}` : '',
      s.supplies.inputs.length ? `inputs: ${s.supplies.inputs.join(', ')}` : s.supplies.stages.length ? `stages: ${s.supplies.stages.join(', ')}` : '',
      s.supplies.countries.length ? `countries: ${s.supplies.countries.join(' ')}` : '',
      s.supplies.other.join('; '),
    ]
      .filter(Boolean)
      .join('\n') || 'cited, no figures'
  );
}

export function sourcesView(sources: SourceUse[]): View {
  return {
    blocks: [
      table(
        // On a narrow terminal the address and what a source supplies move under its row; Sector, then Id are left out first.
        [
          { header: '#', align: 'right' },
          { header: 'Source' },
          { header: 'Year', align: 'right' },
          { header: 'Sector', priority: 2 },
          { header: 'Id', priority: 3 },
          { header: 'Address', prose: true },
          { header: 'Supplies', prose: true },
        ],
        sources.map((s) => [
          String(s.number),
          `${cell(s.publisher, 'strong').text}: ${s.title}${s.secondary ? ' (secondary)' : ''}`,
          String(s.year),
          s.sector ?? 'countries',
          s.id,
          `${s.url ?? ''}${s.seed ? ` seed ${s.seed}` : ''}`,
          suppliesText(s),
        ]),
      ),
    ],
  };
}

/** CSV/TSV/NDJSON of `sources`: one row per source; lists joined with "; ". */
export function sourcesRecords(sources: SourceUse[]): Tidy {
  return tidy(
    {
      number: 'number', sector: 'string', id: 'string', publisher: 'string', title: 'string', year: 'number', url: 'string', seed: 'string', secondary: 'boolean',
      figures: 'number', stages: 'string', inputs: 'string', countries: 'string', other: 'string',
    },
    sources.map((s) => ({
      number: s.number, sector: s.sector, id: s.id, publisher: s.publisher, title: s.title, year: s.year, url: s.url, seed: s.seed, secondary: s.secondary,
      figures: s.supplies.figures, stages: joinList(s.supplies.stages), inputs: joinList(s.supplies.inputs), countries: joinList(s.supplies.countries), other: joinList(s.supplies.other),
    })),
  );
}
