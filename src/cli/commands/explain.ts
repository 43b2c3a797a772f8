import type { Command } from 'commander';
import { resolveNode, resolveSector } from '../../data/resolve.js';
import { explainNode } from '../../engine/explain.js';
import type { Lens, Method } from '../../engine/results.js';
import type { Explanation } from '../../engine/results-commands.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, type View } from '../../render/view.js';
import { docPath } from '../docs.js';
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
    await write(await render('explain', explanation, { view: () => explainView(sector.name, explanation), records: () => explainRecords(explanation) }, opts));
  });
}

export function explainView(sectorName: string, e: Explanation): View {
  return {
    title: `${sectorName} / ${e.name}, viewpoint ${upper(e.viewpoint)}`,
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
        // Left out first on a narrow terminal: Stated, WGI, Of imports; the rule behind each weight moves under its row.
        [
          { header: 'Supplier' },
          { header: 'World share', short: 'World', align: 'right' },
          { header: 'Stated', priority: 3 },
          { header: 'Of imports', short: 'Imports', align: 'right', priority: 5 },
          { header: 'WGI', align: 'right', priority: 4 },
          { header: 'Weight', align: 'right' },
          { header: 'Why this weight', prose: true },
          { header: 'Risk points', short: 'Points', align: 'right' },
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
        [{ header: 'Step' }, { header: 'Formula' }, { header: 'Value', align: 'right' }],
        e.steps.map((s) => [s.label, s.formula, s.value === null ? 'no data' : String(s.value)]),
        'Steps',
      ),
      lines([cell(`Parameters: ${Object.entries(e.parameters).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(',') : v}`).join('; ')} (${docPath('methodology.md')})`, 'muted')]),
    ],
  };
}

/** CSV/TSV/NDJSON of `explain`: one row per supplier or partner of the node (the steps are in the table and JSON). */
export function explainRecords(e: Explanation): Tidy {
  return tidy(
    {
      sector: 'string', viewpoint: 'string', node: 'string', stage: 'string', method: 'string', lens: 'string', supplier: 'string', name: 'string', kind: 'string', domestic: 'boolean',
      share_pct: 'number', stated: 'string', low_pct: 'number', high_pct: 'number', of_imports_pct: 'number', of_supply_pct: 'number', measured: 'boolean',
      wgi: 'number', wgi_scaled: 'number', base_weight: 'number', weight: 'number', weight_rule: 'string', concern: 'boolean', events: 'string', risk_points: 'number',
      source: 'string', import_source: 'string',
    },
    e.suppliers.map((s) => ({
      sector: e.sector, viewpoint: e.viewpoint, node: e.node, stage: e.stage, method: e.method, lens: e.lens, supplier: s.id, name: s.name, kind: s.kind, domestic: s.domestic,
      share_pct: s.sharePct, stated: s.stated, low_pct: s.lowPct, high_pct: s.highPct, of_imports_pct: s.ofImportsPct, of_supply_pct: s.ofSupplyPct, measured: s.measured,
      wgi: s.wgi, wgi_scaled: s.wgiScaled, base_weight: s.baseWeight, weight: s.weight, weight_rule: s.weightRule, concern: s.concern, events: joinList(s.events.map((x) => x.id)),
      risk_points: s.riskPoints, source: e.source?.id ?? null, import_source: e.importSource?.id ?? null,
    })),
  );
}
