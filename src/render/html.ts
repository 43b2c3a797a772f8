// The HTML report (`scsr report`): one self-contained page of inline SVG charts, from result
// objects the command computed with the engine. The page layout is here; the charts are in
// report/ (heatmap.ts, charts.ts), and report/adapt.ts is the one place results are read.
// Nothing is computed here but layout; no script, font, stylesheet or image is loaded from
// anywhere (a Content-Security-Policy says so). Every user string is bidi-isolated (<bdi> here,
// U+2068…U+2069 inside SVG), so no name or title can reverse the text around it.
import { adaptSector, type ImpactCell, type SectorReport, type SectorView, type SourceView } from './report/adapt.js';
import { exposureChart, policyChart, riskChart, shockChart } from './report/charts.js';
import { heatMap, listLabel, MAX_COLUMNS } from './report/heatmap.js';
import { balanceBidi, iso } from './report/text.js';
import { describeUrl, fmtNum, fmtPct, h, join, raw, type Child, type Markup } from './svg.js';

export type { SectorReport } from './report/adapt.js';

export interface ReportInput {
  version: string;
  sectors: SectorReport[];
}

/** No script, no network: inline styles and data: images only. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** A user string in HTML: balanced and isolated, so its direction stays inside it. */
const u = (s: string): Markup => h('bdi', {}, balanceBidi(s));

export function renderReport(input: ReportInput): string {
  const views = input.sectors.map(adaptSector);
  const title = `Supply-chain risk report: ${views.map((v) => iso(v.name)).join(', ')}`;
  const body = h(
    'body',
    {},
    h(
      'header',
      {},
      h('h1', {}, 'Supply-chain risk report'),
      h(
        'p',
        { class: 'lede' },
        'Where each chain is weakest, who supplies it, and what one country’s cut-off would cost. Risk is 0-100: a modelled risk (who supplies the stage, how concentrated, how reliable), blended with the assessor’s own rating where the viewpoint is the assessor. Every figure is numbered to its source at the end of its section.',
      ),
      views.length > 1
        ? h('nav', { 'aria-label': 'Sectors' }, h('ul', {}, views.map((v, i) => h('li', {}, h('a', { href: `#s${i + 1}` }, u(v.name), ' (viewpoint ', u(v.viewpoint.name), ')')))))
        : null,
    ),
    h('main', {}, views.map((v, i) => sectorSection(v, `s${i + 1}`, i + 1))),
    h('footer', {}, `Made by scsr ${input.version}. Formulas: docs/methodology.md and docs/scenarios.md of the scsr package. The page runs no script and loads nothing.`),
  );
  return `<!doctype html>\n${h(
    'html',
    { lang: 'en' },
    h(
      'head',
      {},
      h('meta', { charset: 'utf-8' }),
      h('meta', { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { name: 'referrer', content: 'no-referrer' }),
      h('title', {}, title),
      h('style', {}, raw(STYLE)),
    ),
    body,
  )}\n`;
}

// ---------------------------------------------------------------------------------------------
// Sections.

/** Links to the numbered sources, for captions: runs of three or more as "[27]–[41]". */
function sourceLinks(prefix: string, numbers: readonly number[]): Markup {
  if (numbers.length === 0) return join();
  const runs: Array<[number, number]> = [];
  for (const n of numbers) {
    const last = runs[runs.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  const link = (n: number) => h('a', { href: `#${prefix}-src-${n}` }, `[${n}]`);
  return join(
    ' Sources: ',
    runs.map(([a, b], i) => join(i ? ' ' : '', b - a >= 2 ? join(link(a), '–', link(b)) : a === b ? link(a) : join(link(a), ' ', link(b)))),
    '.',
  );
}

function sectorSection(v: SectorView, id: string, n: number): Markup {
  const bases = v.summary.bases.map((b) => `${b.lists} on the ${b.basis === 'headquarters' ? 'company-headquarters' : b.basis} basis`);
  let fig = 0;
  const figure = (kind: string, heading: Child, chart: Markup | null, caption: Child, extra: Child = null, empty = ''): Markup => {
    fig++;
    const figId = `${id}-${kind}`;
    return h(
      'figure',
      { class: `chart chart-${kind}`, 'data-chart': kind, 'aria-labelledby': `${figId}-h` },
      h('h3', { id: `${figId}-h` }, `Figure ${n}.${fig} `, heading),
      chart ? h('div', { class: 'scroll' }, chart) : h('p', { class: 'empty' }, empty),
      chart ? h('figcaption', {}, caption) : null,
      extra,
    );
  };
  const heat = v.heat;
  const hidden = heat.columns.filter((c) => c.kind !== 'rest').slice(MAX_COLUMNS);
  return h(
    'section',
    { class: 'sector', id, 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, u(v.name), ', from the viewpoint of ', u(v.viewpoint.name)),
    h(
      'p',
      { class: 'meta' },
      'Data: ',
      v.dataFile ? join('user file ', u(v.dataFile)) : 'built-in',
      `; ${v.year ? `snapshot year ${v.year}` : 'latest actual data'}; share lists: ${bases.length ? bases.join(', ') : 'none'} (each row of the heat map says its basis); chokepoint line ${v.thresholdPct}% of world supply.`,
    ),
    summary(v),
    figure(
      'risk',
      'Stage risk and the weakest link',
      riskChart(v, `${id}-risk`),
      join(`The modelled risk weighs every foreign supplier by its governance and alliances as seen from `, u(v.viewpoint.name), '.', sourceLinks(id, v.risk.sources)),
      join(
        dataTable('Stage risk', ['Stage', 'Risk', 'Rating (0-100)', 'Modelled', 'Weakest link'], v.risk.rows.map((r) => [u(r.name), fmtNum(r.risk), r.rating === null ? 'not used' : `${fmtNum(r.rating)} (${r.ratingLabel?.value ?? ''})`, fmtNum(r.modelled), r.weakest ? 'yes' : ''])),
        v.risk.diagnoses.length
          ? h('details', { class: 'data' }, h('summary', {}, 'What the assessor says about each stage'), h('dl', {}, v.risk.diagnoses.map((d) => join(h('dt', {}, u(d.stage)), d.lines.map((l) => h('dd', {}, u(l)))))))
          : null,
      ),
    ),
    figure(
      'heatmap',
      'Who supplies each stage',
      heatMap(v, `${id}-heat`),
      join(
        'Rows: the stages (shaded) and their key inputs; columns: suppliers, ',
        u(v.viewpoint.name),
        ' first when the lists name it. A stage without its own share list takes its figures from its riskiest input.',
        hidden.length ? join(' Not shown for space: ', hidden.map((c, i) => join(i ? ', ' : '', u(c.name))), '.') : '',
        sourceLinks(id, heat.sources),
      ),
      dataTable(
        'Shares',
        ['Stage or input', 'List', ...heat.columns.map((c) => h('span', { class: 'vh' }, c.kind === 'rest' ? 'Unattributed' : u(c.name)))],
        heat.rows.map((row) => [
          row.depth === 0 ? u(row.name) : join('↳ ', u(row.name)),
          row.list ? listLabel(row.list) : u(row.note ?? ''),
          ...heat.columns.map((c) => {
            const cell = row.cells[c.id];
            return cell ? fmtPct(cell.sharePct) : '';
          }),
        ]),
        'shares',
      ),
    ),
    figure(
      'exposure',
      join('Exposure of ', u(v.viewpoint.name), ' to its top partners'),
      exposureChart(v, `${id}-exposure`),
      join(`A partner’s share of what `, u(v.viewpoint.name), ' imports, stage by stage and input by input.', sourceLinks(id, v.exposure.sources)),
      dataTable('Exposure', ['Partner', 'Largest share of imports', 'At stage', 'Mean over stages'], v.exposure.all.map((e) => [u(e.name), e.maxPct === null ? 'named without a share' : fmtPct(e.maxPct), u(e.maxStage), fmtPct(e.meanPct)])),
    ),
    figure(
      'shock',
      v.shock ? join('Worst single-country cut-off: ', u(v.shock.who)) : 'Worst single-country cut-off',
      shockChart(v, `${id}-shock`),
      v.shock
        ? join(
            u(v.shock.who),
            ` loses ${fmtPct(v.shock.lossPct, 0)} of its capacity at every stage${v.shock.sparePct > 0 ? `; others can add ${fmtPct(v.shock.sparePct, 0)}` : ', and nobody has spare capacity'}. The chain delivers what its tightest stage delivers: ${fmtPct(v.shock.worldAfterPct)} of world output`,
            v.shock.binding ? join(' (bound at ', u(v.shock.binding.name), v.shock.binding.input ? join(', input ', u(v.shock.binding.input)) : '', ')') : '',
            `, and ${fmtPct(v.shock.viewpointAfterPct)} of `,
            u(v.viewpoint.name),
            `’s supply. Chosen as the country whose loss costs the world the most (scsr shock ${v.id} --worst).`,
            sourceLinks(id, v.shock.sources),
          )
        : '',
      v.shock && v.shock.ranking.length ? rankingTable(v) : null,
      v.shockMissing,
    ),
    figure(
      'policies',
      v.policies ? join('Policy impacts on ', u(v.policies.country)) : 'Policy impacts',
      policyChart(v, `${id}-policies`),
      v.policies ? join('How the assessor’s policies affect ', u(v.policies.country), ', as the source rates them.', sourceLinks(id, v.policies.sources)) : '',
      v.policies
        ? dataTable(
            'Policy impacts',
            ['Policy', 'Short term', 'Mid to long term', 'Why'],
            v.policies.rows.map((r) => [join(`${r.number}. `, u(r.title)), impactWord(r.short), impactWord(r.long), u(r.why)]),
          )
        : null,
      'The data give no policy impacts for this sector.',
    ),
    sourcesList(v, id),
  );
}

const LEVEL_TEXT: Record<string, string> = { 'very-negative': 'very negative (−2)', negative: 'negative (−1)', neutral: 'neutral (0)', positive: 'positive (+1)', 'very-positive': 'very positive (+2)' };
const impactWord = (c: ImpactCell): string =>
  c === 'gap' ? 'gap in the source' : c === 'none' ? 'no impact given' : (LEVEL_TEXT[c.level] ?? c.level);

function summary(v: SectorView): Markup {
  const s = v.summary;
  const items: Child[] = [];
  items.push(
    s.weakest
      ? h('li', {}, h('strong', {}, 'Weakest link: '), u(s.weakest.name), ` (risk ${fmtNum(s.weakest.risk)}${s.weakest.resilience !== null ? `; resilience ${fmtNum(s.weakest.resilience)}` : ''}).`)
      : h('li', {}, 'Weakest link: no stage has data.'),
  );
  if (s.exposure) items.push(h('li', {}, h('strong', {}, 'Largest exposure: '), u(s.exposure.partner), `, ${fmtPct(s.exposure.pct)} of `, u(v.viewpoint.name), '’s imports at ', u(s.exposure.stage), '.'));
  if (s.cutOff) items.push(h('li', {}, h('strong', {}, 'Worst single-country cut-off: '), u(s.cutOff.who), `: the chain would deliver ${fmtPct(s.cutOff.afterPct)} of its output`, s.cutOff.binding ? join(', bound at ', u(s.cutOff.binding)) : '', '.'));
  items.push(h('li', {}, h('strong', {}, 'Chokepoints: '), `${s.chokepointLists} share list${s.chokepointLists === 1 ? '' : 's'} with one supplier at ${v.thresholdPct}% of world supply or more.`));
  return h('ul', { class: 'summary' }, items);
}

/** A table of the chart's numbers: collapsed on screen, printed in full. */
function dataTable(caption: string, head: Child[], rows: Child[][], kind?: string): Markup {
  return h(
    'details',
    { class: 'data' },
    h('summary', {}, `${caption}: the numbers as a table`),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: kind },
        h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: isNumber(c) ? 'n' : undefined }, c)))))),
      ),
    ),
  );
}

/** A figure in a table cell ("51%", "<1", "14.6"): set right-aligned. */
const isNumber = (c: Child): boolean => typeof c === 'number' || (typeof c === 'string' && /^[<−-]?\d[\d.,]*%?$/.test(c));

function rankingTable(v: SectorView): Markup {
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'ranking' },
      h('caption', {}, 'Each country or region cut off in turn: the five costliest for the world'),
      h('thead', {}, h('tr', {}, ['Rank', 'Cut off', 'World output lost', join(u(v.viewpoint.name), '’s supply lost'), 'Binds at'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, v.shock!.ranking.map((e) => h('tr', {}, h('td', { class: 'n' }, String(e.rank)), h('th', { scope: 'row' }, u(e.name)), h('td', { class: 'n' }, fmtPct(e.worldLostPct)), h('td', { class: 'n' }, fmtPct(e.viewpointLostPct)), h('td', {}, e.binds ? u(e.binds) : '-')))),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Sources: every figure's source and year, numbered as the charts cite them. A link shows the
// address it goes to (parsed: punycode host, encoded path), never the data's own spelling of it.

function sourcesList(v: SectorView, id: string): Markup {
  return h(
    'section',
    { class: 'sources', 'aria-label': `Sources of ${iso(v.name)}` },
    h('h3', {}, 'Sources'),
    h('ol', {}, v.sources.map((src) => sourceItem(src, id))),
  );
}

function sourceItem(src: SourceView, id: string): Markup {
  const link = describeUrl(src.url);
  const warnings = link ? [...(link.mixedScripts ? [`mixed scripts in the host name (${link.mixedScripts.join(', ')}): it may imitate another address`] : []), ...(link.credentials ? ['the address carries a user name or password'] : [])] : [];
  return h(
    'li',
    { id: `${id}-src-${src.number}` },
    h('span', { class: 'num' }, `[${src.number}]`),
    ' ',
    h('strong', {}, u(src.publisher)),
    ': ',
    u(src.title),
    ` (${src.year})${src.secondary ? ', read in a secondary source' : ''}${src.countries ? ' (countries data)' : ''}.`,
    src.url ? join(' ', link ? h('a', { href: link.href, rel: 'noopener noreferrer', dir: 'ltr', class: 'url' }, link.href) : h('span', { class: 'url' }, u(src.url))) : null,
    warnings.map((w) => h('span', { class: 'warn' }, ` ⚠ ${w}.`)),
    src.uses.length ? h('span', { class: 'uses' }, ' Supplies: ', src.uses.map((x, i) => join(i ? '; ' : '', u(x))), '.') : null,
  );
}

// ---------------------------------------------------------------------------------------------

const STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1180px;padding:24px;line-height:1.45;overflow-wrap:anywhere}
h1{font-size:1.7rem;margin:0 0 .4rem}
h2{font-size:1.35rem;margin:2.2rem 0 .3rem;padding-top:.6rem;border-top:3px solid #1a1a1a}
h3{font-size:1.05rem;margin:0 0 .4rem}
.lede,.meta{color:#444;max-width:72ch}
.meta{font-size:.9rem}
nav ul{padding-left:1.2rem}
.summary{background:#f6f6f6;border-left:4px solid #1a1a1a;padding:.6rem 1rem .6rem 2rem}
figure.chart{margin:1.8rem 0;padding:0}
.scroll{overflow-x:auto;max-width:100%}
svg{display:block;background:#fff;max-width:none}
table.bands{border-collapse:collapse;border-spacing:0}
table.bands td{padding:0;border:0}
figcaption{font-size:.9rem;color:#333;max-width:90ch;margin-top:.3rem}
details.data{font-size:.85rem;margin-top:.4rem}
details.data table,table.ranking{border-collapse:collapse;margin:.4rem 0;font-size:.85rem;overflow-wrap:break-word}
th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
th{max-width:28em}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.ranking caption{text-align:left;font-weight:600;padding:.2rem 0}
.empty{color:#555;font-style:italic}
.sources ol{list-style:none;padding-left:0;font-size:.88rem}
.sources li{margin:.25rem 0;padding-left:3.2em;text-indent:-3.2em}
.sources .num{display:inline-block;width:3em;text-indent:0;font-variant-numeric:tabular-nums}
.sources .uses{color:#555}
.sources .warn{color:#8c1c13;font-weight:600}
.sources li:target{background:#fff3c4}
a{color:#1f3a68}
footer{margin-top:2.5rem;font-size:.8rem;color:#555;border-top:1px solid #ccc;padding-top:.5rem}
@media (max-width:600px){
  body{padding:12px}
  h1{font-size:1.4rem}
  .summary{padding:.5rem .6rem .5rem 1.4rem}
}
@page{size:A4;margin:14mm}
@page wide{size:A4 landscape;margin:12mm}
@media print{
  body{max-width:none;padding:0;font-size:10pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  nav{display:none}
  section.sector+section.sector{break-before:page}
  h2,h3,summary,caption{break-after:avoid}
  h3+*{break-before:avoid}
  .summary,figcaption,tr,li,svg{break-inside:avoid}
  figure.chart>.scroll{break-inside:avoid}
  figure.chart-heatmap>.scroll{break-inside:auto}
  figure.chart-heatmap{page:wide}
  .scroll{overflow:visible}
  svg{max-width:100%;height:auto}
  figcaption,details.data,table.ranking{font-size:8.5pt}
  details.data::details-content{content-visibility:visible;display:contents}
  details.data>summary{list-style:none;font-weight:600}
  /* Nothing may be wider than the page: the browser would shrink the whole page to fit it. */
  details.data table,table.ranking,table.bands{width:100%;table-layout:fixed}
  th,td{max-width:none;overflow-wrap:anywhere;white-space:normal}
  td.n{white-space:normal}
  details.data th:first-child{width:20%}
  table.shares{font-size:7pt}
  table.shares th:nth-child(2){width:13%}
  table.shares td{padding:1px 2px}
  table.shares td.n{white-space:nowrap}
  table.shares .vh{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;max-height:11em;overflow:hidden;display:inline-block}
  a{color:inherit;text-decoration:none}
  .sources ol{font-size:8.5pt}
}
`;
