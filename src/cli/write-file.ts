// The one way scsr writes a file (`report --out`, and every later command that writes one).
//
// Rules, each tested in tests/unit/write-file.test.ts and tests/e2e/report.test.ts:
// - Only a regular file or a new path is written. A directory, character or block device, FIFO
//   or socket is refused with one line and exit 4: replacing /dev/null with a regular file, or a
//   FIFO someone reads from, is never what was meant. `dir/` (a trailing slash) names a
//   directory, so `--out missing-dir/` is an error, not a file called "missing-dir".
// - A symlink is followed to the regular file it points to, which is replaced (the link stays a
//   link), as a shell's `>` or an editor would. A symlink to nothing is refused: creating the
//   file a planted link points at is how links in shared directories are abused.
// - The page is written to a temporary file in the target's own directory and renamed over the
//   target: a reader sees the old file or the new one, never half of one. The temporary file
//   goes on error and on SIGINT, SIGTERM, SIGHUP or process.exit (not on SIGKILL, which nothing
//   can catch).
// - Permissions never widen: a new file gets 0644 less the umask; an existing file keeps its
//   mode (a 0600 file stays 0600) and, when scsr runs as root, its owner. An existing file
//   scsr may not write is refused, as `>` would refuse it, although the rename could replace it.
// - Between the check and the rename another process could swap the target; the rename checks
//   that the target is still the file that was checked and fails otherwise (a small window
//   remains; the target's directory is the user's to guard).
// Left as is: extended attributes and ACLs of a replaced file, and its other hard links (they
// keep the old content).
import { constants, lstatSync, openSync, closeSync, renameSync, rmSync, statSync, realpathSync, accessSync, fchmodSync, fchownSync, fsyncSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CliError, EXIT } from './exit.js';

export interface Written {
  /** The file written: the target itself, or the regular file a symlink points to. */
  path: string;
  bytes: number;
}

/** Chunks are gathered up to this many bytes per write() call. */
const BATCH = 64 * 1024;

/**
 * Write `data` to `path` whole or not at all, by the rules above. Chunks of an iterable are
 * written as they come (nothing holds the whole text), and the event loop runs between batches
 * so Ctrl-C is seen. Throws CliError(EXIT.io) with "cannot write PATH: reason".
 */
export async function writeFileSafely(path: string, data: string | Iterable<string> | AsyncIterable<string>): Promise<Written> {
  const fail = (reason: string): CliError => new CliError(`cannot write ${path}: ${reason}`, EXIT.io);
  const target = checkTarget(path, fail);
  const dir = dirname(target.path);
  const temp = join(dir, `.${basename(target.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  const cleanup = () => {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      fd = null;
    }
    rmSync(temp, { force: true });
  };
  const stopOnSignal = (signal: NodeJS.Signals) => {
    cleanup();
    release();
    // Die of the signal as before (the shell reports 128 + its number): no handler is left.
    process.kill(process.pid, signal);
  };
  const onExit = () => cleanup();
  const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const release = () => {
    for (const s of SIGNALS) process.removeListener(s, stopOnSignal);
    process.removeListener('exit', onExit);
  };
  for (const s of SIGNALS) process.on(s, stopOnSignal);
  process.on('exit', onExit);
  let bytes = 0;
  try {
    // A new file: 0644 less the umask (the kernel applies it), as a shell's `>` creates one.
    // Replacing one: 0600 while it is written, then the old file's mode just before the rename.
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, target.existing ? 0o600 : 0o644);
    let pending: string[] = [];
    let pendingBytes = 0;
    const flush = () => {
      if (pendingBytes === 0) return;
      const buf = Buffer.from(pending.join(''), 'utf8');
      let off = 0;
      while (off < buf.length) off += writeSync(fd!, buf, off, buf.length - off);
      bytes += buf.length;
      pending = [];
      pendingBytes = 0;
    };
    const add = async (chunk: string) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= BATCH) {
        flush();
        // Let a pending signal handler run between batches.
        await new Promise<void>((r) => setImmediate(r));
      }
    };
    if (typeof data === 'string') for (let i = 0; i < data.length; i += BATCH) await add(data.slice(i, i + BATCH));
    else if (Symbol.asyncIterator in data) for await (const chunk of data) await add(chunk);
    else for (const chunk of data) await add(chunk);
    flush();
    if (target.existing) {
      fchmodSync(fd, target.existing.mode & 0o777);
      if (process.getuid?.() === 0 && (target.existing.uid !== 0 || target.existing.gid !== 0)) fchownSync(fd, target.existing.uid, target.existing.gid);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    recheck(target, fail);
    renameSync(temp, target.path);
  } catch (e) {
    cleanup();
    if (e instanceof CliError) throw e;
    throw fail(fsReason(e));
  } finally {
    release();
  }
  return { path: target.path, bytes };
}

interface Target {
  /** Where the file goes: the path itself, or the regular file its symlink points to. */
  path: string;
  existing: Stats | null;
  /** Device, inode and change time of the existing file: an inode number alone can be reused. */
  identity: string | null;
}

function identity(path: string): string | null {
  try {
    const st = lstatSync(path, { bigint: true });
    return st.isFile() ? `${st.dev}:${st.ino}:${st.ctimeNs}` : 'not a regular file';
  } catch {
    return null;
  }
}

function checkTarget(path: string, fail: (reason: string) => CliError): Target {
  if (path === '') throw fail('empty file name');
  const full = resolve(path);
  const namesDirectory = /[\\/]$/.test(path) || /(^|[\\/])\.{1,2}$/.test(path);
  let link: Stats;
  try {
    link = lstatSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (namesDirectory) throw fail('no such directory (a name ending in / is a directory, not a file)');
      return { path: full, existing: null, identity: null };
    }
    throw fail(fsReason(e));
  }
  let st = link;
  let real = full;
  if (link.isSymbolicLink()) {
    try {
      st = statSync(full);
      real = realpathSync(full);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw fail('is a symlink to a file that does not exist; scsr follows a symlink only to an existing regular file');
      throw fail(fsReason(e));
    }
  }
  const kind = kindOf(st);
  if (kind) throw fail(`is ${link.isSymbolicLink() ? `a symlink to ${kind}` : kind}; scsr writes only to a regular file or a new path`);
  if (namesDirectory) throw fail('not a directory');
  try {
    accessSync(real, constants.W_OK);
  } catch (e) {
    throw fail(fsReason(e));
  }
  return { path: real, existing: st, identity: identity(real) };
}

/** What a file is when it is not a regular file, in words; null for a regular file. */
function kindOf(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The target must still be what was checked: the same file, or still absent. */
function recheck(target: Target, fail: (reason: string) => CliError): void {
  if (identity(target.path) !== target.identity) throw fail('the file was replaced by another process while scsr wrote it; nothing was written');
}

export function fsReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such directory';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENAMETOOLONG': return 'file name too long';
    default: return ((e as Error).message ?? String(e)).replace(/^[A-Z]+: /, '');
  }
}
