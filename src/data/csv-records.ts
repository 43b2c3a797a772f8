// CSV (RFC 4180) read and written for `scsr import` and `scsr export`: fields separated by
// commas, quoted with double quotes when they hold a comma, a quote or a line break, quotes
// doubled inside; CRLF or LF line ends; a UTF-8 byte order mark is skipped. Written here (about
// a hundred lines) rather than taken from a package: the import needs the line each record
// starts on for its messages, and nothing else.

export interface CsvRecord {
  /** Line of the file the record starts on (1-based; a quoted field may span lines). */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface ParsedCsv {
  header: string[];
  records: CsvRecord[];
  problems: CsvProblem[];
}

/**
 * Records of a CSV text. Blank lines are skipped. Problems (a quote never closed, text after a
 * closing quote, a record with more fields than the header) are collected, not thrown, each
 * with its line; a record with fewer fields than the header is padded with empty fields (a
 * spreadsheet leaves trailing empty cells out).
 */
export function parseCsv(text: string): ParsedCsv {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quotedField = false;
    let endOfRecord = false;
    // One record: fields until an unquoted line end or the end of the text.
    while (!endOfRecord) {
      if (i < n && text[i] === '"' && field === '' && !quotedField) {
        // A quoted field: up to the quote that is not doubled.
        quotedField = true;
        const opened = line;
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) {
          // The rest of the file is inside the quote: no record can be read from it.
          problems.push({ line: opened, message: 'a quoted field opened on this line is never closed (a quote inside a field is written "")' });
          return finish(records, problems);
        }
        // After the closing quote: a separator, a line end or the end; anything else is kept but reported.
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          problems.push({ line, message: 'text after the closing quote of a field (a quote inside a field is written "")' });
          while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
        }
        continue;
      }
      if (i >= n) {
        fields.push(field);
        endOfRecord = true;
        break;
      }
      const c = text[i]!;
      if (c === ',') {
        fields.push(field);
        field = '';
        quotedField = false;
        i++;
      } else if (c === '\r' && text[i + 1] === '\n') {
        fields.push(field);
        i += 2;
        line++;
        endOfRecord = true;
      } else if (c === '\n' || c === '\r') {
        fields.push(field);
        i++;
        line++;
        endOfRecord = true;
      } else {
        field += c;
        i++;
      }
    }
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '' && !quotedField)) records.push({ line: start, fields });
  }
  return finish(records, problems);
}

function finish(records: CsvRecord[], problems: CsvProblem[]): ParsedCsv {
  const [head, ...rest] = records;
  const header = (head?.fields ?? []).map((h) => h.trim());
  for (const r of rest) {
    if (r.fields.length > header.length) {
      problems.push({ line: r.line, message: `has ${r.fields.length} fields, the header ${header.length}` });
    }
    while (r.fields.length < header.length) r.fields.push('');
  }
  return { header, records: rest, problems: problems.sort((a, b) => a.line - b.line) };
}

/** A cell a spreadsheet reads as a number: written as it is ("-3" is no formula). */
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Text a spreadsheet would run as a formula, and text that already looks guarded (`'=x`, so
 * that guarding is undone exactly: `'=x` is written `''=x`).
 */
const needsGuard = (s: string): boolean => /^'*[=+\-@\t\r]/.test(s) && !NUMBER.test(s);

/**
 * A field as written: text that begins with = + - @ tab or carriage return (and is not a
 * number) gets a leading single quote, OWASP's rule, which `unguardCell` removes on import;
 * quoted when it holds a comma, a quote or a line break.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (needsGuard(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The inverse of csvCell's guard: `'=x` reads as `=x`; `'abc` stays `'abc`. */
export function unguardCell(s: string): string {
  return s.startsWith("'") && needsGuard(s.slice(1)) ? s.slice(1) : s;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
