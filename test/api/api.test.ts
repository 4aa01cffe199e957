import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeProject, readTree, ROOT, runCli } from '../helpers/tools.js';

// The built package entry, as `import … from 'feishu-errcodes'` loads it (package.json "exports").
const api = (await import(pathToFileURL(join(ROOT, 'dist/index.js')).href)) as typeof import('../../src/index.js');
const seed = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');

describe('the public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'CATALOG_SCHEMA',
      'CONFIG_FILE',
      'CONFIG_SCHEMA',
      'ConfigError',
      'DEFAULT_GO_MODULE',
      'DEFAULT_TARGETS',
      'EMPTY_LOCK',
      'LockError',
      'MANIFEST_FILE',
      'TARGETS',
      'TARGET_NAMES',
      'UserError',
      'buildCatalog',
      'check',
      'diff',
      'emitAll',
      'emitDocs',
      'emitGo',
      'emitJson',
      'emitOpenApi',
      'emitTypeScript',
      'explain',
      'findCodes',
      'findProjectRoot',
      'generate',
      'hasBreaking',
      'init',
      'lint',
      'loadConfigFile',
      'moduleIdOf',
      'parseDoc',
      'parseLock',
      'prepare',
      'renderDiff',
      'resolveConfig',
      'toPascalCase',
      'validateConfig',
      'verifyTypeScript',
    ]);
  });

  it('is the package entry, with type declarations beside it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    const dts = readFileSync(join(ROOT, 'dist/index.d.ts'), 'utf8');
    for (const name of ['generate', 'check', 'lint', 'diff', 'parseDoc']) expect(dts).toMatch(new RegExp(`\\b${name}\\b`));
  });
});

describe('generate, check and lint behave as the CLI does, without printing or exiting', () => {
  const exit = vi.spyOn(process, 'exit');
  const stdout = vi.spyOn(process.stdout, 'write');
  afterEach(() => {
    expect(exit).not.toHaveBeenCalled();
    expect(stdout).not.toHaveBeenCalled();
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('generate writes the same bytes as `feishu-errcodes generate`, and reports what it wrote', async () => {
    const viaApi = makeProject({ 'hire-v1.md': seed });
    const viaCli = makeProject({ 'hire-v1.md': seed });
    const result = api.generate({ cwd: viaApi });
    expect((await runCli(['generate'], viaCli)).code).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.catalog!.modules.map((module) => [module.id, module.entries.length])).toEqual([['hire-v1', 46]]);
    expect(result.plan!.changed.map((file) => file.path)).toContain('generated/docs/hire-v1.md');
    expect(readTree(join(viaApi, 'generated'))).toEqual(readTree(join(viaCli, 'generated')));

    expect(api.check({ cwd: viaApi }).upToDate).toBe(true);
    expect(api.generate({ cwd: viaApi }).plan!.changed).toEqual([]);
  });

  it('check reports drift and writes nothing', () => {
    const dir = makeProject({ 'hire-v1.md': seed });
    const result = api.check({ cwd: dir });
    expect(result.ok).toBe(true);
    expect(result.upToDate).toBe(false);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });

  it('lint returns the diagnostics `lint --format json` prints', async () => {
    const dir = makeProject({ 'hire-v1.md': seed });
    const messages = api.lint([], { cwd: dir }).files.flatMap((file) =>
      file.messages.map((message) => ({ file: file.path, line: message.line ?? null, rule: message.ruleId ?? null, message: message.reason })),
    );
    const cli = JSON.parse((await runCli(['lint', '--format', 'json'], dir)).stdout) as { file: string; line: number | null; rule: string | null; message: string }[];
    expect(messages).toEqual(cli.map(({ file, line, rule, message }) => ({ file, line, rule, message })));
    expect(messages.map((message) => message.rule)).toEqual(['unknown-category', 'extra-cell', 'typo']);
  });

  it('throws UserError with the CLI exit code and message for a bad config', async () => {
    const dir = makeProject({ 'hire-v1.md': seed }, { 'feishu-errcodes.config.json': '{ "targets": ["rust"] }' });
    const run = () => api.generate({ cwd: dir });
    expect(run).toThrow(api.UserError);
    expect(run).toThrow('feishu-errcodes.config.json: invalid config: `targets[0]` is "rust"; allowed values: "ts", "json", "go", "openapi", "docs", "python", "java"');
    try {
      run();
    } catch (error) {
      expect((error as InstanceType<typeof api.UserError>).exitCode).toBe(2);
    }
    expect((await runCli(['generate'], dir)).stderr).toBe(`feishu-errcodes: ${(() => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
    })()}\n`);
  });

  it('reports errors in a seed as diagnostics, not as a throw, and writes nothing', () => {
    const dir = makeProject({ 'broken.md': '---\ntitle: [unclosed\n---\n' });
    const result = api.generate({ cwd: dir });
    expect(result.ok).toBe(false);
    expect(result.files[0]!.messages.map((message) => [message.line, message.ruleId, message.fatal])).toContainEqual([2, 'front-matter', true]);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });
});

describe('parseDoc', () => {
  it('turns one doc into the IR in memory, as generate does', () => {
    const { module, files } = api.parseDoc(seed, { path: 'seeds/hire-v1.md' });
    const dir = makeProject({ 'hire-v1.md': seed });
    expect(api.generate({ cwd: dir }).catalog!.modules[0]).toEqual(module);
    expect(module!.id).toBe('hire-v1');
    expect(module!.typeName).toBe('HireErrorCode');
    expect(files.map((file) => file.path)).toEqual(['seeds/hire-v1.md']);
    expect(files[0]!.messages.map((message) => message.ruleId)).toEqual(['unknown-category', 'extra-cell', 'typo']);
  });

  it('accepts bytes, a config (typos, names) and a lock', () => {
    const { module } = api.parseDoc(new TextEncoder().encode(seed), {
      path: 'hire-v1.md',
      config: { typos: { illegal: 'invalid' }, modules: { 'hire-v1': { typeName: 'Hire', names: { '1002103': 'TalentOnboarded' } } } },
      lock: { version: 1, modules: { 'hire-v1': { '1002002': { name: 'BadParameter', message: 'Parameter illegal' } } } },
    });
    expect(module!.typeName).toBe('Hire');
    expect(module!.entries.find((entry) => entry.code === 1002103)!.name).toBe('TalentOnboarded');
    expect(module!.entries.find((entry) => entry.code === 1002002)).toMatchObject({ name: 'BadParameter', message: 'Parameter invalid' });
  });

  it('returns no module and an error diagnostic for a broken doc', () => {
    const result = api.parseDoc('---\ntitle: [unclosed\n---\n', { path: 'x.md' });
    expect(result.module).toBeUndefined();
    expect(result.files[0]!.messages[0]!.fatal).toBe(true);
  });

  it('throws ConfigError for an invalid config', () => {
    expect(() => api.parseDoc(seed, { config: { targets: ['rust'] } as never })).toThrow(
      new api.ConfigError('options.config: invalid config: `targets[0]` is "rust"; allowed values: "ts", "json", "go", "openapi", "docs", "python", "java"'),
    );
  });
});

describe('diff', () => {
  const dir = makeProject({}, {
    'old/hire-v1.md': seed,
    'new/hire-v1.md': seed.replace('Repeat application', 'Repeated application').replace(/^\| 1002104 .*\n/m, ''),
  });

  it('classifies the changes between two versions, as `feishu-errcodes diff` reports them', async () => {
    const outcome = api.diff('old', 'new', { cwd: dir });
    expect(outcome.ok ? [] : outcome.files.flatMap((file) => file.messages.map(String))).toEqual([]);
    if (!outcome.ok) return;
    const changes = outcome.diff.modules.flatMap((module) => module.changes.map((change) => [change.kind, change.code]));
    expect(changes).toContainEqual(['message-changed', 1002206]);
    // The new side has no lock of its own: it keeps the old side's names, so a dropped code is deprecated.
    expect(changes).toContainEqual(['code-deprecated', 1002104]);
    expect(api.hasBreaking(outcome.diff)).toBe(false);
    const report = api.renderDiff(outcome.diff, 'markdown', { old: 'old', new: 'new' });
    expect((await runCli(['diff', 'old', 'new', '--format', 'markdown'], dir)).stdout).toBe(report);
  });

  it('throws UserError for a side it cannot read', () => {
    expect(() => api.diff('nowhere', 'new', { cwd: dir })).toThrow(api.UserError);
  });
});
