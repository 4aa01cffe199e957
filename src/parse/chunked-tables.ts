import type { Root, Table, TableCell, TableRow } from 'mdast';
import type { Node, Point } from 'unist';

/**
 * Parses a doc whose pipe tables may hold tens of thousands of rows in time and memory
 * linear in the rows, with the same mdast, positions included, as parsing it whole.
 *
 * remark-gfm on one 100,000-row table takes minutes and gigabytes: micromark tokenizes
 * the whole table as one construct and resolves it at once. Here the body rows of each
 * table (after its first) are cut out of the doc, the rest of the doc is parsed as is,
 * and the rows are read back in bounded pieces:
 * - a row with no character that inline markdown gives a meaning to (no `\`, `` ` ``, `*`,
 *   `_`, `~`, `[`, `]`, `<`, `>`, `!`, `&`, `:`, `@`, `www.`, tab or control) is split at
 *   its pipes, exactly as GFM does: its cells are their trimmed text;
 * - every other row is parsed by `parse` in batches of a few hundred, each batch prefixed
 *   with the table's own header and delimiter rows, positions mapped back to the doc.
 * Rows of a table do not depend on each other, only on its header and delimiter rows, so
 * this gives the tree a whole parse gives. The cut is checked against the parse of the
 * rest (the table must be a top-level table starting at the expected header and holding
 * its first row); anything unexpected, or a doc with link definitions (a row could
 * refer to one), falls back to parsing the doc whole.
 */
export function parseWithChunkedTables(source: string, parse: (text: string) => Root): Root {
  if (DEFINITION.test(source)) return parse(source);
  const lines = splitLines(source);
  const cuts = findCuts(lines);
  if (cuts.length === 0) return parse(source);
  return readWithCuts(source, lines, cuts, parse) ?? parse(source);
}

/** Rows per batch parsed by `parse`: bounded memory, and micromark stays linear. */
const BATCH_ROWS = 400;
/** A table needs this many body rows before its rows are cut out. */
const MIN_CUT_ROWS = 2;
/** A link or footnote definition anywhere: a row could use it, so the doc is parsed whole. */
const DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:/m;
/** What makes a row need the markdown parser: inline syntax, autolink literals, tabs, controls. */
const NEEDS_PARSER = /[\\`*_~[\]<>!&:@\t\r\0]|www\./i;
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
    while (end < lines.length && lines[end]!.text.startsWith('|')) end++;
    if (end - (index + 2) >= MIN_CUT_ROWS) cuts.push({ header: index - 1, kept: index + 1, from: index + 2, to: end });
    index = end - 1;
  }
  return cuts;
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

  for (const [index, cut] of cuts.entries()) {
    const table = tree.children.find(
      (node): node is Table => node.type === 'table' && node.position?.start.offset === lines[cut.header]!.offset,
    );
    const keptAt = table?.children.findIndex((row) => row.position?.start.offset === lines[cut.kept]!.offset) ?? -1;
    if (!table || keptAt < 1) return undefined;
    const rows = readRows(lines, cut, parse);
    if (!rows) return undefined;
    table.children.splice(keptAt + 1, 0, ...rows);
    // A table that ended at its first row in the rest ends at its last row in the doc.
    const restEnd = ends.get(table)!;
    if (restEnd.offset !== undefined && restEnd.offset <= shifts[index]!.at) table.position!.end = { ...rows[rows.length - 1]!.position!.end };
  }
  // The root ends where the doc ends (the rest ends with a line ending the doc may lack).
  const last = lines[lines.length - 1]!;
  if (tree.position) tree.position.end = { line: lines.length, column: last.text.length + 1, offset: source.length };
  return tree;
}

/** The cut rows of one table as mdast rows with the doc's positions; undefined when a batch does not parse as rows. */
function readRows(lines: readonly Line[], cut: Cut, parse: (text: string) => Root): TableRow[] | undefined {
  const rows: (TableRow | undefined)[] = [];
  let batch: number[] = [];
  const flush = (): boolean => {
    if (batch.length === 0) return true;
    const parsed = parseBatch(lines, cut, batch, parse);
    if (!parsed) return false;
    for (const [index, line] of batch.entries()) rows[line - cut.from] = parsed[index];
    batch = [];
    return true;
  };
  for (let line = cut.from; line < cut.to; line++) {
    const row = plainRow(lines[line]!, line + 1);
    if (row) rows.push(row);
    else {
      rows.push(undefined);
      batch.push(line);
      if (batch.length === BATCH_ROWS && !flush()) return undefined;
    }
  }
  return flush() ? (rows as TableRow[]) : undefined;
}

/** Parses some rows under the table's header and delimiter rows, and maps them back to their lines. */
function parseBatch(lines: readonly Line[], cut: Cut, batch: readonly number[], parse: (text: string) => Root): TableRow[] | undefined {
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

/**
 * A row without inline syntax, split at its pipes as GFM does: the leading pipe opens the
 * first cell, a trailing pipe (then only blanks) closes the last, cells are trimmed of
 * spaces. Positions as micromark gives them: a cell starts at its pipe and ends at the
 * next one, the last cell at the end of the line. Undefined when the row needs the parser.
 */
function plainRow(line: Line, lineNumber: number): TableRow | undefined {
  const text = line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text;
  if (NEEDS_PARSER.test(text)) return undefined;
  const pipes: number[] = [];
  for (let index = text.indexOf('|'); index !== -1; index = text.indexOf('|', index + 1)) pipes.push(index);
  if (pipes.length < 2 || pipes[0] !== 0) return undefined;
  const point = (column: number): Point => ({ line: lineNumber, column, offset: line.offset + column - 1 });
  const lineEnd = text.length + 1;
  let count = pipes.length;
  if (/^ *$/.test(text.slice(pipes[count - 1]! + 1))) count--; // a trailing pipe
  const cells: TableCell[] = [];
  for (let index = 0; index < count; index++) {
    const from = pipes[index]!;
    const to = index + 1 < pipes.length ? pipes[index + 1]! : text.length;
    const value = text.slice(from + 1, to).replace(/^ +| +$/g, '');
    cells.push({
      type: 'tableCell',
      children: value === '' ? [] : [{ type: 'text', value }],
      position: { start: point(from + 1), end: point(index + 1 < count ? to + 1 : lineEnd) },
    });
  }
  return { type: 'tableRow', children: cells, position: { start: point(1), end: point(lineEnd) } };
}

/** Depth-first over a node and its descendants. */
function visit(node: Node, each: (node: Node) => void): void {
  each(node);
  const children = (node as { children?: Node[] }).children;
  if (children) for (const child of children) visit(child, each);
}
