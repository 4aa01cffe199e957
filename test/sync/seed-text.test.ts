import { describe, expect, it } from 'vitest';
import { checkUrlTemplate, idFromUrl, markdownUrl, pageUrlOf } from '../../src/sync/doc-url.js';
import { composeSeed, splitFrontMatter } from '../../src/sync/seed-text.js';
import { compareModules, formatChangeDetails, formatModuleChanges } from '../../src/sync/changes.js';
import type { ErrorEntry, ErrorModule } from '../../src/model.js';

const page = 'https://open.feishu.cn/document/server-docs/hire-v1/error_code';
const body = '最后更新于 2023-11-02\n\n# 错误码\n|code|message|\n|--|--|\n| 1 | One |\n';

describe('composeSeed', () => {
  const cases: [name: string, { seed?: string; fetched: string; want: string }][] = [
    [
      'keeps the seed\'s front matter byte for byte when its keys stay the same',
      { seed: `---\ntitle: "错误码"\nsource_url: ${page}\n---\nold body\n`, fetched: body, want: `---\ntitle: "错误码"\nsource_url: ${page}\n---\n${body}` },
    ],
    [
      'takes the title of a page that states one, and keeps the seed\'s other keys',
      {
        seed: `---\ntitle: Old\nsource_url: ${page}\nowner: hr-team\n---\nold\n`,
        fetched: `---\ntitle: "New: title"\nlang: zh\n---\n${body}`,
        want: `---\ntitle: "New: title"\nsource_url: ${page}\nowner: hr-team\nlang: zh\n---\n${body}`,
      },
    ],
    [
      'never lets the page move its seed to another host: the seed keeps its own source_url',
      {
        seed: `---\ntitle: 错误码\nsource_url: ${page}\n---\nold\n`,
        fetched: `---\nsource_url: http://evil.example/document/hire\n---\n${body}`,
        want: `---\ntitle: 错误码\nsource_url: ${page}\n---\n${body}`,
      },
    ],
    ['names a new seed after the page\'s first heading', { fetched: body, want: `---\ntitle: 错误码\nsource_url: ${page}\n---\n${body}` }],
    ['drops a byte order mark and keeps CRLF line ends', { fetched: `\uFEFF# 标题\r\n\r\nx\r\n`, want: `---\ntitle: 标题\nsource_url: ${page}\n---\n# 标题\r\n\r\nx\r\n` }],
    ['keeps a page without a final newline as it is', { fetched: '# T\n|code|message|\n|--|--|\n| 1 | One |', want: `---\ntitle: T\nsource_url: ${page}\n---\n# T\n|code|message|\n|--|--|\n| 1 | One |` }],
  ];
  for (const [name, { seed, fetched, want }] of cases) {
    it(name, () => {
      expect(composeSeed(seed === undefined ? undefined : splitFrontMatter(seed), splitFrontMatter(fetched), page)).toBe(want);
    });
  }

  it('splits a CRLF front matter and reports one that is not a mapping', () => {
    expect(splitFrontMatter('---\r\ntitle: A\r\n---\r\nbody')).toEqual({ rawFrontMatter: '---\r\ntitle: A\r\n---\r\n', data: { title: 'A' }, body: 'body' });
    expect(splitFrontMatter('---\n- a\n---\nbody')).toEqual({ rawFrontMatter: '---\n- a\n---\n', body: 'body' });
    expect(splitFrontMatter('--- not a fence\nbody')).toEqual({ rawFrontMatter: '', data: {}, body: '--- not a fence\nbody' });
  });
});

describe('doc URLs', () => {
  it('fills {url} and {path}, without the fragment', () => {
    expect(markdownUrl('{url}.md', `${page}#top`)).toBe(`${page}.md`);
    expect(markdownUrl('https://mirror.test/raw{path}.md', page)).toBe('https://mirror.test/raw/document/server-docs/hire-v1/error_code.md');
    expect(markdownUrl('file://{path}', page)).toBeUndefined();
  });

  it('derives the page URL and a safe module id for --add', () => {
    expect(pageUrlOf(`${page}.md#x`)).toBe(page);
    expect(idFromUrl(page)).toBe('hire-v1');
    expect(idFromUrl('https://open.feishu.cn/document/Server%20Docs/IM%E6%B6%88%E6%81%AF/')).toBe('im');
    expect(idFromUrl('https://open.feishu.cn/')).toBe('');
    // Error-page words go; a `<service>-v<N>` parent names the service; opaque doc tokens are skipped.
    expect(idFromUrl('https://open.feishu.cn/document/corehr-v2/cost_center/error-code')).toBe('corehr-cost-center');
    expect(idFromUrl('https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code')).toBe('generic');
    expect(idFromUrl('https://open.larksuite.com/document/server-docs/docs/sheets-v3/errors')).toBe('sheets-v3');
    expect(idFromUrl('https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message/create')).toBe('im-message-create');
  });

  it('rejects templates with unknown or no placeholders', () => {
    expect(() => checkUrlTemplate('{url}.md', 'x')).not.toThrow();
    expect(() => checkUrlTemplate('{uri}.md', '--url-template')).toThrow(
      '--url-template `{uri}.md` has an unknown placeholder `{uri}`; use {url} (the page URL) or {path} (its path, starting with /)',
    );
  });
});

describe('change summary', () => {
  const entry = (code: number, message: string, extra: Partial<ErrorEntry> = {}): ErrorEntry => ({ code, name: `N${code}`, message, category: 'unknown', retryable: false, retry: 'never', categorySource: 'none', ...extra });
  const module = (entries: ErrorEntry[]): ErrorModule => ({ id: 'm', seed: 'seeds/m.md', title: 'T', typeName: 'MErrorCode', goPackage: 'm', entries });

  it('is the diff classification of the module before and after, one line per module', () => {
    const before = module([entry(2, 'b'), entry(3, 'c', { httpStatus: 400 }), entry(10, 'a')]);
    const after = module([entry(1, 'new'), entry(2, 'b2'), entry(3, 'c', { httpStatus: 404 }), entry(10, 'a', { deprecated: true })]);
    const changes = compareModules('m', before, after, 'built');
    expect(formatModuleChanges(changes)).toBe('m: no breaking change; 1 code added, 1 code deprecated, 1 message changed, 1 HTTP status changed');
    // The details are `diff`'s own text report of the module (its heading, then a line per change).
    const details = formatChangeDetails(changes);
    expect(details[0]).toMatch(/^m \(MErrorCode\): /);
    expect(details.slice(1).map((line) => /\b(\d+)\b/.exec(line)?.[1])).toEqual(['1', '2', '3', '10']);
  });

  it('says so when only text outside the codes changed, and when the old seed did not build', () => {
    const same = module([entry(1, 'a')]);
    expect(formatModuleChanges(compareModules('m', same, same, 'built'))).toBe('m: no change to codes, names or texts (only text outside the codes)');
    expect(formatChangeDetails(compareModules('m', same, same, 'built'))).toEqual([]);
    expect(formatModuleChanges(compareModules('m', undefined, same, 'unbuildable'))).toBe('m (the old seed did not build): no breaking change; 1 module added, 1 code added');
  });
});
