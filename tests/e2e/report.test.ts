// `scsr report` without a browser: a self-contained page under a script-free CSP, one chart per
// part with a title and description, hostile data shown as escaped text, --out written whole,
// and the exit codes. The browser checks are in report-browser.test.ts.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/render/html.js';
import { COLOR, esc, SHARE_STEPS } from '../../src/render/svg.js';
import { fixture, scsr, scsrJson } from '../helpers/cli.js';

const CHARTS = ['heatmap', 'risk', 'exposure', 'shock', 'policies'];
const HOSTILE = fixture('hostile');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'scsr-report-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** What the browser reads from escaped text. */
const unescape = (s: string): string => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

/** Values of every attribute `name` in the page, as the browser reads them. */
const attrValues = (html: string, name: string): string[] => [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => unescape(m[1]!));

/**
 * Every tag of the page. Data never carry a raw "<" (it is escaped), so each "<" opens a tag
 * this code wrote; a tag that does not parse here fails the test.
 */
function tags(html: string): Array<{ name: string; attrs: string[] }> {
  const out: Array<{ name: string; attrs: string[] }> = [];
  const body = html.replace(/^<!doctype html>\n/, '').replace(/<style>[^<]*<\/style>/, '<style></style>');
  for (const m of body.matchAll(/<[^>]*>?/g)) {
    const t = /^<\/?([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*\/?>$/.exec(m[0]);
    if (!t) throw new Error(`not a tag: ${m[0].slice(0, 80)}`);
    out.push({ name: t[1]!.toLowerCase(), attrs: [...t[2]!.matchAll(/\s([\w:-]+)/g)].map((a) => a[1]!.toLowerCase()) });
  }
  return out;
}

describe('scsr report: a self-contained page', () => {
  const one = () => scsr(['report', 'semiconductors']);

  it('is one HTML document on stdout with the no-script Content-Security-Policy first in <head>', () => {
    const r = one();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')).toBe(true);
    expect(attrValues(r.stdout, 'content')).toContain("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src/);
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('loads nothing: no script, external stylesheet, font, image, frame or url()', () => {
    const html = one().stdout;
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|image|use|foreignObject)\b/i);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
    expect(attrValues(html, 'src')).toEqual([]);
    expect(attrValues(html, 'xlink:href')).toEqual([]);
    // Only <a> carries href: fragments to the sources, or the sources' own http(s) pages.
    for (const href of attrValues(html, 'href')) expect(href).toMatch(/^(#s\d+-src-\d+|#s\d+|https?:\/\/)/);
    expect(html.match(/<a\b/g)?.length).toBe(attrValues(html, 'href').length);
  });

  it('draws the five charts of each sector as inline SVG, each with a title and a description', () => {
    const html = one().stdout;
    for (const kind of CHARTS) expect(html).toContain(`data-chart="${kind}"`);
    const svgs = [...html.matchAll(/<svg\b([^>]*)>(.*?)<\/svg>/gs)];
    expect(svgs.length).toBe(CHARTS.length);
    for (const [, attrs, inner] of svgs) {
      const id = /\bid="([^"]+)"/.exec(attrs!)![1];
      expect(attrs).toContain('role="img"');
      expect(attrs).toContain(`aria-labelledby="${id}-t ${id}-d"`);
      expect(inner!.startsWith(`<title id="${id}-t">`)).toBe(true);
      expect(inner).toMatch(new RegExp(`</title><desc id="${id}-d">[^<]{20,}</desc>`));
      // Text stays text: every label is a <text> element, no glyph outlines.
      expect(inner).toMatch(/<text\b/);
    }
  });

  it('tells colours apart by lightness, so charts survive greyscale printing and colour blindness', () => {
    // CIE L* of an sRGB colour: linearise each channel, Y = 0.2126 R + 0.7152 G + 0.0722 B,
    // L* = 116 Y^(1/3) − 16 (above the tiny linear segment near black).
    const lightness = (hex: string): number => {
      const n = Number.parseInt(hex.slice(1), 16);
      const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      const y = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
    };
    // Share steps: each darker than the one before by 12 L* or more (#fde725 ≈ 91 … #440154 ≈ 15).
    const steps = SHARE_STEPS.map((s) => lightness(s.fill));
    for (let i = 1; i < steps.length; i++) expect(steps[i - 1]! - steps[i]!).toBeGreaterThanOrEqual(12);
    // Marks drawn side by side: 20 L* apart or more.
    const pairs: Array<[string, string]> = [
      [COLOR.risk, COLOR.weakest],
      [COLOR.rating, COLOR.modelled],
      [COLOR.before, COLOR.worldAfter],
      [COLOR.before, COLOR.viewAfter],
      [COLOR.worldAfter, COLOR.viewAfter],
      [COLOR.exposureMax, COLOR.exposureMean],
      [COLOR.positive, COLOR.negative],
    ];
    for (const [a, b] of pairs) expect(Math.abs(lightness(a) - lightness(b)), `${a} vs ${b}`).toBeGreaterThanOrEqual(20);
  });

  it('has a print stylesheet', () => {
    expect(one().stdout).toMatch(/@media print\{[^]*break-inside:avoid/);
  });

  it('numbers every source of the sector and the countries data, and the charts cite them', () => {
    const html = one().stdout;
    const own = scsrJson<{ sources: unknown[] }>(['sources', 'semiconductors']).sources.length;
    const countriesSources = scsrJson<{ sources: Array<{ sector: string | null }> }>(['sources']).sources.filter((s) => s.sector === null).length;
    const items = [...html.matchAll(/<li id="s1-src-(\d+)">/g)].map((m) => Number(m[1]));
    expect(items).toEqual(Array.from({ length: own + countriesSources }, (_, i) => i + 1));
    // Every cited number points at a listed source.
    for (const href of attrValues(html, 'href').filter((h) => h.startsWith('#s1-src-'))) expect(items).toContain(Number(href.slice(8)));
  });

  it('covers every sector by default, each from its assessor (the US for the built-in ones)', () => {
    const r = scsr(['report']);
    expect(r.code).toBe(0);
    const sectors = scsrJson<{ sectors: Array<{ name: string }> }>(['list', 'sectors']).sectors;
    const headings = [...r.stdout.matchAll(/<h2 id="s\d+-h">([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(sectors.map((s) => `${esc(s.name)}, from the viewpoint of United States`));
    expect((r.stdout.match(/<svg\b/g) ?? []).length).toBe(CHARTS.length * sectors.length);
  });

  it('takes the viewpoint from --country', () => {
    const r = scsr(['report', 'batteries', '--country', 'korea']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Batteries (lithium-ion), from the viewpoint of South Korea');
  });
});

describe('scsr report: hostile data are shown as text', () => {
  let html: string;
  beforeAll(() => {
    const r = scsr(['report', 'hostile', '--data', HOSTILE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    html = r.stdout;
  });

  const payloads = [
    '<script>alert("sector")</script>',
    '<script>alert("stage")</script>',
    `" onerror="alert('input')`,
    '</svg></figure><svg onload=alert(2)>',
    '</svg><img src=x onerror=alert("title")>',
    '<img src=x onerror=alert("xa")>',
    '</svg><script>alert("xb")</script>',
    "' onmouseover='alert(3)' x='",
    '<a href="javascript:alert(1)">click me</a>',
    '</td></tr></table><script>alert("impact")</script>',
    '<iframe src="javascript:alert(`diagnosis`)"></iframe>',
    '<b>Evil</b> &amp; Co',
  ];

  it('escapes every payload (the escaped text is there, the raw markup is not)', () => {
    for (const p of payloads) {
      expect(html).toContain(esc(p));
      expect(html).not.toContain(p);
    }
    // The one escape: & < > " ' all become entities, so "&amp;" in the data shows as "&amp;".
    expect(esc(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('adds no element or attribute of its own making: no script, handler, frame or image', () => {
    const all = tags(html);
    const names = new Set(all.map((t) => t.name));
    for (const bad of ['script', 'img', 'iframe', 'object', 'embed', 'i', 'b', 'foreignobject']) expect(names.has(bad), bad).toBe(false);
    const attrs = new Set(all.flatMap((t) => t.attrs));
    expect([...attrs].filter((a) => a.startsWith('on') || a === 'style' || a === 'src')).toEqual([]);
    // The same tags as in a page without payloads: the built-in sectors use no other.
    const builtin = new Set(tags(scsr(['report']).stdout).map((t) => t.name));
    expect([...names].filter((n) => !builtin.has(n))).toEqual([]);
    // Still five charts: no payload closed an <svg> or a <figure> early.
    expect((html.match(/<svg\b/g) ?? []).length).toBe(CHARTS.length);
    expect((html.match(/<\/svg>/g) ?? []).length).toBe(CHARTS.length);
    expect((html.match(/<figure\b/g) ?? []).length).toBe((html.match(/<\/figure>/g) ?? []).length);
  });

  it('links only http(s) source addresses; javascript: and data: addresses are text', () => {
    const hrefs = attrValues(html, 'href');
    for (const href of hrefs) expect(href).toMatch(/^(#|https?:\/\/)/);
    expect(hrefs).toContain('https://example.org/a?b=%22c%22&d=%3Ce%3E');
    expect(html).toContain(`<span class="url">${esc('javascript:alert("source-url")')}</span>`);
    expect(html).toContain(`<span class="url">${esc('data:text/html,<script>alert("data-url")</script>')}</span>`);
    expect(html).toContain(`<span class="url">${esc('javascript:alert("countries-url")')}</span>`);
  });
});

describe('scsr report --out', () => {
  it('writes the same page as stdout, and leaves no temporary file', () => {
    const dir = join(tmp, 'ok');
    mkdirSync(dir);
    const out = join(dir, 'report.html');
    writeFileSync(out, 'an older report that must be replaced whole');
    const r = scsr(['report', 'batteries', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(scsr(['report', 'batteries']).stdout);
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('exits 4 with one line when the file cannot be written, and writes nothing', () => {
    const dir = join(tmp, 'fail');
    mkdirSync(dir);
    writeFileSync(join(dir, 'plain-file'), 'x');
    mkdirSync(join(dir, 'a-directory'));
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'missing', 'report.html'), /no such directory/],
      [join(dir, 'plain-file', 'report.html'), /not a directory/],
      [join(dir, 'a-directory'), /is a directory|EISDIR|not empty/i],
    ];
    for (const [out, reason] of cases) {
      const r = scsr(['report', 'batteries', '--out', out]);
      expect(r.code).toBe(4);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^scsr: cannot write ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+\\n$`));
      expect(r.stderr).toMatch(reason);
    }
    expect(readdirSync(dir).sort()).toEqual(['a-directory', 'plain-file']);
    expect(readdirSync(join(dir, 'a-directory'))).toEqual([]);
  });
});

describe('scsr report: exit codes', () => {
  it('2 for an unknown sector or country, and for --json or --format (HTML only)', () => {
    for (const args of [['report', 'chocolate'], ['report', '--country', 'atlantis'], ['report', '--json'], ['report', '--format', 'json']]) {
      const r = scsr(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('3 for invalid user data, 4 for a data path that does not exist', () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'id: broken\nname: Broken\nsources: []\nstages: []\n');
    expect(scsr(['report', '--data', bad]).code).toBe(3);
    expect(scsr(['report', '--data', join(tmp, 'nowhere.yaml')]).code).toBe(4);
  });

  it('says in --help that it writes HTML only', () => {
    const r = scsr(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/HTML only: (it has )?no --json or --format/);
    expect(r.stdout).not.toMatch(/--json\s+JSON output/);
  });
});
