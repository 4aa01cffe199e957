/**
 * A companion seed `<id>.<lang>.md` is module `<id>` in another language: one module, both
 * languages in every target (validated by the real tools), English names, and a warning
 * for each code one language lists and the other does not.
 * Fixture: test/fixtures/bilingual/ (a sample page and an English excerpt made for the test).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
