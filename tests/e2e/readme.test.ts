// The README's examples are run, so they cannot rot: every `scsr ...` line of a ```sh block
// that works on the built-in data must exit 0 and print something.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, scsr } from '../helpers/cli.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const shellLines = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
const tableCells = [...readme.matchAll(/`(scsr [^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, '|'));

/** Commands that need the user's own files (my-sectors/) or generated ones (big/, from `npm run gen:big`) are shown, not run. */
const runnable = [...shellLines.map((l) => l.replace(/\s+#.*$/, '').trim()), ...tableCells]
  .map((l) => l.replace(/^npx /, ''))
  .filter((l) => l.startsWith('scsr ') && !l.includes('my-sector') && !l.includes('big/') && !l.includes('<'));

describe('README examples', () => {
  it('has examples to run', () => {
    expect(runnable.length).toBeGreaterThan(15);
  });

  for (const line of [...new Set(runnable)]) {
    it(line, () => {
      const [cmd, ...pipeline] = line.replace(/ > \S+$/, '').split(/ \| /);
      const args = cmd!.slice('scsr '.length).match(/'[^']*'|"[^"]*"|\S+/g)!.map((a) => a.replace(/^['"]|['"]$/g, ''));
      if (args.includes('--out')) args.splice(args.indexOf('--out'), 2); // don't write files from a test
      const r = scsr(args);
      // `report` says on stderr where the page went (issue 15); every other command is quiet.
      expect(r.stderr).toEqual(args[0] === 'report' ? expect.stringMatching(/^scsr: wrote the report to standard output \(\d+ KB\)\n$/) : '');
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
      if (pipeline.length && pipeline[0]!.startsWith('jq ')) {
        const filter = pipeline[0]!.slice(3).trim().replace(/^'|'$/g, '');
        const out = execFileSync('jq', [filter], { input: r.stdout, cwd: ROOT, encoding: 'utf8' });
        expect(out.length).toBeGreaterThan(0);
      }
    });
  }

  it('shows what `scsr score semiconductors` prints', () => {
    const r = scsr(['score', 'semiconductors']);
    expect(readme).toContain('Weakest link: Fabrication');
    expect(r.stdout).toContain('Weakest link: Fabrication');
    const readmeRow = readme.split('\n').find((l) => l.startsWith('│ 2 │ Fabrication'))!;
    expect(r.stdout.split('\n')).toContain(readmeRow);
  });

  it('runs the bin as a user would', () => {
    expect(BIN.endsWith('bin/scsr.js')).toBe(true);
  });
});
