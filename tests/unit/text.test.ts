// What a data string may show (sanitize), how wide it is in a terminal (displayWidth), and how
// it wraps (wrapText).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charWidth, displayWidth, sanitize, wrapText } from '../../src/render/text.js';

/** Every character sanitize() must never let through (line feed aside). */
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('sanitize()', () => {
  it('writes terminal escape sequences as visible text', () => {
    // ESC [ 2 J clears the screen; ESC ] 0 ; ... BEL sets the window title.
    expect(sanitize('a\x1b[2Jb\x1b]0;title\x07c')).toBe('a\\x1b[2Jb\\x1b]0;title\\x07c');
  });

  it('escapes C0 controls (tab, carriage return, NUL), DEL and C1 controls (the 8-bit CSI)', () => {
    expect(sanitize('a\tb\rc\x00d\x7fe\x9b31mf\x85g')).toBe('a\\x09b\\x0dc\\x00d\\x7fe\\x9b31mf\\x85g');
  });

  it('escapes every bidi control (U+061C, U+200E/F, U+202A-E, U+2066-9) and the line/paragraph separators', () => {
    const bidi = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029'];
    for (const c of bidi) expect(sanitize(`x${c}y`)).toBe(`x\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}y`);
  });

  it('keeps line feeds (line breaks inside a cell), and leaves ordinary text alone', () => {
    expect(sanitize('one\ntwo')).toBe('one\ntwo');
    const text = 'South Korea 대한민국 — ≥65% · café';
    expect(sanitize(text)).toBe(text);
  });

  it('leaves no unsafe character in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(sanitize(s)).not.toMatch(UNSAFE);
      }),
      { numRuns: 200 },
    );
  });
});

describe('displayWidth()', () => {
  it('counts ASCII one column a character', () => {
    expect(displayWidth('Fabrication')).toBe(11);
  });

  it('counts Hangul, CJK ideographs and full-width forms two columns each', () => {
    expect(displayWidth('대한민국')).toBe(8); // 4 Hangul syllables × 2
    expect(displayWidth('中華民國')).toBe(8); // 4 ideographs × 2
    expect(displayWidth('ＡＢ')).toBe(4); // 2 full-width Latin letters × 2
    expect(displayWidth('Korea 한국')).toBe(10); // 6 + 2 × 2
  });

  it('counts combining marks and zero-width format characters as nothing', () => {
    expect(displayWidth('Cafe\u0301')).toBe(4); // e + combining acute = one column
    expect(displayWidth('a\u200db')).toBe(2); // zero-width joiner
  });

  it('counts the box, block and arrow characters the tables use one column each', () => {
    expect(displayWidth('─█▏↳◀≥−·•')).toBe(9);
  });

  it('the one-pass count of common text equals the count character by character', () => {
    // Code points from every range the fast path accepts, plus a few it does not.
    const ranges: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0x2ff], [0x2010, 0x2027], [0x2030, 0x205e], [0x2190, 0x22ff], [0x2500, 0x25fc], [0x300, 0x36f], [0xac00, 0xac10], [0x231a, 0x231b], [0x25fd, 0x25fe]];
    const ch = fc.constantFrom(...ranges).chain(([a, b]) => fc.integer({ min: a, max: b })).map((cp) => String.fromCodePoint(cp));
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 30 }), (chars) => {
        const s = chars.join('');
        expect(displayWidth(s)).toBe([...s].reduce((w, c) => w + charWidth(c), 0));
      }),
      { numRuns: 300 },
    );
  });
});

describe('wrapText()', () => {
  it('breaks at spaces, never past the width', () => {
    // "Assembly, test and packaging (ATP)" at 15: "Assembly, test" (14) + "and packaging" (13) + "(ATP)".
    expect(wrapText('Assembly, test and packaging (ATP)', 15)).toEqual(['Assembly, test', 'and packaging', '(ATP)']);
  });

  it('keeps a bullet’s hanging indent on its continuation lines', () => {
    expect(wrapText('• one two three', 9)).toEqual(['• one two', '  three']);
    expect(wrapText('  ↳ Natural graphite', 12)).toEqual(['  ↳ Natural', '    graphite']);
  });

  it('cuts a word longer than the width (an address) into pieces that fill each line', () => {
    expect(wrapText('see https://example.org/abcdef', 10)).toEqual(['see', 'https://ex', 'ample.org/', 'abcdef']);
  });

  it('keeps existing line breaks, and measures wide characters by their columns', () => {
    expect(wrapText('a b\nc', 10)).toEqual(['a b', 'c']);
    // 대한민국 is 8 columns: with " 50%" it needs 12; at 10 it wraps.
    expect(wrapText('대한민국 50%', 10)).toEqual(['대한민국', '50%']);
  });

  it('never returns a line wider than the width (words cut when they must be)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 40 }), (s, w) => {
        const text = sanitize(s);
        for (const line of wrapText(text, w)) expect(displayWidth(line)).toBeLessThanOrEqual(Math.max(w, 2));
      }),
      { numRuns: 500 },
    );
  });
});
