// The HTML report in a real browser (Debian's headless Chromium driven by playwright-core): each
// chart is there, visible, with one mark per stage, input, partner or policy that the JSON of the
// same numbers has; nothing is loaded; hostile data run no script and show as text. Screenshots
// go to artifacts/ (gitignored). .ci/run installs chromium; without it the test skips locally
// and fails on CI.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectorScore } from '../../src/engine/results.js';
import type { PoliciesResult } from '../../src/engine/results-policies.js';
import type { ShockResult, WorstCase } from '../../src/engine/results-shock.js';
import { fixture, ROOT, scsr, scsrJson } from '../helpers/cli.js';

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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
      const cutOff = scsrJson<ShockResult>(['shock', sector, '--country', pick.target.id]);
      const policies = scsrJson<PoliciesResult>(['policies', sector]).sectors[0]!;

      const file = writeReport(sector, [sector]);
      const { page, dialogs, errors, requests } = await watchedPage();
      await page.goto(pathToFileURL(file).href);

      const chart = (kind: string) => page.locator(`figure[data-chart="${kind}"]`);
      const marks = (kind: string, mark: string) => chart(kind).locator(`svg [data-mark="${mark}"]`);
      for (const kind of ['heatmap', 'risk', 'exposure', 'shock', 'policies']) {
        expect(await chart(kind).locator('svg').count(), kind).toBe(1);
        expect(await chart(kind).locator('svg').isVisible(), kind).toBe(true);
        const box = (await chart(kind).locator('svg').boundingBox())!;
        expect(box.width, kind).toBeGreaterThan(300);
        expect(box.height, kind).toBeGreaterThan(80);
      }

      // Heat map: one row per stage and per input; a cell per supplier of each list shown; chokepoints marked.
      const listed = score.stages.flatMap((st) => [...(st.basedOn === 'stage' ? [st] : []), ...st.inputs.filter((i) => i.snapshot)]);
      expect(await marks('heatmap', 'heat-row').count()).toBe(score.stages.length + score.stages.reduce((n, st) => n + st.inputs.length, 0));
      expect(await marks('heatmap', 'heat-cell').count()).toBe(listed.reduce((n, x) => n + x.suppliers.length, 0));
      expect(await marks('heatmap', 'chokepoint').count()).toBe(listed.reduce((n, x) => n + new Set(x.chokepoints.map((c) => c.supplier)).size, 0));

      // Stage risk: one bar per stage with a risk, the weakest link marked once.
      expect(await marks('risk', 'risk').count()).toBe(score.stages.filter((st) => st.risk.value !== null).length);
      expect(await marks('risk', 'rating').count()).toBe(score.stages.filter((st) => st.risk.rating !== null).length);
      expect(await marks('risk', 'modelled').count()).toBe(score.stages.filter((st) => st.risk.modelled !== null).length);
      const weakest = chart('risk').locator('[data-weakest="true"]');
      expect(await weakest.count()).toBe(1);
      expect(await weakest.textContent()).toContain(score.weakestLink!.name);
      for (const bar of await marks('risk', 'risk').all()) expect(await bar.isVisible()).toBe(true);

      // Exposure: the top partners, at most eight.
      expect(await marks('exposure', 'exposure').count()).toBe(Math.min(8, score.exposures.length));
      expect(await marks('exposure', 'exposure').first().textContent()).toContain(score.exposures[0]!.name);

      // The worst single-country cut-off: before and after for every stage with data.
      expect(await chart('shock').locator('h3').textContent()).toContain(pick.target.name);
      const withData = cutOff.stages.filter((st) => st.afterPct !== null).length;
      expect(await marks('shock', 'shock-stage').count()).toBe(withData);
      expect(await marks('shock', 'before').count()).toBe(withData);
      expect(await marks('shock', 'after').count()).toBe(withData);

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

      // Printed: the charts stay, the collapsible tables go.
      await page.emulateMedia({ media: 'print' });
      for (const kind of ['heatmap', 'risk', 'exposure', 'shock', 'policies']) expect(await chart(kind).locator('svg').isVisible(), `print ${kind}`).toBe(true);
      expect(await page.locator('details.data').first().isVisible()).toBe(false);
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
    expect(found.svgs).toBe(5);

    // The text a reader sees, literally.
    expect(await page.locator('h2').first().textContent()).toBe('<script>alert("sector")</script>, from the viewpoint of <img src=x onerror=alert("xa")>');
    const chartText = await page.locator('svg text').allTextContents();
    for (const p of ['<script>alert("stage")</script>', `" onerror="alert('input')`, '</svg></figure><svg onload=alert(2)>', '1. <a href="javascript:alert(1)">click me</a>']) {
      expect(chartText, p).toContain(p);
    }
    const sources = await page.locator('.sources li').allTextContents();
    expect(sources[0]).toContain('<b>Evil</b> &amp; Co: </svg><img src=x onerror=alert("title")> (2024). javascript:alert("source-url")');
    expect(sources[1]).toContain('data:text/html,<script>alert("data-url")</script>');
    expect(await page.locator('.sources a[href^="https://example.org/"]').textContent()).toBe('https://example.org/a?b="c"&d=<e>');
    await page.screenshot({ path: join(ARTIFACTS, 'report-hostile.png'), fullPage: true });
    await page.close();
  });
});
