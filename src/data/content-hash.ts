// The content hash of the cache of validated data: 64 bits from two CRC-32s of the same bytes,
// one read forwards and one backwards (a reversed copy), each piece's length mixed in. CRC-32
// is zlib's, native: node:crypto would cost 7-16 ms to load, a hash in JavaScript as much to
// run before it is compiled, and the cache exists to save time. A CRC catches every change of
// up to 32 bits in a row; the two are linear maps of 64 bits together, so a change goes unseen
// with odds of about 2^-64. Not meant to resist a forger: it tells the user's own files apart.
type Crc32 = (data: string | NodeJS.ArrayBufferView, value?: number) => number;

let crc: Crc32 | undefined;
/** zlib's crc32 when first needed, not at start-up (every command would pay for loading zlib). */
function crc32(): Crc32 {
  crc ??= (process.getBuiltinModule('node:zlib') as { crc32: Crc32 }).crc32;
  return crc;
}

const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

export class ContentHash {
  private forward = 0;
  private backward = 0;

  /** Add text or bytes; the length goes in first, so "ab" + "c" and "a" + "bc" differ. */
  update(data: string | Uint8Array): this {
    const f = crc32();
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const length = `${bytes.length}:`;
    this.forward = f(bytes, f(length, this.forward));
    this.backward = f(Buffer.from(bytes).reverse(), f(length, this.backward));
    return this;
  }

  /** 16 hex digits. */
  digest(): string {
    return hex(this.forward) + hex(this.backward);
  }
}

/** CRC-32 of bytes, 8 hex digits: the check of a cache entry's body. */
export const checksum = (bytes: Uint8Array): string => hex(crc32()(bytes));
