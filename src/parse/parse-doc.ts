import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { toString } from 'mdast-util-to-string';
import { location } from 'vfile-location';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Nodes, Root, RootContent, Table } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { clip } from '../limits.js';
import { mdastToCellText } from './cell-text.js';
import { parseWithChunkedTables } from './chunked-tables.js';
import { repairDelimiterRows } from './delimiter-repair.js';
import { dedentTableRows } from './indented-rows.js';
import { parseHtmlTables } from './html-table.js';
import { checkSourceLimits, checkTreeDepth, DocLimitError, EmphasisBudget } from './doc-limits.js';
import type { Point } from 'unist';
import type { DocEndpoint, FrontMatter, ParsedDoc, RawCell, RawRow, RawTable, StrayRow } from './types.js';
import { isCalloutRow, recoverCalloutRows } from './callout-rows.js';
import { findRequestRows, parseEndpointKey, parseRateLimit, readEndpoint } from './endpoint.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

const DOC_UPDATED = /(?:最后更新于|最后更新时间|Last updated(?: on)?)\s*[:：]?\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/i;
const HTML_TABLE_OPEN = /<(md-table|table)[\s>]/i;
/** `---` then a `key:` line, and remark-frontmatter found no front matter: the closing line is missing. */
const UNCLOSED_FRONT_MATTER = /^---[ \t]*\r?\n[ \t]*[A-Za-z_][\w-]*[ \t]*:/;

/**
 * Parses one seed doc into its tables (pipe and HTML), front matter and update date.
 * Problems are reported on `file`; nothing here throws for bad user input. A doc past a
 * limit (src/limits.ts) gets one error and `stopped`, before the expensive parse.
 */
export function parseDoc(file: VFile): ParsedDoc {
  return readGuarded(file, true);
}

/**
 * The reference reading parseDoc must equal: the whole doc through micromark (no cut
 * tables, no cell read without it) and the front matter through `yaml` only. Slow on big
 * tables; test/parse/fast-path.test.ts compares the two on the snapshot's pages.
 */
export function parseDocWhole(file: VFile): ParsedDoc {
  return readGuarded(file, false);
}

function readGuarded(file: VFile, fast: boolean): ParsedDoc {
  try {
    return readDoc(file, fast);
  } catch (error) {
    if (!(error instanceof DocLimitError)) throw error;
    report(file, 'error', error.message, error.place ?? { line: 1, column: 1 }, error.ruleId);
    return { frontMatter: {}, tables: [], strayRows: [], stopped: true };
  }
}

function readDoc(file: VFile, fast: boolean): ParsedDoc {
  const original = String(file.value);
  const budget = new EmphasisBudget();
  checkSourceLimits(original, budget);
  const delimiters = repairDelimiterRows(original);
  for (const repair of delimiters.repairs) {
    report(
      file,
      'warning',
      `Unexpected ${repair.delimiterCells} cells in the delimiter row, expected ${repair.headerCells} like the header row; read as ${repair.headerCells}`,
      { line: repair.line, column: 1 },
      'delimiter-row-width',
    );
  }
  const { source, repairs: indents } = dedentTableRows(delimiters.source);
  for (const repair of indents) {
    report(
      file,
      'warning',
      `Unexpected indentation of ${repair.columns} columns before a table row (markdown reads it as code, which ends the table), expected the row at its header's indentation; read as a row`,
      { line: repair.line, column: 1 },
      'indented-row',
    );
  }
  const parse = (text: string) => processor.parse(text) as Root;
  const tree = fast ? parseWithChunkedTables(source, parse) : parse(source);
  checkTreeDepth(tree, 'markdown');
  const place = location(source);
  const toPoint = (offset: number) => {
    const point = place.toPoint(offset);
    return point ? { line: point.line, column: point.column, offset: point.offset } : { line: 1, column: 1 };
  };

  let frontMatter: FrontMatter = {};
  let declared: DocEndpoint | undefined;
  let sawFrontMatter = false;
  let docUpdated: string | undefined;
  let firstHeading: string | undefined;
  let heading: string | undefined;
  const tables: RawTable[] = [];
  const strayRows: StrayRow[] = [];
  const headingLines: number[] = [];
  const calloutTables: { index: number; endLine: number }[] = [];
  let skipUntil = -1;
  let lowered: string | undefined;
  const lowerSource = () => (lowered ??= source.toLowerCase());

  const walk = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      const start = node.position?.start.offset ?? 0;
      if (start < skipUntil) continue;
      const htmlTable = findHtmlTable(node);
      if (htmlTable) {
        const { tag, from } = htmlTable;
        const closeTag = `</${tag}>`;
        const close = lowerSource().indexOf(closeTag, from);
        const to = close === -1 ? source.length : close + closeTag.length;
        if (close === -1) {
          report(file, 'warning', `Unexpected end of file inside <${tag}>, expected </${tag}>`, toPoint(from), 'unclosed-html-table');
        }
        for (const table of parseHtmlTables(source.slice(from, to), (offset) => toPoint(from + offset), budget)) {
          tables.push(heading === undefined ? table : { ...table, heading });
        }
        skipUntil = to;
        continue;
      }
      switch (node.type) {
        case 'yaml':
          sawFrontMatter = true;
          ({ frontMatter, endpoint: declared } = readFrontMatter(file, node.value, node.position?.start.line ?? 1, fast));
          break;
        case 'heading':
          headingLines.push(node.position?.start.line ?? 0);
          heading = toString(node).trim() || heading;
          firstHeading ??= heading;
          break;
        case 'table': {
          const table = readPipeTable(node, heading);
          if (isCalloutRow(table)) calloutTables.push({ index: tables.length, endLine: node.position?.end.line ?? 0 });
          tables.push(table);
          break;
        }
        default:
          if (node.type === 'paragraph') for (const row of readStrayRows(source, node, toPoint)) strayRows.push(row);
          // A block quote's paragraphs come next, through walk.
          if (!docUpdated && node.type === 'paragraph') {
            const match = DOC_UPDATED.exec(toString(node));
            if (match) docUpdated = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
          }
          if ('children' in node && node.type !== 'paragraph') walk(node.children as RootContent[]);
      }
    }
  };
  walk(tree.children);
  if (!sawFrontMatter && UNCLOSED_FRONT_MATTER.test(source)) {
    report(file, 'error', 'Unexpected front matter without a closing `---` line, expected `---` on a line of its own after the last `key: value` line', { line: 1, column: 1 }, 'front-matter');
  }
  if (calloutTables.length > 0) recoverCallouts(file, source, tables, calloutTables, headingLines, budget);
  const request = findRequestRows(tables);
  const endpoint = readEndpoint(request, declared, file);
  const rateLimit = request?.rate === undefined ? undefined : parseRateLimit(request.rate.text);
  return {
    frontMatter,
    docUpdated,
    firstHeading,
    tables,
    strayRows,
    ...(endpoint !== undefined && { endpoint }),
    ...(rateLimit !== undefined && { rateLimit }),
  };
}

/** Reads back the rows a callout cut off a table (see callout-rows.ts), in place in `tables`. */
function recoverCallouts(
  file: VFile,
  source: string,
  tables: RawTable[],
  callouts: readonly { index: number; endLine: number }[],
  headingLines: readonly number[],
  budget: EmphasisBudget,
): void {
  const lines = source.split('\n');
  const place = location(source);
  for (const { index, endLine } of callouts) {
    const next = headingLines.find((line) => line > endLine) ?? lines.length + 1;
    const toPoint = (line: number, column: number): Point => {
      const point = { line: endLine + 1 + line, column };
      const offset = place.toOffset(point);
      return offset === undefined ? point : { ...point, offset };
    };
    const table = tables[index]!;
    const callout = table.rows[table.rows.length - 1]!.cells[0]!.text.trim();
    const recovered = recoverCalloutRows(table, lines.slice(endLine, next - 1), toPoint, budget);
    if (recovered === undefined) continue;
    tables[index] = recovered.table;
    report(
      file,
      'info',
      `Read ${recovered.recovered} row(s) written as blocks (a code line, a message line, a suggestion) after the \`${clip(callout)}\` callout that ended the table above at line ${endLine}; the callout's text joins the row above it`,
      toPoint(0, 1),
      'row-outside-table',
    );
  }
}

/** The lines of a paragraph that hold an unescaped `|`, split into cells like a table row. */
function readStrayRows(source: string, paragraph: Nodes, toPoint: (offset: number) => Point): StrayRow[] {
  const from = paragraph.position?.start.offset;
  const to = paragraph.position?.end.offset;
  if (from === undefined || to === undefined) return [];
  const rows: StrayRow[] = [];
  let offset = from;
  for (const line of source.slice(from, to).split('\n')) {
    const cells = splitPipeRow(line);
    if (cells.length > 1) rows.push({ cells, start: toPoint(offset + line.length - line.trimStart().length) });
    offset += line.length + 1;
  }
  return rows;
}

/** `| a | b \| c |` → `['a', 'b | c']`; a line without an unescaped pipe is one cell. */
function splitPipeRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\' && text[index + 1] === '|') {
      cell += '|';
      index++;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Where an HTML table starts in this node: an HTML block, or inline HTML inside a
 * paragraph (after `:::html`, `<md-table>` cannot start a block of its own).
 */
function findHtmlTable(node: RootContent): { tag: string; from: number } | undefined {
  const candidates = node.type === 'html' ? [node] : node.type === 'paragraph' ? node.children : [];
  for (const candidate of candidates) {
    if (candidate.type !== 'html') continue;
    const open = HTML_TABLE_OPEN.exec(candidate.value);
    if (open) return { tag: open[1]!.toLowerCase(), from: (candidate.position?.start.offset ?? 0) + open.index };
  }
  return undefined;
}

function readPipeTable(table: Table, heading: string | undefined): RawTable {
  const [headerRow, ...rows] = table.children;
  const header = (headerRow?.children ?? []).map(readCell);
  const width = header.length;
  const body: RawRow[] = rows.map((row) => {
    const cells = row.children.map(readCell);
    const start = pointOf(row);
    const padded = cells.slice(0, width);
    while (padded.length < width) padded.push({ text: '', links: [], start });
    return { cells: padded, extra: cells.slice(width), cellCount: cells.length, start };
  });
  return { header, rows: body, heading, start: pointOf(table), syntax: 'pipe' };
}

function readCell(cell: Table['children'][number]['children'][number]): RawCell {
  const { text, links } = mdastToCellText(cell.children as Nodes[]);
  return { text, links, start: pointOf(cell) };
}

function pointOf(node: Nodes) {
  const start = node.position?.start;
  return start ? { line: start.line, column: start.column, offset: start.offset } : { line: 1, column: 1 };
}

/** The front matter's fields, and the endpoint its `endpoint` key declares (validated). */
function readFrontMatter(file: VFile, value: string, line: number, fast: boolean): { frontMatter: FrontMatter; endpoint?: DocEndpoint } {
  let data: unknown = fast ? readSimpleFrontMatter(value) : undefined;
  if (data === undefined) try {
    data = parseYaml(value);
  } catch (error) {
    const at = error instanceof YAMLParseError && error.linePos ? error.linePos[0] : undefined;
    const reason = (error instanceof Error ? error.message.split("\n")[0]! : String(error)).replace(/ at line \d+, column \d+:?$/, "");
    report(
      file,
      'error',
      `Unexpected front matter that is not valid YAML (${reason}), expected \`title: …\` and \`source_url: …\` lines`,
      { line: line + (at?.line ?? 1), column: at?.col ?? 1 },
      'front-matter',
    );
    return { frontMatter: {} };
  }
  if (data === null || data === undefined) return { frontMatter: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    report(file, 'error', 'Unexpected front matter that is not a mapping, expected `title: …` and `source_url: …` lines', { line, column: 1 }, 'front-matter');
    return { frontMatter: {} };
  }
  const record = data as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const field = record[key];
    if (field === undefined || field === null) return undefined;
    if (typeof field === 'string' || typeof field === 'number') return String(field).trim() || undefined;
    report(file, 'error', `Unexpected \`${key}\` of type ${Array.isArray(field) ? 'list' : typeof field} in the front matter, expected a string`, keyPlace(key), 'front-matter');
    return undefined;
  };
  // The key's own line: the front matter starts after the `---` on `line`.
  const keyPlace = (key: string) => {
    const keyLine = value.split(/\r?\n/).findIndex((text) => text.startsWith(`${key}:`));
    return { line: keyLine === -1 ? line : line + 1 + keyLine, column: 1 };
  };
  const lang = text('lang');
  const fullPath = text('fullPath');
  const declared = text('endpoint');
  let endpoint: DocEndpoint | undefined;
  if (declared !== undefined) {
    const place = keyPlace('endpoint');
    const parsed = parseEndpointKey(declared, place);
    if (typeof parsed === 'string') {
      report(file, 'error', `Unexpected front matter \`endpoint: ${clip(declared)}\`, expected ${parsed}, such as \`endpoint: "POST /open-apis/im/v1/messages"\``, place, 'front-matter');
    } else endpoint = parsed;
  }
  const frontMatter: FrontMatter = {
    title: text('title'),
    sourceUrl: text('source_url'),
    ...(lang !== undefined && { lang }),
    ...(fullPath !== undefined && { fullPath }),
    ...(declared !== undefined && { endpoint: declared }),
  };
  return endpoint === undefined ? { frontMatter } : { frontMatter, endpoint };
}

/** A `key: "text"` line whose YAML value is its text: letters for a key, no escape, no control character. */
const SIMPLE_YAML_LINE = /^([A-Za-z][A-Za-z_]*): "([^"\\\x00-\x1f\x7f]*)"$/;
/** Plain keys YAML reads as something other than a string. */
const YAML_KEYWORD = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

/**
 * The mapping of a front matter made of `key: "text"` lines only (every page of the Feishu
 * snapshot), as `yaml` reads it, without running it; undefined for anything else (then
 * `yaml` reads it, errors and all): a repeated key, a comment, a plain or multi-line value.
 */
function readSimpleFrontMatter(value: string): Record<string, string> | undefined {
  const record: Record<string, string> = {};
  for (const line of value.split('\n')) {
    const match = SIMPLE_YAML_LINE.exec(line);
    if (!match || YAML_KEYWORD.test(match[1]!) || Object.hasOwn(record, match[1]!)) return undefined;
    record[match[1]!] = match[2]!;
  }
  return record;
}
