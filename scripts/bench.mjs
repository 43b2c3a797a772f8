// `npm run bench`: speed and scale, each case timed side by side with its baseline in one run,
// alternating (A, B, A, B, ...) so that a busy machine slows both alike; medians and their
// ratio are printed. Node only (no hyperfine), so it runs wherever the project does.
//
//   cold start   `scsr score semiconductors --json` against bare `node -e 0`      goal ratio <= 1.3
//   user data    `scsr score bench-user --data <file> --json` on an unchanged synthetic sector of
//                100 share lists (its validated model cached by the first run) against
//                `scsr score semiconductors --json` (the built-in data)          goal ratio <= 1.3
//   scale        `scsr score --all --data big/ --json --country V` against parsing the same
//                YAML files with the yaml package alone, for viewpoints V, the cache of user
//                data off (SCSR_NO_CACHE=1: this case measures validation)
//                YAML parsed on two threads where there are two cores (src/data/parse-thread.ts):
//                the CPU time of both is printed beside the wall time
//                                                        goal time ratio <= 1.5, memory ratio <= 2
//   uncertainty  `scsr shock batteries --cut cn ... --uncertainty --samples 100000`: time, samples/s
//
// A ratio is the median of the paired ratios (each A run divided by the B run beside it),
// which a machine whose load changes during the run moves less than a ratio of medians.
// Every run uses a cache directory of its own (XDG_CACHE_HOME in a temporary directory), never
// the user's ~/.cache/scsr.
//
// Options: --runs N (cold start and user data pairs, default 15), --viewpoints N|all (scale:
// how many viewpoint countries, default 3; all = every country of big/, one process each,
// hours), --scale-runs N (runs per viewpoint, default 1), --samples N (default 100000),
// --only cold,user,scale,uncertainty. The scale case needs big/ (`npm run gen:big`; run here if missing).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
const ONLY = new Set(opt('only', 'cold,user,scale,uncertainty').split(','));

const TMP = mkdtempSync(join(tmpdir(), 'scsr-bench-'));
process.on('exit', () => rmSync(TMP, { recursive: true, force: true }));
const CACHE = join(TMP, 'cache');

/** Peak RSS and CPU time: GNU time where installed, else a preloaded hook that writes Node's own resource usage. */
const GNU_TIME = ['/usr/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0);
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.getBuiltinModule('node:fs').writeFileSync(process.env.SCSR_BENCH_RSS,u.maxRSS+' '+u.userCPUTime/1e6+' '+u.systemCPUTime/1e6)})`;

/**
 * Run `node ...argv` once with stdout and stderr discarded; wall time in ms from spawn to exit.
 * With `rss`, the peak resident set in MB too (the wrapper costs about a millisecond: used
 * only for the long scale runs).
 */
function timeNode(argv, { rss = false, env = {} } = {}) {
  const rssFile = join(TMP, 'rss');
  rmSync(rssFile, { force: true });
  let cmd = process.execPath;
  let cmdArgs = argv;
  if (rss && GNU_TIME) [cmd, cmdArgs] = [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...argv]];
  else if (rss) cmdArgs = ['--import', RSS_HOOK, ...argv];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', SCSR_BENCH_RSS: rssFile, XDG_CACHE_HOME: CACHE, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${String(r.stderr).trim().split('\n').at(-1)}`);
  // GNU time reports kB and seconds; Node's maxRSS is in kB too.
  const usage = rss && existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number) : undefined;
  const peakMb = usage ? usage[0] / 1024 : undefined;
  const cpuMs = usage ? (usage[1] + usage[2]) * 1000 : undefined;
  return { ms, peakMb, cpuMs };
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

/**
 * A synthetic sector of 100 share lists (5 stages, each with its own list and 19 inputs), about
 * the size of the ETO chip explorer's semiconductor data (96 lists). Made-up, deterministic
 * shares: what is measured is loading, not the figures.
 */
function writeUserSector(file) {
  const codes = ['us', 'cn', 'jp', 'kr', 'tw', 'de', 'nl', 'fr', 'gb', 'sg', 'my', 'in'];
  const list = (indent, k) => {
    const values = [];
    let rest = 100;
    for (let j = 0; j < 8; j++) {
      const share = Math.round(rest * 4) / 10;
      rest -= share;
      values.push(`{country: ${codes[(k + j) % codes.length]}, share: ${share}}`);
    }
    values.push(`{region: other, share: ${Math.round(rest * 10) / 10}}`);
    return [`${indent}shares:`, `${indent}  - year: 2022`, `${indent}    metric: market`, `${indent}    basis: headquarters`, `${indent}    source: synthetic`, `${indent}    values: [${values.join(', ')}]`];
  };
  const lines = ['# Synthetic benchmark sector (scripts/bench.mjs): made-up shares, not real data.', 'id: bench-user', 'name: Benchmark sector (synthetic)', 'assessor: us', 'sources:', '  - {id: synthetic, publisher: scsr bench, title: Synthetic shares, year: 2024}', 'stages:'];
  for (let s = 0; s < 5; s++) {
    lines.push(`  - id: stage-${s + 1}`, `    name: Stage ${s + 1}`, ...list('    ', s), '    inputs:');
    for (let i = 0; i < 19; i++) lines.push(`      - id: input-${s + 1}-${i + 1}`, `        name: Input ${s + 1}.${i + 1}`, ...list('        ', s * 19 + i));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function userData() {
  const file = join(TMP, 'bench-user.yaml');
  writeUserSector(file);
  const a = [BIN, 'score', 'bench-user', '--data', file, '--json'];
  const b = [BIN, 'score', 'semiconductors', '--json'];
  console.log(`user data: \`scsr score bench-user --data <100 lists> --json\` (A, unchanged file: its cached model) against \`scsr score semiconductors --json\` (B), ${RUNS} pairs`);
  // The first run validates and caches; the next ones read the cache. Not counted.
  const first = timeNode(a, { env: { SCSR_NO_CACHE: '1' } }).ms;
  for (let i = 0; i < 3; i++) {
    timeNode(a);
    timeNode(b);
  }
  const ta = [];
  const tb = [];
  for (let i = 0; i < RUNS; i++) {
    ta.push(timeNode(a).ms);
    tb.push(timeNode(b).ms);
  }
  const paired = median(ta.map((x, i) => x / tb[i]));
  console.log(`  A median ${f1(median(ta))} ms   B median ${f1(median(tb))} ms   (A without the cache, once: ${f1(first)} ms)`);
  console.log(`  ratio (median of the paired ratios) ${paired.toFixed(2)}: ${verdict(paired, 1.3)}\n`);
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
  console.log(`  A = \`scsr score --all --data big/ --json --country V\` (load, validate, score every sector, write the JSON;`);
  console.log(`      data this large are parsed on two threads where there are two cores: ${cpus().length} here)`);
  console.log(`  B = the same files parsed with the yaml package alone (yaml.parse of each, results dropped)`);
  console.log(`  viewpoints V: ${viewpoints.length === all.length ? `all ${all.length}` : `${viewpoints.join(', ')} of the ${all.length} (--viewpoints all runs every one)`}; ${SCALE_RUNS} run(s) each, A and B alternating`);
  const ta = [];
  const tb = [];
  const memA = [];
  const memB = [];
  const cpuA = [];
  const cpuB = [];
  for (const v of viewpoints) {
    for (let i = 0; i < SCALE_RUNS; i++) {
      const a = timeNode([BIN, 'score', '--all', '--data', BIG, '--json', '--country', v], { rss: true, env: { SCSR_NO_CACHE: '1' } });
      const b = timeNode(['--input-type=module', '-e', PARSE_ONLY, BIG], { rss: true });
      ta.push(a.ms);
      tb.push(b.ms);
      memA.push(a.peakMb ?? NaN);
      memB.push(b.peakMb ?? NaN);
      cpuA.push(a.cpuMs ?? NaN);
      cpuB.push(b.cpuMs ?? NaN);
      console.log(`  V=${v}: A ${f1(a.ms / 1000)} s, peak ${f1(a.peakMb ?? NaN)} MB   B ${f1(b.ms / 1000)} s, peak ${f1(b.peakMb ?? NaN)} MB   time ratio ${(a.ms / b.ms).toFixed(2)}, memory ratio ${((a.peakMb ?? NaN) / (b.peakMb ?? NaN)).toFixed(2)}`);
    }
  }
  const time = median(ta.map((x, i) => x / tb[i]));
  const memory = median(memA.map((x, i) => x / memB[i]));
  console.log(`  A median ${f1(median(ta) / 1000)} s, peak ${f1(median(memA))} MB   B median ${f1(median(tb) / 1000)} s, peak ${f1(median(memB))} MB (medians)`);
  console.log(`  time ratio (median of the paired ratios) ${time.toFixed(2)}: ${verdict(time, 1.5)}`);
  // Wall time is the goal; CPU time (user + system, every thread) says what the second thread costs.
  console.log(`  CPU time: A median ${f1(median(cpuA) / 1000)} s, B median ${f1(median(cpuB) / 1000)} s, ratio (median of the paired ratios) ${median(cpuA.map((x, i) => x / cpuB[i])).toFixed(2)} (no goal)`);
  console.log(`  memory ratio (median of the paired ratios) ${memory.toFixed(2)}: ${verdict(memory, 2)}\n`);
}

function uncertainty() {
  // The 2021 snapshots of batteries hold the ranged values the sampler draws (docs/scenarios.md#uncertainty).
  const argv = [BIN, 'shock', 'batteries', '--cut', 'cn', '--loss', '30%', '--year', '2021', '--uncertainty', '--samples', String(SAMPLES), '--json'];
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
if (ONLY.has('user')) userData();
if (ONLY.has('uncertainty')) uncertainty();
if (ONLY.has('scale')) scale();
