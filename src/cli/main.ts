// The scsr command line: commander wiring only. Each command lives in commands/<name>.ts.
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './exit.js';
import { registerList } from './commands/list.js';
import { registerSources } from './commands/sources.js';
import { registerStages } from './commands/stages.js';
import { registerValidate } from './commands/validate.js';
import { registerSchema } from './commands/schema.js';
import { registerScore } from './commands/score.js';
import { registerCompare } from './commands/compare.js';
import { registerExposure } from './commands/exposure.js';
import { registerChokepoints } from './commands/chokepoints.js';
import { registerExplain } from './commands/explain.js';
import { VERSION } from './version.js';

export function buildProgram(): Command {
  const program = new Command('scsr')
    .description('Supply-chain risk scorer: weakest links, concentration, exposure and shocks, with every figure cited.')
    .version(VERSION, '-V, --version')
    .option('--no-color', 'plain output without colours or bars (also NO_COLOR)')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    .exitOverride();
  registerList(program);
  registerSources(program);
  registerStages(program);
  registerScore(program);
  registerCompare(program);
  registerExposure(program);
  registerChokepoints(program);
  registerExplain(program);
  registerValidate(program);
  registerSchema(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Run the CLI; returns the exit code. Anticipated errors print one line each to stderr. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s.replace(/^error: /, 'scsr: ')) });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CliError) {
      process.stderr.write(`scsr: ${e.message}\n`);
      for (const l of e.lines) process.stderr.write(`${l}\n`);
      return e.code;
    }
    process.stderr.write(`scsr: unexpected error: ${(e as Error)?.message ?? String(e)} (please report it; SCSR_DEBUG=1 shows details)\n`);
    if (process.env.SCSR_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    return EXIT.unexpected;
  }
}

/** Entry point of bin/scsr.js. */
export function run(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // The reader went away (`scsr ... | head`): stop quietly.
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });
  process.on('SIGINT', () => process.exit(EXIT.interrupted));
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
