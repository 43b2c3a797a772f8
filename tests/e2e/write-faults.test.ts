// Output that cannot be written (docs: README "Exit codes"): every write error but a reader that
// left (EPIPE) is one line on stderr and exit 4, in every format and command; none exits 0
// after writing part of its output.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'scsr-write-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** Run scsr with its stdout on an already open file descriptor. */
function runTo(fd: number, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.SCSR_DATA;
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env, timeout: 60_000 });
}

describe('> /dev/full (no space left on device): exit 4, one line (the review’s finding 5)', () => {
  it.each([
    ['score --all (table)', ['score', '--all']],
    ['score --all --json', ['score', '--all', '--json']],
    ['score --all --format csv', ['score', '--all', '--format', 'csv']],
    ['score --all --format tsv', ['score', '--all', '--format', 'tsv']],
    ['score --all --format ndjson', ['score', '--all', '--format', 'ndjson']],
    ['score --all --format md', ['score', '--all', '--format', 'md']],
    ['sources --wide', ['sources', '--wide']],
    ['validate', ['validate']],
    ['schema output', ['schema', 'output']],
    ['completion bash', ['completion', 'bash']],
    ['report (to stdout)', ['report', 'batteries']],
    ['--help', ['--help']],
  ])('scsr %s', (_name, args) => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = runTo(full, args);
      expect(r.stderr).toBe('scsr: cannot write the output: no space left on device\n');
      expect(r.status).toBe(4);
    } finally {
      closeSync(full);
    }
  });
});

it('stdout open for reading only (EBADF): exit 4, one line', () => {
  const file = join(TMP, 'read-only.txt');
  writeFileSync(file, '');
  const fd = openSync(file, 'r');
  try {
    const r = runTo(fd, ['score', 'semiconductors', '--json']);
    expect(r.stderr).toBe('scsr: cannot write the output: standard output is not open for writing\n');
    expect(r.status).toBe(4);
  } finally {
    closeSync(fd);
  }
});

it('a reader that leaves early (EPIPE) is not an error: exit 0, nothing on stderr', () => {
  // pipefail: the exit status of scsr itself, its reader gone after one line.
  const head = spawnSync('bash', ['-c', `set -o pipefail; '${process.execPath}' '${BIN}' sources --format csv | head -1 >/dev/null`], { cwd: ROOT, encoding: 'utf8' });
  expect(head.stderr).toBe('');
  expect(head.status).toBe(0);
});

it('a file written whole: the output in a regular file is byte for byte what a pipe receives', () => {
  const file = join(TMP, 'out.json');
  const fd = openSync(file, 'w');
  try {
    const r = runTo(fd, ['score', '--all', '--json']);
    expect(r.status).toBe(0);
  } finally {
    closeSync(fd);
  }
  const piped = spawnSync(process.execPath, [BIN, 'score', '--all', '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
});
