import { describe, expect, it } from 'vitest';
import { lint } from '../src/lint.js';
import { makeProject } from './helpers/tools.js';

const table = '| code | message |\n| --- | --- |\n| 1 | One |\n';
const messagesOf = (doc: string) =>
  lint([], { cwd: makeProject({ 'x.md': doc }) }).files.flatMap((file) =>
    // The categories of the codes are another test's business.
    file.messages.filter((message) => message.ruleId !== 'unknown-category').map((message) => `${message.line}:${message.column} ${message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'} ${message.reason} ${message.ruleId}`),
  );

describe('a seed that sync cannot follow', () => {
  it.each([
    ['no front matter', table],
    ['front matter without source_url', `---\ntitle: X\n---\n${table}`],
  ])('%s: an info saying sync skips it', (_, doc) => {
    expect(messagesOf(doc)).toEqual([
      '1:1 info No `source_url` in the front matter, so `sync` skips this seed; to sync it, start the file with `---`, `source_url: <the page URL>`, `---` missing-source-url',
    ]);
  });

  it('with a source_url: nothing; a broken front matter: only its error', () => {
    expect(messagesOf(`---\nsource_url: https://open.feishu.cn/document/x\n---\n${table}`)).toEqual([]);
    expect(messagesOf(`---\n- a\n---\n${table}`)).toEqual([
      '1:1 error Unexpected front matter that is not a mapping, expected `title: …` and `source_url: …` lines front-matter',
    ]);
  });
});
