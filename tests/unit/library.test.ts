// The library API (src/index.ts): importing it does nothing, and its functions give what the
// CLI prints. The side-effect checks run the built dist/index.js in a fresh Node, as a user's
// program would load it; the API checks run in-process from source.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture, scsrJson } from '../helpers/cli.js';
import * as scsr from '../../src/index.js';

const DIST_INDEX = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Run a module body in a fresh Node; returns its stdout, stderr and exit code. */
function node(body: string): { stdout: string; stderr: string; code: number | null } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', body], { encoding: 'utf8', timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

describe('importing the library', () => {
  it('adds no listeners or globals, sets no exit code and prints nothing', () => {
    const r = node(`
      const events = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection', 'warning'];
      const state = () => JSON.stringify({ listeners: events.map((e) => process.listenerCount(e)), globals: Object.keys(globalThis).sort(), exitCode: process.exitCode ?? null });
      const before = state();
      const out = [];
      const writes = [process.stdout.write, process.stderr.write];
      process.stdout.write = process.stderr.write = (chunk) => out.push(String(chunk)) > 0;
      await import(${JSON.stringify(DIST_INDEX)});
      const after = state();
      [process.stdout.write, process.stderr.write] = writes;
      console.log(JSON.stringify({ same: before === after, before, after, printed: out.join('') }));
    `);
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as { same: boolean; printed: string };
    expect(result.printed).toBe('');
    expect(result.same).toBe(true);
  });

  it('loads no other file until a function is called: dist/index.js imports nothing statically', () => {
    const code = readFileSync(DIST_INDEX, 'utf8');
    // Built-ins come through process.getBuiltinModule; yaml and zod only through import('./load.cjs').
    expect(code).not.toMatch(/\bimport\s*[{*\w][^(]*?from\s*["']/);
    expect(code.match(/import\(["'][^"']+["']\)/g)?.sort()).toEqual(['import("./compile.cjs")', 'import("./load.cjs")']);
  });
});

describe('the library API', () => {
  it('loadModel() gives the built-in sectors, as `scsr list` lists them', async () => {
    const r = await scsr.loadModel();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const listed = scsrJson<{ sectors: Array<{ id: string }> }>(['list']).sectors.map((s) => s.id);
    expect(r.value.sectors.map((s) => s.id)).toEqual(listed);
  });

  it('scoreSector gives the numbers `scsr score --json` prints', async () => {
    const r = await scsr.loadModel();
    if (!r.ok) throw new Error('built-in data failed to load');
    const sector = scsr.resolveSector(r.value, 'semiconductors');
    const fromLibrary = scsr.scoreSector(r.value, sector, { viewpoint: scsr.resolveCountry(r.value.countries, 'Korea') });
    const fromCli = scsrJson<{ scores: unknown[] }>(['score', 'semiconductors', '--country', 'kr']).scores[0];
    expect(fromLibrary).toEqual(fromCli);
  });

  it('compareCountries, exposureOf, listChokepoints and explainStage answer as their commands do', async () => {
    const r = await scsr.loadModel();
    if (!r.ok) throw new Error('built-in data failed to load');
    const m = r.value;
    expect(scsr.compareCountries(m, m.sectors, 'us', 'kr')).toEqual(scsrJson<{ comparisons: unknown }>(['compare', 'us', 'kr']).comparisons);
    expect(scsr.exposureOf(m, m.sectors, 'kr')).toEqual(scsrJson<{ sectors: unknown }>(['exposure', 'kr']).sectors);
    expect(scsr.listChokepoints(m, m.sectors)).toEqual(stripEnvelope(scsrJson(['chokepoints'])));
    const sector = scsr.resolveSector(m, 'batteries');
    expect(scsr.explainStage(m, sector, scsr.resolveStage(sector, '1'))).toEqual(stripEnvelope(scsrJson(['explain', 'batteries', '1'])));
  });

  it('loadModel({ paths }) merges user files over the built-in data', async () => {
    const r = await scsr.loadModel({ paths: [fixture('good', 'mini')] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sectors.map((s) => s.id)).toEqual(['batteries', 'semiconductors', 'widgets']);
    expect(r.value.countries.countries.some((c) => c.code === 'aa')).toBe(true);
  });

  it('loadModel({ paths }) returns invalid data as located errors, and does not exit', async () => {
    const r = await scsr.loadModel({ paths: [fixture('bad', 'countries-unknown-member.yaml')] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.errors.map(scsr.formatDataError);
    expect(lines[0]).toMatch(/countries-unknown-member\.yaml:\d+:\d+: groups\[0\]\.members\[1\] unknown country code "kx"/);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('resolveSector throws a ResolveError with suggestions for an unknown sector', async () => {
    const r = await scsr.loadModel();
    if (!r.ok) throw new Error('built-in data failed to load');
    expect(() => scsr.resolveSector(r.value, 'semiconductorz')).toThrow(scsr.ResolveError);
    expect(() => scsr.resolveSector(r.value, 'semiconductorz')).toThrow(/did you mean "semiconductors"/);
  });
});

/** A command's JSON without `schemaVersion` and `command`: the result object itself. */
function stripEnvelope(doc: Record<string, unknown>): Record<string, unknown> {
  const { schemaVersion: _v, command: _c, ...rest } = doc;
  return rest;
}
