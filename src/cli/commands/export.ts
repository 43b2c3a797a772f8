import type { Command } from 'commander';
import { resolveSector } from '../../data/resolve.js';
import { getModel, resolveOrUsage } from '../context.js';
import { usageError } from '../exit.js';
import { addDataOption, examples } from '../options.js';

export function registerExport(program: Command): void {
  const cmd = program
    .command('export')
    .description('write a sector\'s share lists as the long CSV rows `scsr import` reads (round trip)')
    .argument('<sector>', 'sector id, name or alias')
    .option('-f, --format <format>', 'csv: the long format, one row per share value (the only format)', 'csv');
  addDataOption(cmd);
  examples(cmd, ['scsr export batteries > batteries.csv', 'scsr export widgets --data my-sectors/ --format csv']);
  cmd.action(async (sectorArg: string, _opts, command: Command) => {
    const opts = command.optsWithGlobals();
    if (String(opts.format).toLowerCase() !== 'csv') throw usageError(`option --format must be csv for export: the long rows \`scsr import\` reads (got "${opts.format}")`);
    const model = await getModel(opts);
    const sector = resolveOrUsage(() => resolveSector(model, sectorArg));
    const { exportColumns, exportRows } = await import('../../data/import-csv.js');
    const { csvLine } = await import('../../data/csv-records.js');
    const rows = exportRows(sector);
    const columns = exportColumns(rows);
    process.stdout.write(csvLine(columns));
    for (const r of rows) process.stdout.write(csvLine(columns.map((c) => r[c] ?? '')));
  });
}
