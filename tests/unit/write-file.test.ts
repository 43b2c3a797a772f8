// writeFileSafely (src/cli/write-file.ts), the one way scsr writes a file: regular files and new
// paths only, symlinks followed to a regular file, modes kept, nothing left behind. Every case
// runs in a temporary directory; no real device is ever a target (a device node of our own is
// made in the temporary directory when running as root, else a symlink points at /dev/null and
// only the refusal is exercised).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../../src/cli/exit.js';
import { writeFileSafely } from '../../src/cli/write-file.js';

let tmp: string;
let n = 0;
const fresh = (): string => {
  const d = join(tmp, `case-${++n}`);
  mkdirSync(d);
  return d;
};
const ROOT_USER = process.getuid?.() === 0;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'scsr-write-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The CliError a refused write throws: exit 4 and one line naming the path. */
async function refusal(path: string, data: Parameters<typeof writeFileSafely>[1] = 'page'): Promise<string> {
  const e = await writeFileSafely(path, data).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CliError);
  expect((e as CliError).code).toBe(EXIT.io);
  const message = (e as CliError).message;
  expect(message.startsWith(`cannot write ${path}: `)).toBe(true);
  expect(message).not.toContain('\n');
  return message;
}

const mode = (p: string) => statSync(p).mode & 0o777;
const noTemp = (dir: string) => expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

describe('writeFileSafely: regular files and new paths', () => {
  it('creates a new file with 0644 less the umask (022 → 0644, 077 → 0600)', async () => {
    const dir = fresh();
    const old = process.umask(0o022);
    try {
      const r = await writeFileSafely(join(dir, 'a.html'), 'hello');
      expect(r).toEqual({ path: join(dir, 'a.html'), bytes: 5 });
      expect(mode(join(dir, 'a.html'))).toBe(0o644);
      process.umask(0o077);
      await writeFileSafely(join(dir, 'b.html'), 'hello');
      expect(mode(join(dir, 'b.html'))).toBe(0o600);
    } finally {
      process.umask(old);
    }
    expect(readFileSync(join(dir, 'a.html'), 'utf8')).toBe('hello');
    noTemp(dir);
  });

  it('replaces an existing file whole (a new inode, renamed over it) and keeps its mode: 0600 stays 0600', async () => {
    const dir = fresh();
    const file = join(dir, 'private.html');
    writeFileSync(file, 'old secret report');
    chmodSync(file, 0o600);
    const before = statSync(file).ino;
    await writeFileSafely(file, 'new secret report');
    expect(readFileSync(file, 'utf8')).toBe('new secret report');
    expect(mode(file)).toBe(0o600);
    expect(statSync(file).ino).not.toBe(before);
    // A 0640 file stays 0640 too, whatever the umask says.
    chmodSync(file, 0o640);
    await writeFileSafely(file, 'again');
    expect(mode(file)).toBe(0o640);
    noTemp(dir);
  });

  it('writes an iterable and an async iterable chunk by chunk, bytes counted in UTF-8', async () => {
    const dir = fresh();
    const chunks = ['a', 'é', '€'.repeat(40_000)];
    const r = await writeFileSafely(join(dir, 'sync.txt'), chunks);
    // 1 + 2 + 3 × 40,000 bytes.
    expect(r.bytes).toBe(1 + 2 + 120_000);
    expect(readFileSync(join(dir, 'sync.txt'), 'utf8')).toBe(chunks.join(''));
    async function* gen() {
      yield 'x';
      yield 'y';
    }
    await writeFileSafely(join(dir, 'async.txt'), gen());
    expect(readFileSync(join(dir, 'async.txt'), 'utf8')).toBe('xy');
  });
});

describe('finding 4: writeFileSafely: refuses what is not a regular file', () => {
  it('a FIFO: refused, still a FIFO, nothing written beside it', async () => {
    const dir = fresh();
    const fifo = join(dir, 'pipe.html');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(fifo)).toMatch(/is a named pipe \(FIFO\); scsr writes only to a regular file or a new path$/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe.html']);
  });

  it('a character device (our own device node when root, else a symlink to /dev/null): refused, left alone', async () => {
    const dir = fresh();
    const dev = join(dir, 'null');
    if (ROOT_USER) {
      // A device node in the temporary directory: even a broken writer could only replace this one.
      execFileSync('mknod', ['-m', '666', dev, 'c', '1', '3']);
      expect(await refusal(dev)).toMatch(/is a character device; /);
      expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    }
    const link = join(dir, 'devnull-link');
    symlinkSync('/dev/null', link);
    expect(await refusal(link)).toMatch(/is a symlink to a character device; /);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    noTemp(dir);
  });

  it('a socket: refused', async () => {
    const dir = fresh();
    const sock = join(dir, 'sock');
    const server = createServer();
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      expect(await refusal(sock)).toMatch(/is a socket; /);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('a directory, "missing/" (a trailing slash names a directory) and "file/": refused, nothing created', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'file'), 'x');
    expect(await refusal(join(dir, 'sub'))).toMatch(/is a directory; /);
    expect(await refusal(`${join(dir, 'sub')}/`)).toMatch(/is a directory; /);
    expect(await refusal(`${join(dir, 'newdir')}/`)).toMatch(/no such directory \(a name ending in \/ is a directory, not a file\)$/);
    expect(await refusal(`${join(dir, 'file')}/`)).toMatch(/not a directory$/);
    expect(await refusal(join(dir, 'missing', 'report.html'))).toMatch(/no such directory$/);
    expect(readdirSync(dir).sort()).toEqual(['file', 'sub']);
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
  });

  it('a symlink to nothing: refused, and the file it points at is not created', async () => {
    const dir = fresh();
    symlinkSync(join(dir, 'planted-target'), join(dir, 'link.html'));
    expect(await refusal(join(dir, 'link.html'))).toMatch(/is a symlink to a file that does not exist; /);
    expect(existsSync(join(dir, 'planted-target'))).toBe(false);
  });

  it.skipIf(ROOT_USER)('an existing file scsr may not write (0444): refused as `>` would refuse it', async () => {
    const dir = fresh();
    const file = join(dir, 'read-only.html');
    writeFileSync(file, 'keep');
    chmodSync(file, 0o444);
    expect(await refusal(file)).toMatch(/permission denied$/);
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });
});

describe('finding 4: writeFileSafely: symlinks are followed to a regular file', () => {
  it('replaces the file the link points to, keeps the link and the target’s mode', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'report.html');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const link = join(dir, 'latest.html');
    symlinkSync(join('real', 'report.html'), link);
    const r = await writeFileSafely(link, 'new');
    expect(r.path).toBe(target);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('real', 'report.html'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(mode(target)).toBe(0o600);
    noTemp(dir);
    noTemp(join(dir, 'real'));
  });
});

describe('finding 4: writeFileSafely: whole or not at all', () => {
  it('an error while the data are produced leaves the old file and no temporary file', async () => {
    const dir = fresh();
    const file = join(dir, 'report.html');
    writeFileSync(file, 'the old report');
    function* failing() {
      yield 'x'.repeat(200_000);
      throw new Error('disk gremlin');
    }
    expect(await refusal(file, failing())).toMatch(/disk gremlin$/);
    expect(readFileSync(file, 'utf8')).toBe('the old report');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('a target replaced by another process during the write is not overwritten', async () => {
    const dir = fresh();
    const file = join(dir, 'report.html');
    writeFileSync(file, 'first');
    async function* swapping() {
      yield 'a';
      rmSync(file);
      writeFileSync(file, 'someone else’s file');
      yield 'b';
    }
    expect(await refusal(file, swapping())).toMatch(/replaced by another process/);
    expect(readFileSync(file, 'utf8')).toBe('someone else’s file');
    noTemp(dir);
  });

  it('Ctrl-C (SIGINT) in the middle of a write: the process dies of the signal and leaves no temporary file', async () => {
    const dir = fresh();
    const file = join(dir, 'report.html');
    writeFileSync(file, 'the old report');
    const script = join(dir, '..', `sigint-${n}.mts`);
    const module = fileURLToPath(new URL('../../src/cli/write-file.ts', import.meta.url));
    // Chunks of 64 KiB, without end: the write is still going when the signal comes.
    writeFileSync(
      script,
      `import { writeFileSafely } from ${JSON.stringify(module)};
function* endless() { for (let i = 0; ; i++) { if (i === 20) process.stdout.write('writing\\n'); yield 'x'.repeat(65536); } }
await writeFileSafely(${JSON.stringify(file)}, endless());`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('writing')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
    });
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(true);
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(readdirSync(dir)).toEqual(['report.html']);
    expect(readFileSync(file, 'utf8')).toBe('the old report');
  }, 30_000);
});
