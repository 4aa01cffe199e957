#!/usr/bin/env node
/**
 * Writes test/conformance/cases/*.json: the responses every runtime must read alike, each
 * with the answer docs/error-handling.md ("Reading a response") gives for it. The answers
 * are written here from the rule, class by class, never taken from a runtime's output.
 * Run it after editing (node test/conformance/make-cases.mjs) and commit the JSON.
 *
 * A case: { name, status (null: none), headers: [[name, value], …], body, module?, endpoint?,
 * expect }. `body` is { text } (a string, possibly with lone surrogates), { base64 } (bytes),
 * or { parts: [text | [unit, times], …] } (text, for bodies of megabytes).
 * `expect` is { isError: false } or the error: code, msg, httpStatus, category, retryable,
 * retry, retryAfterSeconds, module (the module entry whose verdict applies), logId, helpUrls,
 * permissionViolations and fieldViolations (counts); omitted fields take their defaults
 * (null, null, null, [], 0, 0).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the JSON goes: the cases folder beside this script, or the folder given as the argument. */
const OUT = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'cases');
const MAX = 8 * 1024 * 1024;

// Verdicts, as the seeds (and test/conformance/seeds/zz-conformance.md) give them.
const V = {
  rateLimit: { category: 'rate_limit', retryable: true, retry: 'after_wait' },
  quota: { category: 'rate_limit', retryable: false, retry: 'never' },
  token: { category: 'authentication', retryable: false, retry: 'after_token_refresh' },
  scope: { category: 'authorization', retryable: false, retry: 'never' },
  validation: { category: 'validation', retryable: false, retry: 'never' },
  notFound: { category: 'not_found', retryable: false, retry: 'never' },
  conflict: { category: 'conflict', retryable: false, retry: 'never' },
  server: { category: 'server', retryable: true, retry: 'with_backoff' },
  unknown: { category: 'unknown', retryable: false, retry: 'never' },
};
/** The verdict of an HTTP status alone. */
function byStatus(status) {
  if (status === 400) return V.validation;
  if (status === 401) return V.token;
  if (status === 403) return V.scope;
  if (status === 404) return V.notFound;
  if (status === 409) return V.conflict;
  if (status === 429) return V.rateLimit;
  if (status !== null && status >= 500 && status <= 599 && status !== 501) return V.server;
  return V.unknown;
}
/** A status counts when it is an integer from 100 to 999. */
const realStatus = (status) => (Number.isInteger(status) && status >= 100 && status <= 999 ? status : null);

const files = new Map();
function add(file, name, status, body, expect, extra = {}) {
  const list = files.get(file) ?? [];
  files.set(file, list);
  if (list.some((c) => c.name === name) || [...files.values()].flat().some((c) => c.name === name)) throw new Error(`duplicate case ${name}`);
  list.push({ name, status, headers: extra.headers ?? [], body, ...(extra.module !== undefined && { module: extra.module }), ...(extra.endpoint !== undefined && { endpoint: extra.endpoint }), expect });
}
const text = (value) => ({ text: value });
const json = (value) => ({ text: JSON.stringify(value) });
const bytes = (array) => ({ base64: Buffer.from(array).toString('base64') });
const NONE = { isError: false };
/** The error a body with a listed code gives. */
function coded(code, verdict, status, more = {}) {
  return { isError: true, code, msg: more.msg ?? '', httpStatus: realStatus(status), ...verdict, module: null, ...more };
}
/** The error a status alone gives (code 0). */
function statusOnly(status, more = {}) {
  return { isError: true, code: 0, msg: more.msg ?? `HTTP ${status}`, httpStatus: status, ...byStatus(status), module: null, ...more };
}
const RL = { code: 99991400, msg: 'request trigger frequency limit' };
const rlBody = (more = {}) => ({ ...RL, ...more });
const rl = (status, more = {}) => coded(99991400, V.rateLimit, status, { msg: RL.msg, module: 'general', ...more });

// ── basics ────────────────────────────────────────────────────────────────────────────────
add('basics', 'success body at 200', 200, json({ code: 0, msg: 'success', data: { id: 'T1' } }), NONE);
add('basics', 'success body without status', null, json({ code: 0, msg: 'success' }), NONE);
add('basics', 'rate limit at 200', 200, json(rlBody()), rl(200));
add('basics', 'rate limit at 429', 429, json(rlBody()), rl(429));
add('basics', 'rate limit without status', null, json(rlBody()), rl(null));
add('basics', 'hire code at 200', 200, json({ code: 1002102, msg: 'Talent not exist' }), coded(1002102, V.notFound, 200, { msg: 'Talent not exist', module: 'hire-v1' }));
add('basics', 'hire server code at 500', 500, json({ code: 1020001, msg: 'System error' }), coded(1020001, V.server, 500, { msg: 'System error', module: 'hire-v1' }));
add('basics', 'token code at 401', 401, json({ code: 99991663, msg: 'Invalid access token for authorization' }), coded(99991663, V.token, 401, { msg: 'Invalid access token for authorization', module: 'general' }));
add('basics', 'quota code at 400', 400, json({ code: 99991403, msg: 'quota' }), coded(99991403, V.quota, 400, { msg: 'quota', module: 'general' }));
add('basics', 'unknown-category general code', 200, json({ code: 10009, msg: 'x' }), coded(10009, V.unknown, 200, { msg: 'x', module: 'general' }));
add('basics', 'unlisted code at 200 is unknown', 200, json({ code: 1234567, msg: 'nope' }), coded(1234567, V.unknown, 200, { msg: 'nope' }));
add('basics', 'unlisted code at 500 takes the status verdict', 500, json({ code: 1234567, msg: 'nope' }), coded(1234567, V.server, 500, { msg: 'nope' }));
add('basics', 'unlisted code at 404 takes the status verdict', 404, json({ code: 1234567, msg: 'nope' }), coded(1234567, V.notFound, 404, { msg: 'nope' }));
add('basics', 'msg that is not a string', 200, json({ code: 99991400, msg: 42 }), rl(200, { msg: '' }));
add('basics', 'msg missing', 200, json({ code: 99991400 }), rl(200, { msg: '' }));
add('basics', 'code 0 at 500 keeps the msg', 500, json({ code: 0, msg: 'boom' }), statusOnly(500, { msg: 'boom' }));
add('basics', 'code 0 at 500 with an empty msg', 500, json({ code: 0, msg: '' }), statusOnly(500));
add('basics', 'code 0 at 200', 200, json({ code: 0, msg: 'boom' }), NONE);
add('basics', 'object without code at 200', 200, json({ msg: 'hello' }), NONE);
add('basics', 'object without code at 403 keeps its msg', 403, json({ msg: 'denied' }), statusOnly(403, { msg: 'denied' }));
add('basics', 'duplicate code key: the last wins', 200, text('{"code":0,"code":99991400,"msg":"request trigger frequency limit"}'), rl(200));
add('basics', 'duplicate code key: the last wins (0 last)', 200, text('{"code":99991400,"code":0}'), NONE);
add('basics', 'escaped key names code', 200, text('{"\\u0063ode":99991400,"msg":"request trigger frequency limit"}'), rl(200));
add('basics', 'log_id from the body', 200, json(rlBody({ error: { log_id: 'L1', logid: 'L2' } })), rl(200, { logId: 'L1' }), { headers: [['X-Tt-Logid', 'H']] });
add('basics', 'logid when log_id is empty', 200, json(rlBody({ error: { log_id: '', logid: 'L2' } })), rl(200, { logId: 'L2' }), { headers: [['X-Tt-Logid', 'H']] });
add('basics', 'log id header when the body has none', 200, json(rlBody({ error: { log_id: 7 } })), rl(200, { logId: 'H' }), { headers: [['x-tt-logid', 'H']] });
add('basics', 'log id header on a status-only error', 502, text('<html>Bad Gateway</html>'), statusOnly(502, { logId: 'GW' }), { headers: [['X-TT-LOGID', 'GW']] });
add('basics', 'log id header is trimmed', 500, text(''), statusOnly(500, { logId: 'abc' }), { headers: [['X-Tt-Logid', ' \tabc ']] });
add('basics', 'error that is a string', 200, json(rlBody({ error: 'oops' })), rl(200, { logId: 'H' }), { headers: [['X-Tt-Logid', 'H']] });
add('basics', 'error that is a list', 200, json(rlBody({ error: [{ log_id: 'L' }] })), rl(200));
add('basics', 'bool code is not a code', 200, json({ code: true, msg: 'x' }), NONE);
add('basics', 'string code is not a code', 200, json({ code: '99991400', msg: 'x' }), NONE);
add('basics', 'null code is not a code', 200, json({ code: null, msg: 'x' }), NONE);
add('basics', 'list code is not a code', 200, json({ code: [99991400], msg: 'x' }), NONE);
add('basics', 'object code is not a code', 500, json({ code: { v: 1 }, msg: 'x' }), statusOnly(500, { msg: 'x' }));

// ── status ────────────────────────────────────────────────────────────────────────────────
for (const status of [400, 401, 403, 404, 409, 429, 500, 502, 503, 599, 501, 418, 302, 100, 600, 999]) {
  add('status', `status ${status} without a body`, status, text(''), statusOnly(status));
}
add('status', 'html gateway page at 502', 502, text('<html><body>502 Bad Gateway</body></html>'), statusOnly(502));
add('status', 'truncated json at 500', 500, text('{"code":99991400,"msg":"requ'), statusOnly(500));
for (const status of [200, 204, 299, 0, -1, 99, 1000, null]) {
  add('status', `status ${status} without a body is no error`, status, text(''), NONE);
  add('status', `status ${status} with an html page is no error`, status, text('<html>ok</html>'), NONE);
}
for (const status of [0, -1, 1000]) {
  add('status', `status ${status} counts as none: a code still reads`, status, json(rlBody()), rl(null));
}

// ── the integer rule ──────────────────────────────────────────────────────────────────────
const codeText = (literal) => text(`{"code":${literal},"msg":"m"}`);
const integral = [
  ['99991400.0', 99991400], ['9.99914e7', 99991400], ['99991400e0', 99991400], ['999914.00E2', 99991400], ['9999140000e-2', 99991400],
  ['99991400.00000000000001', 99991400], ['99991399.999999999999999', 99991400],
];
for (const [literal, code] of integral) add('integers', `code ${literal} reads ${code}`, 200, codeText(literal), rl(200, { code, msg: 'm' }));
add('integers', 'code 1001.00000000000001 reads 1001', 200, codeText('1001.00000000000001'), coded(1001, V.unknown, 200, { msg: 'm' }));
add('integers', 'negative code', 200, codeText('-1'), coded(-1, V.unknown, 200, { msg: 'm' }));
add('integers', 'code 2^31-1', 200, codeText('2147483647'), coded(2147483647, V.unknown, 200, { msg: 'm' }));
add('integers', 'code -2^31', 200, codeText('-2147483648'), coded(-2147483648, V.unknown, 200, { msg: 'm' }));
for (const literal of ['2147483648', '-2147483649', '4294967296', '9007199254740991', '9007199254740993', '18446744073709551616', '1e20', '1e400', '-1e400', '9'.repeat(5000)]) {
  add('integers', `code ${literal.length > 30 ? `of ${literal.length} digits` : literal} is an error outside 32 bits: code 0`, 200, codeText(literal), coded(0, V.unknown, 200, { msg: 'm' }));
}
add('integers', 'code 2^31 at 429 takes the status verdict', 429, codeText('2147483648'), coded(0, V.rateLimit, 429, { msg: 'm' }));
add('integers', 'code 2^31 without a status', null, codeText('2147483648'), coded(0, V.unknown, null, { msg: 'm' }));
for (const literal of ['1.5', '-0.5', '1e-3', '99991400.5']) {
  add('integers', `fractional code ${literal} at 200 is no error`, 200, codeText(literal), NONE);
  add('integers', `fractional code ${literal} at 500 is a status error`, 500, codeText(literal), statusOnly(500, { msg: 'm' }));
}
for (const literal of ['0', '-0', '0.0', '0e5', '1e-400', '-1e-400']) add('integers', `zero code ${literal}`, 200, codeText(literal), NONE);
add('integers', 'integer of 5,000 digits in data', 200, text(`{"code":99991400,"msg":"m","data":{"n":${'7'.repeat(5000)}}}`), rl(200, { msg: 'm' }));
add('integers', 'float of 400 exponent in data', 200, text('{"code":99991400,"msg":"m","data":[1e400,-1e400,1e-400]}'), rl(200, { msg: 'm' }));
add('integers', 'code with a plus sign is not JSON', 200, codeText('+1'), NONE);
add('integers', 'code with a leading zero is not JSON', 200, codeText('01'), NONE);
add('integers', 'code 1. is not JSON', 200, codeText('1.'), NONE);
add('integers', 'code .5 is not JSON', 200, codeText('.5'), NONE);
add('integers', 'code NaN is not JSON', 200, codeText('NaN'), NONE);
add('integers', 'code Infinity is not JSON', 500, codeText('Infinity'), statusOnly(500));
add('integers', 'code 0x10 is not JSON', 200, codeText('0x10'), NONE);

// ── nesting ───────────────────────────────────────────────────────────────────────────────
const parts = (...list) => ({ parts: list });
for (const depth of [1000, 10001, 200000]) {
  add('nesting', `data nested ${depth} deep before the code`, 200, parts('{"data":', ['[', depth], [']', depth], ',"code":99991400,"msg":"m"}'), rl(200, { msg: 'm' }));
  add('nesting', `data of objects nested ${depth} deep after the code`, 200, parts('{"code":99991400,"msg":"m","data":', ['{"a":', depth], '1', ['}', depth], '}'), rl(200, { msg: 'm' }));
}
add('nesting', 'deep list inside error.helps', 200, parts('{"code":99991400,"msg":"m","error":{"helps":[{"url":"https://a.example/x"},', ['[', 3000], [']', 3000], ']}}'), rl(200, { msg: 'm', helpUrls: ['https://a.example/x'] }));
add('nesting', 'deep error object', 200, parts('{"code":99991400,"msg":"m","error":', ['{"error":', 3000], '{}', ['}', 3000], '}'), rl(200, { msg: 'm' }));
add('nesting', 'unclosed deep nesting is not JSON', 200, parts('{"code":99991400,"data":', ['[', 5000], '}'), NONE);
add('nesting', 'unclosed deep nesting at 500', 500, parts('{"code":99991400,"data":', ['[', 5000], '}'), statusOnly(500));
add('nesting', 'mismatched brackets deep inside', 200, parts('{"code":99991400,"data":', ['[', 2000], [']', 1999], '}}'), NONE);

// ── bytes: UTF-8, BOM ─────────────────────────────────────────────────────────────────────
const utf8 = (s) => [...Buffer.from(s, 'utf8')];
const withBytes = (before, inner, after) => bytes([...utf8(before), ...inner, ...utf8(after)]);
add('bytes', 'invalid UTF-8 in msg at 200', 200, withBytes('{"code":99991400,"msg":"', [0xff, 0xfe], '"}'), rl(200, { msg: '\ufffd\ufffd' }));
add('bytes', 'lone continuation byte in data', 200, withBytes('{"code":99991400,"data":"', [0x80], '"}'), rl(200, { msg: '' }));
add('bytes', 'overlong slash in data', 200, withBytes('{"code":99991400,"data":"', [0xc0, 0xaf], '"}'), rl(200, { msg: '' }));
add('bytes', 'encoded surrogate in data', 200, withBytes('{"code":99991400,"data":"', [0xed, 0xa0, 0x80], '"}'), rl(200, { msg: '' }));
add('bytes', 'invalid UTF-8 in a key', 200, withBytes('{"', [0xff], '":1,"code":99991400}'), rl(200, { msg: '' }));
add('bytes', 'invalid UTF-8 outside strings is not JSON', 200, withBytes('{"code":99991400}', [0xff], ''), NONE);
add('bytes', 'UTF-8 BOM at 200', 200, withBytes('', [0xef, 0xbb, 0xbf], JSON.stringify(rlBody())), rl(200));
add('bytes', 'UTF-8 BOM at 500', 500, withBytes('', [0xef, 0xbb, 0xbf], JSON.stringify(rlBody())), rl(500));
add('bytes', 'UTF-8 BOM before an empty object', 500, withBytes('', [0xef, 0xbb, 0xbf], '{"msg":"x"}'), statusOnly(500, { msg: 'x' }));
add('bytes', 'two BOMs are not JSON', 200, withBytes('', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], JSON.stringify(rlBody())), NONE);
add('bytes', 'BOM after whitespace is not JSON', 200, withBytes(' ', [0xef, 0xbb, 0xbf], JSON.stringify(rlBody())), NONE);
add('bytes', 'BOM as text', 200, text(`\ufeff${JSON.stringify(rlBody())}`), rl(200));
add('bytes', 'UTF-16 body is not read', 200, bytes([0xff, 0xfe, ...[...'{"code":99991400}'].flatMap((c) => [c.charCodeAt(0), 0])]), NONE);
add('bytes', 'lone surrogate escape in data', 200, text('{"code":99991400,"msg":"m","data":"\\ud800x"}'), rl(200, { msg: 'm' }));
add('bytes', 'NUL byte outside strings is not JSON', 200, text('{"code":99991400}\u0000'), NONE);

// ── JSON strictness ───────────────────────────────────────────────────────────────────────
const strictNo = [
  ['short \\u escape', '{"code":99991400,"msg":"\\u12"}'],
  ['\\u escape with Arabic-Indic digits', '{"code":99991400,"msg":"\\u\u0661\u0662\u0663\u0664"}'],
  ['\\u escape with fullwidth letters', '{"code":99991400,"msg":"\\u\uff41\uff42\uff43\uff44"}'],
  ['\\u escape with a sign', '{"code":99991400,"msg":"\\u+123"}'],
  ['unknown escape', '{"code":99991400,"msg":"\\x41"}'],
  ['raw tab in a string', '{"code":99991400,"msg":"a\tb"}'],
  ['trailing comma', '{"code":99991400,}'],
  ['single quotes', "{'code':99991400}"],
  ['comment', '{"code":99991400 /* x */}'],
  ['trailing garbage', '{"code":99991400} x'],
  ['two objects', '{"code":99991400}{"code":1}'],
  ['bare key', '{code:99991400}'],
  ['no-break space before the body', '\u00a0{"code":99991400}'],
  ['form feed before the body', '\f{"code":99991400}'],
  ['vertical tab after the body', '{"code":99991400}\u000b'],
  ['truex literal', '{"code":99991400,"ok":truex}'],
  ['nul literal', '{"code":99991400,"ok":nul}'],
];
for (const [label, body] of strictNo) add('strict', `${label} is not JSON`, 200, text(body), NONE);
add('strict', 'JSON whitespace around the body', 200, text(' \t\r\n{"code":99991400,"msg":"request trigger frequency limit"}\n\r\t '), rl(200));
add('strict', 'upper-case \\u escape', 200, text('{"code":99991400,"msg":"\\u004A\\u004a"}'), rl(200, { msg: 'JJ' }));
for (const [label, body] of [['array', '[{"code":99991400}]'], ['null', 'null'], ['string', '"99991400"'], ['number', '99991400'], ['true', 'true'], ['empty object', '{}'], ['empty', ''], ['whitespace', '  ']]) {
  add('strict', `top-level ${label} at 200 is no error`, 200, text(body), NONE);
  add('strict', `top-level ${label} at 500 is a status error`, 500, text(body), statusOnly(500));
}
add('strict', 'huge string in data', 200, { parts: ['{"code":99991400,"msg":"m","data":"', ['ab', 1_000_000], '"}'] }, rl(200, { msg: 'm' }));
add('strict', 'huge msg string', 200, { parts: ['{"code":99991400,"msg":"', ['ab', 200_000], '"}'] }, rl(200, { msg: 'ab'.repeat(200_000) }));

// ── violations ────────────────────────────────────────────────────────────────────────────
const scope = (error) => json({ code: 99991672, msg: 'denied', error });
const scopeErr = (more) => coded(99991672, V.scope, 400, { msg: 'denied', module: 'general', ...more });
add('violations', 'permission and field violations', 400, scope({ permission_violations: [{ type: 'action_scope_required', subject: 'hire:talent' }, { subject: 'hire:talent:readonly' }], field_violations: [{ field: 'a', description: 'bad' }] }), scopeErr({ permissionViolations: 2, fieldViolations: 1 }));
add('violations', 'non-object items are not counted', 400, scope({ permission_violations: ['hire:talent', 7, null, true, ['x'], { subject: 'ok' }, {}], field_violations: [null, 'f', { field: 'x' }] }), scopeErr({ permissionViolations: 2, fieldViolations: 1 }));
add('violations', 'violations that are not a list', 400, scope({ permission_violations: { subject: 'x' }, field_violations: 'x' }), scopeErr());
add('violations', 'items with non-string fields still count', 400, scope({ permission_violations: [{ subject: 1, type: null }] }), scopeErr({ permissionViolations: 1 }));
add('violations', 'empty lists', 400, scope({ permission_violations: [], field_violations: [], helps: [] }), scopeErr());
add('violations', 'violations on a status-only error', 403, json({ msg: 'denied', error: { permission_violations: [{ subject: 'x' }, 'y'] } }), statusOnly(403, { msg: 'denied', permissionViolations: 1 }));

// ── help URLs ─────────────────────────────────────────────────────────────────────────────
const helps = (urls) => scope({ helps: urls.map((url) => (typeof url === 'string' || typeof url === 'number' ? { url, description: 'd' } : url)) });
const good = ['https://open.feishu.cn/app/cli_x/auth?q=hire:talent', 'http://a.example', 'HTTPS://A.EXAMPLE/x', 'https://a.example:8443/x?y#z', 'https://[::1]/x', 'https://user@a.example/', 'https://例子.cn/x', 'hTtP://a.example'];
for (const url of good) add('helps', `help url kept: ${url}`, 400, helps([url]), scopeErr({ helpUrls: [url] }));
const bad = ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://a.example/x', '/relative/path', 'relative', '', 'https:///path', 'https://', 'http://?x', 'http://#x', 'https://user@/x', 'https://:443/x', 'https:/a.example', 'https:a.example', '//a.example/x', 'https://a .example', ' https://a.example', 'https://a.example\n', 'https://a.example/\u0000', 'https://a.example/\u007f', 'http:\\\\a.example', 'httpss://a.example', 'mailto:a@b.example', 'https://\ta.example', 'httpſ://a.example', 'HTTPſ://a.example', 'https://a.example\\@b.example'];
for (const url of bad) add('helps', `help url dropped: ${JSON.stringify(url)}`, 400, helps([url]), scopeErr());
add('helps', 'help url that is not a string', 400, helps([42, { url: null }, { url: ['https://a.example'] }]), scopeErr());
add('helps', 'help items that are not objects', 400, scope({ helps: ['https://a.example', null, ['https://b.example']] }), scopeErr());
add('helps', 'help urls keep their order and repeats', 400, helps(['https://b.example', 'javascript:x', 'https://a.example', 'https://b.example']), scopeErr({ helpUrls: ['https://b.example', 'https://a.example', 'https://b.example'] }));
add('helps', 'helps that is not a list', 400, scope({ helps: { url: 'https://a.example' } }), scopeErr());

// ── Retry-After and x-ogw-ratelimit-reset ─────────────────────────────────────────────────
const wait = (name, headers, seconds) => add('retry-after', name, 429, json(rlBody()), rl(429, { retryAfterSeconds: seconds }), { headers });
wait('reset in seconds', [['x-ogw-ratelimit-reset', '3']], 3);
wait('reset 0', [['x-ogw-ratelimit-reset', '0']], 0);
wait('reset before Retry-After', [['Retry-After', '9'], ['x-ogw-ratelimit-reset', '3']], 3);
wait('reset name in upper case', [['X-OGW-RATELIMIT-RESET', '4']], 4);
wait('reset clamped to an hour', [['x-ogw-ratelimit-reset', '7200']], 3600);
wait('reset of 30 digits clamped', [['x-ogw-ratelimit-reset', '9'.repeat(30)]], 3600);
wait('reset with leading zeros', [['x-ogw-ratelimit-reset', '0007']], 7);
wait('invalid reset falls back to Retry-After', [['x-ogw-ratelimit-reset', 'soon'], ['Retry-After', '9']], 9);
for (const value of ['5.0', '-1', '+5', '', '1e3', '5s', '0x10', '٣']) wait(`reset ${JSON.stringify(value)} is not seconds`, [['x-ogw-ratelimit-reset', value]], null);
wait('Retry-After seconds', [['Retry-After', '120']], 120);
wait('Retry-After 0', [['Retry-After', '0']], 0);
wait('Retry-After of 25 digits clamped', [['Retry-After', '9'.repeat(25)]], 3600);
wait('Retry-After name in lower case', [['retry-after', '8']], 8);
for (const [label, value, seconds] of [
  ['spaces around seconds', '  12  ', 12],
  ['tabs around seconds', '\t12\t', 12],
  ['space inside seconds', '1 2', null],
  ['vertical tab before seconds', '\u000b12', null],
  ['form feed after seconds', '12\f', null],
  ['no-break space before seconds', '\u00a012', null],
  ['ideographic space after seconds', '12\u3000', null],
  ['fraction', '1.5', null],
  ['negative', '-3', null],
]) {
  wait(`Retry-After ${label}`, [['Retry-After', value]], seconds);
}
for (const [label, value, seconds] of [
  ['IMF-fixdate in the past', 'Sun, 06 Nov 1994 08:49:37 GMT', 0],
  ['IMF-fixdate far ahead', 'Thu, 31 Dec 2099 23:59:59 GMT', 3600],
  ['IMF-fixdate with a wrong weekday', 'Mon, 06 Nov 1994 08:49:37 GMT', 0],
  ['IMF-fixdate on a leap day', 'Sat, 29 Feb 2096 00:00:00 GMT', 3600],
  ['IMF-fixdate with spaces around', '  Sun, 06 Nov 1994 08:49:37 GMT \t', 0],
  ['RFC 850 date in the past', 'Sunday, 06-Nov-94 08:49:37 GMT', 0],
  ['RFC 850 date ahead (50-year rule)', 'Thursday, 31-Dec-37 23:59:59 GMT', 3600],
  ['asctime date in the past', 'Sun Nov  6 08:49:37 1994', 0],
  ['asctime date with two digits', 'Sun Nov 06 08:49:37 1994', 0],
  ['asctime date ahead', 'Thu Dec 31 23:59:59 2099', 3600],
  ['IMF-fixdate in year 1', 'Mon, 01 Jan 0001 00:00:00 GMT', 0],
  ['zone +0800', 'Sun, 06 Nov 1994 08:49:37 +0800', null],
  ['zone UTC', 'Sun, 06 Nov 1994 08:49:37 UTC', null],
  ['RFC 850 with zone UTC', 'Sunday, 06-Nov-94 08:49:37 UTC', null],
  ['lower-case zone', 'Sun, 06 Nov 1994 08:49:37 gmt', null],
  ['lower-case names', 'sun, 06 nov 1994 08:49:37 GMT', null],
  ['one-digit day', 'Sun, 6 Nov 1994 08:49:37 GMT', null],
  ['asctime one-digit day with one space', 'Sun Nov 6 08:49:37 1994', null],
  ['31 Feb', 'Tue, 31 Feb 2099 00:00:00 GMT', null],
  ['30 Feb', 'Tue, 30 Feb 2099 00:00:00 GMT', null],
  ['29 Feb of a common year', 'Thu, 29 Feb 2097 00:00:00 GMT', null],
  ['29 Feb 2100', 'Mon, 29 Feb 2100 00:00:00 GMT', null],
  ['31 Apr', 'Thu, 31 Apr 2099 00:00:00 GMT', null],
  ['day 00', 'Sun, 00 Nov 1994 08:49:37 GMT', null],
  ['day 32', 'Sun, 32 Dec 2099 08:49:37 GMT', null],
  ['second 60', 'Thu, 31 Dec 2099 23:59:60 GMT', null],
  ['minute 60', 'Thu, 31 Dec 2099 23:60:00 GMT', null],
  ['hour 24', 'Thu, 31 Dec 2099 24:00:00 GMT', null],
  ['one-digit hour', 'Sun, 06 Nov 1994 8:49:37 GMT', null],
  ['two-digit year in IMF-fixdate', 'Sun, 06 Nov 94 08:49:37 GMT', null],
  ['long day name in IMF-fixdate', 'Sunday, 06 Nov 1994 08:49:37 GMT', null],
  ['short day name in RFC 850', 'Sun, 06-Nov-94 08:49:37 GMT', null],
  ['made-up day name', 'Foo, 06 Nov 1994 08:49:37 GMT', null],
  ['made-up month', 'Sun, 06 Nox 1994 08:49:37 GMT', null],
  ['no comma', 'Sun 06 Nov 1994 08:49:37 GMT', null],
  ['two spaces inside', 'Sun,  06 Nov 1994 08:49:37 GMT', null],
  ['no zone', 'Sun, 06 Nov 1994 08:49:37', null],
  ['ISO 8601', '2099-12-31T23:59:59Z', null],
  ['vertical tab after a date', 'Sun, 06 Nov 1994 08:49:37 GMT\u000b', null],
  ['two dates', 'Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT', null],
]) {
  wait(`Retry-After ${label}`, [['Retry-After', value]], seconds);
}
wait('repeated Retry-After 4 and 40', [['Retry-After', '4'], ['Retry-After', '40']], null);
wait('repeated Retry-After in two spellings', [['Retry-After', '4'], ['retry-after', '40']], null);
wait('repeated Retry-After with the same value', [['Retry-After', '5'], ['Retry-After', '5']], null);
wait('repeated Retry-After dates', [['Retry-After', 'Sun, 06 Nov 1994 08:49:37 GMT'], ['Retry-After', 'Sun, 06 Nov 1994 08:49:37 GMT']], null);
wait('repeated reset falls back to Retry-After', [['x-ogw-ratelimit-reset', '4'], ['x-ogw-ratelimit-reset', '40'], ['Retry-After', '9']], 9);
add('retry-after', 'repeated X-Tt-Logid are joined', 200, json(rlBody()), rl(200, { logId: 'a, b' }), { headers: [['X-Tt-Logid', 'a'], ['X-Tt-Logid', 'b']] });
add('retry-after', 'repeated X-Tt-Logid with an empty one', 200, json(rlBody()), rl(200, { logId: 'a,' }), { headers: [['X-Tt-Logid', 'a'], ['X-Tt-Logid', '']] });
add('retry-after', 'repeated empty X-Tt-Logid', 200, json(rlBody()), rl(200, { logId: ',' }), { headers: [['X-Tt-Logid', ''], ['X-Tt-Logid', ' ']] });
add('retry-after', 'Retry-After on a status-only 503', 503, text('Service Unavailable'), statusOnly(503, { retryAfterSeconds: 30 }), { headers: [['Retry-After', '30']] });
add('retry-after', 'Retry-After on a success is not read', 200, json({ code: 0 }), NONE, { headers: [['Retry-After', '30']] });

// ── body size (8 MiB, counted in UTF-8 bytes) ─────────────────────────────────────────────
const PREFIX = '{"code":99991400,"msg":"m","data":"';
const fill = (unit, unitBytes, extra = 0) => [unit, Math.floor((MAX - PREFIX.length - 2) / unitBytes) + extra];
add('size', 'a body of exactly 8 MiB is read', 200, parts(PREFIX, fill('a', 1), '"}'), rl(200, { msg: 'm' }));
add('size', 'a body of 8 MiB and 1 byte is not read', 200, parts(PREFIX, fill('a', 1, 1), '"}'), NONE);
add('size', 'a body of 8 MiB and 1 byte at 429', 429, parts(PREFIX, fill('a', 1, 1), '"}'), statusOnly(429, { retryAfterSeconds: 2 }), { headers: [['x-ogw-ratelimit-reset', '2']] });
add('size', 'three-byte characters within 8 MiB are read', 200, parts(PREFIX, fill('中', 3), '"}'), rl(200, { msg: 'm' }));
add('size', 'three-byte characters past 8 MiB in bytes, not in UTF-16 units', 200, parts(PREFIX, fill('中', 3, 1), '"}'), NONE);
add('size', 'lone surrogates count as three bytes', 200, parts(PREFIX, fill('\ud800', 3, 1), '"}'), NONE);
add('size', 'four-byte characters past 8 MiB', 500, parts(PREFIX, fill('😀', 4, 1), '"}'), statusOnly(500));

// ── verdict between modules (zz-conformance lists hire-v1's and general's codes too) ─────
const tie = (name, code, status, verdict, module, extra = {}) =>
  add('modules', name, status, json({ code, msg: 'm' }), coded(code, verdict, status, { msg: 'm', module }), extra);
tie('shared code at 200: the status says nothing, first by id', 1002102, 200, V.notFound, 'hire-v1');
tie('shared code at 204: the status says nothing', 1002102, 204, V.notFound, 'hire-v1');
tie('shared code at 302: the status says nothing', 1002102, 302, V.notFound, 'hire-v1');
tie('shared code at 501: the status says nothing', 1002102, 501, V.notFound, 'hire-v1');
tie('shared code without a status', 1002102, null, V.notFound, 'hire-v1');
tie('shared code at 404 agrees with hire-v1', 1002102, 404, V.notFound, 'hire-v1');
tie('shared code at 400 agrees with none: first by id', 1002102, 400, V.notFound, 'hire-v1');
tie('module hint picks zz-conformance', 1002102, 404, V.unknown, 'zz-conformance', { module: 'zz-conformance' });
tie('module hint that does not list the code is ignored', 1002102, 200, V.notFound, 'hire-v1', { module: 'general' });
tie('module hint of no module is ignored', 1002102, 200, V.notFound, 'hire-v1', { module: 'im-v1' });
tie('frequency limit at 429 agrees with zz-conformance', 1020001, 429, V.rateLimit, 'zz-conformance');
tie('frequency limit at 500 agrees with hire-v1', 1020001, 500, V.server, 'hire-v1');
tie('frequency limit at 200: first by id', 1020001, 200, V.server, 'hire-v1');
tie('general code shared at 200', 1002, 200, V.notFound, 'general');
tie('general code shared at 404', 1002, 404, V.notFound, 'general');
tie('general code shared at 403: first by id', 1002, 403, V.notFound, 'general');
tie('general code with hint', 1002, 404, V.unknown, 'zz-conformance', { module: 'zz-conformance' });
tie('live entry over a deprecated one at 500', 1002002, 500, V.validation, 'hire-v1');
tie('deprecated entry with its hint', 1002002, 500, V.server, 'zz-conformance', { module: 'zz-conformance' });
tie('code only zz-conformance lists', 1254000, 200, V.server, 'zz-conformance');
tie('endpoint given: the module rule still applies', 1002102, 200, V.notFound, 'hire-v1', { endpoint: { method: 'GET', url: '/open-apis/hire/v1/talents/1' } });

// ── endpoint first, then sub-codes (issues 29 §4, 28 §1): corehr-v1 and im-v1 of test/runtime/lookup/catalog.ts ──
// corehr-v1 lists 1160001 as validation, but POST /open-apis/corehr/v1/employees says server;
// GET …/employees/search says 1160002 is a rate limit where the module says not found.
// im-v1 lists 230099 (validation) with sub-codes: 11246 (failed_precondition, no ErrMsg pattern),
// 11310 + "cardid invalid" (not_found), + "element %v exceeds the limit" (conflict),
// + "table number over limit" (rate_limit).
const V2 = { precondition: { category: 'failed_precondition', retryable: false, retry: 'never' } };
const HOST = 'https://open.feishu.cn';
const EMPLOYEES = '/open-apis/corehr/v1/employees';
const at = (method, url) => ({ endpoint: { method, url } });
const ep = (name, code, status, verdict, module, endpoint, extra = {}) =>
  add('endpoints', name, status, json({ code, msg: 'm' }), coded(code, verdict, status, { msg: 'm', module }), { ...endpoint, ...extra });
ep('endpoint: its own verdict (server) over the module\'s', 1160001, 500, V.server, 'corehr-v1', at('POST', `${HOST}${EMPLOYEES}`));
ep('endpoint: query and fragment ignored', 1160001, 500, V.server, 'corehr-v1', at('POST', `${HOST}${EMPLOYEES}?user_id_type=open_id#top`));
ep('endpoint: a path without host, method in lower case, trailing slash', 1160001, 500, V.server, 'corehr-v1', at('post', `${EMPLOYEES}/`));
ep('endpoint: protocol-relative URL', 1160001, 200, V.server, 'corehr-v1', at('POST', `//open.feishu.cn${EMPLOYEES}`));
ep('endpoint: another endpoint of the module keeps the module\'s verdict', 1160001, 500, V.validation, 'corehr-v1', at('POST', `${HOST}/open-apis/corehr/v1/common_data/id/convert`));
ep('endpoint: another method is another endpoint', 1160001, 500, V.validation, 'corehr-v1', at('PATCH', `${HOST}${EMPLOYEES}`));
ep('endpoint: a path no module declares, the module rule', 1160001, 500, V.validation, 'corehr-v1', at('POST', `${HOST}/open-apis/corehr/v2/employees`));
ep('endpoint: beats the module hint', 1160001, 500, V.server, 'corehr-v1', at('POST', `${HOST}${EMPLOYEES}`), { module: 'hire-v1' });
ep('endpoint: a literal segment beats a param', 1160002, 404, V.rateLimit, 'corehr-v1', at('GET', `${HOST}${EMPLOYEES}/search`));
ep('endpoint: a param matches one segment', 1160002, 404, V.notFound, 'corehr-v1', at('GET', `${HOST}${EMPLOYEES}/7001`));
ep('endpoint: an empty segment matches no param', 1160002, 404, V.notFound, 'corehr-v1', at('GET', `${HOST}${EMPLOYEES}//search`));
ep('endpoint: a URL over 8192 characters matches nothing', 1160001, 500, V.validation, 'corehr-v1', at('POST', `${HOST}${EMPLOYEES}?q=${'x'.repeat(9000)}`));
ep('endpoint: the general page applies to every endpoint', 99991400, 429, V.rateLimit, 'general', at('POST', `${HOST}/open-apis/im/v1/messages`));
ep('endpoint: a path with a percent-escape is compared as written', 1160001, 500, V.validation, 'corehr-v1', at('POST', `${HOST}/open-apis/corehr/v1/employee%73`));
const CARD = 'Failed to create card content, ext=';
const card = (name, ext, verdict, sub, extra = {}) =>
  add('endpoints', name, 400, json({ code: 230099, msg: `${CARD}${ext}` }), coded(230099, verdict, 400, { msg: `${CARD}${ext}`, module: 'im-v1', ...sub }), extra);
card('sub-code and ErrMsg pick the row', 'ErrCode: 11310; ErrPath: ROOT -> elements -> 0; ErrMsg: table number over limit; ErrorValue: 6', V.rateLimit, { subCode: 11310, subCodeName: 'CardTableNumberOverLimit' }, at('POST', `${HOST}/open-apis/im/v1/messages?receive_id_type=chat_id`));
card('sub-code: ErrMsg in another case', 'ErrCode: 11310; ErrMsg: CARDID INVALID', V.notFound, { subCode: 11310, subCodeName: 'CardIdInvalid' });
card('sub-code: a %v pattern', 'ErrCode: 11310; ErrMsg: element table_3 exceeds the limit', V.conflict, { subCode: 11310, subCodeName: 'CardElementExceedsLimit' });
card('sub-code alone: the row without a pattern', 'ErrCode: 11246; ErrMsg: anything', V2.precondition, { subCode: 11246, subCodeName: 'CardContentUnsupported' });
card('sub-code: an ErrMsg no row names keeps the parent', 'ErrCode: 11310; ErrMsg: something else', V.validation, { subCode: 11310 });
card('sub-code: none listed keeps the parent', 'ErrCode: 42; ErrMsg: cardid invalid', V.validation, { subCode: 42 });
card('sub-code: the first of repeated fields wins', 'ErrCode: 11310; ErrCode: 11246; ErrMsg: cardid invalid; ErrMsg: table number over limit', V.notFound, { subCode: 11310, subCodeName: 'CardIdInvalid' });
card('sub-code: a ; inside ErrMsg', 'ErrCode: 11310; ErrMsg: the cardid invalid; see the docs; ErrorValue: x', V.notFound, { subCode: 11310, subCodeName: 'CardIdInvalid' });
card('sub-code: truncated after ErrCode', 'ErrCode: 113', V.validation, { subCode: 113 });
card('sub-code: ErrCode 0 is none', 'ErrCode: 0; ErrMsg: cardid invalid', V.validation, {});
card('sub-code: ten digits are none', 'ErrCode: 1234567890', V.validation, {});
card('sub-code: a sign is none', 'ErrCode: -11310', V.validation, {});
card('sub-code: an empty ErrCode is none', 'ErrCode: ; ErrMsg: cardid invalid', V.validation, {});
card('sub-code: no space after ; joins the fields', 'ErrCode: 11310;ErrMsg: cardid invalid', V.validation, {});
card('sub-code: huge ErrMsg, 200,000 separators', `ErrCode: 11246; ErrMsg: ${'; '.repeat(200_000)}`, V2.precondition, { subCode: 11246, subCodeName: 'CardContentUnsupported' });
card('sub-code: a field past 64 KiB of ext text is not read', `ErrMsg: ${'a'.repeat(70_000)}; ErrCode: 11246`, V.validation, {});
add('endpoints', 'sub-code under a code without sub-code rows: read, no row', 404, json({ code: 1002102, msg: `${CARD}ErrCode: 11310; ErrMsg: cardid invalid` }), coded(1002102, V.notFound, 404, { msg: `${CARD}ErrCode: 11310; ErrMsg: cardid invalid`, module: 'hire-v1', subCode: 11310 }));
add('endpoints', 'sub-code on a code no module lists', 500, json({ code: 99990001, msg: `${CARD}ErrCode: 11310; ErrMsg: cardid invalid` }), coded(99990001, V.server, 500, { msg: `${CARD}ErrCode: 11310; ErrMsg: cardid invalid`, subCode: 11310 }));

mkdirSync(OUT, { recursive: true });
let total = 0;
for (const [file, cases] of files) {
  total += cases.length;
  writeFileSync(join(OUT, `${file}.json`), `${JSON.stringify(cases, null, 2)}\n`);
}
console.error(`${total} cases in ${files.size} files`);
