import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/tools.js';

const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
// No audit, fund or update checks, and never a download prompt: everything comes from the tarball and the npm cache.
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_yes: 'false', NO_COLOR: '1' };

function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, [...args], { cwd, encoding: 'utf8', env: npmEnv, shell: process.platform === 'win32', timeout: 240_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `npm pack --json` of the repository as built (`npm test` builds first). */
function pack(args: readonly string[]) {
  expect(existsSync(join(ROOT, 'dist/cli.js')), 'run `npm run build` first').toBe(true);
  const result = run('npm', ['pack', '--json', '--ignore-scripts', ...args], ROOT);
  expect(result.stderr.replace(/^npm warn.*\n/gm, '')).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { filename: string; files: { path: string }[] }[];
}

describe('npm pack', () => {
  it('lists only what a user needs: dist, templates, schema, the example seed, docs, README, LICENSE', () => {
    const paths = pack(['--dry-run'])[0]!.files.map((file) => file.path).sort();
    const unexpected = paths.filter(
      (path) =>
        !/^(?:dist\/.+\.(?:js|d\.ts)|templates\/.+\.eta|templates\/init\/feishu-errcodes\.yml|schema\/[\w-]+\.schema\.json|docs\/[\w-]+\.md|seeds\/hire-v1\.md|package\.json|README\.md|LICENSE)$/.test(path),
    );
    expect(unexpected).toEqual([]);
    for (const path of [
      'LICENSE',
      'README.md',
      'dist/bin.js',
      'dist/cli.js',
      'dist/index.js',
      'dist/index.d.ts',
      'schema/config.schema.json',
      'templates/go/errors.go.eta',
      'templates/docs/module.md.eta',
      'templates/init/feishu-errcodes.yml',
      'seeds/hire-v1.md',
      'docs/configuration.md',
    ]) {
      expect(paths).toContain(path);
    }
    // Every page the README links to ships, so the links work on the registry's page too (once written).
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const [, target] of readme.matchAll(/\]\((docs\/[\w-]+\.md)\)/g)) {
      if (existsSync(join(ROOT, target!))) expect(paths).toContain(target);
    }
  });

  it('`npm publish --dry-run` is clean: no warning but the login one a dry run always gives', () => {
    // --offline: a dry run must not need the registry.
    const result = run('npm', ['publish', '--dry-run', '--ignore-scripts', '--offline', '--json'], ROOT);
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => /^npm (?:warn|error)/i.test(line) && !/requires you to be logged in/.test(line));
    expect(warnings).toEqual([]);
    const published = JSON.parse(result.stdout) as { name: string; files: { path: string }[] } | Record<string, { name: string; files: { path: string }[] }>;
    const manifest = ('name' in published ? published : Object.values(published)[0]!) as { name: string; files: { path: string }[] };
    expect(manifest.name).toBe('feishu-errcodes');
    expect(manifest.files.map((file) => file.path)).toContain('dist/bin.js');
  });
});

describe('the packed tarball installed in a temp project', () => {
  let project: string;
  beforeAll(() => {
    const work = tempDir('feishu-errcodes-pack-');
    const [tarball] = pack(['--pack-destination', work]);
    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
    const install = run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--save-dev', join(work, tarball!.filename)], project);
    expect(install.stderr.replace(/^npm warn.*\n/gm, '')).toBe('');
    expect(install.code).toBe(0);
  }, 300_000);
  afterAll(() => {
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('runs `npx feishu-errcodes --help`', () => {
    const help = run('npx', ['feishu-errcodes', '--help'], project);
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: feishu-errcodes \[options\] \[command\]\n/);
    for (const command of ['generate', 'check', 'lint']) expect(help.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
  });

  it('generates from a config whose $schema points into node_modules, with the shipped templates', () => {
    expect(existsSync(join(project, 'node_modules/feishu-errcodes/schema/config.schema.json'))).toBe(true);
    mkdirSync(join(project, 'seeds'));
    cpSync(join(ROOT, 'seeds/hire-v1.md'), join(project, 'seeds/hire-v1.md'));
    writeFileSync(
      join(project, 'feishu-errcodes.config.json'),
      JSON.stringify({ $schema: './node_modules/feishu-errcodes/schema/config.schema.json', targets: ['go', 'docs'], goModule: 'example.com/consumer/generated/go' }, null, 2),
    );
    // The bin link itself (npx, tested above, only adds npm's start-up time).
    const generate = run(process.execPath, [join(project, 'node_modules/.bin/feishu-errcodes'), 'generate'], project);
    expect(generate.code).toBe(0);
    expect(generate.stdout).toContain('created generated/go/hire/errors.go');
    expect(generate.stdout).toContain('created generated/docs/hire-v1.md');
    expect(readFileSync(join(project, 'generated/go/go.mod'), 'utf8')).toBe('module example.com/consumer/generated/go\n\ngo 1.19\n');
  });

  it('in a new npm project: init, npm run generate, npm run check, explain, and generate from src/', () => {
    for (const path of ['seeds', 'generated', 'feishu-errcodes.config.json', 'src']) rmSync(join(project, path), { recursive: true, force: true });
    const init = run('npx', ['feishu-errcodes', 'init'], project);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('created seeds/hire-v1.md: the Hire error-code page, as an example\n');
    expect(init.stdout).not.toContain('npm install'); // installed: the next commands start with generate
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))).toMatchObject({ scripts: { generate: 'feishu-errcodes generate', check: 'feishu-errcodes check' } });
    // The config's $schema resolves in the installed package.
    const config = JSON.parse(readFileSync(join(project, 'feishu-errcodes.config.json'), 'utf8')) as { $schema: string };
    expect(existsSync(join(project, config.$schema))).toBe(true);

    const generate = run('npm', ['run', 'generate'], project);
    expect(generate.code).toBe(0);
    expect(generate.stdout).toContain('created generated/ts/hire-v1.ts\n');
    const check = run('npm', ['run', 'check'], project);
    expect(check.stdout).toContain('feishu-errcodes: generated files are up to date.\n');
    expect(check.code).toBe(0);

    const bin = join(project, 'node_modules/.bin/feishu-errcodes');
    for (const input of ['1002108', '{"code":1002108,"msg":"Resume source does not exist"}']) {
      const explain = run(process.execPath, [bin, 'explain', input], project);
      expect(explain.stdout).toMatch(/^1002108 in hire-v1: HireErrorCode\.ResumeSourceDoesNotExist\n {2}message: +Resume source does not exist\n/);
      expect(explain.code).toBe(0);
    }
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'seeds/hire-v1.md'), readFileSync(join(project, 'seeds/hire-v1.md'), 'utf8').replace('Talent not exist', 'Talent does not exist'));
    const fromSrc = run(process.execPath, [bin, 'generate'], join(project, 'src'));
    expect(fromSrc.code).toBe(0);
    expect(fromSrc.stdout).toContain('updated generated/json/hire-v1.json\n');
    expect(existsSync(join(project, 'src/generated'))).toBe(false);
  });

  it("type-checks `import { generate, check, lint, diff, parseDoc } from 'feishu-errcodes'` with the shipped .d.ts", () => {
    writeFileSync(
      join(project, 'use.ts'),
      `import { check, diff, generate, lint, parseDoc, renderDiff, UserError, type GenerateResult, type UserConfig } from 'feishu-errcodes';

const config: UserConfig = { targets: ['ts', 'docs'], modules: { 'hire-v1': { typeName: 'HireError' } } };
const parsed = parseDoc('| code | message |\\n| --- | --- |\\n| 1 | One |\\n', { path: 'demo.md', config });
const names: string[] = parsed.module?.entries.map((entry) => entry.name) ?? [];
let result: GenerateResult | undefined;
try {
  result = check({ cwd: '.' }).upToDate ? undefined : generate({ cwd: '.' });
} catch (error) {
  if (error instanceof UserError) console.error(error.message, error.exitCode);
}
const warnings: number = lint([], {}).files.reduce((sum, file) => sum + file.messages.length, 0);
const outcome = diff('git:origin/main', 'seeds/');
const summary: string = outcome.ok ? renderDiff(outcome.diff, 'markdown', { old: 'git:origin/main', new: 'seeds/' }) : String(outcome.files.length);
export { names, result, summary, warnings };
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', verbatimModuleSyntax: true, skipLibCheck: true, types: [] }, files: ['use.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [TSC, '-p', project], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
