// The retry API's exact shapes as a consumer compiles against them (strict +
// exactOptionalPropertyTypes): tsc fails here when a name, a field or a signature changes.
import {
  createFeishuClient, type FeishuAttemptAttributes, type FeishuClient, type FeishuClientOptions,
  FeishuApiError, feishuFetch, lookupFeishuCode, toFeishuError, withFeishuRetry,
  type FeishuCodeInfo, type FeishuRetry, type FeishuRetryOptions,
} from '../../../generated/ts/index.js';

const policies: readonly FeishuRetry[] = ['never', 'after_token_refresh', 'after_wait', 'with_backoff'];
const options: FeishuRetryOptions = {
  maxRetries: 2,
  idempotent: false,
  refreshToken: async () => 't-fresh',
  maxWaitSeconds: 60,
  signal: new AbortController().signal,
  module: 'hire-v1',
  onRetry: (error: FeishuApiError, attempt: number, delaySeconds: number) => console.log(error.retry, attempt, delaySeconds),
};
export async function shapes(): Promise<void> {
  const info: FeishuCodeInfo | undefined = lookupFeishuCode(99991663, { module: 'hire-v1' })[0];
  const retry: FeishuRetry | undefined = info?.retry;
  const error = toFeishuError({ code: 99991663, msg: 'x' }, { status: 401, headers: new Headers(), module: 'hire-v1' });
  const helpUrls: readonly string[] = error?.helpUrls ?? [];
  const viaFetch: unknown = await feishuFetch(new URL('http://127.0.0.1/'), { method: 'GET' }, options);
  const viaCall: number = await withFeishuRetry(() => Promise.resolve(1), options);
  console.log(policies, retry, helpUrls, viaFetch, viaCall, error?.retry satisfies FeishuRetry | undefined);
}

// Issue 28 §3: the shared client, exactly as a consumer writes against it.

const clientOptions: FeishuClientOptions = { ...options, budget: { maxTokens: 10, tokenRatio: 0.1 }, pace: true };
const perCall: FeishuClientOptions = { budget: false, pace: false };
export async function clientShapes(): Promise<void> {
  const client: FeishuClient = createFeishuClient(clientOptions);
  const viaCall: string = await client.withRetry(() => Promise.resolve('x'), { idempotent: true });
  const viaFetch: unknown = await client.fetch('http://127.0.0.1/', undefined, { maxRetries: 1 });
  const seen: FeishuAttemptAttributes[] = [];
  createFeishuClient({ ...perCall, onAttempt: (attributes) => seen.push(attributes) });
  console.log(viaCall, viaFetch, seen[0]?.['http.request.resend_count'], seen[0]?.['feishu.retry'], createFeishuClient());
}
