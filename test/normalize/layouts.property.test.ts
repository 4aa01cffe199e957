/**
 * Property: whatever the layout of an error table — column order, header spelling, outer
 * pipes or not, ragged rows, noise cells past the header, a delimiter row of another
 * width, code ranges and lists, pipe or HTML (`<md-table>`, `<table>`) form — every code
 * and every cell text comes back exactly, and no row is lost without a diagnostic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { ErrorLink } from '../../src/model.js';
import { readRows, type Row } from '../../src/normalize/rows.js';
import { parseDoc } from '../../src/parse/parse-doc.js';
import { runs } from '../helpers/runs.js';

type Field = 'code' | 'name' | 'httpStatus' | 'message' | 'description' | 'suggestion';
type TextField = 'message' | 'description' | 'suggestion';

/** Header spellings seen on Feishu pages (and a few decorations a page may add). */
const HEADERS: Readonly<Record<Field, readonly string[]>> = {
  code: ['错误码', 'code', 'Code', 'Error code', 'err code', 'ERRCODE', 'errno', '错误码（Code）', '**错误码**', '`code`', ' 错误 码 '],
  name: ['name', 'Name', '错误名称', 'enum'],
  httpStatus: ['HTTP状态码', 'HTTP 状态码', 'HTTP status code', 'HTTP Status Code', '**HTTP状态码**', 'http_status'],
  message: ['message', 'msg', 'Message', 'errmsg', '错误信息（英文）', 'Error message'],
  description: ['说明', '描述', 'Description', '错误描述', '含义', 'msg解释'],
  suggestion: ['排查建议', '解决方案', 'Troubleshooting suggestions', 'Solution', '处理建议', '**排查建议**'],
};

/** A piece of cell text: how the doc writes it in each family, and the text it stands for. */
interface Token {
  readonly pipe: string;
  readonly html: string;
  readonly text: string;
  readonly link?: { readonly text: string; readonly url: string };
}
const plain = (text: string): Token => ({ pipe: text, html: text, text });

const WORDS = ['invalid', 'param', 'token', 'user_id', 'app', 'not', 'found', 'Bot', 'ID', '100', '2.0', 'e.g.', '%v', '{字段名}', '"quoted"', "it's", 'a/b'];
const CJK = ['参数', '错误', '权限不足', '请检查', '应用', '消息', '「工号」', '，', '。', '（可选）'];

const token: fc.Arbitrary<Token> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS, ...CJK).map(plain) },
  { weight: 1, arbitrary: fc.constantFrom('x', 'a | b').map((text) => ({ pipe: text.replace('|', '\\|'), html: text, text })) },
  { weight: 1, arbitrary: fc.constantFrom('bold', '加粗').map((text) => ({ pipe: `**${text}**`, html: `**${text}**`, text })) },
  { weight: 1, arbitrary: fc.constantFrom('open_id', 'x y').map((text) => ({ pipe: `\`${text}\``, html: `\`${text}\``, text })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('文档', 'the guide').map((text) => {
      const url = 'https://open.feishu.cn/document/x';
      return { pipe: `[${text}](${url})`, html: `[${text}](${url})`, text, link: { text, url } };
    }),
  },
);

/** A line of text: tokens separated by one space. */
const line = fc.array(token, { minLength: 1, maxLength: 5 });
/** Cell text: one line, or several (`<br>` in the doc). */
const lines = (max: number) => fc.array(line, { minLength: 1, maxLength: max });

interface TableCase {
  readonly columns: readonly Field[];
  readonly headers: readonly string[];
  readonly rows: readonly RowCase[];
  readonly heading: string;
}
interface RowCase {
  /** `[95200]`, a range `[95200, 95203]` or a list. */
  readonly codes: readonly number[];
  readonly codeCell: string;
  readonly kind: 'single' | 'range' | 'list';
  readonly name: string;
  readonly httpStatus: number;
  readonly texts: Readonly<Record<TextField, readonly (readonly Token[])[] | undefined>>;
  /** Noise cells past the header. */
  readonly extra: readonly string[];
  readonly drop: number;
  readonly pad: readonly string[];
  readonly leadingPipe: boolean;
  readonly trailingPipe: boolean;
}

const codeCell = (base: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(' ', '', '  ').map((pad) => ({ codes: [base], codeCell: `${pad}${base}`, kind: 'single' as const })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom('—', '-', '~', ' - ', '–')).map(([span, dash]) => ({
        codes: Array.from({ length: span + 1 }, (_, index) => base + index),
        codeCell: `${base}${dash}${base + span}`,
        kind: 'range' as const,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(', ', '、', ' / ', ',').map((separator) => ({ codes: [base, base + 7], codeCell: `${base}${separator}${base + 7}`, kind: 'list' as const })),
    },
  );

function rowCase(base: number, columns: readonly Field[]): fc.Arbitrary<RowCase> {
  const hasMessage = columns.includes('message');
  // The column that ends up as the message is never empty; the others may be.
  const required = (field: TextField) => field === 'message' || (field === 'description' && !hasMessage);
  const text = (field: TextField) =>
    columns.includes(field)
      ? required(field)
        ? lines(field === 'message' ? 1 : 3).map((value) => value as readonly (readonly Token[])[] | undefined)
        : fc.option(lines(3), { nil: undefined })
      : fc.constant(undefined);
  return fc.record({
    code: codeCell(base),
    name: fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,9}$/),
    httpStatus: fc.constantFrom(200, 400, 401, 403, 404, 429, 500, 503),
    message: text('message'),
    description: text('description'),
    suggestion: text('suggestion'),
    extra: fc.array(fc.constantFrom('==标记==', 'noise', '多余'), { maxLength: 2 }),
    drop: fc.nat({ max: columns.length }),
    pad: fc.array(fc.constantFrom('', ' ', '  ', '\t', ' \t '), { minLength: columns.length, maxLength: columns.length }),
    leadingPipe: fc.boolean(),
    trailingPipe: fc.boolean(),
  }).map((record) => ({
    ...record.code,
    name: record.name,
    httpStatus: record.httpStatus,
    texts: { message: record.message, description: record.description, suggestion: record.suggestion },
    extra: record.extra,
    drop: record.drop,
    pad: record.pad,
    leadingPipe: record.leadingPipe,
    trailingPipe: record.trailingPipe,
  }));
}

const OPTIONAL: readonly Field[] = ['name', 'httpStatus', 'message', 'description', 'suggestion'];

/** 1 or 2 tables, codes unique across the doc (bases 100 apart, ranges and lists stay inside). */
const tablesCase: fc.Arbitrary<TableCase[]> = fc
  .tuple(fc.integer({ min: 1, max: 2 }), fc.uniqueArray(fc.integer({ min: 1, max: 9_999_999 }), { minLength: 12, maxLength: 12 }))
  .chain(([count, bases]) =>
    fc.tuple(
      ...Array.from({ length: count }, (_, table) =>
        fc
          .tuple(fc.shuffledSubarray([...OPTIONAL]), fc.nat())
          .chain(([optional, at]) => {
            const columns = [...optional];
            columns.splice(at % (columns.length + 1), 0, 'code');
            return fc.record({
              columns: fc.constant(columns as readonly Field[]),
              headers: fc.tuple(...columns.map((field) => fc.constantFrom(...HEADERS[field]))),
              rows: fc.integer({ min: 1, max: 5 }).chain((n) =>
                fc.tuple(...Array.from({ length: n }, (_, row) => rowCase(bases[table * 6 + row]! * 100, columns))),
              ),
              heading: fc.constantFrom('错误码', 'Error codes', '补充错误码', 'sheet open api 错误码'),
            });
          })
          .map((value) => ({ ...value, heading: `${value.heading} ${table + 1}` })),
      ),
    ),
  );

function cellOf(row: RowCase, field: Field, family: 'pipe' | 'html'): string {
  switch (field) {
    case 'code':
      return row.codeCell;
    case 'name':
      return row.name;
    case 'httpStatus':
      return String(row.httpStatus);
    default: {
      const value = row.texts[field];
      if (value === undefined) return '';
      return value.map((tokens) => tokens.map((piece) => piece[family]).join(' ')).join(' <br> ');
    }
  }
}

/** The cells a row writes: the drop-able tail is only empty cells (a ragged row). */
function rowCells(row: RowCase, columns: readonly Field[], family: 'pipe' | 'html'): string[] {
  const cells = columns.map((field) => cellOf(row, field, family));
  let keep = cells.length;
  for (let dropped = 0; dropped < row.drop && keep > 1 && cells[keep - 1] === '' && row.extra.length === 0; dropped++) keep--;
  return [...cells.slice(0, keep), ...row.extra];
}

function pipeTable(table: TableCase, delimiterDelta: number): string {
  const header = `| ${table.headers.join(' | ')} |`;
  const width = Math.max(1, table.columns.length + delimiterDelta);
  const delimiter = `|${Array.from({ length: width }, (_, index) => [' --- ', ':---', '---:', ' :-: '][index % 4]).join('|')}|`;
  const body = table.rows.map((row) => {
    const cells = rowCells(row, table.columns, 'pipe').map((cell, index) => `${row.pad[index] ?? ''}${cell}${row.pad[index] ?? ''}`);
    // A first cell that is empty needs its leading pipe, or the next cell would be read as the first.
    const leading = row.leadingPipe || cells[0]!.trim() === '';
    return `${leading ? '|' : ''}${cells.join('|')}${row.trailingPipe || cells.length === 1 ? '|' : ''}`;
  });
  return [`## ${table.heading}`, '', header, delimiter, ...body, ''].join('\n');
}

function htmlTable(table: TableCase, tags: 'md' | 'plain'): string {
  const t = tags === 'md' ? { table: 'md-table', thead: 'md-thead', tbody: 'md-tbody', tr: 'md-tr', th: 'md-th', td: 'md-td' } : { table: 'table', thead: 'thead', tbody: 'tbody', tr: 'tr', th: 'th', td: 'td' };
  const header = table.headers.map((cell) => `      <${t.th} style="width: 20%;">${cell}</${t.th}>`).join('\n');
  const body = table.rows
    .map((row) => `  <${t.tr}>\n${rowCells(row, table.columns, 'html').map((cell) => `    <${t.td}>${cell}</${t.td}>`).join('\n')}\n  </${t.tr}>`)
    .join('\n\n');
  const html = `<${t.table}>\n  <${t.thead}>\n    <${t.tr}>\n${header}\n    </${t.tr}>\n  </${t.thead}>\n  <${t.tbody}>\n${body}\n  </${t.tbody}>\n</${t.table}>`;
  return [`## ${table.heading}`, '', tags === 'md' ? `:::html\n${html}\n:::` : html, ''].join('\n');
}

/** A row as the generator must recover it (positions and normalizations aside). */
type Expected = Omit<Row, 'start' | 'normalizations' | 'links'> & { readonly links: readonly ErrorLink[] };

function expected(tables: readonly TableCase[]): Expected[] {
  return tables.flatMap((table) =>
    table.rows.flatMap((row) => {
      const has = (field: Field) => table.columns.includes(field);
      const text = (field: TextField, join: string) => row.texts[field]?.map((tokens) => tokens.map((piece) => piece.text).join(' ')).join(join);
      // Without a message column the description column is the message.
      const messageField: TextField | undefined = has('message') ? 'message' : has('description') ? 'description' : undefined;
      const message = (messageField && text(messageField, ' ')) || text('description', ' ') || text('suggestion', ' ') || '';
      const links = (['message', 'description', 'suggestion'] as const).flatMap((field) =>
        (row.texts[field] ?? []).flat().flatMap((piece) =>
          piece.link ? [{ field: field === 'description' && messageField === 'description' ? ('message' as const) : field, ...piece.link }] : [],
        ),
      );
      return row.codes.map((code) => ({
        code,
        ...(has('name') && { docName: row.name }),
        message,
        ...(has('message') && row.texts.description && { description: text('description', '\n') }),
        ...(row.texts.suggestion && { suggestion: text('suggestion', '\n') }),
        ...(has('httpStatus') && { httpStatus: row.httpStatus }),
        ...(tables.length > 1 && { section: table.heading }),
        links,
      }));
    }),
  );
}

function actual(rows: readonly Row[]): Expected[] {
  return rows.map((row) => ({
    code: row.code,
    ...(row.docName !== undefined && { docName: row.docName }),
    message: row.message,
    ...(row.description !== undefined && { description: row.description }),
    ...(row.suggestion !== undefined && { suggestion: row.suggestion }),
    ...(row.httpStatus !== undefined && { httpStatus: row.httpStatus }),
    ...(row.section !== undefined && { section: row.section }),
    links: row.links,
  }));
}

function read(markdown: string) {
  const file = new VFile({ path: 'seeds/generated.md', value: `---\ntitle: t\n---\n# Page\n\n${markdown}` });
  const rows = readRows(parseDoc(file), file, { typos: {} });
  return { rows: rows ?? [], file };
}

/** Rules a well-formed random table may trigger; anything else means a row was misread. */
const EXPECTED_RULES = new Set(['extra-cell', 'delimiter-row-width', 'indented-row', 'code-range', 'code-list', 'empty-message', 'unknown-column']);

function check(tables: readonly TableCase[], markdown: string): void {
  const { rows, file } = read(markdown);
  const unexpected = file.messages.filter((message) => !EXPECTED_RULES.has(message.ruleId ?? '')).map((message) => `${message.line}:${message.column} ${message.reason}`);
  expect(unexpected, markdown).toEqual([]);
  expect(actual(rows), markdown).toEqual(expected(tables));
  const noise = tables.flatMap((table) => table.rows.flatMap((row) => row.extra));
  expect(file.messages.filter((message) => message.ruleId === 'extra-cell')).toHaveLength(noise.length);
}

/** Hundreds of pages in all, a few seconds on CI. */
const RUNS = { pipe: 120, html: 80, mixed: 20 };

describe('every layout family gives back every code and cell text', () => {
  it('pipe tables: any column order and header spelling, outer pipes or not, ragged rows, noise cells, ranges and lists, LF or CRLF', () => {
    fc.assert(
      fc.property(tablesCase, fc.constantFrom(0, 0, 0, 1, -1), fc.boolean(), (tables, delta, crlf) => {
        const markdown = tables.map((table) => pipeTable(table, delta)).join('\n');
        check(tables, crlf ? markdown.replace(/\n/g, '\r\n') : markdown);
      }),
      { numRuns: runs(RUNS.pipe) },
    );
  });

  it('<md-table> inside :::html, and plain <table>', () => {
    fc.assert(
      fc.property(tablesCase, fc.constantFrom('md' as const, 'plain' as const), (tables, tags) => {
        check(tables, tables.map((table) => htmlTable(table, tags)).join('\n'));
      }),
      { numRuns: runs(RUNS.html) },
    );
  });

  it('pipe and HTML tables on one page', () => {
    fc.assert(
      fc.property(tablesCase, (tables) => {
        check(tables, tables.map((table, index) => (index % 2 === 0 ? htmlTable(table, 'md') : pipeTable(table, 0))).join('\n'));
      }),
      { numRuns: runs(RUNS.mixed) },
    );
  });
});
