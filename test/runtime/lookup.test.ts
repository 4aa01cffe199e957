/**
 * The lookup layer of the generated TypeScript runtime (issue 29 §4, issue 28 §1–2): resolution
 * by endpoint, then module hint, then module entry, then the platform table; `ext=` sub-codes;
 * rate-limit tiers. Runs the runtime emitted from a hand-built catalogue
 * (test/runtime/lookup/catalog.ts); the same cases run in every language in test/parity.test.ts.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../src/emit/typescript.js';
import { tempDir, typecheck } from '../helpers/tools.js';
import { LOOKUP_CASES, LOOKUP_CATALOG, type LookupAnswer } from './lookup/catalog.js';

type Runtime = typeof import('../../generated/ts/feishu-error.js');
let runtime: Runtime;
const out = tempDir('feishu-errcodes-lookup-');

beforeAll(async () => {
  for (const file of emitTypeScript(LOOKUP_CATALOG)) {
    mkdirSync(dirname(join(out, file.path)), { recursive: true });
    writeFileSync(join(out, file.path), file.contents);
  }
  runtime = (await import(pathToFileURL(join(out, 'ts/feishu-error.ts')).href)) as Runtime;
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('toFeishuError resolves by endpoint, module hint, module entry, platform table', () => {
  it.each(LOOKUP_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const endpoint = c.method !== undefined && c.url !== undefined ? { method: c.method, url: c.url } : undefined;
    const error = runtime.toFeishuError({ code: c.code, msg: c.msg ?? 'x' }, { status: c.status, module: c.module, endpoint });
    const answer: LookupAnswer = {
      category: error!.category,
      retry: error!.retry,
      ...(error!.known !== undefined && { module: error!.known.module }),
      ...(c.want.message !== undefined && error!.known !== undefined && { message: error!.known.message }),
      ...(error!.subCode !== undefined && { subCode: error!.subCode }),
      ...(error!.knownSubCode !== undefined && { subCodeName: error!.knownSubCode.name }),
    };
    expect(answer).toEqual(c.want);
  });

  it('lookupFeishuCode takes the endpoint (a URL object too) before the hint, and says which endpoint spoke', () => {
    const url = new URL('https://open.feishu.cn/open-apis/corehr/v1/employees?x=1');
    expect(runtime.lookupFeishuCode(1160001, { module: 'hire-v1', endpoint: { method: 'POST', url } })).toEqual([
      expect.objectContaining({ module: 'corehr-v1', category: 'server', httpStatus: 500, endpoint: { method: 'POST', path: '/open-apis/corehr/v1/employees' }, docUrl: 'https://open.feishu.cn/document/corehr-v1/employee/create' }),
    ]);
    expect(runtime.lookupFeishuCode(1160001, { module: 'hire-v1' }).map((info) => info.module)).toEqual(['hire-v1']);
    expect(runtime.lookupFeishuCode(1160001).map((info) => info.module)).toEqual(['corehr-v1', 'general', 'hire-v1']);
    // An endpoint whose module does not list the code: every module, as without it.
    expect(runtime.lookupFeishuCode(99991400, { endpoint: { method: 'POST', url: '/open-apis/im/v1/messages' } }).map((info) => info.module)).toEqual(['general']);
    expect(runtime.lookupFeishuCode(230099)[0]!.subCodes!.map((row) => row.name)).toEqual(['CardContentUnsupported', 'CardIdInvalid', 'CardElementExceedsLimit', 'CardTableNumberOverLimit']);
  });

  it('reads the ext= fields onto the error', () => {
    const error = runtime.toFeishuError({ code: 230099, msg: 'Failed to create card content, ext=ErrCode: 11310; ErrPath: ROOT -> elements -> 0; ErrMsg: table number over limit; ErrorValue: {"a": 1}; x' });
    expect(error).toMatchObject({ subCode: 11310, errPath: 'ROOT -> elements -> 0', errMsg: 'table number over limit', errorValue: '{"a": 1}; x', knownSubCode: { name: 'CardTableNumberOverLimit', message: 'table number over limit' } });
  });

  it('ignores malformed endpoints and requests nothing declares', () => {
    const tryWith = (endpoint: unknown) => runtime.toFeishuError({ code: 1160001, msg: 'x' }, { endpoint } as never)!.known!.module;
    for (const endpoint of [null, 7, { method: 1, url: '/x' }, { method: 'POST' }, { method: 'POST', url: 'x'.repeat(10_000) }, { method: 'P'.repeat(100), url: '/open-apis/corehr/v1/employees' }]) {
      expect(tryWith(endpoint)).toBe('corehr-v1');
    }
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(tryWith(hostile)).toBe('corehr-v1');
    expect(runtime.toFeishuError({ code: 1160001, msg: 'x' }, { endpoint: { method: 'POST', url: 'open-apis/corehr/v1/employees/' } })!.category).toBe('server');
  });
});

describe('the retry helpers take the endpoint from the request', () => {
  it('feishuFetch: from its input and init (the same code is server on one endpoint, validation on another)', async () => {
    const server = createServer((request, response) => {
      response.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 1160001, msg: 'x', path: request.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as InstanceType<Runtime['FeishuApiError']>);
      const create = await failure(runtime.feishuFetch(`${base}/open-apis/corehr/v1/employees?user_id_type=open_id`, { method: 'POST' }, { maxRetries: 0 }));
      expect(create).toMatchObject({ category: 'server', retry: 'with_backoff', known: { module: 'corehr-v1', endpoint: { method: 'POST', path: '/open-apis/corehr/v1/employees' } } });
      const request = new Request(`${base}/open-apis/corehr/v1/common_data/id/convert`, { method: 'POST', body: '{}' });
      const convert = await failure(runtime.feishuFetch(request, undefined, { maxRetries: 0 }));
      expect(convert).toMatchObject({ category: 'validation', retry: 'never', known: { module: 'corehr-v1', message: 'Param Invalid' } });
      expect((convert as { known?: { endpoint?: unknown } }).known!.endpoint).toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('withFeishuRetry: from a thrown axios error\'s config.method and config.url, else as before', async () => {
    const axiosError = (config: unknown) => Object.assign(new Error('Request failed with status code 500'), { config, response: { status: 500, headers: {}, data: { code: 1160001, msg: 'x' } } });
    const thrown = (config: unknown) => runtime.withFeishuRetry(() => Promise.reject(axiosError(config)), { maxRetries: 0 }).then(() => undefined, (error: unknown) => error as { category: string; known?: { module: string } });
    expect(await thrown({ method: 'post', url: 'https://open.feishu.cn/open-apis/corehr/v1/employees' })).toMatchObject({ category: 'server' });
    expect(await thrown({ method: 'post', url: '/open-apis/corehr/v1/employees', baseURL: 'https://open.feishu.cn' })).toMatchObject({ category: 'server' });
    expect(await thrown({ method: 'post', url: '/open-apis/corehr/v1/common_data/id/convert' })).toMatchObject({ category: 'validation' });
    expect(await thrown(undefined)).toMatchObject({ category: 'validation', known: { module: 'corehr-v1' } });
  });
});

it('emits TypeScript that tsc --strict accepts (exactOptionalPropertyTypes)', () => {
  expect(typecheck(join(out, 'ts'))).toBe('');
});

it('matches a template the docs wrote in lower case or with a trailing slash, and keeps the table order stable', async () => {
  const sloppy = {
    modules: LOOKUP_CATALOG.modules.map((module) => ({
      ...module,
      endpoints: module.endpoints?.map((endpoint) => ({ ...endpoint, method: endpoint.method.toLowerCase(), path: `${endpoint.path}/` })),
      entries: module.entries.map((entry) => ({ ...entry, ...(entry.endpoints && { endpoints: entry.endpoints.map((meaning) => ({ ...meaning, method: meaning.method.toLowerCase() })) }) })),
    })),
  };
  const dir = tempDir('feishu-errcodes-lookup-sloppy-');
  const files = emitTypeScript(sloppy);
  expect(files).toEqual(emitTypeScript(sloppy));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.contents);
  }
  const other = (await import(pathToFileURL(join(dir, 'ts/feishu-error.ts')).href)) as Runtime;
  expect(other.toFeishuError({ code: 1160001, msg: 'x' }, { endpoint: { method: 'POST', url: '/open-apis/corehr/v1/employees' } })!.category).toBe('server');
  expect(other.feishuRateLimit('GET', '/open-apis/corehr/v1/employees/search')).toEqual({ special: true, text: '特殊频控' });
  rmSync(dir, { recursive: true, force: true });
});

describe('rate-limit tiers', () => {
  it('gives each endpoint its documented tier', () => {
    expect(runtime.feishuRateLimit('POST', 'https://open.feishu.cn/open-apis/im/v1/messages?receive_id_type=chat_id')).toEqual({ perSecond: 50, perMinute: 1000, text: '1000 次/分钟、50 次/秒' });
    expect(runtime.feishuRateLimit('post', '/open-apis/corehr/v1/common_data/id/convert')).toEqual({ perMinute: 100, text: '100 次/分钟' });
    expect(runtime.feishuRateLimit('GET', '/open-apis/corehr/v1/employees/search')).toEqual({ special: true, text: '特殊频控' });
    expect(runtime.feishuRateLimit('GET', '/open-apis/corehr/v1/employees/e1')).toEqual({ perSecond: 20, text: '20 次/秒' });
    expect(runtime.feishuRateLimit('POST', '/open-apis/im/v1/messages/om_1/reply')).toBeUndefined();
    expect(runtime.feishuRateLimit('GET', '/open-apis/im/v1/messages')).toBeUndefined();
    expect(runtime.feishuEndpoint('POST', '/open-apis/im/v1/messages/om_1/reply')).toEqual({ module: 'im-v1', method: 'POST', path: '/open-apis/im/v1/messages/:message_id/reply' });
  });
});

describe('parseFeishuExt on hostile msg texts', () => {
  const KEYS = ['ErrCode', 'ErrPath', 'ErrMsg', 'ErrorValue', 'code', 'ext', ''];
  const piece = fc.oneof(
    fc.constantFrom(...KEYS).map((key) => `${key}: `),
    fc.constantFrom('; ', ';', ': ', 'ext=', '%v', ' ', '\u0000', '\uD800', '😀', '11310'),
    fc.string({ maxLength: 20 }),
  );
  const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

  it('never throws, bounds every value, and keeps the first of each field', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const fields = runtime.parseFeishuExt(`${before}ext=${after}`);
        for (const value of [fields.errPath, fields.errMsg, fields.errorValue]) {
          if (value !== undefined) expect([...value].length).toBeLessThanOrEqual(1024);
        }
        if (fields.subCode !== undefined) expect(Number.isInteger(fields.subCode) && fields.subCode >= 1 && fields.subCode <= 999_999_999).toBe(true);
        // The first ErrCode field decides: a later one never replaces it.
        const again = runtime.parseFeishuExt(`${before}ext=${after}; ErrCode: 424242`);
        if (fields.subCode !== undefined) expect(again.subCode).toBe(fields.subCode);
      }),
    );
  });

  it('reads the fields it is given in any order, whatever sits between them', () => {
    const value = fc.string({ maxLength: 30 }).map((s) => s.replace(/;/g, ',').trim()).filter((s) => s !== '' && !s.startsWith('\t') && !s.endsWith('\t'));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), value, value, (code, path, msg) => {
        const fields = runtime.parseFeishuExt(`boom, ext=ErrMsg: ${msg}; ErrCode: ${code}; ErrPath: ${path}`);
        expect(fields).toEqual({ subCode: code, errPath: path, errMsg: msg });
      }),
    );
  });

  it('stays bounded on huge texts (one pass, values cut)', () => {
    const huge = `ext=ErrCode: 1; ErrMsg: ${'a; b'.repeat(500_000)}`;
    const fields = runtime.parseFeishuExt(huge);
    expect(fields.subCode).toBe(1);
    expect([...fields.errMsg!].length).toBe(1024);
    expect(runtime.parseFeishuExt('; '.repeat(1_000_000))).toEqual({});
    expect(runtime.parseFeishuExt(`ext=${'; Err:'.repeat(200_000)}`)).toEqual({});
    // Zero, a sign, ten digits or an empty field: no sub-code.
    for (const code of ['0', '000', '-1', '+1', '1234567890', '', '1 2']) expect(runtime.parseFeishuExt(`ext=ErrCode: ${code}; ErrMsg: m`)).toEqual({ errMsg: 'm' });
  });
});
