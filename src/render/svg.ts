// Building blocks of the HTML report: one escape, an element builder that escapes every string
// it is given, number formats, and the palette. Data only ever reach the page as escaped text or
// attribute values; element and attribute names, styles and URLs are written by this code.

/** Markup this code built: inserted as is. Every plain string is escaped instead. */
export class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Child = Markup | string | number | null | undefined | false | readonly Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The one escape, for text and for (double-quoted) attribute values alike. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Markup written by this code (a literal), never data. */
export const raw = (html: string): Markup => new Markup(html);

// Names come from this code; the check turns a mistake into a crash rather than an injection.
const NAME = /^[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)?$/i;
const HTML_VOID = new Set(['meta', 'br', 'hr', 'col', 'wbr']);
const SVG_EMPTY = new Set(['rect', 'line', 'circle', 'path', 'polygon', 'polyline', 'use', 'stop']);

function attrText(attrs: Attrs): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (!NAME.test(name) || /^on/i.test(name) || name.toLowerCase() === 'style') throw new Error(`attribute name not allowed: ${name}`);
    out += value === true ? ` ${name}` : ` ${name}="${esc(typeof value === 'number' ? fmtCoord(value) : value)}"`;
  }
  return out;
}

function childText(c: Child): string {
  if (c === null || c === undefined || c === false) return '';
  if (c instanceof Markup) return c.html;
  if (Array.isArray(c)) return c.map(childText).join('');
  return esc(c as string | number);
}

/** An element: `name` and attribute names from this code; attribute values and string children are escaped. */
export function h(name: string, attrs: Attrs = {}, ...children: Child[]): Markup {
  if (!NAME.test(name) || name.toLowerCase() === 'script') throw new Error(`element name not allowed: ${name}`);
  const a = attrText(attrs);
  const inner = children.map(childText).join('');
  if (inner === '' && HTML_VOID.has(name)) return new Markup(`<${name}${a}>`);
  if (inner === '' && SVG_EMPTY.has(name)) return new Markup(`<${name}${a}/>`);
  return new Markup(`<${name}${a}>${inner}</${name}>`);
}

export const join = (...parts: Child[]): Markup => new Markup(parts.map(childText).join(''));

/** An http(s) address, or null: any other scheme (javascript:, data:, file:) is shown as text, never linked. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}

// ---------------------------------------------------------------------------------------------
// Numbers.

/** Coordinates: two decimals at most, so the file stays small. */
export function fmtCoord(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : '0';
}

/** A percentage for a person: "12.5%", "no data". */
export const fmtPct = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined ? 'no data' : `${Number(x.toFixed(digits))}%`;

export const fmtNum = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined ? 'no data' : String(Number(x.toFixed(digits)));

/** A share in a heat-map cell: whole percent, "<1" for a sliver. */
export const fmtCellShare = (x: number): string => (x > 0 && x < 0.5 ? '<1' : String(Math.round(x)));

/** Rough width of a label in the system sans-serif (no text measuring without a browser). */
export const textWidth = (s: string, fontSize: number): number => s.length * fontSize * 0.56;

/** At most `max` characters, with an ellipsis; the full text goes in a <title> beside it. */
export const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`);

// ---------------------------------------------------------------------------------------------
// Palette. Every pair that must be told apart differs in lightness (CIE L*), so it survives
// greyscale printing and every kind of colour blindness; legends and text labels say the rest.

/** Sequential scale for shares (viridis, light to dark; L* ≈ 91, 76, 62, 47, 32, 15). */
export const SHARE_STEPS = [
  { upTo: 5, fill: '#fde725', ink: '#000' },
  { upTo: 15, fill: '#7ad151', ink: '#000' },
  { upTo: 30, fill: '#22a884', ink: '#000' },
  { upTo: 50, fill: '#2a788e', ink: '#fff' },
  { upTo: 65, fill: '#414487', ink: '#fff' },
  { upTo: 100, fill: '#440154', ink: '#fff' },
] as const;

export function shareStep(sharePct: number): (typeof SHARE_STEPS)[number] {
  return SHARE_STEPS.find((s) => sharePct <= s.upTo) ?? SHARE_STEPS[SHARE_STEPS.length - 1]!;
}

export const COLOR = {
  ink: '#1a1a1a',
  muted: '#595959',
  grid: '#c8c8c8',
  /** Stage risk bars (L* ≈ 59) and the weakest link (L* ≈ 31). */
  risk: '#6b8fc7',
  weakest: '#8c1c13',
  /** Assessed rating (light, L* ≈ 77) beside modelled risk (dark, L* ≈ 36). */
  rating: '#f0b45e',
  modelled: '#1b5e5a',
  /** Before (light grey, L* ≈ 86), world after (dark, L* ≈ 25), viewpoint after (mid orange, L* ≈ 62). */
  before: '#d6d6d6',
  worldAfter: '#1f3a68',
  viewAfter: '#d9822b',
  /** Exposure: maximum (dark, L* ≈ 32) and weighted mean (light, L* ≈ 81). */
  exposureMax: '#414487',
  exposureMean: '#9ad3c5',
  /** Policy impact: positive (dark blue, L* ≈ 43) and negative (light orange, L* ≈ 75). */
  positive: '#2166ac',
  negative: '#f4a582',
  band: '#f3e3e1',
} as const;
