import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { ErrorLink, Normalization } from '../model.js';
import type { ParsedDoc, RawCell, RawRow, RawTable, StrayRow } from '../parse/types.js';
import { isCodeCell, parseCodeCell, parseHttpStatus, MAX_CODE, MAX_RANGE, type InvalidCodeReason } from './codes.js';
import { mapColumns, type ColumnField } from './headers.js';
import { notErrorCodes } from '../parse/code-table.js';
import { fixTypos, isHttpUrl, normalizeCellText, resolveLinkUrl } from './text.js';
import { clip, grouped, MAX_CODES_PER_DOC, MAX_NORMALIZATION_FROM_CHARS } from '../limits.js';

/** One row of an error table, normalized, before codes are merged. */
export interface Row {
  readonly code: number;
  readonly docName?: string;
  readonly message: string;
  readonly description?: string;
  readonly suggestion?: string;
  readonly httpStatus?: number;
  readonly section?: string;
  /** The nearest heading above the row's table, even when the doc has one table (sub-code tables are told by it). */
  readonly heading?: string;
  /** The seed the row is from, for a module folder's pages (names and messages tell pages apart by it). */
  readonly page?: string;
  readonly start: Point;
  readonly normalizations: Normalization[];
  readonly links: ErrorLink[];
}

export interface RowOptions {
  /** Typo dictionary, lower-case word → correction. */
  readonly typos: Readonly<Record<string, string>>;
  /**
   * A page without an error table is an `error` (a flat seed is one module: it must have one)
   * or an `info` (a guide page in a module folder) (optional, default: 'error').
   */
  readonly noTable?: 'error' | 'info';
}

type TextField = 'message' | 'description' | 'suggestion';

/** An error table with the IR field each of its columns feeds. */
interface ErrorTable {
  readonly table: RawTable;
  readonly fields: Partial<Record<ColumnField, number>>;
  /** Column index → the text field it fills (a 描述 column fills `message` when no column is the message). */
  readonly texts: readonly { readonly field: TextField; readonly index: number }[];
  /** Columns no field takes, by index (their text is the message of last resort). */
  readonly unused: readonly number[];
}

const WHY_INVALID: Readonly<Record<InvalidCodeReason, string>> = {
  negative: 'a negative number',
  'too-large': `a number above ${MAX_CODE}`,
  'range-order': 'a range whose end is not above its start',
  'range-size': `more than ${MAX_RANGE} codes`,
  'not-a-number': 'not a number, range or list of numbers',
};

/**
 * Reads every error table of a doc into rows, one per code (a range or list gives one row
 * per code it names). Every row it cannot take, and every table that looks like an error
 * table but is not read as one, is reported on `file` with its place. Returns undefined
 * (after reporting an error) when the doc has no error table or no usable row.
 */
export function readRows(doc: ParsedDoc, file: VFile, options: RowOptions): Row[] | undefined {
  const errorTables: ErrorTable[] = [];
  const otherTables: RawTable[] = [];
  const warned = new Set<RawTable>();
  for (const table of doc.tables) {
    const errorTable = readHeader(table, file, warned);
    if (errorTable) errorTables.push(errorTable);
    else otherTables.push(table);
  }
  for (const table of otherTables) {
    if (warned.has(table)) continue;
    report(
      file,
      'info',
      `Table without an error-code column (headers: ${table.header.map((cell) => clip(cell.text) || '(empty)').join(', ')}), not read as an error table`,
      table.start,
      'not-an-error-table',
    );
  }

  if (errorTables.length === 0) {
    const found = otherTables.length
      ? `found ${otherTables.length} table(s) without one (${otherTables.map((table) => `line ${table.start.line}: ${table.header.map((cell) => `\`${clip(cell.text) || ' '}\``).join(' | ')}`).join('; ')})`
      : 'found no table';
    if (options.noTable === 'info') {
      report(file, 'info', `Page without an error table (a guide or overview page): it adds no codes to its module`, otherTables[0]?.start ?? { line: 1, column: 1 }, 'no-error-table');
      return undefined;
    }
    report(
      file,
      'error',
      `Unexpected doc without an error table, expected a table with an error-code column such as \`错误码\`, \`code\` or \`Error code\`; ${found}. Name the code column so, or remove this doc from the seeds`,
      otherTables[0]?.start ?? { line: 1, column: 1 },
      'no-error-table',
    );
    reportStrayRows(doc.strayRows, file);
    return undefined;
  }

  const sourceUrl = doc.frontMatter.sourceUrl;
  const several = errorTables.length > 1;
  const rows: Row[] = [];
  for (const errorTable of errorTables) {
    const { table } = errorTable;
    if (table.rows.length === 0) {
      report(file, 'warning', 'Unexpected table with a header and no rows, expected at least one error code', table.start, 'empty-table');
    }
    const section = several ? table.heading : undefined;
    for (const raw of table.rows) {
      for (const row of readRow(raw, errorTable, section, sourceUrl, file, options)) rows.push(row);
      if (rows.length > MAX_CODES_PER_DOC) {
        report(file, 'error', `Unexpected doc of more than ${grouped(MAX_CODES_PER_DOC)} codes (ranges and lists counted code by code), expected at most that many; split the doc`, raw.start, 'codes-limit');
        return undefined;
      }
    }
  }
  reportStrayRows(doc.strayRows, file);
  if (rows.length === 0) {
    if (options.noTable === 'info') {
      report(file, 'warning', 'Unexpected error table without a usable row, expected at least one row with a numeric code; the page adds no codes', errorTables[0]!.table.start, 'no-usable-row');
      return undefined;
    }
    report(file, 'error', 'Unexpected doc without a usable row, expected at least one row with a numeric code', errorTables[0]!.table.start, 'no-usable-row');
    return undefined;
  }
  return rows;
}

/**
 * Maps a table's columns; reports what it ignores. Undefined when it is not an error table
 * (added to `warned` when it holds codes under an unknown header and that was reported).
 */
function readHeader(table: RawTable, file: VFile, warned: Set<RawTable>): ErrorTable | undefined {
  const headers = table.header.map((cell) => cell.text);
  const body = table.rows.map((row) => row.cells.map((cell) => cell.text));
  const columns = mapColumns(headers, body, isCodeCell);
  const quoted = (index: number) => `\`${clip(headers[index] ?? '') || ' '}\``;

  if (columns.fields.code === undefined) {
    // A column of codes under a header we do not know: say so, a user can rename it.
    const codeLike = headers.findIndex((_, index) => {
      if (index === columns.fields.httpStatus) return false;
      const codes = body.filter((row) => isCodeCell(row[index] ?? '')).length;
      return codes >= 2 && codes * 2 > body.length;
    });
    if (codeLike !== -1) {
      report(
        file,
        'warning',
        `Unexpected table whose column ${quoted(codeLike)} holds codes but whose header names no error-code column, expected a header such as \`错误码\`, \`code\` or \`Error code\`; the table is not read (rename the column to read it)`,
        table.start,
        'unknown-code-column',
      );
      warned.add(table);
    }
    return undefined;
  }

  const notCodes = notErrorCodes(headers, columns.fields.code, body, isCodeCell);
  if (notCodes !== undefined) {
    report(file, 'info', `Table whose column ${quoted(columns.fields.code)} is named like a code but holds ${notCodes}, not error codes; not read as an error table`, table.start, 'not-an-error-table');
    warned.add(table);
    return undefined;
  }

  if (columns.codeColumnSkipped !== undefined) {
    const skipped = columns.codeColumnSkipped;
    report(
      file,
      'info',
      `Columns ${quoted(skipped)} and ${quoted(columns.fields.code)} are both named like the code; the codes are read from ${quoted(columns.fields.code)}, whose cells are numbers${columns.fields.name === skipped ? `, and ${quoted(skipped)} gives the names` : ''}`,
      table.header[skipped]!.start,
      'code-column',
    );
  }
  for (const index of columns.ignored) {
    const cell = table.header[index]!;
    if (cell.text.trim() === '' || index === columns.codeColumnSkipped) continue;
    report(file, 'info', `Column \`${clip(cell.text)}\` is not a known error-table column; its cells are not used`, cell.start, 'unknown-column');
  }
  for (const index of columns.duplicates) {
    const cell = table.header[index]!;
    report(file, 'info', `Column \`${clip(cell.text)}\` repeats a field of an earlier column; its cells are not used`, cell.start, 'duplicate-column');
  }

  // Pages without a message column put the message in 描述/说明: that column is the message.
  const { fields } = columns;
  const texts: { field: TextField; index: number }[] = [];
  if (fields.message !== undefined) texts.push({ field: 'message', index: fields.message });
  if (fields.description !== undefined) {
    texts.push({ field: fields.message === undefined ? 'message' : 'description', index: fields.description });
  }
  if (fields.suggestion !== undefined) texts.push({ field: 'suggestion', index: fields.suggestion });
  return { table, fields, texts, unused: columns.ignored.filter((index) => index !== columns.codeColumnSkipped) };
}

function readRow(
  raw: RawRow,
  { table, fields, texts: textColumns, unused }: ErrorTable,
  section: string | undefined,
  sourceUrl: string | undefined,
  file: VFile,
  options: RowOptions,
): Row[] {
  const { cells, extra, start } = raw;
  const width = table.header.length;
  for (const cell of extra) {
    const text = normalizeCellText(cell.text, true).text;
    if (text === '') continue;
    report(file, 'warning', `Unexpected cell \`${clip(text)}\` past the header's ${width} columns, dropped`, cell.start, 'extra-cell');
  }
  if (cells.every((cell) => cell.text.trim() === '')) return [];
  const cellOf = (field: ColumnField): RawCell | undefined => {
    const index = fields[field];
    return index === undefined ? undefined : cells[index];
  };
  const codeCell = cellOf('code')!;

  const parsed = parseCodeCell(codeCell.text);
  if (parsed.kind === 'empty') {
    report(file, 'warning', 'Unexpected row without a code, expected a number in the code column; row skipped', start, 'missing-code');
    return [];
  }
  if (parsed.kind === 'invalid') {
    report(
      file,
      'warning',
      `Unexpected code \`${clip(normalizeCellText(codeCell.text, true).text)}\` (${WHY_INVALID[parsed.reason]}), expected a code such as \`1002102\`, a range \`95201-95209\` or a list \`1001, 1002\`; row skipped`,
      codeCell.start,
      'invalid-code',
    );
    return [];
  }
  const first = parsed.codes[0]!;

  const normalizations: Normalization[] = [];
  const links: ErrorLink[] = [];
  const texts: Partial<Record<TextField, string>> = {};
  for (const { field, index } of textColumns) {
    const cell = cells[index]!;
    const normalized = normalizeCellText(cell.text, field === 'message');
    if (normalized.hadControl) {
      report(file, 'warning', `Unexpected control character in the ${field} cell, removed`, cell.start, 'control-character');
    }
    let text = normalized.text;
    const typo = fixTypos(text, field, options.typos);
    if (typo.normalization) {
      report(
        file,
        'info',
        `Fixed typo ${typo.fixed.map((word) => `\`${word}\``).join(', ')} in the ${field} of code ${first}, the original is kept in \`normalizations\``,
        cell.start,
        'typo',
      );
      normalizations.push(typo.normalization);
      text = typo.text;
    }
    if (text !== '') texts[field] = text;
    for (const link of cell.links) {
      // Only http(s) links are kept: a `javascript:` or `data:` URL must reach no output.
      const url = resolveLinkUrl(link.url, sourceUrl);
      if (isHttpUrl(url)) links.push({ field, text: normalizeCellText(link.text, true).text, url });
    }
  }

  // The message is what names and titles are made of: an empty one takes the best text
  // the row has, down to a column no field takes (CoreHR's 校验).
  let message = texts.message ?? singleLine(texts.description ?? texts.suggestion);
  if (message === undefined) {
    const other = unused
      .map((index) => ({ header: table.header[index]!.text, text: normalizeCellText(cells[index]!.text, true).text }))
      .filter(({ text }) => text !== '');
    if (other.length > 0) {
      message = other.map(({ text }) => text).join(' ');
      report(
        file,
        'info',
        `Code ${first} has no message, description or suggestion; its message is taken from column ${other.map(({ header }) => `\`${clip(header)}\``).join(', ')}`,
        codeCell.start,
        'message-from-other-column',
      );
    } else {
      report(file, 'warning', `Unexpected row of code ${first} without any text, expected a message or a description; kept with an empty message`, codeCell.start, 'empty-message');
    }
  }

  let httpStatus: number | undefined;
  const statusCell = cellOf('httpStatus');
  if (statusCell && statusCell.text.trim() !== '') {
    httpStatus = parseHttpStatus(statusCell.text);
    if (httpStatus === undefined) {
      report(file, 'warning', `Unexpected HTTP status \`${clip(statusCell.text.trim())}\`, expected a number from 100 to 599; left out`, statusCell.start, 'invalid-http-status');
    }
  }
  const nameCell = cellOf('name');
  const docName = nameCell ? normalizeCellText(nameCell.text, true).text || undefined : undefined;

  if (parsed.kind !== 'single') {
    const from = normalizeCellText(codeCell.text, true).text;
    const rule = parsed.kind === 'range' ? 'code-range' : 'code-list';
    // Every code of the cell carries this: clipped, so a list of 1,000 codes is not written 1,000 times whole.
    normalizations.push({ field: 'code', rule, from: clip(from, MAX_NORMALIZATION_FROM_CHARS) });
    report(
      file,
      'info',
      `Code ${parsed.kind} \`${clip(from)}\` read as ${parsed.codes.length} codes (${first} … ${parsed.codes[parsed.codes.length - 1]}), one entry each with the row's texts`,
      codeCell.start,
      rule,
    );
  }
  return parsed.codes.map((code) => ({
    code,
    docName,
    message: message ?? '',
    description: texts.description,
    suggestion: texts.suggestion,
    httpStatus,
    section,
    heading: table.heading,
    start: codeCell.start,
    normalizations,
    links,
  }));
}

function singleLine(text: string | undefined): string | undefined {
  return text === undefined ? undefined : normalizeCellText(text, true).text || undefined;
}

/** A table-like line outside every table that names a code: a row the doc meant but lost. */
function reportStrayRows(strayRows: readonly StrayRow[], file: VFile): void {
  for (const row of strayRows) {
    const code = row.cells.find((cell) => isCodeCell(cell));
    if (code === undefined) continue;
    report(
      file,
      'warning',
      `Unexpected table row of code \`${clip(code)}\` outside any table, expected it inside one (a blank line or other block ends a table, and a table needs a \`---\` row under its header); row not read`,
      row.start,
      'row-outside-table',
    );
  }
}
