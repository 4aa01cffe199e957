/**
 * Once per `vitest run`: every temp folder of the run (test projects, the fast path's
 * stamps, what child processes make) goes under one folder, removed at the end; and one
 * fast-check seed for the run, printed so a failure can be replayed.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    fastCheckSeed: number;
    sharedDir: string;
  }
}

/** The seed this `vitest run` drew (set by the first project's setup, read by the others). */
const DRAWN_SEED = 'FEISHU_ERRCODES_RUN_SEED';
/** The run's temp root (set by the first project's setup, reused by the others). */
const RUN_ROOT = 'FEISHU_ERRCODES_RUN_ROOT';

export default function setup(project: TestProject): () => void {
  // One root for the run, made by the first project's setup and removed by it.
  const made = process.env[RUN_ROOT] === undefined;
  const root = process.env[RUN_ROOT] ?? mkdtempSync(join(tmpdir(), 'feishu-errcodes-test-'));
  process.env[RUN_ROOT] = root;
  // Test workers and the processes they spawn inherit it: os.tmpdir() is this folder for them.
  process.env['TMPDIR'] = root;
  // Trees and tool verdicts shared by the test files of the run (test/helpers/shared.ts).
  const shared = join(root, 'shared');
  mkdirSync(shared, { recursive: true });
  project.provide('sharedDir', shared);
  // In watch mode a rerun may follow an edit of the sources: nothing shared survives it.
  project.onTestsRerun(() => {
    rmSync(shared, { recursive: true, force: true });
    mkdirSync(shared, { recursive: true });
  });

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
    if (!made) return;
    rmSync(root, { recursive: true, force: true });
    delete process.env[RUN_ROOT];
  };
}
