import type { Command } from 'commander';
import type { Sector } from '../../data/model.js';
import type { Lens, Method, NodeScore, SectorScore, StageScore } from '../../engine/results.js';
import { scoreSector } from '../../engine/score.js';
import { scoreTrend, type Trend } from '../../engine/trend.js';
import { joinList, tidy, type Tidy } from '../../render/tidy.js';
import { cell, lines, table, type Block, type CellLike, type View } from '../../render/view.js';
import { getModel } from '../context.js';
import { chokeText, num, ownShare, pct, riskCell, snapshotText, topText, upper } from '../format.js';
import { addDataOption, addMethodOptions, addOutputOptions, addYearOption, examples, numberOption } from '../options.js';
import { LazyItems, render, resolveFormat, write } from '../output.js';
import { parseViewpoint, pickSectors, snapshotOptions } from '../parse.js';
import { ratingText, ratingTone } from './stages.js';

export function registerScore(program: Command): void {
  const cmd = program
    .command('score')
    .description('score a chain stage by stage from a viewpoint: shares, concentration, chokepoints, risk, weakest link')
    .argument('[sector]', 'sector id, name or alias')
    .option('-a, --all', 'every sector')
    .option('-c, --country <country>', "viewpoint: a country or a region such as eu (default: the sector's assessor, the US for the built-in sectors)")
    .addOption(numberOption('-t, --threshold <percent>', 'chokepoint line: one supplier holding this share of world supply or more', { kind: 'percent' }, 65, '65%'))
    .option('--trend', 'show how stage risks and the weakest link move across the years the data hold')
    .option('-i, --inputs', 'also show the key inputs inside each stage (JSON always has them)');
  addOutputOptions(addYearOption(addDataOption(addMethodOptions(cmd))));
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
    const viewpoint = opts.country ? parseViewpoint(model, opts.country) : undefined;
    const method = opts.method as Method;
    const base = { method, lens: opts.lens as Lens, thresholdPct, ...(viewpoint ? { viewpoint } : {}), ...(snap.basis ? { basis: snap.basis } : {}) };
    if (opts.trend) {
      const trends = sectors.map((s) => scoreTrend(model, s, base));
      await write(await render('score', { trends }, { view: () => trendView(trends), records: () => trendRecords(trends) }, opts));
      return;
    }
    const score = (i: number) => scoreSector(model, sectors[i]!, { ...base, ...snap });
    if (resolveFormat(opts) === 'json') {
      // One sector evaluated, written and let go at a time: `score --all` on hundreds of sectors
      // holds one result in memory, not all of them.
      await write(await render('score', { scores: new LazyItems(sectors.length, score) }, { view: () => ({ blocks: [] }), records: () => scoreRecords([]) }, opts));
      return;
    }
    const scores = sectors.map((_, i) => score(i));
    await write(await render('score', { scores }, { view: () => scoreView(sectors, scores, Boolean(opts.inputs)), records: () => scoreRecords(scores) }, opts));
  });
}

/** The node whose figures a stage row shows: the stage's own list, else the node that binds it. */
export function shownNode(st: StageScore): NodeScore {
  if (st.snapshot) return st;
  const path = st.binding[0]?.path;
  return st.inputs.find((n) => n.path === path) ?? st;
}

export function scoreView(sectors: Sector[], scores: SectorScore[], showInputs = false): View {
  const blocks: Block[] = [];
  scores.forEach((s, i) => {
    const v = upper(s.viewpoint);
    const isAssessor = s.assessor === s.viewpoint;
    const rows: CellLike[][] = [];
    const hhiText = (n: NodeScore) => (n.hhi === null ? 'no data' : `${Math.round(n.hhi)} ${n.hhiBand === 'highly concentrated' ? 'high' : n.hhiBand === 'moderately concentrated' ? 'mod.' : 'low'}`);
    for (const st of s.stages) {
      const shown = shownNode(st);
      const binds = st.binding.filter((b) => b.path !== st.path);
      rows.push([
        String(st.order),
        cell(st.name, 'strong'),
        isAssessor ? cell(ratingText(st.rating), st.rating ? ratingTone[st.rating.value] : 'muted') : cell('-', 'muted'),
        ownShare(shown),
        topText(shown),
        hhiText(shown),
        chokeText(shown),
        riskCell(st.risk.value, s.method),
        cell(binds.length ? `bound by ${binds.map((b) => b.name).join(' = ')}` : snapshotText(st.snapshot), 'muted'),
      ]);
      for (const inp of showInputs ? st.inputs : []) {
        rows.push([
          '',
          cell(`${'  '.repeat(inp.depth)}↳ ${inp.name}`, 'muted'),
          '',
          ownShare(inp),
          topText(inp),
          inp.hhi === null ? 'no data' : String(Math.round(inp.hhi)),
          chokeText(inp),
          cell(inp.modelledRisk === null ? (inp.noData ?? '-') : `(${inp.modelledRisk.toFixed(1)})`, 'muted'),
          cell(inp.snapshot ? snapshotText(inp.snapshot) : (inp.supply?.measured ? `imports ${inp.supply.imports?.year}` : inp.noData ?? ''), 'muted'),
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
        `${s.name} from the viewpoint of ${s.viewpointName} (${methodLabel}, ${s.lens} lens${s.year ? `, year ${s.year}` : ', default data choice'})`,
      ),
    );
    const chain: CellLike[] = [];
    if (s.weakestLink) {
      const ties = s.weakestLink.ties.length ? ` (tied with ${s.weakestLink.ties.join(', ')})` : '';
      chain.push(cell(`Weakest link: ${s.weakestLink.name} (risk ${num(s.weakestLink.risk, 2)})${ties}`, 'bad'));
      for (const w of s.weakestLink.why) chain.push(`  · ${w}`);
    } else chain.push(cell('Weakest link: no data', 'muted'));
    if (s.modelledWeakestLink && s.modelledWeakestLink.stage !== s.weakestLink?.stage) {
      chain.push(`Modelled-only weakest link: ${s.modelledWeakestLink.name} (modelled risk ${num(s.modelledWeakestLink.risk)})`);
    }
    if (s.resilience !== null) chain.push(`Resilience: ${num(s.resilience)} (100 − weakest link); mean stage risk ${num(s.meanRisk)}`);
    const top = s.exposures.filter((e) => e.maxPct !== null).slice(0, 5);
    if (top.length) chain.push(`Top exposures of ${v} (highest share of ${v}'s supply at a node): ${top.map((e) => `${e.name} ${pct(e.maxPct, 0)}${e.measured ? '' : ' est.'} (${e.maxNode})`).join(', ')}`);
    const disagree = s.stages.filter((st) => st.risk.disagreement);
    if (disagree.length) chain.push(cell(`Rating and model disagree (>30 points) at: ${disagree.map((d) => `${d.name} (rating ${d.risk.rating}, modelled ${num(d.risk.modelled)})`).join('; ')}`, 'warn'));
    const noData = s.stages.filter((st) => st.risk.modelled === null);
    if (noData.length) chain.push(cell(`No share data: ${noData.map((d) => d.name).join(', ')}`, 'muted'));
    if (s.method === 'eu-crm') {
      const defs = [...new Set(s.stages.flatMap((st) => [st, ...st.inputs].flatMap((n) => n.euCrm?.defaults ?? [])))];
      if (defs.length) chain.push(cell(`EU CRM defaults used: ${defs.join('; ')}`, 'muted'));
    }
    const measured = s.stages.reduce((n, st) => n + [st, ...st.inputs].filter((x) => x.supply?.measured).length, 0);
    const nodes = s.stages.reduce((n, st) => n + 1 + st.inputs.length, 0);
    chain.push(cell(`Dependence: ${measured} of ${nodes} nodes measured from ${v}'s import data, the others estimated from world shares`, 'muted'));
    const inputCount = s.stages.reduce((n, st) => n + st.inputs.length, 0);
    if (inputCount && !showInputs) chain.push(cell(`${inputCount} input${inputCount === 1 ? '' : 's'} scored: show ${inputCount === 1 ? 'it' : 'them'} with --inputs; ${inputCount === 1 ? 'its' : 'their'} chokepoints with \`scsr chokepoints\``, 'muted'));
    chain.push(cell(`Sources: \`scsr sources ${sectors[i]!.id}\`; every step: \`scsr explain ${sectors[i]!.id} <stage>[/<input>]\``, 'muted'));
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

/** CSV/TSV/NDJSON of `score`: one row per node, the stage and every input below it (`depth` 0 is the stage). */
export function scoreRecords(scores: SectorScore[]): Tidy {
  return tidy(
    {
      sector: 'string', viewpoint: 'string', method: 'string', lens: 'string', requested_year: 'number', node: 'string', stage: 'string', parent: 'string', depth: 'number',
      order: 'number', name: 'string', essential: 'boolean', use: 'string', rating: 'string', rating_inferred: 'boolean',
      viewpoint_share_pct: 'number', viewpoint_listed: 'boolean', coverage_pct: 'number', top_suppliers: 'string', top_share_pct: 'number',
      hhi: 'number', hhi_band: 'string', effective_suppliers: 'number', imports_measured: 'boolean', foreign_pct: 'number',
      global_chokepoints: 'string', single_country_chokepoints: 'string',
      risk: 'number', modelled_risk: 'number', rating_risk: 'number', disagreement: 'boolean', weakest_link: 'boolean', binding: 'string',
      snapshot_year: 'number', projection: 'boolean', metric: 'string', basis: 'string', source: 'string',
    },
    (function* () {
      for (const s of scores) {
        for (const st of s.stages) {
          for (const n of [st, ...st.inputs]) {
            const isStage = n === st;
            const chokes = (kind: string) => joinList(n.chokepoints.filter((c) => c.kind === kind).map((c) => c.supplier));
            const listed = Boolean(n.snapshot || n.supply);
            yield {
              sector: s.sector, viewpoint: s.viewpoint, method: s.method, lens: s.lens, requested_year: s.year, node: n.path, stage: st.id, parent: n.parent, depth: n.depth,
              order: st.order, name: n.name, essential: n.essential, use: n.use,
              rating: isStage ? (st.rating?.value ?? null) : null, rating_inferred: isStage ? (st.rating?.inferred ?? null) : null,
              viewpoint_share_pct: n.viewpointSharePct, viewpoint_listed: n.snapshot ? n.viewpointListed : null, coverage_pct: n.coveragePct,
              top_suppliers: n.snapshot ? joinList(n.top.map((t) => t.id)) : null, top_share_pct: n.top[0]?.sharePct ?? null,
              hhi: n.hhi, hhi_band: n.hhiBand, effective_suppliers: n.effectiveSuppliers, imports_measured: n.supply?.measured ?? null, foreign_pct: n.supply?.foreignPct ?? null,
              global_chokepoints: listed ? chokes('global') : null, single_country_chokepoints: listed ? chokes('single-country') : null,
              risk: isStage ? st.risk.value : null, modelled_risk: n.modelledRisk, rating_risk: isStage ? st.risk.rating : null,
              disagreement: isStage ? st.risk.disagreement : null, weakest_link: isStage ? s.weakestLink?.stage === st.id : null,
              binding: isStage ? joinList(st.binding.map((b) => b.path)) : null,
              snapshot_year: n.snapshot?.year ?? null, projection: n.snapshot?.projection ?? null, metric: n.snapshot?.metric ?? null,
              basis: n.snapshot?.basis ?? null, source: n.snapshot?.source ?? null,
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
