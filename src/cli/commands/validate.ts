import type { Command } from 'commander';
import { builtinDataDir, loadBuiltin } from '../../data/builtin.js';
import { formatDataError } from '../../data/errors.js';
import { emptyCountries, emptyTrade } from '../../data/model.js';
import { relative } from 'node:path';
import { EXIT } from '../exit.js';
import { addOutputOptions, examples } from '../options.js';
import { jsonDocument, resolveFormat, write } from '../output.js';
import { renderDelimited, renderNdjson } from '../../render/csv.js';
import type { FileReport } from '../../engine/results-commands.js';
import { tidy, type Tidy } from '../../render/tidy.js';
import { sanitize } from '../../render/text.js';

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
    const { loadFilesAsync } = await import('../../data/load.js');
    const builtinOnly = paths.length === 0;
    const base = builtinOnly ? { countries: emptyCountries(), trade: emptyTrade(), criticality: [], sectors: [], origins: {} } : await loadBuiltin();
    const r = await loadFilesAsync(builtinOnly ? [displayPath(builtinDataDir())] : paths, base);
    const files = r.reports.map((rep) => ({
      file: rep.file,
      kind: rep.kind ?? null,
      id: rep.label ?? null,
      valid: rep.errors.length === 0,
      errors: rep.errors.map((e) => ({ line: e.line, col: e.col, path: e.path, message: e.message, text: formatDataError(e) })),
    }));
    if (format === 'json') await write(jsonDocument('validate', { valid: r.errors.length === 0, files }));
    else if (format === 'csv' || format === 'tsv' || format === 'ndjson') {
      await write(format === 'ndjson' ? renderNdjson(validateRecords(files)) : renderDelimited(validateRecords(files), format));
    } else {
      // Table and Markdown: the linter's lines, `file:line:col: message`; they quote the data, so they are sanitised.
      const out: string[] = [];
      for (const f of files) {
        if (f.valid) out.push(`${f.file}: OK (${f.kind === 'sector' ? `sector ${f.id}` : f.kind})`);
        else out.push(...f.errors.map((e) => e.text));
      }
      await write(out.map(sanitize).join('\n') + '\n');
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

/** CSV/TSV/NDJSON of `validate`: one row per error, and one row (no error) per valid file. */
export function validateRecords(files: FileReport[]): Tidy {
  return tidy(
    { file: 'string', kind: 'string', id: 'string', valid: 'boolean', line: 'number', col: 'number', path: 'string', message: 'string' },
    files.flatMap((f): Array<{ file: string; kind: string | null; id: string | null; valid: boolean; line: number | null; col: number | null; path: string | null; message: string | null }> => {
      const base = { file: f.file, kind: f.kind, id: f.id, valid: f.valid };
      return f.errors.length ? f.errors.map((e) => ({ ...base, line: e.line, col: e.col, path: e.path, message: e.message })) : [{ ...base, line: null, col: null, path: null, message: null }];
    }),
  );
}
