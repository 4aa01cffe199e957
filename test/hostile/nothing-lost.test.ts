/**
 * Nothing lost: a run that fails at any point, or is killed, leaves every generated file
 * either its old bytes or its new complete bytes, and the next run cleans up after it.
 * Stale outputs of a removed seed go only with a successful run, which says so.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CLI, makeProject, readTree, runCli, SPAWN_TIMEOUT_MS, tempDir } from '../helpers/tools.js';

/** Which target's emitter throws (none when undefined); read by the mocked registry. */
const failing = vi.hoisted(() => ({ target: undefined as string | undefined }));

vi.mock('../../src/emit/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/emit/index.js')>();
  return {
    ...real,
    TARGETS: real.TARGETS.map((target) => ({
      ...target,
      emit: (...args: Parameters<typeof target.emit>) => {
        if (failing.target === target.name) throw new Error(`emitter ${target.name} failed on purpose`);
        return target.emit(...args);
      },
    })),
  };
});

const { generate } = await import('../../src/project.js');
const { TARGET_NAMES } = await import('../../src/emit/index.js');

/** `count` seeds of `rows` rows each; `version` changes every text, so every output changes. */
function corpus(count: number, rows: number, version: number): Record<string, string> {
  const seeds: Record<string, string> = {};
  for (let module = 0; module < count; module++) {
    const body = Array.from({ length: rows }, (_, row) => {
      const code = 100000 + module * 1000 + row;
      return `| ${code} | Message ${row} of module ${module}, version ${version} | 说明 ${row} v${version} | 建议 ${row} |`;
    }).join('\n');
    seeds[`mod-${module}.md`] = `---\ntitle: Module ${module}\n---\n# Module ${module}\n\n| code | message | 说明 | 排查建议 |\n| --- | --- | --- | --- |\n${body}\n`;
  }
  return seeds;
}

/** Replaces the seed docs (the name lock stays). */
function writeSeeds(dir: string, seeds: Record<string, string>): void {
  for (const name of readdirSync(join(dir, 'seeds'))) if (name.endsWith('.md')) rmSync(join(dir, 'seeds', name));
  for (const [name, text] of Object.entries(seeds)) writeFileSync(join(dir, 'seeds', name), text);
}

/** What a run may change: the outputs and the name lock. */
function state(dir: string): Record<string, string> {
  const tree = readTree(dir);
  return Object.fromEntries(Object.entries(tree).filter(([path]) => path.startsWith('generated/') || path.endsWith('.lock.json')));
}

const TEMP = /(^|\/)\.[^/]+\.\d+\.[0-9a-f]{8}\.tmp$/;

describe('a failing emitter', () => {
  for (const target of TARGET_NAMES) {
    it(`(${target}) leaves generated/ and the lock byte-identical: everything is rendered before anything is written`, () => {
      // Every target on, the opt-in ones too.
      const dir = makeProject(corpus(2, 3, 1), { 'feishu-errcodes.config.json': JSON.stringify({ targets: TARGET_NAMES }) });
      expect(generate({ cwd: dir }).ok).toBe(true);
      const before = state(dir);
      writeSeeds(dir, corpus(2, 3, 2));
      failing.target = target;
      try {
        expect(() => generate({ cwd: dir })).toThrow(`emitter ${target} failed on purpose`);
      } finally {
        failing.target = undefined;
      }
      expect(state(dir)).toEqual(before);
      expect(Object.keys(readTree(dir)).filter((path) => TEMP.test(path))).toEqual([]);
    });
  }
});

describe('a seed that is removed', () => {
  it('has its outputs removed by the next successful run only, which lists them', async () => {
    const dir = makeProject(corpus(3, 2, 1));
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const before = state(dir);
    rmSync(join(dir, 'seeds/mod-1.md'));

    // A run that fails (another seed is broken) removes nothing.
    writeFileSync(join(dir, 'seeds/mod-2.md'), '');
    expect(generate({ cwd: dir }).ok).toBe(false);
    expect(state(dir)).toEqual(before);
    writeSeeds(dir, { 'mod-0.md': corpus(3, 2, 1)['mod-0.md']!, 'mod-2.md': corpus(3, 2, 1)['mod-2.md']! });

    // check lists them and removes nothing.
    const check = await runCli(['check'], dir);
    expect(check.code).toBe(1);
    for (const path of ['ts/mod-1.ts', 'json/mod-1.json', 'go/mod1/errors.go', 'openapi/mod-1.yaml']) {
      expect(check.stdout).toContain(`stale generated/${path} (its seed is gone; generate removes it)`);
    }
    expect(state(dir)).toEqual(before);

    const run = await runCli(['generate'], dir);
    expect(run.code).toBe(0);
    for (const path of ['ts/mod-1.ts', 'json/mod-1.json', 'go/mod1/errors.go', 'openapi/mod-1.yaml']) {
      expect(run.stdout).toContain(`removed generated/${path} (its seed is gone)\n`);
      expect(existsSync(join(dir, 'generated', path))).toBe(false);
    }
    expect(existsSync(join(dir, 'generated/go/mod1'))).toBe(false);
    expect(Object.keys(state(dir)).filter((path) => path.includes('mod-1') || path.includes('mod1'))).toEqual([]);
  });
});

describe('a run killed mid-write', () => {
  const SEEDS = 12;
  const ROWS = 20;
  // Old: seeds 0…11 at version 1. New: every text at version 2, and seed 0 removed.
  const oldDir = makeProject(corpus(SEEDS, ROWS, 1));
  const newSeeds = corpus(SEEDS, ROWS, 2);
  delete newSeeds['mod-0.md'];

  it('leaves every file old or new and whole, and the next run cleans up and finishes', { timeout: 180_000 }, async () => {
    expect(generate({ cwd: oldDir }).ok).toBe(true);
    const oldState = state(oldDir);
    const newDir = tempDir();
    cpSync(oldDir, newDir, { recursive: true });
    writeSeeds(newDir, newSeeds);
    expect(generate({ cwd: newDir }).ok).toBe(true);
    const newState = state(newDir);
    const removedPaths = Object.keys(oldState).filter((path) => !(path in newState));
    expect(removedPaths.length).toBeGreaterThan(4);

    const dir = tempDir();
    const temps = () => {
      const found: string[] = [];
      for (const sub of ['generated/ts', 'generated/json', 'generated/go', 'generated/openapi', 'generated/docs', 'generated', 'seeds']) {
        try {
          for (const name of readdirSync(join(dir, sub))) if (TEMP.test(name)) found.push(`${sub}/${name}`);
        } catch {
          // Not there (yet).
        }
      }
      return found;
    };
    // Kill at different points of the write: first temp, temps in a later target's
    // folder (more written), and once the temps start to go (renames under way).
    let peak = 0;
    const triggers: { name: string; fire: () => boolean }[] = [
      { name: 'first temp file', fire: () => temps().length > 0 },
      { name: 'temp files in openapi/', fire: () => temps().some((path) => path.startsWith('generated/openapi/')) },
      {
        name: 'renames under way',
        fire: () => {
          const count = temps().length;
          peak = Math.max(peak, count);
          return peak > 0 && count < peak;
        },
      },
    ];

    let killedWithTemps = 0;
    for (const trigger of triggers) {
      rmSync(dir, { recursive: true, force: true });
      cpSync(oldDir, dir, { recursive: true });
      writeSeeds(dir, newSeeds);
      peak = 0;
      const killed = await runUntil(dir, trigger.fire);
      const after = state(dir);
      const leftovers = Object.keys(readTree(dir)).filter((path) => TEMP.test(path));
      if (killed && leftovers.length > 0) killedWithTemps++;
      const extra = Object.keys(after).filter((path) => !TEMP.test(path) && !(path in oldState) && !(path in newState));
      expect(extra, trigger.name).toEqual([]);
      for (const [path, text] of Object.entries(after)) {
        if (TEMP.test(path)) continue;
        expect([oldState[path], newState[path]], `${trigger.name}: ${path}`).toContain(text);
      }
      for (const path of Object.keys(newState)) {
        if (!(path in after)) expect(path in oldState, `${trigger.name}: ${path} is gone`).toBe(false);
      }
      // Stale outputs go only once every other new file is in place.
      if (removedPaths.some((path) => !(path in after))) {
        for (const [path, text] of Object.entries(newState)) {
          if (!path.endsWith('.feishu-errcodes.json')) expect(after[path], `${trigger.name}: ${path}`).toBe(text);
        }
      }
    }
    // The triggers fire on temp files, so at least one kill must have left some behind.
    expect(killedWithTemps).toBeGreaterThan(0);

    // The next run removes the temp files of the killed one and finishes the job.
    const finish = await runCli(['generate'], dir);
    expect(finish.code).toBe(0);
    expect(state(dir)).toEqual(newState);
    expect(Object.keys(readTree(dir)).filter((path) => TEMP.test(path))).toEqual([]);
  });
});

/** Spawns `generate` in `dir` and SIGKILLs it when `fire` first says so; true when it was killed. */
function runUntil(dir: string, fire: () => boolean): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'generate'], { cwd: dir, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' }, timeout: SPAWN_TIMEOUT_MS });
    let exited = false;
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      exited = true;
      resolve(signal === 'SIGKILL');
    });
    const poll = () => {
      if (exited) return;
      if (fire()) child.kill('SIGKILL');
      else setTimeout(poll, 1);
    };
    poll();
  });
}
