// Option and argument values: parsed and checked once, with one-line errors that name the
// option and say what it takes. Numbers are parsed here and nowhere else.
import type { Model, Sector } from '../data/model.js';
import { resolveCountry, resolvePlace, resolveSector, resolveSupplier } from '../data/resolve.js';
import { resolveOrUsage } from './context.js';
import { usageError } from './exit.js';

/**
 * What a numeric option takes:
 * - whole: a whole number from min to max;
 * - year: a year from 1950 to 2100;
 * - percent: a percentage from 0 to 100, with or without `%` (`65`, `65%`);
 * - fraction: a fraction from 0 to 1, or a percentage with its sign (`0.4`, `40%`); a bare 40 is
 *   refused, as it could mean either. The value is the fraction.
 */
export type NumberSpec = { kind: 'whole'; min: number; max: number } | { kind: 'year' } | { kind: 'percent' } | { kind: 'fraction' };

export const YEAR_MIN = 1950;
export const YEAR_MAX = 2100;

/** A plain decimal: digits, at most one point. No sign, exponent, hex/binary prefix, separator or space. */
const DECIMAL = /^(?:\d+|\d*\.\d+)$/;

function takes(spec: NumberSpec): string {
  switch (spec.kind) {
    case 'whole': return `a whole number from ${spec.min} to ${spec.max}`;
    case 'year': return `a year from ${YEAR_MIN} to ${YEAR_MAX}`;
    case 'percent': return 'a percentage from 0 to 100, like 65 or 65%';
    case 'fraction': return 'a fraction from 0 to 1 or a percentage like 40%';
  }
}

/** Parse a numeric option's value, or fail with `option --x must be <what it takes> (got "...")`. */
export function parseNumber(option: string, raw: string, spec: NumberSpec): number {
  const bad = () => usageError(`option ${option} must be ${takes(spec)} (got "${raw}")`);
  const withPercent = (spec.kind === 'percent' || spec.kind === 'fraction') && raw.endsWith('%');
  const body = withPercent ? raw.slice(0, -1) : raw;
  if (!DECIMAL.test(body)) throw bad();
  const n = Number(body);
  switch (spec.kind) {
    case 'whole':
      if (!/^\d+$/.test(body) || n < spec.min || n > spec.max) throw bad();
      return n;
    case 'year':
      if (!/^\d{4}$/.test(body) || n < YEAR_MIN || n > YEAR_MAX) throw bad();
      return n;
    case 'percent':
      if (n > 100) throw bad();
      return n;
    case 'fraction':
      if (n > (withPercent ? 100 : 1)) throw bad();
      return withPercent ? n / 100 : n;
  }
}

export function parseCountry(model: Model, value: string, option = '--country'): string {
  return resolveOrUsage(() => {
    try {
      return resolveCountry(model.countries, value);
    } catch (e) {
      // `option --to: ...` for an option, `argument <b>: ...` for an argument.
      throw Object.assign(e as Error, { message: `${option.startsWith('-') ? 'option ' : ''}${option}: ${(e as Error).message}` });
    }
  });
}

/** The sectors a command runs on: the one named, or all with --all (or when none is named and `allByDefault`). */
export function pickSectors(model: Model, name: string | undefined, all: boolean | undefined, allByDefault = false): Sector[] {
  if (name && all) throw usageError('give a sector or --all, not both');
  if (name) return [resolveOrUsage(() => resolveSector(model, name))];
  if (all || allByDefault) return model.sectors;
  throw usageError('missing sector: give one (see `scsr list`) or --all');
}

/** --year and --basis (already parsed by their options) as engine options. */
export function snapshotOptions(opts: { year?: number; basis?: string }): { year?: number; basis?: string } {
  return { ...(opts.year !== undefined ? { year: opts.year } : {}), ...(opts.basis ? { basis: opts.basis } : {}) };
}

/** A viewpoint (--country): a country, or a region with members such as `eu`. */
export function parseViewpoint(model: Model, value: string, option = '--country'): string {
  return resolveOrUsage(() => {
    try {
      return resolvePlace(model.countries, value);
    } catch (e) {
      throw Object.assign(e as Error, { message: `${option.startsWith('-') ? 'option ' : ''}${option}: ${(e as Error).message}` });
    }
  });
}

/** A country or a region as the data name it (a shock target): codes, ids, names, aliases. */
export function parsePlace(model: Model, value: string, option: string): string {
  return resolveOrUsage(() => {
    try {
      return resolveSupplier(model.countries, value);
    } catch (e) {
      throw Object.assign(e as Error, { message: `${option.startsWith('-') ? 'option ' : ''}${option}: ${(e as Error).message}` });
    }
  });
}
