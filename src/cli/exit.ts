// Exit codes (README "Exit codes"; each is tested in tests/e2e/exit-codes.test.ts).
export const EXIT = {
  ok: 0,
  /** A bug: an error nobody anticipated. Printed as one line; SCSR_DEBUG=1 shows the stack. */
  unexpected: 1,
  /** Bad command line: unknown command or option, bad option value, unknown sector/country/stage. */
  usage: 2,
  /** A data file is invalid (YAML syntax, schema, references). */
  invalidData: 3,
  /** A file or directory could not be read or written. */
  io: 4,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An anticipated failure: the CLI prints `scsr: <message>` (or the lines) and exits with `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode,
    readonly lines: readonly string[] = [],
  ) {
    super(message);
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT.usage);
