// The bar charts of the report: stage risk, exposure, the worst single-country cut-off, policy
// impacts. Each draws from its view (adapt.ts) and sizes its label column and value labels from
// measured text widths, so no label runs into a bar.
import { COLOR, fmtNum, fmtPct, h, join, rect, text, type Child, type Markup } from '../svg.js';
import type { ImpactCell, SectorView } from './adapt.js';
import { axis, bold, clippedText, FONT, framedChart, LINE, normal, small, SMALL, SMALL_LINE, swatch, widthOf, wrappedText } from './chart.js';
import { listLabel } from './heatmap.js';
import { clipToWidth, iso, wrapToWidth, type Font } from './text.js';

// Bars of 260 px and labels sized to need keep every chart but the heat map within an A4
// portrait page at full size (688 CSS px), so printed chart text stays at 7.5 pt.
const BAR_W = 260;
const LABEL_MAX = 300;
const GAP = 12;
const clampPct = (v: number) => Math.min(100, Math.max(0, v));

/** Lines a label takes when wrapped to `max` (at most `limit`). */
const linesOf = (s: string, font: Font, max: number, limit: number) => wrapToWidth(s, max, font, limit).length;

// ---------------------------------------------------------------------------------------------
// Stage risk: the risk per stage, the weakest link marked, rating beside modelled risk where
// the two are blended.

export function riskChart(v: SectorView, id: string): Markup {
  const R = v.risk;
  const title = (r: (typeof R.rows)[number]) => `${r.order}. ${r.name}`;
  const subs = (r: (typeof R.rows)[number]): string[] => [
    ...(r.ratingLabel ? [`assessed ${r.ratingLabel.value}${r.ratingLabel.inferred ? ' (inferred)' : ''}${r.ratingLabel.source !== null ? ` [${r.ratingLabel.source}]` : ''}`] : []),
    r.list ? `shares: ${listLabel(r.list)}` : 'no share data',
  ];
  const labelW = Math.min(LABEL_MAX, Math.max(120, ...R.rows.map((r) => widthOf(title(r), bold)), ...R.rows.flatMap((r) => subs(r).map((s) => widthOf(s, small)))));
  const x0 = labelW + GAP;
  const barLen = (x: number) => (BAR_W * clampPct(x)) / 100;
  const layout = R.rows.map((r) => {
    const blend = r.rating !== null && r.modelled !== null;
    const nameLines = linesOf(title(r), bold, labelW, 2);
    const block = nameLines * LINE + subs(r).length * SMALL_LINE;
    return { r, blend, nameLines, height: Math.max(block, blend ? 38 : 18) + 14 };
  });
  const valueLabels = layout.flatMap(({ r, blend }) => [
    r.risk === null ? 0 : barLen(r.risk) + 6 + widthOf(`${fmtNum(r.risk)}${r.weakest ? ' ◀ weakest link' : ''}`, bold),
    blend ? barLen(r.rating!) + 6 + widthOf(`${fmtNum(r.rating)} rating`, small) : 0,
    blend ? barLen(r.modelled!) + 6 + widthOf(`${fmtNum(r.modelled)} modelled`, small) : 0,
  ]);
  const width = Math.ceil(x0 + Math.max(BAR_W + 24, ...valueLabels) + 8);
  const only = R.rows.some((r) => r.rating !== null) ? 'rating' : 'modelled';

  const units = [
    `Risk 0–100 per stage (higher is riskier), from the viewpoint of ${iso(v.viewpoint.name)}.`,
    R.blended ? 'Thick bar: half the modelled risk and half the assessed rating read on the same scale (satisfactory 20, weak 60, very weak 90); with one of them missing, the other alone.' : '',
    R.ratingsNotUsed ? `The ratings in the data are ${iso(R.assessorName ?? 'the assessor')}’s self-assessment and apply from its viewpoint only: here each risk is the modelled risk alone.` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return framedChart({
    id,
    width,
    title: `${iso(v.name)}: stage risk and the weakest link`,
    units,
    desc: `Risk 0-100 per stage: ${R.rows.map((r) => `${iso(r.name)} ${fmtNum(r.risk)}${r.rating !== null ? ` (rating ${fmtNum(r.rating)}, modelled ${fmtNum(r.modelled)})` : ''}`).join('; ')}. ${R.weakest ? `Weakest link: ${iso(R.weakest)}.` : 'No weakest link: no data.'}`,
    sources: R.sources,
    cite: v,
    body: (top) => {
      const axisTop = top + 14;
      let y = axisTop + 6;
      const rows = layout.map(({ r, blend, height }) => {
        const parts: Child[] = [];
        if (r.weakest) parts.push(rect(0, y - 6, width, height - 4, { fill: COLOR.band, class: 'bg' }));
        const name = wrappedText(4, y + 12, title(r), labelW, bold, 2, {}, LINE);
        let sy = y + 12 + name.lines * LINE - 1;
        parts.push(h('g', { 'data-label': '' }, name.markup, subs(r).map((s) => {
          const t = clippedText(4, sy, s, labelW, small, { fill: COLOR.muted });
          sy += SMALL_LINE;
          return t;
        })));
        if (r.risk === null) parts.push(text(x0, y + 13, 'no data', { fill: COLOR.muted, 'font-style': 'italic' }));
        else {
          const fill = r.weakest ? COLOR.weakest : COLOR.risk;
          parts.push(
            h(
              'g',
              { 'data-mark': 'risk', 'data-basis': blend ? 'blended' : r.rating !== null ? 'rating' : 'modelled' },
              h('title', {}, `${iso(r.name)}: risk ${fmtNum(r.risk)}${r.weakest ? ' (weakest link)' : ''}`),
              rect(x0, y, barLen(r.risk), 18, { fill, stroke: r.weakest ? '#000' : undefined, 'stroke-width': r.weakest ? 1.5 : undefined }),
              text(x0 + barLen(r.risk) + 6, y + 13, `${fmtNum(r.risk)}${r.weakest ? ' ◀ weakest link' : ''}`, { 'font-weight': 'bold' }),
            ),
          );
        }
        if (blend) {
          parts.push(
            h('g', { 'data-mark': 'rating' }, rect(x0, y + 21, barLen(r.rating!), 8, { fill: COLOR.rating }), text(x0 + barLen(r.rating!) + 6, y + 29, `${fmtNum(r.rating)} rating`, { 'font-size': SMALL })),
            h('g', { 'data-mark': 'modelled' }, rect(x0 + 0.5, y + 31.5, Math.max(0, barLen(r.modelled!) - 1), 7, { fill: COLOR.modelled, stroke: COLOR.modelledStroke, 'stroke-width': 1 }), text(x0 + barLen(r.modelled!) + 6, y + 39, `${fmtNum(r.modelled)} modelled`, { 'font-size': SMALL })),
          );
        }
        const g = h('g', { 'data-stage': String(r.order), 'data-weakest': r.weakest ? 'true' : undefined }, parts);
        y += height;
        return g;
      });
      return { markup: join(axis(x0, BAR_W, axisTop, y - axisTop - 10, [0, 25, 50, 75, 100], ''), rows), height: y - top };
    },
    legend: [
      ...(R.blended
        ? [{ swatch: swatch(COLOR.risk), label: 'risk: half rating, half modelled' }]
        : [{ swatch: swatch(COLOR.risk), label: only === 'modelled' ? 'risk = modelled risk (no rating applies)' : 'risk = assessed rating' }]),
      { swatch: swatch(COLOR.weakest, '#000'), label: 'weakest link' },
      ...(R.blended
        ? [
            { swatch: swatch(COLOR.rating), label: 'assessed rating' },
            { swatch: rect(0.5, 2.5, 13, 7, { fill: COLOR.modelled, stroke: COLOR.modelledStroke, 'stroke-width': 1 }), label: 'modelled risk (hollow)' },
          ]
        : []),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Exposure: the viewpoint's reliance on its top partners, and on the worst cut-off's country.

export function exposureChart(v: SectorView, id: string): Markup {
  const E = v.exposure;
  const nameOf = (r: { name: string; region: boolean }) => `${r.name}${r.region ? ' (region)' : ''}`;
  const labelRows = [...E.rows.map((r) => ({ name: nameOf(r), cutOff: r.cutOff })), ...(E.cutOffWithout ? [{ name: E.cutOffWithout.name, cutOff: true }] : [])];
  const labelW = Math.min(200, Math.max(100, ...labelRows.map((r) => widthOf(r.name, bold)), widthOf('worst cut-off', small)));
  const x0 = labelW + GAP;
  const barLen = (x: number) => (BAR_W * clampPct(x)) / 100;
  // The stage's name is clipped to keep the chart within a printed page; the table has it whole.
  const maxLabel = (r: (typeof E.rows)[number]) => (r.maxPct === null ? 'named without a share' : `${fmtPct(r.maxPct)} at ${clipToWidth(r.maxStage, 170, normal)}`);
  const missingText = E.cutOffWithout
    ? `no exposure figure${E.cutOffWithout.holds ? `; it holds ${E.cutOffWithout.holds}` : ''}`
    : '';
  const width = Math.ceil(
    x0 + Math.max(BAR_W + 24, ...E.rows.flatMap((r) => [barLen(r.maxPct ?? 0) + 6 + widthOf(maxLabel(r), normal), barLen(r.meanPct) + 6 + widthOf(`${fmtPct(r.meanPct)} mean`, small)]), Math.min(560, widthOf(missingText, small))) + 8,
  );
  const rowH = (r: { name: string }) => linesOf(r.name, bold, labelW, 2) * LINE + SMALL_LINE + 14;
  const beyondTop = E.rows.filter((r) => E.all.indexOf(r) >= E.top).length;
  const notes = E.all.length > E.rows.length ? [`The top ${Math.min(E.top, E.all.length)} of ${E.all.length} partners${beyondTop ? ', and the worst cut-off’s country' : ''}; every partner is in the table under the chart.`] : [];
  return framedChart({
    id,
    width,
    title: `${iso(v.name)}: exposure of ${iso(v.viewpoint.name)} to its top partners`,
    units: `Share of ${iso(v.viewpoint.name)}’s supply held by each partner (imported share × share of the imports), %: the largest at any one stage or input (thick bar), and the mean over stages of its largest share at each (thin bar).`,
    desc: E.rows.length
      ? `Share of ${iso(v.viewpoint.name)}’s supply held by each partner: ${E.rows.map((e) => `${iso(e.name)} up to ${fmtPct(e.maxPct)} (${iso(e.maxStage)}), weighted mean ${fmtPct(e.meanPct)}`).join('; ')}.`
      : `No foreign supplier in the data for ${iso(v.viewpoint.name)}.`,
    sources: E.sources,
    cite: v,
    notes,
    body: (top) => {
      const axisTop = top + 14;
      let y = axisTop + 6;
      const parts: Child[] = [];
      for (const r of E.rows) {
        const height = rowH({ name: nameOf(r) });
        const name = wrappedText(4, y + 12, nameOf(r), labelW, bold, 2, {}, LINE);
        parts.push(
          h(
            'g',
            { 'data-mark': 'exposure', 'data-partner': r.id, 'data-cutoff': r.cutOff ? 'true' : undefined },
            r.cutOff ? rect(0, y - 6, width, height - 4, { fill: COLOR.band, class: 'bg' }) : null,
            h('title', {}, r.maxPct === null ? `${iso(r.name)}: named without a share` : `${iso(r.name)}: up to ${fmtPct(r.maxPct)} of ${iso(v.viewpoint.name)}’s supply (at ${iso(r.maxStage)}); ${fmtPct(r.meanPct)} mean over stages`),
            h('g', { 'data-label': '' }, name.markup, r.cutOff ? text(4, y + 12 + name.lines * LINE - 1, 'worst cut-off', { 'font-size': SMALL, fill: COLOR.muted }) : null),
            rect(x0, y, barLen(r.maxPct ?? 0), 14, { fill: COLOR.exposureMax }),
            text(x0 + barLen(r.maxPct ?? 0) + 6, y + 12, r.maxPct === null ? 'named without a share' : `${fmtPct(r.maxPct)} at ${iso(clipToWidth(r.maxStage, 170, normal))}`, { 'font-style': r.maxPct === null ? 'italic' : undefined }),
            rect(x0, y + 17, barLen(r.meanPct), 7, { fill: COLOR.exposureMean, stroke: '#3c6e63', 'stroke-width': 0.75 }),
            text(x0 + barLen(r.meanPct) + 6, y + 25, `${fmtPct(r.meanPct)} mean`, { 'font-size': SMALL, fill: COLOR.muted }),
          ),
        );
        y += height;
      }
      if (E.cutOffWithout) {
        const height = rowH({ name: E.cutOffWithout.name });
        const name = wrappedText(4, y + 12, E.cutOffWithout.name, labelW, bold, 2, {}, LINE);
        parts.push(
          h(
            'g',
            { 'data-mark': 'exposure-missing', 'data-cutoff': 'true' },
            rect(0, y - 6, width, height - 4, { fill: COLOR.band, class: 'bg' }),
            h('g', { 'data-label': '' }, name.markup, text(4, y + 12 + name.lines * LINE - 1, 'worst cut-off', { 'font-size': SMALL, fill: COLOR.muted })),
            wrappedText(x0, y + 11, missingText, width - x0 - 8, small, 2, { fill: COLOR.muted, 'font-style': 'italic' }).markup,
          ),
        );
        y += height;
      }
      if (!E.rows.length && !E.cutOffWithout) {
        parts.push(text(x0, y + 12, 'No foreign supplier in the data.', { fill: COLOR.muted, 'font-style': 'italic' }));
        y += 24;
      }
      return { markup: join(axis(x0, BAR_W, axisTop, y - axisTop - 10, [0, 25, 50, 75, 100], '%'), parts), height: y - top };
    },
    legend: [
      { swatch: swatch(COLOR.exposureMax), label: 'largest share at one stage' },
      { swatch: swatch(COLOR.exposureMean, '#3c6e63'), label: 'mean over stages' },
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// The worst single-country cut-off: what each stage still delivers. Before the cut-off every
// stage delivers 100% by definition, so that is a reference line, not a bar.

export function shockChart(v: SectorView, id: string): Markup | null {
  const c = v.shock;
  if (!c) return null;
  const title = (r: (typeof c.rows)[number]) => `${r.order}. ${r.name}`;
  const sub = (r: (typeof c.rows)[number]) => (r.tightest ? `tightest input: ${r.tightest}` : r.list ? `shares: ${listLabel(r.list)}` : 'no share data');
  const labelW = Math.min(LABEL_MAX, Math.max(120, ...c.rows.flatMap((r) => [widthOf(title(r), bold), widthOf(sub(r), small)])));
  const x0 = labelW + GAP;
  const barLen = (x: number) => (BAR_W * clampPct(x)) / 100;
  const worldLabel = (r: (typeof c.rows)[number]) => `${fmtPct(r.afterPct)}${r.binding ? ' ◀ binds' : ''}`;
  const viewLabel = (r: (typeof c.rows)[number]) => fmtPct(r.viewpointAfterPct);
  const width = Math.ceil(
    x0 + Math.max(BAR_W + widthOf('100% = before', small) / 2 + 8, ...c.rows.flatMap((r) => (r.afterPct === null ? [] : [barLen(r.afterPct) + 6 + widthOf(worldLabel(r), r.binding ? bold : normal), r.viewpointAfterPct === null ? 0 : barLen(r.viewpointAfterPct) + 6 + widthOf(viewLabel(r), small)]))) + 8,
  );
  const rowH = (r: (typeof c.rows)[number]) => Math.max(linesOf(title(r), bold, labelW, 2) * LINE + SMALL_LINE, 28) + 14;
  return framedChart({
    id,
    width,
    title: `${iso(v.name)}: what each stage still delivers if ${iso(c.who)} is cut off`,
    units: `Each stage’s output after ${iso(c.who)} loses ${fmtPct(c.lossPct, 0)} of its capacity, in % of its output before the cut-off (the dashed line, 100%): the world’s (thick bar) and ${iso(v.viewpoint.name)}’s (thin bar).`,
    desc: `World capacity per stage after ${iso(c.who)} loses ${fmtPct(c.lossPct, 0)} of its capacity: ${c.rows.map((r) => `${iso(r.name)} ${r.afterPct === null ? 'no data' : `${fmtPct(r.afterPct)} (viewpoint ${fmtPct(r.viewpointAfterPct)})`}`).join('; ')}. Chain throughput ${fmtPct(c.worldAfterPct)}${c.binding ? `, bound at ${iso(c.binding.name)}` : ''}.`,
    sources: c.sources,
    cite: v,
    body: (top) => {
      const axisTop = top + 14;
      let y = axisTop + 6;
      const parts: Child[] = [];
      for (const r of c.rows) {
        const height = rowH(r);
        const name = wrappedText(4, y + 12, title(r), labelW, bold, 2, {}, LINE);
        const label = h('g', { 'data-label': '' }, name.markup, clippedText(4, y + 12 + name.lines * LINE - 1, sub(r), labelW, small, { fill: COLOR.muted }));
        const band = r.binding ? rect(0, y - 6, width, height - 4, { fill: COLOR.band, class: 'bg' }) : null;
        if (r.afterPct === null) {
          parts.push(h('g', {}, band, label, text(x0 + 4, y + 12, 'no share data: left out', { fill: COLOR.muted, 'font-style': 'italic' })));
        } else {
          const view = r.viewpointAfterPct;
          parts.push(
            h(
              'g',
              { 'data-mark': 'shock-stage', 'data-binding': r.binding ? 'true' : undefined },
              band,
              h('title', {}, `${iso(r.name)}: ${fmtPct(r.afterPct)} of world supply left${view !== null ? `, ${fmtPct(view)} of ${iso(v.viewpoint.name)}’s supply left` : ''}`),
              label,
              h('g', { 'data-mark': 'after' }, rect(x0, y, barLen(r.afterPct), 14, { fill: COLOR.worldAfter }), text(x0 + barLen(r.afterPct) + 6, y + 12, worldLabel(r), { 'font-weight': r.binding ? 'bold' : undefined })),
              view === null ? null : h('g', { 'data-mark': 'viewpoint-after' }, rect(x0, y + 17, barLen(view), 9, { fill: COLOR.viewAfter }), text(x0 + barLen(view) + 6, y + 26, viewLabel(r), { 'font-size': SMALL })),
            ),
          );
        }
        y += height;
      }
      const ref = h(
        'g',
        { 'data-mark': 'reference', 'aria-hidden': 'true' },
        h('line', { x1: x0 + BAR_W, x2: x0 + BAR_W, y1: axisTop, y2: y - 10, stroke: COLOR.ink, 'stroke-width': 1.25, 'stroke-dasharray': '5 3' }),
        text(x0 + BAR_W, axisTop - 4, '100% = before', { 'text-anchor': 'middle', 'font-size': SMALL, fill: COLOR.ink }),
      );
      return { markup: join(axis(x0, BAR_W, axisTop, y - axisTop - 10, [0, 25, 50, 75], '%'), ref, parts), height: y - top };
    },
    legend: [
      { swatch: swatch(COLOR.worldAfter), label: 'world supply left' },
      { swatch: swatch(COLOR.viewAfter), label: `${iso(v.viewpoint.name)}’s supply left` },
      { swatch: h('line', { x1: 7, x2: 7, y1: 0, y2: 12, stroke: COLOR.ink, 'stroke-width': 1.25, 'stroke-dasharray': '5 3' }), label: 'before the cut-off (100%)' },
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Policy impacts: short term beside mid-to-long term, on a −2…+2 scale.

const LEVEL_TEXT: Record<string, string> = { 'very-negative': 'very negative', negative: 'negative', neutral: 'neutral', positive: 'positive', 'very-positive': 'very positive' };
const UNIT = 24; // px per point of the −2…+2 scale

export function policyChart(v: SectorView, id: string): Markup | null {
  const p = v.policies;
  if (!p) return null;
  const title = (r: (typeof p.rows)[number]) => `${r.number}. ${r.title}`;
  const labelW = Math.min(260, Math.max(160, ...p.rows.map((r) => widthOf(title(r), normal))));
  const refW = Math.max(24, ...p.rows.map((r) => (r.impactSource !== null ? widthOf(`[${r.impactSource}]`, small) + 8 : 0)));
  const room = widthOf('+2', small) + 12;
  const half = 2 * UNIT;
  const panelW = 2 * (room + half);
  const left = labelW + refW + GAP;
  const zero = { short: left + room + half, long: left + panelW + 16 + room + half };
  const width = Math.ceil(left + 2 * panelW + 16 + 4);
  const rowH = (r: (typeof p.rows)[number]) => Math.max(linesOf(title(r), normal, labelW, 4) * LINE, 20) + 10;
  const cell = (value: ImpactCell, hz: 'short' | 'long', y: number): Markup => {
    const cx = zero[hz];
    if (value === 'none') return text(cx, y + 13, 'no impact given', { 'text-anchor': 'middle', fill: COLOR.muted, 'font-style': 'italic', 'font-size': SMALL });
    if (value === 'gap') {
      return h('g', { 'data-mark': 'gap' }, rect(cx - half, y + 1, 2 * half, 16, { fill: 'none', stroke: COLOR.muted, 'stroke-dasharray': '3 3' }), text(cx, y + 13, 'gap in the source', { 'text-anchor': 'middle', fill: COLOR.muted, 'font-style': 'italic', 'font-size': SMALL }));
    }
    const len = UNIT * Math.abs(value.score);
    const positive = value.score > 0;
    const end = positive ? cx + len : cx - len;
    const word = LEVEL_TEXT[value.level] ?? value.level;
    const signed = value.score > 0 ? `+${value.score}` : value.score < 0 ? `−${-value.score}` : '0';
    return h(
      'g',
      { 'data-mark': 'impact', 'data-horizon': hz, 'data-score': value.score },
      h('title', {}, `${word} (${signed})`),
      value.score === 0 ? rect(cx - 1.5, y + 1, 3, 16, { fill: COLOR.ink }) : rect(Math.min(cx, end), y + 1, len, 16, { fill: positive ? COLOR.positive : COLOR.negative, stroke: positive ? undefined : '#8a4b2f', 'stroke-width': positive ? undefined : 0.75 }),
      // The value sits beyond the end of its bar, on the bar's own side of zero.
      text(value.score < 0 ? end - 5 : (value.score === 0 ? cx : end) + 5, y + 13, signed, { 'text-anchor': value.score < 0 ? 'end' : 'start', 'font-size': SMALL }),
    );
  };
  const totals = p.totals.map((t) => `${t.horizon === 'short' ? 'short term' : 'mid to long term'}: ${t.positive} positive, ${t.negative} negative, ${t.neutral} neutral, net ${t.sum > 0 ? '+' : t.sum < 0 ? '−' : ''}${Math.abs(t.sum)}${t.gaps ? `, ${t.gaps} without a rating` : ''}`);
  return framedChart({
    id,
    width,
    title: `${iso(v.name)}: impact of the policies on ${iso(p.country)}`,
    units: `Impact of each policy on ${iso(p.country)} as the source rates it: −2 very negative, −1 negative, 0 neutral, +1 positive, +2 very positive; short term and mid to long term.`,
    desc: `Impact of each policy on ${iso(p.country)}, short term and mid to long term: ${p.rows.map((r) => `${r.number}. ${iso(r.title)}: ${typeof r.short === 'string' ? 'no rating' : LEVEL_TEXT[r.short.level]} / ${typeof r.long === 'string' ? 'no rating' : LEVEL_TEXT[r.long.level]}`).join('; ')}.`,
    sources: p.sources,
    cite: v,
    notes: [`Totals: ${totals.join('; ')}. ${p.outweighs ? 'Short-term positives outweigh short-term negatives.' : 'Short-term positives do not outweigh short-term negatives.'}`],
    body: (top) => {
      const headY = top + 12;
      const scaleTop = top + 22;
      let y = scaleTop + 6;
      const rows = p.rows.map((r) => {
        const height = rowH(r);
        const g = h(
          'g',
          { 'data-mark': 'policy' },
          h('g', { 'data-label': '' }, wrappedText(4, y + 13, title(r), labelW, normal, 4, {}, LINE).markup),
          r.impactSource !== null ? text(labelW + refW, y + 13, `[${r.impactSource}]`, { 'text-anchor': 'end', fill: COLOR.muted, 'font-size': SMALL }) : null,
          cell(r.short, 'short', y),
          cell(r.long, 'long', y),
        );
        y += height;
        return g;
      });
      const bottom = y - 4;
      const scales = (['short', 'long'] as const).map((hz) =>
        h(
          'g',
          { class: 'axis' },
          text(zero[hz], headY, hz === 'short' ? 'Short term' : 'Mid to long term', { 'text-anchor': 'middle', 'font-weight': 'bold' }),
          [-2, -1, 0, 1, 2].map((k) =>
            join(
              h('line', { x1: zero[hz] + k * UNIT, x2: zero[hz] + k * UNIT, y1: scaleTop, y2: bottom, stroke: k === 0 ? COLOR.ink : COLOR.grid, 'stroke-width': 1 }),
              text(zero[hz] + k * UNIT, bottom + 13, k > 0 ? `+${k}` : k < 0 ? `−${-k}` : '0', { 'text-anchor': 'middle', fill: COLOR.muted, 'font-size': SMALL }),
            ),
          ),
          text(zero[hz] - 4, bottom + 26, '← negative', { 'text-anchor': 'end', fill: COLOR.muted, 'font-size': SMALL }),
          text(zero[hz] + 4, bottom + 26, 'positive →', { 'text-anchor': 'start', fill: COLOR.muted, 'font-size': SMALL }),
        ),
      );
      return { markup: join(scales, rows), height: bottom + 30 - top };
    },
    legend: [
      { swatch: swatch(COLOR.positive), label: 'positive (+1, +2)' },
      { swatch: swatch(COLOR.negative, '#8a4b2f', undefined, 0.75), label: 'negative (−1, −2)' },
      { swatch: rect(5.5, 0, 3, 12, { fill: COLOR.ink }), label: 'neutral (0)' },
    ],
  });
}

export { FONT };
