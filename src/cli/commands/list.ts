import type { Command } from 'commander';
import { listCountries, listRegions, listSectors } from '../../engine/catalog.js';
import { cell, table, type View } from '../../render/view.js';
import { getModel } from '../context.js';
import { usageError } from '../exit.js';
import { addDataOption, addOutputOptions, examples } from '../options.js';
import { render, write } from '../output.js';

export function registerList(program: Command): void {
  const cmd = program
    .command('list')
    .description('list sectors (default), countries or regions')
    .argument('[what]', 'sectors, countries or regions', 'sectors');
  addOutputOptions(addDataOption(cmd));
  examples(cmd, ['scsr list', 'scsr list countries --json', 'scsr list regions', 'scsr list --data my-sectors/']);
  cmd.action(async (what: string, _opts, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const kind = what.toLowerCase();
    if (kind === 'sectors' || kind === 'sector') {
      const sectors = listSectors(model);
      const view = (): View => ({
        blocks: [
          table(
            [{ header: 'Sector', key: 'id' }, { header: 'Name', key: 'name' }, { header: 'Stages', key: 'stages', align: 'right' }, { header: 'Assessor', key: 'assessor' }, { header: 'Sources', key: 'sources', align: 'right' }, { header: 'From', key: 'origin' }],
            sectors.map((s) => [cell(s.id, 'strong'), s.name, String(s.stages), s.assessor ?? '-', String(s.sources), s.origin]),
          ),
        ],
      });
      write(await render('list sectors', { sectors }, view, opts));
    } else if (kind === 'countries' || kind === 'country') {
      const countries = listCountries(model.countries);
      const view = (): View => ({
        blocks: [
          table(
            [{ header: 'Code', key: 'code' }, { header: 'Name', key: 'name' }, { header: 'Groups', key: 'groups' }, { header: 'WGI', key: 'wgi', align: 'right' }, { header: 'Year', key: 'wgi_year', align: 'right' }, { header: 'Aliases', key: 'aliases' }],
            countries.map((c) => [
              cell(c.code, 'strong'),
              c.name + (c.concernOf.length ? ` (concern of ${c.concernOf.join(', ')})` : ''),
              c.groups.join(' '),
              c.governance ? c.governance.wgi.toFixed(2) : 'no data',
              c.governance ? String(c.governance.year) : '',
              c.aliases.join(' '),
            ]),
          ),
        ],
      });
      write(await render('list countries', { countries }, view, opts));
    } else if (kind === 'regions' || kind === 'region') {
      const regions = listRegions(model.countries);
      const view = (): View => ({
        blocks: [
          table(
            [{ header: 'Region', key: 'id' }, { header: 'Name', key: 'name' }, { header: 'Members', key: 'members' }, { header: 'Aliases', key: 'aliases' }],
            regions.map((r) => [
              cell(r.id, 'strong'),
              r.name + (r.residual ? ' (unattributed rest)' : ''),
              r.members.length ? r.members.join(' ') : cell('not defined', 'muted'),
              r.aliases.join(' '),
            ]),
          ),
        ],
      });
      write(await render('list regions', { regions }, view, opts));
    } else {
      throw usageError(`unknown list "${what}": use \`scsr list sectors\`, \`scsr list countries\` or \`scsr list regions\``);
    }
  });
}
