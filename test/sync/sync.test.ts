import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/project.js';
import { sync, type SyncOptions } from '../../src/sync/sync.js';
import { makeProject, readTree, ROOT, runCli, validateCatalog } from '../helpers/tools.js';
import {
  announcesHuge, endless, markdown, redirect, runCliWithoutProxies, silent, stalls, startDocServer, startProxy, status, type DocServer,
} from './doc-server.js';

const hireSeed = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');
/** The page as Feishu serves it: the seed without its front matter. */
const hireV1 = hireSeed.slice(hireSeed.indexOf('\n---\n') + 5);
/** Feishu's next edit: 1002999 added, 1002104 reworded, 1002201 gone. */
const hireV2 = hireV1
  .replace('| 1002104          | Cannot download attachment|', '| 1002104          | Cannot download resume attachment|')
  .replace('| 1002201 | Application not exist |投递不存在 |检查投递 ID|\n', '')
  .replace(
    '| 1002108          | Resume source does not exsit |简历来源不存在|检查简历来源 ID|\n',
    '| 1002108          | Resume source does not exsit |简历来源不存在|检查简历来源 ID|\n| 1002999 | Offer not exist|Offer 不存在|检查 Offer ID|\n',
  );
const smallDoc = (code: number, message: string) => `# 错误码\n\n|code|message|说明|\n|--|--|--|\n| ${code} | ${message} | 说明 |\n`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const seedFor = (url: string, body = smallDoc(1, 'Old message'), title = '错误码') => `---\ntitle: "${title}"\nsource_url: ${url}\n---\n${body}`;

let server: DocServer;
beforeAll(async () => {
  server = await startDocServer();
});
afterAll(async () => {
  await server.close();
});

describe('sync of a changed doc', () => {
  it('replaces the seed, prints the code changes, and the next generate carries them', async () => {
    expect(hireV2).not.toBe(hireV1);
    server.route('/document/server-docs/hire-v1/error_code.md', markdown(hireV1));
    const seed = hireSeed.replace('https://open.feishu.cn', server.origin);
    const dir = makeProject({ 'hire-v1.md': seed });
    expect((await runCli(['generate'], dir)).code).toBe(0);

    const same = await runCliWithoutProxies(['sync'], dir);
    expect(same.stderr).toBe('');
    expect(same.stdout).toBe('unchanged seeds/hire-v1.md\nfeishu-errcodes: 1 seed(s): 1 unchanged.\n');
    expect(same.code).toBe(0);
    expect(readFileSync(join(dir, 'seeds/hire-v1.md'), 'utf8')).toBe(seed);

    server.route('/document/server-docs/hire-v1/error_code.md', markdown(hireV2));
    const synced = await runCliWithoutProxies(['sync'], dir);
    expect(synced.stderr).toBe('');
    const lines = synced.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `updated seeds/hire-v1.md from ${server.origin}/document/server-docs/hire-v1/error_code.md`,
      // The `diff` classification, with the lock generate will use: the gone code stays, deprecated.
      '  hire-v1: no breaking change; 1 code added, 1 code deprecated, 1 message changed',
    ]);
    expect(synced.stdout).toMatch(/^ +message +1002104 +CannotDownloadAttachment +Cannot download \{\+resume\+\} attachment$/m);
    expect(synced.stdout).toMatch(/^ +deprecated +1002201 +ApplicationNotExist /m);
    expect(synced.stdout).toMatch(/^ +added +1002999 +OfferNotExist +Offer not exist$/m);
    expect(lines.slice(-3)).toEqual(['feishu-errcodes: 1 seed(s): 1 updated.', 'Run `feishu-errcodes generate` to bring the generated files up to date.', '']);
    expect(synced.code).toBe(0);
    // The front matter is the seed's own, byte for byte; the body is the page's.
    const updated = readFileSync(join(dir, 'seeds/hire-v1.md'), 'utf8');
    expect(updated).toBe(seed.slice(0, seed.indexOf('\n---\n') + 5) + hireV2);

    const generated = await runCli(['generate'], dir);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('updated generated/ts/hire-v1.ts');
    const catalogText = readFileSync(join(dir, 'generated/json/hire-v1.json'), 'utf8');
    expect(validateCatalog(catalogText)).toBe('');
    const errors = JSON.parse(catalogText).errors as { code: number; name: string; message: string; deprecated?: boolean }[];
    expect(errors.find((entry) => entry.code === 1002999)).toMatchObject({ name: 'OfferNotExist', message: 'Offer not exist' });
    // Reworded, but the name lock keeps its name.
    expect(errors.find((entry) => entry.code === 1002104)).toMatchObject({ name: 'CannotDownloadAttachment', message: 'Cannot download resume attachment' });
    // Gone from the page: kept by the lock, as deprecated.
    expect(errors.find((entry) => entry.code === 1002201)).toMatchObject({ deprecated: true });
    const ts = readFileSync(join(dir, 'generated/ts/hire-v1.ts'), 'utf8');
    // A tree of this shape (codes added, reworded, deprecated) is type-checked by lock/scenarios.test.ts.
    expect(ts).toMatch(/^ {2}OfferNotExist = 1002999,$/m);
  });

  it('with --dry-run reports the same changes and writes nothing', async () => {
    server.route('/document/dry.md', markdown(smallDoc(2, 'New code')));
    const seed = seedFor(`${server.origin}/document/dry`);
    const dir = makeProject({ 'dry.md': seed });
    const result = await runCliWithoutProxies(['sync', '--dry-run'], dir);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `would be updated seeds/dry.md from ${server.origin}/document/dry.md`,
      // No name lock yet: the gone code is removed, which breaks code that used it.
      '  dry: 1 breaking change (1 code removed); 1 code added',
    ]);
    expect(result.stdout).toMatch(/^ +breaking +removed +1 +OldMessage /m);
    expect(result.stdout).toMatch(/^ +added +2 +NewCode +New code$/m);
    expect(lines.slice(-3)).toEqual(['feishu-errcodes: 1 seed(s): 1 would be updated.', 'Dry run: nothing was written.', '']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'seeds/dry.md'), 'utf8')).toBe(seed);
  });
});

describe('sync when pages fail', () => {
  const cases: [name: string, route: Parameters<DocServer['route']>[1], reason: (url: string) => string][] = [
    ['not-found', status(404), () => 'HTTP 404 Not Found'],
    ['server-error', status(503), () => 'HTTP 503 Service Unavailable'],
    [
      'login',
      redirect('/passport/login?redirect_uri=%2Fdocument%2Flogin'),
      () => `redirected to a login page (${server.origin}/passport/login?redirect_uri=%2Fdocument%2Flogin); the docs need no login, so the URL is likely wrong or the page was made private`,
    ],
    [
      'elsewhere',
      redirect('https://accounts.example.test/signin'),
      () => 'redirected to a login page (https://accounts.example.test/signin); the docs need no login, so the URL is likely wrong or the page was made private',
    ],
    [
      'other-host',
      redirect('http://docs.example.test/page.md', 301),
      () => 'redirected to another host (http://docs.example.test/page.md), likely a login or error page; if the page really moved, update its source_url',
    ],
    ['html', markdown('<p>Sign in to continue</p>', 'text/html; charset=utf-8'), () => 'got an HTML page (content-type text/html), not markdown; check the URL or --url-template'],
    ['html-as-text', markdown('\n<!DOCTYPE html>\n<html><body>hi</body></html>', 'text/plain'), () => 'got an HTML page, not markdown; check the URL or --url-template'],
    ['endless', endless, () => 'the body is larger than the 102400-byte limit (cut off while reading); raise --max-bytes if the page really is that big'],
    ['announces-huge', announcesHuge, () => `the body is larger than the 102400-byte limit (it announces ${50 * 1024 * 1024} bytes); raise --max-bytes if the page really is that big`],
    [
      'no-table',
      markdown('# 错误码\n\nThis page lists no codes any more.\n'),
      // The rest of the message is the normalizer's own wording.
      () => 'the fetched doc would not generate: line 1: Unexpected doc without an error table',
    ],
    ['not-utf8', (_, response) => response.writeHead(200, { 'content-type': 'text/markdown' }).end(Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a])), () => 'the body is not UTF-8 text, expected markdown'],
    ['empty', markdown(''), () => 'the body is empty, expected markdown'],
  ];

  it('leaves each failed seed untouched, names the URL and the reason, still syncs the others, and exits 1', async () => {
    const seeds: Record<string, string> = {};
    for (const [name, route] of cases) {
      server.route(`/document/${name}.md`, route);
      seeds[`${name}.md`] = seedFor(`${server.origin}/document/${name}`);
    }
    // A page that moved on the same host is followed; one without source_url is left alone.
    server.route('/document/moved.md', redirect('/document/moved-here.md', 301));
    server.route('/document/moved-here.md', markdown(smallDoc(7, 'Moved code')));
    seeds['moved.md'] = seedFor(`${server.origin}/document/moved`);
    seeds['local.md'] = smallDoc(9, 'Hand written');
    const dir = makeProject(seeds);

    const result = await runCliWithoutProxies(['sync', '--max-bytes', '100k', '--verbose'], dir);
    const expected = cases
      .map(([name, , reason]) => {
        const line = `feishu-errcodes: seeds/${name}.md: not synced from ${server.origin}/document/${name}.md: ${reason(name)}`;
        return [name, name === 'no-table' ? expect.stringMatching(new RegExp(`^${escapeRegExp(line)}\\b.*\\. The seed is left as it was\\.$`)) : `${line}. The seed is left as it was.`] as const;
      })
      .sort(([a], [b]) => (`${a}.md` < `${b}.md` ? -1 : 1))
      .map(([, line]) => line);
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^feishu-errcodes: no project root found in /), ...expected]);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'skipped seeds/local.md (no source_url in its front matter)',
      `updated seeds/moved.md from ${server.origin}/document/moved.md`,
      '  moved: 1 breaking change (1 code removed); 1 code added',
    ]);
    expect(lines.slice(-3)).toEqual([
      `feishu-errcodes: ${cases.length + 2} seed(s): 1 updated, 1 without source_url, ${cases.length} failed (left as they were).`,
      'Run `feishu-errcodes generate` to bring the generated files up to date.',
      '',
    ]);
    expect(result.code).toBe(1);
    for (const [name, text] of Object.entries(seeds)) {
      if (name !== 'moved.md') expect(readFileSync(join(dir, 'seeds', name), 'utf8'), name).toBe(text);
    }
    expect(readFileSync(join(dir, 'seeds/moved.md'), 'utf8')).toBe(seedFor(`${server.origin}/document/moved`, smallDoc(7, 'Moved code')));
    expect(server.requests).toContain('/document/moved-here.md');
    expect(server.requests).not.toContain('/passport/login');
  });

  it('gives up on a page that does not answer within --timeout', async () => {
    server.route('/document/silent.md', silent);
    server.route('/document/stalls.md', stalls);
    const dir = makeProject({
      'silent.md': seedFor(`${server.origin}/document/silent`),
      'stalls.md': seedFor(`${server.origin}/document/stalls`),
    });
    const result = await runCliWithoutProxies(['sync', '--timeout', '0.5'], dir);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `feishu-errcodes: seeds/silent.md: not synced from ${server.origin}/document/silent.md: no complete answer within 0.5 s; raise --timeout if the network is slow. The seed is left as it was.`,
      `feishu-errcodes: seeds/stalls.md: not synced from ${server.origin}/document/stalls.md: no complete answer within 0.5 s; raise --timeout if the network is slow. The seed is left as it was.`,
    ]);
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, 'seeds/silent.md'), 'utf8')).toBe(seedFor(`${server.origin}/document/silent`));
  });
});

describe('sync when the network fails', () => {
  it('names a refused connection and a host that does not resolve, leaves both seeds, and exits 1', async () => {
    // A port nothing listens on: a server's, once it is closed.
    const closed = await startDocServer();
    await closed.close();
    const dir = makeProject({
      'refused.md': seedFor(`${closed.origin}/document/refused`),
      // .invalid never resolves (RFC 6761); without a network the lookup fails at once as well.
      'unresolvable.md': seedFor('http://feishu-docs.invalid/document/gone'),
    });
    const result = await runCliWithoutProxies(['sync', '--timeout', '10'], dir);
    const [refused, unresolvable] = result.stderr.trimEnd().split('\n');
    expect(refused).toBe(`feishu-errcodes: seeds/refused.md: not synced from ${closed.origin}/document/refused.md: connection refused (ECONNREFUSED). The seed is left as it was.`);
    expect(unresolvable).toMatch(
      /^feishu-errcodes: seeds\/unresolvable\.md: not synced from http:\/\/feishu-docs\.invalid\/document\/gone\.md: host not found \((ENOTFOUND|EAI_AGAIN)\); check the URL and the network\. The seed is left as it was\.$/,
    );
    expect(result.stdout).toBe('feishu-errcodes: 2 seed(s): 2 failed (left as they were).\n');
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, 'seeds/refused.md'), 'utf8')).toBe(seedFor(`${closed.origin}/document/refused`));
  });
});

describe('sync of seeds it cannot read a page from', () => {
  it('fails the unreadable ones with what to fix, skips those without source_url, fetches none of them', async () => {
    const dir = makeProject({
      'latin1.md': new Uint8Array([...new TextEncoder().encode(`---\nsource_url: ${server.origin}/document/latin1\n---\n| code | message |\n| --- | --- |\n| 1 | caf`), 0xe9, 0x0a]),
      'list.md': `---\n- ${server.origin}/document/list\n---\n${smallDoc(1, 'One')}`,
      'ftp.md': seedFor('ftp://files.test/document/ftp'),
      'plain.md': smallDoc(1, 'No source'),
    });
    const before = readTree(dir);
    const requests = server.requests.length;
    const result = await sync({ cwd: dir, env: {} });
    expect(result.seeds).toEqual([
      { path: 'seeds/ftp.md', status: 'failed', reason: 'its source_url `ftp://files.test/document/ftp` is not an http(s) URL; fix it in the front matter' },
      { path: 'seeds/latin1.md', status: 'failed', reason: 'the seed is not UTF-8 text, so its source_url cannot be read; re-save it as UTF-8' },
      { path: 'seeds/list.md', status: 'failed', reason: 'its front matter is not a YAML mapping, so its source_url cannot be read; run `feishu-errcodes lint` for details' },
      { path: 'seeds/plain.md', status: 'skipped', reason: 'no source_url in its front matter' },
    ]);
    expect(server.requests.length).toBe(requests);
    expect(readTree(dir)).toEqual(before);

    const cli = await runCliWithoutProxies(['sync', '--verbose'], dir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('skipped seeds/plain.md (no source_url in its front matter)\nfeishu-errcodes: 4 seed(s): 1 without source_url, 3 failed (left as they were).\n');
    const [root, ...failed] = cli.stderr.trimEnd().split('\n');
    expect(root).toBe(`feishu-errcodes: no project root found in ${dir} or above it: no feishu-errcodes.config.json, nor package.json beside seeds/; running in ${dir}`);
    expect(failed.map((line) => line.slice(0, line.indexOf(': not synced')))).toEqual([
      'feishu-errcodes: seeds/ftp.md',
      'feishu-errcodes: seeds/latin1.md',
      'feishu-errcodes: seeds/list.md',
    ]);
  });
});

describe('sync --add', () => {
  it('creates a seed with the page title and source_url that generate builds', async () => {
    server.route('/document/server-docs/task-v1/error_code.md', markdown('# 任务错误码\n\n| HTTP状态码 | 错误码 | 描述 | 排查建议 |\n|--|--|--|--|\n| 400 | 1470400 | Invalid parameter | 检查参数 |\n'));
    const dir = makeProject({ 'hire-v1.md': hireSeed });
    const url = `${server.origin}/document/server-docs/task-v1/error_code`;
    const result = await runCliWithoutProxies(['sync', '--add', `${url}.md#top`, '--as', 'task-v1'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        `created seeds/task-v1.md from ${url}.md`,
        '  task-v1: no breaking change; 1 module added, 1 code added',
        'feishu-errcodes: 1 seed(s): 1 created.',
        'Run `feishu-errcodes generate` to bring the generated files up to date.',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'seeds/task-v1.md'), 'utf8')).toBe(
      `---\ntitle: 任务错误码\nsource_url: ${url}\n---\n# 任务错误码\n\n| HTTP状态码 | 错误码 | 描述 | 排查建议 |\n|--|--|--|--|\n| 400 | 1470400 | Invalid parameter | 检查参数 |\n`,
    );
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const catalog = JSON.parse(readFileSync(join(dir, 'generated/json/task-v1.json'), 'utf8'));
    expect(catalog).toMatchObject({ module: 'task-v1', title: '任务错误码', sourceUrl: url, errors: [{ code: 1470400, httpStatus: 400 }] });

    const again = await runCliWithoutProxies(['sync', '--add', url], dir);
    expect(again.stderr).toBe(`feishu-errcodes: seeds/task-v1.md already syncs ${url}; run \`feishu-errcodes sync task-v1\` to update it\n`);
    expect(again.code).toBe(2);
  });

  it('names the seed after the URL path without its error-page words, into an empty seeds folder', async () => {
    server.route('/document/Helpdesk%20Errors.md', markdown(smallDoc(3, 'Ticket not found')));
    const dir = makeProject({});
    const result = await sync({ cwd: dir, add: `${server.origin}/document/Helpdesk%20Errors`, env: {} });
    expect(result.seeds).toMatchObject([{ path: 'seeds/helpdesk.md', status: 'created', url: `${server.origin}/document/Helpdesk%20Errors.md` }]);
    expect(readFileSync(join(dir, 'seeds/helpdesk.md'), 'utf8')).toBe(
      `---\ntitle: 错误码\nsource_url: ${server.origin}/document/Helpdesk%20Errors\n---\n${smallDoc(3, 'Ticket not found')}`,
    );
  });

  it('refuses a module id that is taken and leaves a failed page unadded', async () => {
    const dir = makeProject({ 'hire-v1.md': hireSeed });
    await expect(sync({ cwd: dir, add: `${server.origin}/document/other`, as: 'Hire-V1', env: {} })).rejects.toThrow(
      new UserError('seeds/hire-v1.md already exists; pick another module id with --as <id>'),
    );
    const missing = await sync({ cwd: dir, add: `${server.origin}/document/nowhere`, env: {} });
    expect(missing.seeds).toEqual([{ path: 'seeds/nowhere.md', status: 'failed', url: `${server.origin}/document/nowhere.md`, reason: 'HTTP 404 Not Found' }]);
    expect(existsSync(join(dir, 'seeds/nowhere.md'))).toBe(false);
  });
});

describe('sync options', () => {
  it('fetches from --url-template and from the config\'s syncUrlTemplate', async () => {
    server.route('/mirror/document/tpl/raw.md', markdown(smallDoc(4, 'From the mirror')));
    const seed = seedFor('https://open.feishu.test/document/tpl');
    const dir = makeProject({ 'tpl.md': seed });
    const flag = await sync({ cwd: dir, dryRun: true, urlTemplate: `${server.origin}/mirror{path}/raw.md`, env: {} });
    expect(flag.seeds).toMatchObject([{ path: 'seeds/tpl.md', status: 'updated', url: `${server.origin}/mirror/document/tpl/raw.md` }]);
    expect(readFileSync(join(dir, 'seeds/tpl.md'), 'utf8')).toBe(seed);

    writeFileSync(join(dir, 'feishu-errcodes.config.json'), JSON.stringify({ syncUrlTemplate: `${server.origin}/mirror{path}/raw.md` }));
    const config = await sync({ cwd: dir, only: ['tpl'], env: {} });
    expect(config.seeds).toMatchObject([{ path: 'seeds/tpl.md', status: 'updated', url: `${server.origin}/mirror/document/tpl/raw.md` }]);
    // source_url still names the page, not the mirror.
    expect(readFileSync(join(dir, 'seeds/tpl.md'), 'utf8')).toBe(seedFor('https://open.feishu.test/document/tpl', smallDoc(4, 'From the mirror')));
  });

  it('goes through the proxy named by HTTP_PROXY', async () => {
    server.route('/document/proxied.md', markdown(smallDoc(5, 'Through the proxy')));
    const proxy = await startProxy(server.origin);
    try {
      // feishu-docs.test does not resolve: only the proxy can reach it.
      const dir = makeProject({ 'proxied.md': seedFor('http://feishu-docs.test/document/proxied') });
      const result = await sync({ cwd: dir, env: { HTTP_PROXY: proxy.origin } });
      expect(result.proxy).toBe('HTTP_PROXY');
      expect(result.seeds).toMatchObject([{ path: 'seeds/proxied.md', status: 'updated', url: 'http://feishu-docs.test/document/proxied.md' }]);
      expect(proxy.tunnels).toEqual(['feishu-docs.test:80']);

      // A host NO_PROXY names is reached directly.
      const direct = makeProject({ 'direct.md': seedFor(`${server.origin}/document/proxied`) });
      const bypass = await sync({ cwd: direct, env: { HTTP_PROXY: proxy.origin, NO_PROXY: 'localhost,127.0.0.1' } });
      expect(bypass.seeds).toMatchObject([{ path: 'seeds/direct.md', status: 'updated' }]);
      expect(proxy.tunnels).toEqual(['feishu-docs.test:80']);
    } finally {
      await proxy.close();
    }
  });

  it('refuses usage mistakes before fetching anything', async () => {
    const seed = seedFor('https://open.feishu.test/document/x');
    const dir = makeProject({ 'x.md': seed, 'plain.md': smallDoc(1, 'No source') });
    const cases: [options: SyncOptions, message: string][] = [
      [{ urlTemplate: 'https://mirror.test/{name}.md' }, '--url-template `https://mirror.test/{name}.md` has an unknown placeholder `{name}`; use {url} (the page URL) or {path} (its path, starting with /)'],
      [{ urlTemplate: 'https://mirror.test/page.md' }, '--url-template `https://mirror.test/page.md` has no placeholder; use {url} (the page URL) or {path} (its path, starting with /), e.g. `{url}.md`'],
      [{ only: ['nope'] }, 'No seed `nope` in seeds/; name a module id (plain, x) or add the page with `sync --add <url>`'],
      [{ only: ['plain'] }, 'seeds/plain.md has no source_url in its front matter; add `source_url: <page URL>` at the top to sync it'],
      [{ add: 'ftp://files.test/doc' }, '`ftp://files.test/doc` is not an http(s) URL; pass the page URL, e.g. https://open.feishu.cn/document/server-docs/hire-v1/error_code'],
      [{ add: 'https://open.feishu.test/document/', as: '--' }, '--as `--` has no letter or digit to make a seed name of; pass an id such as hire-v1'],
      [{ env: { HTTPS_PROXY: 'proxy.corp:8080' } }, 'HTTPS_PROXY=proxy.corp:8080 is not a proxy URL; set it like http://proxy.example.com:8080, or unset it'],
    ];
    for (const [options, message] of cases) {
      await expect(sync({ cwd: dir, env: {}, ...options }), message).rejects.toThrow(new UserError(message));
    }
    expect(readFileSync(join(dir, 'seeds/x.md'), 'utf8')).toBe(seed);
    await expect(sync({ cwd: makeProject({ 'plain.md': smallDoc(1, 'No source') }), env: {} })).rejects.toThrow(
      new UserError('No seed in seeds/ has a source_url to sync from; add `source_url: <page URL>` to a seed\'s front matter, or add a page with `sync --add <url>`'),
    );
  });

  it('exits 2 on a bad option, with the reason', async () => {
    const dir = makeProject({ 'x.md': seedFor('https://open.feishu.test/document/x') });
    const [timeout, as] = await Promise.all([runCliWithoutProxies(['sync', '--timeout', '0'], dir), runCliWithoutProxies(['sync', '--as', 'y'], dir)]);
    expect(timeout.stderr).toBe("error: option '--timeout <seconds>' argument '0' is invalid. expected a number of seconds above 0, such as 15 or 0.5.\n(run with --help for usage)\n");
    expect(timeout.code).toBe(2);
    expect(as.stderr).toBe('feishu-errcodes: --as names the seed that --add creates; pass --add <url> with it\n');
    expect(as.code).toBe(2);
  });
});
