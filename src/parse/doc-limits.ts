import type { Point } from 'unist';
import type { RuleId } from '../diagnostics.js';
import { grouped, MAX_CELL_CHARS, MAX_CELLS_PER_ROW, MAX_EMPHASIS_COST, MAX_NESTING_DEPTH, MAX_ROWS_PER_TABLE } from '../limits.js';

/**
 * A doc beyond a documented limit (src/limits.ts, docs/limits.md): reading stops, the doc
 * gets one error at `place`, and nothing is generated from it.
 */
export class DocLimitError extends Error {
  constructor(
    message: string,
    /** Where the limit was passed; undefined when the caller knows it better (an HTML cell). */
    readonly place: Point | undefined,
    readonly ruleId: RuleId,
  ) {
    super(message);
  }
}

/**
 * What the markdown parser will spend on emphasis, summed over every block of inline text
 * a doc hands it (src/limits.ts, MAX_EMPHASIS_COST). One per doc: HTML cells add to it.
 */
export class EmphasisBudget {
  private spent = 0;

  /** Adds a block of `runs` delimiter runs; throws when the doc's budget is used up. */
  spend(runs: number, place: Point | undefined): void {
    this.spent += runs * runs;
    if (this.spent > MAX_EMPHASIS_COST) {
      throw new DocLimitError(
        `Unexpected ${runs} emphasis marks (\`*\`, \`_\`) in one block, more than the markdown parser can read in bounded time (its work grows with their square; the doc's budget is ${grouped(MAX_EMPHASIS_COST)}, about 4,000 marks in one paragraph), expected ordinary text; escape them as \`\\*\` or split the paragraph`,
        place,
        'emphasis-limit',
      );
    }
  }

  /**
   * Adds a block of `count` closing brackets `]`: each one is a link the parser tries to
   * close, and merging the text around the failed ones grows with their square.
   */
  spendBrackets(count: number, place: Point | undefined): void {
    this.spent += count * count;
    if (this.spent > MAX_EMPHASIS_COST) {
      throw new DocLimitError(
        `Unexpected ${count} closing brackets \`]\` in one block, more than the markdown parser can read in bounded time (its work grows with their square; the doc's budget is ${grouped(MAX_EMPHASIS_COST)}, about 4,000 in one paragraph), expected ordinary text; escape them as \`\\]\` or split the paragraph`,
        place,
        'emphasis-limit',
      );
    }
  }
}

const NON_BLANK = /\S/;
/** A first look: most lines hold no emphasis mark at all. */
const MAYBE_EMPHASIS = /[*_~]/;
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?$/;

/**
 * Checks a markdown source against the limits before it is parsed, in one pass over its
 * lines, and throws DocLimitError at the first line past one:
 * - nesting: block quotes and list markers that open a line (`> > - 1. x`);
 * - emphasis: the `*`/`_` delimiter runs of each block (a paragraph: lines up to a blank
 *   line; a table row: its own line), added to `budget`;
 * - tables: cells per row (unescaped pipes) and rows per table.
 * `located`: false for text whose lines are not the doc's (an HTML cell's): the error then
 * has no place, and the caller gives it one.
 */
export function checkSourceLimits(source: string, budget: EmphasisBudget, located = true): void {
  const at = (line: number): Point | undefined => (located ? { line, column: 1 } : undefined);
  let line = 0;
  let paragraphRuns = 0;
  let paragraphLine = 1;
  let paragraphBrackets = 0;
  let bracketLine = 1;
  let tableRows = -1; // -1: not in a table
  let previous = '';
  for (let from = 0; from <= source.length; ) {
    let to = source.indexOf('\n', from);
    if (to === -1) to = source.length;
    const text = source.slice(from, to);
    from = to + 1;
    line++;
    const shown = line;
    if (!NON_BLANK.test(text)) {
      budget.spend(paragraphRuns, at(paragraphLine));
      budget.spendBrackets(paragraphBrackets, at(bracketLine));
      paragraphRuns = 0;
      paragraphBrackets = 0;
      tableRows = -1;
      previous = text;
      if (to === source.length) break;
      continue;
    }
    const depth = containerDepth(text);
    if (depth > MAX_NESTING_DEPTH) {
      throw new DocLimitError(
        `Unexpected ${depth} levels of nested block quotes or lists on one line, expected at most ${MAX_NESTING_DEPTH}; the doc is not read`,
        at(shown),
        'nesting-limit',
      );
    }
    if (tableRows === -1 && previous.includes('|') && DELIMITER_ROW.test(text)) {
      // The header (the previous line) was counted with the paragraph; the rows count one by one.
      // The header and delimiter rows are rows too: a wide one costs the parser as much.
      checkRowWidth(previous, at(shown - 1));
      checkRowWidth(text, at(shown));
      tableRows = 0;
    } else if (tableRows >= 0) {
      tableRows++;
      if (tableRows > MAX_ROWS_PER_TABLE) {
        throw new DocLimitError(`Unexpected table of more than ${grouped(MAX_ROWS_PER_TABLE)} rows, expected at most that many in one table; split the doc`, at(shown), 'table-limit');
      }
      checkRowWidth(text, at(shown));
      if (MAYBE_EMPHASIS.test(text)) budget.spend(emphasisRuns(text), at(shown));
      if (text.includes(']')) budget.spendBrackets(closingBrackets(text), at(shown));
    } else {
      if (paragraphRuns === 0) paragraphLine = shown;
      if (MAYBE_EMPHASIS.test(text)) paragraphRuns += emphasisRuns(text);
      if (paragraphBrackets === 0) bracketLine = shown;
      if (text.includes(']')) paragraphBrackets += closingBrackets(text);
    }
    previous = text;
    if (to === source.length) break;
  }
  budget.spend(paragraphRuns, at(paragraphLine));
  budget.spendBrackets(paragraphBrackets, at(bracketLine));
}

/** How many `]` a line holds. */
function closingBrackets(text: string): number {
  let count = 0;
  for (let index = text.indexOf(']'); index !== -1; index = text.indexOf(']', index + 1)) count++;
  return count;
}

/** A table row (header, delimiter or body) of more than MAX_CELLS_PER_ROW cells, or with a cell too long: DocLimitError. */
function checkRowWidth(text: string, place: Point | undefined): void {
  // A line shorter than the cell limit cannot pass either limit: most rows are.
  if (text.length < MAX_CELLS_PER_ROW) return;
  const { cells, longest } = rowCells(text);
  if (cells > MAX_CELLS_PER_ROW) throw new DocLimitError(`Unexpected table row of ${cells} cells, expected at most ${grouped(MAX_CELLS_PER_ROW)}; the doc is not read`, place, 'table-limit');
  if (longest > MAX_CELL_CHARS) throw cellTooLong(longest, place);
}

/** How many block quote and list markers open the line (`> - > 1. x` → 4). */
function containerDepth(text: string): number {
  let depth = 0;
  let index = 0;
  for (;;) {
    while (index < text.length && (text[index] === ' ' || text[index] === '\t')) index++;
    const char = text[index];
    if (char === '>') {
      depth++;
      index++;
      continue;
    }
    if ((char === '-' || char === '+' || char === '*') && (index + 1 === text.length || text[index + 1] === ' ' || text[index + 1] === '\t')) {
      depth++;
      index++;
      continue;
    }
    let digits = index;
    while (digits < text.length && digits - index < 10 && text.charCodeAt(digits) >= 48 && text.charCodeAt(digits) <= 57) digits++;
    if (digits > index && digits - index <= 9 && (text[digits] === '.' || text[digits] === ')') && (digits + 1 === text.length || text[digits + 1] === ' ' || text[digits + 1] === '\t')) {
      depth++;
      index = digits + 1;
      continue;
    }
    return depth;
  }
}

/**
 * The cells of a table row (split at unescaped `|`, as GFM does) and the length of the
 * longest without its blanks around. One pass, no slices: it runs on every row.
 */
function rowCells(text: string): { cells: number; longest: number } {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  if (text.charCodeAt(start) === 124) start++; // a leading pipe opens the first cell
  let cells = 0;
  let longest = 0;
  let first = -1; // first non-blank of the current cell
  let last = -1; // end of its last non-blank
  for (let index = start; index <= end; index++) {
    const char = index === end ? 124 : text.charCodeAt(index);
    if (char === 124 /* | */) {
      if (index < end || first !== -1) {
        cells++;
        if (first !== -1) longest = Math.max(longest, last - first);
      }
      first = -1;
      continue;
    }
    if (char === 92 /* \ */ && index + 1 < end) index++;
    if (!isBlank(char)) {
      if (first === -1) first = index;
      last = index + 1;
    }
  }
  return { cells, longest };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13;
}

/** A cell longer than MAX_CELL_CHARS. */
export function cellTooLong(length: number, place: Point | undefined): DocLimitError {
  return new DocLimitError(`Unexpected table cell of ${grouped(length)} characters, expected at most ${grouped(MAX_CELL_CHARS)}; the doc is not read`, place, 'table-limit');
}

/**
 * Runs of `*`, `_` and `~` (strikethrough resolves the same way) that could open or close emphasis: a `_` between two letters or
 * digits cannot (`user_id`), so it does not count.
 */
function emphasisRuns(text: string): number {
  let runs = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 92 /* \ */) {
      index++;
      continue;
    }
    if (char !== 42 /* * */ && char !== 95 /* _ */ && char !== 126 /* ~ */) continue;
    let end = index;
    while (text.charCodeAt(end + 1) === char) end++;
    if (char === 95 && isWordChar(text.charCodeAt(index - 1)) && isWordChar(text.charCodeAt(end + 1))) {
      index = end;
      continue;
    }
    runs++;
    index = end;
  }
  return runs;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127;
}

/** A node of a syntax tree: mdast or hast (`children`). */
interface TreeNode {
  readonly type: string;
  readonly tagName?: string;
  readonly children?: readonly TreeNode[];
  readonly position?: { readonly start: Point };
}

/** mdast nodes that do not add a level a reader sees (a list item sits in its list, a paragraph in its block). */
const FLAT = new Set(['root', 'listItem', 'paragraph', 'heading', 'table', 'tableRow', 'tableCell']);

/**
 * Throws DocLimitError at the first node nested deeper than MAX_NESTING_DEPTH levels of
 * block quotes, lists, inline formatting or elements. Iterative: the tree may be as deep as
 * the input made it; everything that walks it afterwards recurses safely.
 */
export function checkTreeDepth(tree: TreeNode, what: 'markdown' | 'HTML', located = true): void {
  const stack: { node: TreeNode; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth: above } = stack.pop()!;
    // Only containers count: a leaf (text, code) adds no level.
    const container = node.children !== undefined && !FLAT.has(node.type);
    const depth = above + (container ? 1 : 0);
    if (depth > MAX_NESTING_DEPTH) {
      const start = node.position?.start;
      throw new DocLimitError(
        `Unexpected ${what} nested more than ${MAX_NESTING_DEPTH} levels deep, expected at most ${MAX_NESTING_DEPTH}; the doc is not read`,
        located && start ? { line: start.line, column: start.column } : undefined,
        'nesting-limit',
      );
    }
    for (const child of node.children ?? []) stack.push({ node: child, depth });
  }
}
