import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usageError } from '../exit.js';
import { examples } from '../options.js';
import { write } from '../output.js';

const SCHEMAS = ['sector', 'countries', 'trade', 'criticality', 'output'] as const;

/** schema/ beside dist/ in the package (and at the repo root). */
function schemaPath(name: string): string {
  return fileURLToPath(new URL(`../schema/${name}.schema.json`, import.meta.url));
}

export function registerSchema(program: Command): void {
  const cmd = program
    .command('schema')
    .description('print a JSON Schema: sector, countries, trade or criticality data files (for editors), or the JSON output of the commands')
    .argument('[which]', SCHEMAS.join(', '), 'sector');
  examples(cmd, [
    'scsr schema > sector.schema.json',
    'scsr schema countries',
    'scsr schema output',
    '# in a YAML file: # yaml-language-server: $schema=./sector.schema.json',
  ]);
  cmd.action(async (which: string) => {
    const name = which.toLowerCase();
    if (!(SCHEMAS as readonly string[]).includes(name)) throw usageError(`unknown schema "${which}": use one of ${SCHEMAS.join(', ')}`);
    await write(readFileSync(schemaPath(name), 'utf8'));
  });
}
