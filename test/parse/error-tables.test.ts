import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { parseDoc } from '../../src/parse/parse-doc.js';
import { notErrorCodes } from '../../src/parse/code-table.js';
import { isCodeCell } from '../../src/normalize/codes.js';
import { readRows } from '../../src/normalize/rows.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');

function read(markdown: string, path = 'seeds/x.md') {
  const file = new VFile({ path, value: markdown });
  const doc = parseDoc(file);
  const rows = readRows(doc, file, { typos: {} });
  const messages = file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`);
  return { doc, rows, messages };
}
const fixture = (name: string) => read(readFileSync(join(FIXTURES, name, 'input.md'), 'utf8'), `seeds/${name}.md`);

describe('tables whose code column is not error codes', () => {
  it('the board theme page: colour tables give no code, each told apart with its reason', () => {
    const { rows, messages } = fixture('server-page-board-theme-colours');
    expect(rows).toBeUndefined();
    const told = messages.filter((message) => message.includes('not error codes'));
    expect(told).toHaveLength(9);
    expect(told[0]).toBe('38:1 not-an-error-table Table whose column `code` is named like a code but holds colour values (`#ffffff`) in column `rgb`, not error codes; not read as an error table');
    expect(messages.some((message) => message.includes('no-error-table'))).toBe(true);
  });

  it.each([
    ['enum names beside small numbers', '| code | name | 说明 |\n| --- | --- | --- |\n| 2 | TEXT_TAG | 文本 |\n| 5 | IMAGE | 图片 |\n| 9 | AUDIO | 音频 |\n', 'identifiers (`TEXT_TAG`) beside small numbers'],
    ['a run from 0', '| Code | 含义 |\n| --- | --- |\n| 0 | 未知 |\n| 1 | 文本 |\n| 2 | 图片 |\n', 'a run of small numbers (0 to 2)'],
    ['names in the code column', '| code | 说明 |\n| --- | --- |\n| TEXT | 文本 |\n| IMAGE | 图片 |\n', 'names, not numbers, in the code column (`TEXT`)'],
    ['rgb() colours', '| code | color |\n| --- | --- |\n| 1001 | rgb(255, 0, 0) |\n| 1002 | rgb(0,0,0) |\n', 'colour values (`rgb(255, 0, 0)`) in column `color`'],
  ])('%s', (_, markdown, reason) => {
    const { rows, messages } = read(markdown);
    expect(rows).toBeUndefined();
    expect(messages[0]).toContain(reason);
  });

  it.each([
    ['real codes under `code`', '| code | message |\n| --- | --- |\n| 1254001 | WrongRequestBody |\n| 1254002 | Fail |\n'],
    ['small codes beside a message column', '| code | message |\n| --- | --- |\n| 1 | Message one |\n| 2 | Message two |\n| 3 | Message three |\n'],
    ['small codes under an error header', '| 错误码 | 描述 |\n| --- | --- |\n| 0 | A |\n| 1 | B |\n| 2 | C |\n'],
    ['a general page row of three digits among real codes', '| 错误码 | 说明 | 排查建议 |\n| --- | --- | --- |\n| 600 | expired | retry |\n| 99991663 | token invalid | refresh |\n'],
    ['names under an error header (each row then says why it is skipped)', '| errcode | msg |\n| --- | --- |\n| 91401 | PARAMERR |\n| 91402 | NOTEXIST |\n'],
  ])('keeps %s as an error table', (_, markdown) => {
    expect(read(markdown).rows?.length).toBeGreaterThan(0);
  });

  it('decides from the values, not the page: the same header reads either way', () => {
    expect(notErrorCodes(['code', 'name'], 0, [['1', 'A_B'], ['2', 'C_D']], isCodeCell)).toMatch(/enumeration/);
    expect(notErrorCodes(['code', 'name'], 0, [['1001', 'A_B'], ['1002', 'C_D']], isCodeCell)).toBeUndefined();
  });
});

describe('rows written as blocks after a callout', () => {
  it('im message create: the 230099 sub-codes after the `note` are rows of their table, at their lines', () => {
    const { doc, messages } = fixture('server-page-im-message-create');
    const subCodes = doc.tables.find((table) => table.heading === '230099 子错误码')!;
    const codes = subCodes.rows.map((row) => row.cells[0]!.text);
    expect(codes).toEqual(['100290', '11310', '200380', '200381', '200621', '200732', '200737', '200550', '200861', '200570', '200914', '200915', '300240', '300230', '300220']);
    const row = subCodes.rows.find((candidate) => candidate.cells[0]!.text === '200381')!;
    expect(row.start).toMatchObject({ line: 254, column: 3 });
    expect(row.cells[1]!.text).toBe('Failed to create card content, ext=ErrCode: 200381; ErrMsg: template is not visible to app, please confirm whether the app is allowed to use this template; ErrorValue: %v, templateID: %v');
    expect(row.cells[2]!.text).toMatch(/^无卡片使用权限。/);
    // The callout's text is the suggestion of the row it was in; the response example is not a suggestion.
    expect(subCodes.rows[2]!.cells[2]!.text).toMatch(/卡片发布后，将对线上的卡片相关的 API 调用立即生效/);
    expect(subCodes.rows.find((candidate) => candidate.cells[0]!.text === '200550')!.cells[2]!.text).not.toContain('log_id');
    expect(messages.filter((message) => message.includes('row-outside-table') || message.includes('invalid-code'))).toEqual([
      '249:1 row-outside-table Read 12 row(s) written as blocks (a code line, a message line, a suggestion) after the `note` callout that ended the table above at line 248; the callout\'s text joins the row above it',
    ]);
  });

  it('a table that ends in a callout with no block after it keeps its rows and its row', () => {
    const { doc } = read('| 错误码 | 描述 | 排查建议 |\n| --- | --- | --- |\n| 1001 | a | b |\nnote\n\nSome prose.\n');
    expect(doc.tables[0]!.rows.map((row) => row.cells[0]!.text)).toEqual(['1001', 'note']);
  });
});
