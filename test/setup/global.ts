/**
 * Once per `vitest run`: every temp folder of the run (test projects, the fast path's
 * stamps, what child processes make) goes under one folder, removed at the end; and one
 * fast-check seed for the run, printed so a failure can be replayed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    fastCheckSeed: number;
  }
}

/** The seed this `vitest run` drew (set by the first project's setup, read by the others). */
const DRAWN_SEED = 'FEISHU_ERRCODES_RUN_SEED';

export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), 'feishu-errcodes-test-'));
  // Test workers and the processes they spawn inherit it: os.tmpdir() is this folder for them.
  process.env['TMPDIR'] = root;

  // Each project (shared, isolated) runs this setup: the first one draws the seed and
  // prints it, the others take the same one, so the printed seed replays every file.
  const drawn = process.env[DRAWN_SEED];
  const given = drawn ?? process.env['FC_SEED'];
  const seed = given !== undefined && given !== '' ? Number(given) : (Math.random() * 2 ** 31) | 0;
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED=${given} is not an integer`);
  project.provide('fastCheckSeed', seed);
  if (drawn === undefined) {
    process.env[DRAWN_SEED] = String(seed);
    const scale = process.env['FC_RUNS_SCALE'] ?? '1';
    console.log(`fast-check: seed ${seed} (replay with FC_SEED=${seed}), runs ×${scale} (FC_RUNS_SCALE)`);
  }

  return () => {
    rmSync(root, { recursive: true, force: true });
  };
}
