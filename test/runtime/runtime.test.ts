/**
 * The generated error runtimes as a caller uses them: a TypeScript program (tsc --strict)
 * and a Go program (go vet) call a local 127.0.0.1 server that answers Feishu-shaped
 * error bodies and headers; toFeishuError survives random JSON (fast-check, seed printed).
 * Both programs use this repository's committed generated/ (kept current by test/generate.test.ts).
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeishuApiError, lookupFeishuCode, MAX_RETRY_AFTER_SECONDS, toFeishuError } from '../../generated/ts/feishu-error.js';
import { goEnv, hasGo, requireTools, ROOT, tempDir, tscProject } from '../helpers/tools.js';

const run = promisify(execFile);
const TIMEOUT = { timeout: 120_000, maxBuffer: 10 * 1024 * 1024 };

/** What the server answers per path: status, headers and body, as the Open Platform does. */
const ROUTES: Readonly<Record<string, { status: number; headers?: Record<string, string>; body: string }>> = {
  '/talent': {
    status: 400,
    headers: { 'X-Tt-Logid': 'HEADER-LOG' },
    body: JSON.stringify({ code: 1002102, msg: 'Talent not exist', error: { log_id: 'BODY-LOG' } }),
  },
  '/rate-limit': {
    status: 429,
    headers: { 'x-ogw-ratelimit-reset': '7', 'Retry-After': '30', 'X-Tt-Logid': 'RL-LOG' },
    body: JSON.stringify({ code: 99991400, msg: 'request trigger frequency limit' }),
  },
  '/token': {
    status: 401,
    headers: { 'X-Tt-Logid': 'TOKEN-LOG' },
    body: JSON.stringify({ code: 99991663, msg: 'Invalid access token for authorization', error: { logid: 'DOC-SPELLING-LOG' } }),
  },
  '/scope': {
    status: 400,
    body: JSON.stringify({
      code: 99991672,
      msg: 'Access denied. One of the following scopes is required: [hire:talent]',
      error: { log_id: 'SCOPE-LOG', permission_violations: [{ type: 'action_scope_required', subject: 'hire:talent' }], troubleshooter: 'https://open.feishu.cn/search?log_id=SCOPE-LOG' },
    }),
  },
  '/ok': { status: 200, body: JSON.stringify({ code: 0, msg: 'success', data: {} }) },
  '/html': { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>Bad Gateway</html>' },
};

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const route = ROUTES[request.url ?? ''];
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(route.status, { 'Content-Type': 'application/json', ...route.headers }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('TypeScript: toFeishuError and lookupFeishuCode with fetch', () => {
  it('compiles with tsc --strict and decides what to do with each answer of a local server', async () => {
    const out = tempDir('feishu-errcodes-runtime-ts-');
    try {
      expect(tscProject(join(ROOT, 'test/runtime/ts'), { noEmit: false, outDir: out })).toBe('');
      writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
      const program = await run(process.execPath, [join(out, 'test/runtime/ts/fetch-errors.js'), base], TIMEOUT);
      expect(program.stderr).toBe('');
      expect(program.stdout).toBe(
        [
          '/talent: 1002102 not_found retryable=false status=400 log_id=BODY-LOG known=hire-v1/TalentNotExist: the talent is gone',
          '/rate-limit: 99991400 rate_limit retryable=true status=429 log_id=RL-LOG known=general/RequestTriggerFrequencyLimit: wait 7s',
          '/token: 99991663 authentication retryable=false status=401 log_id=DOC-SPELLING-LOG known=general/InvalidAccessTokenForAuthorization: refresh the token',
          '/scope: 99991672 authorization retryable=false status=400 log_id=SCOPE-LOG known=general/AccessDenied: ask for hire:talent',
          '/ok: ok',
          '/html: 0 server retryable=true status=502 log_id=undefined known=-/-: log it',
          'lookup 1002102: hire-v1 TalentNotExist not_found https://open.feishu.cn/document/server-docs/hire-v1/error_code',
          'lookup 42: 0 module(s)',
          '',
        ].join('\n'),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('toFeishuError on its own', () => {
  it('reads the log id from the body, then the header (repeated values joined as fetch joins them); Retry-After when the gateway header is absent', () => {
    const error = toFeishuError({ code: 1002102, msg: 'Talent not exist' }, { status: 400, headers: { 'x-tt-logid': ['FIRST', 'SECOND'], 'retry-after': '12' } });
    expect(error).toBeInstanceOf(FeishuApiError);
    expect(error).toMatchObject({ code: 1002102, logId: 'FIRST, SECOND', retryAfterSeconds: 12, category: 'not_found', retryable: false });
    expect(error!.known).toMatchObject({ module: 'hire-v1', name: 'TalentNotExist' });
    expect(error!.message).toBe('Feishu error 1002102: Talent not exist (log_id FIRST, SECOND)');
  });

  it('falls back to the HTTP status for a code no doc lists and no curated entry knows', () => {
    expect(toFeishuError({ code: 123456789, msg: 'x' }, { status: 503 })).toMatchObject({ category: 'server', retryable: true });
    expect(toFeishuError({ code: 123456789, msg: 'x' })).toMatchObject({ category: 'unknown', retryable: false });
    expect(toFeishuError({ code: 123456789, msg: 'x' })!.known).toBeUndefined();
  });

  it.each([
    ['success', { code: 0, msg: 'success' }],
    ['no code', { msg: 'x' }],
    ['a string code', { code: '1002102', msg: 'x' }],
    ['a fractional code', { code: 1.5, msg: 'x' }],
    ['an array', [1002102]],
    ['null', null],
    ['a 2xx HTML page', '<html>ok</html>'],
  ])('answers undefined for %s (status 200 or none)', (_, body) => {
    expect(toFeishuError(body)).toBeUndefined();
    expect(toFeishuError(body, { status: 200 })).toBeUndefined();
  });

  it.each([
    ['no msg', { code: 1002102 }, { code: 1002102, msg: '' }],
    ['an error that is a string', { code: 1002102, msg: 'x', error: 'boom' }, { code: 1002102, msg: 'x' }],
    ['a numeric log_id and a deep data', { code: 1002102, msg: 'x', error: { log_id: 7 }, data: { a: { b: { c: [1] } } } }, { code: 1002102, msg: 'x', error: {} }],
    ['a code written 1002102.0', '{"code": 1002102.0, "msg": "x"}', { code: 1002102, msg: 'x' }],
    ['the body as bytes', new TextEncoder().encode('{"code":1002102,"msg":"x"}'), { code: 1002102, msg: 'x' }],
  ])('reads a Feishu error body with %s, ignoring the odd fields', (_, body, clean) => {
    const error = toFeishuError(body, { status: 200 });
    expect(error).toMatchObject({ code: 1002102, category: 'not_found', retry: 'never', known: { module: 'hire-v1' } });
    expect(error!.body).toEqual(clean);
    expect(error!.logId).toBeUndefined();
  });

  it.each([
    [502, '<html>Bad Gateway</html>', { code: 0, msg: 'HTTP 502', category: 'server', retryable: true, retry: 'with_backoff' }],
    [503, '', { code: 0, msg: 'HTTP 503', category: 'server', retry: 'with_backoff' }],
    [429, '{"code": 0, "msg": "slow down"}', { code: 0, msg: 'slow down', category: 'rate_limit', retry: 'after_wait' }],
    [401, '{"trunc', { code: 0, category: 'authentication', retry: 'after_token_refresh' }],
    [400, null, { code: 0, category: 'validation', retry: 'never' }],
    [501, undefined, { code: 0, category: 'unknown', retry: 'never' }],
    [302, undefined, { code: 0, category: 'unknown', retry: 'never' }],
  ])('makes HTTP %i without a Feishu body an error with code 0 and the status verdict', (status, body, expected) => {
    expect(toFeishuError(body, { status })).toMatchObject({ httpStatus: status, ...expected });
  });

  it('keeps a real error when the headers object throws on every read', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
    const getter = { get: () => { throw new Error('boom'); } };
    for (const headers of [hostile, getter]) {
      expect(toFeishuError('<html>', { status: 503, headers })).toMatchObject({ code: 0, category: 'server' });
      expect(toFeishuError({ code: 99991400, msg: 'x' }, { headers })).toMatchObject({ code: 99991400, retry: 'after_wait' });
    }
  });

  it.each([
    [{ 'x-ogw-ratelimit-reset': ' 7 ', 'retry-after': '30' }, 7],
    [{ 'X-Ogw-Ratelimit-Reset': '1.5', 'Retry-After': '30' }, 30],
    [{ 'x-ogw-ratelimit-reset': '-1' }, undefined],
    [{ 'x-ogw-ratelimit-reset': '250000000000' }, 3600],
    [{ 'x-ogw-ratelimit-reset': '9'.repeat(400) }, 3600],
    [{ 'retry-after': 'Infinity' }, undefined],
    [{ 'retry-after': '1e3' }, undefined],
    [{ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, 0],
    [{ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }, 3600],
    [{ 'retry-after': 'soon' }, undefined],
  ])('reads retryAfterSeconds from %o as %s: whole seconds, clamped to MAX_RETRY_AFTER_SECONDS', (headers, seconds) => {
    expect(toFeishuError({ code: 99991400, msg: 'x' }, { headers })!.retryAfterSeconds).toBe(seconds);
  });

  it('lists every module that has a code, and none for an unlisted one', () => {
    expect(lookupFeishuCode(1002102).map((info) => [info.module, info.name, info.category, info.retryable])).toEqual([['hire-v1', 'TalentNotExist', 'not_found', false]]);
    expect(lookupFeishuCode(-1)).toEqual([]);
  });

  it('never throws on 10,000 random JSON values, bodies and headers (fast-check)', () => {
    const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2_147_483_647);
    console.log(`fast-check seed ${seed} (rerun with FC_SEED=${seed})`);
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ code: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()), msg: fc.oneof(fc.string(), fc.jsonValue()), error: fc.jsonValue() }, { requiredKeys: [] }),
      fc.anything(),
    );
    const headerValue = fc.oneof(fc.string(), fc.stringMatching(/^\s*\d{1,20}\s*$/), fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()));
    const headerName = fc.constantFrom('x-ogw-ratelimit-reset', 'X-Ogw-RateLimit-Reset', 'retry-after', 'Retry-After', 'x-tt-logid');
    const headers = fc.option(fc.dictionary(fc.oneof(fc.string(), headerName), fc.oneof(headerValue, fc.array(headerValue), fc.constant(undefined))), { nil: undefined });
    const status = fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined });
    fc.assert(
      fc.property(body, headers, status, (value, header, code) => {
        const init = { ...(header !== undefined && { headers: header }), ...(code !== undefined && { status: code }) };
        const error = toFeishuError(value, init);
        if (error !== undefined) {
          expect(error).toBeInstanceOf(FeishuApiError);
          expect(Number.isInteger(error.code) && error.code >= -2147483648 && error.code <= 2147483647).toBe(true);
          // Code 0: a status outside 2xx, or a body code outside 32 bits (docs/error-handling.md, "Reading a response").
          const bodyCode: unknown = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { code?: unknown }).code : undefined;
          expect(error.code !== 0 || (typeof code === 'number' && (code < 200 || code >= 300)) || (typeof bodyCode === 'number' && Math.abs(bodyCode) > 2147483647)).toBe(true);
          expect(error.retryAfterSeconds === undefined || (Number.isInteger(error.retryAfterSeconds) && error.retryAfterSeconds >= 0 && error.retryAfterSeconds <= MAX_RETRY_AFTER_SECONDS)).toBe(true);
          expect(typeof error.message).toBe('string');
        }
      }),
      { numRuns: 10_000, seed },
    );
  });
});

describe('Go: feishuerr.Parse and errors.Is against a module constant', () => {
  it.skipIf(!hasGo && !requireTools)('passes go vet and decides what to do with each answer of a local server', async () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    const dir = join(ROOT, 'test/runtime/go');
    const options = { ...TIMEOUT, cwd: dir, env: goEnv() };
    const vet = await run('go', ['vet', './...'], options).catch((error: { stdout: string; stderr: string }) => error);
    expect(vet.stdout + vet.stderr).toBe('');
    const program = await run('go', ['run', '.', base], options);
    expect(program.stdout).toBe(
      [
        '/talent: the talent is gone (log_id BODY-LOG)',
        '/rate-limit: 99991400 rate_limit retryable=true retry_after=7s status=429',
        '/token: 99991663 authentication retryable=false retry_after=0s status=401',
        '/ok: ok',
        '/html: 0 server retryable=true retry_after=0s status=502',
        'lookup 1002102: hire-v1 TalentNotExist not_found',
        '',
      ].join('\n'),
    );
  });
});

describe('Go: the Example tests of generated/go/feishuerr', () => {
  it.skipIf(!hasGo && !requireTools)('pass under go test (one per function)', async () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    const test = await run('go', ['test', '-v', '-count=1', './feishuerr'], { ...TIMEOUT, cwd: join(ROOT, 'generated/go'), env: goEnv() });
    for (const example of ['ExampleParse', 'ExampleFromResponse', 'ExampleLookup', 'ExampleAPIError_Is']) {
      expect(test.stdout).toMatch(new RegExp(`^--- PASS: ${example} `, 'm'));
    }
  });
});
