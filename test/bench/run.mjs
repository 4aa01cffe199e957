#!/usr/bin/env node
/**
 * `npm run bench`: times whole CLI processes (`node dist/cli.js …`) on the real pages of
 * test/fixtures and on synthetic corpora with the real doc layout, and prints a table;
 * `--write` also records it in test/bench/results.json. See test/bench/README.md
 * (`--help` lists the options). Timings never go into tests.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCorpus } from './corpus.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'dist/cli.js');
const RESULTS = join(ROOT, 'test/bench/results.json');
const PROBE = join(ROOT, 'test/bench/rss-probe.mjs');
const LOCK = 'feishu-errcodes.lock.json';

/** The targets of issue 26, on a 2-core machine (CPU = user + system seconds). */
const TARGETS = {
  realColdCpuOverFloor: 2.2,
  bColdCpu: 1.5,
  cColdCpu: 10,
  cPeakMb: 800,
  noChangeCheckCpu: 0.15,
  suiteCpu: 150,
  snapshotCpu: 6,
  snapshotPeakMb: 500,
};
/** The shipped snapshot of Feishu's Server API docs (scripts/build-snapshot.mjs makes it). */
const SNAPSHOT = process.env['BENCH_SNAPSHOT'] ? resolve(process.env['BENCH_SNAPSHOT']) : join(ROOT, 'snapshot');

const USAGE = `Usage: npm run bench -- [options]

Times whole CLI processes on the real pages and on synthetic corpora, and prints a table (see test/bench/README.md).

Options:
  --runs <n>        runs per step (default: 7 for seeds/ and the floors, 5 for b and c10k, 3 for c)
  --only <ids>      some corpora only, comma-separated: seeds, real, b, c10k, c, snapshot
  --suite           also time the whole test suite once (\`vitest run\`: minutes of CPU), the table's npm test row
  --write           also record the figures in test/bench/results.json (the committed ones)
  -h, --help        show this help`;

const args = process.argv.slice(2);
let options;
try {
  options = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { runs: { type: 'string' }, only: { type: 'string' }, suite: { type: 'boolean' }, write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  }).values;
} catch (error) {
  console.error(`bench: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const forcedRuns = options.runs === undefined ? undefined : Number(options.runs);
if (forcedRuns !== undefined && !(Number.isInteger(forcedRuns) && forcedRuns >= 1)) {
  console.error(`bench: --runs must be a whole number above 0, got ${options.runs}`);
  process.exit(2);
}
const CORPUS_IDS = ['seeds', 'real', 'b', 'c10k', 'c', 'snapshot'];
const only = options.only?.split(',');
const unknownCorpus = only?.find((id) => !CORPUS_IDS.includes(id));
if (unknownCorpus !== undefined) {
  console.error(`bench: unknown corpus \`${unknownCorpus}\` in --only; expected some of ${CORPUS_IDS.join(', ')}`);
  process.exit(2);
}

const CORPORA = [
  { id: 'seeds', label: '(a) seeds/', runs: 7, make: (dir) => copySeeds(dir) },
  { id: 'real', label: 'real pages (test/fixtures)', runs: 5, make: (dir) => copyRealPages(dir) },
  { id: 'b', label: '(b) 200 docs × 50 rows', runs: 5, make: (dir) => writeCorpus(dir, { docs: 200, rowsPerDoc: 50 }) },
  { id: 'c10k', label: '1 doc × 10,000 rows', runs: 5, make: (dir) => writeCorpus(dir, { docs: 1, rowsPerDoc: 10_000 }) },
  { id: 'c', label: '(c) 1 doc × 100,000 rows', runs: 3, make: (dir) => writeCorpus(dir, { docs: 1, rowsPerDoc: 100_000 }) },
  { id: 'snapshot', label: 'Server API snapshot', runs: 3, make: (dir) => copySnapshot(dir), optional: true },
].filter((corpus) => !only || only.includes(corpus.id));

if (!existsSync(CLI)) {
  console.error('bench: dist/cli.js is missing; run `npm run build` first.');
  process.exit(2);
}

const useGnuTime = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;

/**
 * Runs `node …args` in `cwd`; returns wall seconds and peak RSS in MB. Peak RSS comes from
 * GNU time where present, else from a preloaded probe reading process.resourceUsage().
 */
function measure(nodeArgs, cwd, timeout = 600_000) {
  const rssFile = join(tmpdir(), `feishu-errcodes-bench-rss-${process.pid}`);
  rmSync(rssFile, { force: true });
  const command = useGnuTime
    ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...nodeArgs]]
    : [process.execPath, ['--import', PROBE, ...nodeArgs]];
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], command[1], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout,
    env: { ...process.env, NO_COLOR: '1', BENCH_RSS_FILE: rssFile },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let rssMb = NaN;
  let cpuSeconds = NaN;
  if (existsSync(rssFile)) {
    const [rss, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    rssMb = useGnuTime ? rss / 1024 : rss / 1024 / 1024;
    cpuSeconds = user + system;
    rmSync(rssFile, { force: true });
  }
  return { seconds, cpuSeconds, rssMb, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

class StepFailed extends Error {}

function series(label, runs, nodeArgs, cwd, { before, expectStatus = 0, expectOut } = {}) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    before?.();
    const sample = measure(nodeArgs, cwd);
    if (sample.status !== expectStatus || (expectOut && !expectOut.test(sample.stdout))) {
      throw new StepFailed(`${label}: exit ${sample.status}, expected ${expectStatus}\n${sample.stdout.slice(-2000)}\n${sample.stderr.slice(-2000)}`);
    }
    samples.push(sample);
  }
  const times = samples.map((sample) => sample.seconds).sort((a, b) => a - b);
  const cpu = samples.map((sample) => sample.cpuSeconds).sort((a, b) => a - b);
  return {
    step: label,
    runs,
    medianSeconds: round(median(times)),
    minSeconds: round(times[0]),
    medianCpuSeconds: round(median(cpu)),
    peakRssMb: Math.round(Math.max(...samples.map((sample) => sample.rssMb))),
  };
}

/** Copies seeds/ (docs and lock); returns its table rows that start with a code. */
function copySeeds(dir) {
  cpSync(join(ROOT, 'seeds'), join(dir, 'seeds'), { recursive: true });
  return readdirSync(join(ROOT, 'seeds'))
    .filter((name) => name.endsWith('.md'))
    .reduce((sum, name) => sum + [...readFileSync(join(ROOT, 'seeds', name), 'utf8').matchAll(/^\|\s*\d+/gm)].length, 0);
}

/**
 * The real Feishu error pages the tests use (test/fixtures/<page>/input.md, Hire v1 from
 * seeds/), all in one seeds folder; a page without an error table is left out. Returns
 * their table rows that start with a code.
 */
function copyRealPages(dir) {
  const fixtures = join(ROOT, 'test/fixtures');
  const pages = readdirSync(fixtures)
    .filter((name) => existsSync(join(fixtures, name, 'codes.txt')))
    .map((name) => [name, existsSync(join(fixtures, name, 'input.md')) ? join(fixtures, name, 'input.md') : join(ROOT, 'seeds', `${name}.md`)]);
  let rows = 0;
  for (const [name, path] of pages) {
    cpSync(path, join(dir, 'seeds', `${name}.md`));
    rows += [...readFileSync(path, 'utf8').matchAll(/^\|\s*\d+/gm)].length;
  }
  return rows;
}

/**
 * The shipped snapshot of Feishu's Server API docs as the seeds folder, with the default
 * targets; returns its table rows that start with a code, or undefined when the repository
 * has no snapshot/ (the row is then skipped, and says so).
 */
function copySnapshot(dir) {
  if (!existsSync(SNAPSHOT)) return undefined;
  cpSync(SNAPSHOT, join(dir, 'seeds'), { recursive: true });
  let rows = 0;
  for (const entry of readdirSync(join(dir, 'seeds'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.md')) rows += [...readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'utf8').matchAll(/^\|\s*\d+/gm)].length;
  }
  return rows;
}

const median = (sorted) => (sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2);
const round = (seconds) => Math.round(seconds * 1000) / 1000;

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {}
  return {
    nproc: availableParallelism(),
    cpu,
    node: process.version,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadavg().map((load) => Math.round(load * 100) / 100),
    peakRssAndCpu: useGnuTime ? '/usr/bin/time -f "%M %U %S"' : 'process.resourceUsage() via an --import probe',
  };
}

const work = mkdtempSync(join(tmpdir(), 'feishu-errcodes-bench-'));
const results = { machine: machine(), command: `npm run bench${args.length ? ' -- ' + args.join(' ') : ''}`, floors: [], corpora: [] };
try {
  const floorRuns = forcedRuns ?? 7;
  results.floors.push({ ...series('node -e 0', floorRuns, ['-e', '0'], ROOT), what: 'node -e 0' });
  results.floors.push({
    ...series('node + libraries', floorRuns, [join(ROOT, 'test/bench/floor-libs.mjs')], ROOT),
    what: 'node importing unified, remark-parse, remark-gfm, ts-morph',
  });

  for (const corpus of CORPORA) {
    const dir = join(work, corpus.id);
    const rows = corpus.make(dir);
    if (rows === undefined) {
      const why = `${SNAPSHOT} does not exist (scripts/build-snapshot.mjs makes snapshot/; BENCH_SNAPSHOT names another folder)`;
      console.log(`\nskipped: ${corpus.label}: ${why}`);
      results.corpora.push({ id: corpus.id, corpus: corpus.label, skipped: why });
      continue;
    }
    const runs = forcedRuns ?? corpus.runs;
    const shipsLock = existsSync(join(dir, 'seeds', LOCK));
    const lockText = shipsLock ? readFileSync(join(dir, 'seeds', LOCK)) : undefined;
    const reset = () => {
      rmSync(join(dir, 'generated'), { recursive: true, force: true });
      if (lockText) writeFileSync(join(dir, 'seeds', LOCK), lockText);
      else rmSync(join(dir, 'seeds', LOCK), { force: true });
    };
    // A corpus that fails (the snapshot, while the tool cannot read all of it yet) is reported, not fatal.
    const steps = corpus.optional ? tryCorpus(corpus.label, () => corpusSteps(dir, runs, reset)) : corpusSteps(dir, runs, reset);
    if (steps === undefined) {
      results.corpora.push({ id: corpus.id, corpus: corpus.label, rows, skipped: 'generate failed (above)' });
      continue;
    }
    results.corpora.push({ id: corpus.id, corpus: corpus.label, rows, steps });
    printCorpus(corpus.label, rows, steps);
  }
  if (options.suite) results.suite = timeSuite();
} catch (error) {
  if (!(error instanceof StepFailed)) throw error;
  console.error(`bench: ${error.message}`);
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function corpusSteps(dir, runs, reset) {
  return [
    series('cold generate', runs, [CLI, 'generate'], dir, { before: reset, expectOut: /file\(s\) written/ }),
    // A run that wrote the lock leaves no stamp (the next run reads that lock): the second
    // generate runs the pipeline once more, finds nothing to write, and records the stamp.
    series('2nd generate', 1, [CLI, 'generate'], dir, { expectOut: /up to date, nothing written/ }),
    series('no-op generate', runs, [CLI, 'generate'], dir, { expectOut: /up to date, nothing written/ }),
    series('check', runs, [CLI, 'check'], dir, { expectOut: /up to date/ }),
    series('check --full', runs, [CLI, 'check', '--full'], dir, { expectOut: /up to date/ }),
  ];
}

/** Runs `steps`; a step that fails is printed and the corpus left out (undefined). */
function tryCorpus(label, steps) {
  try {
    return steps();
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    console.log(`\nskipped: ${label}: ${error.message}`);
    return undefined;
  }
}

/** The whole suite once (`vitest run`, dist/ already built), CPU and peak RSS from GNU time or the probe. */
function timeSuite() {
  console.log('\ntiming the whole suite once (vitest run)…');
  const sample = measure([join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], ROOT, 3_600_000);
  return { cpuSeconds: round(sample.cpuSeconds), seconds: round(sample.seconds), passed: sample.status === 0 };
}

results.machine.loadAverageAtEnd = loadavg().map((load) => Math.round(load * 100) / 100);
results.targets = evaluate(results);
printTargets(results.targets);
const { nproc, loadAverageAtStart, loadAverageAtEnd } = results.machine;
if (Math.max(...loadAverageAtStart, ...loadAverageAtEnd) > nproc / 2) {
  console.log(`\nnote: load average ${loadAverageAtStart[0]} → ${loadAverageAtEnd[0]} on ${nproc} core(s): other work shared the CPUs, wall times are inflated (cpu s less so).`);
}
if (options.write) {
  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${RESULTS.slice(ROOT.length + 1)}`);
} else {
  console.log('\n(not recorded: run with --write to update test/bench/results.json)');
}

function printCorpus(label, rows, steps) {
  if (!printCorpus.headed) {
    const floors = results.floors.map((floor) => `${floor.step.padEnd(40)} ${fmt(floor.medianSeconds)} ${fmt(floor.medianCpuSeconds, 7)} ${String(floor.peakRssMb).padStart(7)}`);
    console.log(`${'floor'.padEnd(40)} ${'median s'.padStart(8)} ${'cpu s'.padStart(7)} ${'RSS MB'.padStart(7)}\n${floors.join('\n')}\n`);
    console.log(`${'corpus'.padEnd(26)} ${'rows'.padStart(7)}  ${'step'.padEnd(15)} ${'median s'.padStart(8)} ${'min s'.padStart(7)} ${'cpu s'.padStart(7)} ${'RSS MB'.padStart(7)}`);
    printCorpus.headed = true;
  }
  for (const step of steps) {
    console.log(
      `${label.padEnd(26)} ${String(rows).padStart(7)}  ${step.step.padEnd(15)} ${fmt(step.medianSeconds)} ${fmt(step.minSeconds, 7)} ${fmt(step.medianCpuSeconds, 7)} ${String(step.peakRssMb).padStart(7)}`,
    );
  }
}

function fmt(seconds, width = 8) {
  return seconds.toFixed(3).padStart(width);
}

/**
 * The rows of issue 26's table, each with its CPU (user + system s), its peak RSS and its
 * target; a row whose corpus did not run says why.
 */
function evaluate({ floors, corpora, suite }) {
  const corpus = (id) => corpora.find((entry) => entry.id === id);
  const step = (id, name) => corpus(id)?.steps?.find((entry) => entry.step === name);
  const why = (id) => corpus(id)?.skipped ?? `not run (--only ${only?.join(',')})`;
  const libs = floors[1];
  const rows = [];
  const row = (what, entry, target, actual, met, skipped) =>
    rows.push(entry ? { what, cpuSeconds: entry.medianCpuSeconds, peakRssMb: entry.peakRssMb, target, actual, met } : { what, target, skipped });

  const real = step('real', 'cold generate');
  const ratio = real && real.medianCpuSeconds / libs.medianCpuSeconds;
  row('19 sample pages, cold generate, CPU against the library-import floor', real, `≤ ${TARGETS.realColdCpuOverFloor}× floor CPU`, real && `${ratio.toFixed(2)}× (${real.medianCpuSeconds} s / floor ${libs.medianCpuSeconds} s)`, ratio <= TARGETS.realColdCpuOverFloor, why('real'));
  const b = step('b', 'cold generate');
  row('200 docs × 50 rows, cold generate', b, `≤ ${TARGETS.bColdCpu} s CPU`, b && `${b.medianCpuSeconds} s`, b?.medianCpuSeconds <= TARGETS.bColdCpu, why('b'));
  const c = step('c', 'cold generate');
  row('1 doc × 100,000 rows, cold generate', c, `≤ ${TARGETS.cColdCpu} s CPU, ≤ ${TARGETS.cPeakMb} MB`, c && `${c.medianCpuSeconds} s, ${c.peakRssMb} MB`, c?.medianCpuSeconds <= TARGETS.cColdCpu && c?.peakRssMb <= TARGETS.cPeakMb, why('c'));
  const check = step('real', 'check');
  row('no-change check (19 sample pages)', check, `≤ ${TARGETS.noChangeCheckCpu} s CPU`, check && `${check.medianCpuSeconds} s (node -e 0: ${floors[0].medianCpuSeconds} s)`, check?.medianCpuSeconds <= TARGETS.noChangeCheckCpu, why('real'));
  if (suite) rows.push({ what: 'the whole suite (vitest run)', cpuSeconds: suite.cpuSeconds, target: `≤ ${TARGETS.suiteCpu} s CPU`, actual: `${suite.cpuSeconds} s${suite.passed ? '' : ' (it FAILED)'}`, met: suite.passed && suite.cpuSeconds <= TARGETS.suiteCpu });
  else rows.push({ what: 'the whole suite (vitest run)', target: `≤ ${TARGETS.suiteCpu} s CPU`, skipped: 'not run: pass --suite (runs the whole suite once, minutes of CPU)' });
  const snapshot = step('snapshot', 'cold generate');
  row("Feishu's Server API snapshot (snapshot/), default targets, cold generate", snapshot, `≤ ${TARGETS.snapshotCpu} s CPU, ≤ ${TARGETS.snapshotPeakMb} MB`, snapshot && `${snapshot.medianCpuSeconds} s, ${snapshot.peakRssMb} MB`, snapshot?.medianCpuSeconds <= TARGETS.snapshotCpu && snapshot?.peakRssMb <= TARGETS.snapshotPeakMb, why('snapshot'));
  return rows;
}

/** Issue 26's table: every row, run or skipped with why. */
function printTargets(rows) {
  console.log(`\n${'issue 26 row'.padEnd(72)} ${'cpu s'.padStart(7)} ${'RSS MB'.padStart(7)}  target`);
  for (const entry of rows) {
    const figures = entry.skipped ? `${'—'.padStart(7)} ${'—'.padStart(7)}` : `${entry.cpuSeconds.toFixed(2).padStart(7)} ${String(entry.peakRssMb ?? '—').padStart(7)}`;
    const verdict = entry.skipped ? `SKIPPED: ${entry.skipped}` : `${entry.met ? 'met' : 'MISS'}: ${entry.actual}`;
    console.log(`${entry.what.padEnd(72)} ${figures}  ${entry.target}  ${verdict}`);
  }
}
