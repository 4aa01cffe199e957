/**
 * The fast path of `generate` and `check` (src/fast-path.ts): on an unchanged tree they
 * answer from the last run's stamp without loading the pipeline, and any change at all
 * sends them through the full pipeline. Which modules a built CLI process loaded is read
 * from a module resolve hook; whether an in-process run went through the pipeline, from
 * the pipeline's entry points; never from timings.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { CONFIG_FILE } from '../src/config.js';
import { DEFAULT_CONFIG_FILE } from '../src/fast-path.js';
import { CLI, makeProject, readTree, ROOT, runCli, SPAWN_TIMEOUT_MS, tempDir } from './helpers/tools.js';

/** Counts the runs of the pipeline (project.ts's generate and check), whoever imports them. */
const pipeline = vi.hoisted(() => ({ runs: 0 }));
vi.mock('../src/project.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/project.js')>();
  return {
    ...actual,
    generate: (...args: Parameters<typeof actual.generate>) => (pipeline.runs++, actual.generate(...args)),
    check: (...args: Parameters<typeof actual.check>) => (pipeline.runs++, actual.check(...args)),
  };
});

const seed = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');

/** Runs the CLI in this process; `fullRun` is true when it went through the pipeline. */
async function run(args: readonly string[], cwd: string) {
  const before = pipeline.runs;
  const result = await runCli(args, cwd);
  return { ...result, fullRun: pipeline.runs > before };
}

/** A preload that logs every module URL the CLI resolves to $LOAD_LOG. */
const probeDir = tempDir('feishu-errcodes-probe-');
const probe = join(probeDir, 'probe.mjs');
writeFileSync(
  join(probeDir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.LOAD_LOG, result.url + '\\n');
  return result;
}
`,
);
writeFileSync(probe, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(probeDir, 'hooks.mjs')).href)});\n`);

/** Runs the built CLI (`cli`, default this checkout's) as a process; returns what it printed and every module it loaded. */
function spawnWithProbe(args: readonly string[], cwd: string, cli = CLI) {
  const log = join(probeDir, `load-${process.pid}-${Math.random().toString(36).slice(2)}.log`);
  appendFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', probe, cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', LOAD_LOG: log },
    timeout: SPAWN_TIMEOUT_MS,
  });
  const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  rmSync(log);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, loaded };
}

const HEAVY = /\/node_modules\/(?:ts-morph|unified|remark-[a-z]+|micromark[a-z-]*|mdast-[a-z-]+|yaml|eta|ajv|hast-[a-z-]+|vfile-reporter|diff)\/|\/dist\/(?:project|generate)\.js$/;
const heavy = (loaded: readonly string[]) => loaded.filter((url) => HEAVY.test(url));
/** True when a built CLI process went through the pipeline. */
const loadedPipeline = (loaded: readonly string[]) => loaded.some((url) => url.endsWith('/dist/project.js'));

/**
 * A project generated twice, so its lock is settled and the second run left a stamp. Its config
 * raises `extra-cell` (an info by default) to a warning, so a replayed run has a warning to print.
 */
const settled = makeProject({ 'hire-v1.md': seed }, { [CONFIG_FILE]: JSON.stringify({ rules: { 'extra-cell': 'warning' } }) });
for (let round = 0; round < 2; round++) {
  const result = await runCli(['generate'], settled);
  if (result.code !== 0) throw new Error(`generate failed:\n${result.stderr}`);
}

/** A copy of the settled project in another folder: no stamp of its own yet. */
function copyOfSettled(): string {
  const dir = tempDir();
  cpSync(settled, dir, { recursive: true });
  return dir;
}

describe('generate and check on an unchanged tree', () => {
  const dir = settled;

  it('load neither the markdown parser, ts-morph, the emitters nor the pipeline (a built CLI process)', () => {
    // The built CLI's first run leaves a stamp of its own (its code is another tool's than the in-process runs').
    expect(spawnWithProbe(['generate'], dir).code).toBe(0);
    for (const args of [['generate'], ['check'], ['generate', '--check']]) {
      const result = spawnWithProbe(args, dir);
      expect(result.code).toBe(0);
      expect(heavy(result.loaded)).toEqual([]);
    }
  });

  it('print exactly what the full pipeline prints, warnings included', async () => {
    for (const command of ['generate', 'check']) {
      const fast = await run([command], dir);
      const full = await run([command, '--full'], dir);
      expect(fast.fullRun).toBe(false);
      expect(full.fullRun).toBe(true);
      expect(fast).toMatchObject({ code: full.code, stdout: full.stdout, stderr: full.stderr });
    }
    expect((await run(['check'], dir)).stdout).toBe('feishu-errcodes: generated files are up to date.\n');
    expect((await run(['generate'], dir)).stderr).toBe('1 warning: 1 extra-cell; 2 info: 1 typo, 1 unknown-category; run `feishu-errcodes lint` to see them\n');
  });

  it('leave every file as it was', async () => {
    const before = { ...readTree(join(dir, 'generated')), lock: readFileSync(join(dir, 'seeds/feishu-errcodes.lock.json'), 'utf8') };
    await run(['generate'], dir);
    expect({ ...readTree(join(dir, 'generated')), lock: readFileSync(join(dir, 'seeds/feishu-errcodes.lock.json'), 'utf8') }).toEqual(before);
  });
});

describe('any change takes the full pipeline', () => {
  it('a hand-edited or deleted output: check prints the diff and exits 1; generate restores them', async () => {
    const dir = copyOfSettled();
    rmSync(join(dir, 'generated/go/hire/errors.go'));
    const path = join(dir, 'generated/json/hire-v1.json');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('"Talent not exist"', '"Talent gone"'));
    const check = await run(['check'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('stale generated/json/hire-v1.json');
    expect(check.stdout).toContain('-      "message": "Talent gone",');
    expect(check.stdout).toContain('missing generated/go/hire/errors.go');
    const generate = await run(['generate'], dir);
    expect(generate.stdout).toContain('updated generated/json/hire-v1.json');
    expect(generate.stdout).toContain('created generated/go/hire/errors.go');
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(existsSync(join(dir, 'generated/go/hire/errors.go'))).toBe(true);
  });

  it('an edited seed, a new seed, an edited lock and a new config are all seen', async () => {
    const dir = copyOfSettled();
    const seedPath = join(dir, 'seeds/hire-v1.md');
    writeFileSync(seedPath, seed.replace('Repeat application', 'Repeated application'));
    let result = await run(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('+      "message": "Repeated application"');
    writeFileSync(seedPath, seed);
    expect((await run(['check'], dir)).code).toBe(0);

    writeFileSync(join(dir, 'seeds/other-v1.md'), '# Other\n\n|code|message|\n|--|--|\n| 42 | Answer wrong |\n');
    result = await run(['generate'], dir);
    expect(result.stdout).toContain('created generated/ts/other-v1.ts');
    rmSync(join(dir, 'seeds/other-v1.md'));
    expect((await run(['generate'], dir)).stdout).toContain('removed generated/ts/other-v1.ts');

    const lockPath = join(dir, 'seeds/feishu-errcodes.lock.json');
    const lock = readFileSync(lockPath, 'utf8');
    writeFileSync(lockPath, lock.replace('"name": "TalentNotExistEmployed"', '"name": "TalentInPost"'));
    result = await run(['generate'], dir);
    expect(result.fullRun).toBe(true);
    expect(readFileSync(join(dir, 'generated/ts/hire-v1.ts'), 'utf8')).toContain('TalentInPost = 1002103,');

    writeFileSync(join(dir, CONFIG_FILE), JSON.stringify({ targets: ['json'] }));
    result = await run(['generate'], dir);
    expect(result.fullRun).toBe(true);
    expect(result.stdout).toContain('removed generated/ts/hire-v1.ts');
  });

  it('a go.mod added, edited or removed in the project is seen (the Go packages join it)', async () => {
    const dir = copyOfSettled();
    await run(['generate'], dir);
    expect((await run(['check'], dir)).fullRun).toBe(false);
    writeFileSync(join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.19\n');
    let result = await run(['check'], dir);
    expect(result.fullRun).toBe(true);
    expect(result.code).toBe(1);
    result = await run(['generate'], dir);
    expect(readFileSync(join(dir, 'generated/go/feishuerr/feishuerr.go'), 'utf8')).toContain('"example.com/app/generated/go/hire"');
    expect((await run(['check'], dir)).fullRun).toBe(false);
    writeFileSync(join(dir, 'go.mod'), 'module example.com/renamed\n\ngo 1.19\n');
    result = await run(['check'], dir);
    expect(result.fullRun).toBe(true);
    expect(result.code).toBe(1);
    rmSync(join(dir, 'go.mod'));
    expect((await run(['generate'], dir)).fullRun).toBe(true);
    expect(existsSync(join(dir, 'generated/go/go.mod'))).toBe(true);
  });

  it('--out, --seeds and --prune are never answered from another run', async () => {
    const dir = copyOfSettled();
    expect((await run(['generate'], dir)).code).toBe(0); // this folder's own stamp
    const other = await run(['generate', '--out', 'elsewhere'], dir);
    expect(other.stdout).toContain('created elsewhere/ts/hire-v1.ts');

    // A code gone from the doc stays as deprecated until --prune drops it.
    writeFileSync(join(dir, 'seeds/hire-v1.md'), seed.replace(/^\| 1002801 .*\n?/m, ''));
    expect((await run(['generate'], dir)).code).toBe(0);
    expect((await run(['generate'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'generated/ts/hire-v1.ts'), 'utf8')).toContain('= 1002801,');
    const pruned = await run(['generate', '--prune'], dir);
    expect(pruned.fullRun).toBe(true);
    expect(readFileSync(join(dir, 'generated/ts/hire-v1.ts'), 'utf8')).not.toContain('= 1002801,');

    cpSync(join(dir, 'seeds'), join(dir, 'docs'), { recursive: true });
    const seeds = await run(['generate', '--seeds', 'docs'], dir);
    expect(seeds.fullRun).toBe(true);
    expect(seeds.stdout).toContain('updated generated/ts/hire-v1.ts'); // its header now names docs/hire-v1.md
  });

  it('another build of the tool never reuses a stamp', () => {
    // A copy of the package: same code, so its own stamps work; then one byte of its code changes.
    const tool = tempDir('feishu-errcodes-tool-');
    for (const part of ['dist', 'templates', 'schema', 'package.json']) cpSync(join(ROOT, part), join(tool, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(tool, 'node_modules'), 'dir');
    const cli = join(tool, 'dist/cli.js');
    const dir = copyOfSettled();
    expect(loadedPipeline(spawnWithProbe(['generate'], dir, cli).loaded)).toBe(true);
    expect(loadedPipeline(spawnWithProbe(['check'], dir, cli).loaded)).toBe(false);
    appendFileSync(join(tool, 'dist/emit/go.js'), '\n// another build\n');
    const after = spawnWithProbe(['check'], dir, cli);
    expect(after.code).toBe(0);
    expect(loadedPipeline(after.loaded)).toBe(true);
  });
});

describe('module folders: a change at any depth below seeds/ takes the full pipeline', () => {
  /** A project with the module-folder fixture (pages two and three folders deep) as its seeds, settled. */
  async function settledModules(): Promise<string> {
    const dir = tempDir();
    cpSync(join(ROOT, 'test/fixtures/module-folder/seeds'), join(dir, 'seeds'), { recursive: true });
    for (let round = 0; round < 2; round++) {
      const result = await run(['generate'], dir);
      if (result.code !== 0) throw new Error(`generate failed:\n${result.stderr}`);
    }
    expect((await run(['check'], dir)).fullRun).toBe(false);
    return dir;
  }
  /** Once the outputs are up to date, the no-change check answers from the stamp again. */
  async function settle(dir: string): Promise<void> {
    expect((await run(['check'], dir)).code).toBe(0);
    expect((await run(['check'], dir))).toMatchObject({ code: 0, fullRun: false });
  }
  const nested = (dir: string, ...parts: string[]) => join(dir, 'seeds/im-v1/message', ...parts);
  const newPage = '# 新接口\n\n## 错误码\n\n| HTTP状态码 | 错误码 | 描述 | 排查建议 |\n| --- | --- | --- | --- |\n| 400 | 230987 | Nested page code | Fix it |\n';

  it('a nested page edited: check reports the drift, generate writes it', async () => {
    const dir = await settledModules();
    const page = nested(dir, 'create.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace(/\| 230001 \| ([^|]*)\|/, '| 230001 | Edited below the module folder |'));
    const check = await run(['check'], dir);
    expect(check.fullRun).toBe(true);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('Edited below the module folder');
    expect((await run(['generate'], dir)).fullRun).toBe(true);
    await settle(dir);
  });

  it('a nested page added, then removed: check reports it, generate adds and drops its code', async () => {
    const dir = await settledModules();
    writeFileSync(nested(dir, 'new.md'), newPage);
    const check = await run(['check'], dir);
    expect(check).toMatchObject({ code: 1, fullRun: true });
    expect((await run(['generate'], dir)).fullRun).toBe(true);
    expect(readFileSync(join(dir, 'generated/json/im-v1.json'), 'utf8')).toContain('230987');
    await settle(dir);

    rmSync(nested(dir, 'new.md'));
    expect((await run(['check'], dir))).toMatchObject({ code: 1, fullRun: true });
    expect((await run(['generate', '--prune'], dir)).fullRun).toBe(true);
    expect(readFileSync(join(dir, 'generated/json/im-v1.json'), 'utf8')).not.toContain('230987');
  });

  it('a nested page renamed: the full run reads it under its new name', async () => {
    const dir = await settledModules();
    renameSync(nested(dir, 'create.md'), nested(dir, 'send.md'));
    const check = await run(['check'], dir);
    expect(check.fullRun).toBe(true);
    const full = await run(['check', '--full'], dir);
    expect(check).toMatchObject({ code: full.code, stdout: full.stdout, stderr: full.stderr });
    await settle(dir);
    writeFileSync(nested(dir, 'send.md'), readFileSync(nested(dir, 'send.md'), 'utf8').replace(/\| 230001 \| ([^|]*)\|/, '| 230001 | Edited after the rename |'));
    expect((await run(['check'], dir))).toMatchObject({ code: 1, fullRun: true });
  });

  it('a new empty folder in a module folder or at the top: the full run looks at it', async () => {
    const dir = await settledModules();
    mkdirSync(nested(dir, 'drafts'));
    expect((await run(['check'], dir)).fullRun).toBe(true);
    await settle(dir);
    mkdirSync(join(dir, 'seeds/empty-v1'));
    const fast = await run(['check'], dir);
    expect(fast.fullRun).toBe(true);
    const full = await run(['check', '--full'], dir);
    expect(fast).toMatchObject({ code: full.code, stdout: full.stdout, stderr: full.stderr });
  });
});

describe('the fast path', () => {
  it('looks for the same config file as the pipeline', () => {
    expect(DEFAULT_CONFIG_FILE).toBe(CONFIG_FILE);
  });

  it('is not used by check --format json, whose messages need the pipeline', async () => {
    const result = await run(['check', '--format', 'json'], settled);
    expect(result.code).toBe(0);
    expect(result.fullRun).toBe(true);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, upToDate: true, stale: [] });
  });
});
