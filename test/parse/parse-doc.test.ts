import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { normalizeCellText } from '../../src/normalize/text.js';
import { parseDoc } from '../../src/parse/parse-doc.js';

function parse(markdown: string) {
  const file = new VFile({ path: 'seeds/x.md', value: markdown });
  const doc = parseDoc(file);
  const texts = doc.tables.map((table) => ({
    heading: table.heading,
    header: table.header.map((cell) => cell.text),
    rows: table.rows.map((row) => row.cells.map((cell) => cell.text)),
  }));
  const messages = file.messages.map((message) => `${message.line}:${message.column} ${message.reason} ${message.ruleId}`);
  return { doc, texts, messages };
}

describe('pipe tables', () => {
  it('reads rows without leading or trailing pipes, tabs and trailing spaces, under the nearest heading', () => {
    const { texts, messages } = parse('# Page\n\n## sheet 错误码\n|name|\t err code | msg | \n|--|--|--|\nWrongRange|\t90202|\t请求中range格式有误\n|Fail|90203|不是预期内的 fail|   \n');
    expect(texts).toEqual([
      { heading: 'sheet 错误码', header: ['name', 'err code', 'msg'], rows: [['WrongRange', '90202', '请求中range格式有误'], ['Fail', '90203', '不是预期内的 fail']] },
    ]);
    expect(messages).toEqual([]);
  });

  it('reads a delimiter row of another width than the header as the header\'s width, with a warning', () => {
    const { texts, messages } = parse('| 错误码 | 校验 | 错误信息 | 错误信息（英文）\n| --- | --- | --- | --- | --- |\n|1160001 | 系统错误 | \\- | \\-\n');
    expect(texts[0]!.rows).toEqual([['1160001', '系统错误', '-', '-']]);
    expect(messages).toEqual(['2:1 Unexpected 5 cells in the delimiter row, expected 4 like the header row; read as 4 delimiter-row-width']);
  });

  it('keeps a row indented four columns or more as a row, with a warning', () => {
    const { texts, messages } = parse('| 错误码 | 描述 |\n| --- | --- |\n1001 | a\n    1002 | b\n\t1003 | c\n');
    expect(texts[0]!.rows).toEqual([['1001', 'a'], ['1002', 'b'], ['1003', 'c']]);
    expect(messages).toEqual([
      "4:1 Unexpected indentation of 4 columns before a table row (markdown reads it as code, which ends the table), expected the row at its header's indentation; read as a row indented-row",
      "5:1 Unexpected indentation of 4 columns before a table row (markdown reads it as code, which ends the table), expected the row at its header's indentation; read as a row indented-row",
    ]);
  });

  it('leaves indented code that follows a blank line, and tables inside code fences, alone', () => {
    const { texts, messages } = parse('| 错误码 | 描述 |\n| --- | --- |\n1001 | a\n\n    1002 | b\n\n```\n| a | b |\n| - | - |\n      1 | 2\n```\n');
    expect(texts[0]!.rows).toEqual([['1001', 'a']]);
    expect(messages).toEqual([]);
  });

  it('reduces cells to text: <br> is a line break, links keep their text and give their URL, escaped pipes, code, bold, images', () => {
    const { doc } = parse(
      '| 错误码 | 排查建议 |\n| --- | --- |\n| 1001 | 见[文档](/ssl:ttdoc/a/b) <br>- **第一步** `a \\| b`<br>![image.png](//sf3-cn.feishucdn.com/x.png)%v |\n',
    );
    const cell = doc.tables[0]!.rows[0]!.cells[1]!;
    expect(cell.text).toBe('见文档 \n- 第一步 a | b\n%v');
    expect(cell.links).toEqual([{ text: '文档', url: '/ssl:ttdoc/a/b' }]);
  });

  it('keeps the lines of a paragraph that look like rows of codes outside any table', () => {
    const { doc } = parse('| 错误码 | 描述 |\n| --- | --- |\n| 1001 | a |\n\n| 1002 | b |\ntext a | b\n');
    expect(doc.strayRows.map(({ cells, start }) => ({ cells, line: start.line, column: start.column }))).toEqual([
      { cells: ['1002', 'b'], line: 5, column: 1 },
      { cells: ['text a', 'b'], line: 6, column: 1 },
    ]);
  });
});

describe('HTML tables', () => {
  const mdTable = (cells: string) =>
    `### 错误码\n:::html\n<md-table>\n  <md-thead>\n    <md-tr>\n      <md-th style="width: 15%;">错误码</md-th>\n      <md-th>排查建议</md-th>\n    </md-tr>\n  </md-thead>\n  <md-tbody>\n<md-tr>\n  <md-td>200340</md-td>\n  <md-td>${cells}</md-td>\n</md-tr>\n  </md-tbody>\n</md-table>\n:::`;

  it('reads <md-table> inside :::html, without a final newline, with the cell markdown reduced', () => {
    const { texts, messages } = parse(
      mdTable(
        '应用未配置。\n\n若应用已配置，请[发布](/ssl:ttdoc/x)\n版本。\n1. 前往 <strong>开发配置</strong> > 事件。<br>\n 2. 填写地址。\n\t<img src="https://x/y.png">\n\t:::note\n\t注意 `token`。\n    :::\n',
      ),
    );
    expect(texts.map(({ heading, header }) => ({ heading, header }))).toEqual([{ heading: '错误码', header: ['错误码', '排查建议'] }]);
    // As it reaches the IR (blank lines between blocks dropped).
    expect(texts[0]!.rows.map((row) => row.map((cell) => normalizeCellText(cell, false).text))).toEqual([
      ['200340', '应用未配置。\n若应用已配置，请发布 版本。\n1. 前往 开发配置 > 事件。\n2. 填写地址。\n注意 token。'],
    ]);
    expect(messages).toEqual([]);
  });

  it('collects the URLs of markdown and <a> links in cells', () => {
    const { doc } = parse(mdTable('见[文档](https://open.feishu.cn/app)和<a href="https://x.y/z">这里</a>'));
    const cell = doc.tables[0]!.rows[0]!.cells[1]!;
    expect(cell.text).toBe('见文档和这里');
    expect(cell.links).toEqual([
      { text: '这里', url: 'https://x.y/z' },
      { text: '文档', url: 'https://open.feishu.cn/app' },
    ]);
  });

  it('reads plain <table> with ragged and long rows', () => {
    const { doc } = parse('<table><tr><th>code</th><th>msg</th></tr><tr><td>1</td></tr><tr><td>2</td><td>b</td><td>noise</td></tr></table>\n');
    const table = doc.tables[0]!;
    expect(table.rows.map((row) => row.cells.map((cell) => cell.text))).toEqual([['1', ''], ['2', 'b']]);
    expect(table.rows.map((row) => row.extra.map((cell) => cell.text))).toEqual([[], ['noise']]);
    expect(table.rows.map((row) => row.cellCount)).toEqual([1, 3]);
  });
});
