// Text for people: what a string from the data may show (sanitize), how many terminal columns
// it takes (displayWidth), and how it breaks into lines of a given width (wrapText). Every text
// renderer (table, Markdown, CSV/TSV, the plain lines of validate and of error messages) passes
// data strings through sanitize(); JSON escapes them as JSON does.

/**
 * Characters a data string must not carry to a terminal, a Markdown page or a spreadsheet:
 * C0 controls except the line feed (the escape that starts terminal sequences, carriage return,
 * tab, ...), DEL, C1 controls (U+0080-U+009F, including the 8-bit CSI), the line and paragraph
 * separators, and the bidirectional controls that can reorder what a reader sees (U+061C,
 * U+200E/U+200F, U+202A-U+202E, U+2066-U+2069; the "Trojan Source" characters).
 */
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

const escapeChar = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * The string with every unsafe character written as a visible escape (`\x1b`, `\u202e`): the
 * reader sees that something is there, and nothing acts on the terminal. Line feeds stay: the
 * renderers show them as line breaks inside a cell.
 */
export function sanitize(s: string): string {
  return UNSAFE.test(s) ? s.replace(UNSAFE_ALL, escapeChar) : s;
}

/** Marks that take no column of their own: combining marks, format characters (ZWJ, variation selectors). */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/**
 * Code points drawn two columns wide (Unicode East Asian Width W and F): Hangul, CJK, kana,
 * full-width forms and the emoji blocks. A small table, not the whole of UAX #11: enough for
 * country, company and product names.
 */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4], [0x17000, 0x18aff], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f2ff], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb], [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns one character takes in a terminal: 0, 1 or 2. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  // Hangul conjoining vowels and final consonants join the syllable before them.
  if (cp >= 0x1160 && cp <= 0x11ff) return 0;
  if (ZERO_WIDTH.test(ch)) return 0;
  return isWide(cp) ? 2 : 1;
}

/**
 * Strings made only of characters one column wide each, checked in one pass: ASCII, Latin-1 and
 * Latin Extended, general punctuation (dashes, quotes, bullets), arrows, mathematical operators,
 * box drawing, blocks and the narrow geometric shapes. Nearly every string of the data and of the
 * tables is one; the others go character by character.
 */
const SIMPLE = /^[\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u22ff\u2500-\u25fc]*$/;

/** Columns a one-line string takes in a terminal (no escape sequences: colour is added after layout). */
export function displayWidth(s: string): number {
  if (SIMPLE.test(s)) return s.length;
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** The widest line of a text that may hold line breaks. */
export function textWidth(s: string): number {
  if (!s.includes('\n')) return displayWidth(s);
  let w = 0;
  for (const line of s.split('\n')) w = Math.max(w, displayWidth(line));
  return w;
}

/** The longest word (run without spaces) of a text, in columns: the narrowest it wraps to without breaking a word. */
export function longestWord(s: string): number {
  let w = 0;
  for (const word of s.split(/[ \n]+/)) w = Math.max(w, displayWidth(word));
  return w;
}

/** Split a word after at most `width` columns (at least one character goes first). */
function splitWord(word: string, width: number): [string, string] {
  let w = 0;
  let i = 0;
  for (const ch of word) {
    const cw = charWidth(ch);
    if (w + cw > width && i > 0) break;
    w += cw;
    i += ch.length;
  }
  return [word.slice(0, i), word.slice(i)];
}

/** Leading spaces and a list marker (`• `, `· `, `- `, `↳ `): continuation lines are indented to match. */
const HANGING = /^ *(?:[•·↳-] +)?/;

/**
 * Break a text into lines of at most `width` columns: at spaces, keeping each line's hanging
 * indent on its continuations; a word longer than the width is cut. Existing line breaks stay.
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!Number.isFinite(width) || displayWidth(line) <= width) {
      out.push(line);
      continue;
    }
    const lead = HANGING.exec(line)![0];
    const indent = lead.length <= width / 2 ? ' '.repeat(lead.length) : '';
    const words = line.slice(lead.length).split(' ');
    let cur = lead;
    let curW = displayWidth(lead);
    let fresh = true; // nothing but the indent on the current line yet
    for (const word of words) {
      if (word === '') continue;
      const ww = displayWidth(word);
      if (!fresh && curW + 1 + ww <= width) {
        cur += ` ${word}`;
        curW += 1 + ww;
        continue;
      }
      if (!fresh) {
        out.push(cur);
        cur = indent;
        curW = indent.length;
      }
      // A word wider than the line: cut it, each piece filling what is left of a line.
      let rest = word;
      while (curW + displayWidth(rest) > width) {
        const [head, tail] = splitWord(rest, Math.max(1, width - curW));
        out.push(cur + head);
        cur = indent;
        curW = indent.length;
        rest = tail;
      }
      cur += rest;
      curW += displayWidth(rest);
      fresh = false;
    }
    out.push(cur);
  }
  return out;
}
