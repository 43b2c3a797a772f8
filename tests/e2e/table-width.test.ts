// Tables fit the terminal (docs/output.md#tables): at COLUMNS=80 and COLUMNS=120 no line of any
// table command exceeds the width, over both built-in sectors; on a real terminal its own width
// counts; piped without COLUMNS there is no limit; --wide turns fitting off.
import { execFile, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/text.js';
import { BIN, ROOT, scsr } from '../helpers/cli.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const widest = (text: string): number => Math.max(...text.replace(ANSI, '').split('\n').map(displayWidth));

const SECTORS = ['semiconductors', 'batteries'];
const perSector = (s: string): string[][] => [
  ['score', s],
  ['score', s, '--inputs'],
  ['score', s, '--trend'],
  ['score', s, '--country', 'kr'],
  ['score', s, '--method', 'eu-crm'],
  ['compare', 'us', 'kr', '--sector', s],
  ['exposure', 'kr', '--sector', s],
  ['exposure', 'us', '--to', 'cn', '--sector', s],
  ['chokepoints', '--sector', s],
  ['chokepoints', '--sector', s, '--country', 'kr', '--threshold', '50'],
  ['policies', s],
  ['explain', s, '1'],
  ['explain', s, '2'],
  ['explain', s, '3'],
  ['sources', s],
  ['stages', s],
  ['shock', s, '--cut', 'cn'],
  ['shock', s, '--worst'],
  ['shock', s, '--cut', 'cn', '--uncertainty', '--samples', '200'],
  ['compare', 'us', 'kr', '--sector', s, '--inputs'],
  ['exposure', 'kr', '--to', 'cn', '--sector', s],
  ['dependence', 'kr', '--sector', s],
  ['events', '--sector', s],
];
const RUNS = [...SECTORS.flatMap(perSector), ['list'], ['list', 'countries'], ['sources'], ['policies', '--all'], ['score', '--all'], ['compare', 'us', 'kr'], ['exposure', 'kr'], ['chokepoints']];

const WIDTHS = [80, 120];
const out = new Map<string, { stdout: string; stderr: string; code: number }>();

/** Every run at every width, a few at a time (each is mostly Node's start-up). */
beforeAll(async () => {
  const jobs = WIDTHS.flatMap((w) => RUNS.map((args) => [w, args] as const));
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.SCSR_DATA;
  const runOne = ([w, args]: (typeof jobs)[number]) =>
    new Promise<void>((resolve) => {
      execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...env, COLUMNS: String(w) }, maxBuffer: 1 << 26 }, (e, stdout, stderr) => {
        out.set(`${w} ${args.join(' ')}`, { stdout, stderr, code: e ? Number(e.code) : 0 });
        resolve();
      });
    });
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < jobs.length) await runOne(jobs[next++]!);
  }));
}, 300_000);

describe.each(WIDTHS)('at COLUMNS=%i', (columns) => {
  it.each(RUNS.map((args) => [args.join(' ')]))('scsr %s fits', (name) => {
    const r = out.get(`${columns} ${name}`)!;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
  });
});

describe('the width rule', () => {
  it('piped without COLUMNS: no limit, every column whole (output for programs)', () => {
    const r = scsr(['score', 'semiconductors'], { env: { COLUMNS: undefined } });
    expect(widest(r.stdout)).toBeGreaterThan(120);
    expect(r.stdout).not.toContain('left out to fit');
    expect(r.stdout).toMatch(/^Stage|^#/m);
  });

  it('--wide turns fitting off even with COLUMNS set', () => {
    const fitted = scsr(['score', 'semiconductors'], { env: { COLUMNS: '80' } });
    const wide = scsr(['score', 'semiconductors', '--wide'], { env: { COLUMNS: '80' } });
    expect(fitted.stdout).toContain('left out to fit 80 columns');
    expect(wide.stdout).not.toContain('left out to fit');
    expect(wide.stdout).toBe(scsr(['score', 'semiconductors'], { env: { COLUMNS: undefined } }).stdout);
  });

  it('on a terminal, its own width counts (a pseudo-terminal 80 columns wide, COLUMNS saying 200)', () => {
    // script(1) runs the command on a pseudo-terminal; stty sets its width.
    const r = spawnSync('script', ['-qec', `stty cols 80 rows 50; COLUMNS=200 '${process.execPath}' '${BIN}' score semiconductors`, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' },
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    const out = r.stdout.replace(/\r/g, '');
    expect(out).toContain('Weakest link: Fabrication');
    expect(widest(out)).toBeLessThanOrEqual(80);
  });

  it('draws no separator between rows: list countries has one line per country, plus header and rule', () => {
    const r = scsr(['list', 'countries'], { env: { COLUMNS: undefined } });
    const countries = JSON.parse(scsr(['list', 'countries', '--json']).stdout).countries.length as number;
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(countries + 2);
  });
});
