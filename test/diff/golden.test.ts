import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { compareSpecs } from '../../src/diff/compare.js';
import { renderJson } from '../../src/diff/render-json.js';
import { renderMarkdown } from '../../src/diff/render-markdown.js';
import { renderText } from '../../src/diff/render-text.js';
import { ROOT, runCli } from '../helpers/tools.js';

/**
 * Golden files for `diff --format text|markdown|json`: test/fixtures/diff-<case>/ holds
 * old/ and new/ seeds folders and expected.{txt,md,json}. UPDATE_GOLDEN=1 rewrites them.
 */
const update = process.env['UPDATE_GOLDEN'] === '1';
const cases = ['diff-hire'];
const formats = [
  ['text', 'expected.txt', renderText],
  ['markdown', 'expected.md', renderMarkdown],
  ['json', 'expected.json', renderJson],
] as const;

function golden(path: string, actual: string): string {
  if (update) writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`${path} is missing; run the tests with UPDATE_GOLDEN=1 to write it`);
  return readFileSync(path, 'utf8');
}

/** Every node of a tree, depth first. */
function* walk(node: Nodes): Generator<Nodes> {
  yield node;
  if ('children' in node) for (const child of node.children) yield* walk(child as Nodes);
}

describe.each(cases)('%s', (name) => {
  const dir = join(ROOT, 'test/fixtures', name);
  const outcome = compareSpecs('old', 'new', { cwd: dir });
  if (!outcome.ok) throw new Error(`fixture ${name} has errors: ${outcome.files.map((file) => file.messages.join('; ')).join('; ')}`);

  it.each(formats)('--format %s matches %s', (_, file, render) => {
    const actual = render(outcome.diff, { old: 'old', new: 'new' });
    expect(actual).toBe(golden(join(dir, file), actual));
  });

  it('the CLI prints the same report, and --fail-on breaking exits 1 on it', async () => {
    const result = await runCli(['diff', 'old', 'new', '--fail-on', 'breaking'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(readFileSync(join(dir, 'expected.txt'), 'utf8'));
  });

  it("the markdown is well-formed GFM: every table row has the header's cell count, no HTML but ours", () => {
    const tree = unified().use(remarkParse).use(remarkGfm).parse(readFileSync(join(dir, 'expected.md'), 'utf8'));
    const nodes = [...walk(tree)];
    const tables = nodes.filter((node): node is Table => node.type === 'table');
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const width = table.children[0]!.children.length;
      for (const row of table.children) expect(row.children.length).toBe(width);
    }
    for (const node of nodes) {
      if (node.type === 'html') expect(node.value).toMatch(/^(<\/?(ins|del|details)>|<details><summary>\d+ codes?<\/summary>)$/);
    }
  });

  it('the JSON report counts what it lists', () => {
    const report = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    const listed = report.modules.flatMap((module: { changes: { breaking: boolean }[] }) => module.changes);
    expect(report.summary.changes).toBe(listed.length);
    expect(report.summary.breaking).toBe(listed.filter((change: { breaking: boolean }) => change.breaking).length);
    expect(report.breaking).toBe(report.summary.breaking > 0);
  });
});
