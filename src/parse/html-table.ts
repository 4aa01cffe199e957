import { fromParse5 } from 'hast-util-from-parse5';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { VFile } from 'vfile';
import type { Element, ElementContent, Nodes as HastNodes } from 'hast';
import type { Point } from 'unist';
import type { CellLink } from './cell-text.js';
import { markdownToCellText } from './markdown-cell.js';
import { cellTooLong, DocLimitError, type EmphasisBudget } from './doc-limits.js';
import { grouped, MAX_CELL_CHARS, MAX_CELLS_PER_ROW, MAX_NESTING_DEPTH, MAX_ROWS_PER_TABLE } from '../limits.js';
import type { RawCell, RawRow, RawTable } from './types.js';

const TABLE_TAGS = new Set(['table', 'md-table']);
const ROW_TAGS = new Set(['tr', 'md-tr']);
const CELL_TAGS = new Set(['td', 'th', 'md-td', 'md-th']);

/**
 * Parses the HTML tables (`<table>` or the Open Platform's `<md-table>`) in one slice of
 * the doc with a real HTML parser. Cell contents are markdown on Feishu pages, so each
 * cell is then reduced through the markdown parser.
 *
 * What `hast-util-from-html` does (parse5, then hast), with the depth of the parse5 tree
 * checked first: converting it to hast and walking it recurse once per level.
 *
 * @param html the slice of the source holding the table(s)
 * @param toPoint maps an offset in `html` to a point in the whole file
 * @param budget the doc's emphasis budget, which the cells' markdown spends
 */
export function parseHtmlTables(html: string, toPoint: (offset: number) => Point, budget: EmphasisBudget): RawTable[] {
  const fragment = parseFragment(html, { sourceCodeLocationInfo: true, scriptingEnabled: false });
  checkParse5Depth(fragment, toPoint);
  const tree = fromParse5(fragment, { file: new VFile(html) });
  const tables: RawTable[] = [];
  visitElements(tree, (element) => {
    if (!TABLE_TAGS.has(element.tagName)) return true;
    const table = readTable(element, toPoint, budget);
    if (table) tables.push(table);
    return false;
  });
  return tables;
}

type Parse5Node = DefaultTreeAdapterMap['node'];

/** Iteratively: the first element nested deeper than MAX_NESTING_DEPTH is an error. */
function checkParse5Depth(fragment: Parse5Node, toPoint: (offset: number) => Point): void {
  const stack: { node: Parse5Node; depth: number }[] = [{ node: fragment, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const children = 'childNodes' in node ? node.childNodes : [];
    const content = 'content' in node && node.content ? node.content.childNodes : [];
    for (const child of [...children, ...content]) {
      const childDepth = 'tagName' in child ? depth + 1 : depth;
      if (childDepth > MAX_NESTING_DEPTH) {
        const offset = child.sourceCodeLocation?.startOffset ?? 0;
        throw new DocLimitError(
          `Unexpected HTML nested more than ${MAX_NESTING_DEPTH} levels deep, expected at most ${MAX_NESTING_DEPTH}; the doc is not read`,
          toPoint(offset),
          'nesting-limit',
        );
      }
      stack.push({ node: child, depth: childDepth });
    }
  }
}

function readTable(table: Element, toPoint: (offset: number) => Point, budget: EmphasisBudget): RawTable | undefined {
  const rows: Element[] = [];
  visitElements(table, (element) => {
    if (element !== table && TABLE_TAGS.has(element.tagName)) return false; // nested table: its own
    if (ROW_TAGS.has(element.tagName)) {
      rows.push(element);
      return false;
    }
    return true;
  });
  if (rows.length === 0) return undefined;
  if (rows.length - 1 > MAX_ROWS_PER_TABLE) {
    throw new DocLimitError(`Unexpected table of more than ${grouped(MAX_ROWS_PER_TABLE)} rows, expected at most that many in one table; split the doc`, offsetPoint(rows[MAX_ROWS_PER_TABLE + 1]!, toPoint), 'table-limit');
  }

  const cellsOf = (row: Element) => {
    const cells = row.children.filter((child): child is Element => child.type === 'element' && CELL_TAGS.has(child.tagName));
    if (cells.length > MAX_CELLS_PER_ROW) {
      throw new DocLimitError(`Unexpected table row of ${cells.length} cells, expected at most ${grouped(MAX_CELLS_PER_ROW)}; the doc is not read`, offsetPoint(row, toPoint), 'table-limit');
    }
    return cells;
  };
  const [headerRow, ...bodyRows] = rows;
  const headerElements = cellsOf(headerRow!);
  const header = headerElements.map((cell) => readCell(cell, toPoint, budget));
  const width = header.length;
  const start = offsetPoint(table, toPoint);

  const body: RawRow[] = bodyRows.map((row) => {
    const cells = cellsOf(row).map((cell) => readCell(cell, toPoint, budget));
    const rowStart = offsetPoint(row, toPoint);
    const padded = cells.slice(0, width);
    while (padded.length < width) padded.push({ text: '', links: [], start: rowStart });
    return { cells: padded, extra: cells.slice(width), cellCount: cells.length, start: rowStart };
  });
  return { header, rows: body, start, syntax: 'html' };
}

function readCell(cell: Element, toPoint: (offset: number) => Point, budget: EmphasisBudget): RawCell {
  const links: CellLink[] = [];
  const source = elementToMarkdownSource(cell.children, links);
  const start = offsetPoint(cell, toPoint);
  if (source.length > MAX_CELL_CHARS) throw cellTooLong(source.length, start);
  let reduced;
  try {
    reduced = markdownToCellText(source, budget);
  } catch (error) {
    // The cell's markdown knows no place in the doc: the cell's own start is the place.
    if (error instanceof DocLimitError && error.place === undefined) throw new DocLimitError(error.message, start, error.ruleId);
    throw error;
  }
  return { text: reduced.text, links: [...links, ...reduced.links], start };
}

/**
 * Turns the cell's HTML back into the markdown text it wraps: text stays as written,
 * `<br>` and block tags become line breaks, `<a>` keeps its text (its URL is collected),
 * images vanish, unknown tags are kept literally.
 */
function elementToMarkdownSource(nodes: readonly ElementContent[], links: CellLink[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.value;
    else if (node.type === 'element') {
      const name = node.tagName;
      // `<br>` stays a tag so the markdown parser reads it as a line break, as in a pipe cell.
      if (name === 'br') out += '<br>';
      else if (name === 'img') continue;
      else if (name === 'p' || name === 'div' || name === 'li' || name === 'ul' || name === 'ol') {
        out += '\n\n' + elementToMarkdownSource(node.children, links) + '\n\n';
      } else if (name === 'a') {
        const text = elementToMarkdownSource(node.children, links);
        const href = node.properties?.['href'];
        if (typeof href === 'string' && href) links.push({ text: text.trim(), url: href });
        out += text;
      } else if (KNOWN_INLINE.has(name)) out += elementToMarkdownSource(node.children, links);
      else out += `<${name}>` + elementToMarkdownSource(node.children, links);
    }
  }
  return out;
}

const KNOWN_INLINE = new Set([
  'b', 'strong', 'i', 'em', 'u', 'span', 'font', 'code', 'del', 's', 'strike', 'sub', 'sup',
  'mark', 'small', 'big', 'kbd', 'md-text', 'md-alert', 'pre', 'table', 'tbody', 'thead', 'tr', 'td', 'th',
]);

function offsetPoint(node: HastNodes, toPoint: (offset: number) => Point): Point {
  const offset = node.position?.start.offset ?? 0;
  return toPoint(offset);
}

/** Depth-first walk; the callback returns false to skip an element's children. */
function visitElements(node: HastNodes, visit: (element: Element) => boolean): void {
  if (node.type === 'element' && !visit(node)) return;
  if ('children' in node) for (const child of node.children) visitElements(child as HastNodes, visit);
}
