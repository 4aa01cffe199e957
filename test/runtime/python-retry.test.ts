/**
 * The generated Python runtime's retry helpers (call_with_retry) on issue 27's classes:
 * every option kept to its documented range (NaN, infinities, negatives, huge values), a
 * minimum wait so a reset of 0 is no busy loop, and a refresh that fails. Waits go to an
 * injected sleep that records them, so nothing sleeps for real.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonTools, makeProject, pythonCheck, requireTools, ROOT, runCli, runPython, samplePage } from '../helpers/tools.js';

const skip = !hasPythonTools && !requireTools;

const PROGRAM = `
import json
import math
from typing import Any, List

from feishu_errcodes import FeishuApiError, call_with_retry, to_feishu_error


def rate_limited(reset: str) -> FeishuApiError:
    error = to_feishu_error({"code": 99991400, "msg": "request trigger frequency limit"}, 429, {"x-ogw-ratelimit-reset": reset})
    assert error is not None
    return error


def expired() -> FeishuApiError:
    error = to_feishu_error({"code": 99991663, "msg": "expired"}, 401)
    assert error is not None
    return error


def run(name: str, make: Any, **options: Any) -> None:
    calls: List[int] = []
    waits: List[float] = []

    def fn() -> None:
        calls.append(1)
        raise make()

    outcome = "ok"
    try:
        call_with_retry(fn, sleep=waits.append, **options)
    except FeishuApiError as error:
        outcome = str(error.code) + (" cause=" + repr(error.__cause__) if error.__cause__ else "")
    print(json.dumps({"name": name, "calls": len(calls), "waits": waits, "outcome": outcome}))


for label, value in [("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf), ("-1", -1), ("huge", 10**30), ("2.9", 2.9)]:
    run("max_retries " + label, lambda: rate_limited("0"), max_retries=value)
for label, wait, reset in [("nan", math.nan, "61"), ("nan", math.nan, "60"), ("-5", -5.0, "1"), ("inf", math.inf, "999999")]:
    run("max_wait_seconds " + label + " reset " + reset, lambda: rate_limited(reset), max_retries=1, max_wait_seconds=wait)


def failing_refresh() -> None:
    raise RuntimeError("no secret")


run("refresh fails", expired, refresh_token=failing_refresh)
`;

describe.skipIf(skip)('Python: call_with_retry keeps every option to its range', () => {
  let project = '';
  beforeAll(async () => {
    project = makeProject({ 'hire-v1.md': samplePage('hire-v1') }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['python'] }) });
    expect((await runCli(['generate'], project)).code).toBe(0);
  }, 120_000);
  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('passes mypy --strict, pyright and flake8', () => {
    expect(pythonCheck([join(project, 'generated/python/feishu_errcodes')])).toBe('');
  }, 600_000);

  it('clamps max_retries and max_wait_seconds, waits at least 0.05 s, and raises a failed refresh with its cause', () => {
    const { code, stdout, stderr } = runPython(PROGRAM, join(project, 'generated/python'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const results = Object.fromEntries(stdout.trim().split('\n').map((line) => {
      const { name, ...rest } = JSON.parse(line) as { name: string };
      return [name, rest];
    }));
    const minimum = (n: number) => Array.from({ length: n }, () => 0.05);
    expect(results).toEqual({
      'max_retries nan': { calls: 3, waits: minimum(2), outcome: '99991400' },
      'max_retries inf': { calls: 11, waits: minimum(10), outcome: '99991400' },
      'max_retries -inf': { calls: 1, waits: [], outcome: '99991400' },
      'max_retries -1': { calls: 1, waits: [], outcome: '99991400' },
      'max_retries huge': { calls: 11, waits: minimum(10), outcome: '99991400' },
      'max_retries 2.9': { calls: 3, waits: minimum(2), outcome: '99991400' },
      // NaN is the default 60; below 0 is 0; above 3600 (infinity too) is 3600.
      'max_wait_seconds nan reset 61': { calls: 1, waits: [], outcome: '99991400' },
      'max_wait_seconds nan reset 60': { calls: 2, waits: [60], outcome: '99991400' },
      'max_wait_seconds -5 reset 1': { calls: 1, waits: [], outcome: '99991400' },
      'max_wait_seconds inf reset 999999': { calls: 2, waits: [3600], outcome: '99991400' },
      'refresh fails': { calls: 1, waits: [], outcome: "99991663 cause=RuntimeError('no secret')" },
    });
  });

  it('FeishuClient (threads and asyncio) against a 127.0.0.1 server enforcing 50 per second: one wait per limit, pacing, one refresh per expiry, the quota breaker, the budget, on_attempt', () => {
    const program = readFileSync(join(ROOT, 'test/runtime/python/client_program.py'), 'utf8');
    const { code, stdout, stderr } = runPython(program, join(project, 'generated/python'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const results = Object.fromEntries(stdout.trim().split('\n').map((line) => {
      const { name, ...rest } = JSON.parse(line) as { name: string };
      return [name, rest];
    }));
    // 200 concurrent calls: all succeed, none meets a second 429 or is sent again before its reset.
    expect(results['limited']).toMatchObject({ ok: 200, most_429: expect.any(Number), early: 0 });
    expect((results['limited'] as { most_429: number }).most_429).toBeLessThanOrEqual(1);
    expect((results['limited'] as { requests: number }).requests).toBeLessThan(400);
    expect(results['paced']).toEqual({ ok: 200, requests: 200, most_429: 0, early: 0 });
    expect(results['refresh']).toEqual({ refreshes: 1, ok: 100 });
    expect(results['refresh-async']).toEqual({ refreshes: 1, ok: 100 });
    expect(results['breaker']).toEqual({ codes: [99991403, 99991403, 99991403], same: true, before: 1, after: 0, requests: 2 });
    expect(results['budget']).toMatchObject({ failed: 1000 });
    expect((results['budget'] as { extra: number }).extra).toBeLessThanOrEqual(2 + 10 / 2);
    expect(results['attempts']).toEqual({
      attributes: [
        { 'http.request.method': 'GET', 'http.response.status_code': 401, 'error.type': '99991663', 'feishu.code': 99991663, 'feishu.retry': 'after_token_refresh' },
        { 'http.request.method': 'GET', 'http.request.resend_count': 1 },
      ],
    });
  });
});
