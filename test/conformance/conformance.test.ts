/**
 * One behaviour in four languages. The runtimes are generated once from the repository's
 * own seeds (plus test/conformance/seeds/zz-conformance.md, which lists some of their codes
 * with other meanings), then every response case of test/conformance/cases/*.json is read by
 * each runtime through its public entry points, by one driver process per language:
 *
 * - TypeScript: `toFeishuError` with the body as bytes, as text, and through fetch's
 *   `Response` and `Headers`;
 * - Go: `Parse`/`ParseModule` and `FromResponse` (a case with an endpoint: `ParseWith` and
 *   `FromResponse` with `resp.Request`);
 * - Python: `to_feishu_error` with bytes and with str (`method=`, `url=` for an endpoint);
 * - Java: `FeishuErrors.parse` with byte[] and with String (with method and URL for an endpoint).
 *
 * Beside the seeds, the catalogue holds corehr-v1 and im-v1 of test/runtime/lookup/catalog.ts:
 * endpoints that disagree on a code and sub-codes (cases/endpoints.json).
 *
 * Each answer must equal the case's expected one, which follows the rule written in
 * docs/error-handling.md ("Reading a response"); the last test lists every disagreement
 * with the case's name and every runtime's answer. Edit the cases through make-cases.mjs.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { buildCatalog, emitAll } from '../../src/generate.js';
import { parseLock } from '../../src/lock.js';
import { hasJava, javac, JAVA_TIMEOUT_MS } from '../helpers/java.js';
import { goEnv, hasGo, hasPython, requireTools, ROOT, tempDir } from '../helpers/tools.js';
import { LOOKUP_CATALOG } from '../runtime/lookup/catalog.js';

const run = promisify(execFile);
const HERE = join(ROOT, 'test/conformance');
/** A driver reads every case in one process; the 8 MiB bodies make it take a while on a busy machine. */
const DRIVER_TIMEOUT_MS = 300_000;

type Part = string | readonly [string, number];
interface Case {
  readonly name: string;
  readonly status: number | null;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: { readonly text: string } | { readonly base64: string } | { readonly parts: readonly Part[] };
  readonly module?: string;
  readonly endpoint?: { readonly method: string; readonly url: string };
  readonly expect: Answer;
}

/** What a runtime answers for one response, in one shape for every language. */
interface Answer {
  readonly isError: boolean;
  readonly code?: number;
  readonly msg?: string;
  readonly httpStatus?: number | null;
  readonly category?: string;
  readonly retryable?: boolean;
  readonly retry?: string;
  readonly retryAfterSeconds?: number | null;
  readonly module?: string | null;
  readonly known?: boolean;
  readonly logId?: string | null;
  readonly helpUrls?: readonly string[];
  readonly permissionViolations?: number;
  readonly fieldViolations?: number;
  /** `ErrCode` of the `ext=` fields of msg; null when none. */
  readonly subCode?: number | null;
  /** The name of the doc's sub-code row whose verdict applies; null when none. */
  readonly subCodeName?: string | null;
}

const CASES: readonly Case[] = readdirSync(join(HERE, 'cases'))
  .filter((name) => name.endsWith('.json'))
  .sort()
  .flatMap((name) => JSON.parse(readFileSync(join(HERE, 'cases', name), 'utf8')) as Case[]);

function textOf(body: Case['body']): string | undefined {
  if ('text' in body) return body.text;
  if ('parts' in body) return body.parts.map((part) => (typeof part === 'string' ? part : part[0].repeat(part[1]))).join('');
  return undefined;
}

/** The body as bytes and as text: text is encoded as UTF-8 (a lone surrogate as U+FFFD); bytes are decoded as UTF-8 keeping a BOM. */
function bodyOf(body: Case['body']): { bytes: Uint8Array; text: string } {
  const text = textOf(body);
  if (text !== undefined) return { bytes: new TextEncoder().encode(text), text };
  const bytes = new Uint8Array(Buffer.from((body as { base64: string }).base64, 'base64'));
  return { bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Mulberry32: a small seeded generator, so a failing random case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random responses assembled from the pieces the cases test one at a time (codes, statuses,
 * msg and error shapes, help links, violations, header values, a BOM, invalid UTF-8,
 * garbage after the body). They have no written answer: every runtime must give the one
 * TypeScript gives for the bytes.
 */
function randomCases(seed: number, count: number): Case[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const maybe = (chance: number) => next() < chance;
  const codes = ['0', '99991400', '99991400.0', '9.99914e7', '1002102', '1002', '1020001', '1002002', '1254000', '99991663', '99991672', '10009', '1234567', '-1', '1.5', '-0', '2147483647', '2147483648', '-2147483649', '9007199254740993', '1e400', '1e-400', '"99991400"', 'null', 'true', '[]', '{}'];
  const texts = ['"m"', '""', '1', 'null', '"\\u00e9"', '{}'];
  const urls = ['"https://a.example/x"', '"HTTP://A.example"', '"https:///p"', '"javascript:x"', '""', '"https://a .b"', '"https://[::1]"', '"http://u@/x"', '"ftp://a.b"', '7', 'null'];
  const items = ['{}', '"x"', 'null', '{"subject":"s"}', '[]', '1'];
  const list = (pieces: readonly string[]) => `[${Array.from({ length: Math.floor(next() * 4) }, () => pick(pieces)).join(',')}]`;
  const headerValues = ['0', '5', ' 7 ', '\t9', '1.5', '-1', '', '99999999999999999999', 'Sun, 06 Nov 1994 08:49:37 GMT', 'Thu, 31 Dec 2099 23:59:59 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994', 'Tue, 31 Feb 2099 00:00:00 GMT', 'Sun, 06 Nov 1994 08:49:37 UTC', '\u000b5', 'x'];
  const cases: Case[] = [];
  for (let index = 0; index < count; index++) {
    const fields: string[] = [];
    if (maybe(0.85)) fields.push(`"code":${pick(codes)}`);
    if (maybe(0.7)) fields.push(`"msg":${pick(texts)}`);
    if (maybe(0.6)) {
      const error: string[] = [];
      if (maybe(0.5)) error.push(`"log_id":${pick(texts)}`);
      if (maybe(0.3)) error.push(`"logid":${pick(texts)}`);
      if (maybe(0.5)) error.push(`"helps":${maybe(0.9) ? list(urls.map((url) => (maybe(0.8) ? `{"url":${url}}` : url))) : pick(items)}`);
      if (maybe(0.5)) error.push(`"permission_violations":${maybe(0.9) ? list(items) : pick(items)}`);
      if (maybe(0.3)) error.push(`"field_violations":${list(items)}`);
      fields.push(`"error":${maybe(0.9) ? `{${error.join(',')}}` : pick(['"x"', '[]', 'null'])}`);
    }
    if (maybe(0.1)) fields.push(`"data":${'['.repeat(1500)}${']'.repeat(1500)}`);
    for (let i = fields.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [fields[i], fields[j]] = [fields[j]!, fields[i]!];
    }
    let text = maybe(0.9) ? `{${fields.join(',')}}` : pick(['[]', 'null', '<html>x</html>', '', '"x"']);
    if (maybe(0.1)) text += pick([' ', 'x', '}', '\n']);
    let bytes = new TextEncoder().encode(text);
    if (maybe(0.1)) bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    const quote = text.indexOf('"m"');
    if (quote >= 0 && maybe(0.3)) bytes = new Uint8Array([...bytes.slice(0, quote + 1), 0xff, ...bytes.slice(quote + 1)]);
    const headers: (readonly [string, string])[] = [];
    for (const name of ['Retry-After', 'x-ogw-ratelimit-reset', 'X-Tt-Logid']) {
      for (let n = maybe(0.4) ? (maybe(0.2) ? 2 : 1) : 0; n > 0; n--) headers.push([name, name === 'X-Tt-Logid' ? pick(['a', ' b ', '']) : pick(headerValues)]);
    }
    cases.push({
      name: `random #${index} (seed ${seed})`,
      status: pick([null, 0, 200, 204, 302, 400, 401, 403, 404, 409, 429, 500, 501, 502, 503, 999, 1000]),
      headers,
      body: { base64: Buffer.from(bytes).toString('base64') },
      ...(maybe(0.2) && { module: pick(['hire-v1', 'general', 'zz-conformance', 'im-v1']) }),
      expect: { isError: false }, // unused: the runtimes are compared with each other
    });
  }
  return cases;
}

const RANDOM_SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2_147_483_647);
const RANDOM: readonly Case[] = randomCases(RANDOM_SEED, 400);

/**
 * The drivers' input, one line per case: index, status ('' for none), module ('-' for none,
 * else base64), headers (`b64name:b64value` joined by ','), the body's bytes in base64, and
 * its text as UTF-16LE in base64, or '=' when the text is the bytes decoded as UTF-8, and the
 * call's endpoint (`b64method:b64url`, '-' for none).
 */
function driverInput(): string {
  return [...CASES, ...RANDOM].map((entry, index) => {
    const { bytes, text } = bodyOf(entry.body);
    const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    return [
      String(index),
      entry.status === null ? '' : String(entry.status),
      entry.module === undefined ? '-' : b64(entry.module),
      entry.headers.map(([name, value]) => `${b64(name)}:${b64(value)}`).join(','),
      Buffer.from(bytes).toString('base64'),
      decoded === text ? '=' : Buffer.from(text, 'utf16le').toString('base64'),
      entry.endpoint === undefined ? '-' : `${b64(entry.endpoint.method)}:${b64(entry.endpoint.url)}`,
    ].join('\t');
  }).join('\n') + '\n';
}

interface Runner {
  readonly name: string;
  readonly available: boolean;
  /** Runs the driver over `input` (a file of driverInput()); prints one JSON line per case and variant. */
  run(out: string, input: string): Promise<string>;
}

const RUNNERS: readonly Runner[] = [
  {
    name: 'ts',
    available: true,
    async run(out, input) {
      const dir = join(out, 'ts-run');
      mkdirSync(dir, { recursive: true });
      for (const file of readdirSync(join(out, 'ts')).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))) {
        const { outputText } = ts.transpileModule(readFileSync(join(out, 'ts', file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
        writeFileSync(join(dir, file.replace(/\.ts$/, '.js')), outputText);
      }
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, 'driver.mjs'), readFileSync(join(HERE, 'drivers/driver.mjs')));
      const { stdout } = await run(process.execPath, [join(dir, 'driver.mjs'), input], { encoding: 'utf8', timeout: DRIVER_TIMEOUT_MS, maxBuffer: 1 << 30 });
      return stdout;
    },
  },
  {
    name: 'go',
    available: hasGo,
    async run(out, input) {
      const goDir = join(out, 'go');
      const goModule = /^module (\S+)/m.exec(readFileSync(join(goDir, 'go.mod'), 'utf8'))![1]!;
      mkdirSync(join(goDir, 'conformancedriver'), { recursive: true });
      writeFileSync(join(goDir, 'conformancedriver', 'main.go'), readFileSync(join(HERE, 'drivers/driver.go'), 'utf8').replace('GOMODULE', goModule));
      const { stdout } = await run('go', ['run', './conformancedriver', input], { cwd: goDir, env: goEnv(), encoding: 'utf8', timeout: DRIVER_TIMEOUT_MS, maxBuffer: 1 << 30 });
      return stdout;
    },
  },
  {
    name: 'python',
    available: hasPython,
    async run(out, input) {
      const { stdout } = await run('python3', [join(HERE, 'drivers/driver.py'), input], {
        cwd: join(out, 'python'),
        env: { ...process.env, PYTHONPATH: join(out, 'python'), PYTHONIOENCODING: 'utf-8' },
        encoding: 'utf8',
        timeout: DRIVER_TIMEOUT_MS,
        maxBuffer: 1 << 30,
      });
      return stdout;
    },
  },
  {
    name: 'java',
    available: hasJava,
    async run(out, input) {
      const classes = join(out, 'java-classes');
      const driver = join(out, 'java-driver', 'ConformanceDriver.java');
      mkdirSync(dirname(driver), { recursive: true });
      writeFileSync(driver, readFileSync(join(HERE, 'drivers/ConformanceDriver.java')));
      const problems = javac([join(out, 'java')], classes, [driver]);
      if (problems !== '') throw new Error(problems);
      const { stdout } = await run('java', ['-Xss16m', '-Dfile.encoding=UTF-8', '-Dstdout.encoding=UTF-8', '-cp', classes, 'ConformanceDriver', input], { encoding: 'utf8', timeout: Math.max(JAVA_TIMEOUT_MS, DRIVER_TIMEOUT_MS), maxBuffer: 1 << 30 });
      return stdout;
    },
  },
];

/** The expected answer with every field given (a case may leave out the defaults). */
function full(answer: Answer): Answer {
  if (!answer.isError) return { isError: false };
  return {
    isError: true,
    code: answer.code,
    msg: answer.msg,
    httpStatus: answer.httpStatus ?? null,
    category: answer.category,
    retryable: answer.retryable,
    retry: answer.retry,
    retryAfterSeconds: answer.retryAfterSeconds ?? null,
    module: answer.module ?? null,
    // `known`: a module lists the code (the entry whose verdict applies is `module`).
    known: answer.known ?? (answer.module !== undefined && answer.module !== null),
    logId: answer.logId ?? null,
    helpUrls: answer.helpUrls ?? [],
    permissionViolations: answer.permissionViolations ?? 0,
    fieldViolations: answer.fieldViolations ?? 0,
    subCode: answer.subCode ?? null,
    subCodeName: answer.subCodeName ?? null,
  };
}

const short = (answer: Answer) => {
  const text = JSON.stringify(answer);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

describe(`${CASES.length} responses read alike by the TypeScript, Go, Python and Java runtimes`, () => {
  // CONFORMANCE_OUT=<empty folder> keeps the generated runtimes and the drivers' input there.
  const out = process.env['CONFORMANCE_OUT'] || tempDir('feishu-errcodes-conformance-');
  /** runtime name → case index → variant → answer */
  const answers = new Map<string, Map<number, Map<string, Answer>>>();
  let input = '';

  beforeAll(() => {
    const config = resolveConfig({ targets: ['ts', 'json', 'go', 'python', 'java'] });
    const lock = parseLock(readFileSync(join(ROOT, 'seeds/feishu-errcodes.lock.json'), 'utf8'), 'seeds/feishu-errcodes.lock.json');
    const zzLock = JSON.parse(readFileSync(join(HERE, 'seeds/zz-conformance.lock.json'), 'utf8')) as NonNullable<typeof lock.modules[string]>;
    const seeds = [
      ...['general.md', 'hire-v1.md'].map((name) => ({ path: `seeds/${name}`, bytes: new Uint8Array(readFileSync(join(ROOT, 'seeds', name))) })),
      { path: 'seeds/zz-conformance.md', bytes: new Uint8Array(readFileSync(join(HERE, 'seeds/zz-conformance.md'))) },
    ];
    const { catalog: built, files } = buildCatalog(seeds, { config, lock: { ...lock, modules: { ...lock.modules, 'zz-conformance': zzLock } }, lockPath: 'seeds/feishu-errcodes.lock.json' });
    expect(files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map(String))).toEqual([]);
    // Two modules with endpoints that disagree on a code, rate-limit tiers and sub-codes (test/runtime/lookup/catalog.ts).
    const catalog = { modules: [...built!.modules, ...LOOKUP_CATALOG.modules.filter((module) => module.id === 'corehr-v1' || module.id === 'im-v1')] };
    for (const file of emitAll(catalog, config)) {
      mkdirSync(dirname(join(out, file.path)), { recursive: true });
      writeFileSync(join(out, file.path), file.contents);
    }
    input = join(out, 'cases.tsv');
    writeFileSync(input, driverInput());
  }, 300_000);

  it('has the cases make-cases.mjs writes (no hand edit of the JSON drifts from the script)', async () => {
    const dir = tempDir('feishu-errcodes-conformance-cases-');
    await run(process.execPath, [join(HERE, 'make-cases.mjs'), dir], { timeout: 60_000 });
    const written = readdirSync(dir).sort();
    expect(written).toEqual(readdirSync(join(HERE, 'cases')).filter((name) => name.endsWith('.json')).sort());
    for (const name of written) expect(readFileSync(join(dir, name), 'utf8') === readFileSync(join(HERE, 'cases', name), 'utf8'), name).toBe(true);
  });

  it('has the classes of issue 27 as cases, each name once', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((entry) => entry.name)).size).toBe(CASES.length);
    const names = CASES.map((entry) => entry.name).join('\n');
    for (const needle of ['nested 1000', '5,000 digits', 'invalid UTF-8', 'non-object items', 'status 0', '2147483648', '9007199254740993', '1001.00000000000001', 'RFC 850', 'asctime', '+0800', 'UTC', 'one-digit day', '31 Feb', 'second 60', 'reset before Retry-After', 'javascript:', 'https:///path', 'BOM', 'Arabic-Indic', 'status says nothing', 'repeated Retry-After 4 and 40', '8 MiB', 'top-level array', 'huge']) {
      expect(names, needle).toContain(needle);
    }
  });

  // CONFORMANCE_RUNTIMES=ts,go runs only those (while fixing one runtime); the others are skipped visibly.
  const only = process.env['CONFORMANCE_RUNTIMES']?.split(',');
  for (const runner of RUNNERS) {
    it.skipIf((!runner.available && !requireTools) || (only !== undefined && !only.includes(runner.name)))(`${runner.name}: every case through its public entry points`, async () => {
      expect(runner.available, `${runner.name} is required in CI`).toBe(true);
      const stdout = await runner.run(out, input);
      const byCase = new Map<number, Map<string, Answer>>();
      for (const line of stdout.split('\n')) {
        if (line === '') continue;
        const { case: index, variant, answer } = JSON.parse(line) as { case: number; variant: string; answer: Answer };
        const variants = byCase.get(index) ?? new Map<string, Answer>();
        byCase.set(index, variants);
        variants.set(variant, answer);
      }
      answers.set(runner.name, byCase);
      // Every case was answered at least once (a skipped variant is named in the driver).
      expect([...CASES, ...RANDOM].filter((_, index) => !byCase.has(index)).map((entry) => entry.name)).toEqual([]);
      // The disagreements themselves are listed by the last test, with every runtime's answer.
    }, DRIVER_TIMEOUT_MS + 120_000);
  }

  it('every runtime gives every case the answer of the written rule', () => {
    const ran = RUNNERS.filter((runner) => answers.has(runner.name));
    if (ran.length < RUNNERS.length) console.warn(`⚠  conformance: only ${ran.map((runner) => runner.name).join(', ')} ran; the others are SKIPPED (not installed)`);
    const report: string[] = [];
    let disagreements = 0;
    CASES.forEach((entry, index) => {
      const want = full(entry.expect);
      const wrong: string[] = [];
      for (const runner of ran) {
        for (const [variant, answer] of answers.get(runner.name)!.get(index) ?? new Map<string, Answer>()) {
          if (JSON.stringify(full(answer)) !== JSON.stringify(want)) wrong.push(`    ${runner.name}/${variant}: ${short(answer)}`);
        }
      }
      if (wrong.length > 0) {
        disagreements++;
        report.push(`  ${entry.name}\n    expected: ${short(want)}\n${wrong.join('\n')}`);
      }
    });
    const summary = ran.map((runner) => {
      const bad = CASES.filter((entry, index) => [...(answers.get(runner.name)!.get(index)?.values() ?? [])].some((answer) => JSON.stringify(full(answer)) !== JSON.stringify(full(entry.expect)))).length;
      return `${runner.name} ${bad}`;
    });
    const text = report.length === 0 ? '' : `${disagreements} of ${CASES.length} cases answered against the rule (cases per runtime: ${summary.join(', ')}):\n${report.join('\n')}`;
    // CONFORMANCE_REPORT=<file> keeps the whole list, which a failed assertion shortens.
    if (process.env['CONFORMANCE_REPORT']) writeFileSync(process.env['CONFORMANCE_REPORT'], text);
    expect(text).toBe('');
  });


  it(`every runtime reads ${RANDOM.length} random responses as TypeScript reads their bytes (seed ${RANDOM_SEED}; replay with FC_SEED=${RANDOM_SEED})`, () => {
    const reference = answers.get('ts');
    if (reference === undefined) return; // the TS driver did not run (CONFORMANCE_RUNTIMES)
    const report: string[] = [];
    RANDOM.forEach((entry, offset) => {
      const index = CASES.length + offset;
      const want = full(reference.get(index)!.get('bytes')!);
      const wrong: string[] = [];
      for (const [name, byCase] of answers) {
        for (const [variant, answer] of byCase.get(index) ?? new Map<string, Answer>()) {
          if (JSON.stringify(full(answer)) !== JSON.stringify(want)) wrong.push(`    ${name}/${variant}: ${short(answer)}`);
        }
      }
      if (wrong.length > 0) {
        const { text } = bodyOf(entry.body);
        report.push(`  ${entry.name}: status ${entry.status}, headers ${JSON.stringify(entry.headers)}, module ${entry.module ?? '-'}, body ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)}\n    ts/bytes: ${short(want)}\n${wrong.join('\n')}`);
      }
    });
    const text = report.length === 0 ? '' : `${report.length} of ${RANDOM.length} random responses read differently:\n${report.join('\n')}`;
    if (process.env['CONFORMANCE_REPORT']) writeFileSync(`${process.env['CONFORMANCE_REPORT']}.random`, text);
    expect(text).toBe('');
  });
});
