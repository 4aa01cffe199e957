import type { Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { diffCatalogs, type ComparableCatalog } from '../../src/diff/changes.js';
import { renderJson } from '../../src/diff/render-json.js';
import { renderMarkdown } from '../../src/diff/render-markdown.js';
import { renderText } from '../../src/diff/render-text.js';

const labels = { old: 'git:origin/main', new: 'seeds/' };
const hostile = 'Bad | pipe <script>alert(1)</script> `tick` **bold** [link](http://x) ~~gone~~\nsecond line \u001b[31mred';

function one(message: string, name = 'TalentNotExist'): ComparableCatalog {
  return { modules: [{ id: 'hire-v1', typeName: 'HireErrorCode', entries: [{ code: 1002102, name, message }] }] };
}

function* walk(node: Nodes): Generator<Nodes> {
  yield node;
  if ('children' in node) for (const child of node.children) yield* walk(child as Nodes);
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(diffCatalogs(one('Talent not exist'), one(hostile)), labels);

  it('shows a word-level diff with <del>/<ins>', () => {
    expect(markdown).toContain('| message | 1002102 | `TalentNotExist` | <del>Talent not exist</del><ins>Bad \\| pipe &lt;script&gt;');
  });

  it('escapes doc text so no cell breaks its table, injects HTML or formats', () => {
    const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
    const nodes = [...walk(tree)];
    const rows = nodes.filter((node) => node.type === 'tableRow');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.type === 'tableRow' && row.children.length).toBe(4);
    expect(nodes.filter((node) => node.type === 'html').map((node) => (node.type === 'html' ? node.value : ''))).toEqual(['<del>', '</del>', '<ins>', '</ins>']);
    expect(nodes.filter((node) => node.type === 'strong' || node.type === 'delete' || node.type === 'emphasis')).toEqual([]);
    // The only code spans are our names; the doc's backticks stay text.
    expect(nodes.flatMap((node) => (node.type === 'inlineCode' ? [node.value] : []))).toEqual(['git:origin/main', 'seeds/', 'hire-v1', 'HireErrorCode', 'TalentNotExist']);
    // `[link](url)` stays text; a bare URL may become a GFM autolink, which shows its own target.
    for (const node of nodes) if (node.type === 'link') expect(node.children).toEqual([expect.objectContaining({ type: 'text', value: node.url })]);
  });

  it('says so when nothing changed', () => {
    expect(renderMarkdown(diffCatalogs(one('a'), one('a')), labels)).toBe(
      '## Feishu error codes: no change\n\nCompared `git:origin/main` → `seeds/`: no change to codes, names or texts.\n',
    );
  });
});

describe('renderText', () => {
  it('marks words like git --word-diff and keeps control characters off the terminal', () => {
    const text = renderText(diffCatalogs(one('Talent not exist'), one('Talent does not exist \u001b[2J')), labels);
    expect(text).toBe(
      [
        'git:origin/main → seeds/: no breaking change; 1 message changed',
        '',
        'hire-v1 (HireErrorCode): 1 change',
        '            message  1002102  TalentNotExist  Talent {+does+} not exist {+\uFFFD[2J+}',
        '',
      ].join('\n'),
    );
  });

  it('diffs Chinese text per character', () => {
    const before: ComparableCatalog = { modules: [{ id: 'm', entries: [{ code: 1, name: 'A', message: 'a', suggestion: '检查人才 ID 是否正确' }] }] };
    const after: ComparableCatalog = { modules: [{ id: 'm', entries: [{ code: 1, name: 'A', message: 'a', suggestion: '检查人才 ID 是否有效' }] }] };
    expect(renderText(diffCatalogs(before, after), labels)).toContain('suggestion  1  A  检查人才 ID 是否[-正确-]{+有效+}');
  });
});

describe('renderJson', () => {
  it('is stable: fixed key order, null for an absent side, 2-space indent and a newline', () => {
    const before: ComparableCatalog = { modules: [{ id: 'm', entries: [{ code: 1, name: 'A', message: 'a', description: 'd' }] }] };
    const after: ComparableCatalog = { modules: [{ id: 'm', entries: [{ code: 1, name: 'A', message: 'a' }] }] };
    expect(renderJson(diffCatalogs(before, after), labels)).toBe(`{
  "version": 1,
  "old": "git:origin/main",
  "new": "seeds/",
  "breaking": false,
  "summary": {
    "changes": 1,
    "breaking": 0,
    "byKind": {
      "description-changed": 1
    }
  },
  "modules": [
    {
      "id": "m",
      "status": "changed",
      "changes": [
        {
          "kind": "description-changed",
          "breaking": false,
          "code": 1,
          "name": "A",
          "before": "d",
          "after": null
        }
      ]
    }
  ]
}
`);
  });
});
