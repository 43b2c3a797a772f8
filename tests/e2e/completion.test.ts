// `scsr completion bash|zsh|fish`: the bash script is sourced in a real bash and its function
// called as bash's completion would call it (COMP_WORDS, COMP_CWORD); what it offers must be
// the commands, options, sector ids and country codes the CLI itself lists.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scsr, scsrJson } from '../helpers/cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'scsr-completion-'));
const SCRIPT = join(TMP, 'scsr.bash');
let sectors: string[];
let countries: string[];

beforeAll(() => {
  const r = scsr(['completion', 'bash']);
  expect(r.code).toBe(0);
  writeFileSync(SCRIPT, r.stdout);
  sectors = scsrJson<{ sectors: Array<{ id: string }> }>(['list']).sectors.map((s) => s.id);
  countries = scsrJson<{ countries: Array<{ code: string }> }>(['list', 'countries']).countries.map((c) => c.code);
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** What bash offers for the command line `words`, the last word being the one completed. */
function complete(...words: string[]): string[] {
  const script = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _scsr; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script, 'bash', SCRIPT, ...words], { encoding: 'utf8', cwd: TMP });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe('scsr completion bash', () => {
  it('registers _scsr for the scsr command', () => {
    const r = spawnSync('bash', ['-c', 'source "$1"; complete -p scsr', 'bash', SCRIPT], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('complete -F _scsr scsr');
  });

  it('completes command names: scsr sc -> score, schema', () => {
    expect(complete('scsr', 'sc').sort()).toEqual(['schema', 'score']);
  });

  it("completes a command's options: scsr score --c -> --country", () => {
    expect(complete('scsr', 'score', '--c')).toEqual(['--country']);
  });

  it('completes sector ids where a sector goes: scsr score <TAB>', () => {
    expect(complete('scsr', 'score', '').sort()).toEqual([...sectors].sort());
  });

  it('completes country codes where countries go: scsr compare u<TAB>, then the second one', () => {
    expect(complete('scsr', 'compare', 'u')).toEqual(countries.filter((c) => c.startsWith('u')));
    expect(complete('scsr', 'compare', 'us', 'k')).toEqual(countries.filter((c) => c.startsWith('k')));
  });

  it('completes option values: --country codes, --method choices', () => {
    expect(complete('scsr', 'score', 'batteries', '--country', 'j')).toEqual(countries.filter((c) => c.startsWith('j')));
    expect(complete('scsr', 'score', '-m', '')).toEqual(['blended', 'eu-crm', 'rating']);
  });

  it("completes the stages of the sector named before: scsr explain batteries <TAB>", () => {
    const stages = scsrJson<{ stages: Array<{ id: string }> }>(['stages', 'batteries']).stages.map((s) => s.id);
    expect(complete('scsr', 'explain', 'batteries', '')).toEqual(stages);
  });

  it('skips option values when counting arguments: scsr compare --sector batteries us <TAB> offers countries', () => {
    expect(complete('scsr', 'compare', '--sector', 'batteries', 'us', '')).toEqual(countries);
  });
});

describe('scsr completion zsh and fish', () => {
  /** The commands `scsr --help` lists, and commander's own `help`. */
  const helpCommands = (): string[] => {
    const help = scsr(['--help']).stdout;
    const section = help.slice(help.indexOf('Commands:'));
    return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!);
  };

  it.each(['zsh', 'fish'])('%s: offers every command `scsr --help` lists', (shell) => {
    const r = scsr(['completion', shell]);
    expect(r.code).toBe(0);
    const commands = helpCommands();
    expect(commands).toContain('score');
    const offered = shell === 'fish'
      ? [...r.stdout.matchAll(/__fish_use_subcommand' -a '([\w-]+)'/g)].map((m) => m[1])
      : /_scsr_commands='([^']*)'/.exec(r.stdout)![1]!.split(' ');
    expect(offered.sort()).toEqual([...commands].sort());
  });

  const installed = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
  for (const shell of ['zsh', 'fish']) {
    it.skipIf(!installed(shell))(`${shell}: the script parses (${shell} -n)`, () => {
      const file = join(TMP, `scsr.${shell}`);
      writeFileSync(file, scsr(['completion', shell]).stdout);
      const r = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }

  it('an unknown shell is a usage error', () => {
    const r = scsr(['completion', 'tcsh']);
    expect(r).toEqual({ stdout: '', stderr: 'scsr: unknown shell "tcsh": use one of bash, zsh, fish\n', code: 2 });
  });
});
