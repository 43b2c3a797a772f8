import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks, jsonDocument, SCHEMA_VERSION } from '../../src/cli/output.js';

describe('JSON output', () => {
  it('written in pieces, a document has the same bytes as JSON.stringify(document, null, 2)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue(), { maxLength: 5 }), (result, list) => {
        const doc = { ...result, items: list };
        const expected = `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, command: 'x', ...doc }, null, 2)}\n`;
        expect([...jsonChunks('x', doc)].join('')).toBe(expected);
        expect(jsonDocument('x', doc)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out keys JSON.stringify leaves out, and writes undefined array items as null', () => {
    const doc = { a: undefined, b: [undefined, 1], c: [], d: {} };
    expect(jsonDocument('x', doc)).toBe(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, command: 'x', ...doc }, null, 2)}\n`);
  });

  it('puts each item of a top-level list in its own piece', () => {
    const pieces = [...jsonChunks('score', { scores: [{ a: 1 }, { a: 2 }, { a: 3 }] })];
    expect(pieces.filter((p) => p.includes('"a"'))).toHaveLength(3);
  });
});
