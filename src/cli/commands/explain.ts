import { Option, type Command } from 'commander';
import { resolveSector, resolveStage } from '../../data/resolve.js';
import { explainStage } from '../../engine/explain.js';
import type { Method } from '../../engine/results.js';
import { cell, lines, table, type View } from '../../render/view.js';
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
    const e = explanation;
    const view = (): View => ({
      title: `${sector.name} / ${e.name}, viewpoint ${upper(e.viewpoint)}`,
      blocks: [
        lines([
          e.source
            ? `Shares: ${e.score.snapshot!.year}${e.score.snapshot!.projection ? ' projection' : ''}, ${e.score.snapshot!.metric} by ${e.score.snapshot!.basis}; source [${e.source.id}] ${e.source.publisher}, "${e.source.title}" (${e.source.year})${e.source.url ? ` ${e.source.url}` : ''}${e.source.seed ? ` seed ${e.source.seed}` : ''}`
            : cell(`Shares: ${e.score.noData ?? 'no data'}`, 'muted'),
          e.rating ? `Rating: ${e.rating.value.replace('-', ' ')}${e.rating.inferred ? ' (inferred from wording)' : ''}: "${e.rating.basis}" [${e.rating.source}]` : cell('Rating: not used from this viewpoint or not in the data', 'muted'),
        ]),
        table(
          [
            { header: 'Supplier', key: 'supplier' },
            { header: 'Share', key: 'share_pct', align: 'right' },
            { header: 'Stated', key: 'stated' },
            { header: 'WGI', key: 'wgi', align: 'right' },
            { header: 'Weight', key: 'weight', align: 'right' },
            { header: 'Why this weight', key: 'weight_rule' },
            { header: 'Risk points', key: 'risk_points', align: 'right' },
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
          'Inputs',
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
