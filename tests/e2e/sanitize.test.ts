// Nothing from the data acts on the reader (the review's findings 11 and 12): control
// characters and bidi controls in data strings are escaped in tables, Markdown, CSV/TSV and
// validate's lines; JSON escapes them as JSON does; CSV cells that a spreadsheet would run as a
// formula are neutralised; wide characters stay aligned.
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/text.js';
import { fixture, scsr } from '../helpers/cli.js';

const DATA = ['--data', fixture('hostile-text')];
/** What must never reach a terminal or a file from the data (line feeds are line breaks). */
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CRLF_CSV = (s: string) => s.replace(/\r\n/g, '\n');

const COMMANDS = [
  ['score', 'controls'],
  ['score', 'controls', '--inputs'],
  ['stages', 'controls'],
  ['sources', 'controls'],
  ['list'],
  ['list', 'countries'],
  ['explain', 'controls', 'alpha'],
  ['exposure', 'xa', '--sector', 'controls'],
  ['chokepoints', '--sector', 'controls'],
  ['compare', 'xa', 'xb', '--sector', 'controls'],
  ['shock', 'controls', '--cut', 'xb'],
  ['shock', 'controls', '--worst'],
];

describe.each(COMMANDS.map((c) => [c.join(' '), c]))('scsr %s on hostile names', (_name, args) => {
  it.each([
    ['table', ['--wide']],
    ['table at 60 columns', []],
    ['md', ['--format', 'md']],
    ['csv', ['--format', 'csv']],
    ['tsv', ['--format', 'tsv']],
  ])('%s: no control or bidi character in the output (the review’s finding 11)', (format, extra) => {
    const r = scsr([...(args as string[]), ...extra, ...DATA], { env: { COLUMNS: '60' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The separators of CSV (CRLF) and TSV (tab) are structure, not data.
    const text = format === 'csv' ? CRLF_CSV(r.stdout) : format === 'tsv' ? r.stdout.replace(/\t/g, ' ') : r.stdout;
    expect(text).not.toMatch(UNSAFE);
  });
});

describe('what the reader sees instead', () => {
  it('the escape sequences are shown as text, in table and Markdown', () => {
    const table = scsr(['score', 'controls', ...DATA]).stdout;
    expect(table).toContain('Evil\\x1b[2J\\x1b]0;pwned\\x07 sector');
    expect(table).toContain('Alpha\\u202eland');
    // Markdown doubles the backslash, so a renderer shows the same \x1b.
    const md = scsr(['score', 'controls', '--format', 'md', ...DATA]).stdout;
    expect(md).toContain('Evil\\\\x1b[2J\\\\x1b]0;pwned\\\\x07 sector');
    const st = scsr(['stages', 'controls', ...DATA]).stdout;
    expect(st).toContain('C1 \\x9b31m red \\u202ereversed\\u202c text');
  });

  it('JSON keeps the strings, escaped as JSON escapes them', () => {
    const r = scsr(['score', 'controls', '--json', ...DATA]);
    expect(r.stdout).toContain('"name": "Evil\\u001b[2J\\u001b]0;pwned\\u0007 sector"');
    expect(JSON.parse(r.stdout).scores[0].name).toBe('Evil\x1b[2J\x1b]0;pwned\x07 sector');
  });

  it('CSV: cells starting with = + - @ get a leading single quote; numbers, negative ones too, stay numbers (finding 12)', () => {
    const csv = scsr(['score', 'controls', '--format', 'csv', ...DATA]).stdout;
    expect(csv).toContain(",'@SUM(1+1),");
    expect(csv).toContain(`,"'+cmd|' /C calc'!A0",`.replace(/"/g, '')); // no comma or quote inside: not quoted
    const sources = scsr(['sources', 'controls', '--format', 'csv', ...DATA]).stdout;
    expect(sources).toContain(`"'=HYPERLINK(""http://example.invalid"",""click"")"`);
    expect(sources).toContain("'-2+3 made-up\\u2066 title");
    // WGI of -0.5 for 대한민국: a negative number, written as a number.
    const countries = scsr(['list', 'countries', '--format', 'csv', ...DATA]).stdout;
    expect(countries).toMatch(/^xb,대한민국,,,-0\.5,2020,fixture,\r$/m);
  });

  it('validate prints its lines sanitised too', () => {
    const r = scsr(['validate', fixture('hostile-text')]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(UNSAFE);
  });

  it('error messages quote arguments sanitised', () => {
    const r = scsr(['score', 'evil\x1b[2Jsector']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('evil\\x1b[2Jsector');
    expect(r.stderr).not.toMatch(UNSAFE);
  });

  it('Hangul, CJK and a combining mark keep the columns aligned', () => {
    const r = scsr(['list', 'countries', ...DATA], { env: { COLUMNS: undefined } });
    const lines = r.stdout.split('\n');
    const header = lines[0]!;
    const groupsAt = header.indexOf('Groups');
    // Each row's text up to the Groups column is exactly as wide as the header's.
    for (const code of ['xb', 'xc', 'xd', 'xa']) {
      const row = lines.find((l) => l.startsWith(`${code} `))!;
      let w = 0;
      let i = 0;
      const chars = [...row];
      while (w < groupsAt) w += displayWidth(chars[i++]!);
      expect(w, row).toBe(groupsAt);
    }
    expect(lines.find((l) => l.startsWith('xb '))).toMatch(/^xb {4}대한민국 {6}/);
  });
});
