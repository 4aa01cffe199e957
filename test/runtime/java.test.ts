/**
 * The generated Java runtime as a caller uses it: FeishuRetryPolicy around a
 * java.net.http.HttpClient call to a scripted 127.0.0.1 server that answers as the Open
 * Platform does (a stale token, a frequency limit with x-ogw-ratelimit-reset, a monthly
 * quota, server errors, a missing scope). The program records the waits through the
 * policy's sleeper and prints what happened; the test asserts the shared retry policy on it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTools, tempDir } from '../helpers/tools.js';
import { hasJava, javac, runJava } from '../helpers/java.js';
import { sharedHireJava } from '../helpers/shared-trees.js';

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
}

const OK: Answer = { status: 200, body: JSON.stringify({ code: 0, msg: 'success', data: { id: 'T1' } }) };
const STALE_TOKEN: Answer = { status: 401, body: JSON.stringify({ code: 99991663, msg: 'Invalid access token for authorization' }) };
const RATE_LIMIT = (reset: string): Answer => ({ status: 429, headers: { 'x-ogw-ratelimit-reset': reset, 'Retry-After': '59' }, body: JSON.stringify({ code: 99991400, msg: 'request trigger frequency limit' }) });
const SERVER: Answer = { status: 500, headers: { 'Content-Type': 'text/html' }, body: '<html>Internal Server Error</html>' };

/** What the server answers to the n-th request (from 0) on each path. */
const SCRIPT: Readonly<Record<string, (n: number, request: IncomingMessage) => Answer>> = {
  '/token': (_, request) => (request.headers.authorization === 'Bearer fresh' ? OK : STALE_TOKEN),
  '/token-always': () => STALE_TOKEN,
  '/rate-limit': (n) => (n === 0 ? RATE_LIMIT('3') : OK),
  '/rate-limit-long': () => RATE_LIMIT('120'),
  '/quota': () => ({ status: 400, body: JSON.stringify({ code: 99991403, msg: "This month's API call quota has been exceeded" }) }),
  '/server-post': () => SERVER,
  '/server-get': (n) => (n < 2 ? SERVER : OK),
  '/scope': () => ({
    status: 400,
    body: JSON.stringify({
      code: 99991672,
      msg: 'Access denied. One of the following scopes is required: [hire:talent]',
      error: {
        log_id: 'SCOPE-LOG',
        permission_violations: [{ type: 'action_scope_required', subject: 'hire:talent' }, { type: 'action_scope_required', subject: 'hire:talent:readonly' }],
        helps: [{ url: 'https://open.feishu.cn/app/cli_x/auth?q=hire:talent', description: 'grant it' }],
      },
    }),
  }),
  '/interrupt': () => RATE_LIMIT('30'),
  '/rate-zero': () => RATE_LIMIT('0'),
};

const PROGRAM = `import feishu.errcodes.FeishuApiException;
import feishu.errcodes.FeishuErrors;
import feishu.errcodes.FeishuRetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Calls the scripted server through FeishuRetryPolicy, one scenario per path. */
public final class RetryProgram {
    private RetryProgram() {
    }

    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static String base;
    static String token = "stale";

    static Callable<String> get(String path) {
        return () -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            FeishuApiException error = FeishuErrors.parse(response.statusCode(), response.headers().map(), response.body()).orElse(null);
            if (error != null) {
                throw error;
            }
            return "ok";
        };
    }

    static void scenario(String name, FeishuRetryPolicy policy, Callable<String> call) {
        List<String> events = new ArrayList<>();
        FeishuRetryPolicy recorded = policy
            .withSleeper(millis -> events.add("sleep " + millis))
            .withRandom(() -> 0.5)
            .withOnRetry((error, attempt, delay) -> events.add("retry " + attempt + " after " + delay + "s on " + error.code()));
        String outcome;
        try {
            outcome = recorded.call(call);
        } catch (FeishuApiException e) {
            outcome = "raised " + e.code() + " " + e.category().wireName()
                + (e.getCause() != null ? " cause=" + e.getCause().getMessage() : "");
        } catch (Exception e) {
            outcome = "other " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
        System.out.println(name + ": " + outcome + " " + events);
    }

    /**
     * Entry point.
     *
     * @param args the server's base URL
     * @throws Exception never on purpose
     */
    public static void main(String[] args) throws Exception {
        base = args[0];
        FeishuRetryPolicy refreshing = FeishuRetryPolicy.defaults().withRefreshToken(() -> {
            System.out.println("refresh");
            token = "fresh";
        });
        scenario("token", refreshing, get("/token"));
        token = "stale";
        scenario("token-always", refreshing, get("/token-always"));
        scenario("token-no-refresher", FeishuRetryPolicy.defaults(), get("/token-always"));
        scenario("token-refresh-fails", FeishuRetryPolicy.defaults().withRefreshToken(() -> {
            throw new IOException("no secret");
        }), get("/token-always"));
        scenario("rate-limit", FeishuRetryPolicy.defaults(), get("/rate-limit"));
        scenario("rate-limit-too-long", FeishuRetryPolicy.defaults(), get("/rate-limit-long"));
        scenario("quota", FeishuRetryPolicy.defaults(), get("/quota"));
        scenario("server-not-idempotent", FeishuRetryPolicy.defaults(), get("/server-post"));
        scenario("server-idempotent", FeishuRetryPolicy.defaults().withIdempotent(true), get("/server-get"));
        scenario("no-retries", FeishuRetryPolicy.defaults().withMaxRetries(0).withIdempotent(true), get("/server-post"));
        // Options kept to their ranges: 0-10 retries, waits of 0-3600 s (NaN: 60), at least 50 ms each.
        scenario("retries-huge", FeishuRetryPolicy.defaults().withMaxRetries(Integer.MAX_VALUE), get("/rate-zero"));
        scenario("retries-negative", FeishuRetryPolicy.defaults().withMaxRetries(-3), get("/rate-zero"));
        scenario("wait-nan", FeishuRetryPolicy.defaults().withMaxWaitSeconds(Double.NaN), get("/rate-limit-long"));
        scenario("not-feishu", FeishuRetryPolicy.defaults(), () -> {
            throw new IOException("connection reset");
        });
        try {
            FeishuRetryPolicy.defaults().call(get("/scope"));
        } catch (FeishuApiException e) {
            System.out.println("scope: " + e.code() + " " + e.category().wireName() + " " + e.logId());
            for (FeishuApiException.Violation violation : e.permissionViolations()) {
                System.out.println("  grant " + violation.subject() + " (" + violation.type() + ")");
            }
            System.out.println("  help " + e.helpUrls());
        }
        // Interrupted once the policy sleeps (TIMED_WAITING: the request itself waits untimed).
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            while (caller.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            caller.interrupt();
        });
        interrupter.setDaemon(true);
        interrupter.start();
        try {
            FeishuRetryPolicy.defaults().call(get("/interrupt"));
            System.out.println("interrupt: not interrupted");
        } catch (InterruptedException e) {
            System.out.println("interrupt: the wait ended at once");
        } catch (IOException e) {
            System.out.println("interrupt: the request was interrupted");
        }
    }
}
`;

describe.skipIf(!hasJava && !requireTools)('Java: FeishuRetryPolicy against a local server', () => {
  let server: Server;
  let base = '';
  let treeClasses = '';
  let work = '';
  let compiled = '';
  const requests: string[] = [];

  beforeAll(async () => {
    expect(hasJava, 'javac and java (JDK 17) are required in CI').toBe(true);
    const counts = new Map<string, number>();
    server = createServer((request, response) => {
      const path = request.url ?? '';
      const n = counts.get(path) ?? 0;
      counts.set(path, n + 1);
      requests.push(path);
      const answer = SCRIPT[path]?.(n, request) ?? { status: 404, body: '' };
      response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The Hire v1 Java tree, generated and compiled with the full checks once per run (shared-trees.ts).
    const tree = sharedHireJava();
    expect(tree.generated).toBe(true);
    expect(tree.javac).toBe('');
    treeClasses = tree.classes;
    work = tempDir('feishu-errcodes-java-retry-');
    writeFileSync(join(work, 'RetryProgram.java'), PROGRAM);
    compiled = javac([], join(work, 'classes'), [join(work, 'RetryProgram.java')], treeClasses);
  }, 600_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('refreshes a token once, waits out a rate limit, stops on a quota, backs off only idempotent calls, and passes other errors through', async () => {
    expect(compiled).toBe('');
    const { stdout, stderr } = await runJava([treeClasses, join(work, 'classes')].join(delimiter), 'RetryProgram', [base]);
    expect(stderr).toBe('');
    expect(stdout.split('\n')).toEqual([
      'refresh',
      'token: ok [retry 1 after 0.0s on 99991663]',
      'refresh',
      'token-always: raised 99991663 authentication [retry 1 after 0.0s on 99991663]',
      'token-no-refresher: raised 99991663 authentication []',
      'token-refresh-fails: raised 99991663 authentication cause=no secret []',
      // x-ogw-ratelimit-reset (3) wins over Retry-After (59).
      'rate-limit: ok [retry 1 after 3.0s on 99991400, sleep 3000]',
      'rate-limit-too-long: raised 99991400 rate_limit []',
      'quota: raised 99991403 rate_limit []',
      'server-not-idempotent: raised 0 server []',
      // backoff(k) = min(30, 2^(k-1)) × (0.5 + 0.5 × 0.5).
      'server-idempotent: ok [retry 1 after 0.75s on 0, sleep 750, retry 2 after 1.5s on 0, sleep 1500]',
      'no-retries: raised 0 server []',
      `retries-huge: raised 99991400 rate_limit [${Array.from({ length: 10 }, (_, n) => `retry ${n + 1} after 0.05s on 99991400, sleep 50`).join(', ')}]`,
      'retries-negative: raised 99991400 rate_limit []',
      'wait-nan: raised 99991400 rate_limit []',
      'not-feishu: other IOException connection reset []',
      'scope: 99991672 authorization SCOPE-LOG',
      '  grant hire:talent (action_scope_required)',
      '  grant hire:talent:readonly (action_scope_required)',
      '  help [https://open.feishu.cn/app/cli_x/auth?q=hire:talent]',
      'interrupt: the wait ended at once',
      '',
    ]);
    const count = (path: string) => requests.filter((request) => request === path).length;
    expect({
      token: count('/token'),
      tokenAlways: count('/token-always'),
      quota: count('/quota'),
      serverPost: count('/server-post'),
      serverGet: count('/server-get'),
      rateLimit: count('/rate-limit'),
      rateLimitLong: count('/rate-limit-long'),
      interrupt: count('/interrupt'),
      rateZero: count('/rate-zero'),
    }).toEqual({ token: 2, tokenAlways: 2 + 1 + 1, quota: 1, serverPost: 2, serverGet: 3, rateLimit: 2, rateLimitLong: 1 + 1, interrupt: 1, rateZero: 11 + 1 });
  });
});
