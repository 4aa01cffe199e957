import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli, SPAWN_TIMEOUT_MS } from '../helpers/tools.js';

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, string>;
}

const workflow = parse(readFileSync(join(ROOT, '.github/workflows/feishu-errcodes-sync.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: { sync: { steps: Step[] } };
};
const steps = workflow.jobs.sync.steps;

describe('the scheduled sync workflow', () => {
  it('runs on a schedule and by hand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.on['schedule']).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \S+ \S+ \S+$/) }]);
  });

  it('has shell steps bash can parse, calling commands and options the CLI has', async () => {
    const scripts = steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
    for (const script of scripts) {
      const check = spawnSync('bash', ['-n', '-c', script], { encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
      expect(check.stderr, script).toBe('');
    }
    // Each call up to a pipe or a redirection.
    const calls = (scripts.join('\n').match(/node dist\/cli\.js [^\n|]+/g) ?? []).map((call) => call.replace(/\s*\d?>.*$/, '').trim());
    expect(calls).toEqual([
      'node dist/cli.js sync',
      'node dist/cli.js generate',
      'node dist/cli.js diff git:HEAD seeds/ --format markdown',
    ]);
    const help = await runCli(['diff', '--help'], ROOT);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--format <format>.*"markdown"/s);
  });

  it('opens the pull request from generated/ and seeds/ with the markdown diff as its body', () => {
    const pr = steps.find((step) => step.uses?.startsWith('peter-evans/create-pull-request@'));
    expect(pr?.with?.['body-path']).toBe('pr-body.md');
    expect(pr?.with?.['add-paths']?.split('\n').filter(Boolean)).toEqual(['seeds/', 'generated/']);
    expect(steps.findIndex((step) => step === pr)).toBeGreaterThan(steps.findIndex((step) => step.run?.includes('generate') === true));
  });
});
