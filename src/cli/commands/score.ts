import { Option, type Command } from 'commander';
import type { Model, Sector } from '../../data/model.js';
import type { Method, SectorScore } from '../../engine/results.js';
import { scoreSector } from '../../engine/score.js';
import { scoreTrend, type Trend } from '../../engine/trend.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, type Block, type CellLike, type View } from '../../render/view.js';
import { getModel } from '../context.js';
import { chokeText, num, ownShare, pct, riskCell, snapshotText, topText, upper } from '../format.js';
import { addDataOption, addOutputOptions, addYearOption, examples, numberOption } from '../options.js';
import { render, write } from '../output.js';
import { parseCountry, pickSectors, snapshotOptions } from '../parse.js';
import { ratingText, ratingTone } from './stages.js';

export function registerScore(program: Command): void {
  const cmd = program
    .command('score')
    .description('score a chain stage by stage from a viewpoint: shares, concentration, chokepoints, risk, weakest link')
    .argument('[sector]', 'sector id, name or alias')
    .option('-a, --all', 'every sector')
    .option('-c, --country <country>', "viewpoint country (default: the sector's assessor, the US for the built-in sectors)")
    .addOption(new Option('-m, --method <method>', 'stage risk method').choices(['blended', 'eu-crm', 'rating']).default('blended'))
    .addOption(numberOption('-t, --threshold <percent>', 'chokepoint line: one supplier holding this share of world supply or more', { kind: 'percent' }, 65, '65%'))
    .option('--trend', 'show how stage risks and the weakest link move across the years the data hold')
    .option('-i, --inputs', 'also show the key inputs inside each stage (JSON always has them)');
  addOutputOptions(addYearOption(addDataOption(cmd)));
  examples(cmd, [
    'scsr score semiconductors',
    'scsr score batteries --country kr',
    'scsr score semiconductors --year 2032',
    'scsr score semiconductors --trend',
    'scsr score --all --method eu-crm --json | jq ".scores[] | {sector, weakest: .weakestLink.stage}"',
  ]);
  cmd.action(async (sectorArg: string | undefined, _o, command: Command) => {
    const opts = command.optsWithGlobals();
    const model = await getModel(opts);
    const sectors = pickSectors(model, sectorArg, opts.all);
    const snap = snapshotOptions(opts);
    const thresholdPct: number = opts.threshold;
    const viewpoint = opts.country ? parseCountry(model, opts.country) : undefined;
    const method = opts.method as Method;
    const base = { method, thresholdPct, ...(viewpoint ? { viewpoint } : {}), ...(snap.basis ? { basis: snap.basis } : {}) };
    if (opts.trend) {
      const trends = sectors.map((s) => scoreTrend(model, s, base));
      await write(await render('score', { trends }, { view: () => trendView(trends), records: () => trendRecords(trends) }, opts));
      return;
    }
    const scores = sectors.map((s) => scoreSector(model, s, { ...base, ...snap }));
    await write(await render('score', { scores }, { view: () => scoreView(model, sectors, scores, Boolean(opts.inputs)), records: () => scoreRecords(scores) }, opts));
  });
}

export function scoreView(model: Model, sectors: Sector[], scores: SectorScore[], showInputs = false): View {
  const blocks: Block[] = [];
  scores.forEach((s, i) => {
    const v = upper(s.viewpoint);
    const isAssessor = s.assessor === s.viewpoint;
    const rows: CellLike[][] = [];
    for (const st of s.stages) {
      rows.push([
        String(st.order),
        cell(st.name, 'strong'),
        isAssessor ? cell(ratingText(st.rating), st.rating ? ratingTone[st.rating.value] : 'muted') : cell('-', 'muted'),
        ownShare(st),
        topText(st),
        st.hhi === null ? 'no data' : `${Math.round(st.hhi)} ${st.hhiBand === 'highly concentrated' ? 'high' : st.hhiBand === 'moderately concentrated' ? 'mod.' : 'low'}`,
        chokeText(st),
        riskCell(st.risk.value, s.method),
        cell(st.basedOn && st.basedOn !== 'stage' ? `from input ${st.basedOn.slice(6)}` : snapshotText(st.snapshot), 'muted'),
      ]);
      for (const inp of showInputs ? st.inputs : []) {
        rows.push([
          '',
          cell(`  ↳ ${inp.name}`, 'muted'),
          '',
          ownShare(inp),
          topText(inp),
          inp.hhi === null ? 'no data' : String(Math.round(inp.hhi)),
          chokeText(inp),
          cell(inp.modelledRisk === null ? 'no data' : `(${inp.modelledRisk.toFixed(1)})`, 'muted'),
          cell(snapshotText(inp.snapshot), 'muted'),
        ]);
      }
    }
    const methodLabel = s.method === 'blended' ? 'risk 0-100, blended' : s.method === 'rating' ? 'risk 0-100, rating only' : 'EU CRM supply risk SR';
    blocks.push(
      table(
        // Left out first on a narrow terminal: Data, #, HHI, Top supplier, Rating, Chokepoint, share.
        [
          { header: '#', align: 'right', priority: 2 },
          { header: 'Stage' },
          { header: 'Rating', priority: 5 },
          { header: `${v} share`, align: 'right', priority: 7 },
          { header: 'Top supplier', short: 'Top', priority: 4 },
          { header: 'HHI', align: 'right', priority: 3 },
          { header: 'Chokepoint', short: 'Choke', priority: 6 },
          { header: 'Risk' },
          { header: 'Data', priority: 1 },
        ],
        rows,
        `${s.name} from the viewpoint of ${model.countries.countries.find((c) => c.code === s.viewpoint)?.name ?? v} (${methodLabel}${s.year ? `, year ${s.year}` : ', latest actual data'})`,
      ),
    );
    const chain: CellLike[] = [];
    if (s.weakestLink) {
      chain.push(cell(`Weakest link: ${s.weakestLink.name} (risk ${num(s.weakestLink.risk, 2)})`, 'bad'));
      for (const w of s.weakestLink.why) chain.push(`  · ${w}`);
    } else chain.push(cell('Weakest link: no data', 'muted'));
    if (s.modelledWeakestLink && s.modelledWeakestLink.stage !== s.weakestLink?.stage) {
      chain.push(`Modelled-only weakest link: ${s.modelledWeakestLink.name} (modelled risk ${num(s.modelledWeakestLink.risk)})`);
    }
    if (s.resilience !== null) chain.push(`Resilience: ${num(s.resilience)} (100 − weakest link); mean stage risk ${num(s.meanRisk)}`);
    else if (s.meanRisk !== null) chain.push(`Mean stage SR: ${num(s.meanRisk, 3)}`);
    const top = s.exposures.slice(0, 5);
    if (top.length) chain.push(`Top exposures of ${v} (max share of foreign supply at a stage): ${top.map((e) => `${e.name} ${pct(e.maxPct, 0)} (${e.maxStage})`).join(', ')}`);
    const disagree = s.stages.filter((st) => st.risk.disagreement);
    if (disagree.length) chain.push(cell(`Rating and model disagree (>30 points) at: ${disagree.map((d) => `${d.name} (rating ${d.risk.rating}, modelled ${num(d.risk.modelled)})`).join('; ')}`, 'warn'));
    const noData = s.stages.filter((st) => st.snapshot === null);
    if (noData.length) chain.push(cell(`No share data: ${noData.map((d) => d.name).join(', ')}`, 'muted'));
    if (s.method === 'eu-crm') {
      const defs = [...new Set(s.stages.flatMap((st) => st.risk.euCrm?.defaults ?? []))];
      if (defs.length) chain.push(cell(`EU CRM defaults used: ${defs.join('; ')}`, 'muted'));
    }
    const inputCount = s.stages.reduce((n, st) => n + st.inputs.length, 0);
    if (inputCount && !showInputs) chain.push(cell(`${inputCount} key input${inputCount === 1 ? '' : 's'} scored: show ${inputCount === 1 ? 'it' : 'them'} with --inputs; ${inputCount === 1 ? 'its' : 'their'} chokepoints with \`scsr chokepoints\``, 'muted'));
    chain.push(cell(`Sources: \`scsr sources ${sectors[i]!.id}\`; every step: \`scsr explain ${sectors[i]!.id} <stage>\``, 'muted'));
    blocks.push(lines(chain));
  });
  return { blocks };
}

function trendView(trends: Trend[]): View {
  const blocks: Block[] = [];
  for (const t of trends) {
    // The newest years stay longest on a narrow terminal.
    const cols = [{ header: 'Stage' }, ...t.years.map((y, i) => ({ header: `${y.year}${y.projection ? ' (proj.)' : ''}`, align: 'right' as const, priority: i === t.years.length - 1 ? 9 : 1 + (7 * i) / t.years.length }))];
    const rows: CellLike[][] = t.stages.map((st) => [cell(st.name, 'strong'), ...st.risks.map((r) => riskCell(r, t.method))]);
    rows.push([cell('Weakest link', 'bad'), ...t.weakestLinks.map((w) => w ?? 'no data')]);
    blocks.push(table(cols, rows, `${t.name}: stage risk by data year, viewpoint ${upper(t.viewpoint)} (a year uses the latest actual data at or before it; projections only in their own year)`));
  }
  return { blocks };
}

/** CSV/TSV/NDJSON of `score`: one row per stage and per key input (input empty on a stage's row). */
export function scoreRecords(scores: SectorScore[]): Tidy {
  return tidy(
    {
      sector: 'string', viewpoint: 'string', method: 'string', requested_year: 'number', stage: 'string', input: 'string', order: 'number', name: 'string',
      rating: 'string', rating_inferred: 'boolean', viewpoint_share_pct: 'number', viewpoint_listed: 'boolean',
      top_supplier: 'string', top_share_pct: 'number', hhi: 'number', hhi_band: 'string', effective_suppliers: 'number',
      global_chokepoints: 'string', single_country_chokepoints: 'string',
      risk: 'number', modelled_risk: 'number', rating_risk: 'number', disagreement: 'boolean', weakest_link: 'boolean',
      snapshot_year: 'number', projection: 'boolean', metric: 'string', basis: 'string', source: 'string', based_on: 'string',
    },
    (function* () {
      for (const s of scores) {
        for (const st of s.stages) {
          for (const item of [st, ...st.inputs]) {
            const isStage = item === st;
            const chokes = (kind: string) => joinList(item.chokepoints.filter((c) => c.kind === kind).map((c) => c.supplier));
            yield {
              sector: s.sector, viewpoint: s.viewpoint, method: s.method, requested_year: s.year, stage: st.id, input: isStage ? null : item.id, order: st.order, name: item.name,
              rating: isStage ? (st.rating?.value ?? null) : null, rating_inferred: isStage ? (st.rating?.inferred ?? null) : null,
              viewpoint_share_pct: item.viewpointSharePct, viewpoint_listed: item.snapshot ? item.viewpointListed : null,
              top_supplier: item.top?.id ?? null, top_share_pct: item.top?.sharePct ?? null, hhi: item.hhi, hhi_band: item.hhiBand, effective_suppliers: item.effectiveSuppliers,
              global_chokepoints: item.snapshot ? chokes('global') : null, single_country_chokepoints: item.snapshot ? chokes('single-country') : null,
              risk: isStage ? st.risk.value : null, modelled_risk: item.modelledRisk, rating_risk: isStage ? st.risk.rating : null,
              disagreement: isStage ? st.risk.disagreement : null, weakest_link: isStage ? s.weakestLink?.stage === st.id : null,
              snapshot_year: item.snapshot?.year ?? null, projection: item.snapshot?.projection ?? null, metric: item.snapshot?.metric ?? null,
              basis: item.snapshot?.basis ?? null, source: item.snapshot?.source ?? null, based_on: isStage ? st.basedOn : null,
            };
          }
        }
      }
    })(),
  );
}

/** CSV/TSV/NDJSON of `score --trend`: one row per stage and data year. */
export function trendRecords(trends: Trend[]): Tidy {
  return tidy(
    { sector: 'string', viewpoint: 'string', method: 'string', stage: 'string', name: 'string', year: 'number', projection: 'boolean', risk: 'number', weakest_link: 'boolean' },
    (function* () {
      for (const t of trends) {
        for (const st of t.stages) {
          for (const [i, y] of t.years.entries()) {
            yield { sector: t.sector, viewpoint: t.viewpoint, method: t.method, stage: st.id, name: st.name, year: y.year, projection: y.projection, risk: st.risks[i] ?? null, weakest_link: t.weakestLinks[i] === st.id };
          }
        }
      }
    })(),
  );
}
