import { Option, type Command } from 'commander';
import type { Model } from '../../data/model.js';
import { DEFAULT_IMPACT_COUNTRY, impactCountries, policyImpacts } from '../../engine/policies.js';
import type { Headline, Horizon, ImpactRating, NetScore, PoliciesResult, PolicyImpact } from '../../engine/results-policies.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, type Block, type Cell, type CellLike, type Column, type View } from '../../render/view.js';
import { docPath } from '../docs.js';
import { getModel } from '../context.js';
import { usageError } from '../exit.js';
import { upper } from '../format.js';
import { addDataOption, addOutputOptions, examples } from '../options.js';
import { render, write } from '../output.js';
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
    await write(await render('policies', result, { view: () => policiesView(model, result), records: () => policiesRecords(result) }, opts));
  });
}

const LEVEL_TEXT = (r: ImpactRating): string => `${r.level.replace('-', ' ')} (${r.score > 0 ? '+' : ''}${r.score})`;

function levelCell(p: PolicyImpact, horizon: 'short' | 'long'): Cell {
  if (!p.impact) return cell('no impact data', 'muted');
  const r = p.impact[horizon];
  if (!r) return cell('gap', 'muted');
  return cell(LEVEL_TEXT(r), r.score > 0 ? 'good' : r.score < 0 ? 'bad' : 'muted');
}

function impactText(p: PolicyImpact): Cell {
  if (!p.impact) return cell('no impact data for this country', 'muted');
  const parts = p.impact.text.map((t) => `• ${t}`);
  if (p.impact.gap) parts.push(`gap: ${p.impact.gap}`);
  return cell(parts.join('\n') || 'gap', p.impact.text.length ? undefined : 'muted');
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

export function policiesView(model: Model, r: PoliciesResult): View {
  const who = model.countries.countries.find((c) => c.code === r.country)?.name ?? upper(r.country);
  const horizons: Array<'short' | 'long'> = r.horizon === 'both' ? ['short', 'long'] : [r.horizon];
  const blocks: Block[] = [];
  for (const s of r.sectors) {
    // On a narrow terminal the measures and the impact move under their row; Stages is left out first.
    const cols: Column[] = [
      { header: '#', align: 'right' },
      { header: 'Policy' },
      { header: 'Key measures', prose: true },
      { header: 'Stages', priority: 4 },
      ...horizons.map((h): Column => ({ header: h === 'short' ? 'Short term' : 'Mid to long term', short: h === 'short' ? 'Short' : 'Long' })),
      { header: `Impact on ${who}`, prose: true },
    ];
    const rows: CellLike[][] = s.policies.map((p) => [
      String(p.number),
      cell(p.title, 'strong'),
      p.measures.map((m) => `· ${m}`).join('\n'),
      cell(`${p.stages.join(', ') || '-'}${p.stagesInferred ? '\n(inferred)' : ''}`, p.stagesInferred ? 'muted' : undefined),
      ...horizons.map((h) => levelCell(p, h)),
      impactText(p),
    ]);
    blocks.push(table(cols, rows, `${s.name}: policy recommendations and their impact on ${who} (scale −2 very negative … +2 very positive)`));
    blocks.push(lines([...s.totals.map((n) => netText(n)), headlineText(s.headline, s.name)]));
  }
  const tail: CellLike[] = [];
  if (r.sectors.length > 1) tail.push(headlineText(r.overall, 'All sectors'));
  tail.push(cell(`The seed report's headline: "Short-Term Positive Impacts of U.S. Policies on Korean Industry Outweigh Short-Term Negative Impacts"; rule: positives outweigh when the sum of positive scores exceeds the sum of negative ones in absolute value (${docPath('scenarios.md#headline')})`, 'muted'));
  if (r.withoutImpacts.length) tail.push(cell(`Left out (no policies or no impacts for ${r.country}): ${r.withoutImpacts.join(', ')}`, 'muted'));
  blocks.push(lines(tail));
  return { blocks };
}

/** CSV/TSV/NDJSON of `policies`: one row per sector and policy; a horizon not asked for (--horizon) is empty. */
export function policiesRecords(r: PoliciesResult): Tidy {
  const short = r.horizon !== 'long';
  const long = r.horizon !== 'short';
  return tidy(
    {
      sector: 'string', viewpoint: 'string', number: 'number', policy: 'string', title: 'string', measures: 'string', stages: 'string', stages_inferred: 'boolean',
      short_level: 'string', short_score: 'number', long_level: 'string', long_score: 'number', impact: 'string', gap: 'string', source: 'string', impact_source: 'string',
    },
    r.sectors.flatMap((s) =>
      s.policies.map((p) => ({
        sector: s.sector, viewpoint: r.country, number: p.number, policy: p.id, title: p.title, measures: joinList(p.measures), stages: joinList(p.stages), stages_inferred: p.stagesInferred,
        short_level: short ? (p.impact?.short?.level ?? null) : null, short_score: short ? (p.impact?.short?.score ?? null) : null,
        long_level: long ? (p.impact?.long?.level ?? null) : null, long_score: long ? (p.impact?.long?.score ?? null) : null,
        impact: p.impact ? joinList(p.impact.text) : null, gap: p.impact?.gap ?? null, source: p.source, impact_source: p.impact?.source ?? null,
      })),
    ),
  );
}
