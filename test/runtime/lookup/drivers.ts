/**
 * Drivers that run the lookup queries of catalog.ts through each language's public entry
 * points (TypeScript `toFeishuError`/`feishuRateLimit`/`parseFeishuExt`, Go `ParseEndpoint`/
 * `RateLimitOf`/`ParseExt`, Python `to_feishu_error`/`rate_limit_of`/`parse_feishu_ext`, Java
 * `FeishuErrors.parse`/`rateLimitOf`/`parseExt`) over a generated tree, each printing the same JSON.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { javac, runJava } from '../../helpers/java.js';
import { runGo, runPython, SPAWN_TIMEOUT_MS, tempDir } from '../../helpers/tools.js';
import type { LookupAnswer, LookupQuery } from './catalog.js';

/** Everything a driver is asked, and what it answers (one list per question, in order). */
export interface Questions {
  readonly calls: readonly LookupQuery[];
  readonly rates: readonly { readonly method: string; readonly url: string }[];
  readonly exts: readonly string[];
}

export interface Answers {
  readonly calls: LookupAnswer[];
  readonly rates: ({ perSecond?: number; perMinute?: number; special?: boolean; text: string } | null)[];
  readonly exts: { subCode?: number; errPath?: string; errMsg?: string; errorValue?: string }[];
}

export type Driver = (out: string, questions: Questions) => Answers | Promise<Answers>;

/** A JSON file of the questions in a scratch folder. */
function questionsFile(questions: Questions): string {
  const file = join(tempDir('feishu-errcodes-lookup-q-'), 'questions.json');
  writeFileSync(file, JSON.stringify(questions));
  return file;
}

export const typescriptDriver: Driver = (out, questions) => {
  const dir = tempDir('feishu-errcodes-lookup-ts-');
  for (const file of readdirSync(join(out, 'ts')).filter((name) => name.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(out, 'ts', file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(join(dir, file.replace(/\.ts$/, '.js')), outputText);
  }
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'driver.mjs'),
    `import { readFileSync } from 'node:fs';
import { toFeishuError, feishuRateLimit, parseFeishuExt } from './feishu-error.js';
const q = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const calls = q.calls.map((c) => {
  const e = toFeishuError({ code: c.code, msg: c.msg ?? 'x' }, { status: c.status, module: c.module, endpoint: c.method === undefined ? undefined : { method: c.method, url: c.url } });
  const a = { category: e.category, retry: e.retry };
  if (e.known) { a.module = e.known.module; a.message = e.known.message; }
  if (e.subCode !== undefined) a.subCode = e.subCode;
  if (e.knownSubCode) a.subCodeName = e.knownSubCode.name;
  return a;
});
const rates = q.rates.map((r) => feishuRateLimit(r.method, r.url) ?? null);
const exts = q.exts.map((m) => parseFeishuExt(m));
process.stdout.write(JSON.stringify({ calls, rates, exts }));
`,
  );
  return JSON.parse(execFileSync(process.execPath, [join(dir, 'driver.mjs'), questionsFile(questions)], { encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 })) as Answers;
};

export const pythonDriver: Driver = (out, questions) => {
  const program = `
import json
import sys
from feishu_errcodes.errors import parse_feishu_ext, rate_limit_of, to_feishu_error

with open(sys.argv[1], encoding="utf-8") as f:
    q = json.load(f)
calls = []
for c in q["calls"]:
    e = to_feishu_error({"code": c["code"], "msg": c.get("msg", "x")}, status=c.get("status"), module=c.get("module"),
                        method=c.get("method"), url=c.get("url"))
    a = {"category": e.category, "retry": e.retry}
    if e.info is not None:
        a["module"] = e.info.module
        a["message"] = e.info.message
    if e.sub_code is not None:
        a["subCode"] = e.sub_code
    if e.known_sub_code is not None:
        a["subCodeName"] = e.known_sub_code.name
    calls.append(a)
rates = []
for r in q["rates"]:
    t = rate_limit_of(r["method"], r["url"])
    if t is None:
        rates.append(None)
        continue
    d = {"text": t.text}
    if t.per_second is not None:
        d["perSecond"] = t.per_second
    if t.per_minute is not None:
        d["perMinute"] = t.per_minute
    if t.special:
        d["special"] = True
    rates.append(d)
exts = []
for m in q["exts"]:
    x = parse_feishu_ext(m)
    d = {}
    for key, value in (("subCode", x.sub_code), ("errPath", x.err_path), ("errMsg", x.err_msg), ("errorValue", x.error_value)):
        if value is not None:
            d[key] = value
    exts.append(d)
sys.stdout.write(json.dumps({"calls": calls, "rates": rates, "exts": exts}))
`;
  const run = runPython(program, join(out, 'python'), [questionsFile(questions)]);
  if (run.code !== 0) throw new Error(`python3: ${run.stderr}`);
  return JSON.parse(run.stdout) as Answers;
};
