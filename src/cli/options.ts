// Options shared by several commands, declared once.
import { Option, type Command } from 'commander';
import { FORMATS } from './output.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format (default: table)').choices([...FORMATS, 'markdown']))
    .option('--json', 'JSON output (same as --format json; documented in docs/json.md)');
}

export function addDataOption(cmd: Command): Command {
  return cmd.option('-d, --data <path>', 'add or override sectors/countries from a YAML file or directory (repeatable; also SCSR_DATA)', collect);
}

/** --year and --basis: which snapshot of each share list a command reads (docs/methodology.md#years). */
export function addYearOption(cmd: Command): Command {
  return cmd
    .option('-y, --year <year>', 'data snapshot year (default: the latest actual year; a projection only when asked for)')
    .addOption(new Option('--basis <basis>', 'read shares on this basis (default: location where the data have it)').choices(['location', 'headquarters', 'ownership']));
}

/** Help text block of examples, appended after the options. */
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

/** --method and --lens: how node risks become a stage risk (docs/methodology.md#aggregation). */
export function addMethodOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-m, --method <method>', 'stage risk method').choices(['blended', 'eu-crm', 'rating']).default('blended'))
    .addOption(
      new Option('--lens <lens>', 'how a stage aggregates its inputs: weakest-link (the riskiest essential input) or value-weighted (by market size)')
        .choices(['weakest-link', 'value-weighted'])
        .default('weakest-link'),
    );
}
