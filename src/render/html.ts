// The HTML report (`scsr report`): one self-contained page of inline SVG charts drawn here, from
// result objects the command computed with the engine. Nothing is computed here but layout; no
// script, font, stylesheet or image is loaded from anywhere (a Content-Security-Policy says so).
import { compareIds } from '../engine/concentration.js';
import type { SourceUse, StageSummary } from '../engine/catalog.js';
import type { ItemScore, SectorScore, SnapshotRef, StageScore } from '../engine/results.js';
import type { SectorPolicies } from '../engine/results-policies.js';
import type { ShockResult, WorstCase, WorstEntry } from '../engine/results-shock.js';
import {
  clip,
  COLOR,
  fmtCellShare,
  fmtNum,
  fmtPct,
  h,
  join,
  raw,
  safeHttpUrl,
  SHARE_STEPS,
  shareStep,
  textWidth,
  type Child,
  type Markup,
} from './svg.js';

/** One sector's section of the report: engine results only. */
export interface SectorReport {
  score: SectorScore;
  viewpointName: string;
  /** `built-in` or the user file the sector was read from. */
  origin: string;
  /** The assessor's ratings with their sources, and the diagnoses (catalog listStages). */
  stages: StageSummary[];
  /** Numbered for this section: the sector's sources, then those of the countries data. */
  sources: SourceUse[];
  /** Every country and region cut off in turn (shock --worst). */
  worst: WorstCase | null;
  /** The worst single-country cut-off, stage by stage; null when no cut-off costs anything. */
  cutOff: ShockResult | null;
  /** Policy impacts on one country, when the data give any. */
  policies: SectorPolicies | null;
  policyCountryName: string | null;
}

export interface ReportInput {
  version: string;
  sectors: SectorReport[];
}

/** No script, no network: inline styles and data: images only. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const FONT = 11;
const TOP_PARTNERS = 8;
/** Heat-map columns at most; further suppliers are named in a note below the chart. */
const MAX_COLUMNS = 20;

export function renderReport(input: ReportInput): string {
  const title = `Supply-chain risk report: ${input.sectors.map((s) => s.score.name).join(', ')}`;
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
        'Where each chain is weakest, who supplies it, and what one country’s cut-off would cost. Risk is 0-100: the blend of a modelled risk (who supplies the stage, how concentrated, how reliable) and the assessor’s own rating. Every figure is numbered to its source at the end of its section.',
      ),
      input.sectors.length > 1
        ? h('nav', { 'aria-label': 'Sectors' }, h('ul', {}, input.sectors.map((s, i) => h('li', {}, h('a', { href: `#s${i + 1}` }, `${s.score.name} (viewpoint ${s.viewpointName})`)))))
        : null,
    ),
    h('main', {}, input.sectors.map((s, i) => sectorSection(s, `s${i + 1}`))),
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

/** Source numbers by id, kept apart for the sector's sources and the countries data's. */
class SourceRefs {
  private readonly sector = new Map<string, number>();
  private readonly countries = new Map<string, number>();
  constructor(
    readonly sources: readonly SourceUse[],
    readonly prefix: string,
  ) {
    for (const s of sources) (s.sector === null ? this.countries : this.sector).set(s.id, s.number);
  }
  of(id: string | null | undefined): number | null {
    return id ? (this.sector.get(id) ?? null) : null;
  }
  countriesNumbers(): number[] {
    return [...this.countries.values()];
  }
  anchor(n: number): string {
    return `#${this.prefix}-src-${n}`;
  }
  /** "[4]" as text (inside charts). */
  text(n: number | null): string {
    return n === null ? '' : `[${n}]`;
  }
  /** Links to the numbered sources, for captions. */
  links(numbers: Iterable<number | null>): Markup {
    const sorted = [...new Set([...numbers].filter((n): n is number => n !== null))].sort((a, b) => a - b);
    if (sorted.length === 0) return join();
    // Runs of three or more as "[27]–[41]".
    const runs: Array<[number, number]> = [];
    for (const n of sorted) {
      const last = runs[runs.length - 1];
      if (last && n === last[1] + 1) last[1] = n;
      else runs.push([n, n]);
    }
    const link = (n: number) => h('a', { href: this.anchor(n) }, `[${n}]`);
    return join(
      ' Sources: ',
      runs.map(([a, b], i) => join(i ? ' ' : '', b - a >= 2 ? join(link(a), '–', link(b)) : a === b ? link(a) : join(link(a), ' ', link(b)))),
      '.',
    );
  }
}

function sectorSection(r: SectorReport, id: string): Markup {
  const s = r.score;
  const refs = new SourceRefs(r.sources, id);
  const stageName = (stageId: string): string => s.stages.find((x) => x.id === stageId)?.name ?? stageId;
  return h(
    'section',
    { class: 'sector', id, 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, `${s.name}, from the viewpoint of ${r.viewpointName}`),
    h('p', { class: 'meta' }, `Data: ${r.origin === 'built-in' ? 'built-in' : `user file ${r.origin}`}; ${s.year ? `snapshot year ${s.year}` : 'latest actual data'}; shares on the ${s.basis ?? 'location'} basis where the data have it; chokepoint line ${s.thresholdPct}% of world supply.`),
    summary(r, stageName),
    heatMap(r, refs, `${id}-heat`),
    riskChart(r, refs, `${id}-risk`),
    exposureChart(r, refs, stageName, `${id}-exposure`),
    shockChart(r, refs, `${id}-shock`),
    policyChart(r, refs, `${id}-policies`),
    sourcesList(r, refs),
  );
}

function summary(r: SectorReport, stageName: (id: string) => string): Markup {
  const s = r.score;
  const items: Child[] = [];
  if (s.weakestLink) items.push(h('li', {}, h('strong', {}, 'Weakest link: '), `${s.weakestLink.name} (risk ${fmtNum(s.weakestLink.risk)}${s.resilience !== null ? `; resilience ${fmtNum(s.resilience)}` : ''}).`));
  else items.push(h('li', {}, 'Weakest link: no stage has data.'));
  const top = s.exposures[0];
  if (top) items.push(h('li', {}, h('strong', {}, 'Largest exposure: '), `${top.name}, ${fmtPct(top.maxPct)} of ${r.viewpointName}’s imports at ${stageName(top.maxStage ?? '')}.`));
  const spf = r.cutOff;
  if (spf && spf.world.afterPct !== null) {
    items.push(h('li', {}, h('strong', {}, 'Worst single-country cut-off: '), `${spf.targets.map((t) => t.name).join(', ')}: the chain would deliver ${fmtPct(spf.world.afterPct)} of its output${spf.world.binding[0] ? `, bound at ${spf.world.binding[0].name}${spf.world.binding[0].input ? ` / ${spf.world.binding[0].nodeName}` : ''}` : ''}.`));
  }
  const chokes = s.stages.flatMap((st) => [st, ...st.inputs]).filter((x) => x.chokepoints.some((c) => c.kind === 'global')).length;
  items.push(h('li', {}, h('strong', {}, 'Chokepoints: '), `${chokes} share list${chokes === 1 ? '' : 's'} with one supplier at ${s.thresholdPct}% of world supply or more.`));
  return h('ul', { class: 'summary' }, items);
}

// ---------------------------------------------------------------------------------------------
// Chart scaffolding.

function svgRoot(id: string, width: number, height: number, title: string, desc: string, ...children: Child[]): Markup {
  return h(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      id,
      role: 'img',
      'aria-labelledby': `${id}-t ${id}-d`,
      viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`,
      width: Math.ceil(width),
      height: Math.ceil(height),
      'font-size': FONT,
    },
    h('title', { id: `${id}-t` }, title),
    h('desc', { id: `${id}-d` }, desc),
    ...children,
  );
}

function figure(id: string, kind: string, heading: string, caption: Child, chart: Markup, extra: Child = null): Markup {
  return h(
    'figure',
    { class: 'chart', 'data-chart': kind, 'aria-labelledby': `${id}-cap` },
    h('h3', {}, heading),
    h('div', { class: 'scroll' }, chart),
    h('figcaption', { id: `${id}-cap` }, caption),
    extra,
  );
}

const text = (x: number, y: number, content: Child, attrs: Record<string, string | number | undefined> = {}): Markup => h('text', { x, y, ...attrs }, content);
const rect = (x: number, y: number, width: number, height: number, attrs: Record<string, string | number | undefined> = {}): Markup =>
  h('rect', { x, y, width: Math.max(0, width), height, ...attrs });

/** A label clipped to `max` characters, with the whole text as a tooltip when clipped. */
function label(x: number, y: number, s: string, max: number, attrs: Record<string, string | number | undefined> = {}): Markup {
  const shown = clip(s, max);
  return text(x, y, shown === s ? s : [shown, h('title', {}, s)], attrs);
}

function axis(x0: number, width: number, y: number, height: number, ticks: number[], unit: string): Markup {
  return h(
    'g',
    { class: 'axis', 'aria-hidden': 'true' },
    ticks.map((t) => {
      const x = x0 + (width * t) / 100;
      return join(h('line', { x1: x, x2: x, y1: y, y2: y + height, stroke: COLOR.grid, 'stroke-width': 1 }), text(x, y - 4, `${t}${unit}`, { 'text-anchor': 'middle', fill: COLOR.muted, 'font-size': 10 }));
    }),
  );
}

function legend(x: number, y: number, entries: Array<{ swatch: Markup; label: string }>): Markup {
  let cx = x;
  return h(
    'g',
    { class: 'legend' },
    entries.map((e) => {
      const g = h('g', { transform: `translate(${cx} ${y})` }, e.swatch, text(18, 10, e.label));
      cx += 34 + textWidth(e.label, FONT);
      return g;
    }),
  );
}

const swatch = (fill: string, stroke?: string, dash?: string): Markup => rect(0, 0, 14, 12, { fill, stroke: stroke ?? 'none', 'stroke-width': stroke ? 1.5 : undefined, 'stroke-dasharray': dash });

function dataTable(caption: string, head: string[], rows: Child[][]): Markup {
  return h(
    'details',
    { class: 'data' },
    h('summary', {}, `${caption}: the numbers as a table`),
    h('table', {}, h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))))))),
  );
}

const snapshotNote = (item: { snapshot: SnapshotRef | null }, refs: SourceRefs): string =>
  item.snapshot ? `${item.snapshot.year}${item.snapshot.projection ? ' proj.' : ''} ${refs.text(refs.of(item.snapshot.source))}`.trim() : 'no data';

// ---------------------------------------------------------------------------------------------
// Heat map: country shares of world supply, stage by stage and input by input.

interface HeatRow {
  item: ItemScore;
  stage: boolean;
  /** False for a stage whose figures come from one of its inputs (shown on that input's row). */
  cells: boolean;
  note: string | null;
}

function heatRows(s: SectorScore): HeatRow[] {
  const rows: HeatRow[] = [];
  for (const st of s.stages) {
    const own = st.snapshot !== null;
    const bound = st.binding.filter((b) => b.path !== st.path);
    const note = bound.length ? `risk set by ${bound.map((b) => b.name).join(' = ')}` : own ? null : 'no share data';
    rows.push({ item: st, stage: true, cells: own, note });
    for (const inp of st.inputs) rows.push({ item: inp, stage: false, cells: inp.snapshot !== null, note: inp.snapshot ? null : (inp.noData ?? 'no data') });
  }
  return rows;
}

function heatColumns(rows: HeatRow[], viewpoint: string): { columns: Array<{ id: string; name: string; kind: string }>; hidden: string[] } {
  const seen = new Map<string, { id: string; name: string; kind: string; count: number; max: number }>();
  for (const r of rows) {
    if (!r.cells) continue;
    for (const sup of r.item.suppliers) {
      const e = seen.get(sup.id) ?? { id: sup.id, name: sup.name, kind: sup.kind, count: 0, max: 0 };
      e.count++;
      e.max = Math.max(e.max, sup.sharePct ?? 0);
      seen.set(sup.id, e);
    }
  }
  // Layout order only: the viewpoint first, then suppliers named most often, the unattributed rest last.
  const named = [...seen.values()]
    .filter((c) => c.kind !== 'rest')
    .sort((a, b) => Number(b.id === viewpoint) - Number(a.id === viewpoint) || b.count - a.count || b.max - a.max || compareIds(a.id, b.id));
  const shown = named.slice(0, MAX_COLUMNS);
  const rest = seen.get('rest');
  return { columns: [...shown, ...(rest ? [rest] : [])], hidden: named.slice(MAX_COLUMNS).map((c) => c.name) };
}

function heatMap(r: SectorReport, refs: SourceRefs, id: string): Markup {
  const s = r.score;
  const rows = heatRows(s);
  const { columns, hidden } = heatColumns(rows, s.viewpoint);
  const labelChars = 46;
  const labelW = Math.min(textWidth('x'.repeat(labelChars), FONT), Math.max(140, ...rows.map((x) => (x.stage ? 1.12 : 1) * textWidth(clip(x.item.name, labelChars), FONT) + (x.stage ? 0 : 14)))) + 14;
  const dataW = 78;
  const cellW = 36;
  const rowH = 20;
  const headNames = columns.map((c) => (c.id === s.viewpoint ? `${c.name} (viewpoint)` : c.kind === 'rest' ? 'Unattributed' : c.name));
  const headChars = 28;
  // Column names are rotated 55°: their height is about sin 55° of their length.
  const headH = 24 + 0.82 * Math.max(...headNames.map((n) => textWidth(clip(n, headChars), FONT)), 40);
  const x0 = labelW + dataW;
  const width = Math.max(x0 + columns.length * cellW + 0.58 * textWidth(clip(headNames[headNames.length - 1] ?? '', headChars), FONT) + 10, 600);
  const legendY = headH + rows.length * rowH + 14;
  const height = legendY + 44;
  const chokepointsOf = (item: ItemScore, supplier: string) => item.chokepoints.filter((c) => c.supplier === supplier);

  const header = h(
    'g',
    { class: 'col-heads' },
    columns.map((c, j) => {
      const cx = x0 + j * cellW + cellW / 2;
      return label(cx, headH - 6, headNames[j]!, headChars, { transform: `rotate(-55 ${cx} ${headH - 6})`, 'font-weight': c.id === s.viewpoint ? 'bold' : undefined });
    }),
    text(labelW, headH - 6, 'Year [source]', { fill: COLOR.muted, 'font-size': 10 }),
  );

  const body = rows.map((row, i) => {
    const y = headH + i * rowH;
    const parts: Child[] = [];
    if (row.stage) parts.push(rect(0, y, width, rowH, { fill: '#f2f2f2' }));
    parts.push(label(row.stage ? 4 : 18, y + 14, row.item.name, row.stage ? labelChars : labelChars - 3, { 'font-weight': row.stage ? 'bold' : undefined }));
    if (row.cells) {
      parts.push(text(labelW, y + 14, snapshotNote(row.item, refs), { fill: COLOR.muted, 'font-size': 10 }));
      columns.forEach((c, j) => {
        const sup = row.item.suppliers.find((x) => x.id === c.id);
        if (!sup) return;
        const step = shareStep(sup.sharePct ?? 0);
        const cx = x0 + j * cellW;
        const chokes = chokepointsOf(row.item, c.id);
        const global = chokes.some((k) => k.kind === 'global');
        const single = chokes.some((k) => k.kind === 'single-country');
        const tip = `${sup.name}: ${fmtPct(sup.sharePct)} of world supply${sup.stated ? ` (stated ${sup.stated})` : ''}${global ? `; chokepoint: ${s.thresholdPct}% or more of world supply` : ''}${single ? `; more than half of ${r.viewpointName}’s foreign supply` : ''}`;
        parts.push(
          h(
            'g',
            { 'data-mark': 'heat-cell' },
            h('title', {}, tip),
            rect(cx + 1, y + 1, cellW - 2, rowH - 2, { fill: step.fill }),
            text(cx + cellW / 2, y + 14, (sup.sharePct === null ? '?' : fmtCellShare(sup.sharePct)), { 'text-anchor': 'middle', fill: step.ink, 'font-size': 10, 'font-style': c.kind === 'rest' ? 'italic' : undefined }),
            global
              ? h('g', { 'data-mark': 'chokepoint', 'data-kind': 'global' }, rect(cx + 1.5, y + 1.5, cellW - 3, rowH - 3, { fill: 'none', stroke: '#000', 'stroke-width': 3 }), rect(cx + 3.5, y + 3.5, cellW - 7, rowH - 7, { fill: 'none', stroke: '#fff', 'stroke-width': 1 }))
              : single
                ? h('g', { 'data-mark': 'chokepoint', 'data-kind': 'single-country' }, rect(cx + 2, y + 2, cellW - 4, rowH - 4, { fill: 'none', stroke: '#fff', 'stroke-width': 2.5 }), rect(cx + 2, y + 2, cellW - 4, rowH - 4, { fill: 'none', stroke: '#000', 'stroke-width': 2, 'stroke-dasharray': '4 2' }))
                : null,
          ),
        );
      });
    } else if (row.note) {
      parts.push(text(labelW, y + 14, row.note, { fill: COLOR.muted, 'font-style': 'italic', 'font-size': 10 }));
    }
    return h('g', { 'data-mark': 'heat-row', 'data-row': row.stage ? 'stage' : 'input' }, parts);
  });

  const steps = SHARE_STEPS.map((st, k) => ({ swatch: swatch(st.fill, '#888'), label: k === 0 ? `≤${st.upTo}%` : `${SHARE_STEPS[k - 1]!.upTo}-${st.upTo}%` }));
  const legends = join(
    text(0, legendY + 10, 'Share of world supply:', { fill: COLOR.muted }),
    legend(130, legendY, steps),
    legend(0, legendY + 22, [
      { swatch: join(rect(0, 0, 14, 12, { fill: '#fff', stroke: '#000', 'stroke-width': 3 })), label: `chokepoint: one supplier holds ${s.thresholdPct}% or more of world supply` },
      { swatch: rect(0, 0, 14, 12, { fill: '#fff', stroke: '#000', 'stroke-width': 2, 'stroke-dasharray': '4 2' }), label: 'more than half of the viewpoint’s foreign supply' },
    ]),
  );

  const chokeList = rows.flatMap((row) => (row.cells ? row.item.chokepoints.filter((c) => c.kind === 'global').map((c) => `${row.item.suppliers.find((x) => x.id === c.supplier)?.name ?? c.supplier} in ${row.item.name} (${fmtPct(c.sharePct, 0)})`) : []));
  const desc = `Share of world supply held by each country, for ${s.stages.length} stages and ${rows.length - s.stages.length} key inputs of ${s.name}; darker cells are larger shares, each cell states its share in percent. ${chokeList.length ? `Chokepoints: ${chokeList.join('; ')}.` : 'No chokepoints.'}`;
  const chart = svgRoot(id, width, height, `${s.name}: who supplies each stage and key input`, desc, header, body, legends);
  const caption = join(
    `Rows: the stages (shaded) and their key inputs; columns: suppliers, ${r.viewpointName} first when the lists name it. A stage without its own share list takes its figures from its riskiest input. Bold outline: chokepoint; dashed: one country holds more than half of ${r.viewpointName}’s foreign supply.`,
    hidden.length ? ` Not shown for space: ${hidden.join(', ')}.` : '',
    refs.links(rows.map((x) => (x.cells && x.item.snapshot ? refs.of(x.item.snapshot.source) : null))),
  );
  const table = dataTable(
    'Shares',
    ['Stage or input', 'Data', ...columns.map((c) => (c.kind === 'rest' ? 'Unattributed' : c.name))],
    rows.map((row) => [
      row.stage ? row.item.name : `↳ ${row.item.name}`,
      row.cells ? snapshotNote(row.item, refs) : (row.note ?? ''),
      ...columns.map((c) => {
        const sup = row.cells ? row.item.suppliers.find((x) => x.id === c.id) : undefined;
        return sup ? fmtPct(sup.sharePct) : '';
      }),
    ]),
  );
  return figure(id, 'heatmap', 'Who supplies each stage', caption, chart, table);
}

// ---------------------------------------------------------------------------------------------
// Stage risks: the blended risk per stage, the weakest link marked, rating beside modelled risk.

function riskChart(r: SectorReport, refs: SourceRefs, id: string): Markup {
  const s = r.score;
  const labelW = 270;
  const barW = 360;
  const x0 = labelW + 10;
  const rowH = 58;
  const top = 22;
  const width = x0 + barW + 190;
  const height = top + s.stages.length * rowH + 34;
  const weakest = s.weakestLink?.stage ?? null;
  const ratingOf = (st: StageScore) => r.stages.find((x) => x.id === st.id)?.rating ?? null;
  const rows = s.stages.map((st, i) => {
    const y = top + i * rowH;
    const isWeakest = st.id === weakest;
    const rating = ratingOf(st);
    const refsText = [rating ? `rating ${refs.text(refs.of(rating.source))}` : '', st.snapshot ? `shares ${snapshotNote(st, refs)}` : ''].filter(Boolean).join(' · ');
    const bar = (value: number | null, dy: number, hgt: number, fill: string, mark: string, what: string) =>
      value === null
        ? text(x0, y + dy + hgt - 1, what, { fill: COLOR.muted, 'font-style': 'italic', 'font-size': 10 })
        : h('g', { 'data-mark': mark }, rect(x0, y + dy, (barW * Math.min(100, Math.max(0, value))) / 100, hgt, { fill, stroke: mark === 'rating' ? '#7a5a1e' : undefined, 'stroke-width': mark === 'rating' ? 0.75 : undefined }), text(x0 + (barW * Math.min(100, value)) / 100 + 5, y + dy + hgt - 1, `${fmtNum(value)} ${what}`, { 'font-size': 10 }));
    return h(
      'g',
      { 'data-stage': String(i + 1), 'data-weakest': isWeakest ? 'true' : undefined },
      isWeakest ? rect(0, y - 4, width, rowH - 4, { fill: COLOR.band }) : null,
      label(4, y + 13, `${st.order}. ${st.name}`, 42, { 'font-weight': 'bold' }),
      label(4, y + 28, rating ? `assessed ${rating.value.replace('-', ' ')}${rating.inferred ? ' (inferred)' : ''}` : st.rating === null && s.assessor !== s.viewpoint ? 'no rating from this viewpoint' : 'no rating', 46, { fill: COLOR.muted, 'font-size': 10 }),
      label(4, y + 41, refsText, 46, { fill: COLOR.muted, 'font-size': 10 }),
      st.risk.value === null
        ? text(x0, y + 14, 'no data', { fill: COLOR.muted, 'font-style': 'italic' })
        : h(
            'g',
            { 'data-mark': 'risk' },
            h('title', {}, `${st.name}: risk ${fmtNum(st.risk.value)}${isWeakest ? ' (weakest link)' : ''}`),
            rect(x0, y + 2, (barW * Math.min(100, Math.max(0, st.risk.value))) / 100, 16, { fill: isWeakest ? COLOR.weakest : COLOR.risk, stroke: isWeakest ? '#000' : undefined, 'stroke-width': isWeakest ? 1.5 : undefined }),
            text(x0 + (barW * Math.min(100, st.risk.value)) / 100 + 5, y + 15, `${fmtNum(st.risk.value)}${isWeakest ? ' ◀ weakest link' : ''}`, { 'font-weight': 'bold' }),
          ),
      bar(st.risk.rating, 22, 8, COLOR.rating, 'rating', st.risk.rating === null ? 'no rating' : 'rating'),
      bar(st.risk.modelled, 32, 8, COLOR.modelled, 'modelled', st.risk.modelled === null ? 'no share data' : 'modelled'),
    );
  });
  const legendY = top + s.stages.length * rowH + 8;
  const chart = svgRoot(
    id,
    width,
    height,
    `${s.name}: stage risk from the viewpoint of ${r.viewpointName}`,
    `Risk 0-100 per stage, the blend of modelled risk and the assessed rating: ${s.stages.map((st) => `${st.name} ${fmtNum(st.risk.value)} (rating ${fmtNum(st.risk.rating)}, modelled ${fmtNum(st.risk.modelled)})`).join('; ')}. ${s.weakestLink ? `Weakest link: ${s.weakestLink.name}.` : 'No weakest link: no data.'}`,
    axis(x0, barW, top - 6, s.stages.length * rowH - 4, [0, 25, 50, 75, 100], ''),
    rows,
    legend(x0, legendY, [
      { swatch: swatch(COLOR.risk), label: 'risk (blended)' },
      { swatch: swatch(COLOR.weakest, '#000'), label: 'weakest link' },
      { swatch: swatch(COLOR.rating, '#7a5a1e'), label: 'assessed rating' },
      { swatch: swatch(COLOR.modelled), label: 'modelled risk' },
    ]),
  );
  const countries = refs.countriesNumbers();
  const caption = join(
    `Each stage’s risk (thick bar) is half its modelled risk and half the assessor’s rating read on the same scale (satisfactory 20, weak 60, very weak 90); with one of them missing, the other alone. The modelled risk weighs every foreign supplier by its governance and alliances as seen from ${r.viewpointName}.`,
    refs.links([...s.stages.map((st) => refs.of(ratingOf(st)?.source)), ...s.stages.map((st) => (st.snapshot ? refs.of(st.snapshot.source) : null)), ...countries]),
  );
  const diagnoses = r.stages.filter((st) => st.diagnoses.length > 0);
  const diag = diagnoses.length
    ? h(
        'details',
        { class: 'data' },
        h('summary', {}, 'What the assessor says about each stage'),
        h('dl', {}, diagnoses.map((st) => join(h('dt', {}, st.name), st.diagnoses.map((d) => h('dd', {}, d))))),
      )
    : null;
  const table = dataTable(
    'Stage risk',
    ['Stage', 'Risk', 'Rating', 'Modelled', 'Weakest link'],
    s.stages.map((st) => [st.name, fmtNum(st.risk.value), st.risk.rating === null ? 'no rating' : `${fmtNum(st.risk.rating)} (${ratingOf(st)?.value ?? ''})`, fmtNum(st.risk.modelled), st.id === weakest ? 'yes' : '']),
  );
  return figure(id, 'risk', 'Stage risk and the weakest link', caption, chart, join(table, diag));
}

// ---------------------------------------------------------------------------------------------
// Exposure: the viewpoint's reliance on its top partners.

function exposureChart(r: SectorReport, refs: SourceRefs, stageName: (id: string) => string, id: string): Markup {
  const s = r.score;
  const partners = s.exposures.slice(0, TOP_PARTNERS);
  const labelW = 170;
  const barW = 360;
  const x0 = labelW + 10;
  const rowH = 34;
  const top = 22;
  const width = x0 + barW + 300;
  const height = top + Math.max(1, partners.length) * rowH + 30;
  const rows = partners.map((e, i) => {
    const y = top + i * rowH;
    return h(
      'g',
      { 'data-mark': 'exposure' },
      h('title', {}, `${e.name}: up to ${fmtPct(e.maxPct)} of ${r.viewpointName}’s imports (at ${stageName(e.maxStage ?? '')}); ${fmtPct(e.meanPct)} weighted mean over stages`),
      label(4, y + 13, e.name, 28, { 'font-weight': 'bold' }),
      rect(x0, y + 2, (barW * Math.min(100, e.maxPct ?? 0)) / 100, 14, { fill: COLOR.exposureMax }),
      label(x0 + (barW * Math.min(100, e.maxPct ?? 0)) / 100 + 5, y + 14, `${fmtPct(e.maxPct)} at ${stageName(e.maxStage ?? '')}`, 50),
      rect(x0, y + 19, (barW * Math.min(100, e.meanPct)) / 100, 7, { fill: COLOR.exposureMean, stroke: '#3c6e63', 'stroke-width': 0.75 }),
      text(x0 + (barW * Math.min(100, e.meanPct)) / 100 + 5, y + 26, `${fmtPct(e.meanPct)} mean`, { 'font-size': 10, fill: COLOR.muted }),
    );
  });
  const legendY = top + Math.max(1, partners.length) * rowH + 4;
  const chart = svgRoot(
    id,
    width,
    height,
    `${s.name}: exposure of ${r.viewpointName} to its top partners`,
    partners.length
      ? `Share of ${r.viewpointName}’s imports held by each partner: ${partners.map((e) => `${e.name} up to ${fmtPct(e.maxPct)} (${stageName(e.maxStage ?? '')}), weighted mean ${fmtPct(e.meanPct)}`).join('; ')}.`
      : `No foreign supplier in the data for ${r.viewpointName}.`,
    axis(x0, barW, top - 6, Math.max(1, partners.length) * rowH - 4, [0, 25, 50, 75, 100], '%'),
    partners.length ? rows : text(x0, top + 16, 'No foreign supplier in the data.', { fill: COLOR.muted, 'font-style': 'italic' }),
    legend(x0, legendY, [
      { swatch: swatch(COLOR.exposureMax), label: 'largest share at one stage' },
      { swatch: swatch(COLOR.exposureMean, '#3c6e63'), label: 'mean over stages, weighted by foreign share' },
    ]),
  );
  const caption = join(
    `A partner’s share of the supply ${r.viewpointName} gets from abroad, stage by stage: the largest (the weakest-link view) and the mean weighted by how much of each stage is foreign.${s.exposures.length > partners.length ? ` Top ${partners.length} of ${s.exposures.length} partners.` : ''}`,
    refs.links(s.stages.map((st) => (st.snapshot ? refs.of(st.snapshot.source) : null))),
  );
  const table = dataTable(
    'Exposure',
    ['Partner', 'Largest share of foreign supply', 'At stage', 'Weighted mean'],
    s.exposures.map((e) => [e.name, fmtPct(e.maxPct), stageName(e.maxStage ?? ''), fmtPct(e.meanPct)]),
  );
  return figure(id, 'exposure', `Exposure of ${r.viewpointName} to its top partners`, caption, chart, table);
}

// ---------------------------------------------------------------------------------------------
// The worst single-country cut-off, before and after, stage by stage.

function shockChart(r: SectorReport, refs: SourceRefs, id: string): Markup {
  const c = r.cutOff;
  const s = r.score;
  const heading = 'Worst single-country cut-off';
  if (!c) {
    const msg = r.worst ? 'Cutting off any one country costs the chain nothing in these data.' : 'No shock result.';
    return h('figure', { class: 'chart', 'data-chart': 'shock' }, h('h3', {}, heading), h('p', { class: 'empty' }, msg));
  }
  const who = c.targets.map((t) => t.name).join(', ');
  const labelW = 270;
  const barW = 360;
  const x0 = labelW + 10;
  const rowH = 46;
  const top = 22;
  const width = x0 + barW + 200;
  const height = top + c.stages.length * rowH + 30;
  const binding = c.world.binding[0]?.stage ?? null;
  const rows = c.stages.map((st, i) => {
    const y = top + i * rowH;
    const parts: Child[] = [];
    if (st.id === binding) parts.push(rect(0, y - 4, width, rowH - 4, { fill: COLOR.band }));
    parts.push(label(4, y + 13, `${st.order}. ${st.name}`, 42, { 'font-weight': 'bold' }));
    const ref = st.snapshot ? snapshotNote(st, refs) : '';
    parts.push(label(4, y + 27, st.tree.binding.some((p) => p !== st.path) ? `tightest: ${st.inputs.find((x) => st.tree.binding.includes(x.path))?.name ?? ''}` : ref ? `shares ${ref}` : '', 46, { fill: COLOR.muted, 'font-size': 10 }));
    if (st.tree.afterPct === null) {
      parts.push(text(x0, y + 14, 'no share data: left out', { fill: COLOR.muted, 'font-style': 'italic' }));
      return h('g', {}, parts);
    }
    const w = (v: number) => (barW * Math.min(100, Math.max(0, v))) / 100;
    const view = st.tree.viewpointAfterPct;
    parts.push(
      h(
        'g',
        { 'data-mark': 'shock-stage' },
        h('title', {}, `${st.name}: 100% before, ${fmtPct(st.tree.afterPct)} of world supply after${view !== null ? `, ${fmtPct(view)} of ${r.viewpointName}’s supply after` : ''}`),
        h('g', { 'data-mark': 'before' }, rect(x0, y, w(100), 10, { fill: COLOR.before, stroke: '#8a8a8a', 'stroke-width': 0.75 }), text(x0 + w(100) + 5, y + 9, `${fmtPct(100, 0)} before`, { 'font-size': 10, fill: COLOR.muted })),
        h('g', { 'data-mark': 'after' }, rect(x0, y + 12, w(st.tree.afterPct), 10, { fill: COLOR.worldAfter }), text(x0 + w(st.tree.afterPct) + 5, y + 21, `${fmtPct(st.tree.afterPct)} world after${st.id === binding ? ' ◀ binds' : ''}`, { 'font-size': 10, 'font-weight': st.id === binding ? 'bold' : undefined })),
        view === null ? null : h('g', { 'data-mark': 'viewpoint-after' }, rect(x0, y + 24, w(view), 10, { fill: COLOR.viewAfter }), label(x0 + w(view) + 5, y + 33, `${fmtPct(view)} ${r.viewpointName} after`, 34, { 'font-size': 10 })),
      ),
    );
    return h('g', {}, parts);
  });
  const legendY = top + c.stages.length * rowH + 4;
  const chart = svgRoot(
    id,
    width,
    height,
    `${s.name}: what each stage still delivers if ${who} is cut off`,
    `World capacity per stage before and after ${who} loses ${fmtPct(c.lossPct, 0)} of its capacity: ${c.stages.map((st) => `${st.name} ${st.tree.afterPct === null ? 'no data' : `${fmtPct(st.tree.afterPct)} (viewpoint ${fmtPct(st.tree.viewpointAfterPct)})`}`).join('; ')}. Chain throughput ${fmtPct(c.world.afterPct)}${c.world.binding[0] ? `, bound at ${c.world.binding[0].name}` : ''}.`,
    axis(x0, barW, top - 6, c.stages.length * rowH - 4, [0, 25, 50, 75, 100], '%'),
    rows,
    legend(x0, legendY, [
      { swatch: swatch(COLOR.before, '#8a8a8a'), label: 'before' },
      { swatch: swatch(COLOR.worldAfter), label: 'world after' },
      { swatch: swatch(COLOR.viewAfter), label: `${clip(r.viewpointName, 24)} after` },
    ]),
  );
  const caption = join(
    `${who} loses ${fmtPct(c.lossPct, 0)} of its capacity at every stage${c.sparePct > 0 ? `; others can add ${fmtPct(c.sparePct, 0)}` : ', and nobody has spare capacity'}. The chain delivers what its tightest stage delivers: ${fmtPct(c.world.afterPct)} of world output${c.world.binding[0] ? ` (bound at ${c.world.binding[0].name}${c.world.binding[0].input ? `, input ${c.world.binding[0].nodeName}` : ''})` : ''}, and ${fmtPct(c.viewpointChain.afterPct)} of ${r.viewpointName}’s supply. Chosen as the country whose loss costs the world the most (scsr shock ${s.sector} --worst).`,
    refs.links(c.stages.map((st) => (st.snapshot ? refs.of(st.snapshot.source) : null))),
  );
  const ranking = r.worst ? worstTable(r.worst.byWorld.slice(0, 5), r.viewpointName) : null;
  return figure(id, 'shock', `${heading}: ${who}`, caption, chart, ranking);
}

function worstTable(entries: WorstEntry[], viewpointName: string): Markup {
  return h(
    'table',
    { class: 'ranking' },
    h('caption', {}, 'Each country or region cut off in turn: the five costliest for the world'),
    h('thead', {}, h('tr', {}, ['Rank', 'Cut off', 'World output lost', `${viewpointName}’s supply lost`, 'Binds at'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, entries.map((e) => h('tr', {}, h('td', {}, String(e.rank)), h('th', { scope: 'row' }, e.target.name), h('td', {}, fmtPct(e.worldLostPct)), h('td', {}, fmtPct(e.viewpointLostPct)), h('td', {}, e.worldBinding[0]?.name ?? '-')))),
  );
}

// ---------------------------------------------------------------------------------------------
// Policy impacts: short term beside mid-to-long term.

const LEVEL_TEXT: Record<string, string> = { 'very-negative': 'very negative', negative: 'negative', neutral: 'neutral', positive: 'positive', 'very-positive': 'very positive' };

function policyChart(r: SectorReport, refs: SourceRefs, id: string): Markup {
  const p = r.policies;
  const heading = 'Policy impacts';
  if (!p || p.policies.length === 0) {
    return h('figure', { class: 'chart', 'data-chart': 'policies' }, h('h3', {}, heading), h('p', { class: 'empty' }, 'The data give no policy impacts for this sector.'));
  }
  const who = r.policyCountryName ?? p.country;
  const labelW = 320;
  const panelW = 200;
  const half = 80;
  const rowH = 30;
  const top = 30;
  const xs = { short: labelW + 10 + panelW / 2, long: labelW + 10 + panelW + 20 + panelW / 2 };
  const width = labelW + 10 + 2 * panelW + 30;
  const height = top + p.policies.length * rowH + 30;
  const cell = (pol: (typeof p.policies)[number], horizon: 'short' | 'long', y: number): Markup => {
    const cx = xs[horizon];
    const rating = pol.impact?.[horizon] ?? null;
    if (!pol.impact) return text(cx, y + 14, 'no impact given', { 'text-anchor': 'middle', fill: COLOR.muted, 'font-style': 'italic', 'font-size': 10 });
    if (!rating) {
      return h('g', { 'data-mark': 'gap' }, h('title', {}, pol.impact.gap ?? 'not in the source'), rect(cx - half, y + 3, 2 * half, 16, { fill: 'none', stroke: COLOR.muted, 'stroke-dasharray': '3 3' }), text(cx, y + 15, 'gap in the source', { 'text-anchor': 'middle', fill: COLOR.muted, 'font-style': 'italic', 'font-size': 10 }));
    }
    const len = (half * Math.abs(rating.score)) / 2;
    const positive = rating.score > 0;
    const x = positive ? cx : cx - len;
    return h(
      'g',
      { 'data-mark': 'impact', 'data-horizon': horizon },
      h('title', {}, `${LEVEL_TEXT[rating.level]} (${rating.score > 0 ? '+' : ''}${rating.score})`),
      rating.score === 0 ? rect(cx - 1.5, y + 3, 3, 16, { fill: COLOR.ink }) : rect(x, y + 3, len, 16, { fill: positive ? COLOR.positive : COLOR.negative, stroke: positive ? undefined : '#8a4b2f', 'stroke-width': positive ? undefined : 0.75 }),
      text(positive ? cx - 4 : cx + 4, y + 15, LEVEL_TEXT[rating.level] ?? rating.level, { 'text-anchor': positive ? 'end' : 'start', 'font-size': 10 }),
    );
  };
  const rows = p.policies.map((pol, i) => {
    const y = top + i * rowH;
    return h(
      'g',
      { 'data-mark': 'policy' },
      label(4, y + 15, `${pol.number}. ${pol.title}`, 46),
      pol.impact ? text(labelW - 4, y + 15, refs.text(refs.of(pol.impact.source)), { 'text-anchor': 'end', fill: COLOR.muted, 'font-size': 10 }) : null,
      cell(pol, 'short', y),
      cell(pol, 'long', y),
    );
  });
  const axisH = p.policies.length * rowH;
  const axes = (['short', 'long'] as const).map((hz) =>
    join(
      text(xs[hz], top - 14, hz === 'short' ? 'Short term' : 'Mid to long term', { 'text-anchor': 'middle', 'font-weight': 'bold' }),
      h('line', { x1: xs[hz], x2: xs[hz], y1: top - 2, y2: top + axisH, stroke: COLOR.ink, 'stroke-width': 1 }),
      text(xs[hz] - half, top + axisH + 14, '− negative', { 'text-anchor': 'start', fill: COLOR.muted, 'font-size': 10 }),
      text(xs[hz] + half, top + axisH + 14, 'positive +', { 'text-anchor': 'end', fill: COLOR.muted, 'font-size': 10 }),
    ),
  );
  const totals = p.totals.map((t) => `${t.horizon === 'short' ? 'short term' : 'mid to long term'}: ${t.positive} positive, ${t.negative} negative, ${t.neutral} neutral, net ${t.sum > 0 ? '+' : ''}${t.sum}${t.gaps ? `, ${t.gaps} without a rating` : ''}`);
  const chart = svgRoot(
    id,
    width,
    height,
    `${p.name}: impact of the policies on ${who}`,
    `Impact of each policy on ${who}, short term and mid to long term: ${p.policies.map((pol) => `${pol.number}. ${pol.title}: ${pol.impact?.short ? LEVEL_TEXT[pol.impact.short.level] : 'no rating'} / ${pol.impact?.long ? LEVEL_TEXT[pol.impact.long.level] : 'no rating'}`).join('; ')}.`,
    axes,
    rows,
  );
  const caption = join(
    `How the assessor’s policies affect ${who}, as the source rates them (very negative −2 to very positive +2). Totals: ${totals.join('; ')}. ${p.headline.outweighs ? 'Short-term positives outweigh short-term negatives.' : 'Short-term positives do not outweigh short-term negatives.'}`,
    refs.links(p.policies.flatMap((pol) => [refs.of(pol.source), refs.of(pol.impact?.source)])),
  );
  const table = dataTable(
    'Policy impacts',
    ['Policy', 'Short term', 'Mid to long term', 'Why'],
    p.policies.map((pol) => [`${pol.number}. ${pol.title}`, pol.impact?.short ? LEVEL_TEXT[pol.impact.short.level]! : pol.impact ? 'gap' : 'no impact given', pol.impact?.long ? LEVEL_TEXT[pol.impact.long.level]! : pol.impact ? 'gap' : 'no impact given', pol.impact ? [...pol.impact.text, pol.impact.gap ? `Gap: ${pol.impact.gap}` : ''].filter(Boolean).join(' ') : '']),
  );
  return figure(id, 'policies', `${heading} on ${who}`, caption, chart, table);
}

// ---------------------------------------------------------------------------------------------
// Sources: every figure's source and year, numbered as the charts cite them.

function sourcesList(r: SectorReport, refs: SourceRefs): Markup {
  return h(
    'section',
    { class: 'sources', 'aria-label': `Sources of ${r.score.name}` },
    h('h3', {}, 'Sources'),
    h(
      'ol',
      {},
      r.sources.map((src) => {
        const href = safeHttpUrl(src.url);
        const uses = [
          src.supplies.figures ? `${src.supplies.figures} figure${src.supplies.figures === 1 ? '' : 's'}` : '',
          src.supplies.inputs.length ? `inputs ${src.supplies.inputs.join(', ')}` : src.supplies.stages.length ? `stages ${src.supplies.stages.join(', ')}` : '',
          src.supplies.other.join('; '),
        ].filter(Boolean);
        return h(
          'li',
          { id: refs.anchor(src.number).slice(1) },
          h('span', { class: 'num' }, `[${src.number}]`),
          ' ',
          h('strong', {}, src.publisher),
          `: ${src.title} (${src.year})${src.secondary ? ', read in a secondary source' : ''}${src.sector === null ? ' (countries data)' : ''}.`,
          src.url ? join(' ', href ? h('a', { href, rel: 'noopener noreferrer' }, src.url) : h('span', { class: 'url' }, src.url)) : null,
          uses.length ? h('span', { class: 'uses' }, ` Supplies: ${uses.join('; ')}.`) : null,
        );
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------

const STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1180px;padding:24px;line-height:1.45}
h1{font-size:1.7rem;margin:0 0 .4rem}
h2{font-size:1.35rem;margin:2.2rem 0 .3rem;padding-top:.6rem;border-top:3px solid #1a1a1a}
h3{font-size:1.05rem;margin:0 0 .4rem}
.lede,.meta{color:#444;max-width:72ch}
.meta{font-size:.9rem}
nav ul{padding-left:1.2rem}
.summary{background:#f6f6f6;border-left:4px solid #1a1a1a;padding:.6rem 1rem .6rem 2rem}
figure.chart{margin:1.6rem 0;padding:0}
.scroll{overflow-x:auto}
svg{max-width:100%;height:auto;display:block;background:#fff}
figcaption{font-size:.9rem;color:#333;max-width:90ch;margin-top:.3rem}
details.data{font-size:.85rem;margin-top:.4rem}
details.data table,table.ranking{border-collapse:collapse;margin:.4rem 0;font-size:.85rem}
th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
td{font-variant-numeric:tabular-nums}
table.ranking caption{text-align:left;font-weight:600;padding:.2rem 0}
.empty{color:#555;font-style:italic}
.sources ol{list-style:none;padding-left:0;font-size:.88rem}
.sources li{margin:.25rem 0;padding-left:3.2em;text-indent:-3.2em;overflow-wrap:anywhere}
.sources .num{display:inline-block;width:3em;text-indent:0;font-variant-numeric:tabular-nums}
.sources .uses{color:#555}
.sources li:target{background:#fff3c4}
a{color:#1f3a68}
footer{margin-top:2.5rem;font-size:.8rem;color:#555;border-top:1px solid #ccc;padding-top:.5rem}
@media print{
  body{max-width:none;padding:0;font-size:10pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  nav,details.data{display:none}
  section.sector+section.sector{break-before:page}
  figure.chart,table.ranking,.summary{break-inside:avoid}
  .scroll{overflow:visible}
  a{color:inherit;text-decoration:none}
  .sources li{break-inside:avoid}
}
@page{margin:14mm}
`;
