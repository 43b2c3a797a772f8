// Errors are values: the loader returns them, the CLI prints them and picks the exit code.

/** One problem in one data file, located as precisely as the file allows. */
export interface DataError {
  file: string;
  line: number;
  col: number;
  /** Path inside the document, e.g. `stages[2].shares[1].values[0].share`; empty for file-level errors. */
  path: string;
  message: string;
  /** Set when the file could not be read at all (missing, unreadable, too large): exit code 4, not 3. */
  io?: boolean;
}

export type Result<T, E = DataError[]> = { ok: true; value: T } | { ok: false; errors: E };

/** `data/batteries.yaml:42:15: stages[2].shares[1].share must be between 0 and 100 (got 140)` */
export function formatDataError(e: DataError): string {
  const where = e.line > 0 ? `${e.file}:${e.line}:${e.col}` : e.file;
  return `${where}: ${e.path ? `${e.path} ` : ''}${e.message}`;
}

export type PathSegment = string | number;

/** `['stages', 2, 'shares']` -> `stages[2].shares` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
