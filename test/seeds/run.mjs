#!/usr/bin/env node
/**
 * `npm run test:seeds`: runs every property-test file (the test files that import
 * fast-check or read the run's seed: FC_SEED, `inject('fastCheckSeed')`) under 20 fresh
 * seeds, one `vitest run` per seed running the files one at a time in one worker (the
 * machine may be shared), and prints each failing seed with its files and tests. Exits 1 when any seed failed. Not part
 * of `npm test`; run it before a submission (docs/testing.md).
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
/** One run of every property file: generous, as the machine may be shared; a hung run must still end. */
const RUN_TIMEOUT_MS = 30 * 60_000;

const USAGE = `Usage: npm run test:seeds -- [options] [file…]

Runs every property-test file (test files importing fast-check or reading FC_SEED) under fresh seeds, one file at a
time, and prints each failing seed. Files given (paths, or parts of them) narrow the set.

Options:
  --seeds <n>   how many seeds (default: 20)
  -h, --help    show this help`;

let options;
let filters;
try {
  ({ values: options, positionals: filters } = parseArgs({ args: process.argv.slice(2), strict: true, allowPositionals: true, options: { seeds: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  console.error(`test:seeds: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const count = options.seeds === undefined ? 20 : Number(options.seeds);
if (!(Number.isInteger(count) && count >= 1)) {
  console.error(`test:seeds: --seeds must be a whole number above 0, got ${options.seeds}`);
  process.exit(2);
}

const all = propertyFiles(join(ROOT, 'test'));
const files = filters.length === 0 ? all : all.filter((file) => filters.some((filter) => file.includes(filter.replace(/^\.\//, ''))));
if (files.length === 0) {
  console.error(`test:seeds: no property file matches ${filters.join(', ')}; property files: ${all.join(', ')}`);
  process.exit(2);
}
console.log(`test:seeds: ${files.length} property files × ${count} seeds, one vitest run per seed, one file at a time: ${files.join(', ')}`);

const scratch = mkdtempSync(join(tmpdir(), 'feishu-errcodes-seeds-'));
const failures = [];
try {
  for (let index = 0; index < count; index++) {
    const seed = randomInt(2 ** 31);
    const report = join(scratch, `${seed}.json`);
    // One vitest process per seed (started once, the sources imported once), running the
    // files one after the other in one worker: the machine may be shared. A test's time
    // limit is the run's: a seed is judged on what its properties find, not on the load.
    const run = spawnSync(process.execPath, [VITEST, 'run', '--reporter=json', `--outputFile=${report}`, '--no-file-parallelism', '--maxWorkers=1', `--testTimeout=${RUN_TIMEOUT_MS}`, `--hookTimeout=${RUN_TIMEOUT_MS}`, ...files], {
      cwd: ROOT,
      env: { ...process.env, FC_SEED: String(seed) },
      encoding: 'utf8',
      timeout: RUN_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
    });
    const failed = failedTests(report);
    if (run.status === 0 && failed.length === 0) {
      console.log(`seed ${seed}: pass (${index + 1}/${count})`);
      continue;
    }
    failures.push(seed);
    const failedFiles = [...new Set(failed.map((test) => test.file))];
    console.log(`seed ${seed}: FAIL (${index + 1}/${count}), replay with FC_SEED=${seed} npx vitest run ${(failedFiles.length > 0 ? failedFiles : files).join(' ')}`);
    for (const test of failed) console.log(`  ${test.file}: ${test.name}\n    ${firstLines(test.message).join('\n    ')}`);
    if (failed.length === 0) {
      const why = run.error ? run.error.message : `vitest exited ${run.status ?? run.signal}`;
      console.log(`  ${why}\n    ${(run.stderr || run.stdout).trim().split('\n').slice(-10).join('\n    ')}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.log(`test:seeds: ${failures.length} of ${count} seeds failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log(`test:seeds: ${count} of ${count} seeds passed, ${files.length} files each`);

/** Test files that import fast-check or read the run's seed, relative to the root, sorted. */
function propertyFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.test.ts')) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const text = readFileSync(path, 'utf8');
    if (/from ['"]fast-check['"]/.test(text) || text.includes('FC_SEED') || text.includes('fastCheckSeed')) found.push(relative(ROOT, path));
  }
  return found.sort();
}

/** The message of a failure without its stack, at most 12 lines (fast-check's counterexample and seed come first). */
function firstLines(message) {
  const lines = message.split('\n');
  const stack = lines.findIndex((line) => /^\s+at /.test(line));
  return lines.slice(0, Math.min(stack === -1 ? lines.length : stack, 12));
}

/** The failed tests of a vitest JSON report (none when the report is missing: the caller says why). */
function failedTests(reportPath) {
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    return [];
  }
  return report.testResults.flatMap((result) => {
    const file = relative(ROOT, result.name);
    const tests = result.assertionResults.filter((test) => test.status === 'failed');
    if (tests.length === 0 && result.status === 'failed') return [{ file, name: '(the file)', message: result.message ?? '' }];
    return tests.map((test) => ({ file, name: test.fullName, message: (test.failureMessages ?? []).join('\n') }));
  });
}
