/**
 * feishuerr.Do and feishuerr.Transport of the committed generated/go, driven by the Go tests
 * in test/runtime/go-retry/: a local 127.0.0.1 server (httptest) scripts Feishu's answers per
 * scenario of docs/error-handling.md, Parse follows the shared error policy, and two seeded
 * property tests (FC_SEED, FC_RUNS_SCALE; the seed is printed) try random answers and policies.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { goEnv, hasGo, requireTools, ROOT } from '../helpers/tools.js';

const run = promisify(execFile);
const DIR = join(ROOT, 'test/runtime/go-retry');
const OPTIONS = { cwd: DIR, env: goEnv(), timeout: 300_000, maxBuffer: 10 * 1024 * 1024 };

/** Every test of the Go package; one missing from the output fails too. */
const TESTS = [
  'TestParseFollowsTheSharedPolicy',
  'TestRetryAfterIsNeverNegativeAndCapped',
  'TestErrorsIsComparesTheNumberOnTheWire',
  'TestTokenExpiredRefreshesOnceThenSucceeds',
  'TestTokenStillRejectedAfterOneRefreshIsReturned',
  'TestTokenExpiredWithoutRefreshTokenIsOneRequest',
  'TestFailedRefreshIsTheCause',
  'TestRateLimitRetriesOnceAfterTheReset',
  'TestQuotaIsOneRequest',
  'TestServerErrorIsRetriedOnlyWhenIdempotent',
  'TestPermissionErrorShowsScopesAndLinks',
  'TestCancelDuringAWaitEndsIt',
  'TestWaitBeyondMaxWaitIsNotWaited',
  'TestNilBodyAndNilResponse',
  'TestOneGibibyteBodyIsReadBounded',
  'TestFailedReadIsAPlainErrorThatWrapsTheCause',
  'TestDoNeverMisbehaves',
  'TestTransportNeverMisbehaves',
  'TestTransportNeverSendsATokenToAnotherHost',
  'TestOptionsAreClampedAndNeverBusyLoop',
  'TestRefreshThatNeverReturnsEndsTheCall',
  'TestRefreshThatPanicsIsTheCause',
  'TestTransportEmptyTokenIsNotARetry',
  'TestTransportBodyThatCannotBeSentAgain',
  'TestClientSharesOneWaitPerLimit',
  'TestClientPacedMeetsNoLimit',
  'TestClientRefreshesOncePerExpiry',
  'TestClientQuotaBreaker',
  'TestClientRetryBudget',
  'TestOnAttemptUsesOpenTelemetryNames',
];

describe('Go: feishuerr.Do and Transport against a scripted local server', () => {
  it.skipIf(!hasGo && !requireTools)('pass go vet and every scenario under go test', async () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    const vet = await run('go', ['vet', '.'], OPTIONS).catch((error: { stdout: string; stderr: string }) => error);
    expect(vet.stdout + vet.stderr).toBe('');
    const test = await run('go', ['test', '-count=1', '-v', '.'], OPTIONS).catch((error: { stdout: string; stderr: string }) => error);
    for (const line of test.stdout.split('\n').filter((text) => text.includes('FC_SEED='))) console.log(line);
    expect(test.stderr).toBe('');
    for (const name of TESTS) expect(test.stdout, test.stdout).toMatch(new RegExp(`^--- PASS: ${name} `, 'm'));
    expect(test.stdout).toMatch(/^ok\s/m);
  });
});
