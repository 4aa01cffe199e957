import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { readRows } from '../../src/normalize/rows.js';
import { DEFAULT_TYPOS } from '../../src/normalize/text.js';
import { parseDoc } from '../../src/parse/parse-doc.js';

const FRONT = '---\ntitle: t\nsource_url: https://open.larkoffice.com/document/server-docs/x\n---\n';

function read(body: string) {
  const file = new VFile({ path: 'seeds/x.md', value: FRONT + body });
  const rows = readRows(parseDoc(file), file, { typos: DEFAULT_TYPOS });
  const messages = file.messages.map((message) => {
    const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
    return `${message.line}:${message.column} ${severity} ${message.reason} ${message.ruleId}`;
  });
  const plain = rows?.map(({ start: _start, ...row }) => row);
  return { rows: plain, messages };
}

describe('readRows', () => {
  it('makes the 描述 column the message when no column is the message, typo and link fields included', () => {
    const { rows, messages } = read('| 错误码 | 描述 | 排查建议 |\n|---|---|---|\n| 1001 | Talent not exsit<br>at all | 见[文档](/ssl:ttdoc/a#b) |\n');
    expect(rows).toEqual([
      {
        code: 1001,
        message: 'Talent not exist at all',
        suggestion: '见文档',
        normalizations: [{ field: 'message', rule: 'typo', from: 'Talent not exsit at all' }],
        links: [{ field: 'suggestion', text: '文档', url: 'https://open.larkoffice.com/document/a#b' }],
      },
    ]);
    expect(messages).toEqual(['7:8 info Fixed typo `exsit` in the message of code 1001, the original is kept in `normalizations` typo']);
  });

  it('keeps only http(s) links: javascript:, data:, mailto: and unresolved relative links are dropped', () => {
    const cell = '[a](javascript:alert(1)) [b](data:text/html,x) [c](mailto:x@y.z) [d](https://open.feishu.cn/x) [e](http://a.example/y)';
    const { rows } = read(`| code | message | 排查建议 |\n|---|---|---|\n| 1001 | Fail | ${cell} |\n`);
    expect(rows![0]!.links.map((link) => link.url)).toEqual(['https://open.feishu.cn/x', 'http://a.example/y']);
  });

  it('keeps a description beside the message, and fills an empty message from the description', () => {
    const { rows } = read('| code | message | 说明 |\n|---|---|---|\n| 1001 | Fail | 失败<br>请重试 |\n| 1002 | | 参数<br>错误 |\n');
    expect(rows!.map(({ code, message, description }) => ({ code, message, description }))).toEqual([
      { code: 1001, message: 'Fail', description: '失败\n请重试' },
      { code: 1002, message: '参数 错误', description: '参数\n错误' },
    ]);
  });

  it('takes the message from an unknown column when the row has no other text, and warns when it has none at all', () => {
    const { rows, messages } = read('| 错误码 | 校验 | 错误信息 | 错误信息（英文） |\n|---|---|---|---|\n|1160001 | 系统错误 | \\- | \\- |\n|1160003 | | | |\n');
    expect(rows!.map(({ code, message }) => ({ code, message }))).toEqual([
      { code: 1160001, message: '系统错误' },
      { code: 1160003, message: '' },
    ]);
    expect(messages).toEqual([
      '5:7 info Column `校验` is not a known error-table column; its cells are not used unknown-column',
      '7:1 info Code 1160001 has no message, description or suggestion; its message is taken from column `校验` message-from-other-column',
      '8:1 warning Unexpected row of code 1160003 without any text, expected a message or a description; kept with an empty message empty-message',
    ]);
  });

  it('reads the codes from the numeric one of two code-named columns, the other giving names', () => {
    const { rows, messages } = read('| code | 错误码 | msg |\n|---|---|---|\n| InvalidParam | 1001 | invalid param |\n| NotFound | 1002 | not found |\n');
    expect(rows!.map(({ code, docName }) => ({ code, docName }))).toEqual([
      { code: 1001, docName: 'InvalidParam' },
      { code: 1002, docName: 'NotFound' },
    ]);
    expect(messages).toEqual([
      '5:1 info Columns `code` and `错误码` are both named like the code; the codes are read from `错误码`, whose cells are numbers, and `code` gives the names code-column',
    ]);
  });

  it('expands ranges and lists to one row per code, each with the row\'s texts and a normalization', () => {
    const { rows, messages } = read('|name|err code|msg|\n|--|--|--|\n|InternalError|\t95201—95203|\t内部错误\n|Busy|1001, 1003|忙|\n');
    expect(rows!.map(({ code, docName, message, normalizations }) => ({ code, docName, message, normalizations }))).toEqual([
      { code: 95201, docName: 'InternalError', message: '内部错误', normalizations: [{ field: 'code', rule: 'code-range', from: '95201—95203' }] },
      { code: 95202, docName: 'InternalError', message: '内部错误', normalizations: [{ field: 'code', rule: 'code-range', from: '95201—95203' }] },
      { code: 95203, docName: 'InternalError', message: '内部错误', normalizations: [{ field: 'code', rule: 'code-range', from: '95201—95203' }] },
      { code: 1001, docName: 'Busy', message: '忙', normalizations: [{ field: 'code', rule: 'code-list', from: '1001, 1003' }] },
      { code: 1003, docName: 'Busy', message: '忙', normalizations: [{ field: 'code', rule: 'code-list', from: '1001, 1003' }] },
    ]);
    expect(messages).toEqual([
      "7:15 info Code range `95201—95203` read as 3 codes (95201 … 95203), one entry each with the row's texts code-range",
      "8:6 info Code list `1001, 1003` read as 2 codes (1001 … 1003), one entry each with the row's texts code-list",
    ]);
  });

  it('sets the section to the heading of each table only when the doc has several', () => {
    const one = read('## 错误码\n| code | msg |\n|---|---|\n| 1 | a |\n');
    expect(one.rows![0]!.section).toBeUndefined();
    const two = read('## 错误码\n| code | msg |\n|---|---|\n| 1 | a |\n\n## 补充错误码\n**错误码** | **原因** |\n|---|---|\n| 2 | b |\n');
    expect(two.rows!.map(({ code, section }) => ({ code, section }))).toEqual([
      { code: 1, section: '错误码' },
      { code: 2, section: '补充错误码' },
    ]);
  });

  it('fills httpStatus from an HTTP status column and explains a status it cannot read', () => {
    const { rows, messages } = read('| HTTP Status Code | code | 含义 |\n|---|---|---|\n| 404 | 1470404 | 不存在 |\n| OK | 1470405 | x |\n');
    expect(rows!.map(({ code, httpStatus }) => ({ code, httpStatus }))).toEqual([
      { code: 1470404, httpStatus: 404 },
      { code: 1470405, httpStatus: undefined },
    ]);
    expect(messages).toEqual(['8:1 warning Unexpected HTTP status `OK`, expected a number from 100 to 599; left out invalid-http-status']);
  });
});

describe('rows it cannot take are explained with their place', () => {
  it('reports a missing code, a code that is not a number, noise cells and rows cut off from the table', () => {
    const { rows, messages } = read(
      '| code | msg |\n|---|---|\n| 1001 | ok |\n| | continued |\n| InvalidParam | x |\n| 1002 | y | ==标记== |\n\n| 1003 | lost |\n',
    );
    expect(rows!.map((row) => row.code)).toEqual([1001, 1002]);
    expect(messages).toEqual([
      '8:1 warning Unexpected row without a code, expected a number in the code column; row skipped missing-code',
      '9:1 warning Unexpected code `InvalidParam` (not a number, range or list of numbers), expected a code such as `1002102`, a range `95201-95209` or a list `1001, 1002`; row skipped invalid-code',
      "10:12 warning Unexpected cell `==标记==` past the header's 2 columns, dropped extra-cell",
      '12:1 warning Unexpected table row of code `1003` outside any table, expected it inside one (a blank line or other block ends a table, and a table needs a `---` row under its header); row not read row-outside-table',
    ]);
  });

  it('warns about a table of codes whose header names no code column', () => {
    const { messages } = read('| code | msg |\n|---|---|\n| 1 | a |\n\n| 编号 | 描述 |\n|---|---|\n| 1001 | a |\n| 1002 | b |\n');
    expect(messages).toEqual([
      '9:1 warning Unexpected table whose column `编号` holds codes but whose header names no error-code column, expected a header such as `错误码`, `code` or `Error code`; the table is not read (rename the column to read it) unknown-code-column',
    ]);
  });

  it('fails a doc without an error table, naming every table it saw', () => {
    const { rows, messages } = read('## 错误信息\n响应体msg | msg解释 |\n|---|---|\n| param invalid | 参数异常 |\n\n| 错误场景 | 错误信息 |\n|---|---|\n| a | b |\n');
    expect(rows).toBeUndefined();
    expect(messages).toEqual([
      '6:1 info Table without an error-code column (headers: 响应体msg, msg解释), not read as an error table not-an-error-table',
      '10:1 info Table without an error-code column (headers: 错误场景, 错误信息), not read as an error table not-an-error-table',
      '6:1 error Unexpected doc without an error table, expected a table with an error-code column such as `错误码`, `code` or `Error code`; found 2 table(s) without one (line 6: `响应体msg` | `msg解释`; line 10: `错误场景` | `错误信息`). Name the code column so, or remove this doc from the seeds no-error-table',
    ]);
    expect(read('# Title\n\nNo table here.\n').messages).toEqual([
      '1:1 error Unexpected doc without an error table, expected a table with an error-code column such as `错误码`, `code` or `Error code`; found no table. Name the code column so, or remove this doc from the seeds no-error-table',
    ]);
  });
});
