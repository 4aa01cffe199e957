/**
 * Crashes, hangs and amplification (issue 16): every input ends in bounded time with exit
 * 0, 1 or 2 and one clear message. Each case is the attacker's input, generated in memory,
 * and the outcome a user sees. Inputs that hung or crashed before run in a child process
 * with a timeout (a regression fails the test instead of hanging the suite); the rest run
 * in-process through the public API.
 */
import { spawn, spawnSync } from 'node:child_process';
import { ftruncateSync, lstatSync, rmSync, mkdirSync, openSync, closeSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { explain, generate, lint, parseDoc, parseLock, UserError } from '../../src/index.js';
import { writeYaml } from '../../src/emit/yaml-writer.js';
import { parseCodeCell } from '../../src/normalize/codes.js';
import { renderDiagnostics } from '../../src/cli/common.js';
import { report } from '../../src/diagnostics.js';
import {
  MAX_CELL_CHARS,
  MAX_CELLS_PER_ROW,
  MAX_CODES_PER_DOC,
  MAX_LOCK_ENTRIES,
  MAX_NORMALIZATION_FROM_CHARS,
  MAX_PRINTED_MESSAGES,
  MAX_QUOTE_CHARS,
  MAX_ROWS_PER_TABLE,
} from '../../src/limits.js';
import { CLI, makeProject, readTree } from '../helpers/tools.js';
import { runCliWithoutProxies, startDocServer } from '../sync/doc-server.js';
import { gzipSync } from 'node:zlib';

/** Seconds a child may take before it counts as a hang (the fixed runs take about one). */
const HANG = 60_000;

/** The built CLI in a child process, killed after HANG ms (then `code` is null). */
function runBounded(args: readonly string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: HANG, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TABLE = (rows: string) => `| 错误码 | 描述 |\n| --- | --- |\n${rows}`;
const OK_TABLE = TABLE('| 1001 | Fine |\n');

/** `file:line:col severity reason rule` of every error (and warning) of a doc checked in memory. */
function problems(doc: string, path = 'seeds/demo-v1.md'): string[] {
  return parseDoc(doc, { path }).files.flatMap((file) =>
    file.messages.filter((message) => message.fatal !== undefined).map((message) => `${file.path}:${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.reason} ${message.ruleId}`),
  );
}

/** Generate a project in-process; the run must fail with errors and write nothing. */
function expectRefused(seed: string, expected: RegExp): void {
  const dir = makeProject({ 'demo-v1.md': seed });
  const before = readTree(dir);
  const result = generate({ cwd: dir });
  expect(result.ok).toBe(false);
  const errors = result.files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map((message) => `${file.path}:${message.line}:${message.column} ${message.reason} ${message.ruleId}`));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(expected);
  expect(readTree(dir)).toEqual(before);
}

describe('deep nesting (stack overflow, exit 70, before)', () => {
  it('2,000 nested <div> in an HTML table cell (22 KB): an error at the 101st level, nothing written', () => {
    const cell = '<div>'.repeat(2000) + 'x' + '</div>'.repeat(2000);
    expect(cell.length).toBeGreaterThan(22_000);
    expectRefused(
      `<table><tr><td>错误码</td><td>描述</td></tr>\n<tr><td>1001</td><td>${cell}</td></tr></table>\n`,
      /^seeds\/demo-v1\.md:2:\d+ Unexpected HTML nested more than 100 levels deep, expected at most 100; the doc is not read nesting-limit$/,
    );
  });

  it('2,000 nested <md-div> in an md-table: the same error', () => {
    const cell = '<md-div>'.repeat(2000) + 'x' + '</md-div>'.repeat(2000);
    expect(problems(`<md-table><md-tr><md-th>错误码</md-th><md-th>描述</md-th></md-tr><md-tr><md-td>1001</md-td><md-td>${cell}</md-td></md-tr></md-table>\n`)).toEqual([
      expect.stringMatching(/^seeds\/demo-v1\.md:1:\d+ error Unexpected HTML nested more than 100 levels deep/),
    ]);
  });

  it('5,000 `>` (5 KB): an error naming the line, before the markdown parser runs', () => {
    expectRefused(`intro\n\n${'>'.repeat(5000)} x\n\n${OK_TABLE}`, /^seeds\/demo-v1\.md:3:1 Unexpected 5000 levels of nested block quotes or lists on one line, expected at most 100; the doc is not read nesting-limit$/);
  });

  it('`- ` × 10,000 (over 60 s, before): exit 2 with the line, in about a second', () => {
    const dir = makeProject({ 'demo-v1.md': `${'- '.repeat(10_000)}x\n\n${OK_TABLE}` });
    const run = runBounded(['generate'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^seeds\/demo-v1\.md:1:1 error Unexpected 10000 levels of nested block quotes or lists on one line, expected at most 100; the doc is not read +nesting-limit/);
    expect(run.stderr).toContain('nothing was written');
    expect(readTree(dir)).toEqual({ 'seeds/demo-v1.md': `${'- '.repeat(10_000)}x\n\n${OK_TABLE}` });
  });

  it('markdown nested too deep inside an HTML cell: the error names the cell', () => {
    // `<p>` starts a paragraph of the cell's markdown: the quotes open a line there, not in the doc.
    expect(problems(`<table><tr><td>错误码</td><td>描述</td></tr>\n<tr><td>1001</td>\n  <td><p>${'> '.repeat(500)}x</p></td></tr></table>\n`)).toEqual([
      'seeds/demo-v1.md:3:3 error Unexpected 500 levels of nested block quotes or lists on one line, expected at most 100; the doc is not read nesting-limit',
    ]);
    expect(problems(`<table><tr><td>错误码</td><td>描述</td></tr>\n<tr><td>1001</td>\n<td>\n\n${'> '.repeat(500)}x\n</td></tr></table>\n`)).toEqual([
      'seeds/demo-v1.md:5:1 error Unexpected 500 levels of nested block quotes or lists on one line, expected at most 100; the doc is not read nesting-limit',
    ]);
  });

  it('lists nested by indentation (one marker per line) past 100 levels: caught on the parsed tree, with the line', () => {
    const lines = Array.from({ length: 150 }, (_, depth) => `${'  '.repeat(depth)}- item ${depth}`);
    expect(problems(`${lines.join('\n')}\n\n${OK_TABLE}`)).toEqual([
      'seeds/demo-v1.md:101:201 error Unexpected markdown nested more than 100 levels deep, expected at most 100; the doc is not read nesting-limit',
    ]);
  });

  it('emphasis nested 1,000 deep inside one paragraph (under the emphasis budget): the same error, no stack overflow', () => {
    expect(problems(`${'*a _b '.repeat(500)}x${' b_ a*'.repeat(500)}\n\n${OK_TABLE}`)).toEqual([
      expect.stringMatching(/^seeds\/demo-v1\.md:1:\d+ error Unexpected markdown nested more than 100 levels deep, expected at most 100; the doc is not read nesting-limit$/),
    ]);
  });

  it('100 levels still read (the limit is inclusive)', () => {
    const { module } = parseDoc(`${'> '.repeat(100)}x\n\n${OK_TABLE}`, { path: 'seeds/demo-v1.md' });
    expect(module?.entries.map((entry) => entry.code)).toEqual([1001]);
  });
});

describe('big tables and cells', () => {
  it('one table of 130,000 rows (splice(…, ...rows) overflowed): every row read', { timeout: 180_000 }, () => {
    const rows: string[] = [];
    for (let index = 0; index < 130_000; index++) rows.push(`| ${1_000_000 + index} | Message ${index} |`);
    const { module, files } = parseDoc(TABLE(rows.join('\n') + '\n'), { path: 'seeds/demo-v1.md' });
    expect(files.flatMap((file) => file.messages.filter((message) => message.fatal === true))).toEqual([]);
    expect(module?.entries).toHaveLength(130_000);
    expect(module?.entries[129_999]).toMatchObject({ code: 1_129_999, message: 'Message 129999' });
  });

  it(`a table of more than ${MAX_ROWS_PER_TABLE} rows: an error at the first row past the limit, before parsing`, () => {
    const rows = '| 1 | a |\n'.repeat(MAX_ROWS_PER_TABLE + 1);
    expect(problems(TABLE(rows))).toEqual([`seeds/demo-v1.md:${MAX_ROWS_PER_TABLE + 3}:1 error Unexpected table of more than 200,000 rows, expected at most that many in one table; split the doc table-limit`]);
  });

  it(`a row of more than ${MAX_CELLS_PER_ROW} cells: an error naming its line`, () => {
    expect(problems(TABLE(`| 1 | a |\n|${' x |'.repeat(1500)}\n`))).toEqual(['seeds/demo-v1.md:4:1 error Unexpected table row of 1500 cells, expected at most 1,000; the doc is not read table-limit']);
  });

  it(`a header row of more than ${MAX_CELLS_PER_ROW} cells: the same error, on the header's line`, () => {
    expect(problems(`|${' x |'.repeat(1500)}\n| --- | --- |\n| 1 | a |\n`)).toEqual(['seeds/demo-v1.md:1:1 error Unexpected table row of 1500 cells, expected at most 1,000; the doc is not read table-limit']);
    expect(problems(`| 错误码 | 描述 |\n|${' --- |'.repeat(1500)}\n| 1 | a |\n`)).toEqual(['seeds/demo-v1.md:2:1 error Unexpected table row of 1500 cells, expected at most 1,000; the doc is not read table-limit']);
  });

  it('a 4.8 MB header row (out of heap after 70 s, exit 134, before): exit 2 naming its line, nothing written', () => {
    const dir = makeProject({ 'demo-v1.md': `|${' x |'.repeat(1_200_000)}\n| --- | --- |\n| 1001 | a |\n` });
    const run = runBounded(['generate'], dir);
    expect(run.stderr).toMatch(/^seeds\/demo-v1\.md:1:1 +error +Unexpected table row of 1200000 cells, expected at most 1,000; the doc is not read +table-limit$/m);
    expect(run.code).toBe(2);
    expect(readTree(dir)).toEqual({ 'seeds/demo-v1.md': expect.any(String) });
  });

  it('one 10 MB cell (the YAML writer\'s regular expression overflowed): a cell-length error, nothing written', () => {
    expectRefused(TABLE(`| 1001 | ${'a'.repeat(10 * 1024 * 1024)} |\n`), /^seeds\/demo-v1\.md:3:1 Unexpected table cell of 10,485,760 characters, expected at most 16,384; the doc is not read table-limit$/);
  });

  it('the YAML writer writes a 10 MB plain string without overflowing the stack', () => {
    const text = 'a'.repeat(10 * 1024 * 1024);
    expect(writeYaml({ message: text })).toBe(`message: ${text}\n`);
  });

  it(`a cell of just ${MAX_CELL_CHARS} characters is read`, () => {
    const { module } = parseDoc(TABLE(`| 1001 | ${'a'.repeat(MAX_CELL_CHARS)} |\n`), { path: 'seeds/demo-v1.md' });
    expect(module?.entries[0]?.message).toHaveLength(MAX_CELL_CHARS);
  });
});

describe('quadratic parsing (hangs before)', () => {
  for (const [where, seed, message] of [
    ['`*a` × 100,000 in a cell (no answer in 150 s, before)', TABLE(`| 1001 | ${'*a'.repeat(100_000)} |\n`), /3:1 +error +Unexpected table cell of 200,000 characters, expected at most 16,384; the doc is not read +table-limit/],
    ['`*a` × 8,000 in a cell (under the cell-length limit)', TABLE(`| 1001 | ${'*a'.repeat(8000)} |\n`), /3:1 +error +Unexpected 8000 emphasis marks \(`\*`, `_`\) in one block, more than the markdown parser can read in bounded time/],
    ['`*a` × 100,000 in prose (no answer in 150 s, before)', `${'*a'.repeat(100_000)}\n\n${OK_TABLE}`, /1:1 +error +Unexpected 100000 emphasis marks \(`\*`, `_`\) in one block, more than the markdown parser can read in bounded time/],
  ] as const) {
    it(`${where}: exit 2 naming the line, nothing written`, () => {
      const dir = makeProject({ 'demo-v1.md': seed });
      const run = runBounded(['generate'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(readTree(dir)).toEqual({ 'seeds/demo-v1.md': seed });
    });
  }

  it('many blocks each under the limit add up to the doc\'s budget: an error at the block that ends it', () => {
    const block = `${'*a'.repeat(1000)}\n\n`;
    const found = problems(block.repeat(100) + OK_TABLE);
    expect(found).toEqual([expect.stringMatching(/^seeds\/demo-v1\.md:(\d+):1 error Unexpected 1000 emphasis marks/)]);
    expect(Number(/:(\d+):1/.exec(found[0]!)![1])).toBe(2 * 16 + 1); // the 17th block: 17 × 1,000² > 16,000,000
  });

  it('`[a](` × 200,000 (800 KB, 138 s before): exit 2 naming the line, at once', () => {
    const dir = makeProject({ 'demo-v1.md': `${OK_TABLE}\n${'[a]('.repeat(200_000)}\n` });
    const run = runBounded(['generate'], dir);
    expect(run.stderr).toMatch(/^seeds\/demo-v1\.md:5:1 +error +Unexpected 200000 closing brackets `]` in one block, more than the markdown parser can read in bounded time/m);
    expect(run.code).toBe(2);
  });

  it('`a]` × 4,000 in a table row (under the budget) is read; links in ordinary amounts too', () => {
    expect(problems(TABLE(`| 1001 | ${'a]'.repeat(4000)} |\n`)).filter((line) => line.includes(' error '))).toEqual([]);
    expect(problems(TABLE(`| 1001 | see [the guide](https://open.feishu.cn/x) and [this](https://open.feishu.cn/y) |\n`.repeat(3000)))).toEqual([]);
  });

  it('emphasis, underscores in identifiers and bold in ordinary amounts are read', () => {
    const rows = Array.from({ length: 2000 }, (_, index) => `| ${1000 + index} | **Bold** \`user_id\` is *wrong* ~~old~~ |`).join('\n');
    const { module } = parseDoc(TABLE(rows + '\n'), { path: 'seeds/demo-v1.md' });
    expect(module?.entries[0]?.message).toBe('Bold user_id is wrong old');
  });

  it('a code cell listing 40,000 codes (114 s, before): exit 2 at once, the message is one short line', () => {
    const codes = Array.from({ length: 40_000 }, (_, index) => 100_000 + index).join(', ');
    const dir = makeProject({ 'demo-v1.md': TABLE(`| ${codes} | Many |\n`) });
    const run = runBounded(['generate'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/3:1 +error +Unexpected table cell of 319,998 characters, expected at most 16,384; the doc is not read +table-limit/);
    expect(Math.max(...run.stderr.split('\n').map((line) => line.length))).toBeLessThan(300);
  });

  it('a code cell of 1,500 codes: the warning quotes the cell clipped, not whole', () => {
    const codes = Array.from({ length: 1500 }, (_, index) => 100_000 + index).join(', ');
    const found = problems(TABLE(`| ${codes} | Many |\n| 1 | One |\n`));
    expect(found).toEqual([expect.stringMatching(/^seeds\/demo-v1\.md:3:1 warning Unexpected code `100000, 100001, [\d, ]+…` \(more than 1000 codes\), expected a code such as/)]);
    const quoted = /`([^`]*)`/.exec(found[0]!)![1]!;
    expect(quoted.length).toBe(MAX_QUOTE_CHARS);
  });
});

describe('amplification', () => {
  it('20 rows listing 1,000 codes each (335 MB written, before): each code keeps the list clipped, the output stays small', { timeout: 180_000 }, () => {
    const rows = Array.from({ length: 20 }, (_, row) => `| ${Array.from({ length: 1000 }, (_, index) => 1_000_000 + row * 1000 + index).join(',')} | Row ${row} |`);
    const dir = makeProject({ 'demo-v1.md': TABLE(rows.join('\n') + '\n') });
    const result = generate({ cwd: dir });
    expect(result.ok).toBe(true);
    const entries = result.catalog!.modules[0]!.entries;
    expect(entries).toHaveLength(20_000);
    for (const entry of entries) {
      expect(entry.normalizations).toEqual([{ field: 'code', rule: 'code-list', from: expect.stringMatching(/^1\d{6},1\d{6},.*…$/) }]);
      expect(entry.normalizations![0]!.from.length).toBe(MAX_NORMALIZATION_FROM_CHARS);
    }
    const written = Object.keys(readTree(join(dir, 'generated'))).reduce((sum, path) => sum + statSync(join(dir, 'generated', path)).size, 0);
    expect(written).toBeLessThan(40 * 1024 * 1024);
  });

  it('`1-1000,` × 100,000 (2.4 GB, before): the list stops at the limit instead of expanding first', () => {
    expect(parseCodeCell('1-1000,'.repeat(100_000))).toEqual({ kind: 'invalid', reason: 'range-size' });
    expect(parseCodeCell('1-1000, 1001')).toEqual({ kind: 'invalid', reason: 'range-size' });
    expect(parseCodeCell('1-999, 1000')).toMatchObject({ kind: 'list' });
  });

  it(`a doc of more than ${MAX_CODES_PER_DOC} codes: an error at the row that passes the limit`, () => {
    const rows = Array.from({ length: 201 }, (_, row) => `| ${1_000_000 + row * 1000}-${1_000_000 + row * 1000 + 999} | Range ${row} |`);
    const found = problems(TABLE(rows.join('\n') + '\n'));
    expect(found.filter((line) => line.includes(' error '))).toEqual(['seeds/demo-v1.md:203:1 error Unexpected doc of more than 200,000 codes (ranges and lists counted code by code), expected at most that many; split the doc codes-limit']);
  });

  it(`a lock of 10^6 entries (681 MB written, then a stack overflow, before): one clear error before the schema runs`, () => {
    const parts: string[] = [];
    for (let index = 0; index < 1_000_000; index++) parts.push(`"${2_000_000 + index}":{"name":"A${index}"}`);
    const text = `{"version":1,"modules":{"demo-v1":{${parts.join(',')}}}}`;
    expect(() => parseLock(text, 'seeds/feishu-errcodes.lock.json')).toThrow(
      `seeds/feishu-errcodes.lock.json: the name lock holds 1,000,000 entries, more than the ${MAX_LOCK_ENTRIES.toString().replace(/\B(?=(\d{3})+$)/g, ',')} feishu-errcodes reads (see docs/limits.md); delete the modules or codes you no longer generate, or delete the file to derive every name again`,
    );
  });

  it('a lock of 240,000 invalid names (264 s and 1.8 GB, before): the first 1,000 located, the rest counted', () => {
    const parts: string[] = [];
    for (let index = 0; index < 240_000; index++) parts.push(`"${2_000_000 + index}":{"name":"bad name ${index}","message":"m"}`);
    const text = `{"version":1,"modules":{"demo-v1":{\n${parts.join(',\n')}}}}`;
    let message = '';
    try {
      parseLock(text, 'seeds/feishu-errcodes.lock.json');
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split('\n');
    expect(lines[1]).toBe('  seeds/feishu-errcodes.lock.json:2:12: modules["demo-v1"]["2000000"].name: expected a PascalCase identifier (A-Z first, then letters and digits), got "bad name 0"');
    expect(lines.filter((line) => line.includes('expected a PascalCase identifier'))).toHaveLength(MAX_PRINTED_MESSAGES);
    expect(lines.at(-1)).toBe('  … and 239,000 more problem(s) of the same kinds not listed');
  });

  it('the warning printer shows at most 1,000 messages per file and says how many it left out', async () => {
    const file = new VFile({ path: 'seeds/demo-v1.md' });
    for (let index = 0; index < 200_000; index++) report(file, 'warning', `Code ${index} is no longer in the doc`, { line: 1, column: 1 }, 'removed-code');
    const text = await renderDiagnostics([file], true, false);
    expect(text.split('\n').filter((line) => line.includes('removed-code'))).toHaveLength(MAX_PRINTED_MESSAGES);
    expect(text).toContain(`… and ${200_000 - MAX_PRINTED_MESSAGES} more message(s) not shown (at most 1000 per file); \`feishu-errcodes lint\` lists them all`);
  });
});

describe('many warnings through the CLI', () => {
  it('generate and `lint --format stylish` print 1,000 of 1,500 warnings and say so; `lint` lists all', () => {
    const codes: Record<string, { name: string; message: string }> = { '1001': { name: 'Fine', message: 'Fine' } };
    for (let code = 2000; code < 3500; code++) codes[String(code)] = { name: `Gone${code}`, message: 'Gone' };
    const dir = makeProject({ 'demo-v1.md': OK_TABLE, 'feishu-errcodes.lock.json': JSON.stringify({ version: 1, modules: { 'demo-v1': codes } }) });
    // Without --verbose, generate prints one summary line of its warnings; with it, every one up to the cap.
    expect(runBounded(['generate', '--full'], dir).stderr).toContain('1500 warnings: 1500 removed-code; 2 info: 1 missing-source-url, 1 unknown-category; run `feishu-errcodes lint` to see them');
    const generated = runBounded(['generate', '--full', '--verbose'], dir);
    expect(generated.code).toBe(0);
    // 1,500 warnings and the seed's two infos (no source_url, no category): 1,000 lines, 502 left out.
    expect(generated.stderr.split('\n').filter((line) => /^seeds\/demo-v1\.md:\d+:\d+ /.test(line))).toHaveLength(1000);
    expect(generated.stderr).toContain('… and 502 more message(s) not shown (at most 1000 per file); `feishu-errcodes lint` lists them all');
    const stylish = runBounded(['lint', '--format', 'stylish'], dir);
    expect(stylish.stdout.split('\n').filter((line) => line.includes('removed-code'))).toHaveLength(1000);
    expect(stylish.stdout).toContain('… and 500 more message(s) not shown (at most 1000 per file); `feishu-errcodes lint` (without --format stylish) lists them all');
    expect(runBounded(['lint'], dir).stdout.split('\n').filter((line) => line.includes('removed-code'))).toHaveLength(1500);
  });
});

describe('special files and user mistakes (hangs and exit 70, before)', () => {
  const hasMkfifo = spawnSync('mkfifo', ['--version'], { timeout: 10_000 }).status === 0;

  it.runIf(hasMkfifo)('explain on a generated/json/*.json that is a FIFO (a hang, before) or a link to /dev/zero (12–17 GB, before): exit 2 naming it', () => {
    const dir = makeProject({ 'demo-v1.md': OK_TABLE });
    mkdirSync(join(dir, 'generated/json'), { recursive: true });
    expect(spawnSync('mkfifo', [join(dir, 'generated/json/demo-v1.json')], { timeout: 10_000 }).status).toBe(0);
    const fifo = runBounded(['explain', '1001'], dir);
    expect(fifo.stderr).toBe(`feishu-errcodes: ${join(dir, 'generated/json/demo-v1.json')}: the generated catalogue is a named pipe (FIFO), not a regular file; remove it and run \`feishu-errcodes generate\` to write it again\n`);
    expect(fifo.code).toBe(2);
    rmSync(join(dir, 'generated/json/demo-v1.json'));
    symlinkSync('/dev/zero', join(dir, 'generated/json/demo-v1.json'));
    const zero = runBounded(['explain', '1001'], dir);
    expect(zero.stderr).toBe(`feishu-errcodes: ${join(dir, 'generated/json/demo-v1.json')}: the generated catalogue is a device, not a regular file; remove it and run \`feishu-errcodes generate\` to write it again\n`);
    expect(zero.code).toBe(2);
  });

  it('explain with 200,000 numbers against a catalogue of 100,000 codes (107 s, before): one lookup each', () => {
    const errors = Array.from({ length: 100_000 }, (_, index) => ({ code: 1_000_000 + index, name: `Code${index}` }));
    const dir = makeProject({}, { 'generated/json/big.json': JSON.stringify({ module: 'big', errors }) });
    const args = Array.from({ length: 200_000 }, (_, index) => String(1_050_000 + index));
    const result = explain(args, { cwd: dir });
    expect(result.codes).toHaveLength(200_000);
    expect(result.codes.filter((item) => item.entries.length > 0)).toHaveLength(50_000);
    expect(result.codes[0]).toMatchObject({ code: 1_050_000, entries: [{ module: 'big', entry: { code: 1_050_000, name: 'Code50000' } }] });
  });

  it.runIf(hasMkfifo)('a FIFO seed, config or lock: exit 2 naming it, never a hang', () => {
    for (const [path, message] of [
      ['seeds/demo-v1.md', 'feishu-errcodes: seeds/demo-v1.md: the seed is a named pipe (FIFO), not a regular file; seeds must be markdown files: rename or move it out of the seeds folder'],
      ['feishu-errcodes.config.json', 'feishu-errcodes: feishu-errcodes.config.json: the config file is a named pipe (FIFO), not a regular file; point --config at a JSON file'],
      ['seeds/feishu-errcodes.lock.json', 'feishu-errcodes: seeds/feishu-errcodes.lock.json: the name lock is a named pipe (FIFO), not a regular file; point `lock` in the config at a JSON file, or delete what is at that path'],
    ] as const) {
      const dir = makeProject(path.endsWith('.md') ? {} : { 'demo-v1.md': OK_TABLE });
      expect(spawnSync('mkfifo', [join(dir, path)], { timeout: 10_000 }).status).toBe(0);
      const run = runBounded(['generate'], dir);
      expect(run.code, path).toBe(2);
      expect(run.stderr.trim()).toBe(message);
    }
  });

  it.runIf(hasMkfifo)('a FIFO where an earlier output or the manifest was (a hang, before): exit 2 naming it, nothing changed', () => {
    for (const path of ['generated/json/demo-v1.json', 'generated/.feishu-errcodes.json']) {
      const dir = makeProject({ 'demo-v1.md': OK_TABLE });
      expect(generate({ cwd: dir }).ok).toBe(true);
      const output = join(dir, path);
      rmSync(output);
      expect(spawnSync('mkfifo', [output], { timeout: 10_000 }).status).toBe(0);
      const run = runBounded(['generate', '--full'], dir);
      expect(run.code, path).toBe(2);
      expect(run.stderr).toBe(`feishu-errcodes: ${path} is not a regular file (a FIFO, socket or device); remove it and run again. Nothing was written.\n`);
      expect(lstatSync(output).isFIFO()).toBe(true);
    }
  });

  it('a seed or --config symlinked to /dev/zero (16 GB, before): exit 2 at once', () => {
    const seedDir = makeProject({});
    symlinkSync('/dev/zero', join(seedDir, 'seeds', 'demo-v1.md'));
    const seed = runBounded(['generate'], seedDir);
    expect(seed.code).toBe(2);
    expect(seed.stderr.trim()).toBe('feishu-errcodes: seeds/demo-v1.md: the seed is a device, not a regular file; seeds must be markdown files: rename or move it out of the seeds folder');

    const configDir = makeProject({ 'demo-v1.md': OK_TABLE });
    symlinkSync('/dev/zero', join(configDir, 'zero.json'));
    const config = runBounded(['generate', '--config', 'zero.json'], configDir);
    expect(config.code).toBe(2);
    expect(config.stderr.trim()).toBe('feishu-errcodes: zero.json: the config file is a device, not a regular file; point --config at a JSON file');
  });

  it('a seed larger than 32 MiB: one clear error before reading it (size from the open handle)', () => {
    const dir = makeProject({});
    const fd = openSync(join(dir, 'seeds', 'demo-v1.md'), 'w');
    ftruncateSync(fd, 32 * 1024 * 1024 + 1);
    closeSync(fd);
    expect(() => generate({ cwd: dir })).toThrow(new UserError('seeds/demo-v1.md: the seed is larger than 32 MiB, the most feishu-errcodes reads (see docs/limits.md); seeds must be markdown files: rename or move it out of the seeds folder'));
  });

  for (const [name, setUp, message] of [
    ['a folder named seeds/dir.md', (dir: string) => mkdirSync(join(dir, 'seeds', 'dir.md')), 'seeds/dir.md: the seed is a folder, not a regular file; seeds must be markdown files: rename or move it out of the seeds folder'],
    ['a dangling seed symlink', (dir: string) => symlinkSync('nowhere.md', join(dir, 'seeds', 'gone.md')), 'seeds/gone.md: the seed is a symbolic link to a file that does not exist; fix or remove the link'],
    ['a lock path that is a folder', (dir: string) => mkdirSync(join(dir, 'seeds', 'feishu-errcodes.lock.json')), 'seeds/feishu-errcodes.lock.json: the name lock is a folder, not a regular file; point `lock` in the config at a JSON file, or delete what is at that path'],
  ] as const) {
    it(`${name}: one user error (exit 2), not an internal error`, () => {
      const dir = makeProject({ 'demo-v1.md': OK_TABLE });
      setUp(dir);
      expect(() => generate({ cwd: dir })).toThrow(new UserError(message));
      expect(() => lint([], { cwd: dir })).toThrow(new UserError(message));
      const run = runBounded(['generate'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`feishu-errcodes: ${message}\n`);
    });
  }

  it('a lock and a config with a UTF-8 BOM are read (the BOM is dropped)', () => {
    const dir = makeProject({ 'demo-v1.md': OK_TABLE });
    expect(generate({ cwd: dir }).ok).toBe(true);
    const lockFile = join(dir, 'seeds', 'feishu-errcodes.lock.json');
    const lock = readFileSync(lockFile, 'utf8');
    writeFileSync(lockFile, `\uFEFF${lock}`);
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), '\uFEFF{ "targets": ["json"] }\n');
    const result = generate({ cwd: dir });
    expect(result.ok).toBe(true);
    expect(result.catalog!.modules[0]!.entries[0]).toMatchObject({ code: 1001, name: 'Fine' });
    expect(readFileSync(lockFile, 'utf8')).toBe(lock); // rewritten without the BOM
  });
});

describe('a reader that leaves early (`generate | head -1`)', () => {
  /** Runs the CLI with its stdout's reader closed at once; resolves with the exit code and stderr. */
  function withClosedStdout(args: readonly string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: HANG, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it('generate exits 0 quietly and writes everything; check on an up-to-date tree exits 0, not 1 (no false drift)', async () => {
    const dir = makeProject({ 'demo-v1.md': OK_TABLE });
    const generated = await withClosedStdout(['generate', '--verbose'], dir);
    // Only the diagnostics --verbose asks for (two infos): no EPIPE, no stack.
    expect(generated).toEqual({ code: 0, stderr: expect.not.stringMatching(/EPIPE|Error|internal/) });
    expect(generated.stderr).toContain('0 warnings, 2 info');
    expect(Object.keys(readTree(dir))).toContain('generated/json/demo-v1.json');
    for (const args of [['check', '--full'], ['check'], ['generate', '--check', '--full']]) {
      expect(await withClosedStdout(args, dir), args.join(' ')).toEqual({ code: 0, stderr: '' });
    }
  });

  it('check on a stale tree still exits 1', async () => {
    const dir = makeProject({ 'demo-v1.md': OK_TABLE });
    expect(generate({ cwd: dir }).ok).toBe(true);
    writeFileSync(join(dir, 'seeds', 'demo-v1.md'), TABLE('| 1001 | Changed |\n'));
    const run = await withClosedStdout(['check'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('file(s) out of date');
  });
});

describe('sync against a page with stacked content codings', () => {
  it('1,000 `gzip` layers (exit 13 with no output, the other seeds not written, before): that seed fails clearly, the others are synced', async () => {
    const server = await startDocServer();
    try {
      const page = (message: string) => `# 错误码\n\n|code|message|说明|\n|--|--|--|\n| 1001 | ${message} | 说明 |\n`;
      let layered: Buffer = Buffer.from(page('Layered'));
      for (let layer = 0; layer < 1000; layer++) layered = gzipSync(layered);
      server.route('/document/layers.md', (_, response) => response.writeHead(200, { 'content-type': 'text/markdown', 'content-encoding': Array(1000).fill('gzip').join(', ') }).end(layered));
      server.route('/document/fine.md', (_, response) => response.writeHead(200, { 'content-type': 'text/markdown', 'content-encoding': 'gzip' }).end(gzipSync(page('Fine now'))));
      const seed = (name: string) => `---\nsource_url: ${server.origin}/document/${name}\n---\n${page('Old')}`;
      const dir = makeProject({ 'fine.md': seed('fine'), 'layers.md': seed('layers') });
      const result = await runCliWithoutProxies(['sync'], dir);
      expect(result.stderr).toContain(
        `feishu-errcodes: seeds/layers.md: not synced from ${server.origin}/document/layers.md: request failed (the page declares 1000 stacked content codings (content-encoding), more than the 2 feishu-errcodes decodes; a real server sends one)`,
      );
      expect(result.code).toBe(1);
      expect(readFileSync(join(dir, 'seeds/fine.md'), 'utf8')).toContain('Fine now');
      expect(readFileSync(join(dir, 'seeds/layers.md'), 'utf8')).toBe(seed('layers'));
    } finally {
      await server.close();
    }
  });
});
