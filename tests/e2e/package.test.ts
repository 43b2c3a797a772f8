// The package as users get it: `npm pack` of the built tree, installed into an empty project
// (no network needed: scsr has no runtime dependencies, everything is bundled), then the CLI
// through npx, the library from a plain ESM program, and its type declarations from a
// TypeScript program checked with this repository's tsc.
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, scsr, scsrJson } from '../helpers/cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'scsr-package-'));
const PROJECT = join(TMP, 'consumer');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** Packed size limit: the tarball carries the CLI, the library, the data and the schemas only. */
const MAX_TARBALL_BYTES = 1024 * 1024;

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: Array<{ path: string; size: number }>;
}
let pack: PackResult;

function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): { stdout: string; stderr: string; code: number | null } {
  const env = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  const r = spawnSync(cmd, args, { cwd: PROJECT, encoding: 'utf8', env, timeout: 120_000, ...opts });
  // npm's own warnings about the machine's npm configuration are not scsr's output.
  const stderr = String(r.stderr).split('\n').filter((l) => !/^npm warn /i.test(l)).join('\n').trim();
  return { stdout: String(r.stdout), stderr, code: r.status };
}

beforeAll(() => {
  // --ignore-scripts: pack the tree as built; `prepare` would rebuild dist/ under the other tests' feet.
  const out = execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', TMP], { cwd: ROOT, encoding: 'utf8' });
  pack = (JSON.parse(out) as PackResult[])[0]!;
  mkdirSync(PROJECT);
  writeFileSync(join(PROJECT, 'package.json'), JSON.stringify({ name: 'scsr-consumer', private: true, type: 'module' }, null, 2));
  const install = run(NPM, ['install', join(TMP, pack.filename), '--offline', '--no-audit', '--no-fund', '--no-package-lock']);
  if (install.code !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
}, 180_000);
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('the tarball', () => {
  it('is small and holds what users need only', () => {
    console.log(`scsr tarball: ${pack.filename}, ${(pack.size / 1024).toFixed(0)} kB packed, ${(pack.unpackedSize / 1024).toFixed(0)} kB unpacked, ${pack.entryCount} files`);
    expect(pack.size).toBeLessThan(MAX_TARBALL_BYTES);
    const paths = pack.files.map((f) => f.path);
    for (const p of paths) expect(p).toMatch(/^(bin|dist|data|schema)\/|^docs\/[\w-]+\.md$|^(README\.md|LICENSE|package\.json)$/);
    // The documents the CLI points to ship with it (README links and --help name them).
    expect(paths).toEqual(expect.arrayContaining(['docs/json.md', 'docs/csv.md', 'docs/output.md', 'docs/methodology.md', 'docs/scenarios.md', 'docs/data.md']));
    expect(paths).toEqual(expect.arrayContaining(['bin/scsr.js', 'bin/package.json', 'dist/cli.cjs', 'dist/index.js', 'dist/index.d.ts', 'dist/builtin.json', 'LICENSE', 'README.md']));
    for (const dir of ['tests/', 'src/', 'node_modules/', 'big/', 'scripts/']) expect(paths.filter((p) => p.startsWith(dir))).toEqual([]);
  });

  it('declares no runtime dependencies: everything the CLI runs is bundled', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
  });
});

describe('installed from the tarball', () => {
  it('npx scsr --version prints the package version', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const r = run('npx', ['--no-install', 'scsr', '--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(version);
    expect(r.code).toBe(0);
  });

  it('the documents the CLI names resolve in the installed copy (relative to the working directory, or absolute)', () => {
    const help = run('npx', ['--no-install', 'scsr', '--help']);
    const shock = run('npx', ['--no-install', 'scsr', 'shock', 'batteries', '--cut', 'cn', '--wide']);
    const paths = [...`${help.stdout}\n${shock.stdout}`.matchAll(/([^\s;:()`]*docs\/[\w-]+\.md)/g)].map((m) => resolve(PROJECT, m[1]!));
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const p of paths) {
      expect(p.startsWith(join(PROJECT, 'node_modules', 'scsr', 'docs'))).toBe(true);
      expect(existsSync(p), p).toBe(true);
    }
  });

  it('npx scsr score semiconductors prints the score table from the installed copy', () => {
    const r = run('npx', ['--no-install', 'scsr', 'score', 'semiconductors']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const weakest = scsrJson<{ scores: Array<{ weakestLink: { name: string } }> }>(['score', 'semiconductors']).scores[0]!.weakestLink.name;
    expect(r.stdout).toContain(`Weakest link: ${weakest}`);
  });

  it('a plain ESM program imports the library and scores as the CLI does', () => {
    writeFileSync(
      join(PROJECT, 'consumer.mjs'),
      `import { loadModel, resolveSector, scoreSector } from 'scsr';
const model = await loadModel();
if (!model.ok) throw new Error('load failed');
const score = scoreSector(model.value, resolveSector(model.value, 'batteries'), { viewpoint: 'kr' });
console.log(JSON.stringify(score));
`,
    );
    const r = run(process.execPath, ['consumer.mjs']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(scsrJson<{ scores: unknown[] }>(['score', 'batteries', '--country', 'kr']).scores[0]);
  });

  it('a TypeScript program type-checks against the declarations, without zod, yaml or @types/node', () => {
    writeFileSync(
      join(PROJECT, 'consumer.ts'),
      `import { loadModel, resolveSector, scoreSector, formatDataError, type SectorScore, type Model, type Result } from 'scsr';

const loaded: Result<Model> = await loadModel({ paths: [] });
if (!loaded.ok) throw new Error(loaded.errors.map(formatDataError).join('\\n'));
const score: SectorScore = scoreSector(loaded.value, resolveSector(loaded.value, 'semiconductors'));
const weakest: string | undefined = score.weakestLink?.stage;
const shares: Array<number | null> = score.stages.flatMap((s) => s.suppliers.map((x) => x.sharePct)); // null: named, share unknown
// The declarations are real types, not any: a wrong argument is an error.
// @ts-expect-error a sector id is not a Sector
scoreSector(loaded.value, 'semiconductors');
export { weakest, shares };
`,
    );
    writeFileSync(
      join(PROJECT, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: [], skipLibCheck: false }, files: ['consumer.ts'] }, null, 2),
    );
    const r = run(process.execPath, [TSC, '-p', 'tsconfig.json']);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

// bin/scsr.js on a Node without module.enableCompileCache (Node 20) keeps V8's code cache of
// dist/cli.cjs itself; a cache must never change what scsr prints.
describe.skipIf('enableCompileCache' in nodeModule)('the cache of compiled code (Node 20)', () => {
  it('is written per command under XDG_CACHE_HOME, and a corrupt one is replaced without changing the output', () => {
    const env = { XDG_CACHE_HOME: join(TMP, 'cache') };
    const dir = join(TMP, 'cache', 'scsr');
    const first = scsr(['score', 'batteries', '--json'], { env });
    expect(first.code).toBe(0);
    const files = readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(/^cli-v[\d.]+-\w+-[0-9a-f]{16}-score\.v8$/)]);
    const cache = join(dir, files[0]!);
    expect(scsr(['score', 'batteries', '--json'], { env })).toEqual(first);
    writeFileSync(cache, Buffer.alloc(5000, 7));
    expect(scsr(['score', 'batteries', '--json'], { env })).toEqual(first);
    expect(statSync(cache).size).not.toBe(5000);
  });
});
