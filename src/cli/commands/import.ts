import type { Command } from 'commander';
import { getModel } from '../context.js';
import { CliError, usageError } from '../exit.js';
import { addDataOption, examples } from '../options.js';
import { writeFileSafely } from '../write-file.js';

export function registerImport(program: Command): void {
  const cmd = program
    .command('import')
    .description('turn a CSV of country shares (the long format, or any CSV with a mapping file) into sector files')
    .argument('<file.csv>', 'the CSV: one row per country share (docs/data.md#importing-csv)')
    .option('-o, --out <dir>', 'directory to write <sector>.yaml into (made if missing)')
    .option('-m, --mapping <map.yaml>', 'how the CSV\'s columns and values map onto the long format (docs/data.md#mapping-files)')
    .option('--sources <sources.csv>', 'the sources the rows cite: id, publisher, title, year, url, location, secondary, note');
  addDataOption(cmd);
  examples(cmd, [
    'scsr import tests/fixtures/import/widgets-long.csv --out my-sectors/',
    'scsr score widgets --data my-sectors/',
    'scsr import provision.csv --mapping eto-mapping.yaml --out eto/',
  ]);
  cmd.action(async (file: string, _opts, command: Command) => {
    const opts = command.optsWithGlobals();
    if (!opts.out) throw usageError('missing option --out <dir>: the directory to write the sector files into');
    for (const o of ['out', 'mapping', 'sources'] as const) if (opts[o] === '') throw usageError(`option --${o} needs a path (got "")`);
    // Countries of the user's own files (--data) may be named in the CSV.
    const model = await getModel(opts);
    const { runImport } = await import('../import-run.js');
    const r = runImport(file, { out: opts.out, mapping: opts.mapping, sources: opts.sources }, model);
    if (!r.ok) throw new CliError(r.message, r.code, r.lines);
    // Every file was validated before any is written; each is then written whole or not at all.
    for (const f of r.files) await writeFileSafely(f.file, f.text);
    process.stdout.write(r.files.map((f) => `${f.file}\n`).join(''));
  });
}
