// `__proto__` and `constructor` keys in user YAML must stay plain keys of the data: rejected as
// unknown keys, never a way to reach Object.prototype. Runs the real loader (src/data/load.ts)
// in this process, so that a polluted prototype would show here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDataError } from '../../src/data/errors.js';
import { loadFiles } from '../../src/data/load.js';
import { emptyCountries, emptyTrade, type Model } from '../../src/data/model.js';
import { parseYaml } from '../../src/data/yaml-doc.js';
import { fixture } from '../helpers/cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'scsr-proto-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** Every property of the prototypes a polluting key could reach, with its descriptor. */
function prototypeState(): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const [name, proto] of [['Object', Object.prototype], ['Array', Array.prototype], ['Function', Function.prototype]] as const) {
    for (const key of Reflect.ownKeys(proto)) state[`${name}.${String(key)}`] = Object.getOwnPropertyDescriptor(proto, key);
  }
  return state;
}

const empty = (): Model => ({ countries: emptyCountries(), trade: emptyTrade(), criticality: [], sectors: [], origins: {} });

// Each text names the keys it tries, in the spellings YAML allows: plain, quoted, flow, via an alias.
const ATTEMPTS: Record<string, string> = {
  'plain __proto__ at the top': 'id: widgets\nstages: []\n__proto__: {polluted: yes}\n',
  'quoted "__proto__" in a flow mapping': 'id: widgets\nstages: [{"__proto__": {polluted: yes}}]\n',
  'constructor.prototype': 'id: widgets\nstages: [{id: a, name: A, constructor: {prototype: {polluted: yes}}}]\n',
  '__proto__ given through an alias': 'id: widgets\nbait: &bait {polluted: yes}\nstages: [{__proto__: *bait}]\n',
  '__proto__ of a countries file': 'countries:\n  - {code: xa, name: Xanadu, __proto__: {polluted: yes}}\n',
  '__proto__ holding a list': 'id: widgets\nstages: []\n__proto__: [polluted]\n',
};

describe('no prototype pollution from user YAML', () => {
  const committed = ['proto-key-root.yaml', 'proto-key-in-share.yaml', 'constructor-key.yaml'].map((f) => fixture('hostile-input', f));

  it('loading every attempt leaves ({}).polluted undefined and Object.prototype unchanged', () => {
    const before = prototypeState();
    const files = Object.entries(ATTEMPTS).map(([name, text], i) => {
      const file = join(TMP, `attempt-${i}.yaml`);
      writeFileSync(file, `# ${name}\n${text}`);
      return file;
    });
    const r = loadFiles([...committed, ...files], empty());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypeState()).toEqual(before);
    // ... and each file was refused, with the prototype key named as unknown.
    expect(r.model).toBeUndefined();
    expect(r.reports).toHaveLength(committed.length + files.length);
    for (const rep of r.reports) expect(rep.errors.map(formatDataError).join('\n')).toMatch(/(__proto__|constructor) is not a known key/);
  });

  it('a __proto__ key is an own property of the parsed data, and the data keep Object.prototype', () => {
    const r = parseYaml(ATTEMPTS['plain __proto__ at the top']!, 'x.yaml');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const data = r.value.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(data.polluted).toBeUndefined();
  });
});
