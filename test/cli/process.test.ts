/**
 * The built bin as a process: what the in-process tests cannot see is how `main`'s
 * return becomes the process's exit code, and that output reaches the real streams
 * before the process ends. A few runs only; the behaviour itself is tested in-process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, ROOT, spawnCli } from '../helpers/tools.js';

const seed = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');

describe('dist/cli.js as a process', () => {
  it('exits 0, 1 and 2 as the command says, with its output on stdout and stderr', () => {
    const dir = makeProject({ 'hire-v1.md': seed });
    const generate = spawnCli(['generate'], dir);
    expect(generate.code).toBe(0);
    // Hire v1's diagnostics are infos (what Feishu's page does): counted on stdout's summary line, nothing on stderr.
    expect(generate.stdout).toMatch(/^feishu-errcodes: 1 module\(s\), 46 code\(s\): 16 file\(s\) written, 0 removed, 0 unchanged; 3 info: 1 extra-cell, 1 typo, 1 unknown-category \(`feishu-errcodes lint` lists them\)\.\n$/m);
    expect(generate.stderr).toBe('');

    writeFileSync(join(dir, 'generated/json/hire-v1.json'), '{}\n');
    const check = spawnCli(['check'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('stale generated/json/hire-v1.json');
    expect(check.stderr).toContain('1 file(s) out of date');

    const usage = spawnCli(['generate', '--bogus'], dir);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toBe("error: unknown option '--bogus'\n(run with --help for usage)\n");
  });
});
