/**
 * `generate --verify`: every emitted TypeScript module is type-checked in memory before
 * anything is written. A module that does not compile stops the run with its diagnostics,
 * exit 1, and leaves generated/ and the lock exactly as they were.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TARGETS } from '../../src/emit/index.js';
import { generate, UserError } from '../../src/project.js';
import { makeProject, readTree, ROOT, runCli } from '../helpers/tools.js';

const seed = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('generate --verify', () => {
  it('catches a broken TypeScript emitter and writes nothing (test seam: the ts target of the registry)', () => {
    const dir = makeProject({ 'hire-v1.md': seed });
    generate({ cwd: dir });
    // A doc edit, so that a run would rewrite files.
    writeFileSync(join(dir, 'seeds/hire-v1.md'), seed.replace('Talent already hired', 'Talent was already hired'));
    const before = readTree(dir);

    const tsTarget = TARGETS.find((target) => target.name === 'ts')!;
    const emit = tsTarget.emit.bind(tsTarget);
    vi.spyOn(tsTarget, 'emit').mockImplementation((catalog, options) =>
      emit(catalog, options).map((file) => (file.path === 'ts/hire-v1.ts' ? { ...file, contents: file.contents.replace('return isHireErrorCode(code)', 'return isHireErrorCode(String(code))') } : file)),
    );

    let thrown: unknown;
    try {
      generate({ cwd: dir, verify: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).exitCode).toBe(1);
    expect((thrown as UserError).message).toMatch(
      /^the generated TypeScript does not type-check \(--verify\); nothing was written:\n {2}generated\/ts\/hire-v1\.ts:\d+:\d+ error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'\.\n/,
    );
    expect(readTree(dir)).toEqual(before);

    // The same broken emitter without --verify writes the broken module: the check is what stops it.
    generate({ cwd: dir });
    expect(readFileSync(join(dir, 'generated/ts/hire-v1.ts'), 'utf8')).toContain('isHireErrorCode(String(code))');
  });

  it('passes on the seed (union style, sources and compiled files), and `check --verify` runs the full pipeline', async () => {
    const dir = makeProject({ 'hire-v1.md': seed }, { 'feishu-errcodes.config.json': JSON.stringify({ typescript: { style: 'union', emit: 'ts+js+dts' } }) });
    const first = await runCli(['generate', '--verify'], dir);
    expect(first.stderr).not.toMatch(/internal error|does not type-check/);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created generated/ts/hire-v1.d.ts');
    const again = await runCli(['check', '--verify', '--verbose'], dir);
    expect(again.stdout).toBe('feishu-errcodes: generated files are up to date.\n');
    expect(again.code).toBe(0);
  }, 120_000);
});
