import type { Command } from 'commander';
import { resolveSector } from '../../data/resolve.js';
import { compareCountries } from '../../engine/relations.js';
import { cell, lines, table, type Block, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { pct, riskCell, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples } from '../options.js';
import { render, write } from '../output.js';
import { parseViewpoint, snapshotOptions } from '../parse.js';

export function registerCompare(program: Command): void {
  const cmd = program
    .command('compare')
    .description('two countries stage by stage: shares, risks, weakest links, who relies on whom, and a verdict per sector')
    .argument('<a>', 'first country (code, name or alias)')
    .argument('<b>', 'second country')
    .option('-s, --sector <sector>', 'only this sector (default: every sector)')
    .option('-i, --inputs', 'also compare every input node (the same node on both sides)');
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr compare us kr', 'scsr compare korea china --sector batteries', 'scsr compare us tw --json | jq ".comparisons[].verdict"']);
  cmd.action(async (aArg: string, bArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const a = parseViewpoint(model, aArg, 'argument <a>');
    const b = parseViewpoint(model, bArg, 'argument <b>');
    if (a === b) throw usageError(`compare needs two different countries (got ${a} twice)`);
    const sectors = opts.sector ? [resolveOrUsage(() => resolveSector(model, opts.sector))] : model.sectors;
    const comparisons = compareCountries(model, sectors, a, b, snapshotOptions(opts));
    const A = upper(a);
    const B = upper(b);
    const share = (x: { sharePct: number | null; listed: boolean }) => (x.sharePct === null ? '-' : !x.listed ? 'not listed' : pct(x.sharePct));
    const riskText = (x: { risk: number | null; riskBasis: string | null; binding: Array<{ path: string; name: string }> }) => {
      const r = riskCell(x.risk);
      const via = x.binding.filter((b) => b.path.includes('/')).map((b) => b.name).join(' = ');
      return { ...r, text: `${r.text}${x.riskBasis === 'blended' || x.riskBasis === 'rating' ? '*' : ''}${via ? ` (${via})` : ''}` };
    };
    const reliance = (r: { pct: number | null; nodeName: string | null; measured: boolean }) =>
      r.pct === null ? 'no data' : r.pct === 0 ? '0%' : `${pct(r.pct)}${r.measured ? '' : ' est.'} (${r.nodeName})`;
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
            [
              ...c.stages.flatMap((s) => [
                [
                  cell(s.name, 'strong'),
                  share(s.a),
                  share(s.b),
                  riskText(s.a),
                  riskText(s.b),
                  reliance(s.aReliesOnB),
                  reliance(s.bReliesOnA),
                ],
                ...(opts.inputs
                  ? c.nodes
                      .filter((n) => n.stage === s.stage && n.depth > 0)
                      .map((n) => [
                        cell(`${'  '.repeat(n.depth)}↳ ${n.name}`, 'muted'),
                        share(n.a),
                        share(n.b),
                        cell(n.a.risk === null ? '-' : `(${n.a.risk.toFixed(1)})`, 'muted'),
                        cell(n.b.risk === null ? '-' : `(${n.b.risk.toFixed(1)})`, 'muted'),
                        n.aReliesOnBPct === null ? 'no data' : `${pct(n.aReliesOnBPct)}${n.measured.a ? '' : ' est.'}`,
                        n.bReliesOnAPct === null ? 'no data' : `${pct(n.bReliesOnAPct)}${n.measured.b ? '' : ' est.'}`,
                      ])
                  : []),
              ]),
            ],
            `${c.name}: ${A} vs ${B} (share: of world supply in the stage's own list; risk: * = the rating enters (assessor's view), else the model alone, with the node that sets it; relies on: the other's highest share of the country's supply at a node, est. = estimated from world shares)`,
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
