import type { Command } from 'commander';
import { listSources } from '../../engine/catalog.js';
import { resolveSector } from '../../data/resolve.js';
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
    const view = (): View => ({
      blocks: [
        table(
          [{ header: '#', key: 'number', align: 'right' }, { header: 'Source', key: 'source' }, { header: 'Year', key: 'year', align: 'right' }, { header: 'Supplies', key: 'supplies' }],
          sources.map((s) => [
            String(s.number),
            `${cell(s.publisher, 'strong').text}: ${s.title}${s.secondary ? ' (secondary)' : ''}\n${s.url ?? ''}${s.seed ? ` seed ${s.seed}` : ''}\n[${s.sector ?? 'countries'}:${s.id}]`,
            String(s.year),
            [
              s.supplies.figures ? `${s.supplies.figures} figure${s.supplies.figures === 1 ? '' : 's'}` : '',
              s.supplies.inputs.length ? `inputs: ${s.supplies.inputs.join(', ')}` : s.supplies.stages.length ? `stages: ${s.supplies.stages.join(', ')}` : '',
              s.supplies.countries.length ? `countries: ${s.supplies.countries.join(' ')}` : '',
              s.supplies.other.join('; '),
            ].filter(Boolean).join('\n') || 'cited, no figures',
          ]),
        ),
      ],
    });
    write(await render('sources', { sources }, view, opts));
  });
}
