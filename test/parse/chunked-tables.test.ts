/**
 * parseWithChunkedTables must give the tree a whole parse gives, positions included, on
 * every doc: the fixtures, the seeds, generated corpora, and random tables full of inline
 * syntax, odd pipes, CRLF and lines that end or break a table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseWithChunkedTables } from '../../src/parse/chunked-tables.js';
import { makeDoc } from '../bench/corpus.mjs';
import { ROOT } from '../helpers/tools.js';
import { runs } from '../helpers/runs.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const parse = (text: string) => processor.parse(text) as Root;

/** The tree as compared: split rows carry no position on the text inside a cell (nothing reads it). */
function comparable(node: unknown, inCell = false): unknown {
  if (Array.isArray(node)) return node.map((child) => comparable(child, inCell));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'position' && inCell && record['type'] === 'text') continue;
    out[key] = key === 'children' ? comparable(value, record['type'] === 'tableCell') : value;
  }
  return out;
}

function expectSameTree(source: string): void {
  expect(comparable(parseWithChunkedTables(source, parse))).toEqual(comparable(parse(source)));
}

describe('parseWithChunkedTables', () => {
  it('gives the whole-parse tree on every fixture and seed', () => {
    const docs = [
      ...readdirSync(join(ROOT, 'test/fixtures')).map((name) => join(ROOT, 'test/fixtures', name, 'input.md')),
      ...readdirSync(join(ROOT, 'seeds')).filter((name) => name.endsWith('.md')).map((name) => join(ROOT, 'seeds', name)),
    ];
    expect(docs.length).toBeGreaterThan(10);
    for (const path of docs) {
      let source: string;
      try {
        source = readFileSync(path, 'utf8');
      } catch {
        continue; // a fixture folder without input.md
      }
      expectSameTree(source);
    }
  });

  it('gives the whole-parse tree on a generated doc, with LF and with CRLF, over several batches', () => {
    const doc = makeDoc({ id: 'bench-v1', rows: 1200, firstCode: 1_000_000, sections: 2 });
    expectSameTree(doc);
    expectSameTree(doc.replace(/\n/g, '\r\n'));
    // Two cells of every row through the inline parser: several batches of cells.
    expectSameTree(doc.replace(/^(\| \d+)( *\| [^|]*)/gm, '$1 `x`$2 **y**'));
    // A tab in every row: every row through the table parser, several batches of rows.
    expectSameTree(doc.replace(/^(\| \d+)/gm, '$1\t'));
    // Rows without a leading pipe (`600 | msg | …`).
    expectSameTree(doc.replace(/^\| /gm, ''));
  });

  it('cuts the rows of a table without leading pipes: no parse sees them all', () => {
    const doc = makeDoc({ id: 'bench-v1', rows: 300, firstCode: 1_000_000, sections: 1 }).replace(/^\| /gm, '');
    const seen: number[] = [];
    parseWithChunkedTables(doc, (text) => (seen.push(text.split('\n').length), parse(text)));
    expect(Math.max(...seen)).toBeLessThan(100);
  });

  it('gives the whole-parse tree on random tables', () => {
    const cell = fc.array(
      fc.constantFrom(
        'a', 'Talent not exist', ' ', '   ', '中文', '==标记==', '\\|', '`x`', '`a|b`', '**b**', '_i_', '~~s~~', '<br>', '<md-table>', '&amp;',
        'http://x.y', 'www.x.y', 'a@b.c', '[l](u)', '[^1]', '\t', '\u3000', '\u00a0', '!', ':', '#', '- ', '1.', '>', '\\', '\\*', '-', '=',
        'user_id', '__init__', 'a_', '_a', 'é_ü', 'HTTPS://X.Y', 'mailto:a@b.c', 'xmpp:a@b.c', 'a:b', 'a>b', '![i](u)', '&#x41;', '&copy;', '\u0301_',
      ),
      { maxLength: 4 },
    );
    const row = fc
      .tuple(fc.array(cell.map((parts) => parts.join('')), { minLength: 0, maxLength: 6 }), fc.boolean(), fc.constantFrom('', ' ', '  '), fc.boolean())
      // Rows with and without a leading pipe (`600 | msg`, as some Feishu pages write them).
      .map(([cells, trailing, blanks, leading]) => `${leading ? '|' : ''}${cells.join('|')}${trailing ? '|' : ''}${blanks}`);
    const line = fc.oneof(
      { weight: 12, arbitrary: row },
      { weight: 1, arbitrary: fc.constantFrom('', 'a paragraph', '> quote', '```', '<div>', '# Heading', '- item', '    code', '|', '||', 'x | y', '---', '8', '  7| x', '1. a | b', '2) a|b', '- a | b', '* a|b', '# h | x', '> q | x', '``` | x', '<b>a</b> | x', ': a | b', '=== | x', '\\| x', '[a]: u | x', '![i](u) | x') },
    );
    const doc = fc
      .tuple(
        fc.array(line, { minLength: 0, maxLength: 30 }),
        fc.array(line, { minLength: 0, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('|code|message|说明|排查建议|', 'code | message', '| a |'),
        fc.constantFrom('|--|--|--|--|', '| --- | :-: |', '|-|'),
        fc.boolean(),
      )
      .map(([body, after, eol, header, delimiter, frontMatter]) =>
        [...(frontMatter ? ['---', 'title: x', '---'] : []), '# 错误码', '', header, delimiter, ...body, ...after].join(eol),
      );
    fc.assert(fc.property(doc, (source) => expectSameTree(source)), { numRuns: runs(200) });
  });

  it('parses a doc with link definitions whole, as a row could refer to one', () => {
    const source = '|a|b|\n|-|-|\n|1|[x]|\n|2|[x]|\n|3|y|\n\n[x]: https://example.com\n';
    expectSameTree(source);
    const tree = parseWithChunkedTables(source, parse);
    expect(JSON.stringify(tree)).toContain('"linkReference"');
  });
});
