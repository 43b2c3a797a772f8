// `scsr report` without a browser: a self-contained page under a script-free CSP, one chart per
// part with a title and description, hostile data shown as escaped text, user text
// bidi-isolated, --out written whole and only to a regular file or a new path, and the exit
// codes. The browser checks are in report-browser.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/render/html.js';
import { COLOR, esc, SHARE_STEPS } from '../../src/render/svg.js';
import { BIN, fixture, scsr, scsrJson } from '../helpers/cli.js';

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
    out.push({ name: t[1]!.toLowerCase(), attrs: [...t[2]!.matchAll(/\s([\w:-]+)(?:="[^"]*")?/g)].map((a) => a[1]!.toLowerCase()) });
  }
  return out;
}

describe('scsr report: a self-contained page', () => {
  const one = () => scsr(['report', 'semiconductors']);

  it('is one HTML document on stdout with the no-script Content-Security-Policy first in <head>', () => {
    const r = one();
    expect(r.code).toBe(0);
    // Where the page went, on stderr: here stdout (a pipe).
    expect(r.stderr).toMatch(/^scsr: wrote the report to standard output \(\d+ KB\)\n$/);
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
    // One titled SVG per chart; the heat map's stage bands and footer are SVGs of their own.
    const svgs = [...html.matchAll(/<svg\b([^>]*)>(.*?)<\/svg>/gs)];
    const titled = svgs.filter(([, attrs]) => attrs!.includes('aria-labelledby'));
    expect(titled.length).toBe(CHARTS.length);
    for (const [, attrs, inner] of titled) {
      const id = /\bid="([^"]+)"/.exec(attrs!)![1];
      expect(attrs).toContain('role="img"');
      expect(attrs).toContain(`aria-labelledby="${id}-t ${id}-d"`);
      expect(inner!.startsWith(`<title id="${id}-t">`)).toBe(true);
      expect(inner).toMatch(new RegExp(`</title><desc id="${id}-d">[^<]{20,}</desc>`));
      // Text stays text: every label is a <text> element, no glyph outlines.
      expect(inner).toMatch(/<text\b/);
    }
    for (const [, attrs] of svgs.filter(([, a]) => !a!.includes('aria-labelledby'))) expect(attrs).toMatch(/role="img" aria-label="[^"]+"/);
  });

  it('draws each chart’s title, units and sources inside its SVG, so a chart copied alone still says them', () => {
    const html = one().stdout;
    for (const kind of CHARTS) {
      const fig = new RegExp(`<figure class="chart chart-${kind}"[^>]*>(.*?)</figure>`, 's').exec(html)![1]!;
      const svgText = [...fig.matchAll(/<svg\b.*?<\/svg>/gs)].map((m) => m[0]).join('');
      expect(svgText, kind).toMatch(/<text[^>]*class="chart-title"/);
      expect(svgText, kind).toMatch(/<text[^>]*class="chart-units"[^>]*>.*?(%|0–100|−2)/s);
      expect(svgText, kind).toMatch(/<text[^>]*class="chart-sources"[^>]*>.*?Sources: \[\d+\]/s);
    }
  });

  it('marks every heat-map row with its basis and measure, and never puts the unattributed rest on the colour scale', () => {
    const html = one().stdout;
    const score = scsrJson<{ scores: Array<{ stages: Array<{ snapshot: { basis: string; metric: string; year: number } | null; inputs: Array<{ snapshot: { basis: string; metric: string; year: number } | null }> }> }> }>(['score', 'semiconductors']).scores[0]!;
    const lists = score.stages.flatMap((st) => [...(st.snapshot ? [st.snapshot] : []), ...st.inputs.flatMap((i) => (i.snapshot ? [i.snapshot] : []))]);
    const basisCells = [...html.matchAll(/<text[^>]*data-basis="([a-z]+)"[^>]*>(?:<title>[^<]*<\/title>)?\u2068([^<]*)\u2069/g)];
    expect(basisCells.map((m) => m[1])).toEqual(lists.map((l) => l.basis));
    // "HQ · sales 2022 [4]": the basis first, then the measure and year.
    for (const [i, m] of basisCells.entries()) expect(m[2]!.startsWith(`${lists[i]!.basis === 'headquarters' ? 'HQ' : lists[i]!.basis} · `)).toBe(true);
    expect(lists.filter((l) => l.basis === 'headquarters').length).toBeGreaterThan(0);
    // The unattributed cells: white with a dashed outline, no share colour.
    const rest = [...html.matchAll(/<g data-mark="heat-cell" data-supplier="rest">.*?<rect ([^>]*)\/>/gs)].map((m) => m[1]!);
    expect(rest.length).toBeGreaterThan(0);
    for (const r of rest) {
      expect(r).toContain('fill="#fff"');
      expect(r).toContain('stroke-dasharray');
    }
    expect(html).toMatch(/A blank cell: the row’s source does not name that supplier/);
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
    // Weakest link against modelled risk was 5 L* apart (#8c1c13 vs #1b5e5a): the two looked the same to colour-blind readers.
    const pairs: Array<[string, string]> = [
      [COLOR.risk, COLOR.weakest],
      [COLOR.rating, COLOR.modelled],
      [COLOR.weakest, COLOR.modelled],
      [COLOR.weakest, COLOR.rating],
      [COLOR.worldAfter, COLOR.viewAfter],
      [COLOR.exposureMax, COLOR.exposureMean],
      [COLOR.positive, COLOR.negative],
    ];
    for (const [a, b] of pairs) expect(Math.abs(lightness(a) - lightness(b)), `${a} vs ${b}`).toBeGreaterThanOrEqual(20);
  });

  it('has a print stylesheet: headings kept with what follows, the heat map on landscape pages, tables printed in full', () => {
    const css = /<style>([^<]*)<\/style>/.exec(one().stdout)![1]!;
    const print = css.slice(css.indexOf('@media print{'));
    expect(print).toMatch(/h2,h3,summary,caption\{break-after:avoid\}/);
    expect(print).toMatch(/figure\.chart-heatmap\{page:wide\}/);
    expect(css).toMatch(/@page wide\{size:A4 landscape/);
    expect(print).toMatch(/details\.data::details-content\{content-visibility:visible/);
    expect(print).not.toMatch(/details\.data\{display:none\}/);
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
    const headings = [...r.stdout.matchAll(/<h2 id="s\d+-h">(.*?)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(sectors.map((s) => `<bdi>${esc(s.name)}</bdi>, from the viewpoint of <bdi>United States</bdi>`));
    expect((r.stdout.match(/<svg\b[^>]*aria-labelledby/g) ?? []).length).toBe(CHARTS.length * sectors.length);
  });

  it('takes the viewpoint from --country', () => {
    const r = scsr(['report', 'batteries', '--country', 'korea']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<bdi>Batteries (lithium-ion)</bdi>, from the viewpoint of <bdi>South Korea</bdi>');
    // The ratings are the US self-assessment: not used from Korea's viewpoint, and the chart says so.
    const risk = /<figure class="chart chart-risk".*?<\/figure>/s.exec(r.stdout)![0];
    expect(risk).not.toMatch(/assessed (weak|very weak|satisfactory)/);
    expect(risk).not.toContain('data-mark="rating"');
    expect(risk).toContain('risk = modelled risk (no rating applies)');
    // Chart text is wrapped into lines (<tspan>s): compare without tags, isolates and spaces.
    const shown = risk.replace(/<[^>]+>|[\u2068\u2069\s]/g, '');
    expect(shown).toContain('The ratings in the data are United States’s self-assessment and apply from its viewpoint only'.replace(/\s/g, ''));
  });

  it('names a user data file by its file name, never its path', () => {
    const r = scsr(['report', 'hostile', '--data', HOSTILE]);
    expect(r.stdout).toContain('Data: user file <bdi>hostile.yaml</bdi>;');
    expect(r.stdout).not.toContain(HOSTILE);
  });
});

describe('scsr report: bidi controls in user data cannot turn the text around them', () => {
  const BIDI = fixture('report', 'bidi');
  let html: string;
  beforeAll(() => {
    const r = scsr(['report', 'bidi', '--data', BIDI]);
    expect(r.code).toBe(0);
    html = r.stdout;
  });

  it('closes every override a user string opens, inside an isolate (<bdi> or U+2068…U+2069)', () => {
    const rlo = [...html.matchAll(/\u202e/g)];
    expect(rlo.length).toBeGreaterThan(10);
    for (const m of rlo) {
      // The override reaches to the end of its own string only: closed there (U+202C), and the isolate ends right after.
      expect(html.slice(m.index!, m.index! + 200), html.slice(m.index! - 40, m.index! + 20)).toMatch(/^\u202e[^<]*?\u202c(<\/bdi>|\u2069)/);
    }
    // A stray U+2069 in a name cannot close the isolate scsr put around it: it is dropped.
    expect(html).toContain('<bdi>Gadgetia\u202e\u2066\u2069\u202c</bdi>');
  });

  it('shows the parsed address as the link text, and flags a host name that mixes scripts', () => {
    expect(html).toContain('<a href="https://evil.example/#vog.susnec.www//:sptth" rel="noopener noreferrer" dir="ltr" class="url">https://evil.example/#vog.susnec.www//:sptth</a>');
    expect(html).toContain('<a href="https://xn--80ak6aa92e.com/homograph" rel="noopener noreferrer" dir="ltr" class="url">https://xn--80ak6aa92e.com/homograph</a><span class="warn"> ⚠ mixed scripts in the host name (Cyrillic, Latin): it may imitate another address.</span>');
    // The data's own spelling of the look-alike host is never shown.
    expect(html).not.toContain('\u0430\u0440\u0440\u04cf\u0435');
  });
});

describe('scsr report: hostile data are shown as text', () => {
  let html: string;
  beforeAll(() => {
    const r = scsr(['report', 'hostile', '--data', HOSTILE]);
    expect(r.stderr).toMatch(/^scsr: wrote the report to standard output/);
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
    expect((html.match(/<svg\b[^>]*aria-labelledby/g) ?? []).length).toBe(CHARTS.length);
    expect((html.match(/<\/svg>/g) ?? []).length).toBe((html.match(/<svg\b/g) ?? []).length);
    expect((html.match(/<figure\b/g) ?? []).length).toBe((html.match(/<\/figure>/g) ?? []).length);
  });

  it('links only http(s) source addresses; javascript: and data: addresses are text', () => {
    const hrefs = attrValues(html, 'href');
    for (const href of hrefs) expect(href).toMatch(/^(#|https?:\/\/)/);
    expect(hrefs).toContain('https://example.org/a?b=%22c%22&d=%3Ce%3E');
    expect(html).toContain(`<span class="url"><bdi>${esc('javascript:alert("source-url")')}</bdi></span>`);
    expect(html).toContain(`<span class="url"><bdi>${esc('data:text/html,<script>alert("data-url")</script>')}</bdi></span>`);
    expect(html).toContain(`<span class="url"><bdi>${esc('javascript:alert("countries-url")')}</bdi></span>`);
  });
});

describe('scsr report --out', () => {
  const page = () => scsr(['report', 'batteries']).stdout;

  it('writes the same page as stdout, says where it went, and leaves no temporary file', () => {
    const dir = join(tmp, 'ok');
    mkdirSync(dir);
    const out = join(dir, 'report.html');
    writeFileSync(out, 'an older report that must be replaced whole');
    const r = scsr(['report', 'batteries', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^scsr: wrote the report to ${re(out)} \\(\\d+ KB\\)\\n$`));
    expect(readFileSync(out, 'utf8')).toBe(page());
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('finding 4: keeps the mode of the file it replaces: a 0600 report stays 0600', () => {
    const dir = join(tmp, 'mode');
    mkdirSync(dir);
    const out = join(dir, 'private.html');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    expect(scsr(['report', 'batteries', '--out', out]).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('finding 4: follows a symlink to a regular file: the file is replaced, the link stays and is named on stderr', () => {
    const dir = join(tmp, 'link');
    mkdirSync(dir);
    writeFileSync(join(dir, 'target.html'), 'old');
    symlinkSync('target.html', join(dir, 'latest.html'));
    const r = scsr(['report', 'batteries', '--out', join(dir, 'latest.html')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`(through a symlink: ${join(dir, 'target.html')})`);
    expect(lstatSync(join(dir, 'latest.html')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'target.html'), 'utf8')).toBe(page());
  });

  it('finding 4: exits 4 with one line for a FIFO, a device, a socket-like or missing target, a directory, and writes nothing', () => {
    const dir = join(tmp, 'fail');
    mkdirSync(dir);
    writeFileSync(join(dir, 'plain-file'), 'x');
    mkdirSync(join(dir, 'a-directory'));
    execFileSync('mkfifo', [join(dir, 'pipe.html')]);
    symlinkSync('/dev/null', join(dir, 'null-link'));
    symlinkSync(join(dir, 'nowhere.html'), join(dir, 'dangling'));
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'missing', 'report.html'), /no such directory$/],
      [`${join(dir, 'newdir')}/`, /no such directory \(a name ending in \/ is a directory, not a file\)$/],
      [join(dir, 'plain-file', 'report.html'), /not a directory$/],
      [join(dir, 'a-directory'), /is a directory; scsr writes only to a regular file or a new path$/],
      [join(dir, 'pipe.html'), /is a named pipe \(FIFO\); /],
      [join(dir, 'null-link'), /is a symlink to a character device; /],
      [join(dir, 'dangling'), /is a symlink to a file that does not exist; /],
    ];
    for (const [out, reason] of cases) {
      const r = scsr(['report', 'batteries', '--out', out]);
      expect(r.code, out).toBe(4);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^scsr: cannot write ${re(out)}: [^\\n]+\\n$`));
      expect(r.stderr.trimEnd(), out).toMatch(reason);
    }
    expect(readdirSync(dir).sort()).toEqual(['a-directory', 'dangling', 'null-link', 'pipe.html', 'plain-file']);
    expect(lstatSync(join(dir, 'pipe.html')).isFIFO()).toBe(true);
    expect(existsSync(join(dir, 'nowhere.html'))).toBe(false);
    expect(readdirSync(join(dir, 'a-directory'))).toEqual([]);
  });

  it('--out - writes to stdout', () => {
    const r = scsr(['report', 'batteries', '--out', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(page());
  });

  // A terminal for stdout: util-linux `script` runs the command under a pseudo-terminal.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('on a terminal without --out: writes scsr-report-<sector>.html in the current directory and says so', () => {
    const dir = join(tmp, 'tty');
    mkdirSync(dir);
    const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} report batteries`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/scsr: wrote the report to scsr-report-batteries\.html \(\d+ KB\); --out FILE names the file, --out - writes to stdout/);
    expect(r.stdout).not.toContain('<!doctype');
    expect(readFileSync(join(dir, 'scsr-report-batteries.html'), 'utf8')).toBe(page());
  });
});

/** A string as a literal part of a regular expression. */
const re = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
