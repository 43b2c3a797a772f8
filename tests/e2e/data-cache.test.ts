// The cache of validated user data (src/data/model-cache.ts) through the built CLI: a second
// run on unchanged files reads the cached model; a changed file is validated again; a corrupt
// entry is ignored and rebuilt; invalid data and unreadable paths are never cached; the cache
// stays bounded; SCSR_NO_CACHE turns it off. Each test has its own cache directory.
import { checksum } from '../../src/data/content-hash.js';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, scsr } from '../helpers/cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'scsr-data-cache-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

let n = 0;
/** A fresh working directory holding gadgets.yaml, and a fresh cache directory. */
function setup(): { dir: string; cache: string; run: (args: string[], env?: Record<string, string>) => ReturnType<typeof scsr>; entries: () => string[] } {
  const dir = join(TMP, `case-${++n}`);
  const cache = join(dir, 'cache');
  mkdirSync(dir);
  copyFileSync(fixture('good', 'gadgets', 'gadgets.yaml'), join(dir, 'gadgets.yaml'));
  return {
    dir,
    cache,
    run: (args, env = {}) => scsr(args, { cwd: dir, env: { XDG_CACHE_HOME: cache, ...env } }),
    entries: () => {
      try {
        return readdirSync(join(cache, 'scsr')).filter((f) => f.startsWith('data-')).sort();
      } catch {
        return [];
      }
    },
  };
}

/** Rewrite a cache entry's model with `edit`, its length and checksum redone: what a later run prints shows whether it read the entry. */
function editEntry(file: string, edit: (model: any) => void): void {
  const text = readFileSync(file, 'utf8');
  const nl = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, nl));
  const model = JSON.parse(text.slice(nl + 1));
  edit(model);
  const body = Buffer.from(JSON.stringify(model));
  header.length = body.length;
  header.checksum = checksum(body);
  writeFileSync(file, `${JSON.stringify(header)}\n${body.toString()}`);
}

const SCORE = ['score', 'gadgets', '--data', 'gadgets.yaml', '--json'];

describe('the cache of validated user data', () => {
  it('a second run on unchanged files reads the cached model, and prints what the first printed', () => {
    const t = setup();
    const first = t.run(SCORE);
    expect(first.code).toBe(0);
    expect(t.entries()).toHaveLength(1);
    const second = t.run(SCORE);
    expect(second).toEqual(first);
    // Proof that the second run read the entry: a name changed in the entry (digest redone) shows.
    editEntry(join(t.cache, 'scsr', t.entries()[0]!), (m) => {
      m.sectors.find((s: { id: string }) => s.id === 'gadgets').name = 'Gadgets from the cache';
    });
    expect(JSON.parse(t.run(SCORE).stdout).scores[0].name).toBe('Gadgets from the cache');
  });

  it('a changed file is validated again (a new entry), and an invalid change is reported, not served from the cache', () => {
    const t = setup();
    expect(t.run(SCORE).code).toBe(0);
    const file = join(t.dir, 'gadgets.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^name: .*$/m, 'name: Gadgets renamed'));
    const renamed = t.run(SCORE);
    expect(renamed.code).toBe(0);
    expect(JSON.parse(renamed.stdout).scores[0].name).toBe('Gadgets renamed');
    expect(t.entries()).toHaveLength(2);
    writeFileSync(file, text.replace(/^name: .*$/m, 'name: 42'));
    const invalid = t.run(SCORE);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toContain('gadgets.yaml:4:7: name must be a string (got 42)');
    expect(t.entries()).toHaveLength(2);
  });

  it('a corrupt entry is ignored and rebuilt', () => {
    const t = setup();
    const first = t.run(SCORE);
    const entry = join(t.cache, 'scsr', t.entries()[0]!);
    const good = readFileSync(entry, 'utf8');
    for (const corrupt of ['', 'not json at all', good.slice(0, good.length / 2), good.replace('"gadgets"', '"gadgetz"'), `{"format":1}\n{}`]) {
      writeFileSync(entry, corrupt);
      expect(t.run(SCORE)).toEqual(first);
      // Rebuilt: the entry is whole again.
      expect(readFileSync(entry, 'utf8')).toBe(good);
    }
  });

  it('unreadable paths and invalid data add no entry; SCSR_NO_CACHE=1 writes none', () => {
    const t = setup();
    expect(t.run(['score', 'gadgets', '--data', 'gadgetz.yaml']).code).toBe(4);
    writeFileSync(join(t.dir, 'bad.yaml'), 'id: bad\nname: 7\n');
    expect(t.run(['score', 'gadgets', '--data', 'bad.yaml']).code).toBe(3);
    expect(t.run(SCORE, { SCSR_NO_CACHE: '1' }).code).toBe(0);
    expect(t.entries()).toEqual([]);
  });

  it('stays bounded: 12 different contents leave the 8 used last', () => {
    const t = setup();
    const file = join(t.dir, 'gadgets.yaml');
    const text = readFileSync(file, 'utf8');
    for (let i = 0; i < 12; i++) {
      writeFileSync(file, `${text}\n# version ${i}\n`);
      expect(t.run(SCORE).code).toBe(0);
    }
    expect(t.entries()).toHaveLength(8);
  });
});
