// The scsr command line: commander wiring only. Each command lives in commands/<name>.ts.
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './exit.js';
import { checkArguments, strictOptions } from './options.js';
import { outputFailed } from './output.js';
import { docPath } from './docs.js';
import { sanitize } from '../render/text.js';
import { registerList } from './commands/list.js';
import { registerSources } from './commands/sources.js';
import { registerStages } from './commands/stages.js';
import { registerValidate } from './commands/validate.js';
import { registerSchema } from './commands/schema.js';
import { registerCompletion } from './commands/completion.js';
import { registerScore } from './commands/score.js';
import { registerShock } from './commands/shock.js';
import { registerPolicies } from './commands/policies.js';
import { registerCompare } from './commands/compare.js';
import { registerExposure } from './commands/exposure.js';
import { registerChokepoints } from './commands/chokepoints.js';
import { registerExplain } from './commands/explain.js';
import { registerReport } from './commands/report.js';
import { registerDependence } from './commands/dependence.js';
import { registerEvents } from './commands/events.js';
import { registerImport } from './commands/import.js';
import { registerExport } from './commands/export.js';
import { VERSION } from './version.js';

/** Every command, in the order `scsr --help` lists them. */
const COMMANDS: ReadonlyArray<readonly [string, (program: Command) => void]> = [
  ['list', registerList],
  ['sources', registerSources],
  ['stages', registerStages],
  ['score', registerScore],
  ['shock', registerShock],
  ['policies', registerPolicies],
  ['compare', registerCompare],
  ['exposure', registerExposure],
  ['dependence', registerDependence],
  ['events', registerEvents],
  ['chokepoints', registerChokepoints],
  ['explain', registerExplain],
  ['report', registerReport],
  ['import', registerImport],
  ['export', registerExport],
  ['validate', registerValidate],
  ['schema', registerSchema],
  ['completion', registerCompletion],
];

/**
 * The program. Given the name of one of scsr's commands in `only`, it registers that command
 * alone: a run of one command need not build the other dozen (start-up time is benchmarked).
 * Help, the suggestion for a mistyped command and `completion` need them all.
 */
export function buildProgram(only?: string): Command {
  const program = new Command('scsr')
    .description('Supply-chain risk scorer: weakest links, concentration, exposure and shocks, with every figure cited.')
    .version(VERSION, '-V, --version')
    .option('--no-color', 'plain output without colours or bars (also NO_COLOR)')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    .exitOverride();
  const one = COMMANDS.find(([name]) => name === only && name !== 'completion');
  for (const [, register] of one ? [one] : COMMANDS) register(program);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    strictOptions(cmd);
  }
  // Before any action reads data: every argument has a value (options were checked as parsed).
  program.hook('preAction', (_program, action) => checkArguments(action));
  program.addHelpText(
    'after',
    `
Examples:
  $ scsr score semiconductors              where is the US chain weakest?
  $ scsr score batteries --country kr      ... and the Korean battery chain?
  $ scsr compare us kr                     stage by stage, who relies on whom
  $ scsr exposure kr --to cn               how exposed is Korea to China?
  $ scsr score --all --json | jq .         the same as JSON

Every command takes --help. Commands that print results take --format
table|json|csv|tsv|ndjson|md (--json for short) and --data PATH (your own YAML);
report writes one HTML page instead; schema and completion print one file.
Exit codes: 0 ok, 1 unexpected, 2 usage, 3 invalid data, 4 I/O, 130 interrupted.
Method: ${docPath('methodology.md')}; data: ${docPath('data.md')}; \`scsr sources\`.`,
  );
  return program;
}

/** Run the CLI; returns the exit code. Anticipated errors print one line each to stderr. */
export async function main(argv: string[]): Promise<number> {
  // The first word that is not an option names the command (scsr's own options take no value).
  const program = buildProgram(argv.slice(2).find((a) => !a.startsWith('-')));
  // Subcommands copied the parent's output settings when they were registered, so each needs
  // its own; commander's "(Did you mean ...?)" goes on the same line so every error is one line.
  const oneLine = (s: string) => s.replace(/^error: /, 'scsr: ').replace(/\n\(Did you mean (.+)\?\)/, '; did you mean $1?');
  for (const cmd of [program, ...program.commands]) cmd.configureOutput({ writeErr: (s) => process.stderr.write(sanitize(oneLine(s))) });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      // `scsr help` asked for help (exit 0); `scsr` alone prints it on stderr: a usage error,
      // like any missing argument.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CliError) {
      // Messages can quote data or arguments: no control character reaches the terminal.
      process.stderr.write(`scsr: ${sanitize(e.message)}\n`);
      for (const l of e.lines) process.stderr.write(`${sanitize(l)}\n`);
      return e.code;
    }
    reportUnexpected(e);
    return EXIT.unexpected;
  }
}

/** A bug, in one line a user can paste into a report; the stack only with SCSR_DEBUG=1. */
function reportUnexpected(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`scsr: unexpected error: ${sanitize(message.split('\n')[0]!)} (please report it; SCSR_DEBUG=1 shows details)\n`);
  if (process.env.SCSR_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : message}\n`);
}

/**
 * Run `listen` on process.stdout or process.stderr when something first uses it, instead of
 * creating the stream at start-up: a stream on a pipe or a terminal loads node:net (about
 * 5 ms), and most runs never write to stderr. Node creates both on first access.
 */
function whenCreated(name: 'stdout' | 'stderr', listen: (stream: NodeJS.WriteStream) => void): void {
  const lazy = Object.getOwnPropertyDescriptor(process, name);
  if (!lazy?.get || !lazy.configurable) {
    listen(process[name]);
    return;
  }
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: lazy.enumerable ?? true,
    get() {
      Object.defineProperty(process, name, lazy);
      const stream = process[name];
      listen(stream);
      return stream;
    },
  });
}

/** Entry point of bin/scsr.js. */
export function run(): void {
  // The reader went away (`scsr ... | head`): exit 0 quietly; any other write error: exit 4.
  whenCreated('stdout', (stdout) => stdout.on('error', outputFailed));
  // A closed stderr (`2>&1 | head`) leaves nobody to tell; the exit code still does.
  whenCreated('stderr', (stderr) => stderr.on('error', () => {}));
  // No SIGINT handler on purpose: Node's default ends the process at once, even in the middle of
  // a long computation that would keep a JS handler waiting, and the shell reports 130 (128 + 2).
  const crash = (e: unknown) => {
    reportUnexpected(e);
    process.exit(EXIT.unexpected);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
