// Regenerates the README's two pictures from the built CLI (run `npm run build` first):
//   docs/report.png    the top of `scsr report semiconductors` (summary, stage risk, the start of
//                      the heat map), 1200 × 1400 pixels;
//   docs/terminal.png  `scsr score semiconductors` in colour, with its risk bars.
// Uses Debian's headless Chromium (apt-get install chromium) through playwright-core.
// Usage: node scripts/screenshots.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const MAX_BYTES = 300 * 1024;

function scsr(args, env = {}) {
  const e = { ...process.env, ...env };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  return execFileSync(process.execPath, [join(ROOT, 'bin/scsr.js'), ...args], { env: e, encoding: 'utf8', maxBuffer: 64 << 20 });
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// The SGR codes chalk writes at level 1 (16 colours), as the classes of a small terminal theme.
const FG = { 31: 'red', 32: 'green', 33: 'yellow', 34: 'blue', 35: 'magenta', 36: 'cyan', 37: 'white', 90: 'grey' };

/** ANSI-coloured text as HTML spans. */
function ansiToHtml(text) {
  let state = { bold: false, dim: false, fg: null };
  let out = '';
  for (const part of text.split(/(\x1b\[[0-9;]*m)/)) {
    const sgr = /^\x1b\[([0-9;]*)m$/.exec(part);
    if (sgr) {
      for (const code of (sgr[1] || '0').split(';').map(Number)) {
        if (code === 0) state = { bold: false, dim: false, fg: null };
        else if (code === 1) state.bold = true;
        else if (code === 2) state.dim = true;
        else if (code === 22) state = { ...state, bold: false, dim: false };
        else if (code === 39) state.fg = null;
        else if (FG[code]) state.fg = FG[code];
      }
      continue;
    }
    if (!part) continue;
    const cls = [state.bold && 'b', state.dim && 'd', state.fg].filter(Boolean).join(' ');
    out += cls ? `<span class="${cls}">${escapeHtml(part)}</span>` : escapeHtml(part);
  }
  return out;
}

function terminalPage(ansi) {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;background:#fff}
pre{display:inline-block;margin:0;padding:14px 18px;background:#1d1f21;color:#d8d8d8;font:13px/1.17 "DejaVu Sans Mono",monospace;border-radius:6px}
.b{font-weight:bold}.d{opacity:.65}
.red{color:#ff6b6b}.green{color:#5fd787}.yellow{color:#f3d16b}.blue{color:#6aa7ff}.magenta{color:#d68cff}.cyan{color:#56c8d8}.white{color:#fff}.grey{color:#8a8a8a}
</style></head><body><pre><span class="green">$</span> scsr score semiconductors\n${ansiToHtml(ansi)}</pre></body></html>`;
}

const work = mkdtempSync(join(tmpdir(), 'scsr-screenshots-'));
const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1200, height: 1400 },
  deviceScaleFactor: 1,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();

  const report = join(work, 'report.html');
  execFileSync(process.execPath, [join(ROOT, 'bin/scsr.js'), 'report', 'semiconductors', '--out', report], { stdio: ['ignore', 'ignore', 'inherit'] });
  await page.goto(pathToFileURL(report).href);
  await page.screenshot({ path: join(ROOT, 'docs/report.png'), clip: { x: 0, y: 0, width: 1200, height: 1400 } });

  // A colour terminal 150 columns wide: bars of 10 cells beside the risks.
  const ansi = scsr(['score', 'semiconductors'], { FORCE_COLOR: '1', NO_COLOR: undefined, COLUMNS: '150' });
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.setContent(terminalPage(ansi));
  await page.locator('pre').screenshot({ path: join(ROOT, 'docs/terminal.png') });
} finally {
  await context.close();
  rmSync(work, { recursive: true, force: true });
}

for (const f of ['docs/report.png', 'docs/terminal.png']) {
  const size = statSync(join(ROOT, f)).size;
  console.log(`${f}: ${Math.round(size / 1024)} KB${size > MAX_BYTES ? ' (over 300 KB: crop or simplify)' : ''}`);
}
