// Terminal bars: the block arithmetic, the width rule, and the degrade rule (plain numbers when
// piped, with --no-color or NO_COLOR; bars only on a colour terminal wide enough for them).
import { describe, expect, it } from 'vitest';
import { ansiStyle } from '../../src/render/paint.js';
import { bar, barWidth, renderTable, terminalWidth } from '../../src/render/table.js';
import { cell, table } from '../../src/render/view.js';
import { scsr, scsrJson } from '../helpers/cli.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const BLOCK = /[█▏▎▍▌▋▊▉]/;
const plain = (s: string): string => s.replace(ANSI, '');

describe('bar()', () => {
  it('draws value/100 × width cells, in eighths of a block', () => {
    // 50/100 × 10 cells = 5 cells = 40 eighths → 5 full blocks.
    expect(bar(50, 10)).toBe('█████');
    // 56.25/100 × 2 × 8 = 9 eighths → 1 full block + 1 eighth.
    expect(bar(56.25, 2)).toBe('█▏');
    // 10/100 × 5 × 8 = 4 eighths → a half block.
    expect(bar(10, 5)).toBe('▌');
    // 57.91/100 × 10 × 8 = 46.3 → 46 eighths → 5 full blocks + 6 eighths.
    expect(bar(57.91, 10)).toBe('█████▊');
    // 100 fills the width; 0 draws nothing.
    expect(bar(100, 8)).toBe('████████');
    expect(bar(0, 8)).toBe('');
  });

  it('clamps values outside 0-100 to the ends of the bar', () => {
    expect(bar(-20, 4)).toBe('');
    expect(bar(250, 4)).toBe('████');
  });
});

describe('barWidth()', () => {
  it('gives no bar below 90 columns and wider bars on wider terminals', () => {
    expect([80, 89, 90, 109, 110, 139, 140, 200].map(barWidth)).toEqual([0, 0, 5, 5, 8, 8, 10, 10]);
  });
});

describe('terminalWidth()', () => {
  it("uses the terminal's columns on a terminal", () => {
    expect(terminalWidth({ isTTY: true, columns: 123 }, { COLUMNS: '80' })).toBe(123);
  });

  it('uses COLUMNS when stdout is not a terminal, else no limit (piped output is for programs)', () => {
    expect(terminalWidth({ isTTY: false }, { COLUMNS: '150' })).toBe(150);
    expect(terminalWidth({}, {})).toBe(Infinity);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBe(Infinity);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: '0' })).toBe(Infinity);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: ' 80' })).toBe(Infinity);
  });
});

describe('renderTable()', () => {
  const view = { blocks: [table([{ header: 'Stage' }, { header: 'Risk' }], [['Refining', cell('95.0', 'bad', 95)], ['Cells', cell('50.0', 'warn', 50)]])] };

  it('draws a bar beside each value with one on a colour terminal', () => {
    const out = plain(renderTable(view, { style: ansiStyle(), width: 140 }));
    // Width 10 at 140 columns: 95 → 76 eighths = 9 blocks + ▌; 50 → 5 blocks, padded to 10.
    expect(out).toContain('95.0 █████████▌');
    expect(out).toContain('50.0 █████     ');
  });

  it('shows plain numbers without colour, and on a narrow colour terminal', () => {
    for (const opts of [{ style: null, width: 200 }, { style: ansiStyle(), width: 80 }]) {
      const out = renderTable(view, opts);
      expect(out).not.toMatch(BLOCK);
      expect(plain(out)).toMatch(/^Refining {2}95\.0$/m);
    }
  });
});

describe('bars in the CLI tables (spawned)', () => {
  const fabrication = () => scsrJson<{ scores: Array<{ stages: Array<{ id: string; risk: { value: number } }> }> }>(['score', 'semiconductors']).scores[0]!.stages.find((s) => s.id === 'fabrication')!.risk.value;

  it('score draws risk bars with FORCE_COLOR when the table fits whole, sized by COLUMNS when piped', () => {
    const risk = fabrication();
    const wide = scsr(['score', 'semiconductors'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1', COLUMNS: '300' } });
    expect(wide.code).toBe(0);
    expect(wide.stdout).toMatch(ANSI);
    expect(plain(wide.stdout)).toContain(`${risk.toFixed(1)} ${bar(risk, 10)}`);
    // No COLUMNS, piped: no limit, bars of 10 cells.
    const dflt = scsr(['score', 'semiconductors'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1', COLUMNS: undefined } });
    expect(plain(dflt.stdout)).toContain(`${risk.toFixed(1)} ${bar(risk, 10)}`);
    // A table that must be fitted to its width leaves the bars out.
    const fitted = scsr(['score', 'semiconductors'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1', COLUMNS: '120' } });
    expect(fitted.stdout).toMatch(ANSI);
    expect(fitted.stdout).not.toMatch(BLOCK);
  });

  it('score, exposure and shock print plain numbers when piped, with NO_COLOR, --no-color or a narrow COLUMNS', () => {
    const runs = [
      scsr(['score', 'semiconductors']), // the helper sets NO_COLOR=1
      scsr(['score', 'semiconductors', '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1', COLUMNS: '150' } }),
      scsr(['score', 'semiconductors'], { env: { NO_COLOR: undefined, FORCE_COLOR: undefined, COLUMNS: '150' } }),
      scsr(['exposure', 'us', '--sector', 'batteries'], { env: { NO_COLOR: '1', FORCE_COLOR: '1', COLUMNS: '150' } }),
      scsr(['shock', 'batteries', '--cut', 'cn', '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1', COLUMNS: '150' } }),
    ];
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(BLOCK);
      expect(r.stdout).not.toMatch(ANSI);
    }
    const narrow = scsr(['score', 'semiconductors'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1', COLUMNS: '80' } });
    expect(narrow.stdout).toMatch(ANSI);
    expect(narrow.stdout).not.toMatch(BLOCK);
  });

  it('exposure and shock draw bars beside their percentages on a wide colour terminal', () => {
    const env = { NO_COLOR: undefined, FORCE_COLOR: '1', COLUMNS: '200' };
    const exposure = scsrJson<{ sectors: Array<{ exposures: Array<{ maxPct: number; maxNode: string }> }> }>(['exposure', 'us', '--sector', 'batteries']).sectors[0]!.exposures[0]!;
    const e = scsr(['exposure', 'us', '--sector', 'batteries'], { env });
    expect(plain(e.stdout)).toContain(`(${exposure.maxNode}) ${bar(exposure.maxPct, 10)}`);
    const s = scsr(['shock', 'batteries', '--cut', 'cn'], { env });
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(BLOCK);
  });
});
