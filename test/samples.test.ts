/**
 * Every real Feishu page in test/fixtures/<sample>/input.md (copied from the shared
 * samples, verbatim; Hire v1's is the repository's seeds/hire-v1.md): the exact codes it yields (codes.txt), the layout diagnostics lint
 * gives for it (messages.txt), a few exact field values, and generated output for all of
 * them that compiles and validates with the real tools.
 *
 * `UPDATE_FIXTURES=1 npx vitest run test/samples.test.ts` rewrites codes.txt and
 * messages.txt; review the diff before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { resolveConfig } from '../src/config.js';
import { buildCatalog } from '../src/generate.js';
import { EMPTY_LOCK } from '../src/lock.js';
import type { ErrorEntry, ErrorModule } from '../src/model.js';
import {
  goCheck, hasGo, makeProject, readTree, requireTools, ROOT, runCli, typecheck, validateCatalog, validateOpenApi,
} from './helpers/tools.js';

const FIXTURES = join(ROOT, 'test/fixtures');
/** The page of a sample: test/fixtures/<name>/input.md, or the repository's own seed of that name (Hire v1), not copied twice. */
const inputOf = (name: string) => readFileSync(existsSync(join(FIXTURES, name, 'input.md')) ? join(FIXTURES, name, 'input.md') : join(ROOT, 'seeds', `${name}.md`));
const UPDATE = process.env['UPDATE_FIXTURES'] === '1';

/**
 * The diagnostics of reading a page's layout (parse and rows); naming and lock messages
 * belong to other tests.
 */
const LAYOUT_RULES = new Set([
  'front-matter', 'delimiter-row-width', 'indented-row', 'unclosed-html-table', 'not-an-error-table', 'unknown-code-column',
  'code-column', 'unknown-column', 'duplicate-column', 'no-error-table', 'empty-table', 'no-usable-row',
  'extra-cell', 'missing-code', 'invalid-code', 'control-character', 'typo', 'message-from-other-column',
  'empty-message', 'invalid-http-status', 'code-range', 'code-list', 'row-outside-table', 'duplicate-code',
]);

type EntryWant = Partial<Omit<ErrorEntry, 'variants'>> & { variants?: number };
interface SampleWant {
  readonly count: number;
  readonly docUpdated?: string;
  /** Exact values of some fields of some entries (`variants` is their count). */
  readonly entries: Readonly<Record<number, EntryWant>>;
}

const DOC = 'https://open.larkoffice.com/document';
const HELPDESK =
  'https://applink.feishu.cn/client/helpdesk/open?id=6626260912531570952&extra=%7B%22channel%22%3A14%2C%22created_at%22%3A1614493146%2C%22scenario_id%22%3A6885151765134622721%2C%22signature%22%3A%22ca94c408b966dc1de2083e5bbcd418294c146e98%22%7D';

const SAMPLES: Readonly<Record<string, SampleWant>> = {
  'hire-v1': {
    count: 46,
    docUpdated: '2023-11-02',
    entries: {
      1002108: {
        message: 'Resume source does not exist',
        description: '简历来源不存在',
        suggestion: '检查简历来源 ID',
        normalizations: [{ field: 'message', rule: 'typo', from: 'Resume source does not exsit' }],
      },
      // The row with `==标记==` after its last pipe: the noise is dropped, the row kept.
      1002107: { message: 'Type of resume source is invalid', description: '简历来源类型无效', suggestion: '检查简历来源类型 ID' },
    },
  },
  'docs-sheets-errors': {
    count: 45,
    entries: {
      // Rows without a leading pipe, tabs in cells, the doc's own names.
      90201: { name: 'WrongRequestJson', message: '请求体不是一个 json', section: 'sheet open api 错误码' },
      91404: { name: 'LoginRequired', message: '需要登录', section: 'apigateway open api 错误码' },
      95201: { name: 'InternalError', message: '内部错误，详情请咨询客服', normalizations: [{ field: 'code', rule: 'code-range', from: '95201—95209' }] },
      95209: { message: '内部错误，详情请咨询客服', section: 'sheet open api 错误码', normalizations: [{ field: 'code', rule: 'code-range', from: '95201—95209' }] },
    },
  },
  'task-collaborators': {
    count: 8,
    entries: {
      1470403: {
        message: 'The identity token is incorrect. It should be either user_access_token or tenant_access_token.',
        suggestion: '发起请求方的身份token不正确,需要为UserAccessToken或TenantAccessToken其中一种',
        httpStatus: 401,
      },
      1470701: { message: 'Failed to add task collaborator.', httpStatus: 500 },
    },
  },
  'im-read-users': {
    count: 6,
    entries: { 230033: { message: 'Get the reading status must be done within 7 days after the message is sent.', suggestion: '查询消息读取情况只能在发送消息后的7天内。', httpStatus: 400 } },
  },
  'helpdesk-message': {
    count: 6,
    entries: { 154005: { message: 'Method Forbidden', suggestion: '检查是否有权限创建推送', httpStatus: 405 }, 155000: { httpStatus: 500 } },
  },
  'human-auth-facial-image-cropping-error-section': {
    count: 3,
    entries: { 10200: { message: 'crop failed', suggestion: '检查图片是否符合规范' } },
  },
  'wiki-search-wiki-error-section': {
    count: 2,
    entries: { 10002: { message: 'network anomaly, please try again', suggestion: '后端服务异常或网络异常，可重新请求', httpStatus: 200 } },
  },
  'corehr-cost-center-error-code': {
    count: 10,
    entries: { 900281: { message: '操作失败，仍有在途的异动', suggestion: '请检查是否存在关联的异动' } },
  },
  'corehr-pathway-errorcodes': {
    count: 10,
    entries: {
      900253: { message: "Contains illegal characters'/','; ','; '", description: '包含非法字符「/」、「；」、「;」' },
      900104: { message: 'Record not found', description: '未找到对应数据' },
    },
  },
  'corehr-workforce-plan-error-codes': {
    count: 21,
    entries: {
      23: { message: 'permission deny', description: '当前部门不在数据权限范围内' },
      100010012: { message: 'rate limit', description: '限流，请稍后重试' },
    },
  },
  'corehr-add-employment-err-msg': {
    count: 7,
    entries: {
      // Only the unknown 校验 column has text: it becomes the message.
      1160001: { message: '系统错误。请稍后重试或联系技术支持' },
      1160002: { message: 'Employee number is required', description: '「工号」为必填', variants: 128 },
      1160004: { variants: 5 },
      1160008: { message: 'Client_token repeat', description: '幂等 token 重复' },
    },
  },
  'corehr-job-change-error-msg': {
    count: 4,
    entries: {
      1002: { message: 'You have no permission to submit this job change' },
      999999: { message: 'param error', variants: 60 },
      301010049: { message: '{字段名} is illegal' },
    },
  },
  'cardkit-card-callback-error-section': {
    count: 11,
    entries: {
      // Multi-paragraph HTML cell: one line as the message; lists and <br> kept as lines; images gone.
      200340: {
        message: '应用未配置飞书卡片回调地址或配置的请求地址无效。 若应用已配置，请确保你已创建并发布了最新的应用版本使修改生效。',
        suggestion:
          '1. 前往开发者后台，点击目标应用，选择 开发配置 > 事件与回调。\n2. 在 事件与回调 页面 回调配置 页签下，填写正确有效的请求地址并保存。\n3. 在 已订阅的回调 项中，确保已添加卡片回传交互回调。\n提示：你也可以选择使用长连接接收回调。了解更多，参考配置回调订阅方式。',
        links: [
          { field: 'suggestion', text: '开发者后台', url: 'https://open.feishu.cn/app' },
          { field: 'suggestion', text: '配置回调订阅方式', url: `${DOC}/uAjLw4CM/ukTMukTMukTM/event-subscription-guide/callback-subscription/configure-callback-request-address` },
        ],
      },
    },
  },
  'bitable-app-update-error-section': {
    count: 21,
    entries: {
      1254302: { message: 'Permission denied.', httpStatus: 403, section: '错误码' },
      1255040: { message: '请求超时', suggestion: '进行重试', httpStatus: 504, section: '错误码' },
      // The second table, a pipe table with bold headers.
      1254061: { message: '字段格式错误。', suggestion: '确认对应字段类型参数格式是否正确。', section: '补充错误码' },
    },
  },
  'task-v2-overview-error-spec': {
    count: 4,
    entries: {
      1470404: {
        message: '请求要访问的资源不存在或者已经删除，比如要更新一个任务，但是任务已经被删除了。',
        suggestion: '确认资源是否还存在。如果确认还存在，则再次确认要操作的资源的ID被截取或存在不可见的空白字符。\n本问题的一个常见的原因是复制和粘贴资源ID的时候漏了若干字符。',
        httpStatus: 404,
      },
    },
  },
  'im-message-create-error-section': {
    // 15 rows of the `230099 子错误码` table are sub-codes of 230099 (its `subCodes`), not members.
    count: 25,
    entries: {
      230099: {
        message: 'Failed to create card content.',
        httpStatus: 400,
        section: '错误码',
        links: [{ field: 'suggestion', text: '子错误码', url: `${DOC}/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message/create#-f367d31` }],
      },
      // A link whose text spans two lines: a soft break is a space.
      230001: {
        suggestion: '参数错误，可根据接口实际返回的错误信息，并参考接口文档内容，检查输入参数是否填写错误。可根据 ext 信息查看如何解决 230001 错误 文档排查解决。',
      },
    },
  },
  'im-batch-message-error-section': {
    // 9 rows of the `11246 子错误码` table are sub-codes of 11246, not members.
    count: 17,
    entries: {
      11203: {
        message: 'Send employee ids permission denied.',
        suggestion: '通过 user_id 发送消息失败。请确保在开发者后台 > 应用详情页 > 权限管理 > API 权限 中开通了 给多个用户批量发消息 权限。',
        httpStatus: 200,
        links: [{ field: 'suggestion', text: '开发者后台', url: 'https://open.feishu.cn/app' }],
      },
      11205: { links: [{ field: 'suggestion', text: '如何启用机器人能力', url: `${DOC}/uAjLw4CM/ugTN1YjL4UTN24CO1UjN/trouble-shooting/how-to-enable-bot-ability` }] },
    },
  },
  'feishu-generic-error-code-pipe': {
    count: 549,
    entries: {
      600: {
        message: 'expired resource deleted by ka',
        suggestion: '文档数据加载中，请稍后再试，仍然出现可以咨询客服',
        links: [{ field: 'suggestion', text: '咨询客服', url: HELPDESK }],
      },
      40001: { message: 'market place app is not allowed to update user or department', variants: 1 },
      40151: { message: 'custom department id %v is invalid', normalizations: [{ field: 'message', rule: 'typo', from: 'custom department id %v is invaild' }] },
      99992364: { message: 'these ids not existed: %v', variants: 1 },
      10012: { links: [{ field: 'suggestion', text: 'API访问凭证概述', url: 'https://open.feishu.cn/document/ukTMukTMukTM/uMTNz4yM1MjLzUzM' }] },
    },
  },
  'larkoffice-generic-error-code-md-table': {
    count: 549,
    entries: {
      40001: { message: 'market place app is not allowed to update user or department', variants: 1 },
      // `/ssl:ttdoc/…` resolves on the page's own origin.
      10012: { links: [{ field: 'suggestion', text: 'API访问凭证概述', url: `${DOC}/ukTMukTMukTM/uMTNz4yM1MjLzUzM` }] },
    },
  },
};

const NO_ERROR_TABLE = 'attendance-guide-error-info';

function build(names: readonly string[]) {
  const seeds = names.map((name) => ({ path: `seeds/${name}.md`, bytes: inputOf(name) }));
  return buildCatalog(seeds, { config: resolveConfig({}), lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
}

function layoutMessages(file: VFile): string {
  return file.messages
    .filter((message) => LAYOUT_RULES.has(message.ruleId ?? ''))
    .map((message) => {
      const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
      return `${message.line ?? 1}:${message.column ?? 1} ${severity} ${message.reason} ${message.ruleId}\n`;
    })
    .join('');
}

/** Compares with an expected file, or writes it when UPDATE_FIXTURES=1. */
function expectFile(path: string, actual: string): void {
  if (UPDATE) writeFileSync(path, actual);
  else if (!existsSync(path)) expect.fail(`${path} is missing; run with UPDATE_FIXTURES=1 to create it, then review it`);
  else expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('real Feishu pages', () => {
  const names = Object.keys(SAMPLES).sort();
  const { catalog, files } = build(names);
  const modules = new Map<string, ErrorModule>((catalog?.modules ?? []).map((module) => [module.id, module]));

  it('builds every sample without an error', () => {
    const errors = files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map((message) => `${file.path}: ${message.reason}`));
    expect(errors).toEqual([]);
    expect([...modules.keys()].sort()).toEqual(names);
  });

  describe.each(names)('%s', (name) => {
    const want = SAMPLES[name]!;
    const dir = join(FIXTURES, name);

    it('yields exactly the codes of codes.txt', () => {
      const module = modules.get(name)!;
      const codes = module.entries.map((entry) => entry.code);
      expect(codes).toHaveLength(want.count);
      expect(new Set(codes).size).toBe(codes.length);
      expectFile(join(dir, 'codes.txt'), codes.map((code) => `${code}\n`).join(''));
    });

    it('gives the exact field values', () => {
      const module = modules.get(name)!;
      expect(module.docUpdated).toBe(want.docUpdated);
      for (const [code, fields] of Object.entries(want.entries)) {
        const entry = module.entries.find((candidate) => candidate.code === Number(code));
        expect(entry, `code ${code}`).toBeDefined();
        const { variants, ...rest } = fields;
        expect(entry, `code ${code}`).toMatchObject(rest);
        expect(entry!.variants?.length, `variants of ${code}`).toBe(variants);
      }
    });

    it('reports its layout diagnostics as messages.txt has them', () => {
      const file = files.find((candidate) => candidate.path === `seeds/${name}.md`)!;
      expectFile(join(dir, 'messages.txt'), layoutMessages(file));
    });
  });

  it('reads the pipe and the <md-table> rendering of the general error page alike', () => {
    const pipe = modules.get('feishu-generic-error-code-pipe')!.entries;
    const html = modules.get('larkoffice-generic-error-code-md-table')!.entries;
    // The pages differ only in where their doc links point (open.feishu.cn vs open.larkoffice.com).
    const comparable = (entries: readonly ErrorEntry[]) =>
      entries.map(({ links, ...entry }) => ({
        ...entry,
        links: links?.map((link) => ({ ...link, url: link.url.replace(/^https:\/\/open\.(feishu\.cn|larkoffice\.com)\/document\//, 'DOC/') })),
      }));
    expect(comparable(html)).toEqual(comparable(pipe));
  });
});

describe('a page without an error-code column', () => {
  it('fails generate with exit 2 and one clear error, and lint with exit 1', async () => {
    const dir = makeProject({ [`${NO_ERROR_TABLE}.md`]: inputOf(NO_ERROR_TABLE) });
    const error =
      'Unexpected doc without an error table, expected a table with an error-code column such as `错误码`, `code` or `Error code`; found 1 table(s) without one (line 6: `响应体msg` | `msg解释` | `处理方案`). Name the code column so, or remove this doc from the seeds';
    const generate = await runCli(['generate'], dir);
    expect(generate.code).toBe(2);
    expect(generate.stdout).toBe('');
    expect(generate.stderr).toBe(
      `seeds/${NO_ERROR_TABLE}.md:6:1 error ${error} no-error-table\nfeishu-errcodes: errors in the seeds (above); nothing was written.\n`,
    );
    expect(existsSync(join(dir, 'generated'))).toBe(false);

    const lint = await runCli(['lint'], dir);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toBe(
      `seeds/${NO_ERROR_TABLE}.md:6:1 info Table without an error-code column (headers: 响应体msg, msg解释, 处理方案), not read as an error table not-an-error-table\n` +
        `seeds/${NO_ERROR_TABLE}.md:6:1 error ${error} no-error-table\n`,
    );
    expectFile(join(FIXTURES, NO_ERROR_TABLE, 'messages.txt'), layoutMessages(build([NO_ERROR_TABLE]).files[0]!));
  });
});

describe('generated output of every sample', async () => {
  const names = Object.keys(SAMPLES).sort();
  const dir = makeProject(Object.fromEntries(names.map((name) => [`${name}.md`, inputOf(name)])));
  const result = await runCli(['generate'], dir);
  const out = join(dir, 'generated');
  const tree = result.code === 0 ? readTree(out) : {};

  it('generates with exit 0', () => {
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.code).toBe(0);
    expect(Object.keys(tree).filter((path) => /^json\/[^/]+\.json$/.test(path) && path !== 'json/catalog.json').sort()).toEqual(
      names.map((name) => `json/${name}.json`),
    );
  });

  it('compiles the TypeScript with tsc --strict', () => {
    expect(typecheck(join(out, 'ts'))).toBe('');
  });

  it.skipIf(!hasGo && !requireTools)('passes gofmt and go vet', () => {
    expect(goCheck(join(out, 'go'))).toBe('');
  });

  it('validates every JSON catalogue against its schema and every OpenAPI document', async () => {
    for (const name of names) {
      expect(validateCatalog(tree[`json/${name}.json`]!), name).toBe('');
      expect(await validateOpenApi(tree[`openapi/${name}.yaml`]!), name).toBe('');
    }
  });
});
