// The heat map: each supplier's share of world supply, stage by stage and input by input. It is
// drawn as a header (title, units, column names), one band per stage and a footer (legend,
// notes, sources), each its own SVG with the same columns, stacked in a table: on screen they
// read as one chart; printed, a page breaks between stages only and the header repeats on
// every page (a table's <thead> does).
import { COLOR, fmtCellShare, fmtPct, h, join, rect, SHARE_STEPS, shareStep, text, type Child, type Markup } from '../svg.js';
import type { HeatColumn, HeatRow, ListInfo, SectorView } from './adapt.js';
import { bold, clippedText, FONT, legend, normal, small, SMALL, SMALL_LINE, sourceLine, swatch, TITLE, widthOf, wrappedText, type LegendEntry } from './chart.js';
import { iso } from './text.js';

/** Named supplier columns at most; further suppliers are named in a note under the chart. */
export const MAX_COLUMNS = 20;
const CELL_W = 30;
const ROW_H = 20;
const LINE_H = 13;
const INDENT = 14;
const LABEL_MAX = 250;
const HEAD_MAX = 180;
/** Column names are rotated 55°: their height is about sin 55° of their length, their overhang cos 55°. */
const SIN = Math.sin((55 * Math.PI) / 180);
const COS = Math.cos((55 * Math.PI) / 180);

const BASIS_WORD: Record<string, string> = { location: 'location', headquarters: 'HQ', ownership: 'ownership', demand: 'demand' };
const METRIC_WORD: Record<string, string> = { 'value-added': 'value added' };

/** "HQ · sales 2022 [4]": basis first, so rows on the same basis line up. */
export function listLabel(list: ListInfo): string {
  return `${BASIS_WORD[list.basis] ?? list.basis} · ${METRIC_WORD[list.metric] ?? list.metric} ${list.year}${list.projection ? ' proj.' : ''}${list.source !== null ? ` [${list.source}]` : ''}`;
}

export function heatMap(v: SectorView, id: string): Markup {
  const heat = v.heat;
  const named = heat.columns.filter((c) => c.kind !== 'rest');
  const columns = [...named.slice(0, MAX_COLUMNS), ...heat.columns.filter((c) => c.kind === 'rest')];
  const hidden = named.slice(MAX_COLUMNS).map((c) => c.name);
  const headName = (c: HeatColumn) => (c.viewpoint ? `${c.name} (viewpoint)` : c.kind === 'rest' ? 'Unattributed rest' : c.kind === 'region' ? `${c.name} (region)` : c.name);
  const fontOf = (row: HeatRow) => (row.depth === 0 ? bold : normal);

  // Widths from measured text.
  const labelW = Math.min(LABEL_MAX, Math.max(140, ...heat.rows.map((r) => widthOf(r.name, fontOf(r)) + r.depth * INDENT))) + 12;
  const dataW = Math.min(240, Math.max(widthOf('basis · measure, year [source]', small), ...heat.rows.filter((r) => r.list).map((r) => widthOf(listLabel(r.list!), small)))) + 14;
  const x0 = labelW + dataW;
  const heads = columns.map((c) => ({ c, text: headName(c), w: Math.min(HEAD_MAX, widthOf(headName(c), c.viewpoint ? bold : normal)) }));
  const lastOverhang = heads.length ? COS * heads[heads.length - 1]!.w : 0;
  const width = Math.ceil(Math.max(x0 + columns.length * CELL_W + lastOverhang + 12, 640));

  // Header: title, units, column names.
  const title = `${iso(v.name)}: who supplies each stage and key input`;
  const headParts: Child[] = [];
  let y = 4;
  const t = wrappedText(0, y + TITLE, title, width - 8, { size: TITLE, weight: 'bold' }, 3, { class: 'chart-title' });
  headParts.push(t.markup);
  y += t.lines * (TITLE + 4) + 2;
  const unitsText = 'Share of world supply, % (whole percent; “<1” below 0.5%). One row per share list; its basis comes first: “location” counts where plants or mines are, “HQ” where the companies are headquartered. Rows on different bases do not compare.';
  const u = wrappedText(0, y + SMALL + 2, unitsText, width - 8, small, 4, { fill: COLOR.muted, class: 'chart-units' });
  headParts.push(u.markup);
  y += u.lines * SMALL_LINE + 8;
  const headH = Math.ceil(y + 10 + SIN * Math.max(40, ...heads.map((x) => x.w)));
  headParts.push(
    h(
      'g',
      { class: 'col-heads' },
      heads.map(({ c, text: name }, j) => {
        const cx = x0 + j * CELL_W + CELL_W / 2;
        return clippedText(cx, headH - 6, name, HEAD_MAX, c.viewpoint ? bold : normal, { transform: `rotate(-55 ${cx} ${headH - 6})`, 'font-style': c.kind === 'rest' ? 'italic' : undefined, 'data-column': c.id });
      }),
      text(4, headH - 6, 'Stage, and its key inputs', { fill: COLOR.muted, 'font-size': SMALL }),
      text(labelW, headH - 6, 'basis · measure, year [source]', { fill: COLOR.muted, 'font-size': SMALL }),
    ),
  );
  const chokeList = heat.rows.flatMap((row) => row.chokepoints.map((c) => `${iso(columns.find((x) => x.id === c.supplier)?.name ?? c.supplier)} in ${iso(row.name)} (${fmtPct(c.sharePct, 0)})`));
  const desc = `Share of world supply held by each supplier, for ${heat.stages} stages and ${heat.rows.length - heat.stages} key inputs of ${iso(v.name)}; darker cells are larger shares, each cell states its share in percent, each row its basis, measure, year and source. ${chokeList.length ? `Chokepoints: ${chokeList.join('; ')}.` : 'No chokepoints.'}`;
  const header = h(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', id, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, viewBox: `0 0 ${width} ${headH}`, width, height: headH, 'font-size': FONT, 'data-part': 'header' },
    h('title', { id: `${id}-t` }, title),
    h('desc', { id: `${id}-d` }, desc),
    headParts,
  );

  // One band per stage: the stage's row and its inputs'.
  const bands: Markup[] = [];
  const stageRows: HeatRow[][] = [];
  for (const row of heat.rows) {
    if (row.depth === 0 || stageRows.length === 0) stageRows.push([]);
    stageRows[stageRows.length - 1]!.push(row);
  }
  for (const group of stageRows) {
    let by = 0;
    const parts: Child[] = [];
    for (const row of group) {
      const font = fontOf(row);
      const x = 4 + row.depth * INDENT;
      const lines = widthOf(row.name, font) + row.depth * INDENT > LABEL_MAX ? 2 : 1;
      const rowH = lines === 1 ? ROW_H : ROW_H + LINE_H;
      if (row.depth === 0) parts.push(rect(0, by, width, rowH, { fill: COLOR.stageRow, class: 'bg' }));
      const label = wrappedText(x, by + 14, row.name, labelW - 12 - row.depth * INDENT, font, 2, {}, LINE_H);
      const cells: Child[] = [];
      if (row.list) {
        cells.push(clippedText(labelW, by + 14, listLabel(row.list), dataW - 10, small, { fill: COLOR.muted, 'data-basis': row.list.basis }));
        columns.forEach((c, j) => {
          const cell = row.cells[c.id];
          if (!cell) return;
          cells.push(heatCell(x0 + j * CELL_W, by, rowH, c, cell, v));
        });
      } else if (row.note) {
        cells.push(clippedText(labelW, by + 14, row.note, width - labelW - 8, small, { fill: COLOR.muted, 'font-style': 'italic' }));
      }
      parts.push(h('g', { 'data-mark': 'heat-row', 'data-row': row.depth === 0 ? 'stage' : 'input' }, h('g', { 'data-label': '' }, label.markup), cells));
      by += rowH;
    }
    bands.push(
      h(
        'svg',
        { xmlns: 'http://www.w3.org/2000/svg', role: 'img', 'aria-label': `${iso(group[0]!.stage)}: shares of world supply`, viewBox: `0 0 ${width} ${by}`, width, height: by, 'font-size': FONT, 'data-part': 'band' },
        parts,
      ),
    );
  }

  // Footer: legend, notes, sources.
  const inner = width - 8;
  let fy = 8;
  const foot: Child[] = [];
  foot.push(text(0, fy + 10, 'Share of world supply:', { fill: COLOR.muted }));
  const steps: LegendEntry[] = SHARE_STEPS.map((st, k) => ({ swatch: swatch(st.fill, COLOR.cellEdge, undefined, 0.5), label: k === 0 ? `≤${st.upTo}%` : `${SHARE_STEPS[k - 1]!.upTo}–${st.upTo}%` }));
  const l1 = legend(widthOf('Share of world supply:', normal) + 10, fy, steps, inner - widthOf('Share of world supply:', normal) - 10);
  foot.push(l1.markup);
  fy += l1.height + 4;
  const l2 = legend(
    0,
    fy,
    [
      { swatch: rect(0, 0, 14, 12, { fill: '#fff', stroke: COLOR.cellEdge, 'stroke-dasharray': '2 2' }), label: 'unattributed rest of the world: not one supplier, no colour scale' },
      { swatch: rect(0, 0, 14, 12, { fill: '#fff', stroke: '#000', 'stroke-width': 3 }), label: `chokepoint: one supplier holds ${v.thresholdPct}% or more of world supply` },
      { swatch: join(rect(0, 0, 14, 12, { fill: '#fff', stroke: COLOR.cellEdge, 'stroke-width': 0.5 }), h('polygon', { points: '14,0 6,0 14,8', fill: '#000' })), label: `corner: more than half of ${v.viewpoint.name}’s imports` },
    ].map((e) => ({ ...e, label: e.label.includes(v.viewpoint.name) ? e.label.replace(v.viewpoint.name, iso(v.viewpoint.name)) : e.label })),
    inner,
  );
  foot.push(l2.markup);
  fy += l2.height + 6;
  const notes = [
    'A blank cell: the row’s source does not name that supplier (its share is unknown, part of the unattributed rest if any), not zero. “0”: named with a share of 0%. “?”: named, share not given.',
    ...(hidden.length ? [`Not shown for space: ${hidden.map(iso).join(', ')}.`] : []),
  ];
  for (const note of notes) {
    const n = wrappedText(0, fy + SMALL, note, inner, small, 6, { fill: COLOR.muted });
    foot.push(n.markup);
    fy += n.lines * SMALL_LINE + 4;
  }
  const src = wrappedText(0, fy + SMALL, sourceLine(heat.sources, v), inner, small, 12, { fill: COLOR.muted, class: 'chart-sources' });
  foot.push(src.markup);
  fy += src.lines * SMALL_LINE + 6;
  const footer = h('svg', { xmlns: 'http://www.w3.org/2000/svg', role: 'img', 'aria-label': 'Legend and sources of the heat map', viewBox: `0 0 ${width} ${Math.ceil(fy)}`, width, height: Math.ceil(fy), 'font-size': FONT, 'data-part': 'footer' }, foot);

  return h(
    'table',
    { class: 'bands', role: 'presentation' },
    h('thead', {}, h('tr', {}, h('td', {}, header))),
    h('tbody', {}, bands.map((b) => h('tr', {}, h('td', {}, b))), h('tr', {}, h('td', {}, footer))),
  );
}

function heatCell(cx: number, y: number, rowH: number, c: HeatColumn, cell: HeatRow['cells'][string], v: SectorView): Markup {
  const rest = c.kind === 'rest';
  const unknown = cell.sharePct === null;
  const step = shareStep(cell.sharePct ?? 0);
  const tip = `${iso(c.kind === 'rest' ? 'Unattributed rest of the world' : c.name)}: ${unknown ? 'named by the source, share unknown' : `${fmtPct(cell.sharePct)} of world supply`}${cell.stated ? ` (stated ${iso(cell.stated)})` : ''}${cell.global ? `; chokepoint: ${v.thresholdPct}% or more of world supply` : ''}${cell.single ? `; more than half of ${iso(v.viewpoint.name)}’s imports` : ''}`;
  const mid = y + rowH / 2 + 4;
  return h(
    'g',
    { 'data-mark': 'heat-cell', 'data-supplier': c.id },
    h('title', {}, tip),
    rest || unknown
      ? rect(cx + 1.5, y + 1.5, CELL_W - 3, rowH - 3, { fill: '#fff', stroke: COLOR.cellEdge, 'stroke-dasharray': '2 2' })
      : rect(cx + 1, y + 1, CELL_W - 2, rowH - 2, { fill: step.fill, stroke: COLOR.cellEdge, 'stroke-width': 0.5 }),
    text(cx + CELL_W / 2, mid, cell.sharePct === null ? '?' : fmtCellShare(cell.sharePct), { 'text-anchor': 'middle', fill: rest || unknown ? COLOR.muted : step.ink, 'font-style': rest || unknown ? 'italic' : undefined }),
    cell.global ? h('g', { 'data-mark': 'chokepoint', 'data-kind': 'global' }, rect(cx + 1.5, y + 1.5, CELL_W - 3, rowH - 3, { fill: 'none', stroke: '#000', 'stroke-width': 3 }), rect(cx + 3.5, y + 3.5, CELL_W - 7, rowH - 7, { fill: 'none', stroke: '#fff', 'stroke-width': 1 })) : null,
    cell.single ? h('g', { 'data-mark': 'chokepoint', 'data-kind': 'single-country' }, h('polygon', { points: `${cx + CELL_W - 1},${y + 1} ${cx + CELL_W - 11},${y + 1} ${cx + CELL_W - 1},${y + 11}`, fill: '#000', stroke: '#fff', 'stroke-width': 0.75 })) : null,
  );
}
