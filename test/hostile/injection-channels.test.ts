/**
 * Injection through channels other than table cells: a seed's file name and a page's
 * title or first heading reach every target (HTML comment of the docs page, CommonMark of
 * the docs page and of OpenAPI descriptions, YAML, TS and Go comments). Each target is
 * rendered or parsed by a real tool, which must find no element, no `javascript:` URL and
 * no code the seed did not ask for.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element, Nodes, Root } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { parse as parseHtml } from 'parse5';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import typescript from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { resolveConfig } from '../../src/config.js';
import { buildCatalog, emitAll } from '../../src/generate.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { openApiDocument } from '../../src/emit/openapi.js';
import { hasGo, requireTools } from '../helpers/tools.js';

const HOSTILE_TEXT = '<img src=x onerror=alert(1)> <a href="javascript:alert(2)">x</a> [y](javascript:alert(3)) <javascript:alert(4)> <!-- c --> --!> */ /* `x`';
/** File names a pull request can add: each ends a comment or opens markup in some target. */
const HOSTILE_NAMES = [
  'x--!><img src=x onerror=alert(1)>.md',
  'y--><script>alert(1)<\\script>.md',
  'z\nconst pwned = 1;\nvar x.md', // a file name can hold a newline (never a `/`)
  'w<a href="javascript:alert(1)">.md',
];

const TABLE = '| code | message |\n| --- | --- |\n| 1001 | Talent not exist |\n| 1002 | Job not exist |\n';

function outputsOf(name: string, doc: string) {
  const config = resolveConfig({});
  const { catalog, files } = buildCatalog([{ path: `seeds/${name}`, bytes: new TextEncoder().encode(doc) }], { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
  expect(files.flatMap((file) => file.messages).filter((message) => message.fatal === true)).toEqual([]);
  const outputs = emitAll(catalog!, config);
  return { catalog: catalog!, file: (suffix: string) => outputs.find((file) => file.path.endsWith(suffix) && !file.path.endsWith('index.ts'))!.contents };
}

/** What is dangerous in rendered HTML: any element markdown itself does not make, event handlers, non-http URLs. */
function dangers(tree: Root): string[] {
  const allowed = new Set(['html', 'head', 'body', 'h1', 'h2', 'h3', 'h4', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'em', 'strong', 'a', 'br', 'ul', 'ol', 'li', 'hr', 'del']);
  const found: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'element') {
      const element = node as Element;
      if (!allowed.has(element.tagName)) found.push(`<${element.tagName}>`);
      for (const [key, value] of Object.entries(element.properties ?? {})) {
        if (/^on/i.test(key)) found.push(`${element.tagName}[${key}]`);
        if ((key === 'href' || key === 'src') && !/^https?:/i.test(String(value))) found.push(`${element.tagName}[${key}=${String(value)}]`);
      }
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}

/** Renders CommonMark + GFM as a permissive renderer would (raw HTML kept) and parses the HTML. */
function rendered(markdown: string): Root {
  // A parsed document always converts to a hast root.
  return fromParse5(parseHtml(micromark(markdown, { allowDangerousHtml: true, allowDangerousProtocol: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] }))) as Root;
}

function comments(tree: Root): string[] {
  const found: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'comment') found.push(node.value);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}

describe('the checker itself', () => {
  it('flags raw HTML, javascript: links and a comment ended by --!>', () => {
    const tree = rendered(`<!-- a --!><img src=x onerror=alert(1)> -->\n\n${HOSTILE_TEXT}\n`);
    expect(dangers(tree)).toEqual(expect.arrayContaining(['<img>', 'img[onError]', 'a[href=javascript:alert(2)]']));
  });
});

describe('a hostile seed name and title in every target', () => {
  for (const name of HOSTILE_NAMES) {
    describe(JSON.stringify(name), () => {
      const { catalog, file } = outputsOf(name, `---\ntitle: ${JSON.stringify(HOSTILE_TEXT)}\n---\n# Heading\n\n${TABLE}`);

      it('docs page: one HTML comment holding the whole notice, no element or javascript: URL', () => {
        const page = file('.md');
        const tree = rendered(page);
        expect(dangers(tree)).toEqual([]);
        const found = comments(tree);
        expect(found).toHaveLength(1);
        expect(found[0]).toContain('DO NOT EDIT.');
      });

      it('OpenAPI: every description renders as CommonMark without an element or javascript: URL; the YAML reads back', () => {
        const yaml = file('.yaml');
        const data = parseYaml(yaml) as Record<string, unknown>;
        expect(data).toEqual(JSON.parse(JSON.stringify(openApiDocument(catalog.modules[0]!))));
        const descriptions: string[] = [];
        const collect = (value: unknown) => {
          if (Array.isArray(value)) value.forEach(collect);
          else if (value !== null && typeof value === 'object') {
            for (const [key, child] of Object.entries(value)) {
              if (key === 'description' && typeof child === 'string') descriptions.push(child);
              else collect(child);
            }
          }
        };
        collect({ info: data['info'], components: { responses: (data['components'] as Record<string, unknown>)['responses'], schemas: 'x' } });
        expect(descriptions.length).toBeGreaterThan(1);
        for (const description of descriptions) expect(dangers(rendered(description)), description).toEqual([]);
        expect(descriptions.join('\n')).toContain('img src=x onerror=alert(1)'); // the text is shown, as text
      });

      it('TypeScript: the comments stay comments (same statements as a harmless module)', () => {
        const source = typescript.createSourceFile('x.ts', file('.ts'), typescript.ScriptTarget.ES2022, true);
        const harmless = typescript.createSourceFile('y.ts', outputsOf('harmless.md', `# Heading\n\n${TABLE}`).file('.ts').replaceAll('Harmless', catalog.modules[0]!.typeName.replace(/ErrorCode$/, '')), typescript.ScriptTarget.ES2022, true);
        expect((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
        expect(source.statements.map((statement) => typescript.SyntaxKind[statement.kind])).toEqual(harmless.statements.map((statement) => typescript.SyntaxKind[statement.kind]));
        expect(file('.ts')).not.toMatch(/^const pwned/m);
      });

      it.skipIf(!hasGo && !requireTools)('Go: gofmt parses the file and finds only the declarations we write', () => {
        const dir = mkdtempSync(join(tmpdir(), 'feishu-errcodes-go-'));
        writeFileSync(join(dir, 'errors.go'), file('errors.go'));
        execFileSync('gofmt', ['-e', '-l', dir], { timeout: 60_000 });
        expect(file('errors.go')).not.toMatch(/^const pwned/m);
        expect(file('errors.go').split('\n')[0]).toMatch(/^\/\/ Code generated by feishu-errcodes from .*\. DO NOT EDIT\.$/);
      });

      it('YAML and TS headers stay on their first line', () => {
        expect(file('.yaml').split('\n')[0]).toMatch(/^# Code generated by feishu-errcodes from .*\. DO NOT EDIT\.$/);
        expect(file('.ts').split('\n')[0]).toMatch(/^\/\/ Code generated by feishu-errcodes from .*\. DO NOT EDIT\.$/);
      });
    });
  }

  it('a first heading with raw HTML (no front matter title) is escaped the same way', () => {
    const { file } = outputsOf('heading-v1.md', `# ${HOSTILE_TEXT}\n\n${TABLE}`);
    expect(dangers(rendered(file('.md')))).toEqual([]);
    const data = parseYaml(file('.yaml')) as { info: { description: string } };
    expect(dangers(rendered(data.info.description))).toEqual([]);
  });
});
