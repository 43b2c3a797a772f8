// Every exit code the README documents, produced by the built CLI as a user would meet it:
// 0 success, 1 unexpected, 2 usage, 3 invalid data, 4 I/O, 130 interrupted. Failures print one
// `scsr: ...` line (plus the located data errors), never a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, fixture, scsr } from '../helpers/cli.js';

const STACK_LINE = /^\s+at /m;
const TMP = mkdtempSync(join(tmpdir(), 'scsr-exit-'));

afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('exit codes', () => {
  it('0: success, nothing on stderr', () => {
    const r = scsr(['list']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toBe('');
  });

  it.each([
    [['frobnicate'], "scsr: unknown command 'frobnicate'"],
    [['score', 'semiconductors', '--method', 'bogus'], "scsr: option '-m, --method <method>' argument 'bogus' is invalid. Allowed choices are blended, eu-crm, rating."],
    [['score', 'nosuch'], 'scsr: unknown sector "nosuch" (see `scsr list`)'],
  ])('2: usage error: scsr %j', (args, line) => {
    const r = scsr(args);
    expect(r).toEqual({ stdout: '', stderr: `${line}\n`, code: 2 });
  });

  it('3: invalid data, with the located error', () => {
    const r = scsr(['score', 'widgets', '--data', 'share-nan.yaml'], { cwd: fixture('hostile-input') });
    expect(r).toEqual({
      stdout: '',
      stderr:
        'scsr: 1 error in user data (run `scsr validate share-nan.yaml` for a per-file report)\n' +
        'share-nan.yaml:16:34: stages[0].shares[0].values[1].share must be a finite number (got .nan)\n',
      code: 3,
    });
  });

  it('4: a data file that cannot be read', () => {
    const r = scsr(['score', 'semiconductors', '--data', join(TMP, 'missing.yaml')]);
    expect(r).toEqual({
      stdout: '',
      stderr: `scsr: 1 error in user data (run \`scsr validate ${join(TMP, 'missing.yaml')}\` for a per-file report)\n${join(TMP, 'missing.yaml')}: no such file or directory\n`,
      code: 4,
    });
  });

  it.skipIf(!existsSync('/dev/full'))('4: output that cannot be written (a full disk: > /dev/full)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'score', '--all'], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.stderr).toBe('scsr: cannot write the output: no space left on device\n');
      expect(r.status).toBe(4);
    } finally {
      closeSync(full);
    }
  });

  describe('1: unexpected error (a broken install: dist/builtin.json cut short)', () => {
    const pkg = join(TMP, 'broken-install');
    const brokenBin = join(pkg, 'bin', 'scsr.js');
    beforeAll(() => {
      // The files a user's install holds (package.json "files"), minus the data scsr never reads at run time.
      for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
      writeFileSync(join(pkg, 'dist', 'builtin.json'), '{"countries": {"sources": [');
    });
    const run = (env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [brokenBin, 'list'], { cwd: TMP, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });

    it('one line on stderr, no stack, exit 1', () => {
      const r = run();
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^scsr: unexpected error: [^\n]*JSON[^\n]* \(please report it; SCSR_DEBUG=1 shows details\)\n$/);
      expect(r.status).toBe(1);
    });

    it('SCSR_DEBUG=1 adds the stack', () => {
      const r = run({ SCSR_DEBUG: '1' });
      expect(r.stderr).toMatch(/^scsr: unexpected error: /);
      expect(r.stderr).toMatch(STACK_LINE);
      expect(r.status).toBe(1);
    });
  });

  // The shell reports 130 (128 + SIGINT) because scsr dies of the signal at once, even in the
  // middle of a long computation: a JS handler would have to wait for the computation to end.
  it.skipIf(process.platform === 'win32')('130: Ctrl-C in the middle of a long computation ends it at once', async () => {
    const longRun = `"${process.execPath}" "${BIN}" shock semiconductors --cut tw --uncertainty --samples 1000000`;
    const script = `${longRun} >/dev/null & pid=$!; sleep 1; kill -INT $pid; wait $pid; echo "exit=$?"`;
    const started = Date.now();
    const r = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      const child = spawn('sh', ['-c', script], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', () => resolve({ stdout, stderr }));
    });
    expect(r).toEqual({ stdout: 'exit=130\n', stderr: '' });
    // Uninterrupted, a million samples take tens of seconds.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('a closed pipe (scsr score --all --json | head -c 100)', () => {
  /** Spawn scsr, read `bytes` bytes of its stdout (none: close the pipe at once), then close it. */
  function readThenClose(bytes: number): Promise<{ got: number; stderr: string; code: number | null }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, 'score', '--all', '--json'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
      let got = 0;
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      if (bytes === 0) child.stdout.destroy();
      else
        child.stdout.on('data', (d: Buffer) => {
          got += d.length;
          if (got >= bytes) child.stdout.destroy();
        });
      child.on('close', (code) => resolve({ got, stderr, code }));
    });
  }

  it('the reader leaving after 100 bytes ends scsr quietly with 0', async () => {
    const r = await readThenClose(100);
    expect(r.got).toBeGreaterThanOrEqual(100);
    expect(r).toMatchObject({ stderr: '', code: 0 });
  });

  it('a reader gone before the first byte ends scsr quietly with 0', async () => {
    expect(await readThenClose(0)).toMatchObject({ stderr: '', code: 0 });
  });
});
