// CSV, TSV and NDJSON of tidy records (src/render/csv.ts, docs/csv.md): RFC 4180 quoting, raw
// numbers, empty for no data, and OWASP's rule against formula injection.
import { describe, expect, it } from 'vitest';
import { cellText, renderDelimited, renderNdjson } from '../../src/render/csv.js';
import { tidy } from '../../src/render/tidy.js';

const csv = (t: ReturnType<typeof tidy>) => [...renderDelimited(t, 'csv')].join('');

describe('CSV injection (OWASP)', () => {
  it('prefixes a single quote to text beginning with = + - @ tab or carriage return', () => {
    expect(cellText('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(cellText('+cmd|\' /C calc\'!A0')).toBe("'+cmd|' /C calc'!A0");
    expect(cellText('-2+3')).toBe("'-2+3");
    expect(cellText('@SUM(1+1)')).toBe("'@SUM(1+1)");
    // Tab and carriage return get the quote, then are escaped like every control character.
    expect(cellText('\t=1')).toBe("'\\x09=1");
    expect(cellText('\r=1')).toBe("'\\x0d=1");
  });

  it('leaves numbers as numbers: a negative number, a signed text that is a number, an exponent', () => {
    expect(cellText(-3)).toBe('-3');
    expect(cellText(-0.25)).toBe('-0.25');
    expect(cellText('-3')).toBe('-3');
    expect(cellText('-1.5e-7')).toBe('-1.5e-7');
    expect(cellText(1e-7)).toBe('1e-7');
  });

  it('leaves text that does not begin with those characters alone', () => {
    expect(cellText('South Korea')).toBe('South Korea');
    expect(cellText('a=b')).toBe('a=b');
  });
});

describe('renderDelimited()', () => {
  const t = tidy(
    { sector: 'string', share_pct: 'number', listed: 'boolean', note: 'string' },
    [
      { sector: 'batteries', share_pct: 51.19, listed: true, note: 'a, "quoted"\nline' },
      { sector: 'semiconductors', share_pct: null, listed: false, note: null },
    ],
  );

  it('writes one header, one line per row, raw numbers, empty for no data, RFC 4180 quoting with CRLF', () => {
    expect(csv(t)).toBe('sector,share_pct,listed,note\r\nbatteries,51.19,true,"a, ""quoted""\nline"\r\nsemiconductors,,false,\r\n');
  });

  it('TSV: tab-separated, a line break inside a value written as a space', () => {
    expect([...renderDelimited(t, 'tsv')].join('')).toBe('sector\tshare_pct\tlisted\tnote\nbatteries\t51.19\ttrue\ta, "quoted" line\nsemiconductors\t\tfalse\t\n');
  });

  it('NDJSON: one object per line, keys in column order, null for no data, strings as JSON escapes them', () => {
    const u = tidy({ name: 'string', risk: 'number' }, [{ name: 'x\x1by', risk: 57.91 }, { name: 'z', risk: null }]);
    expect([...renderNdjson(u)].join('')).toBe('{"name":"x\\u001by","risk":57.91}\n{"name":"z","risk":null}\n');
  });

  it('refuses a row that does not match its columns (text in a numeric column, an unknown key)', () => {
    expect(() => csv(tidy({ n: 'number' }, [{ n: '51%' as unknown as number }]))).toThrow(/tidy column n is number/);
    expect(() => csv(tidy({ n: 'number' }, [{ n: 1, m: 2 } as { n: number }]))).toThrow(/not a column: m/);
    expect(() => csv(tidy({ n: 'number' }, [{ n: Number.NaN }]))).toThrow(/tidy column n/);
  });
});
