// Option values: parsed and checked once, with one-line errors that name the option.
import type { Model, Sector } from '../data/model.js';
import { resolveCountry, resolvePlace, resolveSector, resolveSupplier } from '../data/resolve.js';
import { resolveOrUsage } from './context.js';
import { usageError } from './exit.js';

export function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d{4}$/.test(value.trim()) || n < 1950 || n > 2100) throw usageError(`option --year must be a year between 1950 and 2100 (got "${value}")`);
  return n;
}

export function parsePercent(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(String(value).replace(/%$/, ''));
  if (String(value).trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw usageError(`option ${option} must be a percentage between 0 and 100 (got "${value}")`);
  return n;
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

/** --year and --basis as engine options. */
export function snapshotOptions(opts: { year?: string; basis?: string }): { year?: number; basis?: string } {
  const year = parseYear(opts.year);
  return { ...(year !== undefined ? { year } : {}), ...(opts.basis ? { basis: opts.basis } : {}) };
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
