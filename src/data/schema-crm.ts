// The criticality file (EU CRM method, docs/eu-crm.md#file): a YAML file recognised by its
// top-level `assessments` key. Per material and edition it carries the Commission's published
// inputs (global shares, EU sourcing, t, IR, EoL-RIR, SI_SR, SI_EI, supply data per stage, end
// uses with value added), the scaled WGI table the edition used, the published SR and EI, and
// the sector nodes the assessment applies to. Every figure names a source of the file's own
// `sources` list. Imported only on paths that read YAML.
import { z } from 'zod';
import { PeriodSchema, SourceSchema, countryCode } from './schema.js';
import { EVENT_KINDS } from './vocab.js';
import { CRM_STAGES, SUPPLY_DATA } from './vocab-crm.js';

/** The top-level key that makes a YAML file a criticality file. */
export const CRITICALITY_KEY = 'assessments';

const text = z.string().trim().min(1);
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes (e.g. "natural-graphite")');
const year = z.int().min(1950).max(2100);
const percent = z.number().min(0).max(100);
const fraction = z.number().min(0).max(1);
const nodePath = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/, 'must be a node path "sector/stage/input" (e.g. "batteries/mining/cobalt")');
/** Tolerance when a published scaled WGI is checked against its stated mean: 5 − 2 · mean. */
export const WGI_CHECK_TOLERANCE = 0.0005;

const note = text.optional();
const inferred = z.boolean().optional().describe('True when the value is our inference, not read in the source (say how in `note`)');

/** A percent as published (IR, EoL-RIR), with its source. */
const PercentFigureSchema = z.strictObject({ percent, source: id, note, inferred });
/** A fraction as published (SI_SR, SI_EI), with its source. */
const FractionFigureSchema = z.strictObject({ value: fraction, source: id, note, inferred });

/** One supplier in a published list. `t` only where it is not 1. */
export const CrmShareSchema = z.strictObject({
  country: countryCode,
  share: percent.describe('Percent of the list, as published'),
  t: z.number().min(0).max(3).optional().describe('Trade-related variable t as published (absent = 1)'),
  note,
});

/** A published share list: global supply (GS) or the EU's actual sourcing (EU). */
export const CrmSupplyListSchema = z
  .strictObject({
    source: id,
    period: PeriodSchema.optional().describe('Years the shares average, e.g. {from: 2016, to: 2020}'),
    tolerance: z.number().min(0).max(5).optional().describe('Allowed excess over 100 (default 1)'),
    note,
    values: z.array(CrmShareSchema).min(1),
  })
  .superRefine((list, ctx) => {
    const total = list.values.reduce((s, v) => s + v.share, 0);
    const tolerance = list.tolerance ?? 1;
    if (total > 100 + tolerance + 1e-9) ctx.addIssue({ code: 'custom', path: ['values'], message: `shares sum to ${round3(total)}, more than 100 + ${tolerance}` });
    const seen = new Set<string>();
    list.values.forEach((v, i) => {
      if (seen.has(v.country)) ctx.addIssue({ code: 'custom', path: ['values', i, 'country'], message: `"${v.country}" is listed twice` });
      seen.add(v.country);
    });
  });

/** The supply risk inputs of one stage, as the Commission assessed it. */
export const CrmStageSchema = z
  .strictObject({
    stage: z.enum(CRM_STAGES),
    supplyData: z.enum(SUPPLY_DATA).describe('GS: global supply only; EU: EU sourcing only; GS+EU: both, weighted by IR'),
    importReliance: PercentFigureSchema.optional().describe('IR in percent; needed for GS+EU'),
    eolRir: PercentFigureSchema.describe('End-of-life recycling input rate, percent'),
    siSr: FractionFigureSchema.describe('Substitution index for supply risk'),
    global: CrmSupplyListSchema.optional(),
    sourcing: CrmSupplyListSchema.optional(),
    published: z.strictObject({ sr: z.number().min(0), source: id, note }).optional().describe('The stage SR as published'),
    nodes: z.array(nodePath).default([]).describe('Sector nodes this stage applies to, "sector/stage/input" (e.g. "batteries/mining/cobalt")'),
    note,
  })
  .superRefine((s, ctx) => {
    if (s.supplyData !== 'EU' && !s.global) ctx.addIssue({ code: 'custom', path: ['global'], message: `supply data ${s.supplyData} needs the global supply list` });
    if (s.supplyData !== 'GS' && !s.sourcing) ctx.addIssue({ code: 'custom', path: ['sourcing'], message: `supply data ${s.supplyData} needs the EU sourcing list` });
    if (s.supplyData === 'GS+EU' && !s.importReliance) ctx.addIssue({ code: 'custom', path: ['importReliance'], message: 'supply data GS+EU needs importReliance' });
  });

/** One end use: its share and the NACE Rev. 2 sector (with its value added) it is allocated to. */
export const CrmEndUseSchema = z
  .strictObject({
    application: text,
    share: percent,
    sector: z.string().regex(/^[A-U]\d{2}$/, 'must be a NACE Rev. 2 two-digit code such as "C25"').optional().describe('Absent: not allocated to a sector (counts for nothing)'),
    valueAdded: z.number().positive().optional().describe('Value added of the sector, million euro'),
    note,
  })
  .refine((u) => (u.sector === undefined) === (u.valueAdded === undefined), { message: '`sector` and `valueAdded` go together', path: ['valueAdded'] });

/** EI from end uses (with SI_EI), or a given EI value with its source. */
export const CrmEconomicImportanceSchema = z
  .strictObject({
    siEi: FractionFigureSchema.optional().describe('Substitution index for economic importance'),
    endUses: z.strictObject({ source: id, note, values: z.array(CrmEndUseSchema).min(1) }).optional(),
    given: z.strictObject({ value: z.number().min(0), source: id, note }).optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.endUses === undefined) === (e.given === undefined)) ctx.addIssue({ code: 'custom', message: 'needs exactly one of endUses or given' });
    if (e.endUses && !e.siEi) ctx.addIssue({ code: 'custom', path: ['siEi'], message: 'endUses needs siEi' });
  });

export const CrmAssessmentSchema = z
  .strictObject({
    material: id,
    name: text,
    edition: year.describe('Year of the assessment (2017, 2020, 2023)'),
    wgi: id.optional().describe('WGI table id; absent = the edition\'s table'),
    assessedStages: z.array(z.enum(CRM_STAGES)).min(1).describe('Stages the Commission assessed (a stage without inputs below is reported as missing)'),
    stages: z.array(CrmStageSchema).min(1),
    economicImportance: CrmEconomicImportanceSchema.optional(),
    published: z.strictObject({
      sr: z.number().min(0),
      ei: z.number().min(0),
      stage: z.enum(CRM_STAGES).optional().describe('The stage that set SR'),
      critical: z.boolean().optional().describe('On the edition\'s list'),
      source: id,
      criticalSource: id.optional().describe('Source of `critical` when not `source`'),
      note,
    }),
    note,
  })
  .superRefine((a, ctx) => {
    const seen = new Set<string>();
    a.stages.forEach((s, i) => {
      if (seen.has(s.stage)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'stage'], message: `stage "${s.stage}" is given twice` });
      seen.add(s.stage);
      if (!a.assessedStages.includes(s.stage)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'stage'], message: `stage "${s.stage}" is not in assessedStages` });
    });
  });

/** The rule for t of an edition: values per membership and restriction kind. */
export const CrmTradeRuleSchema = z.strictObject({
  euMember: z.number().min(0).describe('t of an EU member state'),
  ftaPartner: z.number().min(0).optional().describe('t of an EU free-trade-agreement partner (absent = 1)'),
  byKind: z.partialRecord(z.enum(EVENT_KINDS), z.number().min(0)).optional().describe('t with a restriction of this kind in force'),
  cap: z.number().min(0).optional(),
  source: id,
  inferred,
  note,
});

export const CrmEditionSchema = z.strictObject({
  edition: year,
  thresholds: z.strictObject({ sr: z.number().min(0), ei: z.number().min(0), source: id, inferred, note }),
  valueAdded: z
    .strictObject({ maxMEur: z.number().positive(), sector: text.describe('The largest manufacturing sector (NACE code)'), source: id, inferred, note })
    .optional()
    .describe('The scaling step of EI'),
  wgi: id.optional().describe('Id of the WGI table the edition used'),
  trade: CrmTradeRuleSchema.optional(),
  supplyPeriod: PeriodSchema.optional(),
  note,
});

/** Scaled WGI per country as an edition used them (0-10, 10 = poorest governance). */
export const CrmWgiTableSchema = z
  .strictObject({
    id,
    method: text.describe('How the scaled values were obtained'),
    source: id,
    inferred,
    note,
    values: z
      .array(
        z.strictObject({
          country: countryCode,
          scaled: z.number().min(0).max(10),
          mean: z.number().min(-2.5).max(2.5).optional().describe('The WGI mean the scaled value comes from (scaled = 5 − 2 · mean)'),
        }),
      )
      .min(1),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.values.forEach((v, i) => {
      if (seen.has(v.country)) ctx.addIssue({ code: 'custom', path: ['values', i, 'country'], message: `"${v.country}" is listed twice` });
      seen.add(v.country);
      if (v.mean !== undefined && Math.abs(v.scaled - (5 - 2 * v.mean)) > WGI_CHECK_TOLERANCE) {
        ctx.addIssue({ code: 'custom', path: ['values', i, 'scaled'], message: `${v.scaled} is not 5 − 2 × ${v.mean} = ${round3(5 - 2 * v.mean)}` });
      }
    });
  });

export const CriticalityFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    sources: z.array(SourceSchema).min(1),
    editions: z.array(CrmEditionSchema).min(1),
    wgiTables: z.array(CrmWgiTableSchema).optional(),
    assessments: z.array(CrmAssessmentSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const sources = new Set(f.sources.map((s) => s.id));
    // Every `source` (and `criticalSource`) anywhere in the file must name a source of the file.
    walk(f, [], (value, path) => {
      const key = path[path.length - 1];
      if ((key === 'source' || key === 'criticalSource') && path[0] !== 'sources' && typeof value === 'string' && !sources.has(value)) {
        ctx.addIssue({ code: 'custom', path, message: `unknown source "${value}"` });
      }
    });
    const editions = new Map(f.editions.map((e) => [e.edition, e]));
    const tables = new Map((f.wgiTables ?? []).map((t) => [t.id, t]));
    f.editions.forEach((e, i) => {
      if (e.wgi !== undefined && !tables.has(e.wgi)) ctx.addIssue({ code: 'custom', path: ['editions', i, 'wgi'], message: `unknown WGI table "${e.wgi}"` });
    });
    const keys = new Set<string>();
    f.assessments.forEach((a, i) => {
      const key = `${a.material}@${a.edition}`;
      if (keys.has(key)) ctx.addIssue({ code: 'custom', path: ['assessments', i, 'material'], message: `${a.material} ${a.edition} is assessed twice` });
      keys.add(key);
      const edition = editions.get(a.edition);
      if (!edition) {
        ctx.addIssue({ code: 'custom', path: ['assessments', i, 'edition'], message: `edition ${a.edition} is not in editions` });
        return;
      }
      if (a.economicImportance?.endUses && !edition.valueAdded) {
        ctx.addIssue({ code: 'custom', path: ['assessments', i, 'economicImportance'], message: `end uses need the edition's valueAdded (edition ${a.edition} has none)` });
      }
      const tableId = a.wgi ?? edition.wgi;
      const table = tableId === undefined ? undefined : tables.get(tableId);
      if (a.wgi !== undefined && !table) ctx.addIssue({ code: 'custom', path: ['assessments', i, 'wgi'], message: `unknown WGI table "${a.wgi}"` });
      if (!table) {
        if (tableId === undefined) ctx.addIssue({ code: 'custom', path: ['assessments', i], message: `no WGI table: give \`wgi\` here or on edition ${a.edition}` });
        return;
      }
      const have = new Set(table.values.map((v) => v.country));
      a.stages.forEach((s, j) => {
        for (const list of ['global', 'sourcing'] as const) {
          s[list]?.values.forEach((v, k) => {
            if (!have.has(v.country)) ctx.addIssue({ code: 'custom', path: ['assessments', i, 'stages', j, list, 'values', k, 'country'], message: `"${v.country}" has no scaled WGI in table "${table.id}"` });
          });
        }
      });
    });
  });

export type CrmShare = z.infer<typeof CrmShareSchema>;
export type CrmSupplyList = z.infer<typeof CrmSupplyListSchema>;
export type CrmStageData = z.infer<typeof CrmStageSchema>;
export type CrmEndUse = z.infer<typeof CrmEndUseSchema>;
export type CrmAssessment = z.infer<typeof CrmAssessmentSchema>;
export type CrmEdition = z.infer<typeof CrmEditionSchema>;
export type CrmWgiTable = z.infer<typeof CrmWgiTableSchema>;
export type CriticalityFile = z.infer<typeof CriticalityFileSchema>;

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Visit every leaf value with its path (objects and arrays only; the file is plain YAML data). */
function walk(value: unknown, path: (string | number)[], visit: (v: unknown, p: (string | number)[]) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
  else visit(value, path);
}
