import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { CategoryOverride } from './classify.js';
import { classifyEntry } from './classify.js';
import type { SubCode } from '../model.js';
import { isPlaceholderText } from './name-phrase.js';
import { isValidMemberName, toMemberName } from './names.js';
import type { Row } from './rows.js';

/**
 * Sub-codes (issue 28 §1): rows that document a sub-code of a parent code, as the IM pages
 * do for 230099 (`Failed to create card content, ext=ErrCode: 11310; ErrMsg: %v; code:230099`).
 * A row is one when its table sits under a `<parent> 子错误码` heading, or under a `子错误码`
 * heading and its text names the parent (`code:230099`), or its message names both
 * `ErrCode: <n>` and the parent `code:<parent>`.
 */

/** A sub-code row with its parent code and the ErrMsg its message quotes. */
export interface SubRow {
  readonly parent: number;
  readonly subCode: number;
  /** The ErrMsg text of the row, when it is not a placeholder (`%v`). */
  readonly errMsg?: string;
  readonly row: Row;
}

const HEADING_PARENT = /(\d{3,10})\s*子错误码/;
const ERR_CODE = /ErrCode\s*:\s*(\d{1,10})/;
/** `code:230099`, not the `Code` of `ErrCode`. */
const PARENT_CODE = /(?<![A-Za-z])code\s*:\s*(\d{1,10})/;
const ERR_MSG = /ErrMsg\s*:\s*([^;]*)/;

/** The rows that are sub-codes (by the rule above), and the rest in their order. */
export function splitSubCodes(rows: readonly Row[]): { rows: Row[]; subRows: SubRow[] } {
  const regular: Row[] = [];
  const subRows: SubRow[] = [];
  for (const row of rows) {
    const sub = subRowOf(row);
    if (sub === undefined) regular.push(row);
    else subRows.push(sub);
  }
  return { rows: regular, subRows };
}

function subRowOf(row: Row): SubRow | undefined {
  const heading = row.heading ?? '';
  const text = row.message;
  const errCode = ERR_CODE.exec(text);
  let parent: number | undefined;
  const fromHeading = HEADING_PARENT.exec(heading);
  if (fromHeading) parent = Number(fromHeading[1]);
  else if (heading.includes('子错误码') || errCode) {
    const named = PARENT_CODE.exec(text.replace(ERR_CODE, ''));
    if (named) parent = Number(named[1]);
  }
  if (parent === undefined || parent === row.code) return undefined;
  const quoted = ERR_MSG.exec(text)?.[1]?.trim();
  const errMsg = quoted === undefined || isPlaceholderText(quoted) || /^%[a-z]$/i.test(quoted) ? undefined : quoted;
  return { parent, subCode: errCode ? Number(errCode[1]) : row.code, ...(errMsg !== undefined && { errMsg }), row };
}

/**
 * Every parent's sub-codes, sorted by sub-code then errMsg: one per distinct row (the same
 * table on several pages counts once), `errMsg` kept where several rows share a sub-code,
 * a name from the ErrMsg (else the texts, else `SubCode<N>`) unique within the parent, and
 * a verdict from the row's own texts and its parent's HTTP status.
 */
export function buildSubCodes(subRows: readonly SubRow[], parentStatus: (parent: number) => number | undefined, override: (parent: number) => CategoryOverride | undefined): Map<number, SubCode[]> {
  const byParent = new Map<number, SubRow[]>();
  const seen = new Set<string>();
  for (const sub of subRows) {
    const key = JSON.stringify([sub.parent, sub.subCode, sub.row.message, sub.row.description ?? '', sub.row.suggestion ?? '']);
    if (seen.has(key)) continue;
    seen.add(key);
    const list = byParent.get(sub.parent) ?? [];
    list.push(sub);
    byParent.set(sub.parent, list);
  }
  const result = new Map<number, SubCode[]>();
  for (const [parent, list] of byParent) {
    const counts = new Map<number, number>();
    for (const sub of list) counts.set(sub.subCode, (counts.get(sub.subCode) ?? 0) + 1);
    const taken = new Set<string>();
    const subCodes = [...list]
      .sort((a, b) => a.subCode - b.subCode || compare(a.errMsg ?? '', b.errMsg ?? '') || compare(a.row.message, b.row.message))
      .map((sub): SubCode => {
        const shared = (counts.get(sub.subCode) ?? 0) > 1;
        const { row } = sub;
        const verdict = classifyEntry(
          { code: -1, name: 'SubCode', message: sub.errMsg ?? row.message, ...(row.description !== undefined && { description: row.description }), ...(row.suggestion !== undefined && { suggestion: row.suggestion }), ...(parentStatus(parent) !== undefined && { httpStatus: parentStatus(parent)! }) },
          override(parent),
        );
        let name = subCodeName(sub);
        if (taken.has(name)) name = `${name}${sub.subCode}`;
        for (let counter = 2; taken.has(name); counter++) name = `${subCodeName(sub)}${sub.subCode}N${counter}`;
        taken.add(name);
        return {
          subCode: sub.subCode,
          ...(shared && sub.errMsg !== undefined && { errMsg: sub.errMsg }),
          name,
          message: row.message,
          ...(row.description !== undefined && { description: row.description }),
          ...(row.suggestion !== undefined && { suggestion: row.suggestion }),
          category: verdict.category,
          retryable: verdict.retryable,
          retry: verdict.retry,
        };
      });
    result.set(parent, subCodes);
  }
  return result;
}

/** `table number over limit` → `TableNumberOverLimit`; else from the description, the suggestion; else `SubCode<N>`. */
function subCodeName(sub: SubRow): string {
  for (const text of [sub.errMsg, sub.row.description, sub.row.suggestion]) {
    if (text === undefined) continue;
    const name = toMemberName(text);
    if (name !== undefined && isValidMemberName(name)) return name;
  }
  return `SubCode${sub.subCode}`;
}

/**
 * Sub-code rows whose parent the module does not list go back to the regular rows, with an
 * info line: they are read as codes of their own.
 */
export function orphanSubRows(subRows: readonly SubRow[], codes: ReadonlySet<number>, fileOf: (row: Row) => VFile): { kept: SubRow[]; orphans: Row[] } {
  const kept: SubRow[] = [];
  const orphans: Row[] = [];
  for (const sub of subRows) {
    if (codes.has(sub.parent)) {
      kept.push(sub);
      continue;
    }
    orphans.push(sub.row);
    report(fileOf(sub.row), 'info', `Row of code ${sub.row.code} reads as a sub-code of ${sub.parent}, which the module does not list; kept as a code of its own`, sub.row.start, 'sub-code');
  }
  return { kept, orphans };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
