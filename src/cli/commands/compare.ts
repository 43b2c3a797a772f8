import type { Command } from 'commander';
import { resolveSector } from '../../data/resolve.js';
import type { SectorComparison } from '../../engine/results-commands.js';
import { compareCountries } from '../../engine/relations.js';
import { tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, type Block, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { pct, riskCell, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples } from '../options.js';
import { render, write } from '../output.js';
import { parseCountry, snapshotOptions } from '../parse.js';

export function registerCompare(program: Command): void {
  const cmd = program
    .command('compare')
    .description('two countries stage by stage: shares, risks, weakest links, who relies on whom, and a verdict per sector')
    .argument('<a>', 'first country (code, name or alias)')
    .argument('<b>', 'second country')
    .option('-s, --sector <sector>', 'only this sector (default: every sector)');
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr compare us kr', 'scsr compare korea china --sector batteries', 'scsr compare us tw --json | jq ".comparisons[].verdict"']);
  cmd.action(async (aArg: string, bArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const a = parseCountry(model, aArg, 'argument <a>');
    const b = parseCountry(model, bArg, 'argument <b>');
    if (a === b) throw usageError(`compare needs two different countries (got ${a} twice)`);
    const sectors = opts.sector ? [resolveOrUsage(() => resolveSector(model, opts.sector))] : model.sectors;
    const comparisons = compareCountries(model, sectors, a, b, snapshotOptions(opts));
    await write(await render('compare', { a, b, comparisons }, { view: () => compareView(comparisons, a, b), records: () => compareRecords(comparisons) }, opts));
  });
}

const shareText = (side: { sharePct: number | null; listed: boolean }): string => (side.sharePct !== null && !side.listed ? 'not listed' : pct(side.sharePct));

export function compareView(comparisons: SectorComparison[], a: string, b: string): View {
  const A = upper(a);
  const B = upper(b);
  const blocks: Block[] = [];
  for (const c of comparisons) {
    blocks.push(
      table(
        // Left out first on a narrow terminal: the "relies on" columns, then the shares.
        [
          { header: 'Stage' },
          { header: `${A} share`, align: 'right', priority: 7 },
          { header: `${B} share`, align: 'right', priority: 7 },
          { header: `${A} risk` },
          { header: `${B} risk` },
          { header: `${A} relies on ${B}`, short: `${A} on ${B}`, align: 'right', priority: 6 },
          { header: `${B} relies on ${A}`, short: `${B} on ${A}`, align: 'right', priority: 6 },
        ],
        c.stages.map((s) => [
          cell(s.name, 'strong'),
          shareText(s.a),
          shareText(s.b),
          riskCell(s.a.risk),
          riskCell(s.b.risk),
          s.aReliesOnBPct === null ? 'no data' : pct(s.aReliesOnBPct),
          s.bReliesOnAPct === null ? 'no data' : pct(s.bReliesOnAPct),
        ]),
        `${c.name}: ${A} vs ${B} ("relies on" = share of the country's foreign supply from the other)`,
      ),
    );
    blocks.push(
      lines([
        `Weakest link: ${A} ${c.weakestLink.a ?? 'no data'}; ${B} ${c.weakestLink.b ?? 'no data'}`,
        ...c.dependencies.aOnB.map((d) => `Named (${d.kind}): ${A} on ${B} at ${d.stage}${d.input ? `/${d.input}` : ''}: "${d.text}" [${d.source}]`),
        ...c.dependencies.bOnA.map((d) => `Named (${d.kind}): ${B} on ${A} at ${d.stage}${d.input ? `/${d.input}` : ''}: "${d.text}" [${d.source}]`),
        cell(c.verdict, 'strong'),
      ]),
    );
  }
  return { blocks };
}

/** CSV/TSV/NDJSON of `compare`: one row per sector, stage and country (viewpoint), the other country its partner. */
export function compareRecords(comparisons: SectorComparison[]): Tidy {
  return tidy(
    { sector: 'string', stage: 'string', name: 'string', viewpoint: 'string', partner: 'string', share_pct: 'number', listed: 'boolean', risk: 'number', relies_on_partner_pct: 'number', weakest_link: 'boolean' },
    (function* () {
      for (const c of comparisons) {
        for (const s of c.stages) {
          yield { sector: c.sector, stage: s.stage, name: s.name, viewpoint: c.a, partner: c.b, share_pct: s.a.sharePct, listed: s.a.listed, risk: s.a.risk, relies_on_partner_pct: s.aReliesOnBPct, weakest_link: c.weakestLink.a === s.stage };
          yield { sector: c.sector, stage: s.stage, name: s.name, viewpoint: c.b, partner: c.a, share_pct: s.b.sharePct, listed: s.b.listed, risk: s.b.risk, relies_on_partner_pct: s.bReliesOnAPct, weakest_link: c.weakestLink.b === s.stage };
        }
      }
    })(),
  );
}
