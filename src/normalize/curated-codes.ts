import type { Category, Retry } from '../model.js';

/** One platform-wide code whose verdict ships with the tool, and why (quoting the general error page). */
export interface CuratedCode {
  readonly code: number;
  readonly category: Category;
  readonly retryable: boolean;
  /** (optional, default: what the category and `retryable` imply, see `retryOf`) */
  readonly retry?: Retry;
  readonly reason: string;
}

/**
 * Feishu's platform-wide codes: the gateway's token, scope and rate-limit codes (9999xxxx)
 * and the OAuth codes (200xx) of the general error page
 * (https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code). Any page
 * may list them, and any API may return them, so their verdict does not depend on the
 * wording of the page at hand. Each reason quotes the page's own message and advice.
 * Only these ranges are here: smaller codes mean different things on different pages.
 *
 * `retry` is set where the page's text decides it: `after_token_refresh` on every code that
 * means an expired or rejected access token (tenant, app, user or SSO), `never` on quotas,
 * on a missing or malformed token (a bug a refresh hides) and on faults support must fix.
 * Session, OAuth-code and refresh-token codes stay `never`: they need the user to log in again.
 */
export const CURATED_CODES: readonly CuratedCode[] = [
  { code: 20001, category: 'validation', retryable: false, reason: '"invalid request": 无效的请求体，请确保请求方法、请求信息、请求数据格式等是正确的' },
  { code: 20002, category: 'authentication', retryable: false, reason: '"app_id and app_secret did not match": the app credentials are wrong' },
  { code: 20003, category: 'authentication', retryable: false, reason: '"invalid request with code": 检查code是否过期；code是否重复消费 — get a new OAuth code' },
  { code: 20004, category: 'authentication', retryable: false, reason: '"expired code": 重新生成新的code' },
  { code: 20005, category: 'authentication', retryable: false, retry: 'after_token_refresh', reason: '"invalid access_token": 无效的 access_token，请确保header里的 access_token 是正确、有效的 — a new token can make the call succeed' },
  { code: 20006, category: 'authentication', retryable: false, retry: 'after_token_refresh', reason: '"过期 User Access Token": 过期请重新授权或刷新user_access_token换取有效值 — refresh, then send again' },
  { code: 20007, category: 'authentication', retryable: false, reason: '"generate access_token fail": 请确保 code 没有重复消费或过期消费 — start the OAuth flow again' },
  { code: 20008, category: 'not_found', retryable: false, reason: '"user not exist": 检查用户是否真实存在' },
  { code: 20009, category: 'authorization', retryable: false, reason: '"tenant app not installed": 应用在当前租户未安装' },
  { code: 20010, category: 'authorization', retryable: false, reason: '"user not visible to app": 联系管理员，为用户配置可见性，开通权限' },
  { code: 20013, category: 'authentication', retryable: false, retry: 'after_token_refresh', reason: '"The tenant access token passed is invalid": tenant access token无效，检查是否有效 — get a new one' },
  { code: 20014, category: 'authentication', retryable: false, retry: 'after_token_refresh', reason: '"校验 app_access_token 失败": 确保app_access_token有效，重试 — a valid token, then retry' },
  { code: 20021, category: 'failed_precondition', retryable: false, reason: '"user resigned": 用户已离职，检查用户状态' },
  { code: 20022, category: 'failed_precondition', retryable: false, reason: '"user frozen": 用户已冻结，检查用户状态' },
  { code: 20023, category: 'failed_precondition', retryable: false, reason: '"user not registered": 用户未注册，检查用户状态' },
  { code: 20024, category: 'authentication', retryable: false, reason: '"code app_id not match": the OAuth code was issued to another app than the app access token' },
  { code: 99991201, category: 'not_found', retryable: false, reason: '"resource not find": 请求路径错误(404)，检查路径是否填写正确' },
  { code: 99991300, category: 'validation', retryable: false, reason: '"invalid next parameter": callback url中next参数有问题' },
  { code: 99991301, category: 'validation', retryable: false, reason: '"request method doesn\'t match": 检查接口设置的请求方法与请求时使用的是否一致' },
  { code: 99991400, category: 'rate_limit', retryable: true, retry: 'after_wait', reason: '"request trigger frequency limit": 请求过于频繁，请降低请求频次。建议使用指数退避算法 — wait for x-ogw-ratelimit-reset, else back off' },
  { code: 99991401, category: 'authorization', retryable: false, reason: '"ip is denied by app setting": IP 被应用白名单限制' },
  { code: 99991403, category: 'rate_limit', retryable: false, retry: 'never', reason: '"This month\'s API call quota has been exceeded": 本月 API 调用次数已达上限，请联系企业管理员升级飞书版本 — a monthly quota, not a frequency limit: waiting does not help' },
  { code: 99991501, category: 'authentication', retryable: false, reason: '"auth login invalid code": 无登录code，请重新登录' },
  { code: 99991503, category: 'validation', retryable: false, reason: '"invalid next parameter: invalid host": next和callback的host不相同' },
  { code: 99991543, category: 'authentication', retryable: false, reason: '"login_user invalid": app_id或app_secret不存在' },
  { code: 99991611, category: 'authentication', retryable: false, reason: '"get session fail": 请检查请求是否带了相应的cookie' },
  { code: 99991612, category: 'authentication', retryable: false, reason: '"session invalid": 请求的session无效' },
  { code: 99991621, category: 'authentication', retryable: false, reason: '"get session fail": 请检查请求是否带了相应的cookie' },
  { code: 99991622, category: 'authentication', retryable: false, reason: '"session invalid": 请求的session无效' },
  { code: 99991631, category: 'authentication', retryable: false, reason: '"get session fail": 请检查请求是否带了相应的cookie' },
  { code: 99991632, category: 'authentication', retryable: false, reason: '"session invalid": session 校验失败' },
  { code: 99991641, category: 'authentication', retryable: false, reason: '"auth open invalid session": 请重新登录后使用' },
  { code: 99991642, category: 'authentication', retryable: false, reason: '"auth open invalid session mina": 当前登录态session已过期' },
  { code: 99991643, category: 'authentication', retryable: false, reason: '"auth open invalid session sso": open id或refresh token无效，请重新登录' },
  { code: 99991644, category: 'server', retryable: false, retry: 'never', reason: '"auth open invalid config": 内部错误，详情请咨询客服 — a configuration fault that support fixes, not a transient one' },
  { code: 99991645, category: 'authentication', retryable: false, reason: '"auth open invalid user": 当前登录态user无效，请重新登录' },
  { code: 99991661, category: 'authentication', retryable: false, retry: 'never', reason: '"Need a token": 请检查请求 Header 参数 Authorization 中是否填了正确的 token — no token was sent: a bug in the caller, not a stale token' },
  { code: 99991662, category: 'authorization', retryable: false, reason: '"app not in use": 检查该应用是否处于停用状态 (the app is disabled)' },
  { code: 99991663, category: 'authentication', retryable: false, retry: 'after_token_refresh', reason: '"Invalid access token for authorization": 原因可能是 tenant_access_token 已过期 … 你需参考以下步骤重新获取 (or the API does not take this kind of token: one refresh, then the error stands)' },
  { code: 99991664, category: 'authentication', retryable: false, retry: 'after_token_refresh', reason: '"invalid app token": app_access_token 非法 — get a new app_access_token' },
  { code: 99991665, category: 'authentication', retryable: false, retry: 'after_token_refresh', reason: '"invalid tenant code": tenant_access_token 非法 — get a new tenant_access_token' },
  { code: 99991668, category: 'authentication', retryable: false, retry: 'after_token_refresh', reason: '"Invalid access token for authorization": user_access_token 已经失效了，你需要根据实际情况选择获取 user_access_token 或者刷新 user_access_token' },
  { code: 99991669, category: 'authentication', retryable: false, reason: '"invalid user refresh token": 用户 refresh token 非法' },
  { code: 99991670, category: 'authentication', retryable: false, retry: 'after_token_refresh', reason: '"invalid sso token": SSO Access Token非法 — a rejected access token; a new one can make the call succeed' },
  { code: 99991671, category: 'authentication', retryable: false, retry: 'never', reason: '"Invalid token: must start with t-/u-": 当前请求使用的token格式错误 — the wrong kind of value, which a refresh does not fix' },
  { code: 99991672, category: 'authorization', retryable: false, reason: '"Access denied. One of the following scopes is required": 应用未申请 API 权限' },
  { code: 99991673, category: 'authorization', retryable: false, reason: '"unauthorized app": 请检查当前租户应用安装状态' },
  { code: 99991674, category: 'validation', retryable: false, reason: '"user type not support": 当前请求使用的user type无效' },
  { code: 99991675, category: 'validation', retryable: false, reason: '"parse user error": 当前请求使用的user_id格式错误' },
  { code: 99991676, category: 'authorization', retryable: false, reason: '"token no permission": token没有对应的权限' },
  { code: 99991677, category: 'authentication', retryable: false, retry: 'after_token_refresh', reason: '"token expire": 当前 user token 已过期，请更新 token (刷新 user_access_token)' },
  { code: 99991679, category: 'authorization', retryable: false, reason: '"Unauthorized. You do not have permission": 未经用户授权，申请用户授予对应权限' },
  { code: 99991681, category: 'authentication', retryable: false, reason: '"auth fail": 第三方鉴权返回错误' },
  { code: 99991691, category: 'authentication', retryable: false, reason: '"get session fail": 请求未带cookie' },
  { code: 99991692, category: 'authentication', retryable: false, reason: '"auth fail": 鉴权失败' },
  { code: 99991693, category: 'authentication', retryable: false, reason: '"session not exist": 鉴权失败，当前session不存在' },
  { code: 99992361, category: 'validation', retryable: false, reason: '"open_id cross app": 传入的 open_id 不属于当前应用' },
  { code: 99992381, category: 'validation', retryable: false, reason: '"union_id cross tenant": union_id 不属于当前租户' },
  { code: 99993201, category: 'validation', retryable: false, reason: '"method don\'t support batch"' },
  { code: 99993202, category: 'validation', retryable: false, reason: '"the id of subrequest can\'t be empty"' },
  { code: 99993203, category: 'validation', retryable: false, reason: '"the id of subrequest is duplicated"' },
];

export const CURATED_BY_CODE: ReadonlyMap<number, CuratedCode> = new Map(CURATED_CODES.map((entry) => [entry.code, entry]));
