// Building blocks of the HTML report: one escape, an element builder that escapes every string
// it is given, number formats, and the palette. Data only ever reach the page as escaped text or
// attribute values; element and attribute names, styles and URLs are written by this code.
import { domainToUnicode } from 'node:url';

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
  return describeUrl(url)?.href ?? null;
}

export interface LinkInfo {
  /** The parsed address: host in punycode, spaces, quotes, "<" and bidi controls percent-encoded. */
  href: string;
  /** Scripts mixed in the host name (say Cyrillic and Latin: a look-alike of another address), or null. */
  mixedScripts: string[] | null;
  /** The address carries a user name or password (https://user:pass@host/). */
  credentials: boolean;
}

// Scripts that may share a host name (UTS #39 "highly restrictive"): Latin with the CJK scripts.
const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Hebrew', 'Arabic', 'Devanagari', 'Thai', 'Georgian', 'Hangul', 'Hiragana', 'Katakana', 'Bopomofo', 'Han', 'Cherokee'] as const;
const SCRIPT_RE = Object.fromEntries(SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')])) as Record<(typeof SCRIPTS)[number], RegExp>;
const ALLOWED_MIXES: ReadonlyArray<ReadonlySet<string>> = [new Set(['Latin', 'Han', 'Hiragana', 'Katakana']), new Set(['Latin', 'Han', 'Bopomofo']), new Set(['Latin', 'Han', 'Hangul'])];

/** How an address is linked and what a reader should be warned of; null when it is not http(s). */
export function describeUrl(url: string | null | undefined): LinkInfo | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // The host's letters (punycode decoded), whose scripts tell a look-alike.
  const host = domainToUnicode(parsed.hostname);
  const scripts = new Set<string>();
  for (const ch of host) {
    const script = SCRIPTS.find((s) => SCRIPT_RE[s].test(ch));
    if (script) scripts.add(script);
    else if (/\p{L}/u.test(ch)) scripts.add('other');
  }
  const mixed = scripts.size > 1 && !ALLOWED_MIXES.some((ok) => [...scripts].every((s) => ok.has(s)));
  return { href: parsed.href, mixedScripts: mixed ? [...scripts].sort() : null, credentials: parsed.username !== '' || parsed.password !== '' };
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
  /** Stage risk bars (L* ≈ 59) and the weakest link (L* ≈ 31, with a black outline). */
  risk: '#6b8fc7',
  weakest: '#8c1c13',
  /** Assessed rating: a light fill (L* ≈ 77). */
  rating: '#f0b45e',
  /**
   * Modelled risk: a hollow bar (white, L* 100, with a dark outline), so it differs from the
   * dark weakest-link bar by fill and by lightness for every reader (the two were 5 L* apart).
   */
  modelled: '#ffffff',
  modelledStroke: '#1a1a1a',
  /** World after a cut-off (dark, L* ≈ 25) and the viewpoint after (mid orange, L* ≈ 62). */
  worldAfter: '#1f3a68',
  viewAfter: '#d9822b',
  /** Exposure: maximum (dark, L* ≈ 32) and weighted mean (light, L* ≈ 81). */
  exposureMax: '#414487',
  exposureMean: '#9ad3c5',
  /** Policy impact: positive (dark blue, L* ≈ 43) and negative (light orange, L* ≈ 75). */
  positive: '#2166ac',
  negative: '#f4a582',
  /** Background band of the row a chart points at (weakest link, binding stage, worst cut-off). */
  band: '#f3e3e1',
  /** Stage rows of the heat map. */
  stageRow: '#ececec',
  /** Outline of every heat-map cell, so the lightest share step shows on a shaded row in greyscale. */
  cellEdge: '#8a8a8a',
} as const;

// ---------------------------------------------------------------------------------------------
// Shapes.

export const text = (x: number, y: number, content: Child, attrs: Record<string, string | number | undefined> = {}): Markup => h('text', { x, y, ...attrs }, content);
export const rect = (x: number, y: number, width: number, height: number, attrs: Record<string, string | number | undefined> = {}): Markup =>
  h('rect', { x, y, width: Math.max(0, width), height, ...attrs });
