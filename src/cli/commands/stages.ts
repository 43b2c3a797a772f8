import type { Command } from 'commander';
import { listStages } from '../../engine/catalog.js';
import { resolveSector } from '../../data/resolve.js';
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
    const view = (): View => ({
      title: `${sector.name}: stages${sector.assessor ? ` as assessed by ${sector.assessor.toUpperCase()}` : ''}`,
      blocks: [
        table(
          [{ header: '#', key: 'order', align: 'right' }, { header: 'Stage', key: 'stage' }, { header: 'Rating', key: 'rating' }, { header: 'Diagnoses', key: 'diagnoses' }],
          stages.map((s) => [
            String(s.order),
            cell(`${s.name}\n(${s.id})`, 'strong'),
            cell(ratingText(s.rating), s.rating ? ratingTone[s.rating.value] : 'muted'),
            s.diagnoses.length ? s.diagnoses.map((d) => `• ${d}`).join('\n') : 'no diagnoses in the data',
          ]),
        ),
      ],
    });
    write(await render('stages', { sector: sector.id, name: sector.name, assessor: sector.assessor ?? null, stages }, view, opts));
  });
}
