import type { Command } from 'commander';
import { listStages } from '../../engine/catalog.js';
import { resolveSector } from '../../data/resolve.js';
import type { StageSummary } from '../../engine/results-commands.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, table, type Tone, type View } from '../../render/view.js';
import { getModel, resolveOrUsage } from '../context.js';
import { addDataOption, addOutputOptions, examples } from '../options.js';
import { render, write } from '../output.js';

export const ratingTone: Record<string, Tone> = { satisfactory: 'good', weak: 'warn', 'very-weak': 'bad' };
export const ratingText = (r: { value: string; inferred: boolean } | null): string =>
  r ? `${r.value.replace('-', ' ')}${r.inferred ? ' (inferred)' : ''}` : 'no rating';

export function registerStages(program: Command): void {
  const cmd = program
    .command('stages')
    .description("a sector's stages in order with the assessor's rating and the report's diagnoses (KIET Tables 1 and 3)")
    .argument('<sector>', 'sector id, name or alias');
  addOutputOptions(addDataOption(cmd));
  examples(cmd, ['scsr stages semiconductors', 'scsr stages batteries --json', 'scsr stages chips --format md']);
  cmd.action(async (sectorArg: string, _opts, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const sector = resolveOrUsage(() => resolveSector(model, sectorArg));
    const stages = listStages(sector);
    const result = { sector: sector.id, name: sector.name, assessor: sector.assessor ?? null, stages };
    await write(await render('stages', result, { view: () => stagesView(result), records: () => stagesRecords(result) }, opts));
  });
}

interface StagesResult {
  sector: string;
  name: string;
  assessor: string | null;
  stages: StageSummary[];
}

export function stagesView(r: StagesResult): View {
  return {
    title: `${r.name}: stages${r.assessor ? ` as assessed by ${r.assessor.toUpperCase()}` : ''}`,
    blocks: [
      table(
        // On a narrow terminal the diagnoses move under their stage.
        [{ header: '#', align: 'right' }, { header: 'Stage' }, { header: 'Rating' }, { header: 'Diagnoses', prose: true }],
        r.stages.map((s) => [
          String(s.order),
          cell(`${s.name}\n(${s.id})`, 'strong'),
          cell(ratingText(s.rating), s.rating ? ratingTone[s.rating.value] : 'muted'),
          s.diagnoses.length ? s.diagnoses.map((d) => `• ${d}`).join('\n') : 'no diagnoses in the data',
        ]),
      ),
    ],
  };
}

/** CSV/TSV/NDJSON of `stages`: one row per stage; the diagnoses joined with "; ". */
export function stagesRecords(r: StagesResult): Tidy {
  return tidy(
    {
      sector: 'string', assessor: 'string', order: 'number', stage: 'string', name: 'string', rating: 'string', rating_inferred: 'boolean', rating_basis: 'string', rating_source: 'string',
      diagnoses: 'string', inputs: 'string', snapshots: 'number',
    },
    r.stages.map((s) => ({
      sector: r.sector, assessor: r.assessor, order: s.order, stage: s.id, name: s.name, rating: s.rating?.value ?? null, rating_inferred: s.rating?.inferred ?? null,
      rating_basis: s.rating?.basis ?? null, rating_source: s.rating?.source ?? null, diagnoses: joinList(s.diagnoses), inputs: joinList(s.inputs), snapshots: s.snapshots,
    })),
  );
}
