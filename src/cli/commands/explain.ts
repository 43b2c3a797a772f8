import { Option, type Command } from 'commander';
import { resolveSector, resolveStage } from '../../data/resolve.js';
import { explainStage } from '../../engine/explain.js';
import type { Method } from '../../engine/results.js';
import type { Explanation } from '../../engine/results-commands.js';
import { tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, type View } from '../../render/view.js';
import { docPath } from '../docs.js';
import { getModel, resolveOrUsage } from '../context.js';
import { pct, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples } from '../options.js';
import { render, write } from '../output.js';
import { parseCountry, snapshotOptions } from '../parse.js';

export function registerExplain(program: Command): void {
  const cmd = program
    .command('explain')
    .description("every input number of a stage's score with its source, and every step of the formula")
    .argument('<sector>', 'sector id, name or alias')
    .argument('<stage>', 'stage id, name, alias or order number')
    .option('-c, --country <country>', "viewpoint country (default: the sector's assessor)")
    .addOption(new Option('-m, --method <method>', 'stage risk method').choices(['blended', 'eu-crm', 'rating']).default('blended'));
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, ['scsr explain semiconductors fabrication', 'scsr explain batteries refining --country kr', 'scsr explain batteries 2 --method eu-crm --json']);
  cmd.action(async (sectorArg: string, stageArg: string, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const sector = resolveOrUsage(() => resolveSector(model, sectorArg));
    const stage = resolveOrUsage(() => resolveStage(sector, stageArg));
    const viewpoint = opts.country ? parseCountry(model, opts.country) : undefined;
    const explanation = explainStage(model, sector, stage, { ...(viewpoint ? { viewpoint } : {}), ...snapshotOptions(opts), method: opts.method as Method });
    await write(await render('explain', explanation, { view: () => explainView(sector.name, explanation), records: () => explainRecords(explanation) }, opts));
  });
}

export function explainView(sectorName: string, e: Explanation): View {
  return {
    title: `${sectorName} / ${e.name}, viewpoint ${upper(e.viewpoint)}`,
    blocks: [
      lines([
        e.source
          ? `Shares: ${e.score.snapshot!.year}${e.score.snapshot!.projection ? ' projection' : ''}, ${e.score.snapshot!.metric} by ${e.score.snapshot!.basis}; source [${e.source.id}] ${e.source.publisher}, "${e.source.title}" (${e.source.year})${e.source.url ? ` ${e.source.url}` : ''}${e.source.seed ? ` seed ${e.source.seed}` : ''}`
          : cell(`Shares: ${e.score.noData ?? 'no data'}`, 'muted'),
        e.rating ? `Rating: ${e.rating.value.replace('-', ' ')}${e.rating.inferred ? ' (inferred from wording)' : ''}: "${e.rating.basis}" [${e.rating.source}]` : cell('Rating: not used from this viewpoint or not in the data', 'muted'),
      ]),
      table(
        // Left out first on a narrow terminal: Stated, WGI; the rule behind each weight moves under its row.
        [
          { header: 'Supplier' },
          { header: 'Share', align: 'right' },
          { header: 'Stated', priority: 3 },
          { header: 'WGI', align: 'right', priority: 4 },
          { header: 'Weight', align: 'right' },
          { header: 'Why this weight', prose: true },
          { header: 'Risk points', short: 'Points', align: 'right' },
        ],
        e.suppliers.map((s) => [
          `${s.name}${s.kind === 'rest' ? '' : ` (${upper(s.id)})`}`,
          pct(s.sharePct, 2),
          s.stated ?? (s.lowPct !== null || s.highPct !== null ? `${s.lowPct ?? '?'}-${s.highPct ?? '?'}` : ''),
          s.wgi === null ? (s.kind === 'country' ? 'no data' : '') : s.wgi.toFixed(2),
          String(s.weight),
          s.weightRule,
          String(s.riskPoints),
        ]),
        'Suppliers',
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

/** CSV/TSV/NDJSON of `explain`: one row per supplier of the stage's share list (the steps are in the table and JSON). */
export function explainRecords(e: Explanation): Tidy {
  return tidy(
    {
      sector: 'string', viewpoint: 'string', stage: 'string', method: 'string', supplier: 'string', name: 'string', kind: 'string',
      share_pct: 'number', stated: 'string', low_pct: 'number', high_pct: 'number', wgi: 'number', wgi_scaled: 'number',
      weight: 'number', weight_rule: 'string', concern: 'boolean', risk_points: 'number', source: 'string',
    },
    e.suppliers.map((s) => ({
      sector: e.sector, viewpoint: e.viewpoint, stage: e.stage, method: e.method, supplier: s.id, name: s.name, kind: s.kind,
      share_pct: s.sharePct, stated: s.stated, low_pct: s.lowPct, high_pct: s.highPct, wgi: s.wgi, wgi_scaled: s.wgiScaled,
      weight: s.weight, weight_rule: s.weightRule, concern: s.concern, risk_points: s.riskPoints, source: e.source?.id ?? null,
    })),
  );
}
