/**
 * goDocLines: Go doc comments that gofmt (Go 1.19+ reformats doc comments with
 * go/doc/comment) leaves alone for every text: the judge is gofmt itself, run once over a
 * file holding every case below and a random sample of hostile paragraphs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { goDocLines, yamlText } from '../../src/emit/escape.js';
import { hasGo, requireTools, SPAWN_TIMEOUT_MS, tempDir } from '../helpers/tools.js';
import { runs } from '../helpers/runs.js';

/** Texts gofmt 1.19 rewrote before: each is the body of a paragraph after the first. */
const KNOWN = [
  "Param value '' is empty",
  '``quoted`` and ```fenced``` text',
  'Also: ',
  'trailing blanks  \t',
  '  indented line (a code block)',
  '\tindented by a tab',
  '- a list item',
  '1. a numbered item',
  '# Heading',
  '#\tHeading',
  'Old Style Heading',
  '[docs]: https://open.feishu.cn/document',
  '[a]: http://a.example\n[b]: https://b.example',
  'line one\n\n\nline two after blank lines',
  'line one\n    func main() {\n}',
  '\u3000\u3000full-width indent',
  '\u00A0',
  ' \n \t \n',
  'text {\n\tcode',
  "it's Feishu's heading",
];

const UNITS = [
  '# ', '#\t', '#', '[a]: http://x.example', '[a]', ']:', '- ', '* ', '+ ', '1. ', '2) ', '  ', ' ', '\t', '\n', '\n\n',
  "''", "'", '``', '`', '```', '}', '{', '\\', 'Heading', 'A', 'b', 'Z9', 'http://x.example/', '\u3000', '\u00A0', '\u2003',
  ':', '.', ',', '(', ')', "'s", '中文', '错误', '//', '/*', '*/', '\u2028', '\u0085', '\r',
];
const paragraph = fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 10 });

function goFile(docs: readonly (readonly string[])[]): string {
  const decls = docs.map((paragraphs, index) => {
    const lines = goDocLines([`C${index} (${index}): first line`, ...paragraphs]);
    return `${lines.map((line) => (line === '' ? '//' : `// ${line}`)).join('\n')}\nconst C${index} = ${index}\n`;
  });
  const doc = goDocLines(['Package p holds the cases.', ...(docs[0] ?? [])]);
  return `${doc.map((line) => (line === '' ? '//' : `// ${line}`)).join('\n')}\npackage p\n\n${decls.join('\n')}`;
}

describe('goDocLines', () => {
  it('writes plain paragraphs: trimmed lines, one blank line between, gofmt quotes', () => {
    expect(goDocLines(['X (1): a', "Param value '' is ``x''", '  b  \n\n  c', 'Also: '])).toEqual([
      'X (1): a',
      '',
      'Param value \u201D is \u201Cx\u201D',
      '',
      'b',
      'c',
      '',
      'Also:',
    ]);
    // A paragraph that would read as a heading or link definitions joins the one before.
    expect(goDocLines(['X (1): a', '# H', 'Old Heading', '[a]: https://a.example'])).toEqual(['X (1): a', '# H', 'Old Heading', '[a]: https://a.example']);
  });

  it.skipIf(!hasGo && !requireTools)('gives comments gofmt leaves alone, for the known cases and random hostile text', () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    const sample = fc.sample(fc.array(paragraph, { minLength: 1, maxLength: 6 }), runs(300));
    const dir = tempDir();
    const path = join(dir, 'p.go');
    const source = goFile([KNOWN, ...KNOWN.map((text) => [text]), ...sample]);
    writeFileSync(path, source);
    const gofmt = spawnSync('gofmt', ['-d', 'p.go'], { cwd: dir, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
    expect(gofmt.stderr).toBe('');
    expect(gofmt.status).toBe(0);
    expect(gofmt.stdout.slice(0, 4000)).toBe('');
    expect(readFileSync(path, 'utf8')).toBe(source);
  });
});

describe('yamlText', () => {
  it('reads back multi-line text with lines of only blanks (yaml writes some as block scalars that lose them)', () => {
    for (const text of ['  \n', ' \n\n', '\n   \n', '  \n\t\n', 'a\n  \nb', '\t\n']) {
      const value = { texts: [text], nested: [{ message: text }] };
      expect(parseYaml(yamlText(value)), JSON.stringify(text)).toEqual(value);
    }
  });
});
