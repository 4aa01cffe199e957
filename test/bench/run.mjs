#!/usr/bin/env node
/**
 * `npm run bench`: times whole CLI processes (`node dist/cli.js …`) on synthetic corpora
 * with the real doc layout and prints a table; `--write` also records it in
 * test/bench/results.json. See test/bench/README.md. Timings never go into tests.
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

/** The targets of issue 6, on a 2-core machine. */
const TARGETS = {
  noopSeconds: 0.15,
  seedsColdOverFloor: 1.5,
  bColdSeconds: 2,
  cColdSeconds: 12,
  cPeakMb: 1024,
  cOverC10k: 11,
};

const USAGE = `Usage: npm run bench -- [options]

Times whole CLI processes on synthetic corpora and prints a table (see test/bench/README.md).

Options:
  --runs <n>        runs per step (default: 7 for seeds/ and the floors, 5 for b and c10k, 3 for c)
  --only <ids>      some corpora only, comma-separated: seeds, b, c10k, c
  --write           also record the figures in test/bench/results.json (the committed ones)
  -h, --help        show this help`;

const args = process.argv.slice(2);
let options;
try {
  options = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { runs: { type: 'string' }, only: { type: 'string' }, write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
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
const CORPUS_IDS = ['seeds', 'b', 'c10k', 'c'];
const only = options.only?.split(',');
const unknownCorpus = only?.find((id) => !CORPUS_IDS.includes(id));
if (unknownCorpus !== undefined) {
  console.error(`bench: unknown corpus \`${unknownCorpus}\` in --only; expected some of ${CORPUS_IDS.join(', ')}`);
  process.exit(2);
}

const CORPORA = [
  { id: 'seeds', label: '(a) seeds/', runs: 7, make: (dir) => copySeeds(dir) },
  { id: 'b', label: '(b) 200 docs × 50 rows', runs: 5, make: (dir) => writeCorpus(dir, { docs: 200, rowsPerDoc: 50 }) },
  { id: 'c10k', label: '1 doc × 10,000 rows', runs: 5, make: (dir) => writeCorpus(dir, { docs: 1, rowsPerDoc: 10_000 }) },
  { id: 'c', label: '(c) 1 doc × 100,000 rows', runs: 3, make: (dir) => writeCorpus(dir, { docs: 1, rowsPerDoc: 100_000 }) },
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
function measure(nodeArgs, cwd) {
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
    timeout: 600_000,
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

function series(label, runs, nodeArgs, cwd, { before, expectStatus = 0, expectOut } = {}) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    before?.();
    const sample = measure(nodeArgs, cwd);
    if (sample.status !== expectStatus || (expectOut && !expectOut.test(sample.stdout))) {
      console.error(`bench: ${label}: exit ${sample.status}, expected ${expectStatus}\n${sample.stdout.slice(-2000)}\n${sample.stderr.slice(-2000)}`);
      process.exit(1);
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
    const runs = forcedRuns ?? corpus.runs;
    const shipsLock = existsSync(join(dir, 'seeds', LOCK));
    const lockText = shipsLock ? readFileSync(join(dir, 'seeds', LOCK)) : undefined;
    const reset = () => {
      rmSync(join(dir, 'generated'), { recursive: true, force: true });
      if (lockText) writeFileSync(join(dir, 'seeds', LOCK), lockText);
      else rmSync(join(dir, 'seeds', LOCK), { force: true });
    };
    const steps = [
      series('cold generate', runs, [CLI, 'generate'], dir, { before: reset, expectOut: /file\(s\) written/ }),
      // A run that wrote the lock leaves no stamp (the next run reads that lock): the second
      // generate runs the pipeline once more, finds nothing to write, and records the stamp.
      series('2nd generate', 1, [CLI, 'generate'], dir, { expectOut: /up to date, nothing written/ }),
      series('no-op generate', runs, [CLI, 'generate'], dir, { expectOut: /up to date, nothing written/ }),
      series('check', runs, [CLI, 'check'], dir, { expectOut: /up to date/ }),
      series('check --full', runs, [CLI, 'check', '--full'], dir, { expectOut: /up to date/ }),
    ];
    results.corpora.push({ id: corpus.id, corpus: corpus.label, rows, steps });
    printCorpus(corpus.label, rows, steps);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

results.machine.loadAverageAtEnd = loadavg().map((load) => Math.round(load * 100) / 100);
results.targets = evaluate(results);
console.log('\n' + results.targets.map((target) => `${target.met ? 'met ' : 'MISS'}  ${target.target}: ${target.actual}`).join('\n'));
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

function evaluate({ floors, corpora }) {
  const step = (id, name) => corpora.find((corpus) => corpus.id === id)?.steps.find((entry) => entry.step === name);
  const libs = floors[1];
  const out = [];
  const seedsCold = step('seeds', 'cold generate');
  if (seedsCold) {
    const ratio = seedsCold.medianSeconds / libs.medianSeconds;
    out.push({ target: `(a) cold generate ≤ ${TARGETS.seedsColdOverFloor}× library floor`, actual: `${ratio.toFixed(2)}× (${seedsCold.medianSeconds} s / ${libs.medianSeconds} s)`, met: ratio <= TARGETS.seedsColdOverFloor });
  }
  for (const name of ['no-op generate', 'check']) {
    const entry = step('seeds', name);
    if (entry) out.push({ target: `(a) ${name} < ${TARGETS.noopSeconds} s`, actual: `${entry.medianSeconds} s (node -e 0: ${floors[0].medianSeconds} s)`, met: entry.medianSeconds < TARGETS.noopSeconds });
  }
  const b = step('b', 'cold generate');
  if (b) out.push({ target: `(b) cold generate < ${TARGETS.bColdSeconds} s`, actual: `${b.medianSeconds} s`, met: b.medianSeconds < TARGETS.bColdSeconds });
  const c = step('c', 'cold generate');
  if (c) {
    out.push({ target: `(c) cold generate < ${TARGETS.cColdSeconds} s`, actual: `${c.medianSeconds} s`, met: c.medianSeconds < TARGETS.cColdSeconds });
    out.push({ target: `(c) peak RSS < ${TARGETS.cPeakMb} MB`, actual: `${c.peakRssMb} MB`, met: c.peakRssMb < TARGETS.cPeakMb });
  }
  const c10k = step('c10k', 'cold generate');
  if (c && c10k) {
    const ratio = c.medianSeconds / c10k.medianSeconds;
    out.push({ target: `(c) 100,000 rows ≤ ${TARGETS.cOverC10k}× 10,000 rows in one doc`, actual: `${ratio.toFixed(2)}× (${c.medianSeconds} s / ${c10k.medianSeconds} s)`, met: ratio <= TARGETS.cOverC10k });
  }
  return out;
}
