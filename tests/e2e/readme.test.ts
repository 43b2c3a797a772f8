// The README works as written: after its two set-up commands (`npm install`, then `npm link`,
// which puts `scsr` on PATH), every example runs exactly as printed, in bash, pipes and all,
// in a fresh home and an empty working directory. `npm link` is stood in for by a directory on
// PATH holding a `scsr` link to bin/scsr.js (what npm link makes), so the test changes nothing
// outside its temporary directory. jq must be installed (.ci/run installs it); nothing is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trimEnd());
/** The set-up and development blocks run npm, which this test stands in for. */
const examples = blocks.filter((b) => !b.split('\n').some((l) => /^npm /.test(l)));
/** `scsr ...` examples in the text and tables, as printed (`\|` is a pipe escaped for the table). */
const inline = [...new Set([...readme.matchAll(/`(scsr [^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, '|')))].filter(
  // Placeholders and commands that need files the reader makes first (shown in a block) or
  // generates (`npm run gen:big` writes big/).
  (l) => !l.includes('<') && !l.includes('my-') && !l.includes('big/'),
);

const TMP = mkdtempSync(join(tmpdir(), 'scsr-readme-'));
const HOME = join(TMP, 'home');
const CWD = join(TMP, 'work');
const PATH_DIR = join(TMP, 'bin');

beforeAll(() => {
  mkdirSync(HOME);
  mkdirSync(CWD);
  mkdirSync(PATH_DIR);
  symlinkSync(BIN, join(PATH_DIR, 'scsr'));
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** Run a piece of the README in bash, as a reader would after the set-up. */
function bash(script: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME, PATH: `${PATH_DIR}${delimiter}${process.env.PATH}`, NO_COLOR: '1' };
  delete env.SCSR_DATA;
  delete env.XDG_CACHE_HOME;
  delete env.COLUMNS;
  const r = spawnSync('bash', ['-c', `set -euo pipefail\n${script}`], { cwd: CWD, env, encoding: 'utf8', timeout: 120_000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

describe('README examples, run exactly as printed', () => {
  it('has examples to run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(inline.length).toBeGreaterThan(15);
  });

  it('jq is installed (the examples pipe JSON through it; .ci/run installs it)', () => {
    expect(spawnSync('jq', ['--version']).status).toBe(0);
  });

  it.each(inline)('%s', (line) => {
    const r = bash(line);
    // `report` says on stderr where the page went (issue 15); every other command is quiet.
    expect(r.stderr).toEqual(line.startsWith('scsr report') ? expect.stringMatching(/^scsr: wrote the report to .+ \(\d+ KB\)\n$/) : '');
    expect(r.code).toBe(0);
    // Output to the terminal, or to the file the example names.
    const file = /(?:>|--out)\s*(\S+)\s*$/.exec(line)?.[1];
    if (file) expect(readFileSync(join(CWD, file), 'utf8').length).toBeGreaterThan(0);
    else expect(r.stdout.length).toBeGreaterThan(0);
  });

  it.each(examples.map((b) => [b.split('\n')[0]!, b]))('block starting %s', (_first, block) => {
    // The block of "Your own sectors" asks the reader to save the example of docs/data.md first.
    if (block.includes('my-sectors/lithium-cells.yaml')) {
      const data = readFileSync(join(ROOT, 'docs', 'data.md'), 'utf8');
      const example = /```yaml\n(# yaml-language-server[\s\S]*?\nid: lithium-cells[\s\S]*?)```/.exec(data)![1]!;
      mkdirSync(join(CWD, 'my-sectors'), { recursive: true });
      writeFileSync(join(CWD, 'my-sectors', 'lithium-cells.yaml'), example);
    }
    const r = bash(block);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('the completion instructions work on a fresh home: the script lands where bash-completion looks', () => {
    const file = join(HOME, '.local/share/bash-completion/completions/scsr');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('complete ');
  });

  it('shows what `scsr score semiconductors` prints in a terminal 100 columns wide', () => {
    const excerpt = /```text\n\$ scsr score semiconductors\n([\s\S]*?)\n\.\.\.\n```/.exec(readme)![1]!;
    const r = bash('COLUMNS=100 scsr score semiconductors');
    expect(r.stdout.startsWith(`${excerpt}\n`)).toBe(true);
    expect(excerpt).toContain('Weakest link: Fabrication');
  });
});
