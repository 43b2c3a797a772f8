// The names of scsr's commands, for the compile cache (src/cli/boot.ts), which keys a cache
// file by the command run but must not load the CLI to learn its commands. A unit test checks
// this list against the program (tests/unit/cache.test.ts): add a new command here too.
export const COMMAND_NAMES: readonly string[] = [
  'list', 'sources', 'stages', 'score', 'shock', 'policies', 'compare', 'exposure', 'dependence', 'events',
  'chokepoints', 'explain', 'report', 'import', 'export', 'validate', 'schema', 'completion', 'help',
];
