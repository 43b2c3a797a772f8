// Facts about the built-in data that analysts check first, and the properties the data must
// have for the default snapshot rule (newest complete list, named >= 90%, within 3 years of the
// newest: src/engine/snapshot.ts) to give a sensible answer. These read data/*.yaml through the loader,
// so a change of data that breaks a fact fails here with the fact's name.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../src/data/builtin.js';
import type { Model, Sector, Snapshot } from '../../src/data/model.js';
import { scoreSector } from '../../src/engine/score.js';
import { pickSnapshot } from '../../src/engine/snapshot.js';

let model: Model;
beforeAll(async () => {
  model = await loadBuiltin();
});

function sector(id: string): Sector {
  const s = model.sectors.find((x) => x.id === id);
  if (!s) throw new Error(`no sector ${id}`);
  return s;
}

/** The share lists of a stage (no input id) or of one of its inputs. */
function lists(sectorId: string, stageId: string, inputId?: string): Snapshot[] {
  const stage = sector(sectorId).stages.find((s) => s.id === stageId);
  if (!stage) throw new Error(`no stage ${stageId}`);
  if (inputId === undefined) return stage.shares ?? [];
  const input = stage.inputs?.find((i) => i.id === inputId);
  if (!input) throw new Error(`no input ${stageId}/${inputId}`);
  return input.shares ?? [];
}

function shareOf(snap: Snapshot, who: string): number | undefined {
  const v = snap.values.find((x) => (x.country ?? x.region) === who);
  return v === undefined || v.share === 'unknown' ? undefined : v.share;
}

function one(all: Snapshot[], pick: Partial<Pick<Snapshot, 'year' | 'basis' | 'source'>>): Snapshot {
  const hit = all.filter((s) => (pick.year === undefined || s.year === pick.year) && (pick.basis === undefined || s.basis === pick.basis) && (pick.source === undefined || s.source === pick.source));
  if (hit.length !== 1) throw new Error(`expected one list for ${JSON.stringify(pick)}, found ${hit.length}`);
  return hit[0]!;
}

/** Percent of the total the list attributes to named countries and regions (the residual `other` is not named). */
function named(snap: Snapshot): number {
  return snap.values.reduce((sum, v) => (v.region === 'other' || v.share === 'unknown' ? sum : sum + v.share), 0);
}

/** The list the engine reads by default on a basis (the default snapshot rule, src/engine/snapshot.ts). */
function fullestRecent(all: Snapshot[], basis = 'location'): Snapshot | undefined {
  const residual = new Set(model.countries.regions.filter((r) => r.residual).map((r) => r.id));
  return pickSnapshot(all, { basis, residual })?.snapshot;
}

describe('coverage: no stage says "no data" for the four main viewpoints', () => {
  for (const sectorId of ['semiconductors', 'batteries']) {
    for (const viewpoint of ['us', 'kr', 'cn', 'jp']) {
      it(`${sectorId} from ${viewpoint}: every stage has a share list under the default year, its own or an input's`, () => {
        const score = scoreSector(model, sector(sectorId), { viewpoint });
        const missing = score.stages.filter((s) => s.noData !== null && s.inputs.every((i) => i.noData !== null)).map((s) => s.id);
        expect(missing).toEqual([]);
        expect(score.stages.filter((s) => s.risk.modelled === null).map((s) => s.id)).toEqual([]);
      });
    }
  }
});

describe('default lists (the engine\'s rule: newest complete list within 3 years) name the suppliers analysts expect', () => {
  it('cells: the fullest recent location list names the US and Korea', () => {
    const pick = fullestRecent(lists('batteries', 'cells'))!;
    expect(named(pick)).toBeGreaterThanOrEqual(90);
    expect(shareOf(pick, 'us')).toBeGreaterThan(0);
    expect(shareOf(pick, 'kr')).toBeGreaterThan(0);
  });

  it('lithium mining: the fullest recent list names Australia, Chile and China', () => {
    const pick = fullestRecent(lists('batteries', 'mining', 'lithium'))!;
    for (const c of ['au', 'cl', 'cn']) expect(shareOf(pick, c), c).toBeGreaterThan(10);
  });

  it('mature-node foundry: the fullest recent list names Taiwan ahead of China', () => {
    const pick = fullestRecent(lists('semiconductors', 'fabrication', 'mature-node-foundry'))!;
    expect(shareOf(pick, 'tw')!).toBeGreaterThan(shareOf(pick, 'cn')!);
  });

  it('manganese mining: the newest list is no older than 2024 (the 2017 list is no longer the latest)', () => {
    const pick = fullestRecent(lists('batteries', 'mining', 'manganese'))!;
    expect(pick.year).toBeGreaterThanOrEqual(2024);
    expect(shareOf(pick, 'za')).toBeGreaterThan(30);
  });
});

describe('facts analysts check first', () => {
  it('Taiwan holds at least 85% of the most advanced logic: 92% below 10 nm (SIA/BCG, 2019) and 92% by firm (White House, 2021)', () => {
    const all = lists('semiconductors', 'fabrication', 'leading-edge-logic');
    expect(shareOf(one(all, { year: 2019, basis: 'location' }), 'tw')).toBeGreaterThanOrEqual(85);
    expect(shareOf(one(all, { basis: 'headquarters' }), 'tw')).toBeGreaterThanOrEqual(85);
    // Every actual list of the node has Taiwan on top.
    for (const s of all.filter((x) => !x.projection)) {
      const top = Math.max(...s.values.map((v) => (v.share === 'unknown' ? 0 : v.share)));
      expect(shareOf(s, 'tw'), `${s.source} ${s.year}`).toBe(top);
    }
  });

  it('Taiwan holds nearly 80% of EUV-generation (7 nm and below) capacity in 2023', () => {
    expect(shareOf(one(lists('semiconductors', 'fabrication', 'euv-generation-logic'), { year: 2023 }), 'tw')).toBeGreaterThanOrEqual(75);
  });

  it("China's share of 10-22 nm capacity is recorded for 2022 (6%) and rises by the 2032 projection", () => {
    const all = lists('semiconductors', 'fabrication', 'logic-10-22nm');
    const now = shareOf(one(all, { year: 2022 }), 'cn')!;
    const later = shareOf(all.find((s) => s.projection)!, 'cn')!;
    expect(now).toBe(6);
    expect(later).toBeGreaterThan(now);
  });

  it('Korea makes at least 85% of high-bandwidth memory (every HBM list)', () => {
    for (const s of lists('semiconductors', 'fabrication', 'hbm')) expect(shareOf(s, 'kr'), `${s.source}`).toBeGreaterThanOrEqual(85);
  });

  it('memory is given both by fab location (DRAM) and by company headquarters', () => {
    const dram = lists('semiconductors', 'fabrication', 'dram');
    expect(dram.some((s) => s.basis === 'location' && !s.projection)).toBe(true);
    expect(dram.some((s) => s.basis === 'headquarters')).toBe(true);
    expect(lists('semiconductors', 'fabrication', 'memory').some((s) => s.basis === 'headquarters')).toBe(true);
  });

  it('China makes about 99% of LFP cathode material', () => {
    expect(shareOf(one(lists('batteries', 'cells', 'lfp-cathode'), { year: 2022 }), 'cn')).toBeGreaterThanOrEqual(95);
  });

  it('gallium, germanium, neon, hydrogen fluoride and polysilicon are materials nodes with data', () => {
    for (const id of ['gallium', 'germanium', 'neon', 'hydrogen-fluoride', 'polysilicon']) {
      expect(lists('semiconductors', 'materials', id).length, id).toBeGreaterThan(0);
    }
    // USGS: China ~99% of primary low-purity gallium (839,000 of 848,000 kg in 2024).
    expect(shareOf(one(lists('semiconductors', 'materials', 'gallium'), { year: 2024 }), 'cn')).toBeCloseTo((839_000 / 848_000) * 100, 1);
  });

  it('the newest cathode list names Korea, the largest producer outside China, without a share (never as 0)', () => {
    const s = one(lists('batteries', 'cells', 'cathode'), { year: 2024 });
    expect(s.values.find((v) => v.country === 'kr')?.share).toBe('unknown');
  });

  it('the ownership lens shows Korean firms far above Korea-located cell capacity (21% vs 1%)', () => {
    const all = lists('batteries', 'cells');
    const owned = one(all, { year: 2021, basis: 'ownership' });
    const located = one(all, { year: 2022, source: 'bnef-2022-vc' });
    expect(shareOf(owned, 'kr')).toBe(21);
    expect(shareOf(located, 'kr')).toBe(1);
  });

  it("Chinese firms' Indonesian nickel refining is an ownership floor: 0.80 x 37 = 29.6% of world refining", () => {
    const floor = one(lists('batteries', 'refining', 'nickel'), { basis: 'ownership' });
    expect(shareOf(floor, 'cn')).toBeCloseTo(0.8 * 37, 6);
  });
});

describe('derived shares reproduce the arithmetic written in their notes', () => {
  it('lithium mining 2024 (USGS t): Australia = 82,700 / 222,970', () => {
    const s = one(lists('batteries', 'mining', 'lithium'), { year: 2024, source: 'usgs-mcs-2026-lithium' });
    expect(shareOf(s, 'au')).toBeCloseTo((82_700 / 222_970) * 100, 2);
    expect(s.note).toContain('DERIVED');
  });

  it('recycling pre-treatment 2024 (Benchmark t): China = 2,100 / (2,100 + 288 + 243 + 129 + 6) kt', () => {
    const s = one(lists('batteries', 'recycling', 'pre-treatment'), { year: 2024 });
    expect(shareOf(s, 'cn')).toBeCloseTo((2100 / 2766) * 100, 1);
    expect(shareOf(s, 'asia-excluding-china')).toBeCloseTo((288 / 2766) * 100, 1);
    expect(s.note).toContain('DERIVED');
  });

  it('pack proxy 2024 (Adamas GWh): China = 557.8 / 864.0', () => {
    const s = one(lists('batteries', 'packs'), { year: 2024 });
    expect(shareOf(s, 'cn')).toBeCloseTo((557.8 / 864.0) * 100, 1);
    expect(s.measure).toContain('PROXY');
  });

  it('HBM capacity end 2023 (TrendForce wafers a month): Korea = (45,000 + 45,000) / 93,000', () => {
    const s = one(lists('semiconductors', 'fabrication', 'hbm'), { year: 2023, source: 'trendforce-2024-03-hbm' });
    expect(shareOf(s, 'kr')).toBeCloseTo((90_000 / 93_000) * 100, 1);
  });
});

describe('countries: alliances, regions', () => {
  const allied = (a: string, b: string): boolean =>
    model.countries.groups.some((g) => model.countries.supplierRisk.allyGroups.includes(g.id) && g.members.includes(a) && g.members.includes(b));

  it('supplierRisk.allyGroups lists alliances only (Chip 4, G7 and Quad are not ally links)', () => {
    for (const id of model.countries.supplierRisk.allyGroups) {
      expect(model.countries.groups.find((g) => g.id === id)?.kind, id).toBe('alliance');
    }
    for (const id of ['chip4', 'g7', 'quad']) expect(model.countries.supplierRisk.allyGroups).not.toContain(id);
  });

  it('the US treaty allies in Asia and the Pacific are allies of the US, and of no one else through the US', () => {
    for (const c of ['kr', 'jp', 'au', 'ph', 'th']) expect(allied('us', c), c).toBe(true);
    expect(allied('kr', 'jp')).toBe(false);
    expect(allied('us', 'tw')).toBe(false);
  });

  it('the EU is a region of 27 listed members; Europe is the sources\' undefined region', () => {
    const eu = model.countries.regions.find((r) => r.id === 'eu');
    expect(eu?.members).toHaveLength(27);
    expect(model.countries.regions.find((r) => r.id === 'europe')?.members).toBeUndefined();
  });
});

describe('node trees (data model v2)', () => {
  it('battery raw-material nodes carry `material` at mining and at refining', () => {
    for (const stageId of ['mining', 'refining']) {
      const stage = sector('batteries').stages.find((s) => s.id === stageId)!;
      for (const m of ['lithium', 'cobalt', 'nickel', 'graphite', 'manganese']) {
        expect(stage.inputs?.find((i) => i.id === m)?.material, `${stageId}/${m}`).toBe(m);
      }
    }
  });

  it('equipment is capital; no other stage is', () => {
    for (const s of model.sectors.filter((x) => ['semiconductors', 'batteries'].includes(x.id)).flatMap((x) => x.stages)) {
      expect(s.use ?? 'consumable', s.id).toBe(s.id === 'equipment' ? 'capital' : 'consumable');
    }
  });

  it('a child input is worth no more than its parent: lithography 32,600 >= EUV 13,000 + ArFi 11,700 + ArF dry 508 ($ million, 2025)', () => {
    const eq = sector('semiconductors').stages.find((s) => s.id === 'equipment')!.inputs!;
    const v = (id: string) => eq.find((i) => i.id === id)!.value!.millions;
    expect(v('lithography')).toBeGreaterThanOrEqual(13_000 + 11_700 + 508);
    // The same rule for every parent with a value: the children of the same year sum to no more than it.
    for (const stage of model.sectors.flatMap((x) => x.stages)) {
      for (const parent of stage.inputs ?? []) {
        if (!parent.value) continue;
        const kids = (stage.inputs ?? []).filter((c) => c.parent === parent.id && c.value && c.value.year === parent.value!.year);
        const sum = kids.reduce((a, c) => a + c.value!.millions, 0);
        expect(sum, `${stage.id}/${parent.id}`).toBeLessThanOrEqual(parent.value.millions);
      }
    }
  });

  it('every node that never binds (essential: false) says why in a note', () => {
    for (const stage of model.sectors.flatMap((x) => x.stages)) {
      for (const input of stage.inputs ?? []) {
        if (input.essential === false) expect(input.note, `${stage.id}/${input.id}`).toBeTruthy();
      }
    }
  });
});
