/**
 * Broken docs and broken invocations: each gets a precise message (file:line:col where
 * there is one, and what to do), exit 2, no stack trace, and generated/ stays
 * byte-identical. BOM and CRLF simply work.
 */
import * as nodeFs from 'node:fs';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { generate, lint, prepare, UserError } from '../../src/index.js';
import { applyWrite, WriteError, type WriterFs } from '../../src/write/write-files.js';
import { makeProject, readTree, runCli, tempDir } from '../helpers/tools.js';

/** Errors and warnings as `lint` prints them: `file:line:col severity reason rule` (info is for review, left out). */
function lines(files: readonly VFile[]): string[] {
  return files.flatMap((file) =>
    file.messages.filter((message) => message.fatal !== undefined).map((message) => {
      const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
      return `${file.path}:${message.line ?? 1}:${message.column ?? 1} ${severity} ${message.reason} ${message.ruleId}`;
    }),
  );
}

const INVALID_CODE = (code: string) =>
  `Unexpected code \`${code}\` (not a number, range or list of numbers), expected a code such as \`1002102\`, a range \`95201-95209\` or a list \`1001, 1002\`; row skipped invalid-code`;

/** Each broken doc, and every error and warning it must give. */
const BROKEN: Record<string, { doc: string | Uint8Array; messages: (string | RegExp)[] }> = {
  'empty.md': {
    doc: '',
    messages: ['seeds/empty.md:1:1 error Unexpected empty file, expected a doc with an error-code table empty-file'],
  },
  'blank.md': {
    doc: '  \n\n',
    messages: ['seeds/blank.md:1:1 error Unexpected empty file, expected a doc with an error-code table empty-file'],
  },
  'no-table.md': {
    doc: '# Title\n\nJust text.\n',
    messages: [/^seeds\/no-table\.md:1:1 error Unexpected doc without an error table, expected a table .*`错误码`.* no-error-table$/],
  },
  'no-code-column.md': {
    doc: '# T\n\n| 名称 | 说明 |\n| --- | --- |\n| a | b |\n',
    messages: [/^seeds\/no-code-column\.md:3:1 error Unexpected doc without an error table, expected a table .*`错误码`.*`名称` \| `说明`.* no-error-table$/],
  },
  'no-usable-row.md': {
    doc: '| code | message |\n| --- | --- |\n| abc | Not a code |\n| 1.5 | Decimal |\n',
    messages: [
      'seeds/no-usable-row.md:1:1 error Unexpected doc without a usable row, expected at least one row with a numeric code no-usable-row',
      `seeds/no-usable-row.md:3:1 warning ${INVALID_CODE('abc')}`,
      `seeds/no-usable-row.md:4:1 warning ${INVALID_CODE('1.5')}`,
    ],
  },
  'negative.md': {
    doc: '| code | message |\n| --- | --- |\n| -5 | Negative |\n',
    messages: [
      'seeds/negative.md:1:1 error Unexpected doc without a usable row, expected at least one row with a numeric code no-usable-row',
      'seeds/negative.md:3:1 warning Unexpected code `-5` (a negative number), expected a code such as `1002102`, a range `95201-95209` or a list `1001, 1002`; row skipped invalid-code',
    ],
  },
  'header-only.md': {
    doc: '# T\n\n| 错误码 | 描述 |\n| --- | --- |\n',
    messages: [
      'seeds/header-only.md:3:1 error Unexpected doc without a usable row, expected at least one row with a numeric code no-usable-row',
      'seeds/header-only.md:3:1 warning Unexpected table with a header and no rows, expected at least one error code empty-table',
    ],
  },
  'yaml-syntax.md': {
    doc: '---\ntitle: [unclosed\n---\n| code | message |\n| --- | --- |\n| 1 | One |\n',
    messages: [/^seeds\/yaml-syntax\.md:2:\d+ error Unexpected front matter that is not valid YAML \(.+\), expected `title: …` and `source_url: …` lines front-matter$/],
  },
  'yaml-list.md': {
    doc: '---\n- a\n- b\n---\n| code | message |\n| --- | --- |\n| 1 | One |\n',
    messages: ['seeds/yaml-list.md:1:1 error Unexpected front matter that is not a mapping, expected `title: …` and `source_url: …` lines front-matter'],
  },
  'yaml-title-object.md': {
    doc: '---\nsource_url: https://open.feishu.cn/x\ntitle:\n  nested: x\n---\n| code | message |\n| --- | --- |\n| 1 | One |\n',
    messages: ['seeds/yaml-title-object.md:3:1 error Unexpected `title` of type object in the front matter, expected a string front-matter'],
  },
  'yaml-unclosed.md': {
    doc: '---\ntitle: T\n| code | message |\n| --- | --- |\n| 1 | One |\n',
    messages: ['seeds/yaml-unclosed.md:1:1 error Unexpected front matter without a closing `---` line, expected `---` on a line of its own after the last `key: value` line front-matter'],
  },
  'latin1.md': {
    // `café` saved as Latin-1: 0xE9 is not UTF-8.
    doc: new Uint8Array([...new TextEncoder().encode('| code | message |\n| --- | --- |\n| 1 | caf'), 0xe9, ...new TextEncoder().encode(' |\n')]),
    messages: ['seeds/latin1.md:3:10 error Unexpected bytes that are not UTF-8, expected a UTF-8 markdown file; re-save the doc as UTF-8 encoding'],
  },
  'utf16.md': {
    doc: new Uint8Array([0xff, 0xfe, 0x7c, 0x00, 0x20, 0x00]),
    messages: ['seeds/utf16.md:1:1 error Unexpected bytes that are not UTF-8, expected a UTF-8 markdown file; re-save the doc as UTF-8 encoding'],
  },
};

const GOOD = '---\ntitle: Good\n---\n# Good\n\n| code | message | 说明 |\n| --- | --- | --- |\n| 1001 | Good one | 好 |\n| 1002 | Good two | 好二 |\n';

/** A project with one good seed, generated once: the state a broken doc must not touch. */
function generatedProject(): { dir: string; before: Record<string, string> } {
  const dir = makeProject({ 'good.md': GOOD });
  const result = generate({ cwd: dir });
  expect(result.ok).toBe(true);
  return { dir, before: readTree(dir) };
}

describe('a broken doc', () => {
  const base = generatedProject();

  for (const [name, { doc, messages }] of Object.entries(BROKEN)) {
    it(`${name}: reports ${messages.length} message(s) at their place, writes nothing`, () => {
      const dir = tempDir();
      cpSync(base.dir, dir, { recursive: true });
      writeFileSync(join(dir, 'seeds', name), doc);
      const result = generate({ cwd: dir });
      expect(result.ok).toBe(false);
      const reported = lines(result.files.filter((file) => file.path === `seeds/${name}`));
      expect(reported).toHaveLength(messages.length);
      messages.forEach((message, index) => {
        if (typeof message === 'string') expect(reported[index]).toBe(message);
        else expect(reported[index]).toMatch(message);
      });
      // The good seed, generated/ and the lock: byte-identical, nothing added.
      const after = readTree(dir);
      delete after[`seeds/${name}`];
      expect(after).toEqual(base.before);
    });
  }

  it('with some rows whose code is not a number: warns per row and generates the rest', () => {
    const dir = makeProject({
      'some-bad.md': '# T\n\n| code | message |\n| --- | --- |\n| 1001 | Good one |\n| abc | Not a code |\n| 10x2 | Bad too |\n| 1002 | Good two |\n',
    });
    const result = generate({ cwd: dir });
    expect(result.ok).toBe(true);
    expect(lines(result.files)).toEqual([`seeds/some-bad.md:6:1 warning ${INVALID_CODE('abc')}`, `seeds/some-bad.md:7:1 warning ${INVALID_CODE('10x2')}`]);
    expect(result.catalog!.modules[0]!.entries.map((entry) => [entry.code, entry.message])).toEqual([
      [1001, 'Good one'],
      [1002, 'Good two'],
    ]);
  });
});

describe('the CLI on broken docs', () => {
  const base = generatedProject();
  for (const [name, { doc }] of Object.entries(BROKEN)) writeFileSync(join(base.dir, 'seeds', name), doc);
  const withBroken = readTree(base.dir);

  it('generate and check exit 2, name every broken file, print no stack trace, write nothing', async () => {
    for (const command of ['generate', 'check']) {
      const run = await runCli([command], base.dir);
      expect(run.code, command).toBe(2);
      for (const name of Object.keys(BROKEN)) expect(run.stderr).toContain(`seeds/${name}:`);
      expect(run.stderr).toContain(command === 'generate' ? 'feishu-errcodes: errors in the seeds (above); nothing was written.' : 'feishu-errcodes: errors in the seeds (above).');
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(readTree(base.dir)).toEqual(withBroken);
    }
  });

  it('lint prints one `file:line:col severity message rule` line per message and exits 1', async () => {
    const run = await runCli(['lint'], base.dir);
    expect(run.code).toBe(1);
    const printed = run.stdout.trimEnd().split('\n');
    for (const { messages } of Object.values(BROKEN)) {
      for (const message of messages) {
        if (typeof message === 'string') expect(printed).toContain(message);
        else expect(printed.some((line) => message.test(line)), String(message)).toBe(true);
      }
    }
  });
});

describe('BOM and CRLF', () => {
  const lf = '---\ntitle: "Line endings"\nsource_url: https://open.feishu.cn/document/x\n---\n最后更新于 2024-01-02\n\n# Part\n\n| code | message | 说明 | 排查建议 |\n| --- | --- | --- | --- |\n| 1001 | First<br>line | 一 | 建议 |\n| 1002 | Second | 二<br>行 | 建议二 |\n';
  const variants: Record<string, string | Uint8Array> = {
    crlf: lf.replace(/\n/g, '\r\n'),
    bom: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(lf)]),
    'bom+crlf': new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(lf.replace(/\n/g, '\r\n'))]),
  };
  const reference = makeProject({ 'm.md': lf });
  const referenceResult = generate({ cwd: reference });

  for (const [name, bytes] of Object.entries(variants)) {
    it(`${name}: gives byte-identical outputs and the same messages as LF without BOM`, () => {
      expect(referenceResult.ok).toBe(true);
      const dir = makeProject({ 'm.md': bytes });
      const result = generate({ cwd: dir });
      expect(result.ok).toBe(true);
      expect(lines(result.files)).toEqual(lines(referenceResult.files));
      expect(readTree(join(dir, 'generated'))).toEqual(readTree(join(reference, 'generated')));
      expect(result.catalog!.modules[0]!.title).toBe('Line endings');
      expect(result.catalog!.modules[0]!.docUpdated).toBe('2024-01-02');
    });
  }
});

describe('the seeds folder', () => {
  it('that does not exist: one line, what to do, exit 2', async () => {
    const dir = makeProject({});
    rmSync(join(dir, 'seeds'), { recursive: true });
    const run = await runCli(['generate'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `feishu-errcodes: Seeds folder seeds does not exist: ${join(dir, 'seeds')} (no project root found in ${dir} or above it: no feishu-errcodes.config.json, nor package.json beside seeds/); ` +
        "run `npx feishu-errcodes init` in your project's root, or create the folder there and put Feishu error-code docs (*.md) in it, or pass --seeds <dir>\n",
    );
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });

  it('without a .md file, or that is a file: a UserError that says what to do', () => {
    const dir = makeProject({ 'notes.txt': 'x', '.hidden.md': '| code |\n| - |\n| 1 |\n' });
    expect(() => generate({ cwd: dir })).toThrow(
      new UserError("Seeds folder seeds holds no .md file; copy a Feishu error-code page into it as markdown, or a module's pages into a folder of it"),
    );
    expect(() => generate({ cwd: dir, seeds: 'seeds/notes.txt' })).toThrow(
      new UserError(`Seeds folder seeds/notes.txt is not a folder: ${join(dir, 'seeds/notes.txt')}; pass --seeds <dir> with your *.md docs`),
    );
    expect(() => lint([], { cwd: dir, seeds: 'missing' })).toThrow(UserError);
    expect(readdirSync(dir).sort()).toEqual(['seeds']);
  });
});

describe('an --out that cannot be written', () => {
  it('under a regular file (fails for root too): one line, exit 2, nothing written, not even the lock', async () => {
    const { dir, before } = generatedProject();
    writeFileSync(join(dir, 'a-file'), 'not a folder\n');
    const run = await runCli(['generate', '--out', 'a-file/out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'feishu-errcodes: Cannot write a-file/out/ts/good.ts: a folder on its path is a file (ENOTDIR); make its folder writable, or pass --out <a folder you can write to>. Nothing was changed.\n',
    );
    expect(readTree(dir)).toEqual({ ...before, 'a-file': 'not a folder\n' });
  });

  it('that is itself a file: the same message', () => {
    const { dir, before } = generatedProject();
    writeFileSync(join(dir, 'a-file'), 'x');
    expect(() => generate({ cwd: dir, out: 'a-file' })).toThrow(
      new UserError('Cannot write a-file/ts/good.ts: a folder on its path is a file (ENOTDIR); make its folder writable, or pass --out <a folder you can write to>. Nothing was changed.'),
    );
    expect(readTree(dir)).toEqual({ ...before, 'a-file': 'x' });
  });

  it('whose target path is a folder: a read error with the path, not an internal error', () => {
    const { dir } = generatedProject();
    rmSync(join(dir, 'generated/json/good.json'));
    mkdirSync(join(dir, 'generated/json/good.json'));
    expect(() => generate({ cwd: dir })).toThrow(
      new UserError('generated/json/good.json: the output file is a folder, not a regular file; remove it: generate writes a regular file there. Nothing was changed.'),
    );
  });

  it('whose folder is read-only: one line with the file and the cause, nothing changed (EACCES through the writer\'s fs, as root too)', () => {
    const { dir } = generatedProject();
    writeFileSync(join(dir, 'seeds/good.md'), GOOD.replace('Good two', 'Good 2'));
    const edited = readTree(dir);
    const readOnly = join(dir, 'generated/json');
    // What a folder without write permission answers to creating a file in it; root would get no error from chmod.
    const deniedFs: WriterFs = {
      ...nodeFs,
      openSync: (path, flags, mode) => {
        if (dirname(String(path)) === readOnly) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES', errno: -13, syscall: 'open', path });
        return nodeFs.openSync(path, flags, mode);
      },
    };
    const { plan } = prepare({ cwd: dir });
    expect(plan!.changed.map((file) => file.path)).toContain('generated/json/good.json');
    expect(() => applyWrite(plan!, deniedFs)).toThrow(
      new WriteError(
        'Cannot write generated/json/good.json: permission denied (EACCES); make its folder writable, or pass --out <a folder you can write to>. Nothing was changed.',
        'generated/json/good.json',
        'EACCES',
        false,
      ),
    );
    expect(readTree(dir)).toEqual(edited);
  });
});

describe('the command line', () => {
  it('rejects an unknown option or command with exit 2 and the usage hint', async () => {
    const dir = makeProject({ 'good.md': GOOD });
    for (const args of [['generate', '--bogus'], ['check', '--sedds', 'x'], ['frobnicate']]) {
      const run = await runCli(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^error: unknown (option|command) '.+'\n/);
      expect(run.stderr).toContain('(run with --help for usage)');
    }
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });

  it('shows a stack trace only with --debug', async () => {
    const dir = makeProject({});
    const plain = await runCli(['generate', '--seeds', 'missing'], dir);
    const debug = await runCli(['generate', '--seeds', 'missing', '--debug'], dir);
    expect(plain.code).toBe(2);
    expect(debug.code).toBe(2);
    expect(plain.stderr).not.toMatch(/^\s+at /m);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});
