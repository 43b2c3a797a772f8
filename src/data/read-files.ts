// Reading data files: the paths given by --data, SCSR_DATA or `scsr validate`, expanded and
// read as bytes, with every refusal (not a regular file, too large, unreadable) as a located
// error. No yaml or zod here: the cache of validated data (src/data/model-cache.ts) hashes
// these bytes before deciding whether the loader is needed at all.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { extname, join } from 'node:path';
import type { DataError, Result } from './errors.js';

/** Largest data file read, in bytes (docs/data.md#limits). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const DATA_EXTENSIONS = new Set(['.yaml', '.yml']);

function ioError(file: string, message: string): DataError {
  return { file, line: 0, col: 0, path: '', message, io: true };
}

/**
 * Why a path that is not a regular file or a directory cannot be a data file, or undefined.
 * Opening a FIFO for reading blocks until a writer comes (forever, for `mkfifo d/f.yaml`), a
 * device may never end (/dev/zero) or wait for a terminal: such a path is refused from its
 * type, before any open or read. Not an I/O failure but a wrong input: exit 3.
 */
function notRegular(st: Stats): string | undefined {
  if (st.isFile() || st.isDirectory()) return undefined;
  const kind = st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : 'not a regular file';
  return `is ${kind}, not a regular file: a data file must be a regular file`;
}

function typeError(file: string, message: string): DataError {
  return { file, line: 0, col: 0, path: '', message };
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'too many levels of symbolic links (a symlink loop?)';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'not a directory (a parent in the path is a file)';
    default: return (e as Error).message ?? String(e);
  }
}

/** Files named by the given paths: a file as is, a directory's *.yaml/*.yml files (sorted, not recursive). */
export function expandPaths(paths: readonly string[]): { files: string[]; errors: DataError[] } {
  const files: string[] = [];
  const errors: DataError[] = [];
  for (const p of paths) {
    try {
      const st = statSync(p);
      const wrong = notRegular(st);
      if (wrong) errors.push(typeError(p, wrong));
      else if (st.isDirectory()) {
        const names = readdirSync(p).filter((n) => !n.startsWith('.') && DATA_EXTENSIONS.has(extname(n).toLowerCase())).sort();
        if (names.length === 0) errors.push(ioError(p, 'directory holds no .yaml or .yml files'));
        files.push(...names.map((n) => join(p, n)));
      } else files.push(p);
    } catch (e) {
      errors.push(ioError(p, describeFsError(e)));
    }
  }
  return { files: [...new Set(files)], errors };
}

export interface ReadFile {
  file: string;
  /** The file's bytes; absent when it could not be read (see `error`). */
  bytes?: Buffer;
  error?: DataError;
}

export interface ReadData {
  /** Every file the paths name, in order (a directory's files sorted by name). */
  files: ReadFile[];
  /** Paths that name nothing readable: missing, not a regular file, an empty directory. */
  pathErrors: DataError[];
}

/** Expand the paths and read every file they name. */
export function readPaths(paths: readonly string[]): ReadData {
  const { files, errors } = expandPaths(paths);
  return { files: files.map(readFile), pathErrors: errors };
}

/** Read one regular file (the checks and limits of data files). */
export function readFile(file: string): ReadFile {
  try {
    const r = readLimited(file);
    if (typeof r === 'string') return { file, error: ioError(file, r) };
    if ('wrongType' in r) return { file, error: typeError(file, r.wrongType) };
    return { file, bytes: r };
  } catch (e) {
    return { file, error: ioError(file, describeFsError(e)) };
  }
}

/**
 * The bytes of a regular file, or why it cannot be read. The type is checked before the open
 * (a FIFO blocks in open) and again on the open descriptor, which O_NONBLOCK keeps from
 * blocking should the path have been swapped for a FIFO in between. Reads at most
 * MAX_FILE_BYTES + 1 bytes, whatever the size said.
 */
function readLimited(file: string): Buffer | string | { wrongType: string } {
  const before = notRegular(statSync(file));
  if (before) return { wrongType: before };
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    const wrong = notRegular(st);
    if (wrong) return { wrongType: wrong };
    if (st.isDirectory()) return 'is a directory';
    if (st.size > MAX_FILE_BYTES) return `is ${st.size} bytes, over the ${MAX_FILE_BYTES}-byte limit for a data file`;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size + 1, 64 * 1024), MAX_FILE_BYTES + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) return `is over the ${MAX_FILE_BYTES}-byte limit for a data file`;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a UTF-8 file, or where it stops being UTF-8: decoding alone would turn a
 * Latin-1 or UTF-16 file into replacement characters without a word.
 */
export function decodeUtf8(bytes: Buffer, file: string): Result<string> {
  const fail = (line: number, col: number, message: string): Result<string> => ({ ok: false, errors: [{ file, line, col, path: '', message }] });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return fail(1, 1, 'is UTF-16 text: save it as UTF-8');
  const text = bytes.toString('utf8');
  if (!text.includes('\ufffd')) return { ok: true, value: text };
  // The first replacement character that is not a U+FFFD written in the file (EF BF BD) marks the bad byte.
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code === 0xfffd && !(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)) {
      const before = text.slice(0, i);
      const line = before.split('\n').length;
      // Columns of line 1 count from after a byte order mark, as parseYaml counts them.
      const col = i - before.lastIndexOf('\n') - (line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0);
      return fail(line, col, `is not UTF-8 text (byte 0x${bytes[at]!.toString(16).padStart(2, '0')}): save it as UTF-8`);
    }
    at += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) i++;
  }
  return { ok: true, value: text };
}
