// Strict, uniform arguments: numbers through one parser, no empty values, a single-value option
// given once, every command's --help says which options repeat, `scsr help` is not an error,
// and the command line is checked before any data are read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scsr } from '../helpers/cli.js';

const oneUsageLine = (args: string[], message: RegExp | string) => {
  const r = scsr(args);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  if (typeof message === 'string') expect(lines[0]).toBe(message);
  else expect(lines[0]).toMatch(message);
};

describe('numeric options: plain decimals only (the review’s finding 7)', () => {
  it.each(['0x10', '0b11', '1e1', ' 50 '])('--threshold %j is a usage error', (raw) => {
    oneUsageLine(['score', 'semiconductors', '--threshold', raw], `scsr: option --threshold must be a percentage from 0 to 100, like 65 or 65% (got "${raw}")`);
  });

  it.each([
    [['shock', 'batteries', '--cut', 'cn', '--loss', '0x1'], 'scsr: option --loss must be a fraction from 0 to 1 or a percentage like 40% (got "0x1")'],
    [['shock', 'batteries', '--cut', 'cn', '--spare', '1e-1'], 'scsr: option --spare must be a fraction from 0 to 1 or a percentage like 40% (got "1e-1")'],
    [['shock', 'batteries', '--worst', '--top', '0b11'], 'scsr: option --top must be a whole number from 1 to 10000 (got "0b11")'],
    [['shock', 'batteries', '--cut', 'cn', '--uncertainty', '--samples', '1e3'], 'scsr: option --samples must be a whole number from 1 to 1000000 (got "1e3")'],
    [['shock', 'batteries', '--cut', 'cn', '--uncertainty', '--seed', '-1'], 'scsr: option --seed must be a whole number from 0 to 4294967295 (got "-1")'],
    [['exposure', 'kr', '--top', '1_000'], 'scsr: option --top must be a whole number from 1 to 10000 (got "1_000")'],
    [['score', 'semiconductors', '--year', '2021.0'], 'scsr: option --year must be a year from 1950 to 2100 (got "2021.0")'],
    [['chokepoints', '--threshold', '150'], 'scsr: option --threshold must be a percentage from 0 to 100, like 65 or 65% (got "150")'],
  ])('scsr %j', (args, message) => oneUsageLine(args, message));
});

describe('an empty value is an error, not "not given" (finding 8)', () => {
  it.each([
    [['exposure', 'kr', '--to', ''], 'scsr: option --to needs a value (got an empty string)'],
    [['exposure', 'kr', '--to='], 'scsr: option --to needs a value (got an empty string)'],
    [['score', 'semiconductors', '--country', ''], 'scsr: option --country needs a value (got an empty string)'],
    [['score', 'semiconductors', '--threshold', ''], 'scsr: option --threshold needs a value (got an empty string)'],
    [['list', '--data', ''], 'scsr: option --data needs a value (got an empty string)'],
    [['score', ''], 'scsr: argument <sector> needs a value (got an empty string)'],
    [['compare', 'us', ' '], 'scsr: argument <b> needs a value (got an empty string)'],
  ])('scsr %j', (args, message) => oneUsageLine(args, message));
});

describe('a single-value option given twice is an error; repeatable ones say so', () => {
  it('shock --country tw --country kr (two viewpoints) no longer keeps only the last; --cut repeats', () => {
    oneUsageLine(['shock', 'semiconductors', '--cut', 'cn', '--country', 'tw', '--country', 'kr'], 'scsr: option --country takes one value and was given more than once (only --cut, --stage, --data repeat)');
    expect(scsr(['shock', 'semiconductors', '--cut', 'tw', '--cut', 'kr', '--json']).code).toBe(0);
  });

  it.each([
    [['score', 'semiconductors', '--year', '2021', '--year', '2022']],
    [['exposure', 'kr', '--to', 'cn', '--to', 'us']],
    [['score', 'semiconductors', '--format', 'csv', '-f', 'json']],
  ])('scsr %j', (args) => oneUsageLine(args, /^scsr: option --\w+ takes one value and was given more than once/));

  it('repeatable options repeat: --data twice, --stage twice', () => {
    expect(scsr(['shock', 'batteries', '--cut', 'cn', '--stage', 'mining', '--stage', 'refining', '--json']).code).toBe(0);
  });

  it.each(['list', 'sources', 'stages', 'score', 'shock', 'policies', 'compare', 'exposure', 'chokepoints', 'explain', 'dependence', 'events', 'report', 'validate', 'schema', 'completion'])('scsr %s --help says which options repeat', (command) => {
    const r = scsr([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(Repeatable: --[\w-]+(, --[\w-]+)*\. Any other option given twice is an error\.|No option repeats: an option given twice is an error\.)$/m);
    // Every option marked "(repeatable)" in the list is named on that line, and no other.
    const unwrapped = r.stdout.replace(/\n {10,}/g, ' '); // commander wraps long descriptions
    const marked = unwrapped.split('\n').filter((l) => l.includes('(repeatable)')).map((l) => /--[\w-]+/.exec(l)![0]);
    const named = /^Repeatable: (.*)\. Any/m.exec(r.stdout)?.[1]?.split(', ') ?? [];
    expect(named.sort()).toEqual(marked.sort());
  });
});

describe('help and self-reference', () => {
  it('scsr help and scsr help <command> exit 0 (finding 13)', () => {
    const all = scsr(['help']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Usage: scsr');
    const one = scsr(['help', 'score']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Usage: scsr score');
  });

  it('scsr alone is still a usage error (help on stderr, exit 2)', () => {
    const r = scsr([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('exposure kr --to kr is a usage error, also through an alias (finding 9)', () => {
    oneUsageLine(['exposure', 'kr', '--to', 'kr'], /^scsr: option --to: kr is the exposed country itself/);
    oneUsageLine(['exposure', 'korea', '--to', 'KR'], /^scsr: option --to: kr is the exposed country itself/);
  });
});

describe('the command line is checked before any data are read (finding 15)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scsr-args-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A FIFO nobody writes to: reading it would block forever, so a run that returns at once
  // with a usage error never opened it.
  const fifo = join(dir, 'data.yaml');
  spawnSync('mkfifo', [fifo]);

  it.each([
    [['score', 'semiconductors', '--data', fifo, '--bogus'], /^scsr: unknown option '--bogus'$/],
    [['score', 'semiconductors', '--data', fifo, '--threshold', '0x10'], /^scsr: option --threshold must be/],
    [['score', 'semiconductors', '--data', fifo, '--country', 'kr', '--country', 'us'], /^scsr: option --country takes one value/],
    [['exposure', 'kr', '--data', fifo, '--to', ''], /^scsr: option --to needs a value/],
    [['shock', 'batteries', '--data', fifo, '--worst', '--uncertainty'], /^scsr: --uncertainty works on one shock/],
    [['list', 'things', '--data', fifo], /^scsr: unknown list "things"/],
  ])('scsr %j fails fast with exit 2', (args, message) => {
    const r = scsr(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
  });
});
