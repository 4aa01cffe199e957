/**
 * fetchMarkdown's size limit at its edges: a body of exactly --max-bytes is taken, one
 * byte more is refused, whether the server announces its length or streams it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMarkdown, type FetchOptions } from '../../src/sync/fetch-markdown.js';
import { startDocServer, type DocServer, type Route } from './doc-server.js';

const LIMIT = 1000;
const options: FetchOptions = { timeoutMs: 5000, maxBytes: LIMIT, userAgent: 'feishu-errcodes-test' };
/** A markdown page of exactly `size` bytes. */
const page = (size: number) => {
  const [head, tail] = ['# 错误码\n\n|code|message|\n|--|--|\n| 1 | ', ' |\n'];
  return head + 'x'.repeat(size - Buffer.byteLength(head + tail)) + tail;
};

/** Sends the body with a content-length header, or (`chunked`) streamed without one. */
const serve =
  (body: string, chunked: boolean): Route =>
  (_, response) => {
    response.writeHead(200, { 'content-type': 'text/markdown', ...(!chunked && { 'content-length': String(Buffer.byteLength(body)) }) });
    if (chunked) for (let at = 0; at < body.length; at += 100) response.write(body.slice(at, at + 100));
    response.end(chunked ? undefined : body);
  };

/** Announces `size` bytes, then sends a few and stalls: only the header can refuse it in time. */
const announces =
  (size: number): Route =>
  (_, response) => {
    response.writeHead(200, { 'content-type': 'text/markdown', 'content-length': String(size) });
    response.write('# 错误码\n');
  };

let server: DocServer;
beforeAll(async () => {
  server = await startDocServer();
});
afterAll(async () => {
  await server.close();
});

describe('the --max-bytes limit', () => {
  it('the test page has the size it claims', () => {
    expect(Buffer.byteLength(page(LIMIT))).toBe(LIMIT);
  });

  for (const chunked of [false, true]) {
    const how = chunked ? 'streamed' : 'with content-length';
    it(`takes a body of exactly the limit (${how})`, async () => {
      server.route(`/exact-${chunked}.md`, serve(page(LIMIT), chunked));
      expect(await fetchMarkdown(`${server.origin}/exact-${chunked}.md`, options)).toEqual({ ok: true, text: page(LIMIT) });
    });

    it(`refuses one byte more (${how})`, async () => {
      server.route(`/over-${chunked}.md`, serve(page(LIMIT + 1), chunked));
      expect(await fetchMarkdown(`${server.origin}/over-${chunked}.md`, options)).toEqual({
        ok: false,
        reason: `the body is larger than the ${LIMIT}-byte limit (${chunked ? 'cut off while reading' : `it announces ${LIMIT + 1} bytes`}); raise --max-bytes if the page really is that big`,
      });
    });
  }

  it('refuses a page that announces one byte over the limit before reading its body', async () => {
    server.route('/announces.md', announces(LIMIT + 1));
    expect(await fetchMarkdown(`${server.origin}/announces.md`, { ...options, timeoutMs: 2000 })).toEqual({
      ok: false,
      reason: `the body is larger than the ${LIMIT}-byte limit (it announces ${LIMIT + 1} bytes); raise --max-bytes if the page really is that big`,
    });
  });
});
