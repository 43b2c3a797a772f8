// Where the documents the CLI points to are: docs/ ships in the package (package.json `files`).
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A document of the installed package, as a path a reader can open: relative to the working
 * directory when it lies inside it (a clone: `docs/json.md`), else absolute (a global install).
 * `name` may carry an anchor: `scenarios.md#uncertainty`.
 */
export function docPath(name: string): string {
  const [file, anchor] = name.split('#');
  // dist/cli.cjs (and dist/*.cjs) sit beside docs/ in the package.
  const path = fileURLToPath(new URL(`../docs/${file}`, import.meta.url));
  const rel = relative(process.cwd(), path);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return anchor ? `${shown}#${anchor}` : shown;
}
