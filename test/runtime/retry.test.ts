/**
 * withFeishuRetry and feishuFetch of the generated TypeScript runtime (generated/ts, kept
 * current by test/generate.test.ts) against a local 127.0.0.1 server that scripts
 * Feishu's answers: token refresh, rate-limit waits, quotas, server errors, permission
 * errors, aborts and the wait cap; then properties over any answer (fast-check, seed
 * printed by the test setup), and the verdict between modules that share a code.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FeishuApiError, feishuFetch, toFeishuError, withFeishuRetry, type FeishuRetryOptions } from '../../generated/ts/feishu-error.js';
import { resolveConfig } from '../../src/config.js';
import { emitTypeScript } from '../../src/emit/typescript.js';
import { buildCatalog } from '../../src/generate.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import type { ErrorCatalog } from '../../src/model.js';
import { runs } from '../helpers/runs.js';
import { tempDir } from '../helpers/tools.js';

interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the server answers, one reply per request (the last one repeats); what it was sent. */
let script: ((request: IncomingMessage) => Reply)[] = [];
let received: { readonly authorization: string | undefined; readonly at: number }[] = [];
let server: Server;
let url = '';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const OK = json(200, { code: 0, msg: 'success', data: { id: 'talent-1' } });
const TOKEN_EXPIRED = json(401, { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' });

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push({ authorization: request.headers.authorization, at: Date.now() });
    const reply = (script[received.length - 1] ?? script[script.length - 1]!)(request);
    response.writeHead(reply.status, reply.headers).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/open-apis/hire/v1/talents`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  script = [];
  received = [];
});

/** The rejection of `promise` (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.fail(`resolved ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

describe('feishuFetch against a scripted Feishu', () => {
  it('refreshes an expired token exactly once, sends the new one as a Bearer header, and succeeds', async () => {
    script = [() => TOKEN_EXPIRED, (request) => (request.headers.authorization === 'Bearer t-fresh' ? OK : TOKEN_EXPIRED)];
    let refreshes = 0;
    const retries: [number, number, number][] = [];
    const body = await feishuFetch(url, { headers: { Authorization: 'Bearer t-stale' } }, {
      refreshToken: () => {
        refreshes++;
        return Promise.resolve('t-fresh');
      },
      onRetry: (error, attempt, delay) => retries.push([error.code, attempt, delay]),
    });
    expect(body).toEqual({ code: 0, msg: 'success', data: { id: 'talent-1' } });
    expect(refreshes).toBe(1);
    expect(received.map((request) => request.authorization)).toEqual(['Bearer t-stale', 'Bearer t-fresh']);
    expect(retries).toEqual([[99991663, 1, 0]]);
  });

  it('refreshes at most once per call: a token still rejected after it is thrown', async () => {
    script = [() => TOKEN_EXPIRED];
    let refreshes = 0;
    const error = await rejection(feishuFetch(url, undefined, { refreshToken: () => `t-${++refreshes}` }));
    expect(error).toBeInstanceOf(FeishuApiError);
    expect(error).toMatchObject({ code: 99991663, category: 'authentication', retry: 'after_token_refresh', httpStatus: 401 });
    expect(refreshes).toBe(1);
    expect(received).toHaveLength(2);
  });

  it('throws an expired token at once without refreshToken, and with the refresh failure as its cause', async () => {
    script = [() => TOKEN_EXPIRED];
    expect(await rejection(feishuFetch(url))).toMatchObject({ code: 99991663 });
    expect(received).toHaveLength(1);
    received = [];
    const failure = new Error('app_secret revoked');
    const error = await rejection(feishuFetch(url, undefined, { refreshToken: () => Promise.reject(failure) }));
    expect(error).toMatchObject({ code: 99991663, cause: failure });
    expect(received).toHaveLength(1);
  });

  it('waits out 99991400 for x-ogw-ratelimit-reset: 1 and retries once', async () => {
    script = [() => json(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '1', 'Retry-After': '30' }), () => OK];
    const retries: [number, number][] = [];
    await feishuFetch(url, undefined, { onRetry: (_, attempt, delay) => retries.push([attempt, delay]) });
    expect(retries).toEqual([[1, 1]]);
    expect(received).toHaveLength(2);
    // A lower bound only (timers never fire early by more than their 1 ms granularity).
    expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('stops at once on the monthly quota 99991403', async () => {
    script = [() => json(429, { code: 99991403, msg: "This month's API call quota has been exceeded" }, { 'x-ogw-ratelimit-reset': '0' })];
    const error = await rejection(feishuFetch(url, undefined, { idempotent: true, refreshToken: () => 't' }));
    expect(error).toMatchObject({ code: 99991403, category: 'rate_limit', retryable: false, retry: 'never' });
    expect(received).toHaveLength(1);
  });

  it('sends a non-idempotent call once on HTTP 500 (an HTML page), an idempotent one 3 times', async () => {
    script = [() => ({ status: 500, headers: { 'Content-Type': 'text/html' }, body: '<html><h1>500 Internal Server Error</h1></html>' })];
    const error = await rejection(feishuFetch(url, { method: 'POST', body: '{}' }));
    expect(error).toMatchObject({ code: 0, msg: 'HTTP 500', category: 'server', retryable: true, retry: 'with_backoff', httpStatus: 500 });
    expect(received).toHaveLength(1);
    received = [];
    const delays: number[] = [];
    await rejection(feishuFetch(url, undefined, { idempotent: true, onRetry: (_, __, delay) => delays.push(delay) }));
    expect(received).toHaveLength(3);
    // Jittered exponential backoff: 0.5–1 s, then 1–2 s.
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(0.5);
    expect(delays[0]).toBeLessThanOrEqual(1);
    expect(delays[1]).toBeGreaterThanOrEqual(1);
    expect(delays[1]).toBeLessThanOrEqual(2);
  });

  it('stops on 99991672 with the missing scope and where to grant it', async () => {
    script = [
      () =>
        json(400, {
          code: 99991672,
          msg: 'Access denied. One of the following scopes is required: [hire:talent:readonly]',
          error: {
            log_id: '20240101-LOG',
            permission_violations: [{ type: 'action_scope_required', subject: 'hire:talent:readonly' }, 'junk'],
            helps: [{ url: 'https://open.feishu.cn/app/cli_x/auth?q=hire:talent:readonly', description: 'Grant it' }, { url: 'javascript:alert(1)' }, { url: 42 }],
          },
        }),
    ];
    const error = (await rejection(feishuFetch(url, undefined, { idempotent: true, refreshToken: () => 't' }))) as FeishuApiError;
    expect(error).toMatchObject({ code: 99991672, category: 'authorization', retry: 'never', logId: '20240101-LOG' });
    expect(error.permissionViolations).toEqual([{ type: 'action_scope_required', subject: 'hire:talent:readonly' }]);
    expect(error.helpUrls).toEqual(['https://open.feishu.cn/app/cli_x/auth?q=hire:talent:readonly']);
    expect(received).toHaveLength(1);
  });

  it('ends a wait at once when the signal aborts, throwing the abort reason', async () => {
    script = [() => json(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '30' })];
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const call = feishuFetch(url, undefined, { signal: controller.signal, onRetry: () => setTimeout(() => controller.abort(reason), 20) });
    expect(await rejection(call)).toBe(reason);
    expect(received).toHaveLength(1);
  });

  it("ends a wait when the request's own signal aborts", async () => {
    script = [() => json(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '30' })];
    const controller = new AbortController();
    const reason = new Error('request cancelled');
    expect(await rejection(feishuFetch(url, { signal: controller.signal }, { onRetry: () => setTimeout(() => controller.abort(reason), 20) }))).toBe(reason);
    expect(received).toHaveLength(1);
  });

  it('throws without waiting when the wait asked for is longer than maxWaitSeconds', async () => {
    script = [() => json(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '120' })];
    let retried = false;
    const error = await rejection(feishuFetch(url, undefined, { onRetry: () => (retried = true) }));
    expect(error).toMatchObject({ code: 99991400, retryAfterSeconds: 60 * 2 });
    expect(retried).toBe(false);
    expect(received).toHaveLength(1);
  });

  it('throws a gateway page over 8 MiB as code 0 without reading it whole', async () => {
    script = [() => ({ status: 502, body: 'x'.repeat(8_388_609) })];
    expect(await rejection(feishuFetch(url))).toMatchObject({ code: 0, category: 'server', httpStatus: 502 });
  });
});

describe('withFeishuRetry around an SDK call', () => {
  const quick: FeishuRetryOptions = { maxWaitSeconds: 0 };

  it('retries a resolved Feishu error body (the Node SDK resolves them) and returns the first success', async () => {
    const answers = [{ code: 99991400, msg: 'request trigger frequency limit' }, { code: 0, msg: 'success', data: {} }];
    let calls = 0;
    // backoff(1) is 0.5–1 s: allow it.
    const result = await withFeishuRetry(() => Promise.resolve(answers[calls++]), { maxWaitSeconds: 1 });
    expect(result).toEqual({ code: 0, msg: 'success', data: {} });
    expect(calls).toBe(2);
  });

  it("reads an axios error's response (status, headers, data) and keeps the axios error as the cause", async () => {
    const axiosError = Object.assign(new Error('Request failed with status code 429'), {
      response: { status: 429, headers: { 'x-ogw-ratelimit-reset': '0' }, data: { code: 99991400, msg: 'request trigger frequency limit' } },
    });
    let calls = 0;
    const error = await rejection(
      withFeishuRetry(() => {
        calls++;
        return Promise.reject(axiosError);
      }, quick),
    );
    expect(error).toBeInstanceOf(FeishuApiError);
    expect(error).toMatchObject({ code: 99991400, httpStatus: 429, retryAfterSeconds: 0, cause: axiosError });
    expect(calls).toBe(3);
  });

  it('passes any other error through untouched, after one call', async () => {
    const failure = new TypeError('fetch failed');
    let calls = 0;
    const error = await rejection(
      withFeishuRetry(() => {
        calls++;
        return Promise.reject(failure);
      }),
    );
    expect(error).toBe(failure);
    expect(calls).toBe(1);
  });

  it('passes a thrown revoked proxy through as it is', async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    let caught: unknown;
    // (Not through `rejection`: resolving a promise with the proxy would read its `then`.)
    await withFeishuRetry(() => Promise.reject(proxy)).catch((error: unknown) => {
      caught = error;
    });
    expect(caught === proxy).toBe(true);
  });

  it('turns retrying off with maxRetries 0', async () => {
    let calls = 0;
    await rejection(
      withFeishuRetry(() => {
        calls++;
        return Promise.reject(toFeishuError({ code: 99991400, msg: 'x' }, { headers: { 'x-ogw-ratelimit-reset': '0' } }));
      }, { maxRetries: 0 }),
    );
    expect(calls).toBe(1);
  });
});

describe('withFeishuRetry on any answer (fast-check)', () => {
  const statuses = fc.oneof(fc.constantFrom(200, 204, 400, 401, 403, 404, 409, 429, 500, 501, 502, 503), fc.integer({ min: 200, max: 599 }).filter((status) => status !== 407));
  // (1xx are interim answers a server cannot end with; fetch itself fails on 407, a proxy's.)
  const codes = fc.oneof(fc.constantFrom(0, 99991663, 99991677, 99991400, 99991403, 99991672, 1002102, 1020001), fc.integer(), fc.double());
  const body = fc.oneof(
    fc.record({ code: codes, msg: fc.oneof(fc.string(), fc.jsonValue()), error: fc.jsonValue() }, { requiredKeys: [] }),
    fc.string(),
    fc.jsonValue(),
  );
  const headerValue = fc.oneof(fc.stringMatching(/^[ -~]{0,12}$/), fc.stringMatching(/^\d{1,5}$/), fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()));
  const headers = fc.dictionary(fc.constantFrom('x-ogw-ratelimit-reset', 'Retry-After', 'X-Tt-Logid', 'x-request-id'), headerValue);
  const answer = fc.record({ status: statuses, headers, body, thrown: fc.boolean() });
  const options = fc.record(
    {
      maxRetries: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant(Number.NaN)),
      idempotent: fc.boolean(),
      maxWaitSeconds: fc.constantFrom(0, 0.01, -5),
      module: fc.constantFrom('hire-v1', 'other'),
      refresh: fc.constantFrom('none', 'token', 'throws'),
    },
    { requiredKeys: ['refresh', 'maxWaitSeconds'] },
  );

  it('throws only a FeishuApiError or what the call threw, within maxRetries and the wait cap', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 5 }), options, async (answers, given) => {
        let calls = 0;
        let refreshes = 0;
        const thrown: unknown[] = [];
        const delays: number[] = [];
        const call = () => {
          const { status, headers, body, thrown: throws } = answers[Math.min(calls++, answers.length - 1)]!;
          if (!throws) return Promise.resolve(body);
          const error = { message: 'axios', response: { status, headers, data: body } };
          thrown.push(error);
          return Promise.reject(error);
        };
        const { refresh, ...rest } = given;
        const retryOptions: FeishuRetryOptions = {
          ...rest,
          ...(refresh !== 'none' && {
            refreshToken: () => {
              refreshes++;
              if (refresh === 'throws') throw new Error('refresh failed');
              return 't-new';
            },
          }),
          onRetry: (_, attempt, delay) => {
            expect(attempt).toBe(delays.length + 1);
            delays.push(delay);
          },
        };
        const outcome = await withFeishuRetry(call, retryOptions).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (outcome !== undefined) expect(outcome instanceof FeishuApiError || thrown.includes(outcome)).toBe(true);
        const maxRetries = Number.isNaN(given.maxRetries) || given.maxRetries === undefined ? 2 : Math.max(0, given.maxRetries);
        expect(calls).toBeLessThanOrEqual(maxRetries + 1);
        expect(delays).toHaveLength(calls - 1);
        const cap = Number.isNaN(given.maxWaitSeconds) ? 60 : Math.max(0, given.maxWaitSeconds);
        // A retry that is not a token refresh's waits at least 0.05 s, even under a lower cap.
        for (const delay of delays) expect(delay >= 0 && delay <= Math.max(cap, 0.05)).toBe(true);
        expect(refreshes).toBeLessThanOrEqual(1);
      }),
      { numRuns: runs(500) },
    );
  });

  it('feishuFetch throws only a FeishuApiError for any status, headers and body a server sends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 3 }), async (answers) => {
        script = answers.map(({ status, headers, body }) => () => ({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
        received = [];
        const delays: number[] = [];
        const outcome = await feishuFetch(url, undefined, { idempotent: true, maxWaitSeconds: 0.01, refreshToken: () => 't', onRetry: (_, __, delay) => delays.push(delay) }).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (outcome !== undefined) expect(outcome).toBeInstanceOf(FeishuApiError);
        expect(received.length).toBeLessThanOrEqual(3);
        for (const delay of delays) expect(delay === 0 || delay === 0.05).toBe(true);
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('the verdict of a code two modules list', () => {
  const seed = (title: string, message: string) => `---\ntitle: ${title}\n---\n|code|message|说明|\n|--|--|--|\n| 1990001 | ${message} | x |\n`;
  const { catalog } = buildCatalog(
    [
      { path: 'seeds/alpha.md', bytes: new TextEncoder().encode(seed('Alpha', 'Record already exists')) },
      { path: 'seeds/beta.md', bytes: new TextEncoder().encode(seed('Beta', 'Request trigger frequency limit, try again later')) },
    ],
    { config: resolveConfig({}), lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' },
  );
  const out = tempDir('feishu-errcodes-retry-verdict-');
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  type Runtime = typeof import('../../generated/ts/feishu-error.js');
  async function runtime(from: ErrorCatalog, name: string): Promise<Runtime> {
    for (const file of emitTypeScript(from)) {
      mkdirSync(dirname(join(out, name, file.path)), { recursive: true });
      writeFileSync(join(out, name, file.path), file.contents);
    }
    return (await import(pathToFileURL(join(out, name, 'ts/feishu-error.ts')).href)) as Runtime;
  }

  it('takes the module hint, else the module the HTTP status agrees with, else the first by module id', async () => {
    const { lookupFeishuCode, toFeishuError: toError } = await runtime(catalog!, 'live');
    expect(lookupFeishuCode(1990001).map((info) => [info.module, info.category, info.retry])).toEqual([
      ['alpha', 'conflict', 'never'],
      ['beta', 'rate_limit', 'after_wait'],
    ]);
    expect(lookupFeishuCode(1990001, { module: 'beta' }).map((info) => info.module)).toEqual(['beta']);
    const body = { code: 1990001, msg: 'x' };
    expect(toError(body)).toMatchObject({ category: 'conflict', known: { module: 'alpha' } });
    expect(toError(body, { status: 429 })).toMatchObject({ category: 'rate_limit', retry: 'after_wait', known: { module: 'beta' } });
    expect(toError(body, { status: 429, module: 'alpha' })).toMatchObject({ category: 'conflict', known: { module: 'alpha' } });
    expect(toError(body, { status: 409, module: 'beta' })).toMatchObject({ category: 'rate_limit', known: { module: 'beta' } });
    expect(toError(body, { module: 'gamma' })).toMatchObject({ category: 'conflict', known: { module: 'alpha' } });
  });

  it('prefers a live entry to a deprecated one, whatever the status', async () => {
    const deprecatedAlpha: ErrorCatalog = {
      ...catalog!,
      modules: catalog!.modules.map((module) => (module.id === 'alpha' ? { ...module, entries: module.entries.map((entry) => ({ ...entry, deprecated: true })) } : module)),
    };
    const { toFeishuError: toError } = await runtime(deprecatedAlpha, 'deprecated');
    expect(toError({ code: 1990001, msg: 'x' }, { status: 409 })).toMatchObject({ category: 'rate_limit', known: { module: 'beta' } });
  });
});
