// Output is written with backpressure: while the reader is slow, scsr stops producing instead
// of buffering everything (src/cli/output.ts write()).
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { write } from '../../src/cli/output.js';

describe('write()', () => {
  it('pulls the next piece only when the stream has drained: a paused reader holds the producer back (the review’s finding 14)', async () => {
    const held: Array<() => void> = [];
    let received = 0;
    // A reader that takes each chunk only when released; 16 KiB of buffer.
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        received += chunk.length;
        held.push(done);
      },
    });
    let pulled = 0;
    const piece = 'x'.repeat(64 * 1024);
    function* output() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield piece;
      }
    }
    const finished = write(output(), slow);
    await new Promise((r) => setTimeout(r, 50));
    // 100 pieces of 64 KiB = 6.4 MiB are on offer; with the reader paused, only the first has
    // been pulled (it alone fills the 16 KiB buffer) and nothing more is held in memory.
    expect(pulled).toBe(1);
    // Release the reader: everything arrives, in order, and write() resolves.
    while (received < 100 * piece.length) {
      const next = held.shift();
      if (next) next();
      await new Promise((r) => setImmediate(r));
    }
    while (held.length) held.shift()!();
    await finished;
    expect(pulled).toBe(100);
    expect(received).toBe(100 * piece.length);
  });

  it('gathers small pieces (CSV rows) into larger writes', async () => {
    const chunks: number[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.length);
        done();
      },
    });
    await write(Array.from({ length: 10_000 }, () => 'row,1,2\r\n'), sink);
    // 10,000 rows × 9 bytes = 90,000 bytes: one write of the first 64 KiB and more (65,538 bytes
    // = 7,282 rows), then one for the rest (24,462 bytes).
    expect(chunks).toEqual([65_538, 24_462]);
  });
});
