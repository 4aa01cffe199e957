/**
 * A companion seed `<id>.<lang>.md` is module `<id>` in another language: one module, both
 * languages in every target (validated by the real tools), English names, and a warning
 * for each code one language lists and the other does not.
 * Fixture: test/fixtures/bilingual/ (a sample page and an English excerpt made for the test).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { companionOf } from '../../src/normalize/companions.js';
import { goCheck, goEnv, hasGo, makeProject, readTree, requireTools, ROOT, runCli, typecheck, validateCatalog, validateOpenApi } from '../helpers/tools.js';

const FIXTURE = join(ROOT, 'test/fixtures/bilingual');
const seeds = { 'task-v2.md': readFileSync(join(FIXTURE, 'task-v2.md')), 'task-v2.en.md': readFileSync(join(FIXTURE, 'task-v2.en.md')) };
const EN_400 = 'Invalid request parameters, such as creating a task without a title.';
const ZH_400 = '请求参数不正确，比如创建任务时不填写标题。';

describe('companionOf', () => {
  it.each([
    ['hire-v1.en.md', { base: 'hire-v1.md', lang: 'en' }],
    ['hire-v1.zh.md', { base: 'hire-v1.md', lang: 'zh' }],
    ['hire-v1.en-us.md', { base: 'hire-v1.md', lang: 'en-US' }],
    // BCP 47 case, not folded: the script subtag keeps its capital (Go's MessageIn("zh-Hans")).
    ['hire-v1.zh-hans.md', { base: 'hire-v1.md', lang: 'zh-Hans' }],
    ['hire-v1.ZH-hant-tw.md', { base: 'hire-v1.md', lang: 'zh-Hant-TW' }],
    ['hire-v1.md', undefined],
    ['a.b.md', undefined],
  ])('%s', (name, want) => {
    // A companion also needs its main seed beside it (`a.en.md` without `a.md` is a module of its own).
    expect(companionOf(name)).toEqual(want);
  });
});

describe('a Chinese page with an English companion', async () => {
  const dir = makeProject(seeds);
  const result = await runCli(['generate'], dir);
  const tree = result.code === 0 ? readTree(join(dir, 'generated')) : {};

  it('generates one module, named from the English texts', () => {
    expect(result.code).toBe(0);
    expect(Object.keys(tree).filter((path) => path.startsWith('json/') && !path.includes('schema') && path !== 'json/catalog.json')).toEqual(['json/task-v2.json']);
    const catalog = JSON.parse(tree['json/task-v2.json']!) as { errors: { code: number; name: string; message: string; translations?: Record<string, Record<string, string>> }[] };
    expect(catalog.errors.map((entry) => entry.name)).toEqual(['InvalidRequestParameters', 'MissingPermission', 'RequestedResourceDoesNotExist', 'ServerError']);
    expect(catalog.errors[0]).toMatchObject({ code: 1470400, message: ZH_400, translations: { en: { message: EN_400, suggestion: 'The msg in the error response explains the specific cause.' } } });
    // 1470500 is not in the English page: no translation, the Chinese name.
    expect(catalog.errors[3]!.translations).toBeUndefined();
  });

  it('warns of each code one language lists and the other does not', async () => {
    const lint = await runCli(['lint'], dir);
    const warnings = lint.stdout.split('\n').filter((line) => line.endsWith(' missing-translation'));
    expect(warnings).toEqual([
      'seeds/task-v2.en.md:1:1 warning 1 code(s) of seeds/task-v2.md are missing from this en companion (the two docs are out of step): 1470500; they have no en translation missing-translation',
      'seeds/task-v2.en.md:1:1 warning 1 code(s) of this en companion are missing from seeds/task-v2.md (the two docs are out of step): 1470429; they are not generated until the main doc lists them missing-translation',
    ]);
  });

  it('puts both languages in the JSON catalogue (valid against its schema) and the OpenAPI document (valid 3.1)', async () => {
    expect(validateCatalog(tree['json/task-v2.json']!)).toBe('');
    expect(await validateOpenApi(tree['openapi/task-v2.yaml']!)).toBe('');
    expect(tree['openapi/task-v2.yaml']).toContain(EN_400);
  });

  it('puts both languages in the TS info table, which compiles with tsc --strict', () => {
    expect(typecheck(join(dir, 'generated/ts'))).toBe('');
    expect(tree['ts/task-v2.ts']).toContain(`translations: { "en": { message: ${JSON.stringify(EN_400)}`);
  });

  it('lists the translations on the docs page', () => {
    expect(tree['docs/task-v2.md']).toContain('## Translations');
    expect(tree['docs/task-v2.md']).toContain(`| 1470400 | \`InvalidRequestParameters\` | en | ${EN_400} |`);
  });

  it.skipIf(!hasGo && !requireTools)('answers MessageIn(lang) in Go, falling back to the doc\'s message; gofmt and go vet clean', () => {
    const goDir = join(dir, 'generated/go');
    expect(goCheck(goDir)).toBe('');
    writeFileSync(
      join(goDir, 'task/messagein_test.go'),
      `package task\n\nimport "testing"\n\nfunc TestMessageIn(t *testing.T) {\n` +
        `\tif got := InvalidRequestParameters.MessageIn("en"); got != ${JSON.stringify(EN_400)} {\n\t\tt.Fatalf("en: %q", got)\n\t}\n` +
        `\tif got := InvalidRequestParameters.MessageIn("EN"); got != ${JSON.stringify(EN_400)} {\n\t\tt.Fatalf("tags are case-insensitive: %q", got)\n\t}\n` +
        `\tif got := InvalidRequestParameters.MessageIn("ja"); got != ${JSON.stringify(ZH_400)} {\n\t\tt.Fatalf("fallback: %q", got)\n\t}\n` +
        `\tif got := ServerError.MessageIn("en"); got != ServerError.Message() {\n\t\tt.Fatalf("untranslated: %q", got)\n\t}\n}\n`,
    );
    const test = spawnSync('go', ['test', './...'], { cwd: goDir, encoding: 'utf8', env: goEnv(), timeout: 120_000 });
    expect(test.stdout + test.stderr).toContain('ok');
    expect(test.status).toBe(0);
  });
});

describe('diff between two versions of a bilingual doc', () => {
  it('reports a changed translation, not breaking', async () => {
    const dir = makeProject({});
    for (const side of ['old', 'new']) {
      for (const [name, bytes] of Object.entries(seeds)) {
        const text = side === 'new' && name.endsWith('.en.md') ? String(bytes).replace('Missing permission, such as', 'Permission missing, for example') : String(bytes);
        writeFileSync(join(dir, 'seeds', `${side}-${name}`), text);
      }
    }
    const mkdir = (side: string) => {
      const folder = join(dir, side);
      mkdirSync(folder, { recursive: true });
      for (const name of Object.keys(seeds)) writeFileSync(join(folder, name), readFileSync(join(dir, 'seeds', `${side}-${name}`)));
    };
    mkdir('old');
    mkdir('new');
    const diff = await runCli(['diff', 'old', 'new'], dir);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('old → new: no breaking change; 1 translation changed\n');
    expect(diff.stdout).toContain('translations  1470403  MissingPermission  en message: [-Missing permission-]{+Permission missing+}');
  });
});

/** A one-table seed: `rows` are `[code, text]`; `front` is extra front matter. */
function seed(rows: readonly (readonly [number, string])[], front = 'source_url: https://open.feishu.cn/document/server-docs/x'): string {
  return `---\n${front}\n---\n| 错误码 | 描述 |\n| --- | --- |\n${rows.map(([code, text]) => `| ${code} | ${text} |`).join('\n')}\n`;
}

const moduleIds = (dir: string) => readdirSync(join(dir, 'generated/json')).filter((name) => name.endsWith('.json') && name !== 'catalog.json').sort();

describe('a file is a companion only on evidence beyond its name', () => {
  it('keeps `task.sub.md` a module when `task.md` is added (sub is no language)', async () => {
    const dir = makeProject({ 'task.sub.md': seed([[1001, '参数错误']]), 'task.md': seed([[2001, '权限不足']]) });
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(0);
    expect(moduleIds(dir)).toEqual(['task.json', 'task.sub.json']);
  });

  it('refuses to turn a module of the lock into a companion, naming both files; nothing is removed', async () => {
    const dir = makeProject({ 'task.en.md': seed([[1001, 'Invalid parameter']], 'source_url: https://open.larksuite.com/document/x') });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const lock = readFileSync(join(dir, 'seeds/feishu-errcodes.lock.json'), 'utf8');
    expect(lock).toContain('"task.en"');
    writeFileSync(join(dir, 'seeds/task.md'), seed([[1001, '参数错误']]));
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain(
      'seeds/task.en.md:1:1 error seeds/task.en.md is module `task.en` of the lock seeds/feishu-errcodes.lock.json, but beside seeds/task.md its name makes it the en companion of that seed, which would drop the module\'s outputs and names; rename one of the two files, or, to make it a companion, delete module `task.en` from the lock seeds/feishu-errcodes.lock.json companion',
    );
    expect(readFileSync(join(dir, 'seeds/feishu-errcodes.lock.json'), 'utf8')).toBe(lock);
    expect(moduleIds(dir)).toEqual(['task.en.json']);
  });

  it('takes a tag outside the list with an explicit `lang:`, and refuses a `lang:` that contradicts the name', async () => {
    const dir = makeProject({ 'task.md': seed([[1001, '参数错误']]), 'task.yue.md': seed([[1001, '參數錯誤']], 'lang: yue') });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(moduleIds(dir)).toEqual(['task.json']);
    expect(JSON.parse(readFileSync(join(dir, 'generated/json/task.json'), 'utf8')).errors[0].translations).toEqual({ yue: { message: '參數錯誤' } });
    writeFileSync(join(dir, 'seeds/task.yue.md'), seed([[1001, '參數錯誤']], 'lang: en'));
    const result = await runCli(['lint'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('seeds/task.yue.md:1:1 error Unexpected `lang: en` in the front matter of seeds/task.yue.md, whose name makes it the yue companion of seeds/task.md');
  });

  it('refuses a companion whose source_url is a page in another language', async () => {
    const dir = makeProject({ 'task.md': seed([[1001, '参数错误']]), 'task.en.md': seed([[1001, '参数错误']]) });
    const result = await runCli(['lint'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('seeds/task.en.md:1:1 error Unexpected source_url on a zh host in seeds/task.en.md, whose name makes it the en companion of seeds/task.md; if it is the en translation, add `lang: en`');
  });

  it('reads `a.bc.de.md` beside `a.md` and `a.bc.md` (the de companion of module a.bc)', async () => {
    const dir = makeProject({ 'a.md': seed([[1001, '参数错误']]), 'a.bc.md': seed([[2001, '权限不足']]), 'a.bc.de.md': seed([[2001, 'Keine Berechtigung']], 'lang: de') });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(moduleIds(dir)).toEqual(['a.bc.json', 'a.json']);
    expect(JSON.parse(readFileSync(join(dir, 'generated/json/a.bc.json'), 'utf8')).errors[0].translations).toEqual({ de: { message: 'Keine Berechtigung' } });
  });

  it('refuses a companion of a companion, which nothing would read', async () => {
    const en = 'source_url: https://open.larksuite.com/document/x';
    const dir = makeProject({ 'a.md': seed([[1001, '参数错误']]), 'a.en.md': seed([[1001, 'Bad parameter']], en), 'a.en.de.md': seed([[1001, 'Falscher Parameter']], 'lang: de') });
    const result = await runCli(['lint'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('seeds/a.en.de.md:1:1 error Unexpected companion of seeds/a.en.md, which is itself a companion (of seeds/a.md), so nothing would read it');
  });

  it('reports a code a companion lists twice with different texts (duplicate-code, an info as in a main seed)', async () => {
    const en = 'source_url: https://open.larksuite.com/document/x';
    const dir = makeProject({ 'a.md': seed([[1001, '参数错误']]), 'a.en.md': seed([[1001, 'Bad parameter'], [1001, 'Wrong parameter']], en) });
    const result = await runCli(['lint'], dir);
    expect(result.stdout).toMatch(/seeds\/a\.en\.md:\d+:\d+ info Code 1001 is listed 2 times with different texts \(lines \d+, \d+\); the first is its translation, the others are dropped duplicate-code/);
  });

  it('keeps the BCP 47 case of a tag in every target', async () => {
    const dir = makeProject({ 'a.md': seed([[1001, 'Bad parameter']]), 'a.zh-hans.md': seed([[1001, '参数错误']]) });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'generated/json/a.json'), 'utf8')).errors[0].translations).toEqual({ 'zh-Hans': { message: '参数错误' } });
  });
});
