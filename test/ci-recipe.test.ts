import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CLI, makeProject, ROOT, SPAWN_TIMEOUT_MS } from './helpers/tools.js';
import { scratchProject } from './helpers/doc-examples.js';

interface Step {
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  if?: string;
  run?: string;
}
const workflow = parseYaml(readFileSync(join(ROOT, '.github/workflows/feishu-errcodes.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs)[0]!.steps;
const step = (name: string) => steps.find((candidate) => candidate.name === name)!;

describe('the CI recipe .github/workflows/feishu-errcodes.yml', () => {
  it('runs on pull requests: checkout with history, Node 20, 22 and 24, npm ci, generate, report, drift check', () => {
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(steps.map((s) => s.uses ?? s.run?.split('\n')[0])).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'npm run generate',
      'npm run --silent diff -- "git:origin/${{ github.base_ref }}" seeds/ --format markdown >> "$GITHUB_STEP_SUMMARY"',
      'git add --intent-to-add generated/ seeds/',
    ]);
    expect(steps[0]!.with).toEqual({ 'fetch-depth': 0 });
    expect(steps[1]!.with).toMatchObject({ 'node-version': '${{ matrix.node }}' });
    expect(Object.values(workflow.jobs)[0]).toMatchObject({ strategy: { matrix: { node: [20, 22, 24] } } });
  });

  it('works on a real repository: a seed edit shows in the summary, and uncommitted outputs fail the job', () => {
    const seed = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');
    const dir = makeProject(
      { 'hire-v1.md': seed },
      {
        // What a user's package.json has, with the CLI of this checkout instead of node_modules/.bin.
        'package.json': JSON.stringify({ private: true, scripts: { generate: `node ${JSON.stringify(CLI)} generate`, diff: `node ${JSON.stringify(CLI)} diff` } }),
      },
    );
    const env = { ...process.env, NO_COLOR: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
    const summary = join(dir, '..', `${dir.split(/[\\/]/).pop()}-summary.md`);
    writeFileSync(summary, '');
    const runStep = (name: string) => {
      const script = step(name).run!.replace(/\$\{\{ github\.base_ref \}\}/g, 'main');
      const result = spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd: dir, env: { ...env, GITHUB_STEP_SUMMARY: summary }, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };

    // main: seeds and generated/ committed, as the recipe expects; origin/main points at it.
    git('init', '-q', '-b', 'main');
    expect(runStep('Generate').code).toBe(0);
    git('add', '-A');
    git('commit', '-q', '-m', 'seeds and generated');
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    expect(runStep('Fail when generated/ or the name lock is not committed').code).toBe(0);

    // A pull request that edits a doc and adds one, without committing what generate writes.
    git('checkout', '-q', '-b', 'docs-update');
    writeFileSync(join(dir, 'seeds/hire-v1.md'), seed.replace('Repeat application', 'Repeated application'));
    writeFileSync(join(dir, 'seeds/task-v2.md'), '# Task\n\n| 错误码 | 描述 |\n| --- | --- |\n| 1470400 | Invalid request |\n');
    git('add', 'seeds');
    git('commit', '-q', '-m', 'docs update');

    expect(runStep('Generate').code).toBe(0);
    const report = runStep('Report what changed in the docs (job summary)');
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(report.stdout).toBe('');
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toContain('1002206');
    expect(markdown).toMatch(/^#/);
    expect(markdown).toContain('Repeated');
    expect(markdown).toContain('1470400');

    const drift = runStep('Fail when generated/ or the name lock is not committed');
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('::error::generated/ is out of date with seeds/: run `npm run generate` and commit the result');
    expect(drift.stdout).toContain('+      "message": "Repeated application"');
    expect(drift.stdout).toContain('+++ b/generated/json/task-v2.json');

    git('add', '-A');
    git('commit', '-q', '-m', 'generate');
    expect(runStep('Fail when generated/ or the name lock is not committed').code).toBe(0);
  });
});

describe('the workflow `init` writes (templates/init/feishu-errcodes.yml)', () => {
  it('on a real repository: the doc change goes to the summary, and a stale generated/ fails `npm run check`', () => {
    const { dir, env, cleanup } = scratchProject();
    try {
      const shell = (script: string, extra: NodeJS.ProcessEnv = {}) => {
        const result = spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8', timeout: 120_000 });
        return { code: result.status, stdout: result.stdout, stderr: result.stderr };
      };
      expect(shell('feishu-errcodes init && npm run --silent generate && git add -A && git commit -qm setup && git update-ref refs/remotes/origin/main HEAD').code).toBe(0);
      const template = parseYaml(readFileSync(join(dir, '.github/workflows/feishu-errcodes.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
      const stepOf = (name: string) => Object.values(template.jobs)[0]!.steps.find((candidate) => candidate.name === name)!.run!.replace(/\$\{\{ github\.base_ref \}\}/g, 'main');
      const check = stepOf('Fail when generated/ or the name lock is stale, or holds stray files');
      expect(shell(check).code).toBe(0);

      const summary = join(dir, '..', 'summary.md');
      writeFileSync(summary, '');
      shell("sed -i 's/Repeat application/Repeated application/' seeds/hire-v1.md && git commit -qam 'docs update'");
      const report = shell(stepOf('Report what changed in the docs (job summary)'), { GITHUB_STEP_SUMMARY: summary });
      expect(report.code).toBe(0);
      expect(readFileSync(summary, 'utf8')).toContain('Repeated');
      const stale = shell(check);
      expect(stale.code).toBe(1);
      expect(stale.stdout).toContain('+      "message": "Repeated application"');
    } finally {
      cleanup();
    }
  });
});
