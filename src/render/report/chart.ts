// What every chart of the report shares: the SVG root with its title, units and sources drawn
// inside it (a chart copied alone into slides still says what it shows and where from), labels
// sized by measured width, axes, legends.
import { COLOR, h, join, rect, text, type Child, type Markup } from '../svg.js';
import { clipToWidth, iso, textWidth, wrapToWidth, type Font } from './text.js';

export const FONT = 11;
export const SMALL = 10;
export const TITLE = 13;
export const LINE = 14;
export const SMALL_LINE = 13;

export const bold: Font = { size: FONT, weight: 'bold' };
export const normal: Font = { size: FONT };
export const small: Font = { size: SMALL };

export const widthOf = (s: string, font: Font): number => textWidth(s, font.size, font.weight);

/**
 * A label of at most `maxLines` lines of `maxWidth`, as one <text> with a <tspan> per line; each
 * line is bidi-isolated (user text). When clipped, the whole text is its tooltip.
 */
export function wrappedText(x: number, y: number, s: string, maxWidth: number, font: Font, maxLines: number, attrs: Record<string, string | number | undefined> = {}, lineHeight = font.size + 3): { markup: Markup; lines: number } {
  const lines = wrapToWidth(s, maxWidth, font, maxLines);
  const clipped = lines.join(' ').replace(/\s+/g, '') !== s.replace(/\s+/g, '');
  const markup = h(
    'text',
    { x, y, 'font-size': font.size === FONT ? undefined : font.size, 'font-weight': font.weight === 'bold' ? 'bold' : undefined, ...attrs },
    clipped ? h('title', {}, iso(s)) : null,
    lines.map((l, i) => h('tspan', { x, dy: i === 0 ? undefined : lineHeight }, iso(l))),
  );
  return { markup, lines: lines.length };
}

/** One line clipped to `maxWidth`, the whole text as its tooltip when clipped; isolated (user text). */
export function clippedText(x: number, y: number, s: string, maxWidth: number, font: Font, attrs: Record<string, string | number | undefined> = {}): Markup {
  const shown = clipToWidth(s, maxWidth, font);
  return h('text', { x, y, 'font-size': font.size === FONT ? undefined : font.size, 'font-weight': font.weight === 'bold' ? 'bold' : undefined, ...attrs }, shown === s ? iso(s) : [h('title', {}, iso(s)), iso(shown)]);
}

/** Gridlines with labels above, for a 0-100 scale. */
export function axis(x0: number, width: number, y: number, height: number, ticks: number[], unit: string): Markup {
  return h(
    'g',
    { class: 'axis', 'aria-hidden': 'true' },
    ticks.map((t) => {
      const x = x0 + (width * t) / 100;
      return join(h('line', { x1: x, x2: x, y1: y, y2: y + height, stroke: COLOR.grid, 'stroke-width': 1 }), text(x, y - 4, `${t}${unit}`, { 'text-anchor': 'middle', fill: COLOR.muted, 'font-size': SMALL }));
    }),
  );
}

export interface LegendEntry {
  swatch: Markup;
  label: string;
}

/** Legend entries side by side, onto further lines when `maxWidth` is reached; returns its height. */
export function legend(x: number, y: number, entries: LegendEntry[], maxWidth: number): { markup: Markup; height: number } {
  let cx = x;
  let cy = y;
  const parts = entries.map((e) => {
    const w = 18 + widthOf(e.label, normal) + 16;
    if (cx > x && cx + w > x + maxWidth) {
      cx = x;
      cy += 18;
    }
    const g = h('g', { transform: `translate(${cx} ${cy})` }, e.swatch, text(18, 10, e.label));
    cx += w;
    return g;
  });
  return { markup: h('g', { class: 'legend' }, parts), height: cy - y + 16 };
}

export const swatch = (fill: string, stroke?: string, dash?: string, strokeWidth = 1.5): Markup =>
  rect(0, 0, 14, 12, { fill, stroke: stroke ?? 'none', 'stroke-width': stroke ? strokeWidth : undefined, 'stroke-dasharray': dash });

export interface Frame {
  id: string;
  width: number;
  /** Drawn at the top, bold; user strings in it are isolated by the caller with iso(). */
  title: string;
  /** Units and what one mark is, under the title. */
  units: string;
  /** Plain-text description for screen readers (<desc>). */
  desc: string;
  /** The body, drawn from y = top; returns its height. */
  body: (top: number) => { markup: Child; height: number };
  /** Legend entries under the body. */
  legend?: LegendEntry[];
  /** Lines of notes under the legend (scsr's words and isolated user strings). */
  notes?: string[];
  sources: number[];
  cite: Cite;
}

/** How a chart names its sources: short names, and which are the countries data's. */
export interface Cite {
  shortSource: (n: number) => { publisher: string; year: number } | null;
  countriesSources: readonly number[];
}

/**
 * The source line drawn inside a chart: "Sources: [3] SIA & BCG 2021; [5] …"; the many sources
 * of the countries data (governance, alliances: behind every modelled risk) as one range.
 */
export function sourceLine(numbers: number[], cite: Cite): string {
  const countries = numbers.filter((n) => cite.countriesSources.includes(n));
  const own = numbers.filter((n) => !cite.countriesSources.includes(n));
  const parts = own.map((n) => {
    const src = cite.shortSource(n);
    return src ? `[${n}] ${iso(src.publisher)} ${src.year}` : `[${n}]`;
  });
  if (countries.length) parts.push(`${countries.length > 1 ? `[${countries[0]}]–[${countries[countries.length - 1]}]` : `[${countries[0]}]`} countries data (governance, alliances)`);
  return parts.length ? `Sources: ${parts.join('; ')}. Full list under the report’s section.` : 'Sources: none cited.';
}

/** Title and units on top, the body, the legend, notes and the sources at the bottom, all inside one SVG. */
export function framedChart(f: Frame): Markup {
  const inner = f.width - 8;
  let y = 4;
  const head: Child[] = [];
  const title = wrappedText(0, y + TITLE, f.title, inner, { size: TITLE, weight: 'bold' }, 3, { class: 'chart-title' });
  head.push(title.markup);
  y += title.lines * (TITLE + 4) + 2;
  const units = wrappedText(0, y + SMALL + 2, f.units, inner, small, 3, { fill: COLOR.muted, class: 'chart-units' });
  head.push(units.markup);
  y += units.lines * SMALL_LINE + 14;
  const body = f.body(y);
  y += body.height + 8;
  const foot: Child[] = [];
  if (f.legend?.length) {
    const l = legend(0, y, f.legend, inner);
    foot.push(l.markup);
    y += l.height + 6;
  }
  for (const note of f.notes ?? []) {
    const n = wrappedText(0, y + SMALL, note, inner, small, 6, { fill: COLOR.muted });
    foot.push(n.markup);
    y += n.lines * SMALL_LINE + 4;
  }
  const src = wrappedText(0, y + SMALL, sourceLine(f.sources, f.cite), inner, small, 8, { fill: COLOR.muted, class: 'chart-sources' });
  foot.push(src.markup);
  y += src.lines * SMALL_LINE + 6;
  return svgRoot(f.id, f.width, y, f.title, f.desc, head, body.markup, foot);
}

export function svgRoot(id: string, width: number, height: number, title: string, desc: string, ...children: Child[]): Markup {
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
