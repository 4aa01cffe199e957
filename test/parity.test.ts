/**
 * Parity: every language says the same of every code. One project holds every sample page
 * of test/fixtures; each target is generated, then each language's own code is run (node
 * on the compiled TypeScript, `go run`, `python3`; JSON is parsed) to list every code with
 * its name (in that language's convention), category, retryable and retry verdict. All
 * must equal the JSON catalogue. A language joins by adding one runner to RUNNERS.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config.js';
import { buildCatalog, emitAll } from '../src/generate.js';
import { EMPTY_LOCK } from '../src/lock.js';
import type { ErrorModule } from '../src/model.js';
import { pythonMemberNames, pythonModuleName, upperSnake } from '../src/normalize/python-names.js';
import { hasJava, javaCatalogLines } from './helpers/java.js';
import { LOOKUP_CASES, LOOKUP_CATALOG } from './runtime/lookup/catalog.js';
import { goDriver, javaDriver, pythonDriver, typescriptDriver, type Answers, type Driver, type Questions } from './runtime/lookup/drivers.js';
import { goCheck, hasGo, hasPython, hasPythonTools, pythonCheck, requireTools, runGo, runPython, samplePage, SAMPLE_PAGES, SPAWN_TIMEOUT_MS, tempDir } from './helpers/tools.js';

/** One code as one language states it. */
interface Row {
  module: string;
  code: number;
  name: string;
  category: string;
  retryable: boolean;
  retry: string;
}

interface Runner {
  readonly name: string;
  /** The tool is installed (a missing one is a visible skip, a failure under CI=1). */
  readonly available: boolean;
  /** This language's spelling of a module's locked member names. */
  names(module: ErrorModule): (locked: string) => string;
  /** Runs the language's own code over the generated tree `out`; every code of every module. */
  run(out: string, modules: readonly ErrorModule[]): Row[] | Promise<Row[]>;
}

const RUNNERS: readonly Runner[] = [
  {
    name: 'TypeScript (node)',
    available: true,
    names: () => (locked) => locked,
    run(out, modules) {
      // Each ts/*.ts transpiled to .js beside a package.json, then run by node.
      const dir = tempDir('feishu-errcodes-parity-ts-');
      for (const file of readdirSync(join(out, 'ts')).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))) {
        const { outputText } = ts.transpileModule(readFileSync(join(out, 'ts', file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
        writeFileSync(join(dir, file.replace(/\.ts$/, '.js')), outputText);
      }
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      const script = `
const rows = [];
for (const [id, typeName] of ${JSON.stringify(modules.map((module) => [module.id, module.typeName]))}) {
  const module = await import('./' + id + '.js');
  const lookup = module['lookup' + typeName];
  for (const [name, code] of Object.entries(module[typeName])) {
    if (typeof code !== 'number') continue;
    const info = lookup(code);
    rows.push({ module: id, code, name, category: info.category, retryable: info.retryable, retry: info.retry });
  }
}
console.log(JSON.stringify(rows));
`;
      writeFileSync(join(dir, 'parity.mjs'), script);
      return JSON.parse(execFileSync(process.execPath, [join(dir, 'parity.mjs')], { encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS })) as Row[];
    },
  },
  {
    name: 'Go (go run)',
    available: hasGo,
    // String() returns the locked name; the constants' Go spelling is checked by the Go tests.
    names: () => (locked) => locked,
    run(out, modules) {
      const goDir = join(out, 'go');
      const goModule = /^module (\S+)/.exec(readFileSync(join(goDir, 'go.mod'), 'utf8'))![1]!;
      const loops = modules.map(
        (module, index) => `\tfor _, c := range p${index}.Codes() {
\t\trows = append(rows, row{${JSON.stringify(module.id)}, int(c), c.String(), c.Category(), c.Retryable(), string(c.Retry())})
\t}`,
      );
      mkdirSync(join(goDir, 'parity'), { recursive: true });
      writeFileSync(
        join(goDir, 'parity', 'main.go'),
        `package main

import (
\t"encoding/json"
\t"os"

${modules.map((module, index) => `\tp${index} "${goModule}/${module.goPackage}"`).join('\n')}
)

type row struct {
\tModule    string \`json:"module"\`
\tCode      int    \`json:"code"\`
\tName      string \`json:"name"\`
\tCategory  string \`json:"category"\`
\tRetryable bool   \`json:"retryable"\`
\tRetry     string \`json:"retry"\`
}

func main() {
\trows := []row{}
${loops.join('\n')}
\tif err := json.NewEncoder(os.Stdout).Encode(rows); err != nil {
\t\tpanic(err)
\t}
}
`,
      );
      const run = runGo(['run', './parity'], goDir);
      if (run.code !== 0) throw new Error(`go run: ${run.stderr}`);
      return JSON.parse(run.stdout) as Row[];
    },
  },
  {
    name: 'Python (python3)',
    available: hasPython,
    names: (module) => {
      const members = pythonMemberNames(module.entries.map((entry) => entry.name));
      return (locked) => members.get(locked)!;
    },
    run(out, modules) {
      const program = `
import importlib
import json

rows = []
for module_id, file, class_name, table in json.loads(${JSON.stringify(JSON.stringify(modules.map((module) => [module.id, pythonModuleName(module.id), module.typeName, `${upperSnake(module.typeName)}_INFO`])))}):
    module = importlib.import_module("feishu_errcodes." + file)
    infos = getattr(module, table)
    for member in getattr(module, class_name):
        info = infos[member.value]
        rows.append({"module": module_id, "code": int(member), "name": member.name, "category": info.category,
                     "retryable": info.retryable, "retry": info.retry})
print(json.dumps(rows))
`;
      const run = runPython(program, join(out, 'python'));
      if (run.code !== 0) throw new Error(`python3: ${run.stderr}`);
      return JSON.parse(run.stdout) as Row[];
    },
  },
  {
    name: 'Java (java)',
    available: hasJava,
    // FeishuCodeInfo.name() is the locked name; the constants' UPPER_SNAKE spelling is checked by test/emit/java.test.ts.
    names: () => (locked) => locked,
    async run(out) {
      const lines = await javaCatalogLines(join(out, 'java'));
      return lines.map((line) => {
        const [module, code, name, category, retryable, retry] = line.split('\t');
        return { module: module!, code: Number(code), name: name!, category: category!, retryable: retryable === 'true', retry: retry! };
      });
    },
  },
];

describe('every language says the same of every code (all sample pages)', () => {
  const config = resolveConfig({ targets: ['ts', 'json', 'go', 'python', 'java'] });
  const out = tempDir('feishu-errcodes-parity-');
  let modules: readonly ErrorModule[] = [];
  let expected: Row[] = [];

  beforeAll(() => {
    const seeds = SAMPLE_PAGES.map((page) => ({ path: `seeds/${page}.md`, bytes: samplePage(page) }));
    const { catalog, files } = buildCatalog(seeds, { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
    expect(files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map(String))).toEqual([]);
    for (const file of emitAll(catalog!, config)) {
      mkdirSync(dirname(join(out, file.path)), { recursive: true });
      writeFileSync(join(out, file.path), file.contents);
    }
    modules = catalog!.modules;
    // The JSON catalogue is the reference every language is held to.
    expected = modules.flatMap((module) => {
      const json = JSON.parse(readFileSync(join(out, 'json', `${module.id}.json`), 'utf8')) as { errors: Row[] };
      return json.errors.map((entry) => ({ module: module.id, code: entry.code, name: entry.name, category: entry.category, retryable: entry.retryable, retry: entry.retry! }));
    });
  }, 300_000);

  it('lists the sample pages, every verdict in the JSON', () => {
    expect(modules.map((module) => module.id)).toEqual([...SAMPLE_PAGES]);
    expect(modules.every((module) => module.entries.length > 0)).toBe(true);
    expect(expected.length).toBeGreaterThan(1000);
    for (const row of expected) expect(row.retry).toMatch(/^(never|after_token_refresh|after_wait|with_backoff)$/);
  });

  it.skipIf(!hasPythonTools && !requireTools)('the Python package of every sample page is mypy --strict, pyright, flake8 and compileall clean', () => {
    expect(hasPythonTools, 'python3, mypy and flake8 are required in CI').toBe(true);
    expect(pythonCheck([join(out, 'python/feishu_errcodes')])).toBe('');
  }, 300_000);

  for (const runner of RUNNERS) {
    it.skipIf(!runner.available && !requireTools)(`${runner.name} lists the same codes with the same name, category, retryable and retry`, async () => {
      expect(runner.available, `${runner.name} is required in CI`).toBe(true);
      const rows = await runner.run(out, modules);
      const byModule = new Map(modules.map((module) => [module.id, runner.names(module)]));
      const want = expected.map((row) => ({ ...row, name: byModule.get(row.module)!(row.name) }));
      const sort = (list: Row[]) => [...list].sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : a.code - b.code));
      expect(sort(rows)).toEqual(sort(want));
    }, 300_000);
  }
});

/**
 * Per-endpoint verdicts and sub-codes in every language (issue 29 §4, issue 28 §1–2): the
 * hand-built catalogue of test/runtime/lookup/catalog.ts, where endpoints of one module
 * disagree on a code, is generated for every target; each runtime answers the same calls
 * (endpoint, module hint, `ext=` msg), rate-limit questions and hostile `ext=` texts through
 * its public entry points, and every answer must equal the catalogue's (and TypeScript's).
 */
describe('every language resolves a code by endpoint, module and sub-code alike', () => {
  const out = tempDir('feishu-errcodes-parity-lookup-');
  const DRIVERS: readonly { readonly name: string; readonly available: boolean; readonly driver: Driver }[] = [
    { name: 'TypeScript (node)', available: true, driver: typescriptDriver },
    { name: 'Go (go run)', available: hasGo, driver: goDriver },
    { name: 'Python (python3)', available: hasPython, driver: pythonDriver },
    { name: 'Java (java)', available: hasJava, driver: javaDriver },
  ];
  // Every endpoint meaning of the catalogue: its call (a `:param` filled in) must get its own verdict.
  const perEndpoint = LOOKUP_CATALOG.modules.flatMap((module) =>
    module.entries.flatMap((entry) =>
      (entry.endpoints ?? []).map((meaning) => ({
        name: `${module.id} ${entry.code} ${meaning.method} ${meaning.path}`,
        code: entry.code,
        method: meaning.method,
        url: `https://open.feishu.cn${meaning.path.replace(/\/:[^/]+/g, '/x1')}?page_size=10`,
        want: { category: meaning.category, retry: meaning.retry, module: module.id, message: meaning.message ?? entry.message },
      })),
    ),
  );
  const calls = [...LOOKUP_CASES, ...perEndpoint];
  // Hostile ext= texts (ASCII where a bound cuts them: the bounds count characters alike only there).
  const exts = [
    'Failed to create card content, ext=ErrCode: 11310; ErrPath: ROOT -> elements -> 0; ErrMsg: table number over limit; ErrorValue: {"a": [1, 2]}',
    'ext=', 'ext=ErrCode', 'ext=ErrCode:', 'ext=ErrCode: ', 'ext=ErrCode: 1', 'ext=ErrCode: 0', 'ext=ErrCode: -1', 'ext=ErrCode: 1234567890',
    'ext=ErrCode: 999999999; ErrCode: 2', 'ext= ErrMsg: a; ErrMsg: b', 'ext=ErrMsg: a;ErrPath: b', 'ext=ErrMsg: a; b: c', 'ext=ErrMsg: a; b c: d',
    'no ext here ErrCode: 5', 'ext=ext=ErrCode: 7', 'ext=ErrMsg:\tx\t; ErrPath:  y ', `ext=ErrMsg: ${'a; '.repeat(40_000)}; ErrCode: 3`,
    `ext=ErrorValue: ${'x'.repeat(5000)}`, `ext=${'; '.repeat(50_000)}ErrCode: 4`, `ext=${'ErrCode'.repeat(10_000)}: 1`,
    'ext=ErrMsg: 表格数量超限 😀; ErrPath: 根 -> 元素', `ext=ErrMsg: ${'😀'.repeat(1500)}`, 'ext=Err_Code9: 1; ErrCode: 8',
    ...fc.sample(fc.array(fc.constantFrom('ErrCode', 'ErrMsg', 'ErrPath', 'ErrorValue', ': ', '; ', ';', ':', ' ', '12', 'ext=', 'a', '%v', '\t'), { maxLength: 30 }).map((parts) => parts.join('')), { seed: 29, numRuns: 200 }),
  ];
  const rates = LOOKUP_CATALOG.modules.flatMap((module) =>
    (module.endpoints ?? []).flatMap((endpoint) => [
      { method: endpoint.method, url: `https://open.feishu.cn${endpoint.path.replace(/\/:[^/]+/g, '/om_1')}` },
      { method: endpoint.method.toLowerCase(), url: `${endpoint.path.replace(/\/:[^/]+/g, '/')}/` },
    ]),
  );
  const questions: Questions = { calls, rates, exts };
  let reference: Answers | undefined;
  // The message is compared where a case names it.
  const compared = (answers: Answers) =>
    answers.calls.map((answer, index) => {
      if (calls[index]!.want.message !== undefined) return answer;
      const { message: _, ...rest } = answer;
      return rest;
    });

  beforeAll(() => {
    const config = resolveConfig({ targets: ['ts', 'go', 'python', 'java'] });
    for (const file of emitAll(LOOKUP_CATALOG, config)) {
      mkdirSync(dirname(join(out, file.path)), { recursive: true });
      writeFileSync(join(out, file.path), file.contents);
    }
    reference = typescriptDriver(out, questions);
  }, 300_000);

  it('the catalogue has endpoints that disagree on a code, and sub-codes only ErrMsg tells apart', () => {
    const categories = new Set(perEndpoint.filter((call) => call.code === 1160001).map((call) => call.want.category));
    expect(categories.has('server')).toBe(true);
    expect(LOOKUP_CATALOG.modules.find((module) => module.id === 'corehr-v1')!.entries[0]!.category).toBe('validation');
    expect(compared(reference!)).toEqual(calls.map((call) => call.want));
  });

  it.skipIf(!(hasGo && hasPythonTools) && !requireTools)('the runtimes with endpoint and sub-code tables pass gofmt + go vet, mypy --strict, pyright and flake8 (javac -Xlint -Werror: the Java driver)', () => {
    expect(hasGo && hasPythonTools, 'go, python3, mypy and flake8 are required in CI').toBe(true);
    expect(goCheck(join(out, 'go'))).toBe('');
    expect(pythonCheck([join(out, 'python/feishu_errcodes')])).toBe('');
    // Without any endpoint or sub-code the tables are empty, and still as gofmt writes them.
    const bare = { modules: LOOKUP_CATALOG.modules.map(({ endpoints: _, ...module }) => ({ ...module, entries: module.entries.map(({ endpoints: __, subCodes: ___, ...entry }) => entry) })) };
    const bareOut = tempDir('feishu-errcodes-parity-bare-');
    for (const file of emitAll(bare, resolveConfig({ targets: ['go'] }))) {
      mkdirSync(dirname(join(bareOut, file.path)), { recursive: true });
      writeFileSync(join(bareOut, file.path), file.contents);
    }
    expect(goCheck(join(bareOut, 'go'))).toBe('');
  }, 300_000);

  for (const { name, available, driver } of DRIVERS) {
    it.skipIf(!available && !requireTools)(`${name} gives each endpoint its own verdict, picks the same sub-code rows, tiers and ext= fields`, async () => {
      expect(available, `${name} is required in CI`).toBe(true);
      const answers = await driver(out, questions);
      expect(compared(answers)).toEqual(calls.map((call) => call.want));
      expect(answers.rates).toEqual(reference!.rates);
      expect(answers.exts).toEqual(reference!.exts);
    }, 300_000);
  }
});
