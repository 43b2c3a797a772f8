// The CSV reader and writer of import and export (src/data/csv-records.ts): RFC 4180 quoting,
// CRLF and LF, a byte order mark, the line each record starts on, problems with their lines,
// and the formula guard that export writes and import undoes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, parseCsv, unguardCell } from '../../src/data/csv-records.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and says where each record starts', () => {
    const text = '\ufeffa,b,c\r\n1,"two, three","say ""hi"""\r\n"multi\nline",x,\r\n\r\nlast,,z';
    expect(parseCsv(text)).toEqual({
      header: ['a', 'b', 'c'],
      records: [
        { line: 2, fields: ['1', 'two, three', 'say "hi"'] },
        { line: 3, fields: ['multi\nline', 'x', ''] },
        // Line 5 is blank: skipped, but counted.
        { line: 6, fields: ['last', '', 'z'] },
      ],
      problems: [],
    });
  });

  it('pads short records, reports long ones, an unclosed quote and text after a closing quote', () => {
    const r = parseCsv('a,b\n1\n1,2,3\n"x"y,2\n"never closed,3\n4,5\n');
    expect(r.records.map((x) => x.fields)).toEqual([['1', ''], ['1', '2', '3'], ['xy', '2']]);
    expect(r.problems).toEqual([
      { line: 3, message: 'has 3 fields, the header 2' },
      { line: 4, message: 'text after the closing quote of a field (a quote inside a field is written "")' },
      { line: 5, message: 'a quoted field opened on this line is never closed (a quote inside a field is written "")' },
    ]);
  });
});

describe('csvCell and unguardCell', () => {
  it('guards formulas as OWASP says, leaves numbers alone, and quotes what needs quoting', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(unguardCell("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unguardCell("'quoted")).toBe("'quoted");
  });

  it('any row of any strings written by csvLine reads back the same', () => {
    // Strings of the characters that matter: quotes, separators, line ends, formula starts.
    const cell = fc.string({ unit: fc.constantFrom("'", '=', '-', '+', '@', '1', '.', ',', '"', '\n', '\r', 'a', ' ') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = csvLine(['a', 'b']) + rows.map((r) => csvLine(r)).join('');
        const back = parseCsv(text);
        expect(back.records.map((r) => r.fields.map(unguardCell))).toEqual(rows);
      }),
    );
  });
});
