// `scsr import` and `scsr export` through the built CLI: the worked example of docs/data.md
// (a long CSV of figures from the built-in battery data, to `score` in two commands), the round
// trip (export gives back the rows imported), every row error located with nothing written,
// mapping files, and the ETO Chip Explorer CSVs when they are at hand (skipped otherwise).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv-records.js';
import { fixture, scsr, scsrJson } from '../helpers/cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'scsr-import-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const IMPORT = fixture('import');
const ETO = '/work/shared/data/eto-chip-explorer';
let n = 0;
const outDir = () => join(TMP, `out-${++n}`);

/** A CSV as objects, one per record, keyed by the header. */
function records(text: string): Array<Record<string, string>> {
  const csv = parseCsv(text);
  expect(csv.problems).toEqual([]);
  return csv.records.map((r) => Object.fromEntries(csv.header.map((h, i) => [h, r.fields[i] ?? ''])));
}

describe('the worked example: a long CSV to `score` in two commands', () => {
  const out = outDir();
  const imported = scsr(['import', join(IMPORT, 'lithium.csv'), '--sources', join(IMPORT, 'lithium-sources.csv'), '--out', out]);

  it('import writes one sector file and prints its path', () => {
    expect(imported).toEqual({ stdout: `${join(out, 'lithium.yaml')}\n`, stderr: '', code: 0 });
    expect(readdirSync(out)).toEqual(['lithium.yaml']);
    expect(scsr(['validate', out]).stdout).toBe(`${join(out, 'lithium.yaml')}: OK (sector lithium)\n`);
  });

  it('names and alpha-3 codes become codes, "Rest of world" and "Other" the unattributed rest', () => {
    const yaml = readFileSync(join(out, 'lithium.yaml'), 'utf8');
    expect(yaml).toContain('- {country: au, share: 46.8}');
    expect(yaml).toContain('- {country: cl, share: 29.8}');
    expect(yaml).toContain('- {region: other, share: 8.8, note: all others}');
    expect(yaml).toContain('- {country: cn, share: 65, stated: 60-70, low: 60, high: 70}');
  });

  it('score reads it: refining is the weakest link, on the newest complete list (2019)', () => {
    const s = scsrJson(['score', 'lithium', '--data', out]).scores[0];
    expect(s.weakestLink.stage).toBe('refining');
    // The 2021 list names 65% (China alone), the 2019 list 97%: the complete one is read.
    // HHI 58² + 29² + 10² = 3364 + 841 + 100 = 4305.
    const refining = s.stages.find((x: { id: string }) => x.id === 'refining');
    expect(refining.snapshot.year).toBe(2019);
    expect(refining.hhi).toBe(4305);
  });

  it('export gives back the rows imported: codes for names, the sources described on each row', () => {
    const exported = records(scsr(['export', 'lithium', '--data', out]).stdout);
    const input = records(readFileSync(join(IMPORT, 'lithium.csv'), 'utf8'));
    const sources = new Map(records(readFileSync(join(IMPORT, 'lithium-sources.csv'), 'utf8')).map((s) => [s.id, s]));
    // What the example writes as names and alpha-3 codes, by the code of each.
    const code: Record<string, string> = { Australia: 'au', AUS: 'au', CHL: 'cl', Chile: 'cl', China: 'cn', CHN: 'cn', Argentina: 'ar', Brazil: 'br', Zimbabwe: 'zw', Portugal: 'pt', 'United States': 'us', 'Rest of world': 'other', Other: 'other' };
    expect(exported).toHaveLength(input.length);
    exported.forEach((row, i) => {
      const want = input[i]!;
      const src = sources.get(want.source)!;
      expect(row).toEqual({
        ...Object.fromEntries(Object.keys(row).map((k) => [k, ''])),
        ...want,
        country: code[want.country],
        source_publisher: src.publisher,
        source_title: src.title,
        source_year: src.year,
        source_url: src.url,
        source_location: src.location,
        source_secondary: src.secondary,
        source_note: src.note,
      });
    });
  });

  it('the exported CSV imports again to the same file, and exports to the same bytes', () => {
    const exported = scsr(['export', 'lithium', '--data', out]).stdout;
    const csv = join(TMP, 'lithium-exported.csv');
    writeFileSync(csv, exported);
    const again = outDir();
    expect(scsr(['import', csv, '--out', again]).code).toBe(0);
    const body = (f: string) => readFileSync(f, 'utf8').split('\n').slice(1).join('\n');
    expect(body(join(again, 'lithium.yaml'))).toBe(body(join(out, 'lithium.yaml')));
    expect(scsr(['export', 'lithium', '--data', again]).stdout).toBe(exported);
  });
});

describe('what the long format holds', () => {
  const out = outDir();
  const imported = scsr(['import', join(IMPORT, 'gizmos.csv'), '--out', out]);
  const yaml = () => readFileSync(join(out, 'gizmos.yaml'), 'utf8');

  it('imports (sources described on the rows)', () => {
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  });

  it('a supplier named without a share is `share: unknown`, never a number', () => {
    expect(yaml()).toContain('- {country: cn, share: unknown, note: named by the source without a share}');
  });

  it('a row with no country and share declares a node: its parent, name and market size', () => {
    expect(yaml()).toContain('      - id: cogs\n        name: Cogs\n        value: {millions: 1200, currency: USD, year: 2023, source: made-up}\n');
    expect(yaml()).toContain('        parent: cogs\n');
    expect(yaml()).toContain('    value: {millions: 5000, currency: USD, year: 2023, source: made-up}\n');
  });

  it('periods, projections, bounds, tolerance and list notes', () => {
    expect(yaml()).toContain('period: {from: 2019, to: 2022}');
    expect(yaml()).toContain('projection: true');
    expect(yaml()).toContain('{country: cn, share: 70, stated: ">70", low: 70, high: 100}');
    expect(yaml()).toContain('tolerance: 2\n            note: rounded up by the source');
  });

  it('round trip: export, import, export gives the same bytes', () => {
    const first = scsr(['export', 'gizmos', '--data', out]).stdout;
    const csv = join(TMP, 'gizmos-exported.csv');
    writeFileSync(csv, first);
    const again = outDir();
    expect(scsr(['import', csv, '--out', again]).code).toBe(0);
    expect(scsr(['export', 'gizmos', '--data', again]).stdout).toBe(first);
  });
});

describe('the built-in sectors through export and import', () => {
  for (const sector of ['batteries', 'semiconductors']) {
    it(`${sector}: export, import, export gives the same bytes (market sizes citing their own sources included)`, () => {
      const first = scsr(['export', sector]).stdout;
      const csv = join(TMP, `${sector}-exported.csv`);
      writeFileSync(csv, first);
      const again = outDir();
      expect(scsr(['import', csv, '--out', again])).toMatchObject({ code: 0, stderr: '' });
      expect(scsr(['export', sector, '--data', again]).stdout).toBe(first);
    });
  }
});

describe('row errors: every one, located, nothing written', () => {
  it('a CSV with eleven problems: eleven lines in line order, exit 3, no directory made', () => {
    const out = join(TMP, 'never-made');
    const r = scsr(['import', 'tests/fixtures/import/bad-rows.csv', '--out', out]);
    const f = 'tests/fixtures/import/bad-rows.csv';
    expect(r).toEqual({
      stdout: '',
      stderr: [
        'scsr: 11 errors; nothing written',
        `${f}:2: country: unknown country or region "Narnia" (names, alpha-2 and alpha-3 codes, region ids and aliases are read: see \`scsr list countries\`, \`scsr list regions\`)`,
        `${f}:3: share: must be a number from 0 to 100, or \`unknown\` (got "140")`,
        `${f}:4: share: is empty: write a number from 0 to 100, or \`unknown\` for a supplier the source names without a share`,
        `${f}:5: stage: "Making Things" is not an id: lower-case letters, digits and dashes (e.g. "making-things")`,
        `${f}:6: year: must be a year from 1950 to 2100, or a period such as 2019-2022 (got "22")`,
        `${f}:6: basis: must be one of location, headquarters, ownership, demand (got "locaton"); did you mean "location"?`,
        `${f}:6: metric: must be one of capacity, production, value-added, market, sales, demand, reserves (got "capacty"); did you mean "capacity"?`,
        `${f}:7: parent: "cogs" is no node of stage "making" (declare it with a row of its own: its node, an empty country and share)`,
        `${f}:7: source: source "made-up" is not described: give source_publisher, source_title and source_year on a row, a --sources file, or a mapping \`sources\` entry`,
        `${f}:9: country: "tw" appears twice in one share list (first on line 8)`,
        `${f}:10: a quoted field opened on this line is never closed (a quote inside a field is written "")`,
        '',
      ].join('\n'),
      code: 3,
    });
    expect(existsSync(out)).toBe(false);
  });

  it('a missing required column and an unknown one are named from the header (line 1)', () => {
    const csv = join(TMP, 'no-year.csv');
    writeFileSync(csv, 'sector,stage,country,share,basis,metric,source,sahre\nw,s,us,10,location,capacity,x,1\n');
    const r = scsr(['import', csv, '--out', outDir()]);
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n').slice(1, 3)).toEqual([
      `${csv}:1: sahre: is not a column of the long format; did you mean "share"? (see docs/data.md#importing-csv; a mapping file maps other columns)`,
      `${csv}:1: year: the column is missing (required; a mapping file can give it a default)`,
    ]);
  });

  it('a share list adding up to more than 100 is refused at its last row, naming the tolerance column', () => {
    const csv = join(TMP, 'over.csv');
    writeFileSync(csv, 'sector,stage,country,share,year,basis,metric,source,source_publisher,source_title,source_year\nw,s,us,60,2022,location,capacity,x,P,T,2024\nw,s,cn,50,2022,location,capacity,x,P,T,2024\n');
    const r = scsr(['import', csv, '--out', outDir()]);
    expect(r.stderr).toBe(`scsr: 1 error; nothing written\n${csv}:3: share: the share list of lines 2-3 adds up to 110, more than 100 (allowed excess, column tolerance: 1)\n`);
  });

  it('--out is required; a path that is a file is a usage error', () => {
    expect(scsr(['import', join(IMPORT, 'gizmos.csv')])).toMatchObject({ code: 2, stderr: 'scsr: missing option --out <dir>: the directory to write the sector files into\n' });
    expect(scsr(['import', join(IMPORT, 'gizmos.csv'), '--out', join(IMPORT, 'gizmos.csv')])).toMatchObject({ code: 2, stderr: `scsr: option --out: ${join(IMPORT, 'gizmos.csv')} is not a directory\n` });
  });

  it('a CSV that cannot be read is an I/O error (exit 4)', () => {
    expect(scsr(['import', join(TMP, 'missing.csv'), '--out', outDir()])).toMatchObject({ code: 4, stderr: `scsr: ${join(TMP, 'missing.csv')}: no such file or directory\n` });
  });
});

describe('mapping files', () => {
  it('a mapping with a misspelt key and a column the CSV lacks: located in the mapping file', () => {
    const map = join(TMP, 'bad-map.yaml');
    writeFileSync(map, 'columns:\n  country: provider\ndefualts: {basis: location}\n');
    const r = scsr(['import', join(IMPORT, 'gizmos.csv'), '--mapping', map, '--out', outDir()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`scsr: 1 error; nothing written\n${map}:3:1: defualts is not a key of a mapping file; did you mean "defaults"?\n`);
    writeFileSync(map, 'columns:\n  country: provider\n');
    expect(scsr(['import', join(IMPORT, 'gizmos.csv'), '--mapping', map, '--out', outDir()]).stderr).toContain(`${map}:2:12: columns.country the CSV has no column "provider"`);
  });

  it('columns, defaults, rules and values turn a wide spreadsheet into long rows', () => {
    const csv = join(TMP, 'suppliers.csv');
    writeFileSync(csv, 'Part,Supplier country,Percent,Year\nCogs,Korea,40,2022\nCogs,Japan,,2022\nCogs,Various,60,2022\n');
    const map = join(TMP, 'suppliers-map.yaml');
    writeFileSync(
      map,
      [
        'sector: {id: my-parts, name: My parts (made-up test data), assessor: kr}',
        'columns: {node: Part, country: Supplier country, share: Percent, year: Year}',
        'defaults: {stage: parts, basis: ownership, metric: sales, source: internal}',
        "values: {node: {Cogs: cogs}, share: {'': unknown}}",
        'sources: [{id: internal, publisher: scsr tests, title: Made-up supplier list, year: 2024}]',
        '',
      ].join('\n'),
    );
    const out = outDir();
    expect(scsr(['import', csv, '--mapping', map, '--out', out])).toMatchObject({ code: 0, stderr: '' });
    const yaml = readFileSync(join(out, 'my-parts.yaml'), 'utf8');
    expect(yaml).toContain('assessor: kr');
    expect(yaml).toContain('- {country: kr, share: 40}\n');
    expect(yaml).toContain('- {country: jp, share: unknown}\n');
    expect(yaml).toContain('- {region: other, share: 60}\n');
  });
});

describe.skipIf(!existsSync(join(ETO, 'provision.csv')))('the ETO Chip Explorer CSVs with tests/fixtures/import/eto-mapping.yaml', () => {
  const out = outDir();
  const r = scsr(['import', join(ETO, 'provision.csv'), '--mapping', join(IMPORT, 'eto-mapping.yaml'), '--out', out]);

  it('imports every country row: 113 share lists, 70 suppliers named without a share, three stages', () => {
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const yaml = readFileSync(join(out, 'eto-chips.yaml'), 'utf8');
    expect(yaml.match(/^ +shares:$/gm)).toHaveLength(113);
    expect(yaml.match(/share: unknown/g)).toHaveLength(70);
    expect([...yaml.matchAll(/^ {2}- id: (\S+)\n {4}name: /gm)].map((m) => m[1]).filter((id) => ['design', 'fabrication', 'atp'].includes(id))).toEqual(['design', 'fabrication', 'atp']);
    // "Various countries" is the unattributed rest, never spread over countries.
    expect(yaml).not.toMatch(/Various/);
    expect(scsr(['validate', out]).code).toBe(0);
  });

  it('the kinds of an input are its children (EUV lithography tools under lithography tools)', () => {
    expect(readFileSync(join(out, 'eto-chips.yaml'), 'utf8')).toMatch(/- id: euv-lithography-tools\n {8}name: EUV lithography tools\n {8}parent: lithography-tools\n/);
  });

  it('the design stage reads as the built-in one does: United States 51% of 2022 sales', () => {
    const s = scsrJson(['score', 'eto-chips', '--data', out]).scores[0];
    const design = s.stages.find((x: { id: string }) => x.id === 'design');
    expect(design.top[0]).toMatchObject({ id: 'us', sharePct: 51 });
  });

  it('round trip: export, import, export gives the same bytes', () => {
    const first = scsr(['export', 'eto-chips', '--data', out]).stdout;
    const csv = join(TMP, 'eto-exported.csv');
    writeFileSync(csv, first);
    const again = outDir();
    expect(scsr(['import', csv, '--out', again]).code).toBe(0);
    expect(scsr(['export', 'eto-chips', '--data', again]).stdout).toBe(first);
  });
});
