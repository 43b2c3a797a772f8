// The cache directory (src/data/cache-dir.ts) and the compile cache's command names
// (src/cli/command-names.ts): a directory that cannot be made is given up at once, pruning
// keeps the newest files, and the names the compile cache keys by are the program's commands.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDir, prune } from '../../src/data/cache-dir.js';
import { COMMAND_NAMES } from '../../src/cli/command-names.js';
import { buildProgram } from '../../src/cli/main.js';

const TMP = mkdtempSync(join(tmpdir(), 'scsr-cache-unit-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('ensureDir', () => {
  it('makes missing parents one level at a time', () => {
    const dir = join(TMP, 'a', 'b', 'c');
    expect(ensureDir(dir)).toBe(true);
    expect(existsSync(dir)).toBe(true);
    expect(ensureDir(dir)).toBe(true);
  });

  it.skipIf(!existsSync('/proc/self'))('gives up under /proc (where Node 20\'s recursive mkdir loops for ever)', () => {
    expect(ensureDir('/proc/.cache/scsr')).toBe(false);
  });

  it('gives up when a parent is a file', () => {
    const file = join(TMP, 'plain');
    writeFileSync(file, 'x');
    expect(ensureDir(join(file, 'scsr'))).toBe(false);
  });
});

describe('prune', () => {
  it('keeps the newest `keep` matching files and removes the stale ones', () => {
    const dir = join(TMP, 'prune');
    mkdirSync(dir);
    for (let i = 0; i < 5; i++) {
      const f = join(dir, `data-${i}.json`);
      writeFileSync(f, '');
      utimesSync(f, 1000 + i, 1000 + i);
    }
    writeFileSync(join(dir, 'other.txt'), '');
    prune(dir, /^data-\d\.json$/, 3, (name) => name === 'data-4.json');
    // data-4 is stale; of the rest the newest three are 3, 2, 1.
    expect(readdirSync(dir).sort()).toEqual(['data-1.json', 'data-2.json', 'data-3.json', 'other.txt']);
  });
});

describe('the compile cache\'s command names', () => {
  it('are the commands the program registers (and commander\'s `help`)', () => {
    const program = buildProgram();
    expect([...COMMAND_NAMES].sort()).toEqual([...program.commands.map((c) => c.name()), 'help'].sort());
  });
});
