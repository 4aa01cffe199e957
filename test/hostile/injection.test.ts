/**
 * Hostile cell text: every target still compiles or validates with its real tool, no cell
 * can add code, and every text reads back from every target exactly as normalized.
 * Also: a code listed several times keeps one member and every other meaning as a variant.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import typescript from 'typescript';
import { goCheck, hasGo, makeProject, readTree, requireTools, ROOT, runCli, typecheck, validateCatalog, validateOpenApi } from '../helpers/tools.js';
import { readBackGo, readBackJson, readBackOpenApi, readBackTs, type EntryView } from './read-back.js';

/** One row: the cells as written in the markdown table, and the text normalization must give. */
interface HostileRow {
  code: number;
  cells: [message: string, description: string, suggestion: string];
  want: { message: string; description?: string; suggestion?: string };
}

const same = (code: number, markdown: string, text: string): HostileRow => ({
  code,
  cells: [markdown, markdown, markdown],
  want: { message: text, description: text, suggestion: text },
});

const ROWS: HostileRow[] = [
  same(1001, 'Ends `*/` and starts `/*` here', 'Ends */ and starts /* here'),
  same(1002, 'Template \\` ${globalThis.pwned = 1} \\`', 'Template ` ${globalThis.pwned = 1} `'),
  same(1003, '"; globalThis.pwned = 2; "', '"; globalThis.pwned = 2; "'),
  same(1004, 'C:\\temp\\new \\\\ end \\n \\u0041 \\x41', 'C:\\temp\\new \\ end \\n \\u0041 \\x41'),
  same(1005, '<script>alert(1)</script>', '<script>alert(1)</script>'),
  same(1006, 'key: value # not a comment &anchor *alias ? ! % @ {a: b} [c] \\| > \'q\'', "key: value # not a comment &anchor *alias ? ! % @ {a: b} [c] | > 'q'"),
  same(1007, '- leading dash', '- leading dash'),
  same(1008, '&anchor', '&anchor'),
  same(1009, '\\*alias', '*alias'),
  same(1010, '? key', '? key'),
  same(1011, ': colon', ': colon'),
  same(1012, '#hash', '#hash'),
  same(1013, 'null', 'null'),
  same(1014, '0x1F', '0x1F'),
  same(1015, '---', '---'),
  same(1016, "'quoted", "'quoted"),
  same(1017, '\\`raw\\` "str" // \\*/ func init() { panic("pwned") } /\\*', '`raw` "str" // */ func init() { panic("pwned") } /*'),
  same(1018, '100% %v %s %d %!', '100% %v %s %d %!'),
  {
    code: 1019,
    cells: ['line\u2028sep\u2029para', 'line\u2028sep\u2029para', 'first<br>second<br/>third'],
    want: { message: 'line sep para', description: 'line\nsep\npara', suggestion: 'first\nsecond\nthird' },
  },
  same(1020, 'nul\u0000 bell\u0007 esc\u001b[31m red\u007f c1\u0085', 'nul\uFFFD bell esc[31m red c1'),
  same(1021, 'rtl \u202Eevil\u202C rlm\u200F iso\u2066x\u2069 bom\uFEFF zw\u200B', 'rtl \u202Eevil\u202C rlm\u200F iso\u2066x\u2069 bom\uFEFF zw\u200B'),
  same(1022, '@deprecated use @param instead', '@deprecated use @param instead'),
  same(1023, 'emoji 😀 𝕏 中文', 'emoji 😀 𝕏 中文'),
  same(1024, '&lt;b&gt; &amp; &#42;/', '<b> & */'),
  same(1025, '+build ignore', '+build ignore'),
];

const table = (rows: readonly HostileRow[]) =>
  rows.map((row) => `| ${row.code} | ${row.cells.join(' | ')} |`).join('\n');

/**
 * Two tables under two headings: 2001 is listed three times (one repeat is identical),
 * 2002 twice with the same texts (merged), 2003 twice in table B with another status.
 */
const DOC = `---
title: "Hostile */ \\u202E title"
source_url: https://open.feishu.cn/document/hostile
---
# Part A

| 错误码 | message | 说明 | 排查建议 |
| --- | --- | --- | --- |
${table(ROWS)}
| 2001 | First meaning | 第一 | 建议一 |
| 2002 | Same text | 相同 | 相同建议 |
| 2002 | Same text | 相同 | 相同建议 |

## Part B \`*/\` "x"

| 解决方案 | code | HTTP状态码 | 描述 | message |
| --- | --- | --- | --- | --- |
| 建议二 | 2001 | 400 | 第二 \`*/\` | Second meaning "quoted" \\\` |
| 建议一 | 2001 | | 第一 | First meaning |
| fix | 2003 | 500 | d | Status one |
| fix | 2003 | 503 | d | Status two |
`;

const PART_A = 'Part A';
const PART_B = 'Part B */ "x"';

const EXPECTED: EntryView[] = [
  ...ROWS.map((row) => ({ code: row.code, ...row.want, section: PART_A, variants: [] })),
  {
    code: 2001,
    message: 'First meaning',
    description: '第一',
    suggestion: '建议一',
    section: PART_A,
    variants: [
      { message: 'Second meaning "quoted" `', description: '第二 */', suggestion: '建议二', section: PART_B, httpStatus: 400 },
      { message: 'First meaning', description: '第一', suggestion: '建议一', section: PART_B },
    ],
  },
  { code: 2002, message: 'Same text', description: '相同', suggestion: '相同建议', section: PART_A, variants: [] },
  {
    code: 2003,
    message: 'Status one',
    description: 'd',
    suggestion: 'fix',
    section: PART_B,
    httpStatus: 500,
    variants: [{ message: 'Status two', description: 'd', suggestion: 'fix', section: PART_B, httpStatus: 503 }],
  },
].map((entry) => ({ name: expect.any(String) as unknown as string, ...entry }));

/** Raw characters no generated file may hold: controls (but tab and newline), separators, bidi, invisibles. */
const RAW_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/;

/** A file name is doc input too: it lands in every DO NOT EDIT header. */
const HOSTILE_NAME = 'evil\nglobalThis.pwned = 3;\u2028*\\.md';

describe('hostile cell text', async () => {
  const dir = makeProject({ 'hostile.md': DOC, [HOSTILE_NAME]: '| code | message |\n| --- | --- |\n| 1 | One |\n' });
  const run = await runCli(['generate'], dir);
  const out = join(dir, 'generated');
  const tree = run.code === 0 ? readTree(out) : {};

  it('generates (exit 0) and reports what it changed or doubted, with positions', async () => {
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(run.code).toBe(0);
    const lint = await runCli(['lint'], dir);
    expect(lint.code).toBe(0);
    const line = (code: number) => DOC.split('\n').findIndex((text) => text.startsWith(`| ${code} `)) + 1;
    const lines = lint.stdout.split('\n');
    const controls = lines.filter((text) => text.includes('control-character'));
    expect(controls.map((text) => text.replace(/^seeds\/hostile\.md:(\d+):\d+ /, '$1 '))).toEqual(
      ['message', 'description', 'suggestion'].map((field) => `${line(1020)} warning Unexpected control character in the ${field} cell, removed control-character`),
    );
    const b = (text: string) => DOC.split('\n').findIndex((row) => row.startsWith(text)) + 1;
    expect(lines).toContain(
      `seeds/hostile.md:${line(2001)}:1 info Code 2001 is listed 3 times with different texts (lines ${line(2001)}, ${b('| 建议二 | 2001')}, ${b('| 建议一 | 2001')}); kept as one entry with 2 variant(s) duplicate-code`,
    );
    expect(lines).toContain(
      `seeds/hostile.md:${b('| fix | 2003')}:7 info Code 2003 is listed 2 times with different texts (lines ${b('| fix | 2003')}, ${b('| fix | 2003') + 1}); kept as one entry with 1 variant(s) duplicate-code`,
    );
    expect(lines).toContain(`seeds/hostile.md:${line(2002)}:1 info Code 2002 is listed 2 times with the same texts (lines ${line(2002)}, ${line(2002) + 1}); merged duplicate-code`);
  });

  it('keeps the normalized text of every cell in the catalogue, one entry per code', () => {
    expect(readBackJson(out, 'hostile')).toEqual(EXPECTED);
  });

  it('reads every text back the same from the TS info table, the OpenAPI document and the JSON', async () => {
    const json = readBackJson(out, 'hostile');
    const codes = json.map((entry) => entry.code);
    expect(await readBackTs(out, 'hostile', 'HostileErrorCode', codes)).toEqual(json);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    expect(readBackOpenApi(out, 'hostile', 'HostileErrorCode')).toEqual(json);
  });

  it.skipIf(!hasGo && !requireTools)('reads every text back the same from Go Message(), Description(), … and Variants()', () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    const go = readBackGo(join(out, 'go'), 'feishu-errcodes/generated/go', ['hostile']);
    expect(go['hostile']).toEqual(readBackJson(out, 'hostile'));
  });

  it('compiles and validates every target with its real tool', async () => {
    expect(typecheck(join(out, 'ts'))).toBe('');
    expect(validateCatalog(tree['json/hostile.json']!)).toBe('');
    expect(await validateOpenApi(tree['openapi/hostile.yaml']!)).toBe('');
    if (hasGo || requireTools) expect(goCheck(join(out, 'go'))).toBe('');
  });

  it('declares exactly one enum member per code, and nothing a cell wrote', () => {
    const ts = tree['ts/hostile.ts']!;
    const members = [...ts.matchAll(/^ {2}([A-Za-z0-9]+) = (\d+),$/gm)].map((match) => Number(match[2]));
    expect(members).toEqual(EXPECTED.map((entry) => entry.code));
    // Only declarations at the top level: no statement a cell could have smuggled in.
    const source = typescript.createSourceFile('hostile.ts', ts, typescript.ScriptTarget.ES2022);
    const declarations = source.statements.filter(
      (statement) =>
        // The one import: the category and retry types of the generated runtime.
        (typescript.isImportDeclaration(statement) && statement.getText(source) === "import type { FeishuErrorCategory, FeishuRetry } from './feishu-error.js';") ||
        typescript.isEnumDeclaration(statement) ||
        typescript.isInterfaceDeclaration(statement) ||
        typescript.isTypeAliasDeclaration(statement) ||
        typescript.isVariableStatement(statement) ||
        typescript.isFunctionDeclaration(statement),
    );
    expect(declarations.length).toBe(source.statements.length);
    const go = tree['go/hostile/errors.go']!;
    expect(go.match(/^const [A-Za-z0-9]+ Code = \d+$/gm)).toHaveLength(EXPECTED.length);
    // The same functions as the template declares, and no other.
    const template = readFileSync(join(ROOT, 'templates/go/errors.go.eta'), 'utf8');
    expect(go.match(/^func .*$/gm)).toEqual(template.match(/^func .*$/gm));
  });

  it('writes no raw control, separator, bidi or invisible character into any file', () => {
    expect(Object.keys(tree).length).toBeGreaterThan(5);
    for (const [path, text] of Object.entries(tree)) {
      expect(RAW_UNSAFE.exec(text), path).toBeNull();
    }
    // The doc's bidi override is in the outputs, escaped.
    expect(tree['ts/hostile.ts']).toContain('rtl \\u202Eevil');
    expect(tree['json/hostile.json']).toContain('rtl \\u202Eevil');
    expect(tree['openapi/hostile.yaml']).toContain('rtl \\u202Eevil');
    expect(tree['go/hostile/errors.go']).toContain('rtl \\u202Eevil');
  });

  it('lists every other meaning of a repeated code in the JSDoc and the Go doc comment', () => {
    const also = 'Also: Second meaning "quoted" ` (第二 *\\/); 排查建议: 建议二; HTTP status 400; in “Part B *\\/ "x"”';
    expect(tree['ts/hostile.ts']).toContain(`   * ${also}\n`);
    expect(tree['go/hostile/errors.go']).toContain(`// ${also}\n`);
    expect(tree['ts/hostile.ts']).toContain('   * Also: First meaning (第一); 排查建议: 建议一; in “Part B *\\/ "x"”\n');
  });

  it('keeps doc text out of Go build constraints and JSDoc tags', () => {
    const go = tree['go/hostile/errors.go']!;
    expect(go).not.toMatch(/^\/\/ ?\+build/m);
    expect(go).not.toMatch(/^\/\/go:/m);
    const ts = tree['ts/hostile.ts']!;
    // `@` in doc text would start a JSDoc tag (`@deprecated` marks a member); it is written as `＠`.
    expect(ts.split('\n').filter((line) => /^\s*\*/.test(line) && line.includes('@'))).toEqual([]);
    expect(ts).toContain(' * ＠deprecated use ＠param instead');
  });

  it('keeps a hostile seed file name inside the DO NOT EDIT line (the TS compiles, as checked above)', () => {
    const id = 'evil-globalthis.pwned-3';
    expect(Object.keys(tree)).toContain(`ts/${id}.ts`);
    expect(tree[`ts/${id}.ts`]!.split('\n')[0]).toBe('// Code generated by feishu-errcodes from seeds/evil\\u000AglobalThis.pwned = 3;\\u2028*\\.md. DO NOT EDIT.');
    expect(tree['go/evilglobalthispwned3/errors.go']!.split('\n')[0]).toBe('// Code generated by feishu-errcodes from seeds/evil\\u000AglobalThis.pwned = 3;\\u2028*\\.md. DO NOT EDIT.');
    expect(tree[`openapi/${id}.yaml`]!.split('\n')[0]).toBe('# Code generated by feishu-errcodes from seeds/evil\\u000AglobalThis.pwned = 3;\\u2028*\\.md. DO NOT EDIT.');
  });
});

describe('front matter text', () => {
  it('drops a source_url that is not one http(s) URL, and says so', async () => {
    const dir = makeProject({
      'm.md': '---\ntitle: T\nsource_url: "https://x.test/a\\n+build ignore"\n---\n| code | message |\n| --- | --- |\n| 1 | One |\n',
    });
    const run = await runCli(['lint'], dir);
    expect(run.stdout).toContain('seeds/m.md:3:1 warning Unexpected source_url `https://x.test/a\\u000A+build ignore`, expected an http(s) URL without spaces; left out source-url');
  });

  it('percent-encodes a source_url so the JSON Schema `uri` format accepts it', async () => {
    const dir = makeProject({
      'm.md': '---\ntitle: T\nsource_url: "https://open.feishu.cn/文档?q=a|b"\n---\n| code | message |\n| --- | --- |\n| 1 | One |\n',
    });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const json = readFileSync(join(dir, 'generated/json/m.json'), 'utf8');
    expect(JSON.parse(json).sourceUrl).toBe('https://open.feishu.cn/%E6%96%87%E6%A1%A3?q=a%7Cb');
    expect(validateCatalog(json)).toBe('');
  });
});
