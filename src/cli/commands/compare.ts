import type { Command } from 'commander';
import { resolveSector } from '../../data/resolve.js';
import { compareCountries } from '../../engine/relations.js';
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
    const A = upper(a);
    const B = upper(b);
    const view = (): View => {
      const blocks: Block[] = [];
      for (const c of comparisons) {
        blocks.push(
          table(
            [
              { header: 'Stage', key: 'stage' },
              { header: `${A} share`, key: 'a_share', align: 'right' },
              { header: `${B} share`, key: 'b_share', align: 'right' },
              { header: `${A} risk`, key: 'a_risk' },
              { header: `${B} risk`, key: 'b_risk' },
              { header: `${A} relies on ${B}`, key: 'a_relies_on_b', align: 'right' },
              { header: `${B} relies on ${A}`, key: 'b_relies_on_a', align: 'right' },
            ],
            c.stages.map((s) => [
              cell(s.name, 'strong'),
              s.a.sharePct !== null && !s.a.listed ? 'not listed' : pct(s.a.sharePct),
              s.b.sharePct !== null && !s.b.listed ? 'not listed' : pct(s.b.sharePct),
              riskCell(s.a.risk),
              riskCell(s.b.risk),
              s.aReliesOnBPct === null ? 'no data' : pct(s.aReliesOnBPct),
              s.bReliesOnAPct === null ? 'no data' : pct(s.bReliesOnAPct),
            ]),
            `${c.name}: ${A} vs ${B} ("relies on" = share of the country's foreign supply from the other)`,
          ),
        );
        const ls = [
          `Weakest link: ${A} ${c.weakestLink.a ?? 'no data'}; ${B} ${c.weakestLink.b ?? 'no data'}`,
          ...c.dependencies.aOnB.map((d) => `Named (${d.kind}): ${A} on ${B} at ${d.stage}${d.input ? `/${d.input}` : ''}: "${d.text}" [${d.source}]`),
          ...c.dependencies.bOnA.map((d) => `Named (${d.kind}): ${B} on ${A} at ${d.stage}${d.input ? `/${d.input}` : ''}: "${d.text}" [${d.source}]`),
          cell(c.verdict, 'strong'),
        ];
        blocks.push(lines(ls));
      }
      return { blocks };
    };
    write(await render('compare', { a, b, comparisons }, view, opts));
  });
}
