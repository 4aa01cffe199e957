import type { Category, Classification, DocEntry, Retry } from '../model.js';
import { CURATED_BY_CODE, type CuratedCode } from './curated-codes.js';

/** A user's verdict for one code (config `modules[id].categories`). */
export interface CategoryOverride {
  readonly category: Category;
  /** (optional, default: what the category implies: true for rate_limit and server) */
  readonly retryable?: boolean;
  /** (optional, default: what the category and `retryable` imply, see `retryOf`) */
  readonly retry?: Retry;
}

/**
 * A code's category and retry verdict, from the highest source that has one: the user's
 * override, the curated table of platform-wide codes, then the row's texts weighed against
 * its HTTP status; else `unknown`.
 *
 * Feishu's endpoint pages use some statuses loosely (500 for a bad parameter, 403 for an
 * internal error, 400 for nearly anything), so what the texts say beats those. Among the
 * categories the texts name (the first rule each text meets), the status picks its own when
 * it is one of them. 429 always decides; 401, 404 and 409 yield only to the error's own
 * message, not to a hint in the suggestion. When the texts say nothing, the status decides.
 */
export function classifyEntry(entry: DocEntry, override?: CategoryOverride): Classification {
  const curated = override ? undefined : CURATED_BY_CODE.get(entry.code);
  if (curated) return curatedVerdict(curated);
  // Each text as words once: the rules and the retry verdict read the same strings.
  const texts = [entry.message, entry.description, entry.suggestion].flatMap((text) => (text === undefined || text.trim() === '' ? [] : [words(text)]));
  const verdict = (category: Category, categorySource: Classification['categorySource']): Classification => {
    const joined = texts.join(' \n ');
    const retryable = override?.retryable ?? defaultRetryable(category, joined);
    return { category, retryable, retry: override?.retry ?? retryOf(category, retryable, joined), categorySource };
  };
  if (override) return verdict(override.category, 'config');
  const status = entry.httpStatus;
  const byStatus = status === undefined ? undefined : categoryOfStatus(status);
  if (status === 429) return verdict('rate_limit', 'http-status');
  const named = texts.map(categoryOfText);
  const first = named.find((category) => category !== undefined);
  if (first === undefined) {
    if (byStatus) return verdict(byStatus, 'http-status');
    // 400 says little on Feishu's pages (it covers permission and state errors too): only when the texts say nothing.
    if (status === 400) return { category: 'validation', retryable: false, retry: 'never', categorySource: 'http-status' };
    return { category: 'unknown', retryable: false, retry: 'never', categorySource: 'none' };
  }
  if (byStatus && named.includes(byStatus)) return verdict(byStatus, 'text');
  if (byStatus && STRONG_STATUSES.has(status!) && named[0] === undefined) return verdict(byStatus, 'http-status');
  return verdict(first, 'text');
}

/** The statuses Feishu's pages use for what they say (the gateway's own answers): a hint in a suggestion does not overrule them. */
const STRONG_STATUSES: ReadonlySet<number> = new Set([401, 404, 409]);

/** The verdict the tool ships for a platform-wide code: its table row, `retry` defaulted as for any other code. */
export function curatedVerdict(curated: CuratedCode): Classification {
  const retry = curated.retry ?? retryOf(curated.category, curated.retryable, '');
  return { category: curated.category, retryable: curated.retryable, retry, categorySource: 'curated' };
}

/**
 * What a retry helper does with a code of this verdict: a server error is retried with
 * backoff; any other retryable code (a frequency limit, a lock, work in progress) after a
 * wait; an authentication error whose texts speak of an expired or rejected access token
 * after a new token; anything else never (quotas, validation, permissions, unknown codes).
 */
export function retryOf(category: Category, retryable: boolean, text: string): Retry {
  if (retryable) return category === 'server' ? 'with_backoff' : 'after_wait';
  if (category === 'authentication' && STALE_TOKEN.test(text)) return 'after_token_refresh';
  return 'never';
}

/**
 * The statuses that say what kind of error it is. 400 is left to the texts (Feishu's IM
 * pages answer 400 for permission and state errors alike) and 200 says nothing.
 */
export function categoryOfStatus(status: number): Category | undefined {
  if (status === 401) return 'authentication';
  if (status === 403) return 'authorization';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limit';
  if (status >= 500 && status <= 599 && status !== 501) return 'server';
  return undefined;
}

/**
 * The first text (message, then description, then suggestion) that a rule recognises
 * decides: the message names the error, the suggestion only hints at it.
 */
export function categoryOfTexts(texts: readonly (string | undefined)[]): Category | undefined {
  return categoryOfWords(texts.flatMap((text) => (text === undefined || text.trim() === '' ? [] : [words(text)])));
}

function categoryOfWords(texts: readonly string[]): Category | undefined {
  for (const text of texts) {
    const category = categoryOfText(text);
    if (category) return category;
  }
  return undefined;
}

/** The first rule one text (as words) meets. */
function categoryOfText(text: string): Category | undefined {
  for (const [category, pattern] of TEXT_RULES) if (pattern.test(text)) return category;
  return undefined;
}

/**
 * Retryable means the very same request may succeed later: frequency limits (not quotas
 * that last a day or a month), internal errors and timeouts, lock contention and work
 * still in progress, or a doc that says to try again later.
 */
function defaultRetryable(category: Category, text: string): boolean {
  if (category === 'rate_limit') return !QUOTA.test(text) && !PER_DAY.test(text);
  if (category === 'server') return true;
  if (category === 'conflict') return TRANSIENT.test(text) && !QUOTA.test(text) && !PROTECTED.test(text);
  // A state that passes by itself (data still loading, a copy under way); not a review, a switch or a resignation.
  if (category === 'failed_precondition') return TRANSIENT.test(text) && !QUOTA.test(text) && !PROTECTED.test(text) && !AWAITS_SOMEONE.test(text);
  return false;
}

/** `TooManyRequest`, `PARAM_ERROR`, `open_id` → `too many request`, `param error`, `open id`: the doc's identifiers as words. */
function words(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_]+/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase();
}

/**
 * An access token that expired or was not accepted: a fresh token can make the same call
 * succeed. A refresh token that is itself invalid or expired is not one (the user must
 * authorize again), nor is a token of the wrong kind or a missing one.
 */
const STALE_TOKEN = new RegExp(
  [
    String.raw`(?:access|tenant|user|app)\s?(?:access\s?)?token\s(?:\w+\s){0,2}?(?:invalid|expired?|illegal)`,
    String.raw`(?:invalid|expired?|illegal)\s(?:\w+\s){0,2}?(?:access|tenant|user|app)\s?(?:access\s?)?token`,
    String.raw`(?<!refresh\s?)token expired?`,
    String.raw`(?<!refresh\s?)(?:access.?token|token)\s?(?:无效|已?过期|已失效|非法)`,
    String.raw`(?:无效|过期|非法)的?\s?(?:access.?token|token)`,
    // "Invalid token, please refresh": the page tells the caller to get a new one.
    String.raw`invalid token,? please refresh|请刷新\s?token|刷新\s?(?:(?:user|tenant|app)\s)?(?:access\s)?token|更新\s?token`,
  ].join('|'),
);
/** A cap (a quota, a daily or monthly limit worded by day: today, tomorrow, 当天, a feature's usage limit): waiting does not lift it. */
const QUOTA = /quota|daily|per day|per month|this month|\btoday\b|\btomorrow\b|usage limit|每日|每天|每月|本月|今日|今天|明天|明日|当天|当日|配额|日上限|月上限|使用上限|已达上限|达到上限/;
/** A cap worded by the day ("a phone number joins three tenants a day") or lifted by a purchase, not by waiting. */
const PER_DAY = /\ba day\b|一天|每个自然日|purchase|购买/;
/** A state someone must change (a review, an approval, an edition): waiting alone does not. */
const AWAITS_SOMEONE = /review|approv|审核|审批|edition|套餐|开通|开启|启用|联系/;
/** A protected cell or range: a permission, not contention, whatever the word "lock" says. */
const PROTECTED = /protected|被保护|受保护|保护范围/;
const TRANSIENT =
  /try again later|retry later|please retry|later retry|\block|concurren|in progress|is being (?:processed|sent|copied)|\bcopying\b|processing|ongoing|交互期间|稍后重试|稍后再试|稍后重新|稍后|建议重试|进行重试|并发(?!布)|加锁|获取锁|锁定中|正在(?!被?使用)|处理中|复制中|导入中/;

/** The caller's credentials as the gateway checks them; never a bare `token` (page, invite and upload tokens are not credentials). */
const ACCESS_CREDENTIAL = String.raw`(?:(?:access|tenant|user|app|identity|refresh|sso|security|auth)\s?(?:access\s?)?token|session|app\s?secret|credential)`;


/**
 * The rules, in order: the most specific verdicts first (a token that is invalid is
 * authentication even though "invalid" alone means validation; "permission" beats "not
 * found"). Each pattern runs on lower-cased text with identifiers split into words.
 */
const TEXT_RULES: readonly (readonly [Category, RegExp])[] = [
  // A tenant's plan or edition, a feature not opened, an app under review: what no request can change
  // (before the permission words: "the tenant's plan does not support" is not a grant to ask for).
  [
    'failed_precondition',
    /under review|审核中|正在审核|\beditions?\b|payment plan|\bplan limits?\b|权益|付费版|套餐|企业版|旗舰版|尚未开通|未开通(?!.{0,10}权限)|是否开通(?!.{0,10}权限)/,
  ],
  // A request that names a parameter wrongly, repeats an item or passes a field value that does not convert
  // (before "not found" and "duplicate", which would send it to the resource).
  [
    'validation',
    /\bparams? not found|duplicat\w* .{0,40}\bin (?:the )?(?:request|card|body|list|array)|请求中.{0,10}重复|传入.{0,20}重复|\bconv fail|字段错误|max(?:imum)? (?:value|length|size|number) of/,
  ],
  [
    'rate_limit',
    /frequen|rate.?limit|too many requests?\b|too many [\w ]{0,40}recently|reached [\w ]{0,60}(?:usage|parsing|call|api|request) limit|次数已达|已达到?使用上限|too fast|too frequent|request.*too often|quota|\bqps\b|throttl|频率|频次|频控|限流|请求过快|太频繁|过于频繁|请求过多|调用次数已达上限/,
  ],
  [
    'authentication',
    new RegExp(
      String.raw`(?:invalid|expired?|incorrect|wrong|illegal|bad|missing|fail(?:ed)?(?: to)? (?:get|generate|check|verify|refresh)|get|generate|check)\s(?:\w+\s){0,2}?${ACCESS_CREDENTIAL}` +
        String.raw`|(?:invalid|expired?|wrong|need a|no) token\b|token: must start with` +
        String.raw`|${ACCESS_CREDENTIAL}\s(?:\w+\s){0,2}?(?:invalid|expired?|incorrect|is wrong|illegal|missing|fail|not exist|not found|mismatch|did not match)` +
        String.raw`|unauthenticated|not logged in|login required|need(?:s)? login|re-?login|please log ?in|sign in again` +
        String.raw`|(?:access.?token|凭证|登录态|session)\s?(?:无效|已?过期|已失效|非法|错误|不正确|校验失败)|(?:无效|过期|非法)的?\s?(?:access.?token|token|凭证)|需要登录|未登录|重新登录|身份验证失败|鉴权失败|认证失败|重新获取\s?(?:access.?)?token`,
    ),
  ],
  [
    'authorization',
    /permission|forbid|does ?n[o']t belong to|not belong|\bauthority\b|不属于|access denied|denied|not allowed to|unauthori[sz]ed|not authori[sz]ed|no authority|authority error|\bscopes?\b|not visible|invisible|whitelist|allow ?list|(?:app|application|bot|robot).{0,20}(?:not (?:installed|enabled|activated|in use|usage|turned on)|do(?:es)? not have bot|disabled|deactivated)|only (?:the )?(?:group )?(?:admin|owner)|non-?(?:subscriber|member)s?\b|can'?t be seen?\b|can ?not be seen?\b|correct access\b|不是.{0,8}管理员|non-chat-owner|not (?:the )?(?:chat )?owner|权限|无权|未授权|未经.*授权|禁止|白名单|可见范围|不可见|未安装|未启用|未开启.*能力|应用.*停用/,
  ],
  [
    'not_found',
    /not (?:be )?(?:exist|found|find)|n[o']t exist|does ?n[o']t exist|doesn't exist|non-?existent|no such|cannot be found|can'?t (?:be )?find|can'?t get|not existed|has been deleted|had been deleted|is deleted|been removed|\bdeleted\b|\bnotexist\b|不存在|未找到|没有找到|找不到|已删除|已被删除|被删除|已解散|已被解散/,
  ],
  [
    'conflict',
    /already (?:exists?|applied|a |in |been created|be created)|已经?被创建|ongoing|交互期间|\bcopying\b|too old|stale|outdated|太老|过旧|has (?:already )?applied|推荐过|申请过|相同的|\bexists?\b(?! in)|existed|duplicat|\bdup\b|repeat|conflict|concurren|\block(?:ed)?\b|locked by|is being (?:processed|sent|copied)|in progress|processing|已存在|已经存在|重复|冲突|并发(?!布)|锁|正在(?!被?使用)|处理中|复制中|导入中|已经是/,
  ],
  [
    'server',
    /internal|connection (?:refused|failed|reset)|\bdns\b|\btcp\b|system (?:error|exception|busy)|server error|service (?:error|exception|unavailable)|temporarily unavailable|timed? ?out|timeout|\bbusy\b|network|database|\brpc\b|unknown error|unexpected error|marshal|try again later|retry later|please retry|went wrong|upload fail|上传失败|可以重试|可重试|可尝试重试|可重新请求|请重试|请进行重试|建立.{0,6}连接|未在规定时间内响应|系统错误|系统异常|系统繁忙|内部错误|内部服务|服务异常|服务器错误|服务端错误|服务内部|超时|繁忙|网络异常|数据库|未知异常|未知错误|序列化|稍后重试|稍后再试|建议重试|进行重试|联系.{0,10}技术支持排查/,
  ],
  [
    'failed_precondition',
    /resigned|frozen|hired|\bclosed\b|已经?被?关闭|\bexpired\b|已过期|has been (?:reviewed|approved|migrated)|cannot be cancell?ed|已被(?:审批|迁移)|已被迁移|(?:阶段|状态)不支持|not in (?:the )?(?:chat|group)|out of the (?:chat|group)|outside (?:the|of the) (?:chat|group)|not bind|confidential|protected|blocklist|block list|blacklist|insufficient|headcount|unable to delete|cannot delete|not (?:linked|associated)|suspended|deactivated|disabled|not enabled?|not (?:activated|turned on|open(?:ed)?)|stopped|dissolved|banned|archived|still (?:in use|has|using|referred)|被使用|使用中|has active|has sub|referred to|referenced|in use|cannot be deleted|can'?t (?:be )?delete|state|status|not (?:yet )?(?:published|released|approved)|approving|exceeds? (?:the )?(?:seat|bill|tenant)|upgrade|subscription|feature|not support(?:ed)? (?:in|for) (?:the )?current|current (?:settings?|situation)|不在.{0,6}(?:会话|群)|未绑定|离职|冻结|已录用|已入职|已经录用|保密|保护|屏蔽名单|黑名单|超编|不足|不可删除|无法删除|不能删除|未关联|仍有|仍被|仍在|禁用|未开启|未启用|未发布|解散|归档|引用|在途|在职|状态|审批中|升级|开关/,
  ],
  [
    'validation',
    /invalid|illegal|param|not set|circular|at most|at least|is needed|not provided|offline|is not (?:a |an )?group|argument|required|require\b|missing|lack|empty|\bnull\b|\bnil\b|too (?:long|large|short|big|many|much)|exceed|over ?len|out of (?:limit|range)|limit|format|malformed|bad request|bad url|wrong|incorrect|not valid|vaild|mismatch|not match|n[o']t match|not support|unsupport|no longer support|must|can'?t be|can ?not be|should be|unexpected|not (?:a|an) |not within|contains|json|sensitive|audit|review not pass|not pass|审核|敏感|参数|入参|格式|非法|无效|不合法|不正确|有误|错误的|为空|空值|必填|缺少|缺失|超过|超出|过长|过大|太大|太长|上限|限制|不匹配|不一致|不支持|不符合|符合(?:规范|要求)|没有设置|未设置|环状|循环引用|至多|至少|最多|只允许|未指定|下线|审查|不是.{0,8}类型|不能|不可|须|必须|请求体/,
  ],
];
