import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { parseDoc } from '../../src/parse/parse-doc.js';
import { moduleOfSeedPath } from '../../src/parse/module-path.js';
import { seedPathOf, snapshotModules, SNAPSHOT_DIR, treePages } from '../../src/snapshot-seeds.js';
import type { ParsedDoc } from '../../src/parse/types.js';
import { notErrorCodes } from '../../src/parse/code-table.js';
import { mapColumns } from '../../src/normalize/headers.js';
import { isCodeCell } from '../../src/normalize/codes.js';
import { readRows } from '../../src/normalize/rows.js';
import { ROOT, runCli, tempDir } from '../helpers/tools.js';

const FIXTURES = join(ROOT, 'test/fixtures');

/** Full pages copied from the doc tree (test/fixtures/<case>/input.md) and where their cut is in snapshot/. */
const FULL_PAGES: Readonly<Record<string, string>> = {
  'server-page-im-message-create': 'im-v1/message/create.md',
  'server-page-approval-www-url': 'approval-v4/approval-search/uEDN5UjLxQTO14SM0kTN.md',
  'server-page-special-rate': 'ai/translation-v1/detect.md',
  'server-page-board-theme-colours': 'uUDN04SN0QjL1QDN/board-v1/theme-introduction.md',
};

/** Whether the reader takes the table as an error table (as scripts/build-snapshot.mjs decides what to keep). */
function isErrorTable(table: ParsedDoc['tables'][number]): boolean {
  const headers = table.header.map((cell) => cell.text);
  const body = table.rows.map((row) => row.cells.map((cell) => cell.text));
  const columns = mapColumns(headers, body, isCodeCell);
  return columns.fields.code !== undefined && notErrorCodes(headers, columns.fields.code, body, isCodeCell) === undefined;
}

/** What generate reads of a page: endpoint, rate limit, title, the error tables cell by cell and the rows normalize takes. */
function readOf(doc: ParsedDoc, path: string) {
  const rows = readRows(doc, new VFile({ path }), { typos: {} }) ?? [];
  return {
    rows: rows.map(({ start: _start, ...row }) => row),
    endpoint: doc.endpoint && `${doc.endpoint.method} ${doc.endpoint.path}`,
    rateLimit: doc.rateLimit,
    title: doc.firstHeading,
    tables: doc.tables
      .filter(isErrorTable)
      .map((table) => ({ heading: table.heading, header: table.header.map((cell) => cell.text), rows: table.rows.map((row) => row.cells.map((cell) => [cell.text, cell.links.map((link) => link.url)])) })),
  };
}
const parse = (path: string, text: string) => parseDoc(new VFile({ path, value: text }));

describe('the shipped snapshot', () => {
  it.each(Object.entries(FULL_PAGES))('%s: the cut page reads as the full page', (fixture, path) => {
    const full = parse(path, readFileSync(join(FIXTURES, fixture, 'input.md'), 'utf8'));
    const cutText = readFileSync(join(SNAPSHOT_DIR, path), 'utf8');
    const cut = parse(path, cutText);
    expect(readOf(cut, path)).toEqual(readOf(full, path));
    expect(cut.frontMatter.fullPath).toBe(full.frontMatter.fullPath);
    expect(cut.frontMatter.sourceUrl).toBe(`https://open.feishu.cn/document${full.frontMatter.fullPath}`);
    expect(cutText.length).toBeLessThan(readFileSync(join(FIXTURES, fixture, 'input.md'), 'utf8').length);
  });

  it('cuts what generate does not read: no request body, response or code example is left', () => {
    const cut = readFileSync(join(SNAPSHOT_DIR, 'im-v1/message/create.md'), 'utf8');
    expect(cut).not.toContain('### 请求体');
    expect(cut).not.toContain('### 查询参数');
    expect(cut).not.toContain('### 响应体示例');
    expect(cut).toContain('| HTTP URL | https://open.feishu.cn/open-apis/im/v1/messages |');
    expect(cut).toContain('### 230099 子错误码');
  });

  it('is small, and its index lists every page once under the module moduleOfSeedPath gives it', () => {
    const pages = treePages(SNAPSHOT_DIR);
    const bytes = pages.reduce((sum, page) => sum + statSync(join(SNAPSHOT_DIR, page)).size, 0);
    console.log(`snapshot: ${pages.length} pages, ${(bytes / 1e6).toFixed(2)} MB`);
    expect(pages.length).toBeGreaterThan(1800);
    expect(bytes).toBeLessThan(5e6);
    const modules = snapshotModules();
    expect(modules.flatMap((module) => module.pages.map((page) => page.from)).sort()).toEqual(pages);
    for (const module of modules) {
      for (const page of module.pages) {
        expect(moduleOfSeedPath(page.from)).toBe(module.id);
        expect(moduleOfSeedPath(page.to)).toBe(module.id);
      }
    }
    expect(seedPathOf('uUDN04SN0QjL1QDN/docx-v1/document/create.md')).toEqual({ module: 'docx-v1', path: 'docx-v1/document/create.md' });
    expect(seedPathOf('uUDN04SN0QjL1QDN/docs-overview.md')).toEqual({ module: 'docs', path: 'docs/docs-overview.md' });
  });
});

describe('init from the snapshot', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const project = () => {
    const dir = tempDir('feishu-errcodes-init-snapshot-');
    dirs.push(dir);
    writeFileSync(join(dir, 'package.json'), '{\n  "name": "app",\n  "version": "1.0.0"\n}\n');
    return dir;
  };
  const seedFiles = (dir: string, module: string) =>
    (readdirSync(join(dir, 'seeds', module), { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(join(dir, 'seeds', module).length + 1).split('\\').join('/'))
      .sort();

  it('--module im-v1 --module contact-v3 copies those modules offline, each page with its source_url', async () => {
    const dir = project();
    const run = await runCli(['init', '--module', 'im-v1', '--module', 'contact-v3'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const im = snapshotModules().find((module) => module.id === 'im-v1')!;
    expect(seedFiles(dir, 'im-v1')).toEqual(im.pages.map((page) => page.to.slice('im-v1/'.length)).sort());
    expect(seedFiles(dir, 'contact-v3').length).toBeGreaterThan(50);
    expect(readdirSync(join(dir, 'seeds')).sort()).toEqual(['contact-v3', 'general.md', 'im-v1']);
    const page = readFileSync(join(dir, 'seeds/im-v1/message/create.md'), 'utf8');
    expect(page).toContain('source_url: "https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message/create"');
    expect(run.stdout).toMatch(/created seeds\/im-v1\/: 51 page\(s\) of Feishu's Server API \(35 endpoint\(s\), \d+ code\(s\)\)/);
    // Again: nothing to do, nothing overwritten.
    writeFileSync(join(dir, 'seeds/im-v1/message/create.md'), 'edited');
    const again = await runCli(['init', '--module', 'im-v1'], dir);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'seeds/im-v1/message/create.md'), 'utf8')).toBe('edited');
  });

  it('--all copies every module; the cloud-docs tree becomes one folder a module', async () => {
    const dir = project();
    const run = await runCli(['init', '--all'], dir);
    expect(run.code).toBe(0);
    const folders = readdirSync(join(dir, 'seeds')).filter((name) => name !== 'general.md').sort();
    expect(folders).toEqual(snapshotModules().map((module) => module.id).sort());
    expect(folders).toEqual(expect.arrayContaining(['sheets-v3', 'bitable-v1', 'docs', 'permission-member']));
    expect(folders).not.toContain('uUDN04SN0QjL1QDN');
  });

  it('an unknown module is one clear line, exit non-zero, nothing written', async () => {
    const dir = project();
    const run = await runCli(['init', '--module', 'im-v9'], dir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('No module "im-v9" in the Server API snapshot; did you mean im-v1, im-v2?');
    expect(readdirSync(dir)).toEqual(['package.json']);
  });

  it('--list prints each module with its page, endpoint and code counts', async () => {
    const run = await runCli(['init', '--list'], tempDir('feishu-errcodes-list-'));
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^module\s+pages\s+endpoints\s+codes$/);
    expect(lines).toContainEqual(expect.stringMatching(/^im-v1\s+51\s+35\s+\d+$/));
    expect(lines.at(-1)).toMatch(/^\d+ modules\s+1857\s+1406\s+\d+$/);
  });
});
