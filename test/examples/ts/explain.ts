// How a TypeScript service uses the generated module: an ESM import of generated/ts, the
// type guard to narrow the `code` of a Feishu response, the info table for the texts.
import { HireErrorCode, hireErrorCodeInfo, isHireErrorCode } from '../../../generated/ts/index.js';
import type { HireErrorCodeInfo } from '../../../generated/ts/index.js';

/** The body the Feishu Open Platform returns on failure (`code` and `msg` are always there). */
export interface FeishuErrorBody {
  readonly code: number;
  readonly msg: string;
}

/** What to tell an operator about a failed Hire API call. */
export function explain(body: FeishuErrorBody): string {
  // @ts-expect-error: a plain number is not a known code until the guard says so.
  void hireErrorCodeInfo[body.code];

  // Feishu returns codes that no doc lists: the enum is never exhaustive.
  if (!isHireErrorCode(body.code)) return `unlisted Feishu error ${body.code}: ${body.msg}`;

  // Narrowed: body.code is a HireErrorCode, so the info table has an entry for it.
  const info: HireErrorCodeInfo = hireErrorCodeInfo[body.code];
  switch (body.code) {
    case HireErrorCode.TalentNotExist:
      return 'the talent is gone: refresh the talent list';
    default:
      return `${info.name} (${info.code}): ${info.suggestion ?? info.message}`;
  }
}
