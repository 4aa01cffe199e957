/**
 * Module folders (issue 29): real Server API pages copied into test/fixtures/module-folder/seeds
 * as the doc site nests them. One member per code per module, the majority's texts and verdict,
 * every endpoint that says otherwise kept, sub-code rows under their parent.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, type SeedInput } from '../../src/generate.js';
import { resolveConfig } from '../../src/config.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { readSeeds } from '../../src/project.js';
import type { ErrorModule } from '../../src/model.js';
import { ROOT } from '../helpers/tools.js';
import type { VFile } from 'vfile';

const FIXTURE = join(ROOT, 'test/fixtures/module-folder');
const seeds = readSeeds(FIXTURE, join(FIXTURE, 'seeds'), 'seeds');
const config = resolveConfig({});
const build = (inputs: readonly SeedInput[]) => buildCatalog(inputs, { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
const { catalog, files } = build(seeds);
const moduleOf = (id: string): ErrorModule => catalog!.modules.find((module) => module.id === id)!;
const messages = (rule: string) => files.flatMap((file) => file.messages.filter((message) => message.ruleId === rule).map((message) => `${file.path}:${message.line ?? 1} ${message.reason}`));


/** The severity of each message of a rule, as `lint` prints it. */
function severities(files: readonly VFile[], rule: string): string[] {
  return files.flatMap((file) => file.messages.filter((message) => message.ruleId === rule).map((message) => (message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info')));
}

describe('module folders', () => {
  it('reads every page under seeds/<module>/ at any depth as one module; flat seeds stay modules of their own', () => {
    expect(files.filter((file) => file.messages.some((message) => message.fatal))).toEqual([]);
    expect(catalog!.modules.map((module) => [module.id, module.seed, module.typeName, module.goPackage])).toEqual([
      ['corehr-v1', 'seeds/corehr-v1', 'CorehrErrorCode', 'corehr'],
      ['hire-v1', 'seeds/hire-v1.md', 'HireErrorCode', 'hire'],
      ['im-v1', 'seeds/im-v1', 'ImV1ErrorCode', 'imv1'],
      ['im-v2', 'seeds/im-v2', 'ImV2ErrorCode', 'imv2'],
    ]);
    expect(seeds.find((seed) => seed.path === 'seeds/corehr-v1/siganture/signature_file/download.md')?.module).toBe('corehr-v1');
  });

  it('gives a code listed by several endpoints one member with what most of them say, and keeps each endpoint that differs', () => {
    const entry = moduleOf('corehr-v1').entries.find((candidate) => candidate.code === 1160001)!;
    // Two endpoints say `system error` (500), one `Param Invalid` (400).
    expect(entry).toMatchObject({ message: 'system error', httpStatus: 500, category: 'server', retryable: true, retry: 'with_backoff' });
    expect(entry.endpoints).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/open-apis/corehr/v1/common_data/id/convert',
        docUrl: 'https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/corehr-v1/common_data-id/convert',
        httpStatus: 400,
        message: 'Param Invalid',
        category: 'validation',
        retryable: false,
        retry: 'never',
      }),
    ]);
    // The name holds for both meanings.
    expect(entry.name).toBe('SystemErrorOrParamInvalid');
  });

  it('lists the endpoints of a module with their rate-limit tiers, sorted by path then method', () => {
    const endpoints = moduleOf('corehr-v1').endpoints!;
    expect(endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual([...endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`)].sort());
    expect(endpoints.find((endpoint) => endpoint.path === '/open-apis/corehr/v1/common_data/id/convert')).toMatchObject({ method: 'POST' });
    const create = moduleOf('im-v1').endpoints!.find((endpoint) => endpoint.path === '/open-apis/im/v1/messages')!;
    expect(create.rateLimit).toMatchObject({ perSecond: 50, perMinute: 1000 });
  });

  it('keeps the sub-code rows of 230099 under it, not as members of their own', () => {
    const im = moduleOf('im-v1');
    const parent = im.entries.find((entry) => entry.code === 230099)!;
    expect(parent.subCodes?.map((sub) => sub.subCode)).toEqual(expect.arrayContaining([100290, 11310, 200380]));
    expect(parent.subCodes?.find((sub) => sub.subCode === 200380)).toMatchObject({ name: 'TemplateDoesNotExist', category: 'not_found' });
    for (const sub of parent.subCodes ?? []) expect(im.entries.some((entry) => entry.code === sub.subCode)).toBe(false);
  });

  it('reports a guide page without an error table as info, not an error', () => {
    expect(messages('no-error-table')).toEqual([expect.stringMatching(/^seeds\/corehr-v1\/custom-fields-guide\.md:\d+ Page without an error table/)]);
    expect(files.find((file) => file.path === 'seeds/corehr-v1/custom-fields-guide.md')!.messages.every((message) => message.fatal !== true)).toBe(true);
  });

  it('warns once about a module folder in which no page has an error table, and leaves it out', () => {
    const guide = seeds.find((seed) => seed.path.endsWith('custom-fields-guide.md'))!;
    const result = build([...seeds, { ...guide, path: 'seeds/bot-v3/guide.md', module: 'bot-v3', moduleDir: 'seeds/bot-v3' }]);
    const warnings = result.files.flatMap((file) => file.messages.filter((message) => message.ruleId === 'empty-module').map((message) => `${file.path} ${message.reason}`));
    expect(warnings).toEqual([expect.stringMatching(/^seeds\/bot-v3 Module folder seeds\/bot-v3 has no page with an error table \(1 page\(s\) read\)/)]);
    expect(result.catalog!.modules.map((module) => module.id)).not.toContain('bot-v3');
    // A warning: the user acts on it (remove the folder, or add its pages).
    expect(severities(result.files, 'empty-module')).toEqual(['warning']);
  });

  it('merges two pages of one module declaring the same endpoint, with an info naming both', () => {
    const page = seeds.find((seed) => seed.path.endsWith('convert.md'))!;
    const result = build([...seeds, { ...page, path: 'seeds/corehr-v1/copy/convert.md' }]);
    const warnings = result.files.flatMap((file) => file.messages.filter((message) => message.ruleId === 'duplicate-endpoint').map((message) => `${file.path} ${message.reason}`));
    expect(warnings).toEqual([expect.stringMatching(/^seeds\/corehr-v1\/copy\/convert\.md Endpoint `POST \/open-apis\/corehr\/v1\/common_data\/id\/convert` is also declared by seeds\/corehr-v1\/common_data-id\/convert\.md/)]);
    const entry = result.catalog!.modules.find((module) => module.id === 'corehr-v1')!.entries.find((candidate) => candidate.code === 1160001)!;
    expect(entry.endpoints).toHaveLength(1);
    // What Feishu's doc tree does, resolved by the merge: an info.
    expect(severities(result.files, 'duplicate-endpoint')).toEqual(['info']);
  });

  it('reports (an info) two modules declaring one endpoint, and each keeps it', () => {
    const page = seeds.find((seed) => seed.path.endsWith('convert.md'))!;
    const result = build([...seeds, { ...page, path: 'seeds/ehr-v1/convert.md', module: 'ehr-v1', moduleDir: 'seeds/ehr-v1' }]);
    const warnings = result.files.flatMap((file) => file.messages.filter((message) => message.ruleId === 'shared-endpoint').map((message) => message.reason));
    expect(warnings).toEqual([expect.stringContaining('`POST /open-apis/corehr/v1/common_data/id/convert` is declared in modules corehr-v1 and ehr-v1')]);
    expect(result.catalog!.modules.find((module) => module.id === 'ehr-v1')!.endpoints).toHaveLength(1);
    expect(severities(result.files, 'shared-endpoint')).toEqual(['info']);
  });

  it('is deterministic: the same pages in another order give the same catalogue', () => {
    expect(build([...seeds].reverse()).catalog).toEqual(catalog);
  });
});
