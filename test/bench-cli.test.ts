import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/tools.js';

const RUN = join(ROOT, 'test/bench/run.mjs');
const bench = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [RUN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });

describe('npm run bench (its command line only: timings never go into tests)', () => {
  it('--help prints the usage and runs nothing, leaving results.json alone', () => {
    const before = readFileSync(join(ROOT, 'test/bench/results.json'), 'utf8');
    const run = bench(['--help']);
    expect(run.stdout).toMatch(/^Usage: npm run bench -- \[options\]\n/);
    expect(run.stdout).toContain('--write ');
    expect(run.status).toBe(0);
    expect(readFileSync(join(ROOT, 'test/bench/results.json'), 'utf8')).toBe(before);
  });

  it.each([
    [['--no-write'], "bench: Unknown option '--no-write'"],
    [['--runs', '0'], 'bench: --runs must be a whole number above 0, got 0'],
    [['--only', 'seeds,d'], 'bench: unknown corpus `d` in --only; expected some of seeds, real, b, c10k, c, snapshot'],
    [['extra'], "bench: Unexpected argument 'extra'. This command does not take positional arguments"],
  ])('rejects %j', (args, message) => {
    const run = bench(args);
    expect(run.stderr.split('\n')[0]).toBe(message);
    expect(run.status).toBe(2);
  });

  it('prints every row of issue 26, a row whose corpus did not run marked SKIPPED with why', () => {
    const run = bench(['--only', 'snapshot', '--runs', '1'], { BENCH_SNAPSHOT: join(ROOT, 'test/bench/no-such-snapshot') });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`skipped: Server API snapshot: ${join(ROOT, 'test/bench/no-such-snapshot')} does not exist`);
    const rows = run.stdout.slice(run.stdout.indexOf('issue 26 row')).split('\n').slice(1, 7);
    expect(rows.map((row) => row.slice(0, 72).trim())).toEqual([
      '19 sample pages, cold generate, CPU against the library-import floor',
      '200 docs × 50 rows, cold generate',
      '1 doc × 100,000 rows, cold generate',
      'no-change check (19 sample pages)',
      'the whole suite (vitest run)',
      "Feishu's Server API snapshot (snapshot/), default targets, cold generate",
    ]);
    for (const row of rows) expect(row).toContain('SKIPPED: ');
    expect(rows[4]).toContain('pass --suite');
  });
});
