// Same input, same bytes: every run of a command prints exactly what the run before printed, in
// any time zone and any locale (a tie broken by the user's collation would reorder a ranking).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'scsr-determinism-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** Another Node binary to compare with (e.g. set by a CI job that has Node 22 and 24 installed). */
const OTHER_NODE = process.env.SCSR_TEST_OTHER_NODE;

const BASE_ENV = { TZ: 'UTC', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' };
/** Far from UTC (+14:00 and -03:30), and locales whose collation differs from English: Turkish dotless i, Czech "ch" after "h". */
const OTHER_ENVS = {
  'TZ=Pacific/Kiritimati LANG=tr_TR.UTF-8': { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
  'TZ=America/St_Johns LANG=cs_CZ.UTF-8': { TZ: 'America/St_Johns', LANG: 'cs_CZ.UTF-8', LC_ALL: 'cs_CZ.UTF-8' },
};

function run(args: string[], env: Record<string, string>, node = process.execPath): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  delete full.FORCE_COLOR;
  delete full.SCSR_DATA;
  return new Promise((resolve) => {
    execFile(node, [BIN, ...args], { cwd: ROOT, env: full, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : null) : 0 });
    });
  });
}

const COMMANDS: string[][] = [
  ['score', '--all', '--json'],
  ['score', 'semiconductors', '--trend'],
  ['score', 'batteries', '--format', 'csv'],
  ['compare', 'us', 'kr', '--json'],
  ['exposure', 'kr', '--to', 'cn'],
  ['chokepoints', '--format', 'md'],
  ['explain', 'semiconductors', '1'],
  ['shock', 'semiconductors', '--worst'],
  ['shock', 'batteries', '--cut', 'cn', '--loss', '30%', '--uncertainty', '--samples', '2000', '--seed', '7', '--json'],
  ['validate', '--json'],
];

describe.concurrent('byte-identical output', () => {
  for (const args of COMMANDS) {
    it(`scsr ${args.join(' ')}: twice, and in other time zones and locales`, async () => {
      const [first, second, ...others] = await Promise.all([run(args, BASE_ENV), run(args, BASE_ENV), ...Object.values(OTHER_ENVS).map((env) => run(args, env))]);
      expect(first!.code).toBe(0);
      expect(first!.stdout.length).toBeGreaterThan(0);
      expect(second).toEqual(first);
      Object.keys(OTHER_ENVS).forEach((name, i) => expect(others[i], name).toEqual(first));
    });
  }

  // Two suppliers with equal shares: the ranking of `shock --worst` falls back to their codes,
  // and "ch" sorts before "de" in English but after "h" in Czech under localeCompare. Ties are
  // broken by code unit everywhere (compareIds in src/engine/concentration.ts), so LANG must
  // not change the single point of failure printed.
  let tie: Promise<Array<Awaited<ReturnType<typeof run>>>> | undefined;
  const tieRuns = () =>
    (tie ??= (() => {
      const file = join(TMP, 'tie.yaml');
      writeFileSync(
        file,
        [
          'id: ties',
          'name: Ties',
          'sources: [{id: fixture, publisher: scsr tests, title: Made-up test data, year: 2024}]',
          'stages:',
          '  - id: making',
          '    name: Making',
          '    shares:',
          '      - {year: 2022, metric: capacity, basis: location, source: fixture, values: [{country: ch, share: 40}, {country: de, share: 40}, {country: us, share: 20}]}',
          '',
        ].join('\n'),
      );
      const args = ['shock', 'ties', '--worst', '--data', file];
      return Promise.all([run(args, BASE_ENV), run(args, OTHER_ENVS['TZ=America/St_Johns LANG=cs_CZ.UTF-8'])]);
    })());

  it('a tie in a ranking: both runs succeed and rank Switzerland and Germany', async () => {
    for (const r of await tieRuns()) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Switzerland[\s\S]*Germany|Germany[\s\S]*Switzerland/);
    }
  });

  it('a tie in a ranking is broken the same way in every locale', async () => {
    const [english, czech] = await tieRuns();
    expect(czech!.stdout).toBe(english!.stdout);
  });
});

describe.skipIf(!OTHER_NODE)(`the same bytes under another Node (${OTHER_NODE ?? 'set SCSR_TEST_OTHER_NODE=/path/to/node to run; only one Node is installed here'})`, () => {
  for (const args of COMMANDS) {
    it(`scsr ${args.join(' ')}`, async () => {
      const [here, there] = await Promise.all([run(args, BASE_ENV), run(args, BASE_ENV, OTHER_NODE)]);
      expect(here.code).toBe(0);
      expect(there).toEqual(here);
    });
  }
});
