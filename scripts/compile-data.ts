// Validate the built-in YAML and write dist/builtin.json; write the JSON Schemas of the data
// files (and of the JSON output) to schema/. Run by scripts/build.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { compileBuiltin } from '../src/data/compile.js';
import { formatDataError } from '../src/data/errors.js';
import { CountriesSchema, SectorSchema, TradeSchema } from '../src/data/schema.js';

const r = compileBuiltin('data');
if (!r.ok) {
  for (const e of r.errors) process.stderr.write(`${formatDataError(e)}\n`);
  process.stderr.write(`build: ${r.errors.length} error(s) in the built-in data\n`);
  process.exit(3);
}
mkdirSync('dist', { recursive: true });
writeFileSync('dist/builtin.json', JSON.stringify(r.value));

mkdirSync('schema', { recursive: true });
const jsonSchema = (schema: z.ZodType, title: string, id: string) =>
  `${JSON.stringify({ $id: `https://scsr.dev/schema/${id}`, title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2)}\n`;
writeFileSync('schema/sector.schema.json', jsonSchema(SectorSchema, 'scsr sector data file', 'sector.schema.json'));
writeFileSync('schema/countries.schema.json', jsonSchema(CountriesSchema, 'scsr countries data file', 'countries.schema.json'));
writeFileSync('schema/trade.schema.json', jsonSchema(TradeSchema, 'scsr trade data file (import sources, net import reliance, export restrictions)', 'trade.schema.json'));
const { CriticalityFileSchema } = await import('../src/data/schema-crm.js');
writeFileSync('schema/criticality.schema.json', jsonSchema(CriticalityFileSchema, 'scsr criticality data file (EU CRM assessments)', 'criticality.schema.json'));
const { OutputSchema } = await import('../src/engine/output-schema.js');
writeFileSync('schema/output.schema.json', jsonSchema(OutputSchema, 'scsr JSON output', 'output.schema.json'));
