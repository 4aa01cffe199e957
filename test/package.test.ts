/**
 * The package as users get it: `npm pack`, then the tarball installed into a fresh
 * project, offline. Its dependencies come from this repository's node_modules: the
 * production closure of its package.json (never a devDependency), linked as npm would
 * place them, and the bin linked as npm's bin-links does. No registry, no npm cache;
 * every child process has a timeout.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, ROOT, SPAWN_TIMEOUT_MS, tempDir } from './helpers/tools.js';

// No audit, fund or update checks, no registry: npm only packs.
/**
 * The environment of a user's shell: without the `npm_*` variables npm exported to this test
 * run (under `npm test --ignore-scripts`, `npm_config_ignore_scripts=true` would stop a git
 * install's `prepare` from building the package).
 */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
const npmEnv = { ...userEnv, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_offline: 'true', NO_COLOR: '1' };

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = npmEnv) {
  const result = spawnSync(command, [...args], { cwd, encoding: 'utf8', env, shell: process.platform === 'win32', timeout: SPAWN_TIMEOUT_MS });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `npm pack --json` of the repository as built (`npm test` runs on a built tree; `npm run build` otherwise). */
function pack(args: readonly string[]) {
  expect(existsSync(join(ROOT, 'dist/cli.js')), 'run `npm run build` first').toBe(true);
  const result = run('npm', ['pack', '--json', '--ignore-scripts', ...args], ROOT);
  expect(result.stderr.replace(/^npm warn.*\n/gm, '')).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { filename: string; files: { path: string }[] }[];
}

interface Manifest {
  name: string;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/**
 * The top-level packages of this repository's node_modules that the package needs at run
 * time: its dependencies, theirs, and so on, each resolved as Node resolves it from the
 * folder that needs it (a nested copy travels with its parent's folder).
 */
function productionDependencies(pkg: Manifest): string[] {
  const topLevel = new Set<string>();
  const seen = new Set<string>();
  const visit = (from: string, deps: Manifest) => {
    const names = [...Object.keys(deps.dependencies ?? {}), ...Object.keys(deps.optionalDependencies ?? {}), ...Object.keys(deps.peerDependencies ?? {})];
    for (const name of names) {
      let dir: string | undefined;
      for (let at = from; ; at = dirname(at)) {
        if (existsSync(join(at, 'node_modules', name, 'package.json'))) {
          dir = join(at, 'node_modules', name);
          break;
        }
        if (at === ROOT || dirname(at) === at) break;
      }
      if (dir === undefined) {
        if (Object.hasOwn(deps.optionalDependencies ?? {}, name) || Object.hasOwn(deps.peerDependencies ?? {}, name)) continue;
        throw new Error(`${name} (a dependency of ${deps.name}) is not installed; run \`npm ci\``);
      }
      if (dirname(dir) === join(ROOT, 'node_modules') || dirname(dirname(dir)) === join(ROOT, 'node_modules')) topLevel.add(relative(join(ROOT, 'node_modules'), dir));
      if (!seen.has(dir)) {
        seen.add(dir);
        visit(dir, manifest(dir));
      }
    }
  };
  visit(ROOT, pkg);
  return [...topLevel].sort();
}

describe('npm pack', () => {
  it('lists only what a user needs: dist, templates, schema, the Server API snapshot, README, LICENSE', () => {
    const paths = pack(['--dry-run'])[0]!.files.map((file) => file.path).sort();
    const unexpected = paths.filter(
      (path) =>
        !/^(?:dist\/.+\.(?:js|d\.ts)|templates\/.+\.eta|templates\/init\/feishu-errcodes(?:-sync)?\.yml|schema\/[\w-]+\.schema\.json|docs\/[\w-]+\.md|seeds\/(?:hire-v1|general)\.md|snapshot\/(?:modules\.json|[\w-]+(?:\/[\w.-]+)*\.md)|package\.json|README\.md|LICENSE)$/.test(path),
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
      'snapshot/modules.json',
      'snapshot/im-v1/message/create.md',
      'docs/configuration.md',
    ]) {
      expect(paths).toContain(path);
    }
    // Every page the README links to ships, so the links work on the registry's page too.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const [, target] of readme.matchAll(/\]\((docs\/[\w-]+\.md)\)/g)) expect(paths).toContain(target);
  });

  it('every relative link in the shipped docs and README points at a file the package ships (they are read from node_modules/feishu-errcodes)', () => {
    const shipped = new Set(pack(['--dry-run'])[0]!.files.map((file) => file.path));
    const pages = [...shipped].filter((path) => /^(?:docs\/.+|README)\.md$/.test(path)).sort();
    expect(pages.length).toBeGreaterThan(5);
    const dead: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(ROOT, page), 'utf8').replace(/^```[\s\S]*?^```/gm, ''); // code blocks hold no links
      for (const [, target] of text.matchAll(/\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)) {
        if (/^[a-z][\w+.-]*:/i.test(target!) || target!.startsWith('#')) continue; // a full URL, or an anchor on the page
        const path = posix.normalize(posix.join(posix.dirname(page), target!.replace(/#.*$/, '')));
        if (!shipped.has(path)) dead.push(`${page}: ${target} (${path} is not in the package)`);
      }
    }
    expect(dead).toEqual([]);
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

describe('the packed tarball installed in a temp project (offline)', () => {
  let project: string;
  let bin: string;
  beforeAll(() => {
    const work = tempDir('feishu-errcodes-pack-');
    const [tarball] = pack(['--pack-destination', work]);
    project = join(work, 'project');
    const installed = join(project, 'node_modules/feishu-errcodes');
    mkdirSync(installed, { recursive: true });
    // As `npm install --save-dev <tarball>` leaves it: the package listed in devDependencies.
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', devDependencies: { 'feishu-errcodes': '^0.2.0' } }, null, 2));
    const untar = run('tar', ['-xzf', join(work, tarball!.filename), '-C', installed, '--strip-components=1'], work);
    expect(untar.stderr).toBe('');
    expect(untar.code).toBe(0);

    const pkg = manifest(installed);
    for (const name of productionDependencies(pkg)) {
      mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', name), join(project, 'node_modules', name), 'dir');
    }
    // As npm's bin-links: node_modules/.bin/<name> → ../<package>/<file>, the file made executable.
    const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {});
    expect(Object.keys(bins)).toEqual(['feishu-errcodes']);
    mkdirSync(join(project, 'node_modules/.bin'));
    for (const [name, file] of Object.entries(bins)) {
      symlinkSync(join('..', 'feishu-errcodes', file), join(project, 'node_modules/.bin', name));
      chmodSync(join(installed, file), statSync(join(installed, file)).mode | 0o111);
    }
    bin = join(project, 'node_modules/.bin/feishu-errcodes');
  });
  afterAll(() => {
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('runs through its bin link (the shebang), and exits 2 on a usage mistake', () => {
    const help = run(bin, ['--help'], project, { ...process.env, NO_COLOR: '1' });
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: feishu-errcodes \[options\] \[command\]\n/);
    for (const command of ['generate', 'check', 'lint']) expect(help.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    const mistake = run(bin, ['generate', '--bogus'], project, { ...process.env, NO_COLOR: '1' });
    expect(mistake.code).toBe(2);
    expect(mistake.stderr).toMatch(/^error: unknown option '--bogus'\n/);
  });

  it('generates from a config whose $schema points into node_modules, with the shipped templates', () => {
    expect(existsSync(join(project, 'node_modules/feishu-errcodes/schema/config.schema.json'))).toBe(true);
    mkdirSync(join(project, 'seeds'));
    cpSync(join(ROOT, 'seeds/hire-v1.md'), join(project, 'seeds/hire-v1.md'));
    writeFileSync(
      join(project, 'feishu-errcodes.config.json'),
      JSON.stringify({ $schema: './node_modules/feishu-errcodes/schema/config.schema.json', targets: ['go', 'docs'], goModule: 'example.com/consumer/generated/go' }, null, 2),
    );
    const generate = run(bin, ['generate'], project, { ...process.env, NO_COLOR: '1' });
    expect(generate.stderr).not.toMatch(/internal error|Cannot find (package|module)/);
    expect(generate.code).toBe(0);
    expect(generate.stdout).toContain('created generated/go/hire/errors.go');
    expect(generate.stdout).toContain('created generated/docs/hire-v1.md');
    expect(readFileSync(join(project, 'generated/go/go.mod'), 'utf8')).toBe('module example.com/consumer/generated/go\n\ngo 1.19\n');
  });

  it('in a new npm project: init, npm run generate, npm run check, explain, and generate from src/', () => {
    for (const path of ['seeds', 'generated', 'feishu-errcodes.config.json', 'src']) rmSync(join(project, path), { recursive: true, force: true });
    const env = { ...npmEnv, PATH: `${join(project, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` };
    const init = run(bin, ['init'], project, env);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('created seeds/hire-v1.md: the Hire error-code page, as an example\n');
    expect(init.stdout).not.toContain('npm install'); // installed: the next commands start with generate
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))).toMatchObject({ scripts: { generate: 'feishu-errcodes generate', check: 'feishu-errcodes check' } });
    // The config's $schema resolves in the installed package.
    const config = JSON.parse(readFileSync(join(project, 'feishu-errcodes.config.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { $schema: string };
    expect(existsSync(join(project, config.$schema))).toBe(true);

    const generate = run('npm', ['run', 'generate'], project, env);
    expect(generate.code).toBe(0);
    expect(generate.stdout).toContain('created generated/ts/hire-v1.ts\n');
    const check = run('npm', ['run', 'check'], project, env);
    expect(check.stdout).toContain('feishu-errcodes: generated files are up to date.\n');
    expect(check.code).toBe(0);

    for (const input of ['1002108', '{"code":1002108,"msg":"Resume source does not exist"}']) {
      const explain = run(bin, ['explain', input], project, env);
      expect(explain.stdout).toMatch(/^1002108 in hire-v1: HireErrorCode\.\w+\n {2}message: +Resume source does not exist\n/);
      expect(explain.code).toBe(0);
    }
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'seeds/hire-v1.md'), readFileSync(join(project, 'seeds/hire-v1.md'), 'utf8').replace('Talent not exist', 'Talent does not exist'));
    const fromSrc = run(bin, ['generate'], join(project, 'src'), env);
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
    const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
    const options: import('typescript').CompilerOptions = {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      types: [],
    };
    const host = ts.createCompilerHost(options);
    host.getCurrentDirectory = () => project;
    const program = ts.createProgram([join(project, 'use.ts')], options, host);
    expect(ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), host)).toBe('');
    // The types came from the installed package, not from this repository's sources.
    expect(program.getSourceFiles().map((file) => file.fileName)).toContain(join(project, 'node_modules/feishu-errcodes/dist/index.d.ts'));
  });
});

/**
 * The newcomer path as README's install section gives it, on the real npm: the packed tarball
 * kept in the project's vendor/, and a git URL of a scratch clone of this repository
 * (`git+file://`), each followed by `npm ci` from an empty cache folder. Dependencies come
 * from the npm registry (no offline cache can stand in: the lockfile pins the registry's
 * tarballs by integrity), so this runs only with FEISHU_ERRCODES_REGISTRY_TESTS=1 (the
 * release workflow sets it); without it, a visible skip.
 */
const registryTests = process.env['FEISHU_ERRCODES_REGISTRY_TESTS'] === '1';
if (!registryTests) console.warn('\n⚠  FEISHU_ERRCODES_REGISTRY_TESTS is not 1: the install-from-vendor/ and install-from-git-URL tests (npm registry) are SKIPPED.\n');

describe.skipIf(!registryTests)('README install: vendor/ tarball and git URL, then npm ci from a clean cache (npm registry)', () => {
  const INSTALL_TIMEOUT_MS = 600_000;
  const registryEnv = (cache: string) => ({ ...npmEnv, npm_config_offline: 'false', npm_config_cache: cache });
  const sh = (command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv) => {
    const result = spawnSync(command, [...args], { cwd, encoding: 'utf8', env, timeout: INSTALL_TIMEOUT_MS });
    return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  };

  /** npm init, install `spec`, then a clean `npm ci`, and the newcomer path; returns the project. */
  function newcomer(work: string, spec: (project: string) => string): string {
    const project = join(work, 'app');
    mkdirSync(project, { recursive: true });
    expect(sh('git', ['init', '-q'], project, process.env).code).toBe(0);
    expect(sh('npm', ['init', '-y'], project, npmEnv).code).toBe(0);
    const install = sh('npm', ['install', '--save-dev', spec(project)], project, registryEnv(join(work, 'cache-install')));
    expect(install.stderr.replace(/^npm warn.*\n/gm, '')).toBe('');
    expect(install.code).toBe(0);
    rmSync(join(project, 'node_modules'), { recursive: true, force: true });
    const ci = sh('npm', ['ci'], project, registryEnv(join(work, 'cache-ci-empty')));
    expect(ci.code, ci.stderr).toBe(0);

    const env = { ...npmEnv, PATH: `${join(project, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` };
    expect(sh('npx', ['feishu-errcodes', 'init'], project, env).code).toBe(0);
    writeFileSync(join(project, 'go.mod'), 'module example.com/newcomer\n\ngo 1.19\n');
    expect(sh('npm', ['run', 'generate'], project, env).code).toBe(0);
    expect(sh('npm', ['run', 'check'], project, env).stdout).toContain('feishu-errcodes: generated files are up to date.\n');
    const explain = sh('npx', ['feishu-errcodes', 'explain', '99991400'], project, env);
    expect(explain.stdout).toMatch(/^99991400 in general: GeneralErrorCode\./);
    expect(explain.code).toBe(0);
    if (hasGo) {
      mkdirSync(join(project, 'cmd'));
      writeFileSync(join(project, 'cmd/main.go'), 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/newcomer/generated/go/feishuerr"\n\t"example.com/newcomer/generated/go/hire"\n)\n\nfunc main() { fmt.Println(hire.Code(1002108), feishuerr.Parse != nil) }\n');
      expect(sh('go', ['build', './...'], project, { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local' }).code).toBe(0);
    }
    const status = sh('git', ['status', '--porcelain', '--untracked-files=all'], project, process.env).stdout;
    expect(status).not.toContain('node_modules');
    return project;
  }

  it('from a release tarball kept in vendor/', () => {
    const work = tempDir('feishu-errcodes-vendor-');
    const [tarball] = pack(['--pack-destination', work]);
    const project = newcomer(work, (dir) => {
      mkdirSync(join(dir, 'vendor'));
      cpSync(join(work, tarball!.filename), join(dir, 'vendor', tarball!.filename));
      return `./vendor/${tarball!.filename}`;
    });
    expect(manifest(project)).toMatchObject({ devDependencies: { 'feishu-errcodes': `file:vendor/${tarball!.filename}` } } as object);
  }, 1_200_000);

  it('from a git URL (a scratch clone of this repository, built by `prepare` on install)', () => {
    const work = tempDir('feishu-errcodes-giturl-');
    const clone = join(work, 'feishu-errcodes');
    expect(sh('git', ['clone', '-q', ROOT, clone], work, process.env).code).toBe(0);
    const project = newcomer(work, () => `git+file://${clone}`);
    expect(manifest(project)).toMatchObject({ devDependencies: { 'feishu-errcodes': `git+file://${clone}` } } as object);
  }, 1_200_000);
});

/**
 * The README's install lines, verbatim, with the repository URL replaced by a local bare
 * clone of this repository in which the tag they name is created: the tag and the tarball
 * they name are this version's, `git clone --branch <tag>` and `npm pack` in the clone
 * work, and the tarball lands where the `cp` line takes it from. Offline, `npm ci` in the
 * clone is stood in for by a link to this repository's node_modules (a shim `npm` on PATH;
 * every other npm command is the real one); the `npm install` lines run against the
 * registry in the test above.
 */
describe('README install lines from a local clone of the tag', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use it in your project'), readme.indexOf('Then set the project up'));
  const lines = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => block[1]!.split('\n').map((line) => line.trim()).filter(Boolean));
  const URL = 'https://github.com/<owner>/feishu-errcodes.git';

  it('name this version: tag v<version>, tarball feishu-errcodes-<version>.tgz, and nothing older', () => {
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.join('\n')).toContain(`--branch v${version} ${URL}`);
    expect(lines.join('\n')).toContain(`git+${URL}#v${version}`);
    expect(lines.join('\n')).toContain(`./vendor/feishu-errcodes-${version}.tgz`);
    for (const named of section.matchAll(/feishu-errcodes-(\d+\.\d+\.\d+)\.tgz|#v(\d+\.\d+\.\d+)|--branch v(\d+\.\d+\.\d+)/g)) expect(named[1] ?? named[2] ?? named[3]).toBe(version);
    expect(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });

  it('clone the tag, npm pack in the clone, copy the tarball into vendor/ (verbatim, URL replaced)', () => {
    const work = tempDir('feishu-errcodes-readme-');
    const bare = join(work, 'origin.git');
    expect(run('git', ['clone', '-q', '--bare', ROOT, bare], work, process.env).code).toBe(0);
    // The release tag, as `git tag v<version>` makes it on the release commit.
    if (run('git', ['rev-parse', '-q', '--verify', `refs/tags/v${version}`], bare, process.env).code !== 0) {
      expect(run('git', ['tag', `v${version}`, 'HEAD'], bare, process.env).code).toBe(0);
    }
    const home = join(work, 'home');
    const project = join(work, 'app');
    const shims = join(work, 'shims');
    mkdirSync(home);
    mkdirSync(project);
    mkdirSync(shims);
    const realNpm = run('sh', ['-c', 'command -v npm'], work, process.env).stdout.trim();
    writeFileSync(join(shims, 'npm'), `#!/bin/sh\nif [ "$1" = ci ]; then exec ln -s '${join(ROOT, 'node_modules')}' node_modules; fi\nexec '${realNpm}' "$@"\n`);
    chmodSync(join(shims, 'npm'), 0o755);
    const env = { ...npmEnv, HOME: home, PATH: `${shims}:${process.env['PATH'] ?? ''}` };
    for (const line of lines.filter((text) => !text.startsWith('npm install'))) {
      const result = spawnSync('sh', ['-c', line.split(URL).join(`file://${bare}`)], { cwd: project, encoding: 'utf8', env, timeout: 4 * SPAWN_TIMEOUT_MS });
      expect(result.status, `${line}\n${result.stderr}`).toBe(0);
    }
    expect(statSync(join(project, `vendor/feishu-errcodes-${version}.tgz`)).size).toBeGreaterThan(10_000);
    const listed = run('tar', ['-tzf', join(project, `vendor/feishu-errcodes-${version}.tgz`)], work, process.env).stdout;
    expect(listed).toContain('package/dist/cli.js\n');
    expect(listed).toContain('package/templates/init/feishu-errcodes-sync.yml\n');
    // The git-URL line names a tag the repository has.
    expect(run('git', ['ls-remote', '--tags', `file://${bare}`, `v${version}`], work, process.env).stdout).toContain(`refs/tags/v${version}`);
  }, 600_000);
});
