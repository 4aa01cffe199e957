/**
 * `lint` explains every row of an error table it could not take, with file:line:col,
 * instead of dropping it silently.
 */
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './helpers/tools.js';

const DOC = `---
title: 错误码
source_url: https://open.feishu.cn/document/server-docs/x/error_code
---
# 错误码
| 错误码 | 描述 | 排查建议 |
| --- | --- | --- | --- |
| 1001 | Talent not found | 检查 ID |
| | Continued text | |
| E1002 | Invalid param | 检查参数 |
| 1003 | Duplicate name | 检查名称 | ==标记==
| -1004 | Negative | |
| 1005-1 | Bad range | |
    1006 | Indented row | 缩进
| 1007 | 

| 1008 | Cut off by a blank line | |

| 编号 | 说明 |
| --- | --- |
| 2001 | Unnamed code column |
| 2002 | Another |
`;

describe('lint on rows it cannot take', () => {
  it('gives file:line:col, what is wrong and what was done for each one, and exits 0 on warnings', async () => {
    const dir = makeProject({ 'x.md': DOC });
    const lint = await runCli(['lint'], dir);
    expect(lint.stderr).toBe('feishu-errcodes: 1 file(s): 0 error(s), 9 warning(s), 3 info.\n');
    expect(lint.code).toBe(0);
    expect(lint.stdout.split('\n').filter((line) => line !== '')).toEqual([
      'seeds/x.md:1:1 info 2 of 4 codes have no category (no rule recognises their texts): 1006, 1007; set modules["x"].categories in the config to classify them unknown-category',
      'seeds/x.md:7:1 info Unexpected 4 cells in the delimiter row, expected 3 like the header row; read as 3 delimiter-row-width',
      'seeds/x.md:9:1 warning Unexpected row without a code, expected a number in the code column; row skipped missing-code',
      'seeds/x.md:10:1 warning Unexpected code `E1002` (not a number, range or list of numbers), expected a code such as `1002102`, a range `95201-95209` or a list `1001, 1002`; row skipped invalid-code',
      "seeds/x.md:11:32 info Unexpected cell `==标记==` past the header's 3 columns, dropped extra-cell",
      'seeds/x.md:12:1 warning Unexpected code `-1004` (a negative number), expected a code such as `1002102`, a range `95201-95209` or a list `1001, 1002`; row skipped invalid-code',
      'seeds/x.md:13:1 warning Unexpected code `1005-1` (a range whose end is not above its start), expected a code such as `1002102`, a range `95201-95209` or a list `1001, 1002`; row skipped invalid-code',
      "seeds/x.md:14:1 warning Unexpected indentation of 4 columns before a table row (markdown reads it as code, which ends the table), expected the row at its header's indentation; read as a row indented-row",
      'seeds/x.md:15:1 warning 1 code(s) have no English text and no glossary words to be named from, so they are named `Code<N>`: 1007. Choose names in modules["x"].names in the config (or edit the names in seeds/feishu-errcodes.lock.json) unnamed-code',
      'seeds/x.md:15:1 warning Unexpected row of code 1007 without any text, expected a message or a description; kept with an empty message empty-message',
      'seeds/x.md:17:1 warning Unexpected table row of code `1008` outside any table, expected it inside one (a blank line or other block ends a table, and a table needs a `---` row under its header); row not read row-outside-table',
      'seeds/x.md:19:1 warning Unexpected table whose column `编号` holds codes but whose header names no error-code column, expected a header such as `错误码`, `code` or `Error code`; the table is not read (rename the column to read it) unknown-code-column',
    ]);
  });
});

describe('lint on the paths it is given', () => {
  const good = '| code | message |\n| --- | --- |\n| 1 | One |\n';
  const bad = '| code | message |\n| --- | --- |\n| x | Not a code |\n| 2 | Two |\n';

  it('lints only the docs named, and every doc of a folder named', async () => {
    const dir = makeProject({ 'a.md': good }, { 'docs/b.md': bad, 'docs/c.md': good, 'docs/.hidden.md': bad, 'docs/notes.txt': 'x' });
    const one = await runCli(['lint', 'docs/b.md'], dir);
    // Every line is about docs/b.md; its one warning is the bad code (the infos: no source_url, no category).
    expect(one.stdout.split('\n').filter((line) => line !== '').every((line) => line.startsWith('docs/b.md:'))).toBe(true);
    expect(one.stdout).toMatch(/^docs\/b\.md:3:1 warning Unexpected code `x` .* invalid-code$/m);
    expect(one.stderr).toBe('feishu-errcodes: 1 file(s): 0 error(s), 1 warning(s), 2 info.\n');
    expect(one.code).toBe(0);
    const folder = await runCli(['lint', 'docs', 'seeds/a.md'], dir);
    expect(folder.stdout).toMatch(/^docs\/b\.md:3:1 warning /m);
    expect(folder.stdout).not.toContain('.hidden.md');
    expect(folder.stderr).toBe('feishu-errcodes: 3 file(s): 0 error(s), 1 warning(s), 6 info.\n');
    expect(folder.code).toBe(0);
  });

  it('a path that does not exist: one line that says what to pass, exit 2, nothing linted', async () => {
    const dir = makeProject({ 'a.md': good });
    const result = await runCli(['lint', 'seeds/a.md', 'seeds/missing.md'], dir);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'feishu-errcodes: seeds/missing.md: no such file; pass markdown docs to lint, or no argument to lint every seed\n',
    });
  });

  it('a folder without docs: one line, exit 2', async () => {
    const dir = makeProject({ 'a.md': good }, { 'empty/notes.txt': 'x' });
    const result = await runCli(['lint', 'empty'], dir);
    expect(result).toEqual({ code: 2, stdout: '', stderr: "feishu-errcodes: Seeds folder empty holds no .md file; copy a Feishu error-code page into it as markdown, or a module's pages into a folder of it\n" });
  });
});
