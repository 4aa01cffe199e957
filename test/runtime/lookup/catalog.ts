/**
 * A hand-built catalogue for the lookup layer (issue 29 §4, issue 28 §1–2): endpoints that
 * disagree on a code, a module-level (general) page, a second module listing the same code,
 * sub-codes that only ErrMsg tells apart, and rate-limit tiers. The queries below are run
 * through every runtime (test/parity.test.ts) and the TypeScript one (lookup.test.ts).
 */
import type { Category, ErrorCatalog, ErrorEntry, Retry } from '../../../src/model.js';

const verdicts: Readonly<Record<Category, { readonly retryable: boolean; readonly retry: Retry }>> = {
  authentication: { retryable: false, retry: 'after_token_refresh' },
  authorization: { retryable: false, retry: 'never' },
  validation: { retryable: false, retry: 'never' },
  not_found: { retryable: false, retry: 'never' },
  conflict: { retryable: false, retry: 'never' },
  failed_precondition: { retryable: false, retry: 'never' },
  rate_limit: { retryable: true, retry: 'after_wait' },
  server: { retryable: true, retry: 'with_backoff' },
  unknown: { retryable: false, retry: 'never' },
};

const verdict = (category: Category) => ({ category, ...verdicts[category] });

function entry(code: number, name: string, message: string, category: Category, extra: Partial<ErrorEntry> = {}): ErrorEntry {
  return { code, name, message, ...verdict(category), categorySource: 'text', ...extra };
}

const EMPLOYEES = '/open-apis/corehr/v1/employees';
const CONVERT = '/open-apis/corehr/v1/common_data/id/convert';

export const LOOKUP_CATALOG: ErrorCatalog = {
  modules: [
    {
      id: 'corehr-v1',
      seed: 'seeds/corehr-v1',
      title: 'CoreHR',
      typeName: 'CorehrErrorCode',
      goPackage: 'corehr',
      entries: [
        entry(1160001, 'ParamInvalid', 'Param Invalid', 'validation', {
          httpStatus: 400,
          endpoints: [{ method: 'POST', path: EMPLOYEES, docUrl: 'https://open.feishu.cn/document/corehr-v1/employee/create', httpStatus: 500, message: '系统错误。请稍后重试', ...verdict('server') }],
        }),
        entry(1160002, 'EmployeeNotFound', 'Employee not found', 'not_found', {
          endpoints: [{ method: 'GET', path: `${EMPLOYEES}/search`, message: 'Search index busy', ...verdict('rate_limit') }],
        }),
      ],
      endpoints: [
        { method: 'POST', path: CONVERT, rateLimit: { perMinute: 100, text: '100 次/分钟' } },
        { method: 'GET', path: EMPLOYEES, rateLimit: { perSecond: 50, perMinute: 1000, text: '1000 次/分钟、50 次/秒' } },
        { method: 'POST', path: EMPLOYEES, docUrl: 'https://open.feishu.cn/document/corehr-v1/employee/create', rateLimit: { perSecond: 50, perMinute: 1000, text: '1000 次/分钟、50 次/秒' } },
        { method: 'GET', path: `${EMPLOYEES}/:employee_id`, rateLimit: { perSecond: 20, text: '20 次/秒' } },
        { method: 'GET', path: `${EMPLOYEES}/search`, rateLimit: { special: true, text: '特殊频控' } },
      ],
    },
    {
      id: 'general',
      seed: 'seeds/general.md',
      title: '通用错误码',
      typeName: 'GeneralErrorCode',
      goPackage: 'general',
      entries: [
        entry(1160001, 'GeneralParamInvalid', 'param invalid', 'validation'),
        entry(99991400, 'RequestTriggerFrequencyLimit', 'request trigger frequency limit', 'rate_limit'),
      ],
    },
    {
      id: 'hire-v1',
      seed: 'seeds/hire-v1.md',
      title: 'Hire',
      typeName: 'HireErrorCode',
      goPackage: 'hire',
      entries: [entry(1160001, 'TalentLocked', 'Talent locked', 'conflict')],
    },
    {
      id: 'im-v1',
      seed: 'seeds/im-v1',
      title: 'IM',
      typeName: 'ImErrorCode',
      goPackage: 'im',
      entries: [
        entry(230099, 'FailedToCreateCardContent', 'Failed to create card content', 'validation', {
          subCodes: [
            { subCode: 11246, name: 'CardContentUnsupported', message: 'card content unsupported', ...verdict('failed_precondition') },
            { subCode: 11310, errMsg: 'cardid invalid', name: 'CardIdInvalid', message: 'cardid invalid', ...verdict('not_found') },
            { subCode: 11310, errMsg: 'element %v exceeds the limit', name: 'CardElementExceedsLimit', message: 'element exceeds the limit', ...verdict('conflict') },
            { subCode: 11310, errMsg: 'table number over limit', name: 'CardTableNumberOverLimit', message: 'table number over limit', ...verdict('rate_limit') },
          ],
        }),
      ],
      endpoints: [
        { method: 'POST', path: '/open-apis/im/v1/messages', rateLimit: { perSecond: 50, perMinute: 1000, text: '1000 次/分钟、50 次/秒' } },
        { method: 'POST', path: '/open-apis/im/v1/messages/:message_id/reply' },
      ],
    },
  ],
};

/** A call as every runtime's public entry point takes it. */
export interface LookupQuery {
  readonly name: string;
  readonly code: number;
  readonly msg?: string;
  readonly status?: number;
  readonly module?: string;
  readonly method?: string;
  readonly url?: string;
}

/** What every runtime must answer: the verdict, the entry's module (and endpoint path), the sub-code row. */
export interface LookupAnswer {
  readonly category: Category;
  readonly retry: Retry;
  readonly module?: string;
  readonly message?: string;
  readonly subCode?: number;
  readonly subCodeName?: string;
}

const base = 'https://open.feishu.cn';
const card = (ext: string) => `Failed to create card content, ext=${ext}`;

export const LOOKUP_CASES: readonly (LookupQuery & { readonly want: LookupAnswer })[] = [
  { name: 'the endpoint that says server', code: 1160001, method: 'POST', url: `${base}${EMPLOYEES}?user_id_type=open_id`, want: { category: 'server', retry: 'with_backoff', module: 'corehr-v1', message: '系统错误。请稍后重试' } },
  { name: 'the endpoint that says validation', code: 1160001, method: 'POST', url: `${base}${CONVERT}`, want: { category: 'validation', retry: 'never', module: 'corehr-v1', message: 'Param Invalid' } },
  { name: 'method in lower case, path only, fragment', code: 1160001, method: 'post', url: `${EMPLOYEES}/#x`, want: { category: 'server', retry: 'with_backoff', module: 'corehr-v1', message: '系统错误。请稍后重试' } },
  { name: 'the endpoint beats the module hint', code: 1160001, module: 'hire-v1', method: 'POST', url: `${base}${EMPLOYEES}`, want: { category: 'server', retry: 'with_backoff', module: 'corehr-v1', message: '系统错误。请稍后重试' } },
  { name: 'an unknown endpoint falls back to the hint', code: 1160001, module: 'hire-v1', method: 'POST', url: `${base}/open-apis/hire/v1/talents`, want: { category: 'conflict', retry: 'never', module: 'hire-v1', message: 'Talent locked' } },
  { name: 'another method is another endpoint', code: 1160001, method: 'DELETE', url: `${base}${EMPLOYEES}`, want: { category: 'validation', retry: 'never', module: 'corehr-v1', message: 'Param Invalid' } },
  { name: 'a literal segment beats a param', code: 1160002, method: 'GET', url: `${base}${EMPLOYEES}/search`, want: { category: 'rate_limit', retry: 'after_wait', module: 'corehr-v1', message: 'Search index busy' } },
  { name: 'a param matches any other segment', code: 1160002, method: 'GET', url: `${base}${EMPLOYEES}/e123`, want: { category: 'not_found', retry: 'never', module: 'corehr-v1', message: 'Employee not found' } },
  { name: 'an empty segment is no param', code: 1160002, method: 'GET', url: `${base}${EMPLOYEES}//x`, want: { category: 'not_found', retry: 'never', module: 'corehr-v1', message: 'Employee not found' } },
  { name: 'the general page applies to every endpoint', code: 99991400, status: 400, method: 'POST', url: `${base}/open-apis/im/v1/messages`, want: { category: 'rate_limit', retry: 'after_wait', module: 'general' } },
  { name: 'no endpoint: first module by id', code: 1160001, want: { category: 'validation', retry: 'never', module: 'corehr-v1', message: 'Param Invalid' } },
  { name: 'sub-code and ErrMsg', code: 230099, method: 'POST', url: `${base}/open-apis/im/v1/messages`, msg: card('ErrCode: 11310; ErrPath: ROOT -> elements -> 0; ErrMsg: Table Number Over Limit; ErrorValue: 6'), want: { category: 'rate_limit', retry: 'after_wait', module: 'im-v1', subCode: 11310, subCodeName: 'CardTableNumberOverLimit' } },
  { name: 'an ErrMsg pattern with a placeholder', code: 230099, msg: card('ErrCode: 11310; ErrMsg: element table_1 exceeds the limit'), want: { category: 'conflict', retry: 'never', module: 'im-v1', subCode: 11310, subCodeName: 'CardElementExceedsLimit' } },
  { name: 'a sub-code alone', code: 230099, msg: card('ErrCode: 11246; ErrMsg: whatever'), want: { category: 'failed_precondition', retry: 'never', module: 'im-v1', subCode: 11246, subCodeName: 'CardContentUnsupported' } },
  { name: 'an ErrMsg no row names: the parent', code: 230099, msg: card('ErrCode: 11310; ErrMsg: something else'), want: { category: 'validation', retry: 'never', module: 'im-v1', subCode: 11310 } },
  { name: 'an unknown sub-code: the parent', code: 230099, msg: card('ErrCode: 99; ErrMsg: cardid invalid'), want: { category: 'validation', retry: 'never', module: 'im-v1', subCode: 99 } },
  { name: 'repeated fields: the first wins', code: 230099, msg: card('ErrCode: 11310; ErrCode: 11246; ErrMsg: cardid invalid; ErrMsg: table number over limit'), want: { category: 'not_found', retry: 'never', module: 'im-v1', subCode: 11310, subCodeName: 'CardIdInvalid' } },
  { name: 'a non-numeric ErrCode is no sub-code', code: 230099, msg: card('ErrCode: 11x310; ErrMsg: cardid invalid'), want: { category: 'validation', retry: 'never', module: 'im-v1' } },
  { name: 'a truncated ext', code: 230099, msg: card('ErrCode: 113'), want: { category: 'validation', retry: 'never', module: 'im-v1', subCode: 113 } },
  { name: 'a ; inside ErrMsg stays in it', code: 230099, msg: card('ErrCode:11310;ErrMsg: cardid invalid; see docs; ErrorValue: x'), want: { category: 'validation', retry: 'never', module: 'im-v1' } },
  { name: 'an ErrMsg with a ; in it', code: 230099, msg: card('ErrCode: 11310; ErrMsg: the cardid invalid; see docs; ErrorValue: x'), want: { category: 'not_found', retry: 'never', module: 'im-v1', subCode: 11310, subCodeName: 'CardIdInvalid' } },
  { name: 'a sub-code of a code no module lists', code: 99990001, status: 500, msg: card('ErrCode: 11310'), want: { category: 'server', retry: 'with_backoff', subCode: 11310 } },
];
