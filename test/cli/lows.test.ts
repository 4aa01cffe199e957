/**
 * Lows of red-team round 4 (issue 27): daily caps worded by day, settings that do nothing,
 * `check` and `check --full` agreeing on stray files.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../helpers/tools.js';

const row = (code: number, message: string, description: string) => `| ${code} | ${message} | ${description} |`;
const seed = (rows: readonly string[]) => `---\ntitle: Demo\n---\n# Demo\n\n| code | message | 说明 |\n| --- | --- | --- |\n${rows.join('\n')}\n`;

describe('daily caps worded today/tomorrow/今日/明天/当天/每天/每日 are never retried', () => {
  const caps: readonly [number, string, string][] = [
    [1001, 'Call frequency limit reached for today', '今日调用频率已达上限'],
    [1002, 'Too many requests, try again tomorrow', '请求过多，请明天再试'],
    [1003, 'Frequency limit exceeded', '当天调用频率超限'],
    [1004, 'Rate limit exceeded', '每天最多调用 1000 次，频率超限'],
    [1005, 'Rate limit exceeded', '每日调用频率超限'],
  ];
  it('rate_limit, retryable false, retry never; a plain frequency limit still waits', async () => {
    const dir = makeProject({ 'demo-v1.md': seed([...caps.map(([code, message, description]) => row(code, message, description)), row(1006, 'Request too frequent', '请求过于频繁')]) });
    const run = await runCli(['generate'], dir);
    expect(run.code, run.stderr).toBe(0);
    const { errors } = JSON.parse(readFileSync(join(dir, 'generated/json/demo-v1.json'), 'utf8')) as { errors: { code: number; category: string; retryable: boolean; retry: string }[] };
    const verdicts = Object.fromEntries(errors.map((entry) => [entry.code, [entry.category, entry.retryable, entry.retry]]));
    for (const [code] of caps) expect(verdicts[code], String(code)).toEqual(['rate_limit', false, 'never']);
    expect(verdicts[1006]).toEqual(['rate_limit', true, 'after_wait']);
  });
});

describe('check and check --full agree on a stray file', () => {
  it('a stray file that appeared before a generate still fails `check` (the fast path does not answer for it)', async () => {
    const dir = makeProject({ 'demo-v1.md': seed([row(1001, 'Talent not exist', '人才不存在')]) });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'generated/ts/helpers.ts'), 'export {};\n');
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const fast = await runCli(['check'], dir);
    const full = await runCli(['check', '--full'], dir);
    expect(full.stdout).toBe('stray generated/ts/helpers.ts (no run wrote it; delete it, or move it out of the output folder)\n');
    expect(full.code).toBe(1);
    expect(fast).toEqual(full);
  });
});

describe('a `categories` key for a code the seed does not list', () => {
  it('is an error naming the config key\'s file:line, exit 2, nothing written', async () => {
    const config = '{\n  "modules": {\n    "demo-v1": {\n      "categories": {\n        "1001": { "category": "not_found" },\n        "4242": { "category": "server" }\n      }\n    }\n  }\n}\n';
    const dir = makeProject({ 'demo-v1.md': seed([row(1001, 'Talent not exist', '人才不存在')]) }, { 'feishu-errcodes.config.json': config });
    const run = await runCli(['generate'], dir);
    expect(run.stderr).toContain(
      'seeds/demo-v1.md:1:1 error feishu-errcodes.config.json:6:9: Config sets a category for code 4242, which the doc does not list; remove modules["demo-v1"].categories["4242"] from the config unknown-code-category\n',
    );
    expect(run.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['feishu-errcodes.config.json', 'seeds']);
    expect((await runCli(['lint'], dir)).code).toBe(1);
  });
});
