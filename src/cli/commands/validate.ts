import type { Command } from 'commander';
import { builtinDataDir, loadBuiltin } from '../../data/builtin.js';
import { formatDataError } from '../../data/errors.js';
import { emptyCountries, emptyTrade } from '../../data/model.js';
import { relative } from 'node:path';
import { EXIT } from '../exit.js';
import { addOutputOptions, examples } from '../options.js';
import { jsonDocument, resolveFormat, write } from '../output.js';

export function registerValidate(program: Command): void {
  const cmd = program
    .command('validate')
    .description('check data files: YAML syntax, schema, ids, references, country codes, share sums (default: the built-in data)')
    .argument('[paths...]', 'YAML files or directories');
  addOutputOptions(cmd);
  examples(cmd, ['scsr validate', 'scsr validate my-sector.yaml', 'scsr validate data/ --json']);
  cmd.action(async (paths: string[], _opts, command: Command) => {
    const opts = command.optsWithGlobals();
    const format = resolveFormat(opts);
    const { loadFiles } = await import('../../data/load.js');
    const builtinOnly = paths.length === 0;
    const base = builtinOnly ? { countries: emptyCountries(), trade: emptyTrade(), criticality: [], sectors: [], origins: {} } : await loadBuiltin();
    const r = loadFiles(builtinOnly ? [displayPath(builtinDataDir())] : paths, base);
    const files = r.reports.map((rep) => ({
      file: rep.file,
      kind: rep.kind ?? null,
      id: rep.label ?? null,
      valid: rep.errors.length === 0,
      errors: rep.errors.map((e) => ({ line: e.line, col: e.col, path: e.path, message: e.message, text: formatDataError(e) })),
    }));
    if (format === 'json') write(jsonDocument('validate', { valid: r.errors.length === 0, files }));
    else {
      const out: string[] = [];
      for (const f of files) {
        if (f.valid) out.push(`${f.file}: OK (${f.kind === 'sector' ? `sector ${f.id}` : f.kind})`);
        else out.push(...f.errors.map((e) => e.text));
      }
      write(out.join('\n') + '\n');
    }
    const bad = files.filter((f) => !f.valid).length;
    if (bad > 0) {
      process.stderr.write(`scsr: ${bad} of ${files.length} file${files.length === 1 ? '' : 's'} invalid (${r.errors.length} error${r.errors.length === 1 ? '' : 's'})\n`);
      process.exitCode = r.errors.every((e) => e.io) ? EXIT.io : EXIT.invalidData;
    }
  });
}

/** The built-in data dir relative to the working directory when it lies inside it. */
function displayPath(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') ? rel : dir;
}
