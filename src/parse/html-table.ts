import { fromHtml } from 'hast-util-from-html';
import type { Element, ElementContent, Nodes as HastNodes } from 'hast';
import type { Point } from 'unist';
import type { CellLink } from './cell-text.js';
import { markdownToCellText } from './markdown-cell.js';
import type { RawCell, RawRow, RawTable } from './types.js';

const TABLE_TAGS = new Set(['table', 'md-table']);
const ROW_TAGS = new Set(['tr', 'md-tr']);
const CELL_TAGS = new Set(['td', 'th', 'md-td', 'md-th']);

/**
 * Parses the HTML tables (`<table>` or the Open Platform's `<md-table>`) in one slice of
 * the doc with a real HTML parser. Cell contents are markdown on Feishu pages, so each
 * cell is then reduced through the markdown parser.
 *
 * @param html the slice of the source holding the table(s)
 * @param toPoint maps an offset in `html` to a point in the whole file
 */
export function parseHtmlTables(html: string, toPoint: (offset: number) => Point): RawTable[] {
  const tree = fromHtml(html, { fragment: true });
  const tables: RawTable[] = [];
  visitElements(tree, (element) => {
    if (!TABLE_TAGS.has(element.tagName)) return true;
    const table = readTable(element, toPoint);
    if (table) tables.push(table);
    return false;
  });
  return tables;
}

function readTable(table: Element, toPoint: (offset: number) => Point): RawTable | undefined {
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

  const cellsOf = (row: Element) =>
    row.children.filter((child): child is Element => child.type === 'element' && CELL_TAGS.has(child.tagName));
  const [headerRow, ...bodyRows] = rows;
  const headerElements = cellsOf(headerRow!);
  const header = headerElements.map((cell) => readCell(cell, toPoint));
  const width = header.length;
  const start = offsetPoint(table, toPoint);

  const body: RawRow[] = bodyRows.map((row) => {
    const cells = cellsOf(row).map((cell) => readCell(cell, toPoint));
    const rowStart = offsetPoint(row, toPoint);
    const padded = cells.slice(0, width);
    while (padded.length < width) padded.push({ text: '', links: [], start: rowStart });
    return { cells: padded, extra: cells.slice(width), cellCount: cells.length, start: rowStart };
  });
  return { header, rows: body, start, syntax: 'html' };
}

function readCell(cell: Element, toPoint: (offset: number) => Point): RawCell {
  const links: CellLink[] = [];
  const source = elementToMarkdownSource(cell.children, links);
  const reduced = markdownToCellText(source);
  return { text: reduced.text, links: [...links, ...reduced.links], start: offsetPoint(cell, toPoint) };
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
