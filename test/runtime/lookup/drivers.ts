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

export const typescriptDriver = (out: string, questions: Questions): Answers => {
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

export const goDriver: Driver = (out, questions) => {
  const goDir = join(out, 'go');
  const goModule = /^module (\S+)/m.exec(readFileSync(join(goDir, 'go.mod'), 'utf8'))![1]!;
  mkdirSync(join(goDir, 'lookupdriver'), { recursive: true });
  writeFileSync(
    join(goDir, 'lookupdriver', 'main.go'),
    `package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"time"

	"${goModule}/feishuerr"
)

type call struct {
	Code   int    \`json:"code"\`
	Msg    *string \`json:"msg"\`
	Status int    \`json:"status"\`
	Module string \`json:"module"\`
	Method string \`json:"method"\`
	URL    string \`json:"url"\`
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

type questions struct {
	Calls []call \`json:"calls"\`
	Rates []struct {
		Method string \`json:"method"\`
		URL    string \`json:"url"\`
	} \`json:"rates"\`
	Exts []string \`json:"exts"\`
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var q questions
	if err := json.Unmarshal(data, &q); err != nil {
		panic(err)
	}
	calls := []map[string]any{}
	for _, c := range q.Calls {
		msg := "x"
		if c.Msg != nil {
			msg = *c.Msg
		}
		body, _ := json.Marshal(map[string]any{"code": c.Code, "msg": msg})
		var err error
		switch {
		case c.Method != "":
			err = feishuerr.ParseWith(c.Status, nil, body, feishuerr.WithModule(c.Module), feishuerr.WithEndpoint(c.Method, c.URL))
		case c.Module != "":
			err = feishuerr.ParseModule(c.Module, c.Status, nil, body)
		default:
			err = feishuerr.Parse(c.Status, nil, body)
		}
		var e *feishuerr.APIError
		if !errors.As(err, &e) {
			panic("not an APIError")
		}
		a := map[string]any{"category": e.Category, "retry": e.Retry}
		if c.Method != "" && c.Module == "" {
			// FromResponse and Transport read the endpoint from resp.Request: the same verdict.
			req, reqErr := http.NewRequest(c.Method, c.URL, nil)
			if reqErr == nil {
				status := c.Status
				if status == 0 {
					status = 200
				}
				respond := func() *http.Response {
					return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader(body)), Request: req}
				}
				var viaResponse *feishuerr.APIError
				errors.As(feishuerr.FromResponse(respond()), &viaResponse)
				if viaResponse == nil || viaResponse.Category != e.Category {
					a["fromResponse"] = "differs"
				}
				// Transport: the verdict it retries on, seen by OnRetry (then the context ends the wait).
				ctx, cancel := context.WithCancel(context.Background())
				var viaTransport *feishuerr.APIError
				transport := feishuerr.Transport{Base: roundTrip(func(r *http.Request) (*http.Response, error) {
					resp := respond()
					resp.Request = nil // Transport sets it when the base does not
					return resp, nil
				}), Policy: feishuerr.Policy{MaxRetries: 1, Idempotent: true, OnRetry: func(err *feishuerr.APIError, _ int, _ time.Duration) {
					viaTransport = err
					cancel()
				}}}
				if resp, doErr := transport.RoundTrip(req.WithContext(ctx)); doErr == nil {
					resp.Body.Close()
				}
				cancel()
				retries := e.Retry == feishuerr.RetryWithBackoff || e.Retry == feishuerr.RetryAfterWait
				if retries != (viaTransport != nil) || viaTransport != nil && viaTransport.Category != e.Category {
					a["transport"] = "differs"
				}
			}
		}
		if e.Known != nil {
			a["module"] = e.Known.Module
			a["message"] = e.Known.Message
		}
		if e.SubCode != 0 {
			a["subCode"] = e.SubCode
		}
		if e.KnownSubCode != nil {
			a["subCodeName"] = e.KnownSubCode.Name
		}
		calls = append(calls, a)
	}
	rates := []any{}
	for _, r := range q.Rates {
		tier, ok := feishuerr.RateLimitOf(r.Method, r.URL)
		if !ok {
			rates = append(rates, nil)
			continue
		}
		t := map[string]any{"text": tier.Text}
		if tier.PerSecond != 0 {
			t["perSecond"] = tier.PerSecond
		}
		if tier.PerMinute != 0 {
			t["perMinute"] = tier.PerMinute
		}
		if tier.Special {
			t["special"] = true
		}
		rates = append(rates, t)
	}
	exts := []map[string]any{}
	for _, m := range q.Exts {
		x := feishuerr.ParseExt(m)
		d := map[string]any{}
		if x.SubCode != 0 {
			d["subCode"] = x.SubCode
		}
		for key, value := range map[string]string{"errPath": x.ErrPath, "errMsg": x.ErrMsg, "errorValue": x.ErrorValue} {
			if value != "" {
				d[key] = value
			}
		}
		exts = append(exts, d)
	}
	if err := json.NewEncoder(os.Stdout).Encode(map[string]any{"calls": calls, "rates": rates, "exts": exts}); err != nil {
		panic(err)
	}
}
`,
  );
  const run = runGo(['run', './lookupdriver', questionsFile(questions)], goDir);
  if (run.code !== 0) throw new Error(`go run: ${run.stderr}`);
  return JSON.parse(run.stdout) as Answers;
};

/** A field for the Java driver's line format: base64 of its UTF-8, `-` when absent. */
const b64 = (text: string | undefined) => (text === undefined ? '-' : `=${Buffer.from(text, 'utf8').toString('base64')}`);

export const javaDriver: Driver = async (out, questions) => {
  const work = tempDir('feishu-errcodes-lookup-java-');
  const lines = [
    ...questions.calls.map((c) => ['call', String(c.code), b64(c.msg ?? 'x'), String(c.status ?? 0), b64(c.module), b64(c.method), b64(c.url)].join('\t')),
    ...questions.rates.map((r) => ['rate', b64(r.method), b64(r.url)].join('\t')),
    ...questions.exts.map((m) => ['ext', b64(m)].join('\t')),
  ];
  const input = join(work, 'questions.txt');
  writeFileSync(input, lines.join('\n') + '\n');
  const main = join(work, 'LookupMain.java');
  writeFileSync(
    main,
    `import feishu.errcodes.FeishuApiException;
import feishu.errcodes.FeishuEndpoints;
import feishu.errcodes.FeishuErrors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Answers the lookup questions through the Java runtime's public entry points, as JSON. */
public final class LookupMain {
    private LookupMain() {
    }

    private static String field(String value) {
        return value.equals("-") ? null : new String(Base64.getDecoder().decode(value.substring(1)), StandardCharsets.UTF_8);
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\\\') {
                out.append('\\\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * Entry point.
     *
     * @param args the questions file
     * @throws Exception on a bad file
     */
    public static void main(String[] args) throws Exception {
        List<String> calls = new ArrayList<>();
        List<String> rates = new ArrayList<>();
        List<String> exts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\\t", -1);
            if (f[0].equals("call")) {
                String body = "{\\"code\\":" + f[1] + ",\\"msg\\":" + json(field(f[2])) + "}";
                FeishuApiException e = FeishuErrors.parse(Integer.parseInt(f[3]), null, body, field(f[4]), field(f[5]), field(f[6])).orElseThrow();
                List<String> a = new ArrayList<>();
                a.add("\\"category\\":" + json(e.category().wireName()));
                a.add("\\"retry\\":" + json(e.retry().wireName()));
                e.info().ifPresent(info -> {
                    a.add("\\"module\\":" + json(info.module()));
                    a.add("\\"message\\":" + json(info.message()));
                });
                if (e.subCode() != 0) {
                    a.add("\\"subCode\\":" + e.subCode());
                }
                e.knownSubCode().ifPresent(row -> a.add("\\"subCodeName\\":" + json(row.name())));
                calls.add("{" + String.join(",", a) + "}");
            } else if (f[0].equals("rate")) {
                Optional<FeishuEndpoints.RateLimit> tier = FeishuErrors.rateLimitOf(field(f[1]), field(f[2]));
                if (tier.isEmpty()) {
                    rates.add("null");
                    continue;
                }
                List<String> t = new ArrayList<>();
                t.add("\\"text\\":" + json(tier.get().text()));
                if (tier.get().perSecond() != 0) {
                    t.add("\\"perSecond\\":" + tier.get().perSecond());
                }
                if (tier.get().perMinute() != 0) {
                    t.add("\\"perMinute\\":" + tier.get().perMinute());
                }
                if (tier.get().special()) {
                    t.add("\\"special\\":true");
                }
                rates.add("{" + String.join(",", t) + "}");
            } else {
                FeishuEndpoints.Ext x = FeishuEndpoints.parseExt(field(f[1]));
                List<String> d = new ArrayList<>();
                if (x.subCode() != 0) {
                    d.add("\\"subCode\\":" + x.subCode());
                }
                if (!x.errPath().isEmpty()) {
                    d.add("\\"errPath\\":" + json(x.errPath()));
                }
                if (!x.errMsg().isEmpty()) {
                    d.add("\\"errMsg\\":" + json(x.errMsg()));
                }
                if (!x.errorValue().isEmpty()) {
                    d.add("\\"errorValue\\":" + json(x.errorValue()));
                }
                exts.add("{" + String.join(",", d) + "}");
            }
        }
        System.out.print("{\\"calls\\":[" + String.join(",", calls) + "],\\"rates\\":[" + String.join(",", rates) + "],\\"exts\\":[" + String.join(",", exts) + "]}");
    }
}
`,
  );
  const classes = join(work, 'classes');
  const problems = javac([join(out, 'java')], classes, [main]);
  if (problems !== '') throw new Error(problems);
  const { stdout } = await runJava(classes, 'LookupMain', [input]);
  return JSON.parse(stdout) as Answers;
};
