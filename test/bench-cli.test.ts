import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/tools.js';

const RUN = join(ROOT, 'test/bench/run.mjs');
const bench = (args: string[]) => spawnSync(process.execPath, [RUN, ...args], { encoding: 'utf8', timeout: 30_000 });

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
    [['--only', 'seeds,d'], 'bench: unknown corpus `d` in --only; expected some of seeds, real, b, c10k, c'],
    [['extra'], "bench: Unexpected argument 'extra'. This command does not take positional arguments"],
  ])('rejects %j', (args, message) => {
    const run = bench(args);
    expect(run.stderr.split('\n')[0]).toBe(message);
    expect(run.status).toBe(2);
  });
});
