// `npm run bench`: speed and scale, each case timed side by side with its baseline in one run,
// alternating (A, B, A, B, ...) so that a busy machine slows both alike; medians and their
// ratio are printed. Node only (no hyperfine), so it runs wherever the project does.
//
//   cold start   `scsr score semiconductors --json` against bare `node -e 0`      goal ratio <= 1.3
//   scale        `scsr score --all --data big/ --json --country V` against parsing the same
//                YAML files with the yaml package alone, for viewpoints V        goal ratio <= 1.5
//   uncertainty  `scsr shock batteries ... --uncertainty --samples 100000`: time, samples/s
//
// Options: --runs N (cold start pairs, default 15), --viewpoints N|all (scale: how many
// viewpoint countries, default 3; all = every country of big/, one process each, hours),
// --scale-runs N (runs per viewpoint, default 1), --samples N (default 100000),
// --only cold,scale,uncertainty. The scale case needs big/ (`npm run gen:big`; run here if missing).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'scsr.js');
const BIG = join(ROOT, 'big');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const RUNS = Number(opt('runs', 15));
const SCALE_RUNS = Number(opt('scale-runs', 1));
const VIEWPOINTS = opt('viewpoints', '3');
const SAMPLES = Number(opt('samples', 100_000));
const ONLY = new Set(opt('only', 'cold,scale,uncertainty').split(','));

const TMP = mkdtempSync(join(tmpdir(), 'scsr-bench-'));
process.on('exit', () => rmSync(TMP, { recursive: true, force: true }));

/** Peak RSS: GNU time where installed, else a preloaded hook that writes Node's own maxRSS. */
const GNU_TIME = ['/usr/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0);
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.getBuiltinModule('node:fs').writeFileSync(process.env.SCSR_BENCH_RSS,String(process.resourceUsage().maxRSS)))`;

/**
 * Run `node ...argv` once with stdout and stderr discarded; wall time in ms from spawn to exit.
 * With `rss`, the peak resident set in MB too (the wrapper costs about a millisecond: used
 * only for the long scale runs).
 */
function timeNode(argv, { rss = false } = {}) {
  const rssFile = join(TMP, 'rss');
  rmSync(rssFile, { force: true });
  let cmd = process.execPath;
  let cmdArgs = argv;
  if (rss && GNU_TIME) [cmd, cmdArgs] = [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...argv]];
  else if (rss) cmdArgs = ['--import', RSS_HOOK, ...argv];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', SCSR_BENCH_RSS: rssFile }, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${String(r.stderr).trim().split('\n').at(-1)}`);
  // GNU time reports kB; Node's maxRSS is in kB too.
  const peakMb = rss && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024 : undefined;
  return { ms, peakMb };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f1 = (x) => x.toFixed(1);
const verdict = (ratio, goal) => (ratio <= goal ? `meets the goal (<= ${goal})` : `ABOVE the goal of ${goal}`);

function header() {
  const cpu = cpus()[0]?.model?.trim() || 'unknown CPU';
  console.log(`scsr bench, ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} CPU(s), ${cpu}, ${process.platform}/${process.arch}`);
  console.log(`peak memory via ${GNU_TIME ? GNU_TIME : "Node's process.resourceUsage().maxRSS"}\n`);
}

function coldStart() {
  const a = [BIN, 'score', 'semiconductors', '--json'];
  const b = ['-e', '0'];
  console.log(`cold start: \`scsr score semiconductors --json\` (A) against \`node -e 0\` (B), ${RUNS} runs each, alternating`);
  for (let i = 0; i < 3; i++) {
    timeNode(a);
    timeNode(b);
  } // warm the file cache; not counted
  const ta = [];
  const tb = [];
  for (let i = 0; i < RUNS; i++) {
    ta.push(timeNode(a).ms);
    tb.push(timeNode(b).ms);
  }
  const ratio = median(ta) / median(tb);
  // Each A ran right before its B: the median of the pairs' ratios is less moved by a machine
  // whose load changes during the run; printed beside the ratio of the medians, which is judged.
  const paired = median(ta.map((a, i) => a / tb[i]));
  console.log(`  A median ${f1(median(ta))} ms (min ${f1(Math.min(...ta))})   B median ${f1(median(tb))} ms (min ${f1(Math.min(...tb))})`);
  console.log(`  ratio ${ratio.toFixed(2)} (median of the paired ratios ${paired.toFixed(2)}): ${verdict(ratio, 1.3)}\n`);
}

/** The baseline of the scale case: the same files, parsed by the yaml package and nothing else. */
const PARSE_ONLY = `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
const dir = process.argv[1];
for (const f of readdirSync(dir).filter((n) => /\\.ya?ml$/.test(n)).sort()) parse(readFileSync(join(dir, f), 'utf8'));
`;

function scale() {
  if (!existsSync(BIG)) {
    console.log('scale: big/ is missing; generating it (npm run gen:big)');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-big.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  const files = readdirSync(BIG).filter((n) => /\.ya?ml$/.test(n));
  const mb = files.reduce((n, f) => n + readFileSync(join(BIG, f)).length, 0) / 1e6;
  const codes = [...readFileSync(join(BIG, 'countries.yaml'), 'utf8').matchAll(/^ {2}- code: ([a-z]{2})$/gm)].map((m) => m[1]);
  const builtin = JSON.parse(readFileSync(join(ROOT, 'dist', 'builtin.json'), 'utf8')).countries.countries.map((c) => c.code);
  const all = [...new Set([...builtin, ...codes])].sort();
  // Every viewpoint takes one process (one --country per run): by default a spread of three,
  // the default viewpoint (us), a large supplier (cn) and a synthetic country of big/.
  const viewpoints = VIEWPOINTS === 'all' ? all : ['us', 'cn', codes[Math.floor(codes.length / 2)]].slice(0, Number(VIEWPOINTS));
  console.log(`scale: ${files.length} files in big/ (${f1(mb)} MB, ${all.length} countries)`);
  console.log(`  A = \`scsr score --all --data big/ --json --country V\` (load, validate, score every sector, write the JSON)`);
  console.log(`  B = the same files parsed with the yaml package alone (yaml.parse of each, results dropped)`);
  console.log(`  viewpoints V: ${viewpoints.length === all.length ? `all ${all.length}` : `${viewpoints.join(', ')} of the ${all.length} (--viewpoints all runs every one)`}; ${SCALE_RUNS} run(s) each, A and B alternating`);
  const ta = [];
  const tb = [];
  let peakA = 0;
  let peakB = 0;
  for (const v of viewpoints) {
    for (let i = 0; i < SCALE_RUNS; i++) {
      const a = timeNode([BIN, 'score', '--all', '--data', BIG, '--json', '--country', v], { rss: true });
      const b = timeNode(['--input-type=module', '-e', PARSE_ONLY, BIG], { rss: true });
      ta.push(a.ms);
      tb.push(b.ms);
      peakA = Math.max(peakA, a.peakMb ?? 0);
      peakB = Math.max(peakB, b.peakMb ?? 0);
      console.log(`  V=${v}: A ${f1(a.ms / 1000)} s, peak ${f1(a.peakMb ?? NaN)} MB   B ${f1(b.ms / 1000)} s, peak ${f1(b.peakMb ?? NaN)} MB   ratio ${(a.ms / b.ms).toFixed(2)}`);
    }
  }
  const ratio = median(ta) / median(tb);
  console.log(`  A median ${f1(median(ta) / 1000)} s, peak ${f1(peakA)} MB   B median ${f1(median(tb) / 1000)} s, peak ${f1(peakB)} MB`);
  console.log(`  ratio ${ratio.toFixed(2)}: ${verdict(ratio, 1.5)}\n`);
}

function uncertainty() {
  // The 2021 snapshots of batteries hold the ranged values the sampler draws (docs/scenarios.md#uncertainty).
  const argv = [BIN, 'shock', 'batteries', '--country', 'cn', '--loss', '30%', '--year', '2021', '--uncertainty', '--samples', String(SAMPLES), '--json'];
  console.log(`uncertainty: \`scsr ${argv.slice(1).join(' ')}\`, 3 runs`);
  const help = spawnSync(process.execPath, [BIN, 'shock', '--help'], { encoding: 'utf8' });
  if (help.status !== 0 || !help.stdout.includes('--uncertainty')) {
    console.log('  skipped: shock command not available\n');
    return;
  }
  const times = [0, 1, 2].map(() => timeNode(argv).ms);
  const t = median(times);
  console.log(`  median ${f1(t)} ms (start-up included): ${Math.round(SAMPLES / (t / 1000)).toLocaleString('en-US')} samples/s\n`);
}

header();
if (ONLY.has('cold')) coldStart();
if (ONLY.has('uncertainty')) uncertainty();
if (ONLY.has('scale')) scale();
