import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that replace a module's export (vi.mock, vi.spyOn): they run isolated, each
 * with a fresh module graph. The rest share one graph per worker (`isolate: false`), so the
 * sources and the libraries they load are imported once per worker, not once per file.
 */
const ISOLATED = [
  'test/api/api.test.ts',
  'test/fast-path.test.ts',
  'test/hostile/nothing-lost.test.ts',
  'test/sync/acceptance.test.ts',
  'test/verify/typescript.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/setup/global.ts'],
    setupFiles: ['test/setup/fast-check.ts'],
    // One worker per core (vitest's default leaves one core idle): the tests run the CLI in
    // process, so the workers, not child processes, do the work.
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
