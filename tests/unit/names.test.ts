// Names resolve one way (src/data/resolve.ts): ids and codes before aliases before names; a
// stage's position only when no stage is called that; suggestions and data-file hints that
// name regions and the place an alias stands for (issue 17, discoverability).
import { describe, expect, it } from 'vitest';
import { placeHint, resolveCountry, resolveCountryOrRegion, resolvePlace, resolveSector, resolveStage, resolveSupplier } from '../../src/data/resolve.js';
import { countries, model, sector, snap } from '../helpers/model.js';

const c = countries();
c.countries[0]!.aliases = ['alpha', 'ala'];
c.regions[1]!.aliases = ['row', 'rest-of-world'];

describe('resolving what a user types', () => {
  it('an id wins over another thing\'s alias, an alias over another thing\'s name', () => {
    const m = model([
      sector([{ id: 'a', name: 'A', shares: [snap([['aa', 50]])] }], { id: 'first', name: 'Second', aliases: ['third'] }),
      sector([{ id: 'a', name: 'A', shares: [snap([['aa', 50]])] }], { id: 'second', name: 'Third' }),
      sector([{ id: 'a', name: 'A', shares: [snap([['aa', 50]])] }], { id: 'third', name: 'Fourth' }),
    ]);
    // "second" is the id of the second sector and the name of the first: the id wins.
    expect(resolveSector(m, 'second').id).toBe('second');
    // "third" is an alias of the first, the name of the second and the id of the third: the id wins.
    expect(resolveSector(m, 'third').id).toBe('third');
    expect(resolveSector(m, 'fourth').id).toBe('third');
  });

  it('a stage number is a position only when no stage has that id or alias', () => {
    const s = sector([
      { id: 'a', name: 'A', aliases: ['2'] },
      { id: 'b', name: 'B' },
      { id: 'c', name: 'C' },
    ]);
    expect(resolveStage(s, '2')).toBe('a');
    expect(resolveStage(s, '3')).toBe('c');
    expect(() => resolveStage(s, '4')).toThrow(/unknown stage of widgets "4"/);
  });

  it('a country from its code, alias (alpha-3 codes are aliases) or name; a region is named as one', () => {
    expect(resolveCountry(c, 'ALA')).toBe('aa');
    expect(resolveCountry(c, 'betaland')).toBe('bb');
    expect(() => resolveCountry(c, 'row')).toThrow('"row" is region "rest" (Rest of world), not a country (see `scsr list regions`)');
    expect(resolveCountryOrRegion(c, 'row')).toEqual({ kind: 'region', id: 'rest' });
    expect(resolveCountryOrRegion(c, 'cc')).toEqual({ kind: 'country', id: 'cc' });
    // A viewpoint is a country or a region with members; a shock target any region but the rest.
    expect(resolvePlace(c, 'bloc')).toBe('bloc');
    expect(() => resolvePlace(c, 'row')).toThrow(/unknown country or region "row"/);
    expect(resolveSupplier(c, 'Bloc')).toBe('bloc');
    expect(() => resolveSupplier(c, 'rest')).toThrow(/unknown country or region "rest"/);
  });

  it('suggestions for an unknown country include regions, labelled', () => {
    expect(() => resolveCountry(c, 'blocc')).toThrow('unknown country "blocc"; did you mean region "bloc"? (see `scsr list countries`, `scsr list regions`)');
  });
});

describe('hints for a code or id a data file gets wrong', () => {
  it('`country:` naming a region says which key to write', () => {
    expect(placeHint('bloc', c, 'country')).toBe('; "bloc" is region "bloc" (Bloc): write `region: bloc`');
  });

  it('`region:` naming a region by an alias gives the id the alias stands for', () => {
    expect(placeHint('row', c, 'region')).toBe('; "row" is an alias of region "rest" (Rest of world): write `region: rest`');
  });

  it('`region:` naming a country says so', () => {
    expect(placeHint('aa', c, 'region')).toBe('; "aa" is country "aa" (Alphaland): write `country: aa`');
  });

  it('a near miss suggests codes and ids of both kinds, the other kind labelled', () => {
    expect(placeHint('rst', c, 'region')).toBe('; did you mean "rest"?');
    expect(placeHint('ab', c, 'country')).toBe('; did you mean "aa" or "bb"?');
    expect(placeHint('blc', c, 'country')).toBe('; did you mean region "bloc"?');
    expect(placeHint('zzzz', c, 'country')).toBe('');
  });
});
