/**
 * createFeishuClient of the generated TypeScript runtime (issue 28 §3–4) against a scripted
 * 127.0.0.1 server that enforces an endpoint's tier in fixed one-second windows (50 per
 * second) and answers 99991400 with x-ogw-ratelimit-reset as Feishu's gateway does: the
 * shared wait per limit, pacing, single-flight token refresh, the quota breaker, the retry
 * budget and the onAttempt hook. Resets are 1 s; the tier tests take about 4 s each.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeishuClient, FeishuApiError, type FeishuAttemptAttributes } from '../../generated/ts/feishu-error.js';

const LIMIT = 50;
interface Seen {
  readonly path: string;
  readonly at: number;
  readonly status: number;
  /** The caller's number (header x-call), and when the 429's window ends. */
  readonly call?: string | undefined;
  readonly resetAt?: number;
}
let seen: Seen[] = [];
let windowStart = 0;
let server: Server;
let base = '';

const json = (code: number, msg: string) => JSON.stringify({ code, msg, ...(code === 0 && { data: {} }) });

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]!;
    const now = Date.now();
    let status = 200;
    let headers: Record<string, string> = { 'Content-Type': 'application/json' };
    let body = json(0, 'success');
    let resetAt: number | undefined;
    if (path === '/open-apis/limited') {
      // Fixed one-second windows from the test's start, as the gateway counts them.
      const window = Math.floor((now - windowStart) / 1000);
      const inWindow = seen.filter((s) => s.path === path && s.status === 200 && Math.floor((s.at - windowStart) / 1000) === window).length;
      if (inWindow >= LIMIT) {
        status = 429;
        resetAt = windowStart + (window + 1) * 1000;
        const reset = Math.ceil((resetAt - now) / 1000);
        headers = { ...headers, 'x-ogw-ratelimit-reset': String(reset) };
        body = json(99991400, 'request trigger frequency limit');
      }
    } else if (path === '/open-apis/token') {
      if (request.headers.authorization !== 'Bearer t-fresh') [status, body] = [401, json(99991663, 'Invalid access token for authorization')];
    } else if (path === '/open-apis/quota') {
      [status, body] = [400, json(99991403, "This month's API call quota has been exceeded")];
      headers = { ...headers, 'x-ogw-ratelimit-reset': '1' };
    } else if (path === '/open-apis/fail') {
      [status, body] = [500, json(1001, 'internal error, try again later')];
    }
    seen.push({ path, at: now, status, call: request.headers['x-call'] as string | undefined, ...(resetAt !== undefined && { resetAt }) });
    response.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/open-apis`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  windowStart = Date.now();
});

const tier = (method: string, path: string) => (method === 'GET' && path === '/open-apis/limited' ? { perSecond: LIMIT } : undefined);

/** Runs `n` calls at once; each returns how many 429s it met. */
async function concurrently(n: number, call: (options: { onAttempt: (attributes: FeishuAttemptAttributes) => void }, init: RequestInit) => Promise<unknown>): Promise<number[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      let limited = 0;
      const onAttempt = (attributes: FeishuAttemptAttributes) => {
        if (attributes['http.response.status_code'] === 429) limited++;
      };
      await call({ onAttempt }, { headers: { 'x-call': String(i) } });
      return limited;
    }),
  );
}

describe('one limit, one wait: 200 concurrent calls to an endpoint limited to 50 per second', () => {
  it('without pacing: every call succeeds, none meets a second 429, and none is sent again before its reset', async () => {
    const client = createFeishuClient({ rateTier: tier });
    const limited = await concurrently(200, (options, init) => client.fetch(`${base}/limited`, init, options));
    expect(Math.max(...limited)).toBeLessThanOrEqual(1);
    expect(seen.filter((s) => s.status === 200)).toHaveLength(200);
    for (const tooMany of seen.filter((s) => s.status === 429)) {
      const next = seen.find((s) => s.call === tooMany.call && s.at > tooMany.at)!;
      expect(next.at).toBeGreaterThanOrEqual(tooMany.resetAt!);
    }
    expect(seen.length / 200).toBeLessThan(2);
  });

  it('with pace: no 429 at all, one request per call', async () => {
    const client = createFeishuClient({ rateTier: tier, pace: true });
    const limited = await concurrently(200, (options, init) => client.fetch(`${base}/limited`, init, options));
    expect(limited.every((n) => n === 0)).toBe(true);
    expect(seen).toHaveLength(200);
    expect(seen.every((s) => s.status === 200)).toBe(true);
  });

  it('an endpoint of unknown tier is not paced', async () => {
    const client = createFeishuClient({ pace: true });
    await Promise.all(Array.from({ length: 20 }, () => client.fetch(`${base}/other`)));
    expect(seen).toHaveLength(20);
  });
});

describe('single-flight token refresh', () => {
  it('100 concurrent calls on an expired token: exactly 1 refresh, every call succeeds', async () => {
    let refreshes = 0;
    const client = createFeishuClient({
      refreshToken: async () => {
        refreshes++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return 't-fresh';
      },
    });
    const bodies = await Promise.all(Array.from({ length: 100 }, () => client.fetch(`${base}/token`, { headers: { Authorization: 'Bearer t-stale' } })));
    expect(refreshes).toBe(1);
    expect(bodies.every((body) => (body as { code: number }).code === 0)).toBe(true);
    expect(seen.filter((s) => s.status === 401).length).toBeLessThanOrEqual(100);
    expect(seen.filter((s) => s.status === 200)).toHaveLength(100);
  });

  it('a refresh that fails fails every waiting call with it as the cause, and the next expiry refreshes again', async () => {
    let refreshes = 0;
    const failure = new Error('app secret revoked');
    const client = createFeishuClient({
      refreshToken: async () => {
        refreshes++;
        await new Promise((resolve) => setTimeout(resolve, 10));
        throw failure;
      },
    });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => client.fetch(`${base}/token`).then(() => undefined, (error: unknown) => error)));
    expect(outcomes.every((error) => error instanceof FeishuApiError && error.code === 99991663 && error.cause === failure)).toBe(true);
    expect(refreshes).toBe(1);
    await client.fetch(`${base}/token`).catch(() => undefined);
    expect(refreshes).toBe(2);
  });
});

describe('the quota breaker', () => {
  it('99991403: 1 request, then every call fails at once with the same error until the reset', async () => {
    const client = createFeishuClient();
    const first = await client.fetch(`${base}/quota`).catch((error: unknown) => error);
    expect(first).toMatchObject({ code: 99991403, retry: 'never' });
    // The monthly quota is the app's: another endpoint fails at once too.
    for (const path of ['/quota', '/other']) expect(await client.fetch(`${base}${path}`).catch((error: unknown) => error)).toBe(first);
    expect(await client.withRetry(() => Promise.resolve('sdk call')).catch((error: unknown) => error)).toBe(first);
    expect(seen).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await client.fetch(`${base}/other`)).toMatchObject({ code: 0 });
    expect(seen).toHaveLength(2);
  });
});

describe('the retry budget', () => {
  it('a server failing every call sees at most maxRetries + maxTokens / 2 extra requests across 1,000 calls', async () => {
    const client = createFeishuClient({ idempotent: true, maxRetries: 2 });
    // 1,000 calls, 50 at a time (a thousand sockets at once is a test of the machine, not of the budget).
    const outcomes: unknown[] = [];
    for (let batch = 0; batch < 20; batch++) {
      outcomes.push(...(await Promise.all(Array.from({ length: 50 }, () => client.fetch(`${base}/fail`).then(() => undefined, (error: unknown) => error)))));
    }
    expect(outcomes.every((error) => error instanceof FeishuApiError && error.code === 1001)).toBe(true);
    expect(seen.length - 1000).toBeLessThanOrEqual(2 + 10 / 2);
  });

  it('a retry its tier cannot pace within maxWaitSeconds ends with the Feishu error, not a pacing error', async () => {
    const rateTier = (_method: string, path: string) => (path.endsWith('/fail') ? { perMinute: 1 } : undefined);
    const client = createFeishuClient({ idempotent: true, maxRetries: 1, budget: false, maxWaitSeconds: 1, pace: true, rateTier });
    const outcome: unknown = await client.fetch(`${base}/fail`).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(FeishuApiError);
    expect(seen).toHaveLength(1);
  });

  it('budget: false retries each call on its own, as withFeishuRetry does', async () => {
    const client = createFeishuClient({ idempotent: true, maxRetries: 1, budget: false, maxWaitSeconds: 1 });
    await Promise.all(Array.from({ length: 20 }, () => client.fetch(`${base}/fail`).catch(() => undefined)));
    expect(seen).toHaveLength(40);
  });
});

describe('onAttempt', () => {
  it("tells each attempt with OpenTelemetry's HTTP client names and Feishu's", async () => {
    const attempts: FeishuAttemptAttributes[] = [];
    const client = createFeishuClient({ refreshToken: () => 't-fresh', onAttempt: (attributes) => attempts.push(attributes) });
    await client.fetch(`${base}/token`, { method: 'GET' });
    expect(attempts).toEqual([
      { 'http.request.method': 'GET', 'http.response.status_code': 401, 'error.type': '99991663', 'feishu.code': 99991663, 'feishu.retry': 'after_token_refresh' },
      { 'http.request.method': 'GET', 'http.request.resend_count': 1 },
    ]);
  });
});
