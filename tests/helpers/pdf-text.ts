// The text of a PDF that Chromium (Skia) printed, page by page and line by line with each line's
// height on the page and font size: enough to check page breaks without a PDF library. Reads
// what Skia writes: Flate streams, Type0 fonts with ToUnicode maps, text drawn with Tf, Tm, Td,
// Tj and TJ under q/Q/cm. Not a general PDF reader.
import { inflateSync } from 'node:zlib';

export interface PdfLine {
  text: string;
  /** Distance of the baseline from the top of the page, in points. */
  top: number;
  /** Smallest font size on the line, in points. */
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  lines: PdfLine[];
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

export function pdfPages(pdf: Buffer): PdfPage[] {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*(.*?)endobj/gs)) {
    const body = m[2]!;
    const s = /stream\r?\n/.exec(body);
    let stream: Buffer | null = null;
    let dict = body;
    if (s) {
      dict = body.slice(0, s.index);
      const raw = Buffer.from(body.slice(s.index + s[0].length, body.lastIndexOf('endstream')), 'latin1');
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  const ref = (dict: string, key: string): number | null => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : null;
  };
  const unicodeMaps = new Map<number, Map<number, string>>();
  const toUnicode = (fontObj: number): Map<number, string> => {
    if (unicodeMaps.has(fontObj)) return unicodeMaps.get(fontObj)!;
    const map = new Map<number, string>();
    const cmapRef = ref(objects.get(fontObj)!.dict, 'ToUnicode');
    const cmap = cmapRef !== null ? (objects.get(cmapRef)!.stream?.toString('latin1') ?? '') : '';
    const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
    for (const block of cmap.matchAll(/beginbfchar(.*?)endbfchar/gs)) for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(Number.parseInt(p[1]!, 16), utf16(p[2]!));
    for (const block of cmap.matchAll(/beginbfrange(.*?)endbfrange/gs)) {
      for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const lo = Number.parseInt(p[1]!, 16);
        const hi = Number.parseInt(p[2]!, 16);
        const first = utf16(p[3]!);
        for (let g = lo; g <= hi; g++) map.set(g, first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + g - lo));
      }
    }
    unicodeMaps.set(fontObj, map);
    return map;
  };

  // The page tree, in order (Skia nests /Pages nodes when there are many pages).
  const kidsOf = (dict: string) => [...(/\/Kids \[([^\]]*)\]/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const leaves = (id: number): number[] => (/\/Type \/Pages\b/.test(objects.get(id)!.dict) ? kidsOf(objects.get(id)!.dict).flatMap(leaves) : [id]);
  const rootId = [...objects.entries()].find(([, o]) => /\/Type \/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict))![0];
  return leaves(rootId).map((id) => {
    const page = objects.get(id)!.dict;
    const box = /\/MediaBox \[([^\]]*)\]/.exec(page)![1]!.trim().split(/\s+/).map(Number);
    const height = box[3]! - box[1]!;
    const fonts = new Map<string, number>();
    for (const f of (/\/Font\s*<<(.*?)>>/s.exec(page)?.[1] ?? '').matchAll(/\/(\w+)\s+(\d+) 0 R/g)) fonts.set(f[1]!, Number(f[2]));
    const contents = [...(/\/Contents\s+(\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => objects.get(Number(m[1]))!.stream!.toString('latin1')).join('\n');

    const glyphs: Array<{ x: number; y: number; ch: string; size: number }> = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    let tm: Matrix = [1, 0, 0, 1, 0, 0];
    let tlm: Matrix = [1, 0, 0, 1, 0, 0];
    let font: Map<number, string> = new Map();
    let fontSize = 0;
    const operands: string[] = [];
    const show = (hex: string) => {
      const full = multiply(tm, ctm);
      const text = [...hex.matchAll(/[0-9A-Fa-f]{4}/g)].map((g) => font.get(Number.parseInt(g[0], 16)) ?? '\ufffd').join('');
      glyphs.push({ x: full[4], y: height - full[5], ch: text, size: fontSize * Math.hypot(full[2], full[3]) });
    };
    for (const tok of contents.matchAll(/<[0-9A-Fa-f]*>|\[|\]|\/[^\s/[\]<>()]+|-?\d*\.?\d+|[A-Za-z'"*]+/g)) {
      const t = tok[0];
      if (/^(<|\/|\[|\]|-?\d|-?\.)/.test(t)) {
        operands.push(t);
        continue;
      }
      const nums = () => operands.filter((o) => /^-?\d*\.?\d+$/.test(o)).map(Number);
      switch (t) {
        case 'q': stack.push(ctm); break;
        case 'Q': ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0]; break;
        case 'cm': ctm = multiply(nums().slice(-6) as Matrix, ctm); break;
        case 'BT': tm = [1, 0, 0, 1, 0, 0]; tlm = tm; break;
        case 'Tf': {
          const name = operands.find((o) => o.startsWith('/'))!.slice(1);
          fontSize = nums().slice(-1)[0]!;
          font = toUnicode(fonts.get(name)!);
          break;
        }
        case 'Tm': tm = nums().slice(-6) as Matrix; tlm = tm; break;
        case 'Td': {
          const [tx, ty] = nums().slice(-2) as [number, number];
          tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
          tm = tlm;
          break;
        }
        case 'Tj':
        case 'TJ':
          for (const o of operands) if (o.startsWith('<')) show(o.slice(1, -1));
          break;
        default:
      }
      operands.length = 0;
    }
    // Lines: glyphs whose baselines are within 1.5 pt, left to right.
    glyphs.sort((a, b) => a.y - b.y || a.x - b.x);
    const lines: PdfLine[] = [];
    let current: typeof glyphs = [];
    const flush = () => {
      if (current.length) {
        current.sort((a, b) => a.x - b.x);
        lines.push({ text: current.map((g) => g.ch).join(''), top: current[0]!.y, size: Math.min(...current.map((g) => g.size)) });
      }
      current = [];
    };
    for (const g of glyphs) {
      if (current.length && Math.abs(g.y - current[0]!.y) > 1.5) flush();
      current.push(g);
    }
    flush();
    return { width: box[2]! - box[0]!, height, lines };
  });
}
