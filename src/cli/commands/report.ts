import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Model, Sector } from '../../data/model.js';
import { countryName, resolveSector } from '../../data/resolve.js';
import { listSources, listStages } from '../../engine/catalog.js';
import { DEFAULT_IMPACT_COUNTRY, impactCountries, sectorPolicies } from '../../engine/policies.js';
import { scoreSector } from '../../engine/score.js';
import { shockSector, worstCase } from '../../engine/shock.js';
import type { SectorReport } from '../../render/html.js';
import { getModel, resolveOrUsage } from '../context.js';
import { CliError, EXIT } from '../exit.js';
import { addDataOption, addYearOption, examples } from '../options.js';
import { write } from '../output.js';
import { parseCountry, snapshotOptions } from '../parse.js';
import { VERSION } from '../version.js';

export function registerReport(program: Command): void {
  const cmd = program
    .command('report')
    .description('a self-contained HTML page of charts per sector: who supplies each stage, stage risks and the weakest link, exposure, the worst single-country cut-off, policy impacts, sources (HTML only: no --json or --format)')
    .argument('[sectors...]', 'sector ids, names or aliases (default: every sector)')
    .option('-c, --country <country>', "viewpoint country (default: each sector's assessor, the US for the built-in sectors)")
    .option('-o, --out <file>', 'write the page to this file (written whole or not at all; default: stdout)');
  addYearOption(addDataOption(cmd));
  examples(cmd, ['scsr report --out report.html', 'scsr report batteries --country kr --out batteries-kr.html', 'scsr report semiconductors > semis.html']);
  cmd.addHelpText(
    'after',
    'The report is HTML only: it has no --json or --format. The same numbers as JSON come from\n`scsr score`, `scsr shock --worst`, `scsr policies` and `scsr sources` with --json.\nThe page runs no script and loads nothing from the network; it prints in greyscale.\n',
  );
  cmd.action(async (sectorArgs: string[], _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const sectors = sectorArgs.length ? [...new Set(sectorArgs.map((a) => resolveOrUsage(() => resolveSector(model, a))))] : model.sectors;
    const viewpoint = opts.country ? parseCountry(model, opts.country) : undefined;
    const snap = snapshotOptions(opts);
    const { renderReport } = await import('../../render/html.js');
    const html = renderReport({ version: VERSION, sectors: sectors.map((s) => sectorReport(model, s, { ...snap, ...(viewpoint ? { viewpoint } : {}) })) });
    if (opts.out) writeWhole(opts.out, html);
    else write(html);
  });
}

/** Every result one sector's section shows, computed by the engine. */
export function sectorReport(model: Model, sector: Sector, options: { viewpoint?: string; year?: number; basis?: string }): SectorReport {
  const score = scoreSector(model, sector, options);
  const own = listSources(model, [sector.id]);
  // The countries data (governance, alliances, concerns) drive every modelled risk: cite them too.
  const countrySources = listSources(model)
    .filter((s) => s.sector === null)
    .map((s, i) => ({ ...s, number: own.length + i + 1 }));
  const worst = worstCase(model, sector, { ...options, top: Number.MAX_SAFE_INTEGER });
  // The single country whose cut-off costs the world the most (regions are not countries).
  const pick = worst.byWorld.find((e) => e.target.kind === 'country' && (e.worldLostPct ?? 0) > 0);
  const cutOff = pick ? shockSector(model, sector, { ...options, targets: [pick.target.id] }) : null;
  // Impacts are given for few countries (KIET: Korea): the viewpoint's when there are, else the data's own.
  const impactFor = impactCountries(sector);
  const policyCountry = impactFor.includes(score.viewpoint) ? score.viewpoint : impactFor.includes(DEFAULT_IMPACT_COUNTRY) ? DEFAULT_IMPACT_COUNTRY : (impactFor[0] ?? null);
  return {
    score,
    viewpointName: countryName(model.countries, score.viewpoint),
    origin: model.origins[sector.id] ?? 'built-in',
    stages: listStages(sector),
    sources: [...own, ...countrySources],
    worst,
    cutOff,
    policies: policyCountry ? sectorPolicies(sector, { country: policyCountry }) : null,
    policyCountryName: policyCountry ? countryName(model.countries, policyCountry) : null,
  };
}

/** Write to a temporary file beside the target, then rename: a reader never sees half a page. */
function writeWhole(file: string, text: string): void {
  const target = resolve(file);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, target);
  } catch (e) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The temporary file could not be made, or cannot be removed: the message below says why.
    }
    throw new CliError(`cannot write ${file}: ${fsReason(e)}`, EXIT.io);
  }
}

function fsReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such directory';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on device';
    default: return (e as Error).message ?? String(e);
  }
}
