import type { Command } from 'commander';
import { resolveNode, resolveSector } from '../../data/resolve.js';
import { explainNode } from '../../engine/explain.js';
import type { Lens, Method } from '../../engine/results.js';
import { cell, lines, table, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { pct, upper } from '../format.js';
import { addDataOption, addMethodOptions, addOutputOptions, addYearOption, examples } from '../options.js';
import { render, write } from '../output.js';
import { parseViewpoint, snapshotOptions } from '../parse.js';

export function registerExplain(program: Command): void {
  const cmd = program
    .command('explain')
    .description("every input number of a node's score (a stage, or stage/input) with its source, and every step of the formula")
    .argument('<sector>', 'sector id, name or alias')
    .argument('<node>', 'a stage (id, name, alias or order number), or stage/input (e.g. equipment/euv-scanners)')
    .option('-c, --country <country>', "viewpoint: a country or a region such as eu (default: the sector's assessor)");
  addOutputOptions(addYearOption(addDataOption(addMethodOptions(cmd))));
  examples(cmd, [
    'scsr explain semiconductors fabrication',
    'scsr explain semiconductors fabrication/leading-edge-logic',
    'scsr explain batteries refining/graphite --country kr',
    'scsr explain batteries 2 --method eu-crm --json',
  ]);
  cmd.action(async (sectorArg: string, nodeArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const sector = resolveOrUsage(() => resolveSector(model, sectorArg));
    const path = resolveOrUsage(() => resolveNode(sector, nodeArg));
    const viewpoint = opts.country ? parseViewpoint(model, opts.country) : undefined;
    const explanation = explainNode(model, sector, path, { ...(viewpoint ? { viewpoint } : {}), ...snapshotOptions(opts), method: opts.method as Method, lens: opts.lens as Lens });
    const e = explanation;
    const view = (): View => ({
      title: `${sector.name} / ${e.name}, viewpoint ${upper(e.viewpoint)}`,
      blocks: [
        lines([
          e.source
            ? `World shares: ${e.score.snapshot!.year}${e.score.snapshot!.projection ? ' projection' : ''}, ${e.score.snapshot!.metric} by ${e.score.snapshot!.basis}; source [${e.source.id}] ${e.source.publisher}, "${e.source.title}" (${e.source.year})${e.source.url ? ` ${e.source.url}` : ''}${e.source.seed ? ` seed ${e.source.seed}` : ''}`
            : cell(`World shares: ${e.score.noData ?? 'none for this node'}`, 'muted'),
          e.importSource
            ? `Imports of ${upper(e.viewpoint)}: measured; source [${e.importSource.id}] ${e.importSource.publisher}, "${e.importSource.title}" (${e.importSource.year})${e.importSource.url ? ` ${e.importSource.url}` : ''}`
            : cell(`Imports of ${upper(e.viewpoint)}: no import data; estimated from world shares`, 'muted'),
          e.rating ? `Rating: ${e.rating.value.replace('-', ' ')}${e.rating.inferred ? ' (inferred from wording)' : ''}: "${e.rating.basis}" [${e.rating.source}]` : cell('Rating: not used from this viewpoint or not in the data', 'muted'),
        ]),
        table(
          [
            { header: 'Supplier', key: 'supplier' },
            { header: 'World share', key: 'share_pct', align: 'right' },
            { header: 'Stated', key: 'stated' },
            { header: 'Of imports', key: 'of_imports_pct', align: 'right' },
            { header: 'WGI', key: 'wgi', align: 'right' },
            { header: 'Weight', key: 'weight', align: 'right' },
            { header: 'Why this weight', key: 'weight_rule' },
            { header: 'Risk points', key: 'risk_points', align: 'right' },
          ],
          e.suppliers.map((s) => [
            `${s.name}${s.kind === 'rest' ? '' : ` (${upper(s.id)})`}`,
            s.sharePct === null && s.ofImportsPct === null && !s.domestic ? 'unknown share' : pct(s.sharePct, 2),
            s.stated ?? (s.lowPct !== null || s.highPct !== null ? `${s.lowPct ?? '?'}-${s.highPct ?? '?'}` : ''),
            s.domestic ? 'domestic' : s.ofImportsPct === null ? '-' : `${pct(s.ofImportsPct, 2)}${s.measured ? '' : ' est.'}`,
            s.wgi === null ? (s.kind === 'country' ? 'no data' : '') : s.wgi.toFixed(2),
            String(s.weight),
            `${s.weightRule}${s.events.some((x) => x.uplift > 0) ? `; events: ${s.events.filter((x) => x.uplift > 0).map((x) => x.id).join(', ')}` : ''}`,
            String(s.riskPoints),
          ]),
          'Suppliers and partners',
        ),
        table(
          [{ header: 'Step', key: 'step' }, { header: 'Formula', key: 'formula' }, { header: 'Value', key: 'value', align: 'right' }],
          e.steps.map((s) => [s.label, s.formula, s.value === null ? 'no data' : String(s.value)]),
          'Steps',
        ),
        lines([cell(`Parameters: ${Object.entries(e.parameters).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(',') : v}`).join('; ')} (docs/methodology.md)`, 'muted')]),
      ],
    });
    write(await render('explain', explanation, view, opts));
  });
}
