import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { parseDoc } from '../../src/parse/parse-doc.js';
import { parseRateLimit, pathOfUrl } from '../../src/parse/endpoint.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');

function parse(markdown: string, path = 'seeds/x.md') {
  const file = new VFile({ path, value: markdown });
  const doc = parseDoc(file);
  const messages = file.messages.map((message) => `${message.line}:${message.column} ${message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'} ${message.ruleId} ${message.reason}`);
  return { doc, messages };
}

const fixture = (name: string) => parse(readFileSync(join(FIXTURES, name, 'input.md'), 'utf8'), `seeds/${name}.md`);

const requestTable = (rows: string) => `# 发送消息\n\n## 请求\n\n| 项目 | 值 |\n| --- | --- |\n${rows}\n\n## 错误码\n\n| HTTP状态码 | 错误码 | 描述 | 排查建议 |\n| --- | --- | --- | --- |\n| 400 | 230001 | bad | fix |\n`;

describe('endpoint of an API reference page', () => {
  it('reads the request table of a real page: path after the host, method, rate-limit tier', () => {
    const { doc, messages } = fixture('server-page-im-message-create');
    expect(doc.endpoint).toEqual({ method: 'POST', path: '/open-apis/im/v1/messages', start: expect.objectContaining({ line: 27 }) });
    expect(doc.rateLimit).toEqual({ perMinute: 1000, perSecond: 50, text: '1000 次/分钟、50 次/秒' });
    expect(doc.frontMatter.fullPath).toBe('/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message/create');
    expect(messages.filter((message) => message.includes(' endpoint '))).toEqual([]);
  });

  it('keeps :param segments and drops the query, fragment and a trailing slash', () => {
    const { doc } = parse(requestTable('| HTTP URL | https://open.feishu.cn/open-apis/im/v1/messages/:message_id/reply?x=1#top |\n| HTTP Method | post |'));
    expect(doc.endpoint).toMatchObject({ method: 'POST', path: '/open-apis/im/v1/messages/:message_id/reply' });
    expect(pathOfUrl('https://open.feishu.cn/open-apis/hire/v1/talent_pools/')).toBe('/open-apis/hire/v1/talent_pools');
    expect(pathOfUrl('https://accounts.feishu.cn/open-apis/authen/v1/authorize')).toBe('/open-apis/authen/v1/authorize');
    expect(pathOfUrl('/open-apis/im/v1/chats/{chat_id}')).toBe('/open-apis/im/v1/chats/{chat_id}');
  });

  it('reads a request table written without spaces, and English labels', () => {
    expect(parse(requestTable('|HTTP URL|https://open.feishu.cn/open-apis/wiki/v2/nodes/search|\n|HTTP Method|POST|')).doc.endpoint).toMatchObject({ method: 'POST', path: '/open-apis/wiki/v2/nodes/search' });
    const english = parse(requestTable('| **Request URL** | https://open.larksuite.com/open-apis/im/v1/chats |\n| HTTP Method | GET |\n| Rate Limit | [1000 per minute, 50 per second](https://x) |'));
    expect(english.doc.endpoint).toMatchObject({ method: 'GET', path: '/open-apis/im/v1/chats' });
    expect(english.doc.rateLimit).toEqual({ perMinute: 1000, perSecond: 50, text: '1000 per minute, 50 per second' });
  });

  it('warns at the row of a URL that is not an /open-apis/ path and gives no endpoint (a real approval page)', () => {
    const { doc, messages } = fixture('server-page-approval-www-url');
    expect(doc.endpoint).toBeUndefined();
    expect(messages.filter((message) => message.includes(' endpoint '))).toEqual([
      "15:12 warning endpoint Unexpected HTTP URL `https://www.feishu.cn/approval/openapi/v1/id/get` that is not an /open-apis/ path, expected a URL such as `https://open.feishu.cn/open-apis/im/v1/messages`; the page's rows are read as module-level rows (set `endpoint: \"POST /open-apis/…\"` in its front matter to give it one)",
    ]);
  });

  it('warns at the method row of an unknown method', () => {
    const { doc, messages } = parse(requestTable('| HTTP URL | https://open.feishu.cn/open-apis/im/v1/chats |\n| HTTP Method | FETCH |'));
    expect(doc.endpoint).toBeUndefined();
    expect(messages).toContainEqual(expect.stringMatching(/^8:\d+ warning endpoint Unexpected HTTP Method `FETCH`/));
  });

  it('a page without a request table has no endpoint and no endpoint message', () => {
    const { doc, messages } = parse('# 通用错误码\n\n| 错误码 | 描述 |\n| --- | --- |\n| 99991663 | token invalid |\n');
    expect(doc.endpoint).toBeUndefined();
    expect(doc.rateLimit).toBeUndefined();
    expect(messages).toEqual([]);
  });
});

describe('front matter endpoint', () => {
  const page = (endpoint: string) => `---\ntitle: x\nfullPath: "/a/b"\nendpoint: ${endpoint}\n---\n${requestTable('| HTTP URL | https://open.feishu.cn/open-apis/im/v1/messages |\n| HTTP Method | POST |').slice(1)}`;

  it('overrides the request table', () => {
    const { doc, messages } = parse(page('"get https://open.feishu.cn/open-apis/im/v1/messages/:message_id?a=b"'));
    expect(doc.endpoint).toEqual({ method: 'GET', path: '/open-apis/im/v1/messages/:message_id', start: { line: 4, column: 1 } });
    expect(doc.frontMatter).toMatchObject({ fullPath: '/a/b', endpoint: 'get https://open.feishu.cn/open-apis/im/v1/messages/:message_id?a=b' });
    expect(messages).toEqual([]);
  });

  it.each([
    ['"/open-apis/im/v1/messages"', 'a method and a path separated by a space'],
    ['"SEND /open-apis/im/v1/messages"', 'a method among GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS first'],
    ['"POST /im/v1/messages"', 'an /open-apis/ path after the method, without spaces'],
    ['"POST /open-apis/im v1"', 'an /open-apis/ path after the method, without spaces'],
  ])('refuses %s with an error at its line', (value, expected) => {
    const { doc, messages } = parse(page(value));
    // The request table does not stand in for a malformed declaration: the error stops the run.
    expect(messages[0]).toBe(`4:1 error front-matter Unexpected front matter \`endpoint: ${JSON.parse(value)}\`, expected ${expected}, such as \`endpoint: "POST /open-apis/im/v1/messages"\``);
    expect(doc.endpoint).toMatchObject({ path: '/open-apis/im/v1/messages' });
  });
});

describe('rate limit', () => {
  it.each([
    ['1000 次/分钟、50 次/秒', { perMinute: 1000, perSecond: 50 }],
    ['100 次/分钟', { perMinute: 100 }],
    ['5 次/秒', { perSecond: 5 }],
    ['特殊频控', { special: true }],
    ['50 次/秒，1000次/分钟', { perMinute: 1000, perSecond: 50 }],
    ['10000 次/天', {}],
    ['100 requests/min', { perMinute: 100 }],
  ])('%s', (text, numbers) => {
    expect(parseRateLimit(text)).toEqual({ ...numbers, text });
  });

  it('reads the tier link of a real page as text and special', () => {
    expect(fixture('server-page-special-rate').doc.rateLimit).toEqual({ special: true, text: '特殊频控' });
  });

  it('keeps an empty cell as no rate limit', () => {
    expect(parseRateLimit('  ')).toBeUndefined();
  });
});
