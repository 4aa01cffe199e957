/**
 * Issue 27's retry classes against the generated TypeScript runtime (generated/ts): a token
 * never goes to another host after a redirect, every option is kept to its documented range
 * (no busy loop, no wait past the cap), a refresh that hangs, throws or resolves a
 * non-string ends the call with a clear error, and a streamed body is sent once without
 * spending the refresh. Local 127.0.0.1 servers; waits are capped to milliseconds.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FeishuApiError, feishuFetch, toFeishuError, withFeishuRetry } from '../../generated/ts/feishu-error.js';

interface Seen {
  readonly server: 'a' | 'b';
  readonly authorization: string | undefined;
}

let seen: Seen[] = [];
let answerA: (request: IncomingMessage) => { status: number; headers: Record<string, string>; body: string };
const servers: Server[] = [];
let urlA = '';
let urlB = '';

const TOKEN_EXPIRED = JSON.stringify({ code: 99991663, msg: 'Invalid access token for authorization' });

async function listen(name: 'a' | 'b', answer: (request: IncomingMessage) => { status: number; headers: Record<string, string>; body: string }): Promise<string> {
  const server = createServer((request, response) => {
    seen.push({ server: name, authorization: request.headers.authorization });
    request.resume();
    request.on('end', () => {
      const reply = answer(request);
      response.writeHead(reply.status, reply.headers).end(reply.body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // Two origins: b is another port, so another host:port to fetch and to Go's client.
  urlB = await listen('b', () => ({ status: 401, headers: { 'Content-Type': 'application/json' }, body: TOKEN_EXPIRED }));
  urlA = await listen('a', (request) => answerA(request));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

beforeEach(() => {
  seen = [];
  answerA = () => ({ status: 401, headers: { 'Content-Type': 'application/json' }, body: TOKEN_EXPIRED });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.fail(`resolved ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

const rateLimited = (reset: string) => toFeishuError({ code: 99991400, msg: 'request trigger frequency limit' }, { status: 429, headers: { 'x-ogw-ratelimit-reset': reset } })!;

describe('a token never reaches another host', () => {
  it('after a redirect to another host that answers 401, the fresh token goes only to the original host', async () => {
    answerA = () => ({ status: 302, headers: { Location: `${urlB}/open-apis/elsewhere` }, body: '' });
    let refreshes = 0;
    const error = await rejection(
      feishuFetch(`${urlA}/open-apis/hire/v1/talents`, { headers: { Authorization: 'Bearer t-stale' } }, {
        refreshToken: () => {
          refreshes++;
          return 't-fresh';
        },
      }),
    );
    expect(error).toMatchObject({ code: 99991663 });
    expect(refreshes).toBe(1);
    expect(seen.filter((request) => request.server === 'b').map((request) => request.authorization)).toEqual([undefined, undefined]);
    expect(seen.filter((request) => request.server === 'a').map((request) => request.authorization)).toEqual(['Bearer t-stale', 'Bearer t-fresh']);
  });
});

describe('options are kept to their documented ranges', () => {
  it.each([
    [Number.NaN, 3],
    [-1, 1],
    [Number.NEGATIVE_INFINITY, 1],
    [2.9, 3],
    [Number.POSITIVE_INFINITY, 11],
    [1e12, 11],
  ])('maxRetries %s makes %i calls, each retry after at least 0.05 s even on a reset of 0', async (maxRetries, calls) => {
    let made = 0;
    const delays: number[] = [];
    await rejection(
      withFeishuRetry(
        () => {
          made++;
          return Promise.reject(rateLimited('0'));
        },
        { maxRetries, onRetry: (_, __, delay) => delays.push(delay) },
      ),
    );
    expect(made).toBe(calls);
    expect(delays).toEqual(Array.from({ length: calls - 1 }, () => 0.05));
  });

  it.each([
    [Number.NaN, '61', false],
    [Number.NaN, '60', true],
    [-5, '1', false],
    [Number.POSITIVE_INFINITY, '999999', true],
  ])('maxWaitSeconds %s with a reset of %s: waited %s (NaN is 60, below 0 is 0, above 3600 is 3600)', async (maxWaitSeconds, reset, waited) => {
    const controller = new AbortController();
    const reason = new Error('stop the wait');
    const delays: number[] = [];
    const outcome = await rejection(
      withFeishuRetry(() => Promise.reject(rateLimited(reset)), {
        maxWaitSeconds,
        signal: controller.signal,
        onRetry: (_, __, delay) => {
          delays.push(delay);
          controller.abort(reason);
        },
      }),
    );
    if (waited) {
      expect(outcome).toBe(reason);
      expect(delays).toEqual([Math.min(Number(reset), 3600)]);
    } else {
      expect(outcome).toBeInstanceOf(FeishuApiError);
      expect(delays).toEqual([]);
    }
  });
});

describe('a refresh that misbehaves ends the call with a clear error', () => {
  const expired = () => Promise.reject(toFeishuError({ code: 99991663, msg: 'expired' }, { status: 401 })!);

  it('the abort signal ends a refreshToken that never settles, with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    let calls = 0;
    setTimeout(() => controller.abort(reason), 20);
    const outcome = await rejection(
      withFeishuRetry(
        () => {
          calls++;
          return expired();
        },
        { refreshToken: () => new Promise(() => undefined), signal: controller.signal },
      ),
    );
    expect(outcome).toBe(reason);
    expect(calls).toBe(1);
  });

  it('without a signal, a refresh that never settles fails after max(maxWaitSeconds, 1) seconds', async () => {
    const outcome = (await rejection(withFeishuRetry(expired, { maxWaitSeconds: 0, refreshToken: () => new Promise(() => undefined) }))) as FeishuApiError;
    expect(outcome).toMatchObject({ code: 99991663 });
    expect(String((outcome.cause as Error).message)).toBe('refreshToken did not settle within 1 s');
  });

  it('a refresh that throws at once is the cause, after one call', async () => {
    const failure = new Error('no secret');
    let calls = 0;
    const outcome = await rejection(
      withFeishuRetry(
        () => {
          calls++;
          return expired();
        },
        {
          refreshToken: () => {
            throw failure;
          },
        },
      ),
    );
    expect(outcome).toMatchObject({ code: 99991663, cause: failure });
    expect(calls).toBe(1);
  });

  it.each([[42], [undefined], [''], ['t-a\r\nX-Injected: 1'], [{ token: 't' }]])('feishuFetch: a refresh resolving %j fails the call, sends nothing more', async (fresh) => {
    const outcome = (await rejection(feishuFetch(`${urlA}/open-apis/hire/v1/talents`, { headers: { Authorization: 'Bearer t-stale' } }, { refreshToken: () => fresh }))) as FeishuApiError;
    expect(outcome).toMatchObject({ code: 99991663 });
    expect(outcome.cause).toBeInstanceOf(TypeError);
    expect(seen).toEqual([{ server: 'a', authorization: 'Bearer t-stale' }]);
  });
});

describe('a body that cannot be sent again', () => {
  it('is sent once: Feishu\'s error is thrown and the refresh is not spent', async () => {
    let refreshes = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":"x"}'));
        controller.close();
      },
    });
    const init = { method: 'POST', body, duplex: 'half' } as RequestInit;
    const outcome = await rejection(
      feishuFetch(`${urlA}/open-apis/hire/v1/talents`, init, {
        refreshToken: () => {
          refreshes++;
          return 't-fresh';
        },
      }),
    );
    expect(outcome).toBeInstanceOf(FeishuApiError);
    expect(outcome).toMatchObject({ code: 99991663, httpStatus: 401 });
    expect(refreshes).toBe(0);
    expect(seen).toHaveLength(1);
  });
});
