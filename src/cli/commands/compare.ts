import type { Command } from 'commander';
import { resolveSector } from '../../data/resolve.js';
import { compareCountries } from '../../engine/relations.js';
import type { SectorComparison } from '../../engine/results-commands.js';
import { tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, type Block, type CellLike, type View } from '../../render/view.js';
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
    .option('-i, --inputs', 'also compare every input node (the same node on both sides)')
    .option('--bases <list>', 'also read the comparison on each of these bases, side by side: location, headquarters, ownership (comma list)');
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, [
    'scsr compare us kr',
    'scsr compare korea china --sector batteries',
    'scsr compare us kr --sector batteries --bases location,ownership',
    'scsr compare us tw --json | jq ".comparisons[].verdict"',
  ]);
  cmd.action(async (aArg: string, bArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const a = parseViewpoint(model, aArg, 'argument <a>');
    const b = parseViewpoint(model, bArg, 'argument <b>');
    if (a === b) throw usageError(`compare needs two different countries (got ${a} twice)`);
    const sectors = opts.sector ? [resolveOrUsage(() => resolveSector(model, opts.sector))] : model.sectors;
    const bases = opts.bases === undefined ? [] : parseBases(String(opts.bases));
    if (bases.length && opts.basis) throw usageError('give --basis or --bases, not both');
    const comparisons = compareCountries(model, sectors, a, b, { ...snapshotOptions(opts), bases });
    await write(
      await render('compare', { a, b, comparisons }, { view: () => compareView(comparisons, a, b, Boolean(opts.inputs)), records: () => compareRecords(comparisons) }, opts),
    );
  });
}

const BASES = ['location', 'headquarters', 'ownership'];

/** --bases: a comma list of distinct bases, at least one. */
function parseBases(value: string): string[] {
  const list = value.split(',').map((x) => x.trim().toLowerCase());
  const bad = list.find((x) => !BASES.includes(x));
  if (bad !== undefined || list.length === 0) throw usageError(`option --bases takes a comma list of ${BASES.join(', ')} (got "${value}")`);
  if (new Set(list).size !== list.length) throw usageError(`option --bases names a basis twice (got "${value}")`);
  return list;
}

const share = (x: { sharePct: number | null; listed: boolean }) => (x.sharePct === null ? '-' : !x.listed ? 'not listed' : pct(x.sharePct));
const riskText = (x: { risk: number | null; riskBasis: string | null; binding: Array<{ path: string; name: string }> }) => {
  const r = riskCell(x.risk);
  const via = x.binding.filter((b) => b.path.includes('/')).map((b) => b.name).join(' = ');
  return { ...r, text: `${r.text}${x.riskBasis === 'blended' || x.riskBasis === 'rating' ? '*' : ''}${via ? ` (${via})` : ''}` };
};
const reliance = (r: { pct: number | null; nodeName: string | null; measured: boolean }) =>
  r.pct === null ? 'no data' : r.pct === 0 ? '0%' : `${pct(r.pct)}${r.measured ? '' : ' est.'} (${r.nodeName})`;

export function compareView(comparisons: SectorComparison[], a: string, b: string, showInputs = false): View {
  const A = upper(a);
  const B = upper(b);
  const blocks: Block[] = [];
  for (const c of comparisons) {
    const rows: CellLike[][] = c.stages.flatMap((s) => [
      [cell(s.name, 'strong'), share(s.a), share(s.b), riskText(s.a), riskText(s.b), reliance(s.aReliesOnB), reliance(s.bReliesOnA)],
      ...(showInputs
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
    ]);
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
        rows,
        `${c.name}: ${A} vs ${B} (share: of world supply in the stage's own list; risk: * = the rating enters (assessor's view), else the model alone, with the node that sets it; relies on: the other's highest share of the country's supply at a node, est. = estimated from world shares)`,
      ),
    );
    if (c.bases.length) {
      const short: Record<string, string> = { location: 'loc.', headquarters: 'HQ', ownership: 'own.' };
      const cols = c.bases.flatMap((x) => [
        { header: `${A} share ${short[x.basis]}`, align: 'right' as const },
        { header: `${B} share ${short[x.basis]}`, align: 'right' as const },
        { header: `${A} on ${B} ${short[x.basis]}`, align: 'right' as const, priority: 5 },
      ]);
      blocks.push(
        table(
          [{ header: 'Stage' }, ...cols],
          c.stages.map((st, i) => [
            cell(st.name, 'strong'),
            ...c.bases.flatMap((x) => {
              const r = x.stages[i]!;
              return [pct(r.aSharePct), pct(r.bSharePct), r.aReliesOnBPct === null ? 'no data' : pct(r.aReliesOnBPct)];
            }),
          ]),
          `${c.name}: ${A} and ${B} by ${c.bases.map((x) => x.basis).join(' and by ')} (location: where the plants are; headquarters and ownership: whose firms they are)`,
        ),
      );
    }
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

/**
 * CSV/TSV/NDJSON of `compare`: one row per sector, node and country (viewpoint), the other
 * country its partner. A stage's row (depth 0) carries the stage figures (its risk and what
 * sets it, the highest reliance at any of its nodes); an input's row its own.
 */
export function compareRecords(comparisons: SectorComparison[]): Tidy {
  return tidy(
    {
      sector: 'string', node: 'string', stage: 'string', depth: 'number', name: 'string', viewpoint: 'string', partner: 'string',
      share_pct: 'number', listed: 'boolean', risk: 'number', risk_basis: 'string', binding: 'string',
      relies_on_partner_pct: 'number', relies_on_partner_node: 'string', measured: 'boolean', weakest_link: 'boolean',
    },
    (function* () {
      for (const c of comparisons) {
        for (const s of c.stages) {
          for (const [side, v, p, rel] of [['a', c.a, c.b, s.aReliesOnB], ['b', c.b, c.a, s.bReliesOnA]] as const) {
            const x = s[side];
            yield {
              sector: c.sector, node: s.stage, stage: s.stage, depth: 0, name: s.name, viewpoint: v, partner: p,
              share_pct: x.sharePct, listed: x.listed, risk: x.risk, risk_basis: x.riskBasis, binding: x.binding.map((b) => b.path).join('; '),
              relies_on_partner_pct: rel.pct, relies_on_partner_node: rel.node, measured: rel.pct === null ? null : rel.measured, weakest_link: c.weakestLink[side] === s.stage,
            };
          }
          for (const n of c.nodes.filter((x) => x.stage === s.stage && x.depth > 0)) {
            for (const [side, v, p, pctOf] of [['a', c.a, c.b, n.aReliesOnBPct], ['b', c.b, c.a, n.bReliesOnAPct]] as const) {
              yield {
                sector: c.sector, node: n.node, stage: n.stage, depth: n.depth, name: n.name, viewpoint: v, partner: p,
                share_pct: n[side].sharePct, listed: n[side].listed, risk: n[side].risk, risk_basis: null, binding: null,
                relies_on_partner_pct: pctOf, relies_on_partner_node: null, measured: pctOf === null ? null : n.measured[side], weakest_link: null,
              };
            }
          }
        }
      }
    })(),
  );
}
