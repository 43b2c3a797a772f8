// Colours for a colour terminal, by tone (chalk 5). Loaded only when colour is on: piped output
// and --no-color never load it.
import { Chalk } from 'chalk';
import type { Style } from './table.js';

export function ansiStyle(): Style {
  const chalk = new Chalk({ level: 1 });
  return {
    tone: { good: chalk.green, ok: chalk.cyan, warn: chalk.yellow, bad: chalk.red, muted: chalk.dim, strong: chalk.bold, accent: chalk.magenta },
    header: chalk.bold,
  };
}
