/**
 * A seed's file name, its title and its texts become no directive, pragma, encoding
 * declaration or doctest in any target. fast-check builds seeds from the pieces that turn
 * text into code in some language (PEP 263 cookies, doctest prompts, Java `\u` escapes, Go
 * `//go:` and `//line` directives and build constraints, cgo, TS triple-slash references
 * and `@ts-`/`@jsx` pragmas, shebangs, YAML tags, anchors and directives, HTML and script in
 * markdown); one batch of trees is generated, and each target is judged by its own parser:
 * one python3 run (compile, tokenize's encoding detection, doctest's parser) and one gofmt
 * run for the whole batch; TypeScript, YAML, markdown, JSON and the Java scan in process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import type { Element, Nodes, Root } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { parse as parseHtml } from 'parse5';
import typescript from 'typescript';
import { describe, expect, it } from 'vitest';
import { isAlias, isNode, parseAllDocuments, visit } from 'yaml';
import { resolveConfig } from '../../src/config.js';
import { PYTHON_NOTICE } from '../../src/emit/python.js';
import { openApiDocument } from '../../src/emit/openapi.js';
import { wellFormedCatalog } from '../../src/emit/well-formed.js';
import { buildCatalog, emitAll } from '../../src/generate.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import type { ErrorCatalog } from '../../src/model.js';
import type { OutputFile } from '../../src/emit/types.js';
import { hasGo, requireTools, SPAWN_TIMEOUT_MS, tempDir } from '../helpers/tools.js';

const hasPython = spawnSync('python3', ['--version'], { timeout: SPAWN_TIMEOUT_MS }).status === 0;

/** Pieces that are code, a directive or markup in some target. */
const DIRECTIVES = [
  // Python: encoding declarations (PEP 263) and doctest prompts.
  '# -*- coding: utf-7 -*-', 'coding:utf-7 ', 'coding=unicode_escape', 'vim: set fileencoding=latin-1 :', '>>> ', ">>> open('x','w')", '... ', '>>>', '"""',
  '+AG8AcABlAG4-', '\\N{BULLET}',
  // Java: Unicode escapes javac decodes before lexing, comment ends, Javadoc tags.
  '\\u002a/', '\\u000a', '\\uuu0022', '\\\\u0041', '*/', '/*', '@deprecated', '{@code x}', '@',
  // Go: directives, line directives, build constraints, cgo.
  '//go:generate rm -rf /', '//go:build ignore', '// +build ignore', '//line evil.go:1', '/*line evil.go:1:1*/', '#cgo LDFLAGS: -lx', 'import "C"', '//export F',
  // TypeScript: triple-slash directives and pragmas, shebang.
  '/// <reference path="x.ts" />', '// @ts-nocheck', '/* @jsx h */', '@ts-ignore', '@jsxImportSource x', '#!/bin/sh',
  // YAML: tags, anchors, aliases, directives, document markers.
  '!!python/object/apply:os.system', '!x', '&a ', '*a', '%YAML 1.1', '%TAG ! tag:x,2000:', '---', '...', '? ', '- ', '{', '[', '|', '>',
  // Markdown and HTML.
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '<!--', '-->', '`', '</code>',
  // Line breaks of every kind, and characters some tool reads as one.
  '\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\f', '\v', '\t', '\u202E', '\uFEFF',
  // A lone surrogate (through a front matter escape): every target writes U+FFFD.
  '\uD800',
];
/** Plain words, some long enough that a docstring or comment wraps and a piece starts a line. */
const WORDS = ['Talent', 'not', 'exist', ' ', '错误码', 'x', '1', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit ', 'https://example.com/a-very-long-path-without-spaces-that-runs-on-and-on/'];
const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...DIRECTIVES) }, { weight: 1, arbitrary: fc.constantFrom(...WORDS) });
const text = (maxLength: number) => fc.array(piece, { minLength: 1, maxLength }).map((pieces) => pieces.join(''));
/** A file name holds anything but `/` and NUL. */
const fileName = text(4).map((name) => name.replaceAll('/', '∕').replaceAll('\0', ''));
/** A cell: one line of text where `|` would end the cell. */
const cell = text(12).map((value) => value.replace(/\r\n|[\n\r]/g, ' ').replaceAll('|', '\\|'));

const seed = fc.record({
  name: fileName,
  title: text(8),
  /** The title from front matter, or from the first heading (one line). */
  frontMatter: fc.boolean(),
  rows: fc.array(fc.record({ message: cell, description: cell, suggestion: cell }), { minLength: 1, maxLength: 3 }),
});
type Seed = typeof seed extends fc.Arbitrary<infer T> ? T : never;

function seedText(value: Seed): string {
  const table = ['| 错误码 | 错误信息 | 说明 | 排查建议 |', '| --- | --- | --- | --- |', ...value.rows.map((row, index) => `| ${1001 + index} | ${row.message} | ${row.description} | ${row.suggestion} |`)].join('\n');
  const heading = value.title.replace(/\r\n|[\n\r]/g, ' ');
  return value.frontMatter ? `---\ntitle: ${JSON.stringify(value.title)}\n---\n\n${table}\n` : `# ${heading}\n\n${table}\n`;
}

const TARGETS = ['ts', 'json', 'go', 'openapi', 'docs', 'python', 'java'] as const;

/** Trees: four of one seed each (the runtime files then name that seed) and one of several. */
function trees(seeds: readonly Seed[]): { catalog: ErrorCatalog; files: OutputFile[] }[] {
  const groups = [[seeds[0]!], [seeds[1]!], [seeds[2]!], [seeds[3]!], seeds.slice(4)];
  return groups.map((group, tree) => {
    const config = resolveConfig({ targets: [...TARGETS], java: { package: `tree${tree}.errcodes` } });
    // A prefix keeps the module ids apart and clear of reserved ones; the rest is the hostile name.
    const inputs = group.map((value, index) => ({ path: `seeds/m${index}-${value.name}-s.md`, bytes: new TextEncoder().encode(seedText(value)) }));
    const { catalog, files } = buildCatalog(inputs, { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
    const fatal = files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map(String));
    expect(fatal, JSON.stringify(group)).toEqual([]);
    return { catalog: catalog!, files: emitAll(catalog!, config) };
  });
}

/** The PEP 263 pattern: a comment on line 1 or 2 that declares the file's encoding. */
const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/;

/** For each file given: its encoding as Python detects it, compile errors, and every doctest line of every string statement. */
const PYTHON_CHECK = String.raw`
import ast, doctest, json, sys, tokenize
problems = []
parser = doctest.DocTestParser()
for path in sys.argv[1:]:
    with open(path, 'rb') as handle:
        source = handle.read()
    with open(path, 'rb') as handle:
        encoding, _ = tokenize.detect_encoding(handle.readline)
    if encoding != 'utf-8':
        problems.append([path, 'encoding ' + encoding])
        continue
    try:
        tree = ast.parse(compile(source, path, 'exec', ast.PyCF_ONLY_AST))
    except SyntaxError as error:
        problems.append([path, 'does not compile: ' + str(error)])
        continue
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            text = node.value.value
            prompts = [line for line in text.expandtabs().split('\n') if line.lstrip(' ').startswith('>>>')]
            try:
                examples = parser.get_examples(text)
            except ValueError as error:
                examples = [str(error)]
            if prompts or examples:
                problems.append([path, 'doctest in the string at line %d: %r' % (node.lineno, prompts or examples)])
print(json.dumps(problems))
`;

/** javac reads `\uXXXX` (any number of u) as the character before lexing, where the backslash follows an even number of backslashes. */
function javaUnicodeEscapes(source: string): { at: number; char: string }[] {
  const found: { at: number; char: string }[] = [];
  for (let at = 0; at < source.length; at++) {
    if (source[at] !== '\\') continue;
    let before = 0;
    while (at - before - 1 >= 0 && source[at - before - 1] === '\\') before++;
    if (before % 2 !== 0) continue;
    const match = /^\\u+([0-9A-Fa-f]{4})/.exec(source.slice(at, at + 16));
    if (match) found.push({ at, char: String.fromCharCode(Number.parseInt(match[1]!, 16)) });
  }
  return found;
}

/** Elements, handlers and URLs that markdown of plain text never makes. */
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

/** Every comment of a TypeScript file (leading and trailing comments of every node). */
function commentsOfTs(source: typescript.SourceFile): string[] {
  const text = source.getFullText();
  const found = new Set<string>();
  const add = (ranges: typescript.CommentRange[] | undefined) => ranges?.forEach((range) => found.add(text.slice(range.pos, range.end)));
  const walk = (node: typescript.Node) => {
    add(typescript.getLeadingCommentRanges(text, node.pos));
    add(typescript.getTrailingCommentRanges(text, node.end));
    node.forEachChild(walk);
  };
  walk(source);
  expect(found.size).toBeGreaterThan(0);
  return [...found];
}

function commentsOf(tree: Root): string[] {
  const found: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'comment') found.push(node.value);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}

describe('hostile file names, titles and texts in every target (one generated batch)', () => {
  const seeds = fc.sample(seed, { numRuns: 12 });
  const batch = trees(seeds);
  const out = tempDir('feishu-errcodes-directives-');
  const written: string[] = [];
  batch.forEach(({ files }, tree) => {
    for (const file of files) {
      const path = join(out, `tree${tree}`, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
      written.push(path);
    }
  });
  const all = batch.flatMap(({ files }) => files);
  const ofType = (suffix: string) => all.filter((file) => file.path.endsWith(suffix));

  it('Python: lines 1–2 are fixed text, no cookie; python3 detects UTF-8, compiles every file and finds no doctest line', () => {
    const files = ofType('.py');
    expect(files.length).toBeGreaterThan(seeds.length);
    for (const file of files) {
      const [first, second] = file.contents.split('\n');
      expect(first, file.path).toBe(`# ${PYTHON_NOTICE}`);
      expect(CODING_COOKIE.test(first!) || CODING_COOKIE.test(second!), file.path).toBe(false);
      if (!/\/(errors|__init__)\.py$/.test(file.path)) expect(second, file.path).toBe('"""Feishu error codes of one doc page: an enum, an info table and a lookup.');
    }
    if (!hasPython && !requireTools) return;
    const script = join(out, 'check.py');
    writeFileSync(script, PYTHON_CHECK);
    const run = spawnSync('python3', [script, ...written.filter((path) => path.endsWith('.py'))], { encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('Java: every Unicode escape javac decodes stands for a character that is neither ASCII text nor a line end', () => {
    const files = ofType('.java');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bad = javaUnicodeEscapes(file.contents).filter(({ char }) => char === '\n' || char === '\r' || (char >= ' ' && char <= '~'));
      expect(bad.map(({ at, char }) => `${JSON.stringify(char)} at ${at}: ${file.contents.slice(Math.max(0, at - 30), at + 10)}`), file.path).toEqual([]);
    }
  });

  it.skipIf(!hasGo && !requireTools)('Go: gofmt parses every file and leaves it as it is; no line is a directive, a build constraint or cgo', () => {
    const run = spawnSync('gofmt', ['-l', ...batch.map((_, tree) => join(out, `tree${tree}`, 'go'))], { encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    for (const file of ofType('.go')) {
      const lines = file.contents.split('\n').filter((line) => /^(?:\/\/(?:go:|line |export |\s*\+build)|\/\*line |#cgo|import "C"|\t"C"$)/.test(line));
      expect(lines, file.path).toEqual([]);
    }
  });

  it('TypeScript: parses without error, with no triple-slash directive, pragma, @ts- comment or shebang', () => {
    for (const file of ofType('.ts')) {
      const source = typescript.createSourceFile(file.path, file.contents, typescript.ScriptTarget.ES2022, true);
      const internal = source as unknown as { parseDiagnostics: unknown[]; pragmas: Map<string, unknown>; checkJsDirective?: unknown };
      expect(internal.parseDiagnostics, file.path).toEqual([]);
      expect([...internal.pragmas.keys()], file.path).toEqual([]);
      expect(internal.checkJsDirective, file.path).toBeUndefined();
      expect([...source.referencedFiles, ...source.typeReferenceDirectives, ...source.libReferenceDirectives], file.path).toEqual([]);
      expect(file.contents, file.path).not.toMatch(/^#!/);
      expect(commentsOfTs(source).filter((comment) => /@ts-|@jsx/.test(comment)), file.path).toEqual([]);
    }
  });

  it('OpenAPI: one YAML document without a tag, anchor, alias or directive, reading back as the document built', () => {
    for (const [tree, { catalog, files }] of batch.entries()) {
      for (const module of wellFormedCatalog(catalog).modules) {
        const yaml = files.find((file) => file.path === `openapi/${module.id}.yaml`)!.contents;
        const documents = parseAllDocuments(yaml);
        expect(Array.isArray(documents) ? documents.length : -1, `tree${tree} ${module.id}`).toBe(1);
        const document = (documents as ReturnType<typeof parseAllDocuments> & unknown[])[0]!;
        expect(document.errors, module.id).toEqual([]);
        expect(document.directives?.docStart ?? null, module.id).toBeNull();
        const marks: string[] = [];
        visit(document, (_, node) => {
          if (isAlias(node)) marks.push(`alias ${node.source}`);
          else if (isNode(node) && (node.tag !== undefined || node.anchor !== undefined)) marks.push(`${node.tag ?? ''} &${node.anchor ?? ''}`);
        });
        expect(marks, module.id).toEqual([]);
        expect(document.toJS(), module.id).toEqual(JSON.parse(JSON.stringify(openApiDocument(module))));
      }
    }
  });

  it('docs: every page renders as markdown to no element, handler or non-http URL of its own, with one comment', () => {
    for (const file of ofType('.md')) {
      const tree = fromParse5(parseHtml(micromark(file.contents, { allowDangerousHtml: true, allowDangerousProtocol: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] }))) as Root;
      expect(dangers(tree), file.path).toEqual([]);
      expect(commentsOf(tree), file.path).toHaveLength(1);
    }
  });

  it('JSON: every file parses, with the titles and texts of the catalog written well-formed', () => {
    for (const { catalog, files } of batch) {
      for (const module of wellFormedCatalog(catalog).modules) {
        const json = JSON.parse(files.find((file) => file.path === `json/${module.id}.json`)!.contents) as { title: string; errors: { message: string }[] };
        expect(json.title).toBe(module.title);
        expect(JSON.stringify(json), module.id).not.toMatch(/\\ud[89a-f]/i);
        expect(json.errors.map((error) => error.message)).toEqual(module.entries.map((entry) => entry.message));
      }
    }
  });

  it('no file holds a lone surrogate', () => {
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const file of all) expect(lone.test(file.contents), file.path).toBe(false);
  });
});

describe('a lone surrogate in a title', () => {
  it('is U+FFFD in every target, JSON included', () => {
    const config = resolveConfig({ targets: [...TARGETS] });
    const bytes = new TextEncoder().encode('---\ntitle: "Bad \\ud800 title"\n---\n\n| 错误码 | 错误信息 |\n| --- | --- |\n| 1001 | Talent not exist |\n');
    const { catalog } = buildCatalog([{ path: 'seeds/lone.md', bytes }], { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
    expect(catalog!.modules[0]!.title).toBe('Bad \uD800 title');
    const files = emitAll(catalog!, config);
    const file = (path: string) => files.find((candidate) => candidate.path === path)!.contents;
    expect((JSON.parse(file('json/lone.json')) as { title: string }).title).toBe('Bad \uFFFD title');
    expect(file('go/lone/errors.go')).toContain('Bad \uFFFD title');
    expect(file('python/feishu_errcodes/lone.py')).toContain('Bad \uFFFD title');
    expect(file('java/feishu/errcodes/LoneErrorCode.java')).toContain('Bad \uFFFD title');
    expect(file('ts/lone.ts')).toContain('Bad \uFFFD title');
    expect(file('docs/lone.md')).toContain('Bad \uFFFD title');
  });
});

describe('the reported cases', () => {
  it.skipIf(!hasPython && !requireTools)('a seed named `coding:utf-7 .md` or `coding:unicode_escape .md` and a title line `>>> open(...)` stay text in Python', () => {
    const config = resolveConfig({ targets: ['python'] });
    const doc = `---\ntitle: "Errors\\n>>> open('x','w').write('pwned')\\n... "\n---\n\n| 错误码 | 错误信息 |\n| --- | --- |\n| 1001 | +AG8AcABlAG4- ${'word '.repeat(13)}ab >>> import os |\n`;
    const out = tempDir('feishu-errcodes-reported-');
    const paths: string[] = [];
    for (const name of ['coding:utf-7 .md', 'coding:unicode_escape .md']) {
      const { catalog } = buildCatalog([{ path: `seeds/${name}`, bytes: new TextEncoder().encode(doc) }], { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
      for (const file of emitAll(catalog!, config).filter((candidate) => candidate.path.endsWith('.py'))) {
        expect(file.contents.split('\n').slice(0, 2).join('\n'), file.path).not.toMatch(/coding|open\(/);
        // The member's docstring wraps right before the prompt, which gets its backslash.
        if (!/(errors|__init__)\.py$/.test(file.path)) expect(file.contents, file.path).toMatch(/^ {4}\\\\>>> import os$/m);
        const path = join(out, paths.length.toString(), file.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.contents);
        paths.push(path);
      }
    }
    const script = join(out, 'check.py');
    writeFileSync(script, PYTHON_CHECK);
    const run = spawnSync('python3', [script, ...paths], { encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});
