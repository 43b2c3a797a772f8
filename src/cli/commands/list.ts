import type { Command } from 'commander';
import { listCountries, listRegions, listSectors } from '../../engine/catalog.js';
import type { CountrySummary, RegionSummary, SectorSummary } from '../../engine/results-commands.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
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
    const kind = what.toLowerCase();
    if (!['sectors', 'sector', 'countries', 'country', 'regions', 'region'].includes(kind)) throw usageError(`unknown list "${what}": use \`scsr list sectors\`, \`scsr list countries\` or \`scsr list regions\``);
    const model = await getModel(opts);
    if (kind.startsWith('sector')) {
      const sectors = listSectors(model);
      await write(await render('list sectors', { sectors }, { view: () => sectorsView(sectors), records: () => sectorsRecords(sectors) }, opts));
    } else if (kind.startsWith('region')) {
      const regions = listRegions(model.countries);
      await write(await render('list regions', { regions }, { view: () => regionsView(regions), records: () => regionsRecords(regions) }, opts));
    } else {
      const countries = listCountries(model.countries);
      await write(await render('list countries', { countries }, { view: () => countriesView(countries), records: () => countriesRecords(countries) }, opts));
    }
  });
}

export function sectorsView(sectors: SectorSummary[]): View {
  return {
    blocks: [
      table(
        // Left out first on a narrow terminal: From, Sources, Assessor.
        [
          { header: 'Sector' },
          { header: 'Name' },
          { header: 'Stages', align: 'right', priority: 5 },
          { header: 'Assessor', priority: 4 },
          { header: 'Sources', align: 'right', priority: 3 },
          { header: 'From', priority: 2 },
        ],
        sectors.map((s) => [cell(s.id, 'strong'), s.name, String(s.stages), s.assessor ?? '-', String(s.sources), s.origin]),
      ),
    ],
  };
}

export function countriesView(countries: CountrySummary[]): View {
  return {
    blocks: [
      table(
        // Left out first on a narrow terminal: Year, Aliases, Groups.
        [
          { header: 'Code' },
          { header: 'Name' },
          { header: 'Groups', priority: 4 },
          { header: 'WGI', align: 'right', priority: 6 },
          { header: 'Year', align: 'right', priority: 2 },
          { header: 'Aliases', priority: 3 },
        ],
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
  };
}

/** CSV/TSV/NDJSON of `list sectors`: one row per sector. */
export function sectorsRecords(sectors: SectorSummary[]): Tidy {
  return tidy(
    { sector: 'string', name: 'string', stages: 'number', assessor: 'string', sources: 'number', origin: 'string', description: 'string' },
    sectors.map((s) => ({ sector: s.id, name: s.name, stages: s.stages, assessor: s.assessor, sources: s.sources, origin: s.origin, description: s.description })),
  );
}

/** CSV/TSV/NDJSON of `list countries`: one row per country; lists joined with "; ". */
export function countriesRecords(countries: CountrySummary[]): Tidy {
  return tidy(
    { code: 'string', name: 'string', aliases: 'string', groups: 'string', wgi: 'number', wgi_year: 'number', wgi_source: 'string', concern_of: 'string' },
    countries.map((c) => ({
      code: c.code, name: c.name, aliases: joinList(c.aliases), groups: joinList(c.groups),
      wgi: c.governance?.wgi ?? null, wgi_year: c.governance?.year ?? null, wgi_source: c.governance?.source ?? null, concern_of: joinList(c.concernOf),
    })),
  );
}

export function regionsView(regions: RegionSummary[]): View {
  return {
    blocks: [
      table(
        // Left out first on a narrow terminal: Aliases, Members.
        [{ header: 'Region' }, { header: 'Name' }, { header: 'Members', priority: 3 }, { header: 'Aliases', priority: 2 }],
        regions.map((r) => [
          cell(r.id, 'strong'),
          r.name + (r.residual ? ' (unattributed rest)' : ''),
          r.members.length ? r.members.join(' ') : cell('not defined', 'muted'),
          r.aliases.join(' '),
        ]),
      ),
    ],
  };
}

/** CSV/TSV/NDJSON of `list regions`: one row per region; lists joined with "; ". */
export function regionsRecords(regions: RegionSummary[]): Tidy {
  return tidy(
    { region: 'string', name: 'string', members: 'string', aliases: 'string', residual: 'boolean' },
    regions.map((r) => ({ region: r.id, name: r.name, members: joinList(r.members), aliases: joinList(r.aliases), residual: r.residual })),
  );
}
