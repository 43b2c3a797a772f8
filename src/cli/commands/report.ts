import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Model, Sector } from '../../data/model.js';
import { countryName, resolveSector } from '../../data/resolve.js';
import { listSources, listStages } from '../../engine/catalog.js';
import { DEFAULT_IMPACT_COUNTRY, impactCountries, sectorPolicies } from '../../engine/policies.js';
import { scoreSector } from '../../engine/score.js';
import { shockSector, worstCase } from '../../engine/shock.js';
import type { SectorReport } from '../../render/html.js';
import { getModel, resolveOrUsage } from '../context.js';
import { addDataOption, addYearOption, examples } from '../options.js';
import { write } from '../output.js';
import { parseCountry, snapshotOptions } from '../parse.js';
import { VERSION } from '../version.js';
import { writeFileSafely } from '../write-file.js';

export function registerReport(program: Command): void {
  const cmd = program
    .command('report')
    .description('a self-contained HTML page of charts per sector: who supplies each stage, stage risks and the weakest link, exposure, the worst single-country cut-off, policy impacts, sources (HTML only: no --json or --format)')
    .argument('[sectors...]', 'sector ids, names or aliases (default: every sector)')
    .option('-c, --country <country>', "viewpoint country (default: each sector's assessor, the US for the built-in sectors)")
    .option('-o, --out <file>', 'write the page to this file: a new file or a regular file (replaced whole, keeping its mode; a symlink is followed); "-" for stdout. Default: stdout when piped, scsr-report[-SECTOR].html on a terminal');
  addYearOption(addDataOption(cmd));
  examples(cmd, ['scsr report --out report.html', 'scsr report batteries --country kr --out batteries-kr.html', 'scsr report semiconductors > semis.html', 'scsr report semiconductors     # on a terminal: writes scsr-report-semiconductors.html']);
  cmd.addHelpText(
    'after',
    'The report is HTML only: it has no --json or --format. The same numbers as JSON come from\n`scsr score`, `scsr shock --worst`, `scsr policies` and `scsr sources` with --json.\nThe page runs no script and loads nothing from the network. On a phone the charts keep their\nsize and scroll sideways; printed (or saved as PDF) the heat map gets landscape pages and every\ntable is printed in full. It prints in greyscale. scsr says on stderr where the page went.\n--out refuses a directory, device, FIFO or socket (exit 4).\n',
  );
  cmd.action(async (sectorArgs: string[], _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const sectors = sectorArgs.length ? [...new Set(sectorArgs.map((a) => resolveOrUsage(() => resolveSector(model, a))))] : model.sectors;
    const viewpoint = opts.country ? parseCountry(model, opts.country) : undefined;
    const snap = snapshotOptions(opts);
    const { renderReport } = await import('../../render/html.js');
    const html = renderReport({ version: VERSION, sectors: sectors.map((s) => sectorReport(model, s, { ...snap, ...(viewpoint ? { viewpoint } : {}) })) });
    const size = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;
    // A page of HTML poured into a terminal helps nobody: there it goes to a file by default.
    const out: string | undefined = opts.out ?? (process.stdout.isTTY ? defaultFileName(sectorArgs.length ? sectors : []) : undefined);
    if (out === undefined || out === '-') {
      write(html);
      process.stderr.write(`scsr: wrote the report to standard output (${size(Buffer.byteLength(html))})\n`);
      return;
    }
    const written = await writeFileSafely(out, html);
    const via = written.path !== resolve(out) ? ` (through a symlink: ${written.path})` : '';
    process.stderr.write(`scsr: wrote the report to ${out}${via} (${size(written.bytes)})${opts.out ? '' : '; --out FILE names the file, --out - writes to stdout'}\n`);
  });
}

/** scsr-report.html, or scsr-report-ID[-ID...].html for the sectors named (ids are [a-z0-9-]). */
export function defaultFileName(sectors: readonly Sector[]): string {
  return `scsr-report${sectors.map((s) => `-${s.id}`).join('')}.html`;
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
    assessorName: score.assessor ? countryName(model.countries, score.assessor) : null,
    origin: model.origins[sector.id] ?? 'built-in',
    stages: listStages(sector),
    sources: [...own, ...countrySources],
    worst,
    cutOff,
    policies: policyCountry ? sectorPolicies(sector, { country: policyCountry }) : null,
    policyCountryName: policyCountry ? countryName(model.countries, policyCountry) : null,
  };
}
