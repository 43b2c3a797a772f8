// The loader's messages for bad data files: each fixture in tests/fixtures/bad/ with the exact
// lines it must produce (`file:line:col: path message`), checked against the built-in
// countries as a user file would be. Every error of a file is reported, not just the first.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../src/data/builtin.js';
import { formatDataError, type DataError } from '../../src/data/errors.js';
import { loadFiles } from '../../src/data/load.js';
import { splitFiles, threadsAllowed } from '../../src/data/parse-thread.js';
import type { Model } from '../../src/data/model.js';
import { fixture } from '../helpers/cli.js';

/** File -> the lines `scsr validate` prints for it (file name without its directory). */
const EXPECTED: Record<string, string[]> = {
  'share-140.yaml': ['share-140.yaml:15:34: stages[0].shares[0].values[0].share must be between 0 and 100 (got 140)'],
  'share-negative.yaml': ['share-negative.yaml:15:34: stages[0].shares[0].values[0].share must be between 0 and 100 (got -5)'],
  'nan-share.yaml': ['nan-share.yaml:15:34: stages[0].shares[0].values[0].share must be a finite number (got .nan)'],
  'unknown-key.yaml': ['unknown-key.yaml:9:5: stages[0].descripton is not a known key; did you mean "description"?'],
  'wrong-type.yaml': ['wrong-type.yaml:10:15: stages[0].shares[0].year must be a number (got "2022")'],
  'year-1800.yaml': ['year-1800.yaml:10:15: stages[0].shares[0].year must be between 1950 and 2100 (got 1800)'],
  'unknown-rating.yaml': ['unknown-rating.yaml:9:21: stages[0].rating.value must be one of satisfactory, weak, very-weak (got "very-strong")'],
  'missing-name.yaml': ['missing-name.yaml:7:5: stages[0] name is required'],
  'duplicate-stage.yaml': ['duplicate-stage.yaml:17:9: stages[1].id duplicate stage id "making" (first at stages[0])'],
  'duplicate-input.yaml': ['duplicate-input.yaml:14:13: stages[0].inputs[1].id duplicate input id "gears" (first at stages[0].inputs[0])'],
  'unknown-source.yaml': ['unknown-source.yaml:13:17: stages[0].shares[0].source unknown source "fixtures"; did you mean "fixture"?'],
  // "kor" is South Korea's alpha-3 code, which countries.yaml lists as an alias of kr.
  'unknown-country.yaml': [
    'unknown-country.yaml:16:23: stages[0].shares[0].values[1].country must be an ISO 3166-1 alpha-2 code in lower case (e.g. "kr") (got "kor"); "kor" is an alias of country "kr" (South Korea): write `country: kr`',
  ],
  'unknown-country-code.yaml': ['unknown-country-code.yaml:16:23: stages[0].shares[0].values[1].country unknown country code "kt"; did you mean "at", "it" or "kp"?'],
  'unknown-region.yaml': ['unknown-region.yaml:16:22: stages[0].shares[0].values[1].region unknown region "eurpe"; did you mean "europe"?'],
  'shares-130.yaml': ['shares-130.yaml:15:11: stages[0].shares[0].values shares add up to 130, more than 100 (allowed excess, key tolerance: 1)'],
  'dependency-unknown-stage.yaml': ['dependency-unknown-stage.yaml:22:12: dependencies[0].stage unknown stage "makng"; did you mean "making"?'],
  'policy-unknown-stage.yaml': ['policy-unknown-stage.yaml:22:22: policies[0].stages[1] unknown stage "selling"'],
  'duplicate-yaml-key.yaml': ['duplicate-yaml-key.yaml:9:5: YAML syntax error: map keys must be unique'],
  // Located at the "[" that is never closed (line 4, column 10), not where the parser gave up.
  'yaml-syntax.yaml': ['yaml-syntax.yaml:4:10: YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]'],
  'empty.yaml': ['empty.yaml:1:1: is empty: expected a mapping with the keys of a sector or countries file'],
  'not-a-mapping.yaml': ['not-a-mapping.yaml:2:1: must be a mapping (got a list)'],
  'countries-unknown-member.yaml': [
    'countries-unknown-member.yaml:5:68: groups[0].members[1] unknown country code "kx"; did you mean "kp", "kr" or "mx"?',
    'countries-unknown-member.yaml:7:74: concerns[0].source unknown source "fixtur"; did you mean "fixture"?',
  ],
  'three-errors.yaml': [
    'three-errors.yaml:13:17: stages[0].shares[0].source unknown source "nowhere"',
    'three-errors.yaml:15:11: stages[0].shares[0].values shares add up to 110, more than 100 (allowed excess, key tolerance: 1)',
    'three-errors.yaml:16:23: stages[0].shares[0].values[1].country unknown country code "xx"; did you mean "mx"?',
  ],
  'parent-cycle.yaml': [
    'parent-cycle.yaml:12:17: stages[0].inputs[0].parent parents form a cycle (gears → cogs → gears)',
    'parent-cycle.yaml:17:17: stages[0].inputs[1].parent parents form a cycle (cogs → gears → cogs)',
    'parent-cycle.yaml:22:17: stages[0].inputs[2].parent unknown input "screw" of stage "making"',
    'parent-cycle.yaml:25:9: stages[0].inputs[3] needs `shares` or child inputs (inputs whose `parent` is this one)',
  ],
  'trade-shape-errors.yaml': [
    'trade-shape-errors.yaml:9:13: imports[0].period `from` must not be after `to`',
    'trade-shape-errors.yaml:15:14: imports[1].measure must be one of value, quantity (got "tonnes")',
    'trade-shape-errors.yaml:19:5: imports[2] needs `year` or `period`, not both',
    'trade-shape-errors.yaml:28:65: events[0].imposed must be a real date',
  ],
  'trade-unknown-node.yaml': [
    'trade-unknown-node.yaml:7:12: imports[0].stage unknown stage "refinning" of sector "batteries"; did you mean "refining"?',
    'trade-unknown-node.yaml:15:12: imports[1].input unknown input "graphit" of stage "refining"; did you mean "graphite"?',
    'trade-unknown-node.yaml:18:13: imports[1].source unknown source "fixtur"; did you mean "fixture"?',
    'trade-unknown-node.yaml:19:13: imports[1].values shares add up to 105, more than 100 (allowed excess, key tolerance: 1)',
    'trade-unknown-node.yaml:19:40: imports[1].values[1] the viewpoint "kr" cannot be a source of its own imports (use `of: supply` for a list that includes domestic supply)',
    'trade-unknown-node.yaml:19:65: imports[1].values[2] "cn" appears twice in one list',
    'trade-unknown-node.yaml:21:17: reliance[0].viewpoint unknown country or region "kx"; did you mean "kp", "kr" or "mx"?',
    'trade-unknown-node.yaml:21:29: reliance[0].sector unknown sector "batterys"; did you mean "batteries"?',
    'trade-unknown-node.yaml:23:44: events[0].aimedAt[1] unknown country code "qq"',
    'trade-unknown-node.yaml:23:89: events[0].nodes[0] unknown input "grafite" of stage "refining"; did you mean "graphite"?',
  ],
  'shape-errors.yaml': [
    'shape-errors.yaml:9:5: stages[0].descripton is not a known key; did you mean "description"?',
    'shape-errors.yaml:11:15: stages[0].shares[0].year must be between 1950 and 2100 (got 1800)',
    'shape-errors.yaml:16:34: stages[0].shares[0].values[0].share must be between 0 and 100 (got 140)',
  ],
};

let builtin: Model;
beforeAll(async () => {
  builtin = await loadBuiltin();
});

const lines = (errors: DataError[]): string[] => errors.map((e) => formatDataError({ ...e, file: basename(e.file) }));

describe('bad data files', () => {
  it('every fixture in tests/fixtures/bad/ has its expected messages in this table', () => {
    const files = readdirSync(fixture('bad')).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const r = loadFiles([fixture('bad', file)], builtin);
    expect(r.model).toBeUndefined();
    expect(lines(r.errors)).toEqual(expected);
    expect(r.errors.every((e) => !e.io)).toBe(true);
  });

  it('reports every error of a file: three semantic errors give three lines, three shape errors three more', () => {
    const r = loadFiles([fixture('bad', 'three-errors.yaml'), fixture('bad', 'shape-errors.yaml')], builtin);
    expect(r.errors).toHaveLength(6);
    expect(r.reports.map((x) => [basename(x.file), x.errors.length])).toEqual([
      ['three-errors.yaml', 3],
      ['shape-errors.yaml', 3],
    ]);
  });

  it('a directory gives one report per file, in file-name order, and leaves the built-in model alone', () => {
    const r = loadFiles([fixture('bad')], builtin);
    expect(r.reports.map((x) => basename(x.file))).toEqual(Object.keys(EXPECTED).sort());
    expect(r.errors).toHaveLength(Object.values(EXPECTED).flat().length);
    expect(builtin.sectors.map((s) => s.id)).toEqual(['batteries', 'semiconductors']);
  });

  it('a path that does not exist is an I/O error with no line', () => {
    const r = loadFiles([fixture('bad', 'no-such-file.yaml')], builtin);
    expect(r.errors).toEqual([expect.objectContaining({ line: 0, col: 0, io: true, message: 'no such file or directory' })]);
    expect(formatDataError(r.errors[0]!)).toBe(`${fixture('bad', 'no-such-file.yaml')}: no such file or directory`);
  });
});

describe('good data files', () => {
  it('the mini fixture (a countries file and a sector using its countries) loads without errors', () => {
    const r = loadFiles([fixture('good', 'mini')], builtin);
    expect(r.errors).toEqual([]);
    expect(r.model!.sectors.map((s) => s.id)).toEqual(['batteries', 'semiconductors', 'widgets']);
    expect(r.model!.countries.countries.find((c) => c.code === 'aa')?.name).toBe('Alphaland');
  });

  it('a trade file naming nodes of a user sector loads after it; `year` comes from `period.to`; `unknown` shares are kept', () => {
    const r = loadFiles([fixture('good', 'mini'), fixture('good', 'trade')], builtin);
    expect(r.errors).toEqual([]);
    // The built-in trade data are merged too: look at the fixture's sector only.
    const t = r.model!.trade;
    const imports = t.imports.filter((x) => x.sector === 'widgets');
    expect(imports.map((x) => [x.stage, x.input ?? null, x.of, x.year])).toEqual([
      ['making', null, 'imports', 2022],
      ['selling', 'gears', 'imports', 2021],
    ]);
    expect(imports[1]!.values[0]).toEqual({ country: 'bb', share: 'unknown' });
    expect(t.reliance.filter((x) => x.sector === 'widgets')).toHaveLength(1);
    expect(t.events.filter((e) => e.nodes.some((n) => n.startsWith('widgets/'))).map((e) => e.id)).toEqual(['bb-ban']);
  });

  it('a second file with the same sector id is an error naming the first file', () => {
    const first = fixture('good', 'gadgets', 'gadgets.yaml');
    const r = loadFiles([first, fixture('good', 'duplicate', 'gadgets.yaml')], builtin);
    expect(r.errors.map(formatDataError)).toEqual([`${fixture('good', 'duplicate', 'gadgets.yaml')}:3:5: id sector "gadgets" is also defined in ${first}`]);
  });
});

describe('splitting large data between two threads', () => {
  const files = (...sizes: number[]) => sizes.map((n, i) => ({ file: `f${i}.yaml`, bytes: Buffer.alloc(n) }));

  it('gives each file, largest first, to the share with fewer bytes, and keeps each share in file order', () => {
    // 5 -> main (0 vs 0), 3 -> worker (5 vs 0), 1 -> worker (5 vs 3), the other 1 -> worker (5 vs 4).
    expect(splitFiles(files(5, 1, 1, 3))).toEqual({ mine: [0], theirs: [1, 2, 3] });
    // 4 -> main, 4 -> worker, 2 -> main (4 vs 4: ties go to the main thread), 2 -> worker.
    expect(splitFiles(files(2, 4, 2, 4))).toEqual({ mine: [0, 1], theirs: [2, 3] });
  });

  it('counts an unreadable file as empty and still places it', () => {
    expect(splitFiles([{ file: 'gone.yaml' }, ...files(3)])).toEqual({ mine: [1], theirs: [0] });
  });

  it('parses nothing on a second thread when run from source (no bundle for the worker to load)', () => {
    expect(threadsAllowed()).toBe(false);
  });
});
