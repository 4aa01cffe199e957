import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { TARGET_NAMES } from '../../src/emit/index.js';
import { CONFIG_TEXT } from '../../src/init.js';
import { validateConfig } from '../../src/config.js';
import { readTree, ROOT, runCli, SPAWN_TIMEOUT_MS, tempDir } from '../helpers/tools.js';
import { markdown, runCliWithoutProxies, startDocServer, status, type DocServer } from '../sync/doc-server.js';

/** An npm project as `npm init` leaves it, with a hand-formatted package.json. */
function npmProject(
  packageJson = '{\n\t"name": "app",\n\t"version": "1.0.0",\n\t"scripts": { "test": "vitest" },\n\t"files": ["dist", "src"],\n\t"devDependencies": { "feishu-errcodes": "^0.1.0" }\n}\n',
): string {
  const dir = tempDir('feishu-errcodes-init-');
  writeFileSync(join(dir, 'package.json'), packageJson);
  return dir;
}

describe('feishu-errcodes init', () => {
  it('sets a project up: the example seed, the config, the scripts, the workflow, and says what comes next', async () => {
    const dir = npmProject();
    const run = await runCli(['init'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'created seeds/hire-v1.md: the Hire error-code page, as an example',
        "created seeds/general.md: Feishu's general error codes: token, scope, rate limit",
        'created feishu-errcodes.config.json: with its $schema, for completion in your editor',
        'updated package.json: script `generate`: `feishu-errcodes generate`',
        'updated package.json: script `check`: `feishu-errcodes check`',
        'created .github/workflows/feishu-errcodes.yml: runs `npm run check` on every pull request',
        'created .gitignore: node_modules/, so that git never stages installed packages',
        '',
        'Next:',
        '  npm run generate   # write generated/ from seeds/',
        '  npm run check      # what CI runs: fails when generated/ is out of date',
        '  git add seeds/hire-v1.md seeds/general.md feishu-errcodes.config.json package.json .github/workflows/feishu-errcodes.yml .gitignore generated/ seeds/feishu-errcodes.lock.json && git commit -m "Add Feishu error codes"',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(dir, 'seeds/hire-v1.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8'));
    expect(readFileSync(join(dir, 'seeds/general.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'seeds/general.md'), 'utf8'));
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\n');
    // Only `scripts` is touched (laid out in the file's own tabs); the rest stays as the user wrote it.
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(
      '{\n\t"name": "app",\n\t"version": "1.0.0",\n\t"scripts": {\n\t\t"test": "vitest",\n\t\t"generate": "feishu-errcodes generate",\n\t\t"check": "feishu-errcodes check"\n\t},\n\t"files": ["dist", "src"],\n\t"devDependencies": { "feishu-errcodes": "^0.1.0" }\n}\n',
    );
    const workflow = parseYaml(readFileSync(join(dir, '.github/workflows/feishu-errcodes.yml'), 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
    expect(Object.values(workflow.jobs)[0]!.steps.map((step) => step.run?.split('\n')[0]).filter(Boolean)).toEqual([
      'npm ci',
      expect.stringMatching(/^npx feishu-errcodes diff "git:origin\/\$\{\{ github\.base_ref \}\}" --format markdown >> "\$GITHUB_STEP_SUMMARY" \|\| echo "::warning::/),
      'npm run check',
    ]);

    // The scripts it added work: generate, then check passes (the scripts call the same CLI).
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const check = await runCli(['check'], dir);
    expect(check.stdout).toBe('feishu-errcodes: generated files are up to date.\n');
    expect(check.code).toBe(0);
    // The platform codes users hit most are there from the first generate.
    const explain = await runCli(['explain', '99991400', '99991672', '99991663'], dir);
    expect(explain.stdout).toMatch(/^99991400 in general: GeneralErrorCode\.\w+\n {2}message: +request trigger frequency limit\n/m);
    expect(explain.stdout).toMatch(/^99991672 in general: /m);
    expect(explain.stdout).toMatch(/^99991663 in general: /m);
    expect(explain.code).toBe(0);
  });

  it('writes a config that the config schema accepts, with the $schema a user\'s editor resolves', () => {
    const config = JSON.parse(CONFIG_TEXT) as Record<string, unknown>;
    expect(() => validateConfig(config, 'feishu-errcodes.config.json')).not.toThrow();
    expect(config['$schema']).toBe('./node_modules/feishu-errcodes/schema/config.schema.json');
    expect(existsSync(join(ROOT, 'schema/config.schema.json'))).toBe(true);
  });

  it('is idempotent: a second run changes nothing and says so', async () => {
    const dir = npmProject();
    expect((await runCli(['init'], dir)).code).toBe(0);
    const before = readTree(dir);
    const again = await runCli(['init'], dir);
    expect(again.stdout).toBe(`feishu-errcodes: nothing to do; ${dir} is set up already (init never overwrites a file).\n`);
    expect(again.code).toBe(0);
    expect(readTree(dir)).toEqual(before);
  });

  it("never overwrites a user's file, and keeps a script of the same name", async () => {
    const dir = npmProject('{\n  "name": "app",\n  "scripts": {\n    "generate": "node scripts/generate.js"\n  }\n}\n');
    mkdirSync(join(dir, 'seeds'));
    writeFileSync(join(dir, 'seeds/im-v1.md'), '| code | message |\n| --- | --- |\n| 230001 | Bad |\n');
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), '{ "targets": ["ts"] }\n');
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/feishu-errcodes.yml'), 'name: mine\n');
    const run = await runCli(['init'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 5)).toEqual([
      'kept    seeds/: holds 1 doc(s) already',
      'kept    feishu-errcodes.config.json: exists',
      'kept    package.json: script `generate` is `node scripts/generate.js`; kept (init would add `feishu-errcodes generate`)',
      'updated package.json: script `check`: `feishu-errcodes check`',
      'kept    .github/workflows/feishu-errcodes.yml: exists',
    ]);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(
      '{\n  "name": "app",\n  "scripts": {\n    "generate": "node scripts/generate.js",\n    "check": "feishu-errcodes check"\n  }\n}\n',
    );
    expect(existsSync(join(dir, 'seeds/hire-v1.md'))).toBe(false);
    expect(readFileSync(join(dir, 'feishu-errcodes.config.json'), 'utf8')).toBe('{ "targets": ["ts"] }\n');
    expect(readFileSync(join(dir, '.github/workflows/feishu-errcodes.yml'), 'utf8')).toBe('name: mine\n');
  });

  it('run from a subfolder, sets up the project that holds it', async () => {
    const dir = npmProject();
    mkdirSync(join(dir, 'src/lib'), { recursive: true });
    expect((await runCli(['init'], join(dir, 'src/lib'))).code).toBe(0);
    expect(existsSync(join(dir, 'seeds/hire-v1.md'))).toBe(true);
    expect(existsSync(join(dir, 'src/lib/seeds'))).toBe(false);
  });

  it('never takes a package.json above that others can write (a shared parent such as the temp folder), nor one past the git root', async () => {
    const shared = npmProject();
    const manifest = readFileSync(join(shared, 'package.json'), 'utf8');
    chmodSync(join(shared, 'package.json'), 0o666);
    mkdirSync(join(shared, 'mine'));
    const run = await runCli(['init'], join(shared, 'mine'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is writable by group or others');
    expect(readFileSync(join(shared, 'package.json'), 'utf8')).toBe(manifest);
    expect(existsSync(join(shared, 'seeds'))).toBe(false);

    const outer = npmProject();
    mkdirSync(join(outer, 'repo/.git'), { recursive: true });
    expect((await runCli(['init'], join(outer, 'repo'))).code).toBe(2);
    expect(existsSync(join(outer, 'seeds'))).toBe(false);
  });

  it('says to install the package when package.json does not list it (npx ran a copy of its own)', async () => {
    const dir = npmProject('{ "name": "app" }\n');
    const run = await runCli(['init'], dir);
    expect(run.stdout).toMatch(
      /\nNext:\n {2}npm install --save-dev feishu-errcodes {3}# the scripts run the copy in node_modules\/\n {2}npm run generate {25}# write generated\/ from seeds\/\n/,
    );
    expect((await runCli(['init'], dir)).stdout).toBe(
      `feishu-errcodes: nothing to do; ${dir} is set up already (init never overwrites a file).\nNot installed in this project yet:\n  npm install --save-dev feishu-errcodes   # the scripts run the copy in node_modules/\n`,
    );
  });

  it('its `git add` line stages package-lock.json and vendor/*.tgz, which the workflow\'s `npm ci` needs', async () => {
    const dir = npmProject();
    writeFileSync(join(dir, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
    mkdirSync(join(dir, 'vendor'));
    writeFileSync(join(dir, 'vendor/feishu-errcodes-0.2.0.tgz'), '');
    writeFileSync(join(dir, 'vendor/notes.txt'), '');
    const run = await runCli(['init'], dir);
    expect(run.stdout).toContain(' generated/ seeds/feishu-errcodes.lock.json package-lock.json vendor/feishu-errcodes-0.2.0.tgz && git commit');
    // Not installed yet: `npm install --save-dev` writes package.json and package-lock.json, both staged.
    const fresh = npmProject('{ "name": "app" }\n');
    const next = (await runCli(['init'], fresh)).stdout;
    expect(next).toContain('npm install --save-dev feishu-errcodes');
    expect(/^ {2}git add (.*) && git commit/m.exec(next)![1]!.split(' ')).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
  });

  it('keeps a .gitignore of the project, and its next steps never say `git add -A`', async () => {
    const dir = npmProject();
    writeFileSync(join(dir, '.gitignore'), 'dist/\n');
    const run = await runCli(['init'], dir);
    expect(run.stdout).not.toContain('.gitignore');
    expect(run.stdout).not.toContain('git add -A');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('dist/\n');
  });

  it('stages exactly what it wrote and what generate writes: git status is clean after the suggested commands, node_modules untouched', async () => {
    const dir = npmProject();
    if (spawnSync('git', ['init', '-q'], { cwd: dir, timeout: SPAWN_TIMEOUT_MS }).status !== 0) throw new Error('git init failed');
    mkdirSync(join(dir, 'node_modules/left-pad'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/left-pad/index.js'), 'module.exports = 1;\n');
    writeFileSync(join(dir, 'notes.txt'), 'not for this commit\n');
    const run = await runCli(['init'], dir);
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const add = /^ {2}(git add .*) && git commit/m.exec(run.stdout)![1]!;
    const git = (args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
    expect(git(['add', ...add.slice('git add '.length).split(' ')]).status).toBe(0);
    // Staged: init's files and generate's; not staged: the user's own file; never node_modules.
    expect(git(['status', '--porcelain', '--untracked-files=all']).stdout.split('\n').filter((line) => !line.startsWith('A ')).filter(Boolean)).toEqual(['?? notes.txt']);
    expect(git(['diff', '--cached', '--name-only']).stdout).not.toContain('node_modules');
  });

  it('reads tsconfig.json and the scripts: enums that cannot compile or run make the config say style "union", and why', async () => {
    const strict = npmProject();
    writeFileSync(join(strict, 'tsconfig.json'), '{\n  // tsc reads comments and trailing commas\n  "compilerOptions": { "erasableSyntaxOnly": true, },\n}\n');
    const run = await runCli(['init'], strict);
    expect(run.stdout).toContain('created feishu-errcodes.config.json: with its $schema, for completion in your editor; typescript.style "union" (see its $comment)\n');
    const config = JSON.parse(readFileSync(join(strict, 'feishu-errcodes.config.json'), 'utf8')) as { typescript?: unknown; $comment: string[] };
    expect(config.typescript).toEqual({ style: 'union' });
    expect(config.$comment).toContain('typescript.style is "union": tsconfig.json sets erasableSyntaxOnly, which rejects enums (TS1294).');
    expect(() => validateConfig(config, 'feishu-errcodes.config.json')).not.toThrow();
    expect((await runCli(['generate'], strict)).code).toBe(0);
    expect(readFileSync(join(strict, 'generated/ts/hire-v1.ts'), 'utf8')).not.toMatch(/\benum\b/);

    for (const start of ['node --experimental-strip-types src/main.ts', 'node --watch src/main.ts']) {
      const stripping = npmProject(JSON.stringify({ name: 'app', scripts: { start } }));
      await runCli(['init'], stripping);
      expect(JSON.parse(readFileSync(join(stripping, 'feishu-errcodes.config.json'), 'utf8'))).toMatchObject({ typescript: { style: 'union' } });
    }
    // Enums are fine where TypeScript compiles (or transforms) them: the default stays.
    for (const start of ['tsc && node dist/main.js', 'node --experimental-transform-types src/main.ts']) {
      const compiled = npmProject(JSON.stringify({ name: 'app', scripts: { start } }));
      await runCli(['init'], compiled);
      expect(readFileSync(join(compiled, 'feishu-errcodes.config.json'), 'utf8')).toBe(CONFIG_TEXT);
    }
  });

  it("turns on the targets of the project's other languages, only those this version can generate", async () => {
    const dir = npmProject();
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "app"\n');
    writeFileSync(join(dir, 'build.gradle.kts'), '');
    await runCli(['init'], dir);
    const targets = (JSON.parse(readFileSync(join(dir, 'feishu-errcodes.config.json'), 'utf8')) as { targets: string[] }).targets;
    const expected = ['ts', 'json', 'go', 'openapi', 'docs', ...['python', 'java'].filter((name) => (TARGET_NAMES as readonly string[]).includes(name))];
    expect(targets).toEqual(expected);
    expect((await runCli(['generate'], dir)).code).toBe(0);
  });

  it('edits only `scripts` of a one-line package.json, keeping its BOM and its layout', async () => {
    const dependencies = Object.fromEntries(Array.from({ length: 25_000 }, (_, i) => [`pkg-${i}`, `^1.0.${i}`]));
    const text = `\uFEFF${JSON.stringify({ name: 'app', dependencies, scripts: { test: 'vitest' } })}`;
    expect(text.length).toBeGreaterThan(589_000);
    const dir = npmProject(text);
    const run = await runCli(['init'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const after = readFileSync(join(dir, 'package.json'), 'utf8');
    expect(after).toBe(text.replace('"test":"vitest"}', '"test":"vitest","generate": "feishu-errcodes generate","check": "feishu-errcodes check"}'));
  });

  describe('a package.json or a folder init cannot use: exit 2, one line naming the file and what to do, nothing written', () => {
    const cases: [string, string, RegExp][] = [
      ['a comment', '{\n  // the app\n  "name": "app"\n}\n', /^feishu-errcodes: package\.json:2:3: a comment; npm reads package\.json as strict JSON: fix it, then run init again\n$/],
      ['a trailing comma', '{\n  "name": "app",\n}\n', /^feishu-errcodes: package\.json:3:1: a trailing comma; npm reads package\.json as strict JSON: fix it, then run init again\n$/],
      ['`scripts` null', '{ "name": "app", "scripts": null }\n', /^feishu-errcodes: package\.json: "scripts" is null; npm wants an object of script names and commands: make it \{\} \(or delete it\), then run init again\n$/],
      ['`scripts` an array', '{ "name": "app", "scripts": ["build"] }\n', /^feishu-errcodes: package\.json: "scripts" is an array; .*then run init again\n$/],
    ];
    for (const [what, text, message] of cases) {
      it(`package.json with ${what}`, async () => {
        const dir = npmProject(text);
        const run = await runCli(['init'], dir);
        expect(run.stderr).toMatch(message);
        expect(run.code).toBe(2);
        expect(readTree(dir)).toEqual({ 'package.json': text });
      });
    }

    for (const link of ['.github', '.github/workflows', 'seeds', 'package.json']) {
      it(`a symbolic link: ${link}`, async () => {
        const dir = npmProject();
        const elsewhere = tempDir('feishu-errcodes-init-elsewhere-');
        mkdirSync(join(dir, '.github'), { recursive: true });
        if (link === 'package.json') {
          writeFileSync(join(elsewhere, 'package.json'), '{ "name": "app" }\n');
          rmSync(join(dir, 'package.json'));
          symlinkSync(join(elsewhere, 'package.json'), join(dir, 'package.json'));
        } else {
          rmSync(join(dir, link), { recursive: true, force: true });
          symlinkSync(elsewhere, join(dir, link));
        }
        const before = readTree(elsewhere);
        const run = await runCli(['init'], dir);
        expect(run.stderr.split('\n')).toEqual([expect.stringMatching(new RegExp(`^feishu-errcodes: ${link.replace('.', '\\.')} is a symbolic link.*(Remove the link|replace the link)`)), '']);
        expect(run.code).toBe(2);
        expect(readTree(elsewhere)).toEqual(before);
        expect(existsSync(join(dir, 'feishu-errcodes.config.json'))).toBe(false);
      });
    }

    const root = process.getuid?.() === 0;
    it.skipIf(root)('a read-only project folder (skipped as root, who can write anywhere): names the file, suggests no --out', async () => {
      const dir = npmProject();
      chmodSync(dir, 0o555);
      try {
        const run = await runCli(['init'], dir);
        expect(run.stderr).toMatch(/^feishu-errcodes: Cannot write \S+ in .*: you cannot write there \(EACCES\); run init as a user who can write the project folder, or make it writable\. Nothing was changed\.\n$/);
        expect(run.stderr).not.toContain('--out');
        expect(run.code).toBe(2);
      } finally {
        chmodSync(dir, 0o755);
      }
    });
  });

  it('outside an npm project: one line saying to run npm init first, exit 2, nothing written', async () => {
    const dir = tempDir('feishu-errcodes-init-');
    const run = await runCli(['init'], dir);
    expect(run.stderr).toBe(`feishu-errcodes: No package.json in ${dir} or above it; run \`npm init -y\` first, then \`npm install --save-dev feishu-errcodes\`\n`);
    expect(run.code).toBe(2);
    expect(readTree(dir)).toEqual({});
  });
});

describe('feishu-errcodes init --from <url>', () => {
  let server: DocServer;
  beforeAll(async () => {
    server = await startDocServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('seeds the project from the page (through sync --add), named after the module in the URL', async () => {
    const page = '# 错误码\n\n|code|message|说明|\n|--|--|--|\n| 230001 | Invalid message content | 消息内容不合法 |\n';
    server.route('/document/server-docs/im-v1/message/error_code.md', markdown(page));
    const dir = npmProject();
    const run = await runCliWithoutProxies(['init', '--from', `${server.origin}/document/server-docs/im-v1/message/error_code`], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`created seeds/im-message.md: from ${server.origin}/document/server-docs/im-v1/message/error_code.md`);
    expect(readFileSync(join(dir, 'seeds/im-message.md'), 'utf8')).toContain(`source_url: ${server.origin}/document/server-docs/im-v1/message/error_code\n`);
    expect(existsSync(join(dir, 'seeds/hire-v1.md'))).toBe(false);
    expect((await runCli(['explain', '230001'], dir)).stdout).toMatch(/^230001 in im-message: ImMessageErrorCode\.InvalidMessageContent$/m);
  });

  it('on a project set up already, adds the page (as sync --add) instead of saying there is nothing to do', async () => {
    const page = '# 错误码\n\n|code|message|说明|\n|--|--|--|\n| 230002 | Bot not in chat | 机器人不在群里 |\n';
    server.route('/document/server-docs/im-v1/chat/error_code.md', markdown(page));
    const dir = npmProject();
    expect((await runCli(['init'], dir)).code).toBe(0);
    const run = await runCliWithoutProxies(['init', '--from', `${server.origin}/document/server-docs/im-v1/chat/error_code`, '--as', 'im-chat'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`created seeds/im-chat.md: from ${server.origin}/document/server-docs/im-v1/chat/error_code.md`);
    expect(run.stdout).toMatch(/git add seeds\/im-chat\.md generated\/ seeds\/feishu-errcodes\.lock\.json && git commit/);
    expect(existsSync(join(dir, 'seeds/hire-v1.md'))).toBe(true);
    expect((await runCli(['explain', '230002'], dir)).stdout).toMatch(/^230002 in im-chat: ImChatErrorCode\.BotNotInChat$/m);
    // Added once: the page again is a usage mistake that says what to run instead.
    const again = await runCliWithoutProxies(['init', '--from', `${server.origin}/document/server-docs/im-v1/chat/error_code`, '--as', 'im-chat'], dir);
    expect(again.stderr).toBe(`feishu-errcodes: seeds/im-chat.md already syncs ${server.origin}/document/server-docs/im-v1/chat/error_code; run \`feishu-errcodes sync im-chat\` to update it\n`);
    expect(again.code).toBe(2);
  });

  it('a page that cannot be fetched: the reason, exit 1, and nothing set up', async () => {
    server.route('/document/server-docs/gone/error_code.md', status(404));
    const dir = npmProject();
    const before = readTree(dir);
    const run = await runCliWithoutProxies(['init', '--from', `${server.origin}/document/server-docs/gone/error_code`], dir);
    expect(run.stderr).toBe(
      `feishu-errcodes: seeds/gone.md: not added from ${server.origin}/document/server-docs/gone/error_code.md: HTTP 404 Not Found. Nothing was set up; fix that, or run \`feishu-errcodes init\` without --from to start from the Hire page example\n`,
    );
    expect(run.code).toBe(1);
    expect(readTree(dir)).toEqual(before);
  });
});
