/**
 * FeishuClient of the generated Java runtime (issue 28 §3–4), thread-safe, against the same
 * scripted 127.0.0.1 server as the TypeScript client's test: a tier of 50 per second in fixed
 * one-second windows, an expired token, the monthly quota and a failing server. The Java
 * program runs the calls from many threads and prints what it saw; the server counts requests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, requireTools, runCli, samplePage, tempDir } from '../helpers/tools.js';
import { hasJava, javac, runJava } from '../helpers/java.js';

const PROGRAM = `import feishu.errcodes.FeishuApiException;
import feishu.errcodes.FeishuClient;
import feishu.errcodes.FeishuErrors;
import feishu.errcodes.FeishuRetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs FeishuClient scenarios from many threads against the scripted server. */
public final class ClientProgram {
    private ClientProgram() {
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String base;
    static volatile String token = "stale";

    static Callable<String> get(String path, String call) {
        return () -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).header("x-call", call).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            FeishuApiException error = FeishuErrors.parse(response.statusCode(), response.headers().map(), response.body()).orElse(null);
            if (error != null) {
                throw error;
            }
            return "ok";
        };
    }

    static int run(int threads, int calls, Callable<String> each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            futures.add(pool.submit(each));
        }
        int ok = 0;
        for (Future<String> future : futures) {
            try {
                if ("ok".equals(future.get())) {
                    ok++;
                }
            } catch (Exception e) {
                // counted as not ok
            }
        }
        pool.shutdown();
        return ok;
    }

    /**
     * Entry point.
     *
     * @param args the server's base URL
     * @throws Exception never on purpose
     */
    public static void main(String[] args) throws Exception {
        base = args[0];
        FeishuClient.RateTier tier = (method, path) -> "GET".equals(method) && "/limited".equals(path) ? new int[] {50, 0} : null;
        AtomicInteger n = new AtomicInteger();
        FeishuClient limited = FeishuClient.create(FeishuRetryPolicy.defaults(), true, 10, 0.1, false, tier, 60);
        System.out.println("limited " + run(200, 200, () -> limited.call("GET /limited", get("/limited", "l" + n.incrementAndGet()))));
        FeishuClient paced = FeishuClient.create(FeishuRetryPolicy.defaults(), true, 10, 0.1, true, tier, 60);
        System.out.println("paced " + run(200, 200, () -> paced.call("GET /limited", get("/limited", "p" + n.incrementAndGet()))));
        AtomicInteger refreshes = new AtomicInteger();
        FeishuClient refreshing = FeishuClient.create(FeishuRetryPolicy.defaults().withRefreshToken(() -> {
            refreshes.incrementAndGet();
            Thread.sleep(20);
            token = "fresh";
        }));
        System.out.println("refresh " + run(100, 100, () -> refreshing.call(get("/token", "t"))) + " " + refreshes.get());
        FeishuClient quota = FeishuClient.create(FeishuRetryPolicy.defaults());
        List<Object> errors = new ArrayList<>();
        for (String path : new String[] {"/quota", "/quota", "/other"}) {
            try {
                quota.call("GET " + path, get(path, "q"));
            } catch (FeishuApiException e) {
                errors.add(e);
            }
        }
        System.out.println("breaker " + errors.size() + " " + (errors.get(1) == errors.get(0) && errors.get(2) == errors.get(0)));
        Thread.sleep(1100);
        System.out.println("breaker-after " + quota.call("GET /other", get("/other", "q")));
        FeishuClient failing = FeishuClient.create(FeishuRetryPolicy.defaults().withIdempotent(true));
        System.out.println("budget " + run(50, 1000, () -> failing.call(get("/fail", "f"))));
        List<Map<String, Object>> attempts = new ArrayList<>();
        token = "stale";
        FeishuClient observed = FeishuClient.create(FeishuRetryPolicy.defaults().withRefreshToken(() -> token = "fresh").withOnAttempt(attempts::add));
        observed.call("GET /token", get("/token", "o"));
        System.out.println("attempts " + attempts);
    }
}
`;

interface Seen {
  readonly path: string;
  readonly call: string;
  readonly at: number;
  readonly status: number;
  readonly resetAt?: number;
}

describe.skipIf(!hasJava && !requireTools)('Java: FeishuClient shared by many threads against a local server', () => {
  let server: Server;
  let base = '';
  let project = '';
  let work = '';
  let compiled = '';
  const seen: Seen[] = [];
  /** Each phase (the x-call prefix: l, p) has its own windows, from its first request. */
  const windowStarts = new Map<string, number>();

  beforeAll(async () => {
    expect(hasJava, 'javac and java (JDK 17) are required in CI').toBe(true);
    server = createServer((request, response) => {
      const path = request.url ?? '';
      const now = Date.now();
      let status = 200;
      let body: object = { code: 0, msg: 'success' };
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      let resetAt: number | undefined;
      if (path === '/limited') {
        const phase = String(request.headers['x-call'] ?? '').slice(0, 1);
        if (!windowStarts.has(phase)) windowStarts.set(phase, now);
        const windowStart = windowStarts.get(phase)!;
        const window = Math.floor((now - windowStart) / 1000);
        const used = seen.filter((s) => s.path === path && s.call.startsWith(phase) && s.status === 200 && Math.floor((s.at - windowStart) / 1000) === window).length;
        if (used >= 50) {
          resetAt = windowStart + (window + 1) * 1000;
          [status, body] = [429, { code: 99991400, msg: 'request trigger frequency limit' }];
          headers['x-ogw-ratelimit-reset'] = String(Math.ceil((resetAt - now) / 1000));
        }
      } else if (path === '/token' && request.headers.authorization !== 'Bearer fresh') {
        [status, body] = [401, { code: 99991663, msg: 'Invalid access token' }];
      } else if (path === '/quota') {
        [status, body] = [400, { code: 99991403, msg: "This month's API call quota has been exceeded" }];
        headers['x-ogw-ratelimit-reset'] = '1';
      } else if (path === '/fail') {
        [status, body] = [500, { code: 1001, msg: 'internal error' }];
      }
      seen.push({ path, call: String(request.headers['x-call'] ?? ''), at: now, status, ...(resetAt !== undefined && { resetAt }) });
      response.writeHead(status, headers).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    project = makeProject({ 'hire-v1.md': samplePage('hire-v1') }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['java'] }) });
    expect((await runCli(['generate'], project)).code).toBe(0);
    work = tempDir('feishu-errcodes-java-client-');
    writeFileSync(join(work, 'ClientProgram.java'), PROGRAM);
    compiled = javac([join(project, 'generated/java')], join(work, 'classes'), [join(work, 'ClientProgram.java')]);
  }, 600_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const dir of [project, work]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('one wait per limit, pacing, one refresh per expiry, the quota breaker, the budget and onAttempt', async () => {
    expect(compiled).toBe('');
    const { stdout, stderr } = await runJava(join(work, 'classes'), 'ClientProgram', [base]);
    expect(stderr).toBe('');
    expect(stdout.split('\n')).toEqual([
      'limited 200',
      'paced 200',
      'refresh 100 1',
      'breaker 3 true',
      'breaker-after ok',
      'budget 0',
      'attempts [{http.request.method=GET, http.response.status_code=401, error.type=99991663, feishu.code=99991663, feishu.retry=after_token_refresh}, {http.request.method=GET, http.request.resend_count=1}]',
      '',
    ]);
    const of = (prefix: string) => seen.filter((s) => s.path === '/limited' && s.call.startsWith(prefix));
    const limited = of('l');
    for (const tooMany of limited.filter((s) => s.status === 429)) {
      expect(limited.filter((s) => s.call === tooMany.call && s.status === 429)).toHaveLength(1);
      const next = limited.find((s) => s.call === tooMany.call && s.at > tooMany.at)!;
      expect(next.at).toBeGreaterThanOrEqual(tooMany.resetAt!);
    }
    expect(limited.length).toBeLessThan(400);
    expect(of('p').every((s) => s.status === 200)).toBe(true);
    expect(of('p')).toHaveLength(200);
    expect(seen.filter((s) => s.path === '/quota')).toHaveLength(1);
    expect(seen.filter((s) => s.path === '/fail').length - 1000).toBeLessThanOrEqual(2 + 10 / 2);
  });
});
