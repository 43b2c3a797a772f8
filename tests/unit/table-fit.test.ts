// Fitting a table to the terminal (src/render/table.ts, docs/output.md#tables): natural widths
// when it fits; else short headers, wrapping, prose under its row, columns left out by
// priority; alignment by display width; no row separators.
import { describe, expect, it } from 'vitest';
import { layout, renderTable } from '../../src/render/table.js';
import { displayWidth } from '../../src/render/text.js';
import { cell, table, type Column } from '../../src/render/view.js';

const render = (columns: Column[], rows: string[][], width: number) => renderTable({ blocks: [table(columns, rows)] }, { style: null, width }).split('\n');

describe('layout()', () => {
  const cols: Column[] = [{ header: 'Stage' }, { header: 'Top supplier', short: 'Top', priority: 4 }, { header: 'Risk', align: 'right' }];
  const cells = [
    ['Fabrication', 'China 24%', '57.9'],
    ['Assembly, test and packaging', 'China 30%', '47.3'],
  ];

  it('keeps natural widths and full headers when the table fits', () => {
    // Natural: Stage 28 ("Assembly, test and packaging"), Top supplier 12 (header), Risk 4; 28 + 12 + 4 + 2 × 2 gaps = 48.
    const l = layout(cols, cells, 48);
    expect(l).toMatchObject({ shown: [0, 1, 2], widths: [28, 12, 4], headers: ['Stage', 'Top supplier', 'Risk'], fitted: false });
  });

  it('one column narrower: short headers, then the text wraps at spaces', () => {
    // With "Top" the natural widths are 28, 9 ("China 24%"), 4: 28 + 9 + 4 + 4 = 45 fits 45 whole.
    expect(layout(cols, cells, 45)).toMatchObject({ widths: [28, 9, 4], headers: ['Stage', 'Top', 'Risk'], dropped: [] });
    // At 40: floors 11 ("Fabrication"), 5 ("China"), 4 → 20 + 4 = 24; room 40 − 4 = 36, extra 36 − 20 = 16.
    // Water-filling: Stage wants 17, Top wants 4; fair share 8 each → Top +4 (all it wants), Stage +8;
    // 4 left → Stage +4: Stage 23, Top 9, Risk 4.
    expect(layout(cols, cells, 40)).toMatchObject({ widths: [23, 9, 4], dropped: [] });
  });

  it('leaves out the least important column when even the narrowest wrapping does not fit', () => {
    // Floors 11 + 5 + 4 + 4 gaps = 24 > 20: Top supplier (priority 4) goes; 11 + 4 + 2 = 17 fits.
    const l = layout(cols, cells, 20);
    expect(l.dropped).toEqual([1]);
    expect(l.shown).toEqual([0, 2]);
  });

  it('moves a prose column under its row before leaving any column out', () => {
    const withProse: Column[] = [...cols, { header: 'Diagnoses', prose: true }];
    const long = cells.map((r) => [...r, 'A long diagnosis that needs more room than a narrow column can give it']);
    const l = layout(withProse, long, 48);
    expect(l.prose).toEqual([3]);
    expect(l.dropped).toEqual([]);
  });
});

describe('renderTable()', () => {
  it('draws no borders and no separator between rows: header, rule, one line per row', () => {
    const out = render([{ header: 'Stage' }, { header: 'Risk', align: 'right' }], [['Design', '14.6'], ['Fabrication', '57.9']], Infinity);
    expect(out.slice(0, 4)).toEqual(['Stage        Risk', '───────────  ────', 'Design       14.6', 'Fabrication  57.9']);
  });

  it('aligns columns by display width: Hangul and CJK take two columns, combining marks none', () => {
    const out = render([{ header: 'Name' }, { header: 'Share', align: 'right' }], [['대한민국', '50%'], ['中華民國', '20%'], ['Cafe\u0301 land', '10%'], ['Alphaland', '20%']], Infinity);
    const rows = out.slice(2, 6);
    // Every row is as wide as the header row, measured in terminal columns.
    for (const r of rows) expect(displayWidth(r)).toBe(displayWidth(out[0]!));
    // "Alphaland" is 9 columns, 대한민국 8: one more space before its share.
    expect(rows[0]).toBe('대한민국     50%');
    expect(rows[3]).toBe('Alphaland    20%');
  });

  it('puts a moved prose column under its row, labelled, within the width', () => {
    const out = render(
      [{ header: '#', align: 'right' }, { header: 'Stage' }, { header: 'Diagnoses', prose: true }],
      [['1', 'Design', '• Highly competitive integrated device manufacturers and fabless firms\n• Leader in IP']],
      40,
    );
    expect(out).toEqual(['#  Stage', '─  ──────', '1  Design', '   Diagnoses:', '     • Highly competitive integrated', '       device manufacturers and fabless', '       firms', '     • Leader in IP', '']);
    for (const l of out) expect(displayWidth(l)).toBeLessThanOrEqual(40);
  });

  it('names the columns it left out under the table', () => {
    const out = render([{ header: 'Stage' }, { header: 'Data', priority: 1 }], [['Fabrication', '2022, capacity by location']], 20);
    expect(out).toContain('Fabrication');
    // The note wraps to the width too.
    expect(out.join(' ').replace(/\s+/g, ' ')).toContain('(left out to fit 20 columns: Data; --wide shows every column)');
    for (const l of out) expect(displayWidth(l)).toBeLessThanOrEqual(20);
  });

  it('escapes control characters from the data, in cells, titles and lines', () => {
    const view = { title: 'T\x1b[2J', blocks: [table([{ header: 'Name' }], [[cell('a\u202eb', 'bad')]], 'B\x07'), { kind: 'lines' as const, lines: ['c\x9bd'] }] };
    const out = renderTable(view, { style: null, width: 80 });
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    expect(out).toContain('T\\x1b[2J');
    expect(out).toContain('a\\u202eb');
    expect(out).toContain('B\\x07');
    expect(out).toContain('c\\x9bd');
  });
});
