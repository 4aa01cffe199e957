/**
 * `sync --lang en` fetches each seed's page in English too, into the companion seed
 * `<id>.en.md`, from the same path on the English host (config `syncHosts`, default
 * open.larksuite.com); `generate` then merges both languages into one module.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { makeProject, ROOT, runCli } from '../helpers/tools.js';
import { markdown, runCliWithoutProxies, startDocServer, type DocServer } from './doc-server.js';

const zhPage = readFileSync(join(ROOT, 'test/fixtures/bilingual/task-v2.md'), 'utf8');
const enPage = readFileSync(join(ROOT, 'test/fixtures/bilingual/task-v2.en.md'), 'utf8');
const body = (page: string) => page.slice(page.indexOf('\n---\n') + 5);
const PATH = '/document/uAjLw4CM/ukTMukTMukTM/task-v2/overview';

let feishu: DocServer;
let lark: DocServer;
beforeAll(async () => {
  [feishu, lark] = await Promise.all([startDocServer(), startDocServer()]);
  feishu.route(`${PATH}.md`, markdown(body(zhPage)));
  lark.route(`${PATH}.md`, markdown(body(enPage)));
});
afterAll(async () => {
  await Promise.all([feishu.close(), lark.close()]);
});

describe('sync --lang en', () => {
  it('defaults the English host to open.larksuite.com', () => {
    expect(resolveConfig({}).syncHosts).toEqual({ en: 'open.larksuite.com' });
  });

  it('creates the English companion beside the seed, and generate merges both languages', async () => {
    const seed = `---\ntitle: 任务概述\nsource_url: ${feishu.origin}${PATH}\n---\n${body(zhPage)}`;
    const config = JSON.stringify({ syncHosts: { en: new URL(lark.origin).host } });
    const dir = makeProject({ 'task-v2.md': seed }, { 'feishu-errcodes.config.json': config });
    const result = await runCliWithoutProxies(['sync', '--lang', 'en'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`created seeds/task-v2.en.md from ${lark.origin}${PATH}.md\n`);
    expect(result.stdout).toContain(`unchanged seeds/task-v2.md`);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'seeds/task-v2.en.md'), 'utf8')).toContain(`source_url: ${lark.origin}${PATH}\n`);

    expect((await runCli(['generate'], dir)).code).toBe(0);
    const catalog = JSON.parse(readFileSync(join(dir, 'generated/json/task-v2.json'), 'utf8')) as { errors: { code: number; translations?: { en?: { message?: string } } }[] };
    expect(catalog.errors.find((entry) => entry.code === 1470400)!.translations!.en!.message).toBe('Invalid request parameters, such as creating a task without a title.');

    // Synced again: the companion is synced with its main seed, once.
    const again = await runCliWithoutProxies(['sync', '--lang', 'en'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout.match(/seeds\/task-v2\.en\.md/g)).toHaveLength(1);
  });

  it('refuses a language without a host, and a tag that is not one', async () => {
    const dir = makeProject({ 'task-v2.md': `---\nsource_url: ${feishu.origin}${PATH}\n---\n${body(zhPage)}` });
    const ja = await runCliWithoutProxies(['sync', '--lang', 'ja'], dir);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toBe('feishu-errcodes: --lang ja: no host for ja pages; set syncHosts["ja"] in the config (e.g. "open.larksuite.com")\n');
    const bad = await runCliWithoutProxies(['sync', '--lang', 'EN!'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a language tag');
  });
});
