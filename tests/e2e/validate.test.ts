// `scsr validate` as a user runs it: one OK line per good file, every located error of every
// bad file, and the exit code that tells a script which (0 ok, 3 invalid data, 4 unreadable).
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, ROOT, scsr } from '../helpers/cli.js';

const BAD = 'tests/fixtures/bad';

/** Built-in data files that are not sector files, by kind. */
const KIND: Record<string, string> = { 'countries.yaml': 'countries', 'trade.yaml': 'trade', 'events.yaml': 'trade', 'eu-crm.yaml': 'criticality' };

describe('scsr validate', () => {
  it('with no path checks the built-in data: one OK line per data file, exit 0, nothing on stderr', () => {
    const r = scsr(['validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(join(ROOT, 'data')).filter((f) => f.endsWith('.yaml')).sort();
    expect(r.stdout.trim().split('\n')).toEqual(
      files.map((f) => `data/${f}: OK (${KIND[f] ?? `sector ${f.replace('.yaml', '')}`})`),
    );
  });

  it('prints the located error of a bad file and exits 3', () => {
    const r = scsr(['validate', `${BAD}/share-140.yaml`]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe(`${BAD}/share-140.yaml:15:34: stages[0].shares[0].values[0].share must be between 0 and 100 (got 140)\n`);
    expect(r.stderr).toBe('scsr: 1 of 1 file invalid (1 error)\n');
  });

  it('prints all errors of a file, one line each', () => {
    const r = scsr(['validate', `${BAD}/three-errors.yaml`]);
    expect(r.code).toBe(3);
    expect(r.stdout.trim().split('\n').map((l) => l.split(': ')[0])).toEqual([
      `${BAD}/three-errors.yaml:13:17`,
      `${BAD}/three-errors.yaml:15:11`,
      `${BAD}/three-errors.yaml:16:23`,
    ]);
    expect(r.stderr).toBe('scsr: 1 of 1 file invalid (3 errors)\n');
  });

  describe('a directory with good and bad files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scsr-validate-'));
    copyFileSync(fixture('good', 'mini', 'countries.yaml'), join(dir, 'a-countries.yaml'));
    copyFileSync(fixture('good', 'mini', 'widgets.yaml'), join(dir, 'b-widgets.yaml'));
    copyFileSync(fixture('bad', 'share-140.yaml'), join(dir, 'c-share-140.yaml'));
    copyFileSync(fixture('bad', 'three-errors.yaml'), join(dir, 'd-three-errors.yaml'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reports every file: OK lines for the good, every error of the bad, in file order; exit 3', () => {
      const r = scsr(['validate', '.'], { cwd: dir });
      expect(r.code).toBe(3);
      const out = r.stdout.trim().split('\n');
      expect(out).toHaveLength(2 + 1 + 3);
      expect(out.slice(0, 2)).toEqual(['a-countries.yaml: OK (countries)', 'b-widgets.yaml: OK (sector widgets)']);
      expect(out[2]).toMatch(/^c-share-140\.yaml:15:34: /);
      expect(out.slice(3).every((l) => l.startsWith('d-three-errors.yaml:'))).toBe(true);
      expect(r.stderr).toBe('scsr: 2 of 4 files invalid (4 errors)\n');
    });

    it('--json reports the same, file by file', () => {
      const r = scsr(['validate', '.', '--json'], { cwd: dir });
      expect(r.code).toBe(3);
      const doc = JSON.parse(r.stdout);
      expect(doc.valid).toBe(false);
      expect(doc.files.map((f: { file: string; valid: boolean; errors: unknown[] }) => [f.file, f.valid, f.errors.length])).toEqual([
        ['a-countries.yaml', true, 0],
        ['b-widgets.yaml', true, 0],
        ['c-share-140.yaml', false, 1],
        ['d-three-errors.yaml', false, 3],
      ]);
    });
  });

  it('reports every bad fixture in a directory of them', () => {
    const files = readdirSync(fixture('bad')).filter((f) => f.endsWith('.yaml'));
    const r = scsr(['validate', BAD]);
    expect(r.code).toBe(3);
    for (const f of files) expect(r.stdout).toContain(`${BAD}/${f}:`);
    expect(r.stderr).toMatch(new RegExp(`^scsr: ${files.length} of ${files.length} files invalid \\(\\d+ errors\\)\\n$`));
  });

  it('a missing path exits 4 and says so', () => {
    const r = scsr(['validate', 'no-such-dir/sector.yaml']);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('no-such-dir/sector.yaml: no such file or directory\n');
    expect(r.stderr).toBe('scsr: 1 of 1 file invalid (1 error)\n');
  });

  it('a bad file among missing paths makes it exit 3: the data error is the one to fix', () => {
    expect(scsr(['validate', 'no-such.yaml', `${BAD}/share-140.yaml`]).code).toBe(3);
  });

  it('other commands refuse bad --data with the same located lines (exit 3) and a missing one with exit 4', () => {
    const bad = scsr(['score', 'batteries', '--data', `${BAD}/shares-130.yaml`]);
    expect(bad.code).toBe(3);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      `scsr: 1 error in user data (run \`scsr validate ${BAD}/shares-130.yaml\` for a per-file report)\n` +
        `${BAD}/shares-130.yaml:15:11: stages[0].shares[0].values shares add up to 130, more than 100 (allowed excess, key tolerance: 1)\n`,
    );
    const missing = scsr(['list', '--data', 'no-such-dir']);
    expect(missing.code).toBe(4);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.split('\n')[0]).toMatch(/^scsr: 1 error in user data/);
  });
});
