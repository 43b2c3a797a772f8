// Text in the report: how wide a label is, clipping and wrapping it to a width, and keeping a
// user's string from changing the direction of the text around it.
import { DEJAVU_SANS, DEJAVU_SANS_BOLD } from './font-widths.js';

// ---------------------------------------------------------------------------------------------
// Bidirectional text. A U+202E (right-to-left override) in a country name would otherwise
// reverse every character after it up to the end of the paragraph, scsr's own figures included
// ("90%" reads "%09"). Every user string is therefore (1) balanced: an override or embedding it
// opens is closed at its end, and a closer it has no opener for is dropped, so it cannot close
// the isolate around it; and (2) isolated: <bdi> in HTML, U+2068…U+2069 (first-strong isolate)
// in SVG text, titles and attribute values, where no element can do it.

const OPENERS_EMBED = new Set(['\u202a', '\u202b', '\u202d', '\u202e']); // LRE RLE LRO RLO, closed by PDF
const OPENERS_ISOLATE = new Set(['\u2066', '\u2067', '\u2068']); // LRI RLI FSI, closed by PDI
const PDF = '\u202c';
const PDI = '\u2069';

/** The string with its bidi controls balanced (see above); everything else unchanged. */
export function balanceBidi(s: string): string {
  if (!/[\u202a-\u202e\u2066-\u2069]/.test(s)) return s;
  const open: string[] = []; // closers owed, innermost last
  let out = '';
  for (const ch of s) {
    if (OPENERS_EMBED.has(ch)) {
      open.push(PDF);
      out += ch;
    } else if (OPENERS_ISOLATE.has(ch)) {
      open.push(PDI);
      out += ch;
    } else if (ch === PDF) {
      // Closes the innermost embedding, unless an isolate is open inside it (then it is ignored: UAX #9 X7).
      if (open[open.length - 1] === PDF) {
        open.pop();
        out += ch;
      }
    } else if (ch === PDI) {
      // Closes the innermost isolate and every embedding opened inside it (UAX #9 X6a).
      const at = open.lastIndexOf(PDI);
      if (at >= 0) {
        out += PDF.repeat(open.length - at - 1) + ch;
        open.length = at;
      }
    } else out += ch;
  }
  return out + open.reverse().join('');
}

/** A user string for plain-text contexts (SVG <text>, <title>, attribute values): balanced and isolated. */
export const iso = (s: string): string => `\u2068${balanceBidi(s)}\u2069`;

// ---------------------------------------------------------------------------------------------
// Widths. Per-character advance widths of DejaVu Sans (regular and bold), the font the report's
// font stack resolves to on Linux and the widest of the common system sans-serifs, so a label
// sized here fits on every system. Kerning only narrows text.

function decode(table: string): Map<number, number> {
  const widths = new Map<number, number>();
  for (const range of table.split('|')) {
    const [start, runs] = range.split(':') as [string, string];
    let cp = Number.parseInt(start, 36);
    for (const run of runs.split(',')) {
      const [w, n] = run.split('*') as [string, string | undefined];
      const count = n ? Number.parseInt(n, 36) : 1;
      for (let i = 0; i < count; i++, cp++) if (w !== '') widths.set(cp, Number.parseInt(w, 36) / 1000);
    }
  }
  return widths;
}

let regular: Map<number, number> | null = null;
let bold: Map<number, number> | null = null;

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\u200b-\u200f\u2060-\u206f\ufe00-\ufe0f]/u;
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|[\u{1f1e6}-\u{1f1ff}]/u;

/** Width in em of one character not in the table: CJK and Hangul a full em, emoji a little more, others generously. */
function fallbackWidth(ch: string): number {
  if (ZERO_WIDTH.test(ch)) return 0;
  if (WIDE.test(ch)) return 1;
  if (PICTOGRAPH.test(ch)) return 1.25;
  if (/\p{Cc}/u.test(ch)) return 0;
  return 0.8;
}

/** Width in pixels of `s` set at `fontSize` px. */
export function textWidth(s: string, fontSize: number, weight: 'normal' | 'bold' = 'normal'): number {
  const table = weight === 'bold' ? (bold ??= decode(DEJAVU_SANS_BOLD)) : (regular ??= decode(DEJAVU_SANS));
  let em = 0;
  for (const ch of s) em += table.get(ch.codePointAt(0)!) ?? fallbackWidth(ch);
  return em * fontSize;
}

// ---------------------------------------------------------------------------------------------
// Clipping and wrapping by width, never inside a grapheme (a flag, an emoji sequence, a letter
// with its accents).

let segmenter: Intl.Segmenter | null = null;
const graphemes = (s: string): string[] => [...(segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(s)].map((g) => g.segment);

export interface Font {
  size: number;
  weight?: 'normal' | 'bold';
}

/** `s` if it fits in `maxWidth`, else as many whole graphemes as fit followed by "…". */
export function clipToWidth(s: string, maxWidth: number, font: Font): string {
  if (textWidth(s, font.size, font.weight) <= maxWidth) return s;
  const room = maxWidth - textWidth('…', font.size, font.weight);
  let out = '';
  let w = 0;
  for (const g of graphemes(s)) {
    const gw = textWidth(g, font.size, font.weight);
    if (w + gw > room) break;
    out += g;
    w += gw;
  }
  return `${out.trimEnd()}…`;
}

/**
 * `s` in lines of at most `maxWidth`, broken at spaces (inside a word only when the word alone
 * is too wide), at most `maxLines` of them; the last one clipped with "…" when text is left over.
 */
export function wrapToWidth(s: string, maxWidth: number, font: Font, maxLines: number): string[] {
  const width = (t: string) => textWidth(t, font.size, font.weight);
  // Words keep the space, dash or slash after them; a word wider than a line breaks between graphemes.
  const tokens = s.split(/(?<=[ \-/])/).flatMap((word) => (width(word.trimEnd()) <= maxWidth ? [word] : graphemes(word)));
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (line === '' || width((line + t).trimEnd()) <= maxWidth) {
      line += t;
      continue;
    }
    if (lines.length === maxLines - 1) {
      // No line left: the rest goes on the last one, clipped.
      lines.push(clipToWidth(line + tokens.slice(i).join(''), maxWidth, font));
      return lines;
    }
    lines.push(line.trimEnd());
    line = t;
  }
  lines.push(line.trimEnd());
  return lines;
}
