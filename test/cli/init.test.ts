import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CONFIG_TEXT } from '../../src/init.js';
import { validateConfig } from '../../src/config.js';
import { readTree, ROOT, runCli, tempDir } from '../helpers/tools.js';
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
        'created feishu-errcodes.config.json: with its $schema, for completion in your editor',
        'updated package.json: script `generate`: `feishu-errcodes generate`',
        'updated package.json: script `check`: `feishu-errcodes check`',
        'created .github/workflows/feishu-errcodes.yml: runs `npm run check` on every pull request',
        '',
        'Next:',
        '  npm run generate   # write generated/ from seeds/',
        '  npm run check      # what CI runs: fails when generated/ is out of date',
        '  git add -A && git commit -m "Add Feishu error codes"',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(dir, 'seeds/hire-v1.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8'));
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
