import { Option, type Command } from 'commander';
import type { Model } from '../../data/model.js';
import { DEFAULT_IMPACT_COUNTRY, impactCountries, policyImpacts } from '../../engine/policies.js';
import type { Headline, Horizon, ImpactRating, NetScore, PoliciesResult, PolicyImpact } from '../../engine/results-policies.js';
import { cell, lines, table, type Block, type Cell, type CellLike, type Column, type View } from '../../render/view.js';
import { getModel } from '../context.js';
import { usageError } from '../exit.js';
import { upper } from '../format.js';
import { addDataOption, addOutputOptions, examples } from '../options.js';
import { render, resolveFormat, write } from '../output.js';
import { parseCountry, pickSectors } from '../parse.js';

export function registerPolicies(program: Command): void {
  const cmd = program
    .command('policies')
    .description("the policy recommendations of a sector and their impact on Korea (KIET Tables 2, 4, 5 and 6): net scores and the report's headline recomputed")
    .argument('[sector]', 'sector id, name or alias')
    .option('-a, --all', 'every sector with policies, and the headline over all of them')
    .option('-c, --country <country>', `whose impacts (default: ${DEFAULT_IMPACT_COUNTRY}, the report's viewpoint)`)
    .addOption(new Option('--horizon <horizon>', 'short term, mid-to-long term, or both').choices(['short', 'long', 'both']).default('both'));
  addOutputOptions(addDataOption(cmd));
  examples(cmd, [
    'scsr policies semiconductors',
    'scsr policies batteries --horizon short',
    'scsr policies --all',
    'scsr policies --all --json | jq ".overall"',
  ]);
  cmd.action(async (sectorArg: string | undefined, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const sectors = pickSectors(model, sectorArg, opts.all);
    const country = opts.country ? parseCountry(model, opts.country) : DEFAULT_IMPACT_COUNTRY;
    const withPolicies = sectors.filter((s) => (s.policies?.length ?? 0) > 0);
    if (withPolicies.length === 0) {
      throw usageError(sectors.length === 1 ? `sector ${sectors[0]!.id} has no policy recommendations in the data` : 'no sector has policy recommendations in the data');
    }
    const result = policyImpacts(withPolicies, { country, horizon: opts.horizon as Horizon });
    if (result.sectors.length === 0) {
      const given = [...new Set(withPolicies.flatMap(impactCountries))];
      throw usageError(
        `no policy impacts for ${country} in ${withPolicies.map((s) => s.id).join(', ')}${given.length ? ` (the data give impacts for: ${given.join(', ')})` : ' (the data give no impacts)'}`,
      );
    }
    result.withoutImpacts = [...result.withoutImpacts, ...sectors.filter((s) => !withPolicies.includes(s)).map((s) => s.id)].sort();
    // Long sentences wrap in the terminal table only; CSV and Markdown keep them whole.
    const wrapAt = resolveFormat(opts) === 'table' ? 60 : Infinity;
    write(await render('policies', result, () => policiesView(model, result, wrapAt), opts));
  });
}

const LEVEL_TEXT = (r: ImpactRating): string => `${r.level.replace('-', ' ')} (${r.score > 0 ? '+' : ''}${r.score})`;

function levelCell(p: PolicyImpact, horizon: 'short' | 'long'): Cell {
  if (!p.impact) return cell('no impact data', 'muted');
  const r = p.impact[horizon];
  if (!r) return cell('gap', 'muted');
  return cell(LEVEL_TEXT(r), r.score > 0 ? 'good' : r.score < 0 ? 'bad' : 'muted');
}

function impactText(p: PolicyImpact, wrapAt: number): Cell {
  if (!p.impact) return cell('no impact data for this country', 'muted');
  const parts = p.impact.text.map((t) => `• ${t}`);
  if (p.impact.gap) parts.push(`gap: ${p.impact.gap}`);
  return cell(wrap(parts.join('\n'), wrapAt) || 'gap', p.impact.text.length ? undefined : 'muted');
}

const signed = (x: number): string => (x > 0 ? `+${x}` : String(x));

function netText(n: NetScore): string {
  const label = n.horizon === 'short' ? 'Short term' : 'Mid to long term';
  const mean = n.mean === null ? 'no mean' : `mean ${signed(n.mean)}`;
  return `${label}: net ${signed(n.sum)}, ${mean} over ${n.rated} rated (${n.positive} positive ${signed(n.positiveSum)}, ${n.negative} negative ${n.negativeSum}, ${n.neutral} neutral${n.gaps ? `; ${n.gaps} gap${n.gaps === 1 ? '' : 's'}` : ''})`;
}

function headlineText(h: Headline, where: string): Cell {
  const verdict = h.outweighs ? 'yes' : 'no';
  return cell(
    `${where}: short-term positive impacts outweigh short-term negative ones? ${verdict} (positives ${signed(h.positiveSum)} in ${h.positive} ${h.positive === 1 ? 'policy' : 'policies'}, negatives ${h.negativeSum} in ${h.negative})`,
    h.outweighs ? 'good' : 'warn',
  );
}

/** Break a line at spaces so that no line is longer than `width` (continuations indented like the first). */
export function wrap(text: string, width: number): string {
  if (!Number.isFinite(width)) return text;
  return text
    .split('\n')
    .map((line) => {
      const indent = /^\s*(?:[•·]\s)?/.exec(line)![0].replace(/[•·]/, ' ');
      const out: string[] = [];
      let cur = '';
      for (const word of line.split(' ')) {
        if (cur && cur.length + 1 + word.length > width) {
          out.push(cur);
          cur = indent + word;
        } else cur = cur ? `${cur} ${word}` : word;
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}

export function policiesView(model: Model, r: PoliciesResult, wrapAt = Infinity): View {
  const who = model.countries.countries.find((c) => c.code === r.country)?.name ?? upper(r.country);
  const horizons: Array<'short' | 'long'> = r.horizon === 'both' ? ['short', 'long'] : [r.horizon];
  const blocks: Block[] = [];
  for (const s of r.sectors) {
    const cols: Column[] = [
      { header: '#', key: 'number', align: 'right' },
      { header: 'Policy and key measures', key: 'policy' },
      { header: 'Stages', key: 'stages' },
      ...horizons.map((h) => ({ header: h === 'short' ? 'Short term' : 'Mid to long term', key: h === 'short' ? 'short_term' : 'long_term' })),
      { header: `Impact on ${who}`, key: 'impact' },
    ];
    const rows: CellLike[][] = s.policies.map((p) => [
      String(p.number),
      cell(wrap(`${p.title}\n${p.measures.map((m) => `· ${m}`).join('\n')}`, wrapAt)),
      cell(`${p.stages.join(', ') || '-'}${p.stagesInferred ? '\n(inferred)' : ''}`, p.stagesInferred ? 'muted' : undefined),
      ...horizons.map((h) => levelCell(p, h)),
      impactText(p, wrapAt),
    ]);
    blocks.push(table(cols, rows, `${s.name}: policy recommendations and their impact on ${who} (scale −2 very negative … +2 very positive)`));
    blocks.push(lines([...s.totals.map((n) => netText(n)), headlineText(s.headline, s.name)]));
  }
  const tail: CellLike[] = [];
  if (r.sectors.length > 1) tail.push(headlineText(r.overall, 'All sectors'));
  tail.push(cell('The seed report\'s headline: "Short-Term Positive Impacts of U.S. Policies on Korean Industry Outweigh Short-Term Negative Impacts"; rule: positives outweigh when the sum of positive scores exceeds the sum of negative ones in absolute value (docs/scenarios.md#headline)', 'muted'));
  if (r.withoutImpacts.length) tail.push(cell(`Left out (no policies or no impacts for ${r.country}): ${r.withoutImpacts.join(', ')}`, 'muted'));
  blocks.push(lines(tail));
  return { blocks };
}
