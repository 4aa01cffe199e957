import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSpecs } from '../../src/diff/compare.js';
import { renderText } from '../../src/diff/render-text.js';
import { generate } from '../../src/project.js';
import { makeProject, ROOT, runCli, SPAWN_TIMEOUT_MS, tempDir } from '../helpers/tools.js';

/** `diff git:<rev>` on a temp repository whose project sits in a subfolder (`app/`). */
const seed = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    timeout: SPAWN_TIMEOUT_MS,
  });
}

const repo = tempDir('feishu-errcodes-git-');
const app = join(repo, 'app');
mkdirSync(join(app, 'seeds'), { recursive: true });
writeFileSync(join(app, 'seeds/hire-v1.md'), seed);
writeFileSync(join(app, 'feishu-errcodes.config.json'), JSON.stringify({ modules: { 'hire-v1': { names: { '1002103': 'TalentOnboard' } } } }));
git(repo, 'init', '-q');
expect(generate({ cwd: app }).ok).toBe(true);
git(repo, 'add', '.');
git(repo, 'commit', '-q', '-m', 'seeds as of v1');
// Feishu rewords one message and drops a code; the config renames another member; nothing regenerated yet.
writeFileSync(
  join(app, 'seeds/hire-v1.md'),
  seed.replace('| 1002102          | Talent not exist|', '| 1002102          | Talent does not exist|').replace(/^\| 1002801 .*\n/m, ''),
);
writeFileSync(join(app, 'feishu-errcodes.config.json'), JSON.stringify({ modules: { 'hire-v1': { names: { '1002103': 'TalentIsOnboard' } } } }));

function text(oldSpec: string, newSpec: string, cwd = app): string {
  const outcome = compareSpecs(oldSpec, newSpec, { cwd });
  if (!outcome.ok) throw new Error('unexpected errors in the seeds');
  return renderText(outcome.diff, { old: oldSpec, new: newSpec });
}

const expected = (label: string) =>
  [
    `${label}: 1 breaking change (1 name changed); 1 code deprecated, 1 message changed`,
    '',
    'hire-v1 (HireErrorCode): 1 breaking, 2 other changes',
    '  breaking  renamed     1002103  TalentIsOnboard    TalentOnboard → TalentIsOnboard',
    '            message     1002102  TalentNotExist     Talent {+does+} not exist',
    '            deprecated  1002801  InterviewNotExist  gone from the doc; kept by the name lock as deprecated',
    '',
  ].join('\n');

describe('diff git:<rev>', () => {
  it('reads the seeds, lock and config as committed, relative to the working directory', () => {
    expect(text('git:HEAD', 'seeds/')).toBe(expected('git:HEAD → seeds/'));
  });

  it('defaults the new side to the configured seeds folder, through the CLI', async () => {
    const result = await runCli(['diff', 'git:HEAD', '--fail-on', 'breaking'], app);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(expected('git:HEAD → seeds'));
  });

  it('takes an explicit path at the revision, and two git sides', () => {
    expect(text('git:HEAD:seeds/hire-v1.md', 'seeds/hire-v1.md')).toBe(expected('git:HEAD:seeds/hire-v1.md → seeds/hire-v1.md'));
    expect(text('git:HEAD', 'git:HEAD')).toBe('git:HEAD → git:HEAD: no change to codes, names or texts\n');
    expect(text('git:HEAD:app/generated/json', 'git:HEAD:app/seeds', repo)).toBe('git:HEAD:app/generated/json → git:HEAD:app/seeds: no change to codes, names or texts\n');
  });

  it.each([
    [['diff', 'git:v9', 'seeds'], 'feishu-errcodes: git:v9: unknown revision `v9`; check its name, and in CI fetch it first (e.g. `git fetch origin main`, or actions/checkout with fetch-depth: 0)\n'],
    [['diff', 'git:', 'seeds'], 'feishu-errcodes: git:: expected a revision after `git:`, e.g. git:origin/main or git:HEAD~1\n'],
    [['diff', 'git:HEAD:docs', 'seeds'], 'feishu-errcodes: git:HEAD:docs: HEAD:./docs does not exist; expected a seed doc (.md), a seeds folder, a generated JSON catalogue (json/<id>.json or a folder of them) or git:<rev>\n'],
  ])('exits 2 with a clear message: %j', async (args, stderr) => {
    const result = await runCli(args, app);
    expect(result.stderr).toBe(stderr);
    expect(result.code).toBe(2);
  });

  it('outside a repository, says so', () => {
    const dir = makeProject({ 'hire-v1.md': seed });
    expect(() => compareSpecs('git:HEAD', 'seeds', { cwd: dir })).toThrow(
      `git:HEAD: ${dir} is not inside a git work tree; run diff from your repository, or compare files and folders instead`,
    );
  });
});
