/**
 * Category and retry verdicts: the seed's and the general page's codes as the issue
 * names them, the share left `unknown` on every sample page, and each source
 * (config, curated, HTTP status, text) with its diagnostics.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig, validateConfig } from '../../src/config.js';
import { buildCatalog } from '../../src/generate.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import type { ErrorEntry, ErrorModule } from '../../src/model.js';
import { categoryOfTexts, classifyEntry } from '../../src/normalize/classify.js';
import { CURATED_CODES } from '../../src/normalize/curated-codes.js';
import { diffCatalogs } from '../../src/diff/changes.js';
import { ROOT, SAMPLE_PAGES, samplePage } from '../helpers/tools.js';

const FIXTURES = join(ROOT, 'test/fixtures');

function buildOne(name: string, text: Uint8Array | string, config = resolveConfig({})) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return buildCatalog([{ path: `seeds/${name}.md`, bytes }], { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
}

function sample(name: string): ErrorModule {
  const { catalog } = buildOne(name, samplePage(name));
  return catalog!.modules[0]!;
}

function entryOf(module: ErrorModule, code: number): ErrorEntry {
  const entry = module.entries.find((candidate) => candidate.code === code);
  if (!entry) throw new Error(`${module.id} has no code ${code}`);
  return entry;
}

const verdict = (entry: ErrorEntry) => [entry.category, entry.retryable];

describe('the seed (hire-v1)', () => {
  const hire = sample('hire-v1');

  it.each([
    [1002102, 'not_found', false],
    [1002208, 'not_found', false],
    [1002201, 'not_found', false],
    [1002108, 'not_found', false],
    [1002002, 'validation', false],
    [1002105, 'conflict', false],
    [1002206, 'conflict', false],
    [1020001, 'server', true],
  ] as const)('%i is %s (retryable %s)', (code, category, retryable) => {
    expect(verdict(entryOf(hire, code))).toEqual([category, retryable]);
    expect(entryOf(hire, code).categorySource).toBe('text');
  });
});

describe('the general error page', () => {
  for (const page of ['feishu-generic-error-code-pipe', 'larkoffice-generic-error-code-md-table']) {
    const generic = sample(page);
    it.each([
      [99991400, 'rate_limit', true],
      [99991663, 'authentication', false],
      [99991668, 'authentication', false],
      [99991677, 'authentication', false],
      [99991672, 'authorization', false],
      [99991676, 'authorization', false],
      [99991679, 'authorization', false],
    ] as const)(`${page}: %i is %s (retryable %s), from the curated table`, (code, category, retryable) => {
      expect(verdict(entryOf(generic, code))).toEqual([category, retryable]);
      expect(entryOf(generic, code).categorySource).toBe('curated');
    });
  }

  it.each(['feishu-generic-error-code-pipe', 'larkoffice-generic-error-code-md-table'])('%s: every access-token code refreshes; quotas, scopes and login codes never retry', (page) => {
    const generic = sample(page);
    const retryOfCode = (code: number) => entryOf(generic, code).retry;
    // Expired or rejected access tokens (tenant, app, user, SSO): the page says to get or refresh one.
    for (const code of [4001, 20005, 20006, 20013, 20014, 99991663, 99991664, 99991665, 99991668, 99991670, 99991677]) expect(retryOfCode(code), String(code)).toBe('after_token_refresh');
    // Every curated after_token_refresh code is on the page and says so.
    for (const curated of CURATED_CODES.filter((entry) => entry.retry === 'after_token_refresh')) expect(retryOfCode(curated.code), String(curated.code)).toBe('after_token_refresh');
    // A missing or malformed token, a bad refresh token or OAuth code, a login session: a refresh cannot help.
    for (const code of [99991661, 99991671, 99991669, 20003, 20004, 20007, 99991642, 99991643]) expect(retryOfCode(code), String(code)).toBe('never');
    // Quotas and usage caps: waiting does not lift them.
    for (const code of [99991403, 90003087]) expect(retryOfCode(code), String(code)).toBe('never');
    // Scopes and protected cells: someone must grant them.
    for (const code of [99991672, 99991676, 99991679, 90218]) expect(retryOfCode(code), String(code)).toBe('never');
    expect(retryOfCode(99991400)).toBe('after_wait');
    expect(retryOfCode(1000004)).toBe('after_wait');
    expect(retryOfCode(1500)).toBe('with_backoff');
    expect(retryOfCode(96002)).toBe('after_wait'); // concurrency error, please retry
  });

  it('classifies the rest of the page by its texts', () => {
    const generic = sample('feishu-generic-error-code-pipe');
    expect(verdict(entryOf(generic, 1000004))).toEqual(['rate_limit', true]); // method rate limited
    expect(verdict(entryOf(generic, 40101))).toEqual(['conflict', false]); // mobile is already exist
    expect(verdict(entryOf(generic, 4003))).toEqual(['not_found', false]); // instance not found
    expect(verdict(entryOf(generic, 1500))).toEqual(['server', true]); // internal error
    expect(verdict(entryOf(generic, 11239))).toEqual(['authorization', false]); // permission denied
    expect(verdict(entryOf(generic, 20021))).toEqual(['failed_precondition', false]); // user resigned
  });
});

describe('every sample page', () => {
  const pages = [...SAMPLE_PAGES];
  const modules = pages.map(sample);

  it('leaves at most 25% of its codes unknown', () => {
    const shares = modules.map((module) => {
      const unknown = module.entries.filter((entry) => entry.category === 'unknown').length;
      return { page: module.id, unknown, codes: module.entries.length, share: unknown / module.entries.length };
    });
    // Printed so a run shows the figure, not only that it passed.
    console.log(shares.map(({ page, unknown, codes, share }) => `${page}: ${unknown}/${codes} unknown (${(share * 100).toFixed(1)}%)`).join('\n'));
    expect(shares.length).toBeGreaterThanOrEqual(19);
    for (const { page, share } of shares) expect(share, page).toBeLessThanOrEqual(0.25);
  });

  it('marks retryable only transient conditions: frequency limits, server errors, contention, "try again later"', () => {
    // Contention or work in progress, or a doc that says to try again later.
    const transient = /lock|concurren|in progress|processing|is being|copying|try again later|retry later|稍后|锁|并发|正在|处理中|复制中|导入中|重试/i;
    const retryable = modules.flatMap((module) => module.entries.filter((entry) => entry.retryable).map((entry) => ({ module: module.id, entry })));
    expect(retryable.length).toBeGreaterThan(20);
    for (const { module, entry } of retryable) {
      const where = `${module} ${entry.code} is retryable`;
      expect(['rate_limit', 'server', 'conflict', 'failed_precondition'], where).toContain(entry.category);
      const texts = [entry.message, entry.description ?? '', entry.suggestion ?? ''].join(' ');
      if (entry.category === 'conflict' || entry.category === 'failed_precondition') expect(texts, where).toMatch(transient);
      if (entry.category === 'rate_limit') expect(texts, where).not.toMatch(/quota|month|每日|本月|上限/i);
    }
  });

  it('gives every entry the retry its verdict implies: with_backoff only for retryable server codes, after_wait only for other retryable ones, after_token_refresh only for authentication', () => {
    for (const module of modules) {
      for (const entry of module.entries) {
        const where = `${module.id} ${entry.code} (${entry.category}, retryable ${entry.retryable})`;
        if (entry.retry === 'with_backoff') expect([entry.category, entry.retryable], where).toEqual(['server', true]);
        if (entry.retry === 'after_wait') expect(entry.retryable && entry.category !== 'server', where).toBe(true);
        if (entry.retry === 'after_token_refresh') expect(entry.category, where).toBe('authentication');
        if (entry.retryable) expect(entry.retry, where).not.toBe('never');
      }
    }
    // A monthly quota is not worth retrying; a frequency limit is.
    const generic = modules.find((module) => module.id === 'feishu-generic-error-code-pipe')!;
    expect(verdict(entryOf(generic, 99991403))).toEqual(['rate_limit', false]);
    // Never: a bad parameter, a missing id, a duplicate, a permission.
    for (const module of modules) {
      for (const entry of module.entries) {
        if (['validation', 'not_found', 'authorization', 'authentication'].includes(entry.category)) expect(entry.retryable, `${module.id} ${entry.code}`).toBe(false);
      }
    }
  });

  it('gives every entry a source that matches its verdict', () => {
    for (const module of modules) {
      for (const entry of module.entries) {
        expect(entry.categorySource === 'none', `${module.id} ${entry.code}`).toBe(entry.category === 'unknown');
      }
    }
  });
});

describe('sources, highest first', () => {
  const base = { code: 1, name: 'One', message: 'Talent not exist' };

  it('the config wins over everything; retryable defaults from the category', () => {
    expect(classifyEntry({ ...base, code: 99991400 }, { category: 'validation' })).toEqual({ category: 'validation', retryable: false, retry: 'never', categorySource: 'config' });
    expect(classifyEntry(base, { category: 'server' })).toEqual({ category: 'server', retryable: true, retry: 'with_backoff', categorySource: 'config' });
    expect(classifyEntry(base, { category: 'server', retryable: false })).toEqual({ category: 'server', retryable: false, retry: 'never', categorySource: 'config' });
  });

  it('the curated table wins over the HTTP status and the texts', () => {
    expect(classifyEntry({ ...base, code: 99991663, httpStatus: 400, message: 'Duplicate' })).toEqual({ category: 'authentication', retryable: false, retry: 'after_token_refresh', categorySource: 'curated' });
  });

  it.each([
    [401, 'authentication', false, 'never'],
    [403, 'authorization', false, 'never'],
    [404, 'not_found', false, 'never'],
    [409, 'conflict', false, 'never'],
    [429, 'rate_limit', true, 'after_wait'],
    [500, 'server', true, 'with_backoff'],
    [503, 'server', true, 'with_backoff'],
  ] as const)('HTTP %i says %s when the texts say nothing', (httpStatus, category, retryable, retry) => {
    expect(classifyEntry({ ...base, message: 'Failed.', httpStatus })).toEqual({ category, retryable, retry, categorySource: 'http-status' });
  });

  it('the texts beat a status Feishu uses loosely (400, 403, 5xx); 429 always decides; 401, 404 and 409 yield only to the message itself', () => {
    const judge = (httpStatus: number, message: string, suggestion?: string) => {
      const { category, retryable } = classifyEntry({ ...base, httpStatus, message, ...(suggestion === undefined ? {} : { suggestion }) });
      return [category, retryable];
    };
    expect(judge(500, '请求参数错误', '请确认请求参数是否满足接口要求')).toEqual(['validation', false]);
    expect(judge(500, 'custom field format error')).toEqual(['validation', false]);
    expect(judge(500, 'Offer 不存在', '请检查 offer_id 参数是否正确')).toEqual(['not_found', false]);
    expect(judge(500, '实习入职状态错误')).toEqual(['failed_precondition', false]);
    expect(judge(500, 'record duplicate error')).toEqual(['conflict', false]);
    expect(judge(400, 'Server Internal Error', '系统错误，请稍后重试')).toEqual(['server', true]);
    expect(judge(400, 'upload fail', '上传失败，可以重试')).toEqual(['server', true]);
    expect(judge(403, 'ConvError', '内部错误')).toEqual(['server', true]);
    expect(judge(403, '资源不存在或已删除。')).toEqual(['not_found', false]);
    expect(judge(400, 'No permission to recall this message.')).toEqual(['authorization', false]);
    expect(judge(400, 'Too Many Request', '检查请求是否发送过于频繁')).toEqual(['rate_limit', true]);
    expect(judge(504, 'user multi department feature not enable error')).toEqual(['failed_precondition', false]);
    // Internal error with a hint about parameters: the status picks among what the texts name.
    expect(judge(500, 'internal error', '请检查请求参数')).toEqual(['server', true]);
    expect(judge(429, 'param is invalid')).toEqual(['rate_limit', true]);
    expect(judge(401, 'dept has already exist error')).toEqual(['conflict', false]);
    expect(judge(409, 'get visibility fail', '服务器内部错误')).toEqual(['conflict', false]);
    expect(judge(404, 'not found', '群 ID 不存在，检查参数')).toEqual(['not_found', false]);
  });

  it('a daily or per-day cap is rate_limit that never retries; a state to change never retries either', () => {
    expect(classifyEntry({ ...base, httpStatus: 400, message: 'this tenant has been create too many users recently', suggestion: '团队添加成员过于频繁。一个手机号码一天只能加入三个租户。' })).toMatchObject({ category: 'rate_limit', retryable: false, retry: 'never' });
    expect(classifyEntry({ ...base, httpStatus: 400, message: '今日调用次数已达上限，请明天再试' })).toMatchObject({ category: 'rate_limit', retryable: false, retry: 'never' });
    expect(classifyEntry({ ...base, httpStatus: 400, message: 'Unable to update configurations, as the app is currently under review.', suggestion: '应用正在审核中，请等待审核通过后再尝试' })).toMatchObject({ category: 'failed_precondition', retryable: false, retry: 'never' });
  });

  it('HTTP 400 and 200 leave it to the texts; 400 alone is validation', () => {
    expect(classifyEntry({ ...base, httpStatus: 400, message: 'Lack of necessary permissions.' }).category).toBe('authorization');
    expect(classifyEntry({ ...base, httpStatus: 200, message: 'Chat not found.' })).toEqual({ category: 'not_found', retryable: false, retry: 'never', categorySource: 'text' });
    expect(classifyEntry({ ...base, httpStatus: 400, message: 'Failed.' })).toEqual({ category: 'validation', retryable: false, retry: 'never', categorySource: 'http-status' });
    expect(classifyEntry({ ...base, message: 'Failed.' })).toEqual({ category: 'unknown', retryable: false, retry: 'never', categorySource: 'none' });
  });

  it('ships a reason for every curated code, each code once', () => {
    expect(new Set(CURATED_CODES.map((entry) => entry.code)).size).toBe(CURATED_CODES.length);
    for (const entry of CURATED_CODES) expect(entry.reason.length, String(entry.code)).toBeGreaterThan(10);
  });
});

describe('text rules over English and Chinese', () => {
  it.each([
    ['Record not found', 'not_found'],
    ['记录数据不存在', 'not_found'],
    ['these open_chat ids not existed: %v', 'not_found'],
    ['请求太频繁', 'rate_limit'],
    ['Operation requests for the same task are too frequent.', 'rate_limit'],
    ['没有权限', 'authorization'],
    ['Access denied. One of the following scopes is required', 'authorization'],
    ['需要登录', 'authentication'],
    ['get tenant access token fail', 'authentication'],
    ['Name already exists', 'conflict'],
    ['编码不可重复', 'conflict'],
    ['Write conflict', 'conflict'],
    ['系统错误。请稍后重试或联系技术支持', 'server'],
    ['请求超时', 'server'],
    ['InternalError', 'server'],
    ['Field exceeds length limit', 'validation'],
    ['必填字段缺失', 'validation'],
    ['WrongRequestJson', 'validation'],
    ['User has resigned.', 'failed_precondition'],
    ['操作失败，仍被其他部门引用', 'failed_precondition'],
  ] as const)('%j → %s', (message, category) => {
    expect(categoryOfTexts([message])).toBe(category);
  });

  it('does not take page, invite or upload tokens for credentials', () => {
    expect(categoryOfTexts(['page token is invalid error'])).toBe('validation');
    expect(categoryOfTexts(['Invite token invalid'])).toBe('validation');
    expect(categoryOfTexts(['WrongBaseToken'])).toBe('validation');
  });

  it('reads the message before the suggestion', () => {
    expect(categoryOfTexts(['Talent not exist', undefined, '系统错误，稍后重试'])).toBe('not_found');
    expect(categoryOfTexts(['Failed', undefined, '内部错误，请稍后重试'])).toBe('server');
  });
});

describe('config overrides and lint lines', () => {
  const doc = ['| 错误码 | 描述 |', '| --- | --- |', '| 1001 | Failed |', '| 1002 | Talent not exist |', '| 1003 | Something odd |', ''].join('\n');

  it('reports the unknown codes of a module in one info line, and applies an override', () => {
    const { catalog, files } = buildOne('demo', doc, resolveConfig({ modules: { demo: { categories: { '1003': { category: 'conflict', retryable: true } } } } }));
    const entries = catalog!.modules[0]!.entries;
    expect(entries.map((entry) => [entry.code, entry.category, entry.retryable, entry.categorySource])).toEqual([
      [1001, 'unknown', false, 'none'],
      [1002, 'not_found', false, 'text'],
      [1003, 'conflict', true, 'config'],
    ]);
    const infos = files[0]!.messages.filter((message) => message.ruleId === 'unknown-category');
    expect(infos.map((message) => [message.line, message.fatal, message.reason])).toEqual([
      [1, undefined, '1 of 3 codes have no category (no rule recognises their texts): 1001; set modules["demo"].categories in the config to classify them'],
    ]);
  });

  it('applies a retry override, and derives retry from an overridden category otherwise', () => {
    const categories = { '1001': { category: 'authentication', retry: 'after_token_refresh' }, '1003': { category: 'server' } } as const;
    const { catalog } = buildOne('demo', doc, resolveConfig({ modules: { demo: { categories } } }));
    expect(catalog!.modules[0]!.entries.map((entry) => [entry.code, entry.category, entry.retryable, entry.retry, entry.categorySource])).toEqual([
      [1001, 'authentication', false, 'after_token_refresh', 'config'],
      [1002, 'not_found', false, 'never', 'text'],
      [1003, 'server', true, 'with_backoff', 'config'],
    ]);
  });

  it('rejects an unknown retry policy in the config with the allowed values', () => {
    expect(() => validateConfig({ modules: { demo: { categories: { '1': { category: 'server', retry: 'always' } } } } }, 'feishu-errcodes.config.json')).toThrow(
      'feishu-errcodes.config.json: invalid config: `modules.demo.categories["1"].retry` is "always"; allowed values: "never", "after_token_refresh", "after_wait", "with_backoff"',
    );
  });

  it('an override for a code the doc does not list is an error (a setting that does nothing)', () => {
    const { catalog, files } = buildOne('demo', doc, resolveConfig({ modules: { demo: { categories: { '4242': { category: 'server' } } } } }));
    expect(catalog).toBeUndefined();
    const warnings = files[0]!.messages.filter((message) => message.ruleId === 'unknown-code-category');
    expect(warnings.map((message) => [message.fatal, message.reason])).toEqual([
      [true, 'Config sets a category for code 4242, which the doc does not list; remove modules["demo"].categories["4242"] from the config'],
    ]);
  });

  it('rejects an unknown category in the config with the allowed values', () => {
    expect(() => validateConfig({ modules: { demo: { categories: { '1': { category: 'fatal' } } } } }, 'feishu-errcodes.config.json')).toThrow(
      'feishu-errcodes.config.json: invalid config: `modules.demo.categories["1"].category` is "fatal"; allowed values: "authentication", "authorization", "validation", "not_found", "conflict", "failed_precondition", "rate_limit", "server", "unknown"',
    );
  });
});

describe('diff', () => {
  it('reports a category, a retryable and a retry change as their own kinds', () => {
    const entry = { code: 1, name: 'One', message: 'One' };
    const diff = diffCatalogs(
      { modules: [{ id: 'demo', entries: [{ ...entry, category: 'unknown', retryable: false, retry: 'never' }] }] },
      { modules: [{ id: 'demo', entries: [{ ...entry, category: 'server', retryable: true, retry: 'with_backoff' }] }] },
    );
    expect(diff.modules[0]!.changes).toEqual([
      { kind: 'category-changed', breaking: false, code: 1, name: 'One', before: 'unknown', after: 'server' },
      { kind: 'retryable-changed', breaking: false, code: 1, name: 'One', before: 'false', after: 'true' },
      { kind: 'retry-changed', breaking: false, code: 1, name: 'One', before: 'never', after: 'with_backoff' },
    ]);
  });

  it('reports a retry policy change alone (a config override of retry)', () => {
    const entry = { code: 99991663, name: 'InvalidAccessToken', message: 'x', category: 'authentication', retryable: false } as const;
    const diff = diffCatalogs(
      { modules: [{ id: 'demo', entries: [{ ...entry, retry: 'never' }] }] },
      { modules: [{ id: 'demo', entries: [{ ...entry, retry: 'after_token_refresh' }] }] },
    );
    expect(diff.modules[0]!.changes).toEqual([{ kind: 'retry-changed', breaking: false, code: 99991663, name: 'InvalidAccessToken', before: 'never', after: 'after_token_refresh' }]);
  });

  it('does not compare verdicts a side lacks (a name lock, an older catalogue)', () => {
    const entry = { code: 1, name: 'One', message: 'One' };
    const diff = diffCatalogs({ modules: [{ id: 'demo', entries: [entry] }] }, { modules: [{ id: 'demo', entries: [{ ...entry, category: 'server', retryable: true }] }] });
    expect(diff.modules).toEqual([]);
  });
});
