/**
 * The Python target: names, config, the real tools (mypy --strict, pyright strict, flake8,
 * compileall, each run once over every tree of this file), a program that branches on an
 * error's category, and call_with_retry against a scripted server on 127.0.0.1.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lowerSnake, pythonMemberNames, pythonModuleName, upperSnake } from '../../src/normalize/python-names.js';
import { hasPythonTools, makeProject, pythonCheck, requireTools, ROOT, runCli, runPython, SPAWN_TIMEOUT_MS } from '../helpers/tools.js';

const HIRE = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');
const skip = !hasPythonTools && !requireTools;
/** A message of one 16,000-character word: its name is as long, and no line that holds it fits flake8's 120 columns. */
const LONG_WORD = `L${'o'.repeat(15_999)}`;

describe('Python names', () => {
  it('derives members, modules and functions from the locked name and the module id', () => {
    expect(upperSnake('TalentNotExist')).toBe('TALENT_NOT_EXIST');
    expect(upperSnake('UpdateTalentIDConflict')).toBe('UPDATE_TALENT_ID_CONFLICT');
    expect(upperSnake('Code99991663')).toBe('CODE_99991663');
    expect(upperSnake('InternalError1663')).toBe('INTERNAL_ERROR_1663');
    expect(lowerSnake('HireErrorCode')).toBe('hire_error_code');
    expect(pythonModuleName('hire-v1')).toBe('hire_v1');
    expect(pythonModuleName('import')).toBe('import_codes');
    expect(pythonModuleName('errors')).toBe('errors_codes');
    expect(pythonModuleName('2024-im.v2')).toBe('m2024_im_v2');
    // Two names that meet in UPPER_SNAKE: the later in code-unit order gets a suffix, whatever the input order.
    const names = pythonMemberNames(['AbcDef', 'ABCDef']);
    expect(Object.fromEntries(names)).toEqual({ ABCDef: 'ABC_DEF', AbcDef: 'ABC_DEF_2' });
    expect(Object.fromEntries(pythonMemberNames(['ABCDef', 'AbcDef']))).toEqual(Object.fromEntries(names));
  });
});

describe('the python target', () => {
  it('is opt-in: the default targets write no Python', async () => {
    const dir = makeProject({ 'hire-v1.md': HIRE });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(() => readFileSync(join(dir, 'generated/python/feishu_errcodes/__init__.py'))).toThrow();
  });

  it('refuses a package name Python cannot import, and a type name the package uses itself', async () => {
    const bad = makeProject({ 'hire-v1.md': HIRE }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['python'], python: { package: 'class' } }) });
    const run = await runCli(['generate'], bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('`python.package` is "class": it is a Python keyword');
    for (const name of ['json', 'typing', 'enum', 'os', '__future__']) {
      const shadow = makeProject({ 'hire-v1.md': HIRE }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['python'], python: { package: name } }) });
      const shadowRun = await runCli(['generate'], shadow);
      expect(shadowRun.code, name).toBe(2);
      expect(shadowRun.stderr).toContain(`\`python.package\` is "${name}": it is a module of Python's standard library, which the package would shadow`);
    }
    const clash = makeProject({ 'hire-v1.md': HIRE }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['python'], modules: { 'hire-v1': { typeName: 'FeishuCodeInfo' } } }) });
    const clashRun = await runCli(['generate'], clash);
    expect(clashRun.code).toBe(2);
    expect(clashRun.stderr).toContain('Unexpected type name `FeishuCodeInfo` for hire-v1: the Python package uses that name itself; set modules["hire-v1"].typeName in the config');
  });

  it('tells two modules that would meet in one Python name apart, or says which setting to change', async () => {
    const seed = '| code | message |\n| --- | --- |\n| 1001 | Thing not found |\n';
    const dir = makeProject({ 'a-b.md': seed, 'a.b.md': seed }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['python'], modules: { 'a.b': { typeName: 'OtherErrorCode' } } }) });
    const run = await runCli(['generate'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Seed a.b would be Python module `a_b`, a name a-b already takes in the package; rename the seed file');
  });

  describe.skipIf(skip)('generated packages, checked and run', () => {
    // Tree 1: the repository's Hire page, a keyword id, a leading-digit id, a member clash and hostile texts.
    const hostile = `| code | message | 说明 |\n| --- | --- | --- |\n| 1001 | Ends with a quote " and a backslash \\\\ | """ closes? \\\\u0041 \u202E bidi \u3000 |\n| 1002 | Abc def | x |\n| 1003 | A very long message that goes on and on past any line length flake8 would accept, and then some more words to be sure it wraps twice over |\n| 1004 | ${LONG_WORD} | one word, a name of 16,000 characters |\n`;
    const project = makeProject(
      { 'hire-v1.md': HIRE, 'import.md': hostile, '2024-errors.md': hostile },
      { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['json', 'python'], modules: { import: { names: { '1002': 'ABCDef', '1001': 'AbcDef' } } } }) },
    );
    // Tree 2: another package name.
    const renamed = makeProject({ 'hire-v1.md': HIRE }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['python'], python: { package: 'acme_feishu' } }) });
    let warnings = '';

    beforeAll(async () => {
      const first = await runCli(['generate'], project);
      expect(first.stderr).not.toMatch(/error/);
      expect(first.code).toBe(0);
      warnings = first.stderr + first.stdout;
      expect((await runCli(['generate'], renamed)).code).toBe(0);
    }, 120_000);

    it('writes the package files, and check sees them up to date', async () => {
      for (const file of ['__init__.py', 'py.typed', 'errors.py', 'hire_v1.py', 'import_codes.py', 'm2024_errors.py']) {
        expect(readFileSync(join(project, 'generated/python/feishu_errcodes', file), 'utf8')).toBeDefined();
      }
      // Lines 1–2 hold no seed text (Python reads an encoding declaration there); the docstring names the seed.
      expect(readFileSync(join(renamed, 'generated/python/acme_feishu/hire_v1.py'), 'utf8')).toMatch(
        /^# Code generated by feishu-errcodes\. DO NOT EDIT\.\n"""Feishu error codes of one doc page: an enum, an info table and a lookup\.\n\nModule hire-v1, from Feishu's doc page “错误码”; generated from seeds\/hire-v1\.md\.\n/,
      );
      expect((await runCli(['check'], project)).code).toBe(0);
      expect(warnings).toContain('1 python-name-collision');
      const lint = await runCli(['lint'], project);
      expect(lint.stdout + lint.stderr).toContain('Members `ABCDef` and `AbcDef` of import are both `ABC_DEF` in Python; `AbcDef` (code 1001) is `ABC_DEF_2` there; set modules["import"].names["1001"] in the config to name it yourself');
    });

    it('is mypy --strict, pyright (strict), flake8 (120 columns) and compileall clean', () => {
      expect(pythonCheck([join(project, 'generated/python/feishu_errcodes'), join(renamed, 'generated/python/acme_feishu')])).toBe('');
    }, 300_000);

    it('keeps every text exactly, and names members in UPPER_SNAKE from the locked name', () => {
      const program = `
import json
from feishu_errcodes import import_codes, HireErrorCode, lookup_hire_error_code
print(json.dumps([[m.name, m.value, import_codes.IMPORT_ERROR_CODE_INFO[m.value].message] for m in import_codes.ImportErrorCode]))
print(HireErrorCode.TALENT_NOT_EXIST == 1002102, lookup_hire_error_code(1002102).name, lookup_hire_error_code(1))
print(import_codes.ImportErrorCode.__doc__.splitlines()[0])
`;
      const run = runPython(program, join(project, 'generated/python'));
      expect(run.stderr).toBe('');
      const [members, hire, doc] = run.stdout.split('\n');
      const json = JSON.parse(readFileSync(join(project, 'generated/json/import.json'), 'utf8')) as { errors: { code: number; message: string }[] };
      expect(JSON.parse(members!)).toEqual([
        ['ABC_DEF_2', 1001, json.errors[0]!.message],
        ['ABC_DEF', 1002, 'Abc def'],
        [expect.stringMatching(/^[A-Z][A-Z0-9_]*$/), 1003, json.errors[2]!.message],
        [LONG_WORD.toUpperCase(), 1004, LONG_WORD],
      ]);
      expect(json.errors[0]!.message).toBe('Ends with a quote " and a backslash \\');
      expect(hire).toBe('True TALENT_NOT_EXIST None');
      expect(doc).toBe('The codes of import.');
    });

    it('turns a Feishu body into the typed error, and a program branches on its category', () => {
      const program = `
from typing import Optional
from feishu_errcodes import FeishuApiError, to_feishu_error


def advice(error: Optional[FeishuApiError]) -> str:
    if error is None:
        return "ok"
    if error.category == "not_found":
        return f"gone: {error.code} {error.info.name if error.info else ''} log {error.log_id}"
    if error.category == "rate_limit":
        return f"wait {error.retry_after_seconds}s ({error.retry})"
    if error.category == "authentication":
        return f"refresh the token ({error.retry}, known={error.known})"
    return f"{error.category}: {error.msg} (HTTP {error.http_status})"


print(advice(to_feishu_error(b'{"code":1002102,"msg":"Talent not exist","error":{"log_id":"20240101ABC"}}', 400)))
print(advice(to_feishu_error({"code": 99991400.0, "msg": "too fast"}, 400, {"X-OGW-RateLimit-Reset": " 12 ", "Retry-After": "99"})))
print(advice(to_feishu_error('{"code": 99991663, "msg": {"odd": "type"}}')))
print(advice(to_feishu_error("<html>bad gateway</html>", 502)))
print(advice(to_feishu_error({"code": 0, "msg": "success"}, 200)))
print(advice(to_feishu_error({"code": True, "msg": "a boolean is not a code"}, 409)))


class Raw:  # what lark-oapi's RawResponse holds
    status_code = 429
    headers = {"X-Tt-Logid": "header-log", "x-ogw-ratelimit-reset": "5"}


class SdkResponse:  # a lark-oapi BaseResponse: code and msg attributes, get_log_id()
    code = 99991400
    msg = "request trigger frequency limit"
    raw = Raw()
    error = None

    def get_log_id(self) -> str:
        return "sdk-log"


sdk = to_feishu_error(SdkResponse())
print(advice(sdk), sdk.http_status if sdk else None, sdk.log_id if sdk else None)
`;
      const run = runPython(program, join(project, 'generated/python'));
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(
        [
          'gone: 1002102 TALENT_NOT_EXIST log 20240101ABC',
          'wait 12s (after_wait)',
          'refresh the token (after_token_refresh, known=False)', // known: a module lists the code (this one only the platform table)
          'server: HTTP 502 (HTTP 502)',
          'ok',
          'conflict: a boolean is not a code (HTTP 409)',
          'wait 5s (after_wait) 429 header-log',
          '',
        ].join('\n'),
      );
    });

    it('check does not take the bytecode Python caches (__pycache__) for stray files', async () => {
      expect(runPython('import feishu_errcodes.hire_v1', join(project, 'generated/python')).code).toBe(0);
      expect(readdirSync(join(project, 'generated/python/feishu_errcodes/__pycache__')).some((name) => name.endsWith('.pyc'))).toBe(true);
      const check = await runCli(['check'], project);
      expect(check.stdout + check.stderr).not.toContain('__pycache__');
      expect(check.code).toBe(0);
    });

    describe('call_with_retry against a scripted server', () => {
      /** What the server answers, by path: each request takes the next reply (the last one repeats). */
      type Reply = { status: number; body: string; headers?: Record<string, string> };
      const feishu = (code: number, msg: string, extra: object = {}) => JSON.stringify({ code, msg, ...extra });
      const scripts: Record<string, Reply[]> = {
        '/token': [
          { status: 400, body: feishu(99991663, 'Invalid access token for authorization') },
          { status: 200, body: feishu(0, 'success', { data: { ok: true } }) },
        ],
        '/token-none': [{ status: 400, body: feishu(99991663, 'Invalid access token for authorization') }],
        '/token-again': [{ status: 400, body: feishu(99991663, 'Invalid access token for authorization') }],
        '/rate': [
          { status: 400, body: feishu(99991400, 'request trigger frequency limit'), headers: { 'x-ogw-ratelimit-reset': '3' } },
          { status: 200, body: feishu(0, 'success') },
        ],
        '/rate-long': [{ status: 429, body: feishu(99991400, 'request trigger frequency limit'), headers: { 'x-ogw-ratelimit-reset': '3' } }],
        '/quota': [{ status: 400, body: feishu(99991403, "This month's API call quota has been exceeded") }],
        '/server': [{ status: 500, body: 'upstream error' }],
        '/scope': [
          {
            status: 400,
            body: feishu(99991672, 'Access denied. One of the following scopes is required: [hire:talent]', {
              error: {
                log_id: '2024LOG',
                permission_violations: [{ type: 'action_privilege_required', subject: 'hire:talent' }],
                field_violations: [{ field: 'talent_id', description: 'required' }],
                helps: [{ url: 'https://open.feishu.cn/app/cli_x/auth', description: 'grant it' }],
              },
            }),
          },
        ],
      };
      const seen: { path: string; authorization: string }[] = [];
      const served = new Map<string, number>();
      const server = createServer((request: IncomingMessage, response: ServerResponse) => {
        const path = request.url ?? '';
        seen.push({ path, authorization: request.headers.authorization ?? '' });
        const replies = scripts[path] ?? [{ status: 404, body: feishu(404, 'no script') }];
        const index = served.get(path) ?? 0;
        served.set(path, index + 1);
        const reply = replies[Math.min(index, replies.length - 1)]!;
        response.writeHead(reply.status, { 'content-type': 'application/json', 'x-tt-logid': `header-log-${index}`, ...reply.headers });
        response.end(reply.body);
      });
      let base = '';
      beforeAll(async () => {
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });
      afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

      it('refreshes the token once, waits out a rate limit, stops on a quota, retries a 500 only when idempotent, and carries the violations', async () => {
        const program = `
import json
import sys
import urllib.error
import urllib.request
from typing import Any, Dict, List

from feishu_errcodes import FeishuApiError, call_with_retry, to_feishu_error

base = sys.argv[1]
token = {"value": "old"}
waits: List[float] = []


def call(path: str) -> Any:
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token["value"]})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body, status, headers = response.read(), response.status, response.headers
    except urllib.error.HTTPError as http_error:
        body, status, headers = http_error.read(), http_error.code, http_error.headers
    error = to_feishu_error(body, status, headers)
    if error is not None:
        raise error
    return json.loads(body)


def refresh() -> None:
    token["value"] = "new"


def run(name: str, path: str, **options: Any) -> None:
    retries: List[List[Any]] = []
    waits.clear()
    token["value"] = "old"
    result: Dict[str, Any] = {"scenario": name}
    try:
        result["body"] = call_with_retry(
            lambda: call(path), sleep=waits.append, on_retry=lambda e, n, d: retries.append([e.code, n, d]), **options
        )
    except FeishuApiError as error:
        result["error"] = {
            "code": error.code, "category": error.category, "retry": error.retry, "status": error.http_status,
            "log_id": error.log_id, "retry_after": error.retry_after_seconds,
            "permissions": [[v.type, v.subject] for v in error.permission_violations],
            "fields": [[v.field, v.description] for v in error.field_violations],
            "help_urls": list(error.help_urls), "cause": repr(error.__cause__) if error.__cause__ else None,
        }
    result["retries"] = retries
    result["waits"] = list(waits)
    print(json.dumps(result))


def failing_refresh() -> None:
    raise RuntimeError("refresh failed")


run("token", "/token", refresh_token=refresh)
run("token-no-refresher", "/token-none")
run("token-again", "/token-again", refresh_token=refresh)
run("token-refresh-fails", "/token-again", refresh_token=failing_refresh)
run("rate", "/rate")
run("rate-too-long", "/rate-long", max_wait_seconds=1)
run("quota", "/quota")
run("server-idempotent", "/server", idempotent=True)
run("server", "/server")
run("server-off", "/server", idempotent=True, max_retries=0)
run("scope", "/scope", refresh_token=refresh)
`;
        const { stdout, stderr } = await promisify(execFile)('python3', ['-c', program, base], {
          cwd: join(project, 'generated/python'),
          env: { ...process.env, PYTHONPATH: join(project, 'generated/python') },
          timeout: SPAWN_TIMEOUT_MS,
        });
        expect(stderr).toBe('');
        const results = Object.fromEntries(
          stdout.trim().split('\n').map((line) => {
            const result = JSON.parse(line) as { scenario: string; error?: Record<string, unknown> };
            return [result.scenario, result];
          }),
        );
        const requests = (path: string) => seen.filter((request) => request.path === path);

        expect(results['token']).toEqual({ scenario: 'token', body: { code: 0, msg: 'success', data: { ok: true } }, retries: [[99991663, 1, 0]], waits: [] });
        expect(results['token-no-refresher']).toMatchObject({ error: { code: 99991663, category: 'authentication', retry: 'after_token_refresh' }, retries: [] });
        // Refreshed once: the second 99991663 is raised, not refreshed again.
        expect(results['token-again']).toMatchObject({ error: { code: 99991663, status: 400, log_id: 'header-log-1' }, retries: [[99991663, 1, 0]] });
        expect(results['token-refresh-fails']).toMatchObject({ error: { code: 99991663, cause: "RuntimeError('refresh failed')" }, retries: [] });
        expect(results['rate']).toMatchObject({ body: { code: 0 }, retries: [[99991400, 1, 3]], waits: [3] });
        expect(results['rate-too-long']).toMatchObject({ error: { code: 99991400, category: 'rate_limit', retry_after: 3 }, retries: [], waits: [] });
        expect(results['quota']).toMatchObject({ error: { code: 99991403, category: 'rate_limit', retry: 'never' }, retries: [] });
        // 500: code 0 from the status; retried twice with jittered backoff (0.5–1 s, then 1–2 s) when idempotent.
        const idempotent = results['server-idempotent'] as unknown as { error: Record<string, unknown>; waits: number[] };
        expect(idempotent.error).toMatchObject({ code: 0, category: 'server', retry: 'with_backoff', status: 500 });
        expect(idempotent.waits).toHaveLength(2);
        expect(idempotent.waits[0]).toBeGreaterThanOrEqual(0.5);
        expect(idempotent.waits[0]).toBeLessThanOrEqual(1);
        expect(idempotent.waits[1]).toBeGreaterThanOrEqual(1);
        expect(idempotent.waits[1]).toBeLessThanOrEqual(2);
        expect(results['server']).toMatchObject({ error: { code: 0 }, retries: [], waits: [] });
        expect(results['server-off']).toMatchObject({ error: { code: 0 }, retries: [], waits: [] });
        expect(results['scope']).toMatchObject({
          error: {
            code: 99991672,
            category: 'authorization',
            retry: 'never',
            log_id: '2024LOG',
            permissions: [['action_privilege_required', 'hire:talent']],
            fields: [['talent_id', 'required']],
            help_urls: ['https://open.feishu.cn/app/cli_x/auth'],
          },
          retries: [],
        });

        // What the server saw: the refreshed token on the retry, one request for a quota, three for an idempotent 500.
        expect(requests('/token').map((request) => request.authorization)).toEqual(['Bearer old', 'Bearer new']);
        expect(requests('/token-again')).toHaveLength(3);
        expect(requests('/rate')).toHaveLength(2);
        expect(requests('/rate-long')).toHaveLength(1);
        expect(requests('/quota')).toHaveLength(1);
        expect(requests('/server')).toHaveLength(3 + 1 + 1);
        expect(requests('/scope')).toHaveLength(1);
      }, 120_000);
    });
  });
});
