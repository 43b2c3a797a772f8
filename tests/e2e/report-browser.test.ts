// The HTML report in a real browser (Debian's headless Chromium driven by playwright-core): each
// chart is there, visible, with one mark per stage, input, partner or policy that the JSON of the
// same numbers has; nothing is loaded; hostile data run no script and show as text; bidi
// controls in user data leave the visible text as written; at 390 px no text is below 9 px and
// the page is no wider than the screen; printed to PDF the first page is not blank and headings
// stay with what follows; long realistic names never run into a bar or a cell; --out refuses a
// FIFO or a device and follows a symlink to a regular file. Screenshots and PDFs go to
// artifacts/ (gitignored). .ci/run installs chromium; without it the test skips locally and
// fails on CI.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectorScore } from '../../src/engine/results.js';
import type { PoliciesResult } from '../../src/engine/results-policies.js';
import type { ShockResult, WorstCase } from '../../src/engine/results-shock.js';
import { fixture, ROOT, scsr, scsrJson } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf-text.js';

const CHROMIUM = '/usr/bin/chromium';
const ON_CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const SKIP = !existsSync(CHROMIUM) && !ON_CI;
const ARTIFACTS = join(ROOT, 'artifacts');
if (SKIP) console.warn(`report-browser.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium). With CI=true it runs, and fails without it.`);

let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  if (SKIP) return;
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package before the tests`);
  mkdirSync(ARTIFACTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'scsr-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A page that records what would betray a script or a load: dialogs, console errors, page errors, requests. */
async function watchedPage(): Promise<{ page: Page; dialogs: string[]; errors: string[]; requests: string[] }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  return { page, dialogs, errors, requests };
}

function writeReport(name: string, args: string[]): string {
  const out = join(ARTIFACTS, `report-${name}.html`);
  const r = scsr(['report', ...args, '--out', out]);
  if (r.code !== 0) throw new Error(`scsr report ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return out;
}

describe.skipIf(SKIP)('scsr report in headless Chromium', () => {
  it('the watchers catch a script that runs, and one the policy blocks (control)', async () => {
    const { page, dialogs, errors } = await watchedPage();
    await page.setContent('<script>alert("ran")</script>');
    expect(dialogs).toEqual(['ran']);
    await page.setContent(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'"><script>alert("blocked")</script>`);
    expect(dialogs).toEqual(['ran']);
    expect(errors.join('\n')).toMatch(/Content Security Policy/);
    await page.close();
  });

  for (const sector of ['semiconductors', 'batteries']) {
    it(`${sector}: every chart is visible with one mark per stage, input, partner and policy`, async () => {
      const score = scsrJson<{ scores: SectorScore[] }>(['score', sector]).scores[0]!;
      const worst = scsrJson<WorstCase>(['shock', sector, '--worst', '--top', '10000']);
      const pick = worst.byWorld.find((e) => e.target.kind === 'country' && (e.worldLostPct ?? 0) > 0)!;
      const cutOff = scsrJson<ShockResult>(['shock', sector, '--cut', pick.target.id]);
      const policies = scsrJson<PoliciesResult>(['policies', sector]).sectors[0]!;

      const file = writeReport(sector, [sector]);
      const { page, dialogs, errors, requests } = await watchedPage();
      await page.goto(pathToFileURL(file).href);

      const chart = (kind: string) => page.locator(`figure[data-chart="${kind}"]`);
      const marks = (kind: string, mark: string) => chart(kind).locator(`svg [data-mark="${mark}"]`);
      for (const kind of ['heatmap', 'risk', 'exposure', 'shock', 'policies']) {
        const svg = chart(kind).locator('svg[aria-labelledby]');
        expect(await svg.count(), kind).toBe(1);
        expect(await svg.isVisible(), kind).toBe(true);
        const box = (await svg.boundingBox())!;
        expect(box.width, kind).toBeGreaterThan(300);
        expect(box.height, kind).toBeGreaterThan(80);
      }

      // Heat map: one row per stage and per input; a cell per supplier of each list shown; chokepoints marked.
      const listed = score.stages.flatMap((st) => [...(st.snapshot ? [st] : []), ...st.inputs.filter((i) => i.snapshot)]);
      expect(await marks('heatmap', 'heat-row').count()).toBe(score.stages.length + score.stages.reduce((n, st) => n + st.inputs.length, 0));
      // Cells of the columns drawn (at most 20 named suppliers and the unattributed rest; the others are named in a note).
      const drawn = new Set(await chart('heatmap').locator('svg [data-column]').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-column'))));
      expect(drawn.size).toBeGreaterThan(5);
      expect(await marks('heatmap', 'heat-cell').count()).toBe(listed.reduce((n, x) => n + x.suppliers.filter((p) => drawn.has(p.id)).length, 0));
      // One mark per supplier and kind: outline for a chokepoint, corner for more than half of the imports.
      expect(await marks('heatmap', 'chokepoint').count()).toBe(listed.reduce((n, x) => n + new Set(x.chokepoints.filter((c) => drawn.has(c.supplier)).map((c) => `${c.supplier} ${c.kind}`)).size, 0));

      // Stage risk: one bar per stage with a risk, the weakest link marked once; rating and
      // modelled risk beside it where the two are blended.
      const blended = score.stages.filter((st) => st.risk.rating !== null && st.risk.modelled !== null).length;
      expect(await marks('risk', 'risk').count()).toBe(score.stages.filter((st) => st.risk.value !== null).length);
      expect(await marks('risk', 'rating').count()).toBe(blended);
      expect(await marks('risk', 'modelled').count()).toBe(blended);
      const weakest = chart('risk').locator('[data-weakest="true"]');
      expect(await weakest.count()).toBe(1);
      expect(await weakest.textContent()).toContain(score.weakestLink!.name);
      for (const bar of await marks('risk', 'risk').all()) expect(await bar.isVisible()).toBe(true);

      // Exposure: the top partners, at most eight, and the worst cut-off's country wherever it ranks.
      const topIds = score.exposures.slice(0, 8).map((e) => e.partner);
      const cutOffListed = score.exposures.some((e) => e.partner === pick.target.id);
      expect(await marks('exposure', 'exposure').count()).toBe(topIds.length + (cutOffListed && !topIds.includes(pick.target.id) ? 1 : 0));
      expect(await marks('exposure', 'exposure').first().textContent()).toContain(score.exposures[0]!.name);
      const cutOffRow = chart('exposure').locator('svg [data-cutoff="true"]');
      expect(await cutOffRow.count()).toBe(1);
      expect(await cutOffRow.textContent()).toContain(pick.target.name);

      // The worst single-country cut-off: what every stage with data delivers after it, against
      // a 100% reference line (before is 100% by definition: no bar).
      expect(await chart('shock').locator('h3').textContent()).toContain(pick.target.name);
      const withData = cutOff.stages.filter((st) => st.tree.afterPct !== null).length;
      expect(await marks('shock', 'shock-stage').count()).toBe(withData);
      expect(await marks('shock', 'after').count()).toBe(withData);
      expect(await marks('shock', 'before').count()).toBe(0);
      expect(await marks('shock', 'reference').count()).toBe(1);

      // Policies: short term beside mid-to-long term, one mark per rating the data give.
      const rated = (h: 'short' | 'long') => policies.policies.filter((p) => p.impact?.[h]).length;
      expect(await chart('policies').locator('svg [data-horizon="short"]').count()).toBe(rated('short'));
      expect(await chart('policies').locator('svg [data-horizon="long"]').count()).toBe(rated('long'));
      expect(await marks('policies', 'policy').count()).toBe(policies.policies.length);

      // Sources: every cited number leads to a listed source.
      for (const href of await page.locator('figcaption a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
        expect(await page.locator(href!).count(), href!).toBe(1);
      }

      await page.screenshot({ path: join(ARTIFACTS, `report-${sector}.png`), fullPage: true });

      // No label runs into a bar or a cell.
      expect(await overlaps(page)).toEqual([]);

      // Printed: the charts stay, and the tables are printed in full (collapsed on screen).
      const table = page.locator('details.data table').first();
      expect(await table.isVisible()).toBe(false);
      await page.emulateMedia({ media: 'print' });
      for (const kind of ['heatmap', 'risk', 'exposure', 'shock', 'policies']) expect(await chart(kind).locator('svg[aria-labelledby]').isVisible(), `print ${kind}`).toBe(true);
      expect(await table.isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      await page.close();
    });
  }

  it('hostile data: no script runs, nothing is loaded, and the payloads show as text', async () => {
    const file = writeReport('hostile', ['hostile', '--data', fixture('hostile')]);
    const { page, dialogs, errors, requests } = await watchedPage();
    await page.goto(pathToFileURL(file).href);
    // Hover and click everything a payload might have turned into a handler or a link.
    for (const el of await page.locator('svg text, th, li, strong').all()) await el.hover({ force: true, timeout: 2000 }).catch(() => undefined);
    for (const a of await page.locator('a').all()) {
      const href = await a.getAttribute('href');
      if (href?.startsWith('#')) await a.click();
    }
    await page.waitForTimeout(300);

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    // Run in the page (a string: the tests are type-checked without the DOM library).
    const found = await page.evaluate<{ scripts: number; handlers: string[]; hrefs: string[]; svgs: number }>(`({
      scripts: document.querySelectorAll('script, iframe, img, object, embed, b, i').length,
      handlers: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))),
      hrefs: [...document.querySelectorAll('[href]')].map((e) => e.getAttribute('href')),
      svgs: document.querySelectorAll('svg').length,
    })`);
    expect(found.scripts).toBe(0);
    expect(found.handlers).toEqual([]);
    for (const href of found.hrefs) expect(href).toMatch(/^(#|https?:\/\/)/);
    expect(found.svgs).toBeGreaterThanOrEqual(5);
    expect(await page.locator('svg[aria-labelledby]').count()).toBe(5);

    // The text a reader sees, literally (isolates aside).
    expect(await page.locator('h2').first().textContent()).toBe('<script>alert("sector")</script>, from the viewpoint of <img src=x onerror=alert("xa")>');
    const chartText = (await page.locator('svg text').allTextContents()).map((t) => t.replace(/[\u2068\u2069]/g, ''));
    for (const p of ['<script>alert("stage")</script>', `" onerror="alert('input')`, '</svg></figure><svg onload=alert(2)>', '1. <a href="javascript:alert(1)">click me</a>']) {
      expect(chartText, p).toContain(p);
    }
    const sources = await page.locator('.sources li').allTextContents();
    expect(sources[0]).toContain('<b>Evil</b> &amp; Co: </svg><img src=x onerror=alert("title")> (2024). javascript:alert("source-url")');
    expect(sources[1]).toContain('data:text/html,<script>alert("data-url")</script>');
    // A link shows the address it goes to.
    expect(await page.locator('.sources a[href^="https://example.org/"]').textContent()).toBe('https://example.org/a?b=%22c%22&d=%3Ce%3E');
    await page.screenshot({ path: join(ARTIFACTS, 'report-hostile.png'), fullPage: true });
    await page.close();
  });

  it('bidi: the summary, headings, captions, chart text and source links read as written (a control without isolation does not)', async () => {
    const page = await context.newPage();
    // Control: the same payload without isolation reverses the text after it, and the check sees it.
    await page.setContent('<ul class="summary"><li>Largest exposure: Fakeland\u202e, 90% of foreign supply.</li></ul>');
    const control = await visualOrder(page, '.summary li');
    expect(control[0]!.visual).not.toBe(control[0]!.logical);

    const file = writeReport('bidi', ['bidi', '--data', fixture('report', 'bidi')]);
    await page.goto(pathToFileURL(file).href);
    const checked = await visualOrder(page, '.summary li, h2, h3, figcaption, .meta, .sources li, .sources a, svg text:not([transform])');
    expect(checked.length).toBeGreaterThan(40);
    for (const t of checked) expect(t.visual, t.logical).toBe(t.logical);
    // The figures scsr writes after a name read as written: "90%", not "%09".
    expect(await page.locator('.summary').textContent()).toMatch(/Fakeland\u202e\u202c, 9\d(\.\d)?% of United States’s imports/);
    // The link shows where it goes; the look-alike host is flagged.
    const links = await page.locator('.sources a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    for (const [href, textShown] of links) expect(textShown).toBe(href);
    expect(await page.locator('.sources .warn').first().textContent()).toContain('mixed scripts in the host name (Cyrillic, Latin)');
    await page.screenshot({ path: join(ARTIFACTS, 'report-bidi.png'), fullPage: true });
    await page.close();
  });

  it('390 px wide: no text below 9 px, the page no wider than the screen, charts at full size scrolling sideways', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [name, args] of [['semiconductors', ['semiconductors']], ['realistic', ['pharmaceuticals', '--data', fixture('report', 'realistic')]]] as const) {
      await page.goto(pathToFileURL(writeReport(`${name}-390`, [...args])).href);
      const m = await page.evaluate<{ pageWidth: number; smallest: Array<[string, number]>; scrolling: number; charts: number }>(`(() => {
        const smallest = [];
        for (const el of document.querySelectorAll('body *')) {
          if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
          if (el.closest('details:not([open])') && !el.closest('summary')) continue;
          let size = parseFloat(getComputedStyle(el).fontSize);
          if (el.closest('title, desc')) continue;
          if (el instanceof SVGElement) size *= el.closest('svg').getScreenCTM().a;
          if (size < 9) smallest.push([el.textContent.slice(0, 40), size]);
        }
        const wraps = [...document.querySelectorAll('figure .scroll')];
        return {
          pageWidth: document.documentElement.scrollWidth,
          smallest,
          scrolling: wraps.filter((w) => w.scrollWidth > w.clientWidth + 1).length,
          charts: wraps.length,
        };
      })()`);
      expect(m.pageWidth, name).toBeLessThanOrEqual(390);
      expect(m.smallest, name).toEqual([]);
      // Charts wider than the screen keep their size and scroll inside their own box.
      expect(m.scrolling, name).toBeGreaterThan(0);
      await page.screenshot({ path: join(ARTIFACTS, `report-${name}-390.png`), fullPage: true });
    }
    await page.close();
  });

  it('printed to PDF (A4): the first page is not blank, headings stay with what follows, chart text 6.5 pt or more, tables in full', async () => {
    const page = await context.newPage();
    for (const [name, args] of [['semiconductors', ['semiconductors']], ['batteries-kr', ['batteries', '--country', 'kr']], ['realistic', ['pharmaceuticals', '--data', fixture('report', 'realistic')]]] as const) {
      await page.goto(pathToFileURL(writeReport(`${name}-print`, [...args])).href);
      const headings = (await page.locator('h1, h2, h3').allTextContents()).map(norm);
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(ARTIFACTS, `report-${name}.pdf`), pdf);
      const pages = pdfPages(pdf);
      expect(pages.length, name).toBeGreaterThan(1);
      // Page 1 holds the first chart and is filled past two thirds of its height.
      const first = pages[0]!;
      expect(first.lines.map((l) => norm(l.text)).join(''), name).toContain(norm('Figure 1.1 Stage risk and the weakest link'));
      expect(Math.max(...first.lines.map((l) => l.top)) / first.height, name).toBeGreaterThan(0.66);
      // Every heading is found on a page, and something of what it heads follows it there.
      for (const heading of headings) {
        const at = findHeading(pages, heading);
        expect(at, `${name}: ${heading}`).not.toBeNull();
        expect(at!.lastLine, `${name}: "${heading}" is the last line of page ${at!.page + 1}`).toBeLessThan(pages[at!.page]!.lines.length - 1);
      }
      // Print-sized charts: nothing under 6.5 pt (the heat map on its landscape page included).
      const sizes = pages.flatMap((p) => p.lines.map((l) => l.size));
      expect(Math.min(...sizes), name).toBeGreaterThanOrEqual(6.5);
      // The tables (collapsed on screen) are printed: the full names of the heat map's rows are there.
      const all = norm(pages.flatMap((p) => p.lines.map((l) => l.text)).join(''));
      expect(all).toContain(norm('Shares: the numbers as a table'));
      if (name === 'realistic') expect(all).toContain(norm('Primary packaging, labelling, serialisation and cold-chain distribution to hospitals and pharmacies'));
    }
    await page.close();
  });

  it('long realistic names: no label overlaps a bar or a cell, and no text runs off its chart', async () => {
    const page = await context.newPage();
    for (const [name, args] of [['realistic', ['pharmaceuticals', '--data', fixture('report', 'realistic')]], ['realistic-kr', ['pharmaceuticals', '--data', fixture('report', 'realistic'), '--country', 'kr']]] as const) {
      await page.goto(pathToFileURL(writeReport(name, [...args])).href);
      expect(await overlaps(page), name).toEqual([]);
      // The long names are really there (wrapped or clipped with their full text as a tooltip).
      expect(await page.locator('svg text').count()).toBeGreaterThan(50);
      await page.screenshot({ path: join(ARTIFACTS, `report-${name}.png`), fullPage: true });
    }
    await page.close();
  });

  it('--out: a FIFO and device-like targets are refused, a symlink to a regular file is followed and the page opens whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scsr-out-'));
    try {
      execFileSync('mkfifo', [join(dir, 'pipe.html')]);
      symlinkSync('/dev/null', join(dir, 'null.html'));
      const targets = [join(dir, 'pipe.html'), join(dir, 'null.html')];
      if (process.getuid?.() === 0) {
        // A device node of our own in the temporary directory: never a real one.
        execFileSync('mknod', ['-m', '666', join(dir, 'device.html'), 'c', '1', '3']);
        targets.push(join(dir, 'device.html'));
      }
      for (const out of targets) {
        const r = scsr(['report', 'batteries', '--out', out]);
        expect(r.code, out).toBe(4);
        expect(r.stderr).toMatch(/^scsr: cannot write .*: is (a named pipe|a symlink to a character device|a character device)[^\n]*\n$/);
      }
      expect(lstatSync(join(dir, 'pipe.html')).isFIFO()).toBe(true);
      expect(statSync('/dev/null').isCharacterDevice()).toBe(true);

      writeFileSync(join(dir, 'real.html'), 'old');
      symlinkSync('real.html', join(dir, 'latest.html'));
      const r = scsr(['report', 'batteries', '--out', join(dir, 'latest.html')]);
      expect(r.code).toBe(0);
      expect(lstatSync(join(dir, 'latest.html')).isSymbolicLink()).toBe(true);
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(dir, 'real.html')).href);
      expect(await page.locator('svg[aria-labelledby]').count()).toBe(5);
      expect(readFileSync(join(dir, 'real.html'), 'utf8').trimEnd().endsWith('</html>')).toBe(true);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Text as compared across the page and the PDF: compatibility forms (ligatures), no spaces or isolates. */
const norm = (s: string): string => s.normalize('NFKC').replace(/[\s\u2066-\u2069\u202a-\u202e\u200e\u200f]/g, '');

/** Where a heading is in the printed pages: its page and the index of its last line there. */
function findHeading(pages: ReturnType<typeof pdfPages>, heading: string): { page: number; lastLine: number } | null {
  for (const [p, page] of pages.entries()) {
    const lines = page.lines.map((l) => norm(l.text));
    for (let i = 0; i < lines.length; i++) {
      let joined = '';
      for (let j = i; j < lines.length && joined.length < heading.length; j++) {
        joined += lines[j];
        if (joined === heading) return { page: p, lastLine: j };
      }
    }
  }
  return null;
}

/**
 * Each element's characters in logical order, and the same characters sorted as they show on
 * screen (line by line, left to right); bidi controls and spaces left out. For left-to-right
 * text the two are equal unless something reversed it.
 */
async function visualOrder(page: Page, selector: string): Promise<Array<{ logical: string; visual: string }>> {
  return page.evaluate<Array<{ logical: string; visual: string }>>(`(() => {
    const out = [];
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const chars = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('title, desc')) continue;
        const t = node.textContent;
        for (let i = 0; i < t.length; i++) {
          if (/[\\s\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]/.test(t[i])) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const box = range.getClientRects()[0];
          if (box) chars.push({ ch: t[i], x: box.left + box.width / 2, y: box.top + box.height / 2, h: box.height });
        }
      }
      const visual = [...chars].sort((a, b) => (Math.abs(a.y - b.y) > a.h / 2 ? a.y - b.y : a.x - b.x));
      out.push({ logical: chars.map((c) => c.ch).join(''), visual: visual.map((c) => c.ch).join('') });
    }
    return out;
  })()`);
}

/**
 * Chart text that overlaps a mark (a bar or a cell) of the same chart, or runs off the chart.
 * Text may sit on its own heat-map cell or gap box; band backgrounds (class bg) are not marks.
 */
async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const found = [];
    const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    for (const svg of document.querySelectorAll('figure svg')) {
      const box = svg.getBoundingClientRect();
      const marks = [...svg.querySelectorAll('[data-mark] rect:not(.bg), [data-mark] polygon')].map((r) => ({ r, b: r.getBoundingClientRect(), g: r.closest('[data-mark]') }));
      for (const t of svg.querySelectorAll('text')) {
        if (t.closest('.legend')) continue;
        const tb = t.getBoundingClientRect();
        if (tb.width === 0) continue;
        const own = t.closest('[data-mark="heat-cell"], [data-mark="gap"]');
        for (const m of marks) {
          if (own && own.contains(m.r)) continue;
          if (hit(tb, m.b)) found.push(svg.closest('figure').dataset.chart + ': "' + t.textContent.slice(0, 50) + '" on ' + (m.g.dataset.mark) + ' ' + (m.g.textContent || '').slice(0, 30));
        }
        if (!t.hasAttribute('transform') && (tb.right > box.right + 1 || tb.left < box.left - 1)) found.push(svg.closest('figure').dataset.chart + ': "' + t.textContent.slice(0, 50) + '" runs off the chart');
      }
    }
    return found;
  })()`);
}
