import type { Root, Table, TableCell, TableRow } from 'mdast';
import type { Node, Point } from 'unist';
import { readSimpleInline } from './simple-inline.js';

/**
 * Parses a doc whose pipe tables may hold tens of thousands of rows in time and memory
 * linear in the rows, with the same mdast, positions included, as parsing it whole.
 *
 * remark-gfm on one 100,000-row table takes minutes and gigabytes: micromark tokenizes
 * the whole table as one construct and resolves it at once, and even in small pieces a
 * table row costs it far more than the same text as a paragraph. Here the body rows of
 * each table (after its first) are cut out of the doc, the rest of the doc is parsed as
 * is, and the rows are read back:
 * - each row is split into cells at its pipes, exactly as GFM's row tokenizer does;
 * - a cell with nothing inline markdown gives a meaning to (see NEEDS_PARSER) is its
 *   trimmed text; one of plain text, simple links and code spans is read by
 *   readSimpleInline (simple-inline.ts);
 * - other cells are parsed by `parse` as paragraphs, thousands per batch, when a
 *   paragraph reads them as a cell does (see readsAsParagraph);
 * - a row with a cell that would not, or with tabs or controls, is parsed by `parse` as
 *   a table: a few hundred rows per batch under the table's own header and delimiter.
 * Positions are mapped back to the doc. Rows and cells of a table do not depend on each
 * other, only on its header and delimiter rows, so this gives the tree a whole parse
 * gives (test/parse/chunked-tables.test.ts checks it on every fixture and on random
 * tables). The cut is checked against the parse of the rest (the table must be a
 * top-level table starting at the expected header and holding its first row); anything
 * unexpected, or a doc with link definitions (a cell could refer to one), falls back to
 * parsing the doc whole. Text nodes of split cells carry no position (nothing reads it).
 */
export function parseWithChunkedTables(source: string, parse: (text: string) => Root): Root {
  if (DEFINITION.test(source)) return parse(source);
  const lines = splitLines(source);
  const cuts = findCuts(lines);
  if (cuts.length === 0) return parse(source);
  return readWithCuts(source, lines, cuts, parse) ?? parse(source);
}

/** Rows (cells) per batch parsed by `parse`: bounded memory, and micromark stays linear. */
const BATCH_ROWS = 400;
const BATCH_CELLS = 2000;
/** A table needs this many body rows before its rows are cut out. */
const MIN_CUT_ROWS = 2;
/** A link or footnote definition anywhere: a row could use it, so the doc is parsed whole. */
const DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:/m;
/**
 * What makes a cell's text need the inline parser: emphasis, code, links, HTML, escapes,
 * strikethrough, character references, autolink literals (`www.`, `http(s):`, `mailto:`,
 * `xmpp:`, emails), and a `_` not between two letters or digits (one between them can
 * neither open nor close emphasis, as in `user_id`). `>`, `!` and `:` alone mean nothing inline.
 */
const MAYBE_SYNTAX = /[\\`*~[\]<&@_:.]/; // a cheap first look: most cells hold none of these
const NEEDS_PARSER = /[\\`*~[\]<&@]|www\.|(?:https?|mailto|xmpp):|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/iu;
const needsParser = (text: string): boolean => MAYBE_SYNTAX.test(text) && NEEDS_PARSER.test(text);
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?$/;

interface Line {
  /** The line without its `\n` (a `\r` of CRLF stays). */
  readonly text: string;
  readonly offset: number;
}

/** Body rows cut out of one table: lines `from` to `to` (exclusive, 0-based). */
interface Cut {
  readonly header: number;
  readonly kept: number;
  readonly from: number;
  readonly to: number;
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const text of source.split('\n')) {
    lines.push({ text, offset });
    offset += text.length + 1;
  }
  return lines;
}

/** Candidate tables: a line with a pipe, a delimiter row, then body rows starting with `|`. */
function findCuts(lines: readonly Line[]): Cut[] {
  const cuts: Cut[] = [];
  for (let index = 1; index < lines.length - 1; index++) {
    if (!DELIMITER_ROW.test(lines[index]!.text) || !lines[index - 1]!.text.includes('|')) continue;
    let end = index + 1;
    while (end < lines.length && isBodyRow(lines[end]!.text)) end++;
    if (end - (index + 2) >= MIN_CUT_ROWS) cuts.push({ header: index - 1, kept: index + 1, from: index + 2, to: end });
    index = end - 1;
  }
  return cuts;
}

/**
 * A line that is a row of the table above it, whatever it holds: it starts with a pipe, or
 * it holds a pipe and starts with nothing that could open another block (a heading, quote,
 * list, fence, HTML, thematic break, definition, indented code) and no blank. A table row
 * this misses stays in the rest of the doc, where the whole parse reads it.
 */
function isBodyRow(text: string): boolean {
  return text.startsWith('|') || (text.includes('|') && !/^(?:[\s>#<`~*+\-_=[!:\\]|\d{1,9}[.)])/.test(text));
}

/** Parses the doc without the cut rows, then puts them back; undefined when the cuts do not hold. */
function readWithCuts(source: string, lines: readonly Line[], cuts: readonly Cut[], parse: (text: string) => Root): Root | undefined {
  const startOf = (line: number) => (line < lines.length ? lines[line]!.offset : source.length);
  // The rest of the doc, and where each cut sits in it.
  const pieces: string[] = [];
  const shifts: { at: number; offset: number; lines: number }[] = [];
  let taken = 0;
  let removed = 0;
  let removedLines = 0;
  for (const cut of cuts) {
    const from = startOf(cut.from);
    const to = startOf(cut.to);
    pieces.push(source.slice(taken, from));
    taken = to;
    removed += to - from;
    removedLines += cut.to - cut.from;
    shifts.push({ at: from - (removed - (to - from)), offset: removed, lines: removedLines });
  }
  pieces.push(source.slice(taken));
  const tree = parse(pieces.join(''));

  // Map every position of the rest back to the doc (each point once, even if shared).
  const mapped = new WeakSet<Point>();
  const map = (point: Point): void => {
    if (point.offset === undefined || mapped.has(point)) return;
    mapped.add(point);
    let shift: (typeof shifts)[number] | undefined;
    for (const candidate of shifts) if (candidate.at <= point.offset) shift = candidate;
    if (!shift) return;
    point.offset += shift.offset;
    point.line += shift.lines;
  };
  const ends = new Map<Node, Point>();
  visit(tree, (node) => {
    if (!node.position) return;
    ends.set(node, { ...node.position.end });
    map(node.position.start);
    map(node.position.end);
  });

  const pending: PendingCell[] = [];
  for (const [index, cut] of cuts.entries()) {
    const table = tree.children.find(
      (node): node is Table => node.type === 'table' && node.position?.start.offset === lines[cut.header]!.offset,
    );
    const keptAt = table?.children.findIndex((row) => row.position?.start.offset === lines[cut.kept]!.offset) ?? -1;
    if (!table || keptAt < 1) return undefined;
    const rows = readRows(lines, cut, parse, pending);
    if (!rows) return undefined;
    // Not splice(…, ...rows): a spread of 130,000 arguments overflows the stack.
    table.children = table.children.slice(0, keptAt + 1).concat(rows, table.children.slice(keptAt + 1));
    // A table that ended at its first row in the rest ends at its last row in the doc.
    const restEnd = ends.get(table)!;
    if (restEnd.offset !== undefined && restEnd.offset <= shifts[index]!.at) table.position!.end = { ...rows[rows.length - 1]!.position!.end };
  }
  if (pending.length > 0 && !parseCells(pending, parse)) return undefined;
  // The root ends where the doc ends (the rest ends with a line ending the doc may lack).
  const last = lines[lines.length - 1]!;
  if (tree.position) tree.position.end = { line: lines.length, column: last.text.length + 1, offset: source.length };
  return tree;
}

/** A cell whose text needs the inline parser, waiting for its paragraph batch. */
interface PendingCell {
  readonly cell: TableCell;
  readonly value: string;
  readonly line: number;
  /** Offset in the doc and column of the cell's first character of text. */
  readonly offset: number;
  readonly column: number;
}

/**
 * The cut rows of one table as mdast rows with the doc's positions; undefined when a batch
 * does not parse as expected. Cells waiting for the inline parser are queued on `pending`
 * (the caller parses every table's at once) and get their children then.
 */
function readRows(lines: readonly Line[], cut: Cut, parse: (text: string) => Root, pending: PendingCell[]): TableRow[] | undefined {
  const rows: TableRow[] = [];
  const tableRows: number[] = [];
  for (let line = cut.from; line < cut.to; line++) {
    const row = splitRow(lines[line]!, line + 1, pending);
    if (row) rows.push(row);
    else tableRows.push(line);
  }
  for (let from = 0; from < tableRows.length; from += BATCH_ROWS) {
    const batch = tableRows.slice(from, from + BATCH_ROWS);
    const parsed = parseRows(lines, cut, batch, parse);
    if (!parsed) return undefined;
    for (const row of parsed) rows.push(row);
  }
  return rows.sort((a, b) => a.position!.start.offset! - b.position!.start.offset!);
}

/**
 * Splits a row at its pipes exactly as GFM does: `\|` and `\\` are escapes, a leading
 * pipe (or else the line's start) opens the first cell, a trailing pipe (then only spaces)
 * closes the last, cells are trimmed of spaces. Positions as micromark gives them: a cell starts at its pipe and
 * ends at the next one, the last cell at the end of the line. A cell with inline syntax
 * that reads the same as a paragraph of its own is queued on `pending`; undefined when the
 * row needs the table parser (tabs, controls, or a cell that would not read the same).
 */
function splitRow(line: Line, lineNumber: number, pending: PendingCell[]): TableRow | undefined {
  const text = line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text;
  if (/[\t\r\0]/.test(text)) return undefined;
  const pipes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 92 /* \ */ && (text.charCodeAt(index + 1) === 92 || text.charCodeAt(index + 1) === 124)) index++;
    else if (char === 124 /* | */) pipes.push(index);
  }
  // Each cell opens at a pipe; a row without a leading pipe opens its first cell at the line's start.
  if (pipes[0] !== 0) pipes.unshift(-1);
  if (pipes.length < 2) return undefined;
  const point = (column: number): Point => ({ line: lineNumber, column, offset: line.offset + column - 1 });
  let count = pipes.length;
  if (/^ *$/.test(text.slice(pipes[count - 1]! + 1))) count--; // a trailing pipe
  const cells: TableCell[] = [];
  const waiting: PendingCell[] = [];
  for (let index = 0; index < count; index++) {
    const from = pipes[index]! + 1;
    const to = index + 1 < pipes.length ? pipes[index + 1]! : text.length;
    let first = from;
    let last = to;
    while (first < last && text.charCodeAt(first) === 32) first++;
    while (last > first && text.charCodeAt(last - 1) === 32) last--;
    const value = text.slice(first, last);
    const cell: TableCell = {
      type: 'tableCell',
      children: [],
      position: { start: point(Math.max(from, 1)), end: point(index + 1 < count ? to + 1 : text.length + 1) },
    };
    cells.push(cell);
    if (value === '') continue;
    if (!MAYBE_SYNTAX.test(value) || !NEEDS_PARSER.test(value)) {
      cell.children.push({ type: 'text', value });
      continue;
    }
    const simple = readSimpleInline(value, needsParser, line.offset + first, first + 1, lineNumber);
    if (simple) cell.children = simple;
    else if (readsAsParagraph(value)) waiting.push({ cell, value, line: lineNumber, offset: line.offset + first, column: first + 1 });
    else return undefined;
  }
  for (const cell of waiting) pending.push(cell);
  return { type: 'tableRow', children: cells, position: { start: point(1), end: point(text.length + 1) } };
}

/**
 * Does this cell text parse, as a paragraph of its own, into the inline nodes it gives in
 * a table cell? Not when it would open a block (heading, quote, list, fence, HTML block,
 * thematic break, definition), and not when a code span holds `\|` (a table unescapes it).
 */
function readsAsParagraph(value: string): boolean {
  return !(
    /^(?:[>#<]|[*+-](?: |$)|\d{1,9}[.)](?: |$)|`{3}|~{3}|\[(?:[^\]\\]|\\.)*\]:)/.test(value) ||
    /^([*_-])(?: *\1){2,} *$/.test(value) ||
    (value.includes('`') && value.includes('\\|'))
  );
}

/**
 * Parses cell texts as paragraphs, blank-line apart (each distinct text once: docs repeat
 * the same hint on many rows), and gives each cell its inline nodes at the doc's positions.
 */
function parseCells(cells: readonly PendingCell[], parse: (text: string) => Root): boolean {
  const inline = new Map<string, readonly Node[]>();
  const texts = [...new Set(cells.map((cell) => cell.value))];
  for (let from = 0; from < texts.length; from += BATCH_CELLS) {
    const batch = texts.slice(from, from + BATCH_CELLS);
    const starts: number[] = [];
    let length = 0;
    for (const text of batch) {
      starts.push(length);
      length += text.length + 2;
    }
    const tree = parse(batch.join('\n\n'));
    if (tree.children.length !== batch.length) return false;
    for (const [index, node] of tree.children.entries()) {
      const start = starts[index]!;
      if (node.type !== 'paragraph' || node.position?.start.offset !== start || node.position?.end.offset !== start + batch[index]!.length) return false;
      inline.set(batch[index]!, node.children.map((child) => placed(child, -start, 0, 1)));
    }
  }
  for (const cell of cells) {
    cell.cell.children = inline.get(cell.value)!.map((child) => placed(child, cell.offset, cell.column - 1, cell.line)) as TableCell['children'];
  }
  return true;
}

/**
 * A copy of a node whose points move by `offset` and `column` (both added) onto `line`.
 * Inline nodes of one cell sit on one line, so offsets and columns move together.
 */
function placed(node: Node, offset: number, column: number, line: number): Node {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'children') copy[key] = (value as Node[]).map((child) => placed(child, offset, column, line));
    else if (key === 'position' && value) {
      const { start, end } = value as { start: Point; end: Point };
      copy[key] = {
        start: { line, column: start.column + column, offset: (start.offset ?? 0) + offset },
        end: { line, column: end.column + column, offset: (end.offset ?? 0) + offset },
      };
    } else copy[key] = value;
  }
  return copy as unknown as Node;
}

/** Parses whole rows under the table's header and delimiter rows, and maps them back to their lines. */
function parseRows(lines: readonly Line[], cut: Cut, batch: readonly number[], parse: (text: string) => Root): TableRow[] | undefined {
  const prefix = `${lines[cut.header]!.text}\n${lines[cut.header + 1]!.text}\n`;
  const starts: number[] = [];
  let length = prefix.length;
  for (const line of batch) {
    starts.push(length);
    length += lines[line]!.text.length + 1;
  }
  const tree = parse(prefix + batch.map((line) => lines[line]!.text).join('\n'));
  const table = tree.children[0];
  if (tree.children.length !== 1 || table?.type !== 'table' || table.children.length !== batch.length + 1) return undefined;
  const rows = table.children.slice(1);
  for (const [index, row] of rows.entries()) {
    if (row.position?.start.offset !== starts[index]) return undefined;
    const from = starts[index]!;
    const line = lines[batch[index]!]!;
    const mapped = new WeakSet<Point>();
    visit(row, (node) => {
      for (const point of node.position ? [node.position.start, node.position.end] : []) {
        if (mapped.has(point)) continue;
        mapped.add(point);
        point.offset = line.offset + (point.offset ?? from) - from;
        point.line = batch[index]! + 1;
      }
    });
  }
  return rows;
}

/** Every node of a tree, parents before children; iterative (a tree may be as deep as its input). */
function visit(root: Node, each: (node: Node) => void): void {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    each(node);
    const children = (node as { children?: Node[] }).children;
    if (children) for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}
