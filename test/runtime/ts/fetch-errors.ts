// A caller of the Feishu Open Platform using the generated runtime with plain fetch:
// every failed call becomes a FeishuApiError, and the category decides what to do.
import { FeishuApiError, HireErrorCode, lookupFeishuCode, toFeishuError } from '../../../generated/ts/index.js';

async function call(url: string): Promise<unknown> {
  const response = await fetch(url);
  const body: unknown = await response.json().catch(() => undefined);
  const error = toFeishuError(body, { status: response.status, headers: response.headers });
  if (error) throw error;
  if (!response.ok) throw new Error(`HTTP ${response.status} without a Feishu error body`);
  return body;
}

const base = process.argv[2];
if (base === undefined) throw new Error('usage: fetch-errors <base url>');

for (const path of ['/talent', '/rate-limit', '/token', '/scope', '/ok', '/html']) {
  try {
    await call(base + path);
    console.log(`${path}: ok`);
  } catch (error) {
    if (!(error instanceof FeishuApiError)) {
      console.log(`${path}: not a Feishu error: ${(error as Error).message}`);
      continue;
    }
    const what =
      error.category === 'rate_limit'
        ? `wait ${error.retryAfterSeconds ?? '?'}s`
        : error.category === 'authentication'
          ? 'refresh the token'
          : error.category === 'authorization'
            ? `ask for ${error.permissionViolations.map((violation) => violation.subject).join(', ')}`
            : error.code === HireErrorCode.TalentNotExist
              ? 'the talent is gone'
              : 'log it';
    console.log(`${path}: ${error.code} ${error.category} retryable=${error.retryable} status=${error.httpStatus} log_id=${error.logId} known=${error.known?.module ?? '-'}/${error.known?.name ?? '-'}: ${what}`);
  }
}

for (const info of lookupFeishuCode(HireErrorCode.TalentNotExist)) console.log(`lookup ${info.code}: ${info.module} ${info.name} ${info.category} ${info.docUrl ?? ''}`);
console.log(`lookup 42: ${lookupFeishuCode(42).length} module(s)`);
