import type { Point } from 'unist';
import { markdownToCellText } from './markdown-cell.js';
import type { EmphasisBudget } from './doc-limits.js';
import type { RawCell, RawRow, RawTable } from './types.js';

/**
 * Rows a converted page lost after a callout (issue 29 §6). Feishu's pages put a `note`
 * callout inside an error table's cell; the mirror's converter ends the pipe table there: the
 * table's last row reads `note`, the callout's text follows, then each remaining row is a
 * block of lines: the code alone on its line, the message on the next, the suggestion up to
 * the next code (im-v1 message create's 230099 sub-codes):
 *
 * ```
 * | 200380 | Failed to create card content, … | 未找到卡片 … |
 * note
 * 	卡片发布后 …
 *     :::
 *
 *   200381
 *   Failed to create card content, ext=ErrCode: 200381; …
 *
 * 无卡片使用权限 …
 * ```
 *
 * The callout's text goes back to the row it belongs to (the one above it), the blocks become
 * rows of the table, each at its code's line. The blocks end at the next heading.
 */
export function isCalloutRow(table: RawTable): boolean {
  const last = table.rows[table.rows.length - 1];
  if (last === undefined || table.rows.length < 2 || table.header.length < 2) return false;
  return CALLOUT.test(last.cells[0]?.text.trim() ?? '') && last.cells.slice(1).every((cell) => cell.text.trim() === '');
}

/**
 * The table with its callout row folded into the row above and the blocks after it read as
 * rows; `lines` are the source lines after the table up to the next heading, `toPoint` maps
 * `(line index, column)` in them to a point of the doc. Undefined when no block follows.
 */
export function recoverCalloutRows(
  table: RawTable,
  lines: readonly string[],
  toPoint: (line: number, column: number) => Point,
  budget: EmphasisBudget,
): { table: RawTable; recovered: number } | undefined {
  const codeLines: number[] = [];
  let fenced = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (FENCE.test(line)) fenced = !fenced;
    else if (!fenced && CODE_LINE.test(line)) codeLines.push(index);
  }
  if (codeLines.length === 0) return undefined;

  const width = table.header.length;
  const cellAt = (text: string, start: Point): RawCell => {
    const reduced = markdownToCellText(text, budget);
    return { text: reduced.text, links: reduced.links, start };
  };
  const rows: RawRow[] = table.rows.slice(0, -2);
  // The callout's text (up to the first block) joins the last cell of the row it was in.
  const above = table.rows[table.rows.length - 2]!;
  const calloutText = lines.slice(0, codeLines[0]).filter((line) => !DIRECTIVE.test(line.trim())).join('\n').trim();
  if (calloutText !== '') {
    const lastCell = above.cells[width - 1]!;
    const merged = markdownToCellText(calloutText, budget);
    const cells = [...above.cells.slice(0, -1), { ...lastCell, text: [lastCell.text, merged.text].filter((text) => text !== '').join('\n'), links: [...lastCell.links, ...merged.links] }];
    rows.push({ ...above, cells });
  } else rows.push(above);

  for (let block = 0; block < codeLines.length; block++) {
    const from = codeLines[block]!;
    const to = codeLines[block + 1] ?? lines.length;
    const codeLine = lines[from]!;
    const codeColumn = codeLine.length - codeLine.trimStart().length + 1;
    const start = toPoint(from, codeColumn);
    let message = from + 1;
    while (message < to && lines[message]!.trim() === '') message++;
    const cells: RawCell[] = [{ text: codeLine.trim(), links: [], start }];
    if (message < to) {
      const line = lines[message]!;
      cells.push(cellAt(line.trim(), toPoint(message, line.length - line.trimStart().length + 1)));
      const rest = withoutFences(lines.slice(message + 1, to)).join('\n').trim();
      let first = message + 1;
      while (first < to && lines[first]!.trim() === '') first++;
      if (rest !== '') cells.push(cellAt(rest, toPoint(first, 1)));
    }
    const padded = cells.slice(0, width);
    while (padded.length < width) padded.push({ text: '', links: [], start });
    rows.push({ cells: padded, extra: cells.slice(width), cellCount: cells.length, start });
  }
  return { table: { ...table, rows }, recovered: codeLines.length };
}

/** The callouts of the Open Platform (`:::note`), as the converter leaves their name. */
const CALLOUT = /^(?:note|tip|tips|info|warning|caution|danger|error|success)$/i;
const DIRECTIVE = /^:::\s*(?:[A-Za-z][\w-]*)?$/;
/** A code alone on its line, as the blocks write it: three to ten digits. */
const CODE_LINE = /^[ \t]*\d{3,10}[ \t]*$/;
const FENCE = /^[ \t]{0,3}(?:```|~~~)/;

/** The lines without fenced code blocks (a response example in a suggestion is not its text). */
function withoutFences(lines: readonly string[]): string[] {
  const kept: string[] = [];
  let fenced = false;
  for (const line of lines) {
    if (FENCE.test(line)) fenced = !fenced;
    else if (!fenced) kept.push(line);
  }
  return kept;
}
