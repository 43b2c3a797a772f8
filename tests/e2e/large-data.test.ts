// Large user data (from 4 MiB, LARGE_DATA_BYTES) is parsed on two threads (src/data/parse-thread.ts).
// Through the built CLI: the output is the same, byte for byte, as on one thread (SCSR_THREADS=1),
// and so is every error, file by file, whichever thread parsed the file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGE_DATA_BYTES } from '../../src/data/gc.js';
import { splitFiles } from '../../src/data/parse-thread.js';
import { BIN, ROOT, scsr } from '../helpers/cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'scsr-large-'));
const GOOD = join(TMP, 'good');
const BAD = join(TMP, 'bad');
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const gen = (dir: string): void => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-big.mjs'), dir, '--sectors', '70'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};
const yamlFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

/** Six kinds of error, in files 3-8 and 40-45: YAML syntax, schema, duplicate key, reference, encoding, unknown key. */
const BREAKS: Array<(s: Buffer) => Buffer> = [
  (s) => Buffer.from(s.toString().replace('title: "Synthetic', 'title: "Synthetic\n    [unclosed')),
  (s) => Buffer.from(s.toString().replace('share: 0 }', 'share: -5 }')),
  (s) => Buffer.from(s.toString().replace('metric: production', 'metric: production\n        metric: sales')),
  (s) => Buffer.from(s.toString().replace(/country: a[a-z]/, 'country: zz')),
  (s) => Buffer.concat([s, Buffer.from([0xff])]),
  (s) => Buffer.from(s.toString().replace('\nname:', '\nnmae:')),
];
const BROKEN = [3, 4, 5, 6, 7, 8, 40, 41, 42, 43, 44, 45].map((n) => `sector-${String(n).padStart(3, '0')}.yaml`);

beforeAll(() => {
  gen(GOOD);
  gen(BAD);
  BROKEN.forEach((f, k) => {
    const file = join(BAD, f);
    const before = readFileSync(file);
    const after = BREAKS[k % BREAKS.length]!(before);
    expect(after.equals(before), f).toBe(false);
    writeFileSync(file, after);
  });
});

/** Run with stdout to a file (the JSON of 70 sectors is larger than a pipe buffer is wise to hold); its hash, stderr, exit code. */
function run(args: string[], env: Record<string, string>): { hash: string; bytes: number; stderr: string; code: number | null } {
  const out = join(TMP, 'out.json');
  const fd = openSync(out, 'w');
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', SCSR_NO_CACHE: '1', ...env }, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 120_000 });
  closeSync(fd);
  const body = readFileSync(out);
  return { hash: createHash('sha256').update(body).digest('hex'), bytes: body.length, stderr: r.stderr, code: r.status };
}

const THREADED = /^scsr: debug: (\d+) of (\d+) files parsed on a second thread$/m;

describe.skipIf(availableParallelism() < 2)('large user data on two threads', () => {
  it('the generated data are large enough to be parsed on two threads', () => {
    const bytes = yamlFiles(GOOD).reduce((n, f) => n + readFileSync(join(GOOD, f)).length, 0);
    expect(bytes).toBeGreaterThanOrEqual(LARGE_DATA_BYTES);
  });

  it('score --all prints byte for byte what one thread prints', () => {
    const args = ['score', '--all', '--data', GOOD, '--json', '--country', 'us'];
    const two = run(args, { SCSR_DEBUG: '1' });
    const one = run(args, { SCSR_THREADS: '1', SCSR_DEBUG: '1' });
    expect(two.code).toBe(0);
    expect(one.code).toBe(0);
    const m = THREADED.exec(two.stderr);
    expect(m, two.stderr).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(Number(m![1])).toBeLessThan(Number(m![2]));
    expect(one.stderr).not.toMatch(THREADED);
    expect(two.bytes).toBeGreaterThan(1_000_000);
    expect(two.hash).toBe(one.hash);
  }, 180_000);

  it('the library parses on two threads too, from an ES module entry (--input-type=module), into the same model', () => {
    const script = `import { loadModel } from ${JSON.stringify(join(ROOT, 'dist', 'index.js'))};
      const r = await loadModel({ paths: [${JSON.stringify(GOOD)}] });
      const { createHash } = await import('node:crypto');
      console.log(r.ok, r.value.sectors.length, createHash('sha256').update(JSON.stringify(r.value)).digest('hex'));`;
    const lib = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
    const two = lib({ SCSR_DEBUG: '1' });
    const one = lib({ SCSR_THREADS: '1' });
    expect(two.status, two.stderr).toBe(0);
    const m = THREADED.exec(two.stderr);
    expect(Number(m?.[1])).toBeGreaterThan(0);
    expect(two.stdout).toMatch(/^true 72 [0-9a-f]{64}\n$/);
    expect(two.stdout).toBe(one.stdout);
  }, 180_000);

  it('errors are the same, file by file, whichever thread parsed the file', () => {
    // Both threads get some of the broken files: their errors cross from the worker and are placed here.
    const files = yamlFiles(BAD).map((f) => ({ file: f, bytes: readFileSync(join(BAD, f)) }));
    const { mine, theirs } = splitFiles(files);
    const broken = new Set(BROKEN);
    expect(mine.some((i) => broken.has(files[i]!.file))).toBe(true);
    expect(theirs.some((i) => broken.has(files[i]!.file))).toBe(true);

    const two = scsr(['validate', BAD, '--json'], { env: { SCSR_DEBUG: '1', SCSR_NO_CACHE: '1' } });
    const one = scsr(['validate', BAD, '--json'], { env: { SCSR_THREADS: '1', SCSR_NO_CACHE: '1' } });
    expect(two.code).toBe(3);
    expect(two.stderr).toMatch(THREADED);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(two.stdout) as { files: Array<{ file: string; valid: boolean; errors: Array<{ text: string }> }> };
    const invalid = report.files.filter((f) => !f.valid).map((f) => f.file.split('/').at(-1));
    expect(invalid).toEqual(BROKEN);
    // Each error placed at a line and column of its own file (the locator rebuilt on this thread).
    for (const f of report.files.filter((x) => !x.valid)) for (const e of f.errors) expect(e.text).toMatch(new RegExp(`${f.file.split('/').at(-1)}:\\d+:\\d+: `));

    // And the other commands refuse the same data with the same lines.
    const scoreTwo = scsr(['score', '--all', '--data', BAD], { env: { SCSR_NO_CACHE: '1' } });
    const scoreOne = scsr(['score', '--all', '--data', BAD], { env: { SCSR_THREADS: '1', SCSR_NO_CACHE: '1' } });
    expect(scoreTwo.code).toBe(3);
    expect(scoreTwo.stderr).toBe(scoreOne.stderr);
  }, 180_000);
});
