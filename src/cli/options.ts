// Options shared by several commands, declared once, and the rules every option follows:
// a value is never empty, a single-value option is given at most once (repeatable ones say so
// in --help), and numbers go through one parser. All of it is checked while commander parses
// the command line, before any data are read.
import { Option, type Command } from 'commander';
import { docPath } from './docs.js';
import { usageError } from './exit.js';
import { FORMATS } from './output.js';
import { parseNumber, type NumberSpec } from './parse.js';

/** Options that may be given more than once (each adds a value). */
const REPEATABLE = new WeakSet<Option>();

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** An option that may be given more than once, its values collected in a list. */
export function repeatableOption(flags: string, description: string): Option {
  const o = new Option(flags, `${description} (repeatable)`).argParser(collect);
  REPEATABLE.add(o);
  return o;
}

/** A numeric option, parsed by parseNumber while the command line is read. */
export function numberOption(flags: string, description: string, spec: NumberSpec, defaultValue?: number, defaultText?: string): Option {
  const o = new Option(flags, description);
  o.argParser((value: string) => parseNumber(o.long ?? o.flags, value, spec));
  if (defaultValue !== undefined) o.default(defaultValue, defaultText ?? String(defaultValue));
  return o;
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format: table (default), json, csv, tsv, ndjson or md').choices([...FORMATS, 'markdown']))
    .option('--json', `JSON output (same as --format json; documented in ${docPath('json.md')})`)
    .option('--wide', "tables: do not fit the terminal's width (every column, no wrapping)");
}

export function addDataOption(cmd: Command): Command {
  return cmd.addOption(repeatableOption('-d, --data <path>', 'add or override sectors/countries from a YAML file or directory (also SCSR_DATA)'));
}

/** --year and --basis: which snapshot of each share list a command reads (docs/methodology.md#years). */
export function addYearOption(cmd: Command): Command {
  return cmd
    .addOption(numberOption('-y, --year <year>', 'data snapshot year (default: the latest actual year; a projection only when asked for)', { kind: 'year' }))
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

/**
 * Make every option of a command strict: an empty value is an error, and so is a single-value
 * option given twice (commander would keep the last one silently). --help says which repeat.
 */
export function strictOptions(cmd: Command): void {
  const repeatable = cmd.options.filter((o) => REPEATABLE.has(o)).map((o) => o.long ?? o.flags);
  for (const opt of cmd.options) {
    if (!opt.required && !opt.optional) continue; // a flag: no value
    const name = opt.long ?? opt.flags;
    const inner = opt.parseArg;
    const repeats = REPEATABLE.has(opt);
    let given = 0;
    opt.argParser((value: string, previous: unknown) => {
      if (value.trim() === '') throw usageError(`option ${name} needs a value (got an empty string)`);
      given++;
      if (given > 1 && !repeats) {
        throw usageError(`option ${name} takes one value and was given more than once${repeatable.length ? ` (only ${repeatable.join(', ')} repeat${repeatable.length === 1 ? 's' : ''})` : ''}`);
      }
      return inner ? inner.call(opt, value, previous) : value;
    });
  }
  cmd.addHelpText(
    'after',
    repeatable.length
      ? `Repeatable: ${repeatable.join(', ')}. Any other option given twice is an error.\n`
      : 'No option repeats: an option given twice is an error.\n',
  );
}

/** Arguments are never empty: `scsr score ""` is a usage error, not "no sector". */
export function checkArguments(cmd: Command): void {
  cmd.registeredArguments.forEach((arg, i) => {
    const value: unknown = cmd.processedArgs[i];
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.trim() === '')) throw usageError(`argument <${arg.name()}> needs a value (got an empty string)`);
  });
}
