#!/usr/bin/env node
/**
 * `npm run test:seeds`: runs every property-test file (the test files that import
 * fast-check) under 20 fresh seeds, one `vitest run` per seed with all those files
 * together, and prints each failing seed with its files and tests. Exits 1 when any seed
 * failed. Not part of `npm test`; run it before a submission (docs/testing.md).
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
const RUN_TIMEOUT_MS = 15 * 60_000;

const USAGE = `Usage: npm run test:seeds -- [options]

Runs every property-test file (test files importing fast-check) under fresh seeds and prints each failing seed.

Options:
  --seeds <n>   how many seeds (default: 20)
  -h, --help    show this help`;

let options;
try {
  options = parseArgs({ args: process.argv.slice(2), strict: true, options: { seeds: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
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

const files = propertyFiles(join(ROOT, 'test'));
console.log(`test:seeds: ${files.length} property files × ${count} seeds: ${files.join(', ')}`);

const scratch = mkdtempSync(join(tmpdir(), 'feishu-errcodes-seeds-'));
const failures = [];
try {
  for (let index = 0; index < count; index++) {
    const seed = randomInt(2 ** 31);
    const report = join(scratch, `${seed}.json`);
    const run = spawnSync(process.execPath, [VITEST, 'run', '--reporter=json', `--outputFile=${report}`, ...files], {
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
    console.log(`seed ${seed}: FAIL (${index + 1}/${count}), replay with FC_SEED=${seed} npx vitest run ${[...new Set(failed.map((test) => test.file))].join(' ') || files.join(' ')}`);
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
console.log(`test:seeds: ${count} of ${count} seeds passed`);

/** Test files that import fast-check, relative to the root, sorted. */
function propertyFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.test.ts')) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (/from ['"]fast-check['"]/.test(readFileSync(path, 'utf8'))) found.push(relative(ROOT, path));
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
