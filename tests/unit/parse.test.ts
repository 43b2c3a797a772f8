// The one parser of numeric options (src/cli/parse.ts): plain decimals, `%` where the option is a
// percentage, a range; everything else is a usage error naming the option and what it takes.
import { describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../../src/cli/exit.js';
import { parseNumber } from '../../src/cli/parse.js';

const fails = (fn: () => unknown): CliError => {
  try {
    fn();
  } catch (e) {
    return e as CliError;
  }
  throw new Error('expected a usage error');
};

describe('parseNumber()', () => {
  it.each(['0x10', '0b11', '1e1', ' 50 ', '', '50 ', ' 50', '+50', '-5', '5.', '1_000', '50%%', 'NaN', 'Infinity', '٥٠', '0o7', '50 %'])('refuses %j for a percentage: exit 2, one line naming the option', (raw) => {
    const e = fails(() => parseNumber('--threshold', raw, { kind: 'percent' }));
    expect(e).toBeInstanceOf(CliError);
    expect(e.code).toBe(EXIT.usage);
    expect(e.message).toBe(`option --threshold must be a percentage from 0 to 100, like 65 or 65% (got "${raw}")`);
  });

  it('reads a percentage with or without its sign, within 0-100', () => {
    expect(parseNumber('--threshold', '65', { kind: 'percent' })).toBe(65);
    expect(parseNumber('--threshold', '65%', { kind: 'percent' })).toBe(65);
    expect(parseNumber('--threshold', '0.5', { kind: 'percent' })).toBe(0.5);
    expect(parseNumber('--threshold', '.5', { kind: 'percent' })).toBe(0.5);
    expect(parseNumber('--threshold', '100', { kind: 'percent' })).toBe(100);
    expect(() => parseNumber('--threshold', '100.5', { kind: 'percent' })).toThrow(CliError);
  });

  it('reads a fraction 0-1, or a percentage with its sign as a fraction (40% = 0.4); a bare 40 is refused', () => {
    expect(parseNumber('--loss', '0.3', { kind: 'fraction' })).toBe(0.3);
    expect(parseNumber('--loss', '30%', { kind: 'fraction' })).toBe(0.3);
    expect(parseNumber('--loss', '1', { kind: 'fraction' })).toBe(1);
    for (const raw of ['40', '1.5', '0x1', '1e-1', '', ' 0.3']) {
      expect(fails(() => parseNumber('--loss', raw, { kind: 'fraction' })).message).toBe(`option --loss must be a fraction from 0 to 1 or a percentage like 40% (got "${raw}")`);
    }
  });

  it('reads whole numbers in their range only', () => {
    expect(parseNumber('--top', '10', { kind: 'whole', min: 1, max: 10_000 })).toBe(10);
    for (const raw of ['0', '10001', '2.5', '1e3', '0x10', '0b11', ' 5', '5%', '']) {
      expect(fails(() => parseNumber('--top', raw, { kind: 'whole', min: 1, max: 10_000 })).message).toBe(`option --top must be a whole number from 1 to 10000 (got "${raw}")`);
    }
  });

  it('reads a year from 1950 to 2100', () => {
    expect(parseNumber('--year', '2021', { kind: 'year' })).toBe(2021);
    for (const raw of ['1800', '2101', '2021.0', '21', 'next', '0x7e5', '2e3', ' 2021', '']) {
      expect(fails(() => parseNumber('--year', raw, { kind: 'year' })).message).toBe(`option --year must be a year from 1950 to 2100 (got "${raw}")`);
    }
  });
});
