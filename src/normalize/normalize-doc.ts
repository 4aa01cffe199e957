import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { ErrorEntry, ErrorLink, ErrorVariant, Normalization } from '../model.js';
import type { RawCell, RawTable, ParsedDoc } from '../parse/types.js';
import { parseCodeCell, parseHttpStatus, MAX_CODE, MAX_RANGE } from './codes.js';
import { mapColumns, type ColumnField } from './headers.js';
import { isValidMemberName, toMemberName } from './names.js';
import { fixTypos, normalizeCellText } from './text.js';

/** What the name lock remembers of one code. */
export interface LockedEntry {
  readonly name: string;
  readonly message: string;
  readonly description?: string;
  readonly suggestion?: string;
  readonly httpStatus?: number;
  readonly section?: string;
}

export interface NormalizeOptions {
  /** Typo dictionary, lower-case word → correction. */
  readonly typos: Readonly<Record<string, string>>;
  /** Names (and last texts) held by the lock for this module, by code. */
  readonly locked: ReadonlyMap<number, LockedEntry>;
  /** Per-code names from the config; they win over the lock. */
  readonly overrides: ReadonlyMap<number, string>;
  /** Where the lock lives, for messages that tell the user what to edit. */
  readonly lockPath: string;
  readonly moduleId: string;
  /** Drop codes the doc no longer lists instead of keeping them as deprecated. */
  readonly prune: boolean;
}

/** One row of an error table, normalized, before codes are merged. */
interface Row {
  readonly code: number;
  readonly docName?: string;
  readonly message: string;
  readonly description?: string;
  readonly suggestion?: string;
  readonly httpStatus?: number;
  readonly section?: string;
  readonly start: Point;
  readonly normalizations: Normalization[];
  readonly links: ErrorLink[];
}

type TextField = 'message' | 'description' | 'suggestion';

/**
 * Turns a parsed doc into sorted entries: one per code, with the other meanings of a
 * repeated code as variants, names from the lock or derived, and a diagnostic on `file`
 * for everything changed or doubted.
 */
export function normalizeDoc(doc: ParsedDoc, file: VFile, options: NormalizeOptions): ErrorEntry[] {
  const errorTables: { table: RawTable; fields: Partial<Record<ColumnField, number>> }[] = [];
  for (const table of doc.tables) {
    const columns = mapColumns(table.header.map((cell) => cell.text));
    if (columns.fields.code === undefined) {
      report(
        file,
        'info',
        `Table without an error-code column (headers: ${table.header.map((cell) => cell.text || '(empty)').join(', ')}), not read as an error table`,
        table.start,
        'not-an-error-table',
      );
      continue;
    }
    for (const index of columns.ignored) {
      const cell = table.header[index]!;
      if (cell.text.trim() === '') continue;
      report(file, 'info', `Column \`${cell.text}\` is not a known error-table column; its cells are not used`, cell.start, 'unknown-column');
    }
    for (const index of columns.duplicates) {
      const cell = table.header[index]!;
      report(file, 'info', `Column \`${cell.text}\` repeats a field of an earlier column; its cells are not used`, cell.start, 'duplicate-column');
    }
    errorTables.push({ table, fields: columns.fields });
  }

  if (errorTables.length === 0) {
    const seen = doc.tables.length
      ? `its ${doc.tables.length} table(s) have no error-code column`
      : 'it has no table';
    report(
      file,
      'error',
      `Unexpected doc without an error table (${seen}), expected a table whose header names a code column such as \`错误码\` or \`code\``,
      { line: 1, column: 1 },
      'no-error-table',
    );
    return [];
  }

  const several = errorTables.length > 1;
  const rows: Row[] = [];
  for (const { table, fields } of errorTables) {
    if (table.rows.length === 0) {
      report(file, 'warning', 'Unexpected table with a header and no rows, expected at least one error code', table.start, 'empty-table');
    }
    for (const raw of table.rows) {
      rows.push(...readRow(raw.cells, raw.extra, raw.start, fields, several ? table.heading : undefined, file, options));
    }
  }
  if (rows.length === 0) {
    report(file, 'error', 'Unexpected doc without a usable row, expected at least one row with a numeric code', errorTables[0]!.table.start, 'no-usable-row');
    return [];
  }
  return mergeAndName(rows, file, options);
}

function readRow(
  cells: readonly RawCell[],
  extra: readonly RawCell[],
  start: Point,
  fields: Partial<Record<ColumnField, number>>,
  section: string | undefined,
  file: VFile,
  options: NormalizeOptions,
): Row[] {
  for (const cell of extra) {
    const text = normalizeCellText(cell.text, true).text;
    if (text === '') continue;
    report(file, 'warning', `Unexpected cell \`${text}\` past the header's ${cells.length} columns, dropped`, cell.start, 'extra-cell');
  }
  const cellOf = (field: ColumnField): RawCell | undefined => {
    const index = fields[field];
    return index === undefined ? undefined : cells[index];
  };
  const codeCell = cellOf('code')!;
  if (cells.every((cell) => cell.text.trim() === '')) return [];

  const parsed = parseCodeCell(codeCell.text);
  if (parsed.kind === 'empty') {
    report(file, 'warning', 'Unexpected row without a code, expected a number in the code column; row skipped', start, 'missing-code');
    return [];
  }
  if (parsed.kind === 'invalid') {
    const why: Record<string, string> = {
      negative: 'a negative number',
      'too-large': `a number above ${MAX_CODE}`,
      'range-order': 'a range whose end is not above its start',
      'range-size': `a range of more than ${MAX_RANGE} codes`,
      'not-a-number': 'not a number, range or list of numbers',
    };
    report(
      file,
      'warning',
      `Unexpected code \`${codeCell.text.trim()}\` (${why[parsed.reason]}), expected a code such as \`1002102\`, a range \`95201-95209\` or a list \`1001, 1002\`; row skipped`,
      codeCell.start,
      'invalid-code',
    );
    return [];
  }

  const normalizations: Normalization[] = [];
  const links: ErrorLink[] = [];
  const texts: Partial<Record<TextField, string>> = {};
  for (const field of ['message', 'description', 'suggestion'] as const) {
    const cell = cellOf(field);
    if (!cell) continue;
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
        `Fixed typo ${typo.fixed.map((word) => `\`${word}\``).join(', ')} in the ${field} of code ${parsed.codes[0]}, the original is kept in \`normalizations\``,
        cell.start,
        'typo',
      );
      normalizations.push(typo.normalization);
      text = typo.text;
    }
    if (text !== '') texts[field] = text;
    for (const link of cell.links) links.push({ field, text: normalizeCellText(link.text, true).text, url: link.url });
  }
  // Pages without a message column put the message in 描述/说明; the message is what
  // names and titles are made of, so the best text available is promoted to it.
  let message = texts.message;
  let description = texts.description;
  if (message === undefined) {
    if (fields.message === undefined) {
      message = description;
      description = undefined;
    } else message = description ?? texts.suggestion;
  }

  let httpStatus: number | undefined;
  const statusCell = cellOf('httpStatus');
  if (statusCell && statusCell.text.trim() !== '') {
    httpStatus = parseHttpStatus(statusCell.text);
    if (httpStatus === undefined) {
      report(file, 'warning', `Unexpected HTTP status \`${statusCell.text.trim()}\`, expected a number from 100 to 599; left out`, statusCell.start, 'invalid-http-status');
    }
  }
  const nameCell = cellOf('name');
  const docName = nameCell ? normalizeCellText(nameCell.text, true).text || undefined : undefined;

  if (parsed.kind !== 'single') {
    const from = codeCell.text.trim();
    normalizations.push({ field: 'code', rule: parsed.kind === 'range' ? 'code-range' : 'code-list', from });
    report(
      file,
      'info',
      `Code ${parsed.kind} \`${from}\` read as ${parsed.codes.length} codes (${parsed.codes[0]} … ${parsed.codes[parsed.codes.length - 1]}), one entry each`,
      codeCell.start,
      parsed.kind === 'range' ? 'code-range' : 'code-list',
    );
  }
  return parsed.codes.map((code) => ({
    code,
    docName,
    message: message ?? '',
    description,
    suggestion: texts.suggestion,
    httpStatus,
    section,
    start: codeCell.start,
    normalizations,
    links,
  }));
}

function mergeAndName(rows: readonly Row[], file: VFile, options: NormalizeOptions): ErrorEntry[] {
  const byCode = new Map<number, Row[]>();
  for (const row of rows) {
    const list = byCode.get(row.code);
    if (list) list.push(row);
    else byCode.set(row.code, [row]);
  }
  const codes = [...byCode.keys()].sort((a, b) => a - b);

  // Deprecated codes: held by the lock, gone from the doc.
  const deprecated = options.prune
    ? []
    : [...options.locked.keys()].filter((code) => !byCode.has(code)).sort((a, b) => a - b);
  for (const code of deprecated) {
    report(
      file,
      'warning',
      `Code ${code} is no longer in the doc; kept as deprecated from ${options.lockPath} (remove it there, or run \`generate --prune\`, to drop it)`,
      { line: 1, column: 1 },
      'removed-code',
    );
  }

  const names = assignNames(codes, byCode, deprecated, file, options);
  const entries: ErrorEntry[] = [];
  for (const code of codes) {
    const [first, ...others] = byCode.get(code)!;
    const variants: ErrorVariant[] = [];
    const seen = new Set([variantKey(first!)]);
    for (const other of others) {
      const key = variantKey(other);
      if (seen.has(key)) continue;
      seen.add(key);
      variants.push(
        clean({
          message: other.message,
          description: other.description,
          suggestion: other.suggestion,
          section: other.section,
          httpStatus: other.httpStatus,
        }),
      );
    }
    if (others.length > 0) {
      const lines = [first!, ...others].map((row) => row.start.line).join(', ');
      if (variants.length > 0) {
        report(
          file,
          'warning',
          `Code ${code} is listed ${others.length + 1} times with different texts (lines ${lines}); kept as one entry with ${variants.length} variant(s)`,
          first!.start,
          'duplicate-code',
        );
      } else {
        report(file, 'info', `Code ${code} is listed ${others.length + 1} times with the same texts (lines ${lines}); merged`, first!.start, 'duplicate-code');
      }
    }
    const normalizations = dedupe([first!, ...others].flatMap((row) => row.normalizations));
    const links = dedupe([first!, ...others].flatMap((row) => row.links));
    entries.push(
      clean({
        code,
        name: names.get(code)!,
        message: first!.message,
        description: first!.description,
        suggestion: first!.suggestion,
        httpStatus: first!.httpStatus,
        section: first!.section,
        variants: variants.length ? variants : undefined,
        normalizations: normalizations.length ? normalizations : undefined,
        links: links.length ? links : undefined,
      }),
    );
  }
  for (const code of deprecated) {
    const locked = options.locked.get(code)!;
    entries.push(
      clean({
        code,
        name: names.get(code)!,
        message: locked.message,
        description: locked.description,
        suggestion: locked.suggestion,
        httpStatus: locked.httpStatus,
        section: locked.section,
        deprecated: true,
      }),
    );
  }
  return entries.sort((a, b) => a.code - b.code);
}

/**
 * Names every code: config override, else the lock, else derived from the doc's own
 * name, the message, the description, or `Code<code>`. Collisions go to the higher code,
 * which gets its code as a suffix.
 */
function assignNames(
  codes: readonly number[],
  byCode: ReadonlyMap<number, Row[]>,
  deprecated: readonly number[],
  file: VFile,
  options: NormalizeOptions,
): Map<number, string> {
  const names = new Map<number, string>();
  const taken = new Map<string, number>();
  const fixed: number[] = [];
  const derived: number[] = [];
  // Locked names that a collision made (`TalentNotExist1002103`): still worth a warning.
  const collisionNames = new Map<number, string>();
  for (const code of [...codes, ...deprecated].sort((a, b) => a - b)) {
    const override = options.overrides.get(code);
    const locked = options.locked.get(code)?.name;
    const chosen = override ?? locked;
    if (chosen !== undefined && isValidMemberName(chosen)) {
      const owner = taken.get(chosen);
      if (owner === undefined) {
        names.set(code, chosen);
        taken.set(chosen, code);
        fixed.push(code);
        if (override === undefined) collisionNames.set(code, chosen);
        continue;
      }
      report(
        file,
        'error',
        `Name \`${chosen}\` of code ${code} is already the name of code ${owner}, expected one name per code; change it in ${override !== undefined ? 'the config' : options.lockPath}`,
        byCode.get(code)?.[0]?.start ?? { line: 1, column: 1 },
        'name-conflict',
      );
    } else if (chosen !== undefined) {
      report(
        file,
        'error',
        `Unexpected name \`${chosen}\` for code ${code}, expected a PascalCase identifier (A-Z first, then letters and digits) that is not one of ${[...RESERVED_LIST].join(', ')}; fix it in ${override !== undefined ? 'the config' : options.lockPath}`,
        byCode.get(code)?.[0]?.start ?? { line: 1, column: 1 },
        'invalid-name',
      );
    }
    derived.push(code);
  }
  for (const [code, name] of collisionNames) {
    const row = byCode.get(code)?.[0];
    const base = row && (toMemberName(row.docName ?? '') ?? toMemberName(row.message));
    const owner = base === undefined ? undefined : taken.get(base);
    if (base === undefined || name !== `${base}${code}` || owner === undefined || owner === code) continue;
    report(
      file,
      'warning',
      `Code ${code} is named \`${name}\` because code ${owner} has the same message; to choose a better name, edit modules["${options.moduleId}"]["${code}"].name in ${options.lockPath}`,
      row?.start ?? { line: 1, column: 1 },
      'name-collision',
    );
  }
  for (const code of derived) {
    const row = byCode.get(code)?.[0];
    const locked = options.locked.get(code);
    const base =
      (row && (toMemberName(row.docName ?? '') ?? toMemberName(row.message) ?? toMemberName(row.description ?? ''))) ??
      (locked && toMemberName(locked.message)) ??
      `Code${code}`;
    let name = base;
    const owner = taken.get(name);
    if (owner !== undefined) {
      name = `${base}${code}`;
      report(
        file,
        'warning',
        `Code ${code} would be named \`${base}\` like code ${owner}; named \`${name}\` instead. To choose a better name, edit modules["${options.moduleId}"]["${code}"].name in ${options.lockPath}`,
        row?.start ?? { line: 1, column: 1 },
        'name-collision',
      );
    }
    names.set(code, name);
    taken.set(name, code);
  }
  return names;
}

const RESERVED_LIST = ['Code', 'Lookup', 'Info', 'NaN', 'Infinity'];

function variantKey(row: Row): string {
  return JSON.stringify([row.message, row.description ?? '', row.suggestion ?? '', row.httpStatus ?? 0, row.section ?? '']);
}

function dedupe<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Drops undefined fields so JSON output and equality stay clean. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
