/**
 * fast-check properties over generated error tables: random codes (valid, repeated and
 * broken), random Unicode cell text full of the characters that break code, random extra
 * cells and random column orders. parse → normalize never throws and recovers every valid
 * row with its exact normalized text; the escapers round-trip any string; and a batch of
 * generated docs compiles with every real tool and reads back the same from every target.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { buildCatalog, decodeSeed, emitAll } from '../../src/generate.js';
import { DEFAULT_TARGETS, resolveConfig } from '../../src/config.js';
import { pythonMemberNames, pythonModuleName, upperSnake } from '../../src/normalize/python-names.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { parseDoc } from '../../src/parse/parse-doc.js';
import { normalizeDoc } from '../../src/normalize/normalize-doc.js';
import { fieldForHeader } from '../../src/normalize/headers.js';
import { commentLines, goString, jsonText, tsString, yamlText } from '../../src/emit/escape.js';
import { pyDocstring, pyString } from '../../src/emit/python.js';
import type { DocEntry } from '../../src/model.js';
import { goCheck, hasGo, hasPythonTools, pythonCheck, requireTools, SPAWN_TIMEOUT_MS, tempDir, typecheck, validateCatalog, validateOpenApi } from '../helpers/tools.js';
import { readBackGo, readBackJson, readBackOpenApi, readBackPython, readBackTs } from './read-back.js';
import { runs } from '../helpers/runs.js';

/** Pieces cell text is made of: plain text, and everything that ends a comment or string. */
const HOSTILE_UNITS = [
  '*/', '/*', '`', '${', '}', '"', "'", '\\', '\\n', '<script>', '</script>', ': ', '#', '&', '*', '- ', '|', '_', '~',
  '[', ']', '(', ')', '<', '>', '!', '%v', '@param', '\n', '\r\n', '\t', ' ', '  ', '\u00A0', '\u3000', '\u2003',
  '\u2028', '\u2029', '\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u200B', '\u200E', '\u200F', '\u202E', '\u2066',
  '\uFEFF', '😀', '𝕏', '中文', '错误', 'é', 'e\u0301', '-', '无', 'N/A',
];
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_UNITS) },
  { weight: 3, arbitrary: fc.constantFrom('a', 'B', 'z', '0', '7', 'Not', 'exist', ' ', 'Talent') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const cellText = fc.string({ unit, maxLength: 12 });

type Field = 'message' | 'description' | 'suggestion';
const HEADERS: Record<Field | 'code' | 'other', string[]> = {
  code: ['错误码', 'code', 'Error code', '错误码 Code'],
  message: ['message', 'msg', 'Error message'],
  description: ['说明', '描述', 'description'],
  suggestion: ['排查建议', '解决方案', 'suggestion'],
  other: ['备注', 'Remarks', 'Owner'],
};

/** How a code cell is written: a valid code (often a repeated one), or something that is not a code. */
const codeCell = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(1001, 1002, 1003, 99991663).map(String) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 2147483647 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('abc', '-5', '1.5', '10x2', '错误', '2147483648') },
);

const row = fc.record({
  code: codeCell,
  cells: fc.record({ message: cellText, description: cellText, suggestion: cellText, other: cellText }),
  extra: fc.array(cellText, { maxLength: 2 }),
});

const table = fc.record({
  columns: fc
    .shuffledSubarray(['message', 'description', 'suggestion', 'other'] as const)
    .chain((others) => fc.integer({ min: 0, max: others.length }).map((at) => [...others.slice(0, at), 'code' as const, ...others.slice(at)])),
  headers: fc.record({
    code: fc.constantFrom(...HEADERS.code),
    message: fc.constantFrom(...HEADERS.message),
    description: fc.constantFrom(...HEADERS.description),
    suggestion: fc.constantFrom(...HEADERS.suggestion),
    other: fc.constantFrom(...HEADERS.other),
  }),
  rows: fc.array(row, { minLength: 1, maxLength: 8 }),
});
type Table = typeof table extends fc.Arbitrary<infer T> ? T : never;

/** Markdown for a cell whose text must read back exactly: every ASCII punctuation escaped, line breaks as `<br>`. */
function markdownCell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`))
    .join('<br>');
}

function toMarkdown(doc: Table): string {
  const header = `| ${doc.columns.map((column) => doc.headers[column]).join(' | ')} |`;
  const delimiter = `| ${doc.columns.map(() => '---').join(' | ')} |`;
  const body = doc.rows.map((r) => {
    const cells = doc.columns.map((column) => (column === 'code' ? r.code : markdownCell(r.cells[column])));
    return `| ${[...cells, ...r.extra.map(markdownCell)].join(' | ')} |`;
  });
  return `# Random table\n\n${header}\n${delimiter}\n${body.join('\n')}\n`;
}

/**
 * The text normalization must give, written from the rules (README, "Supported doc
 * layouts"): markdown turns NUL into U+FFFD; controls go; lines break at CR, LF, U+2028 and
 * U+2029; blanks collapse and lines are trimmed; empty lines go; a message is one line;
 * a cell that only says "nothing here" (`-`, `无`, `N/A`, …) is empty.
 */
function expectedText(text: string, singleLine: boolean): string {
  const lines = text
    .replace(/\u0000/g, '\uFFFD')
    .replace(/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((line) => line.replace(/[\t \u00A0\u3000]+/g, ' ').trim())
    .filter((line) => line !== '');
  const joined = lines.join(singleLine ? ' ' : '\n');
  return ['-', '—', '–', '--', '/', '无', 'N/A', 'n/a', '\\-'].includes(joined) ? '' : joined;
}

interface ExpectedEntry {
  code: number;
  message: string;
  description?: string;
  suggestion?: string;
  variants: { message: string; description?: string; suggestion?: string }[];
}

/** Every valid row, merged by code the way the README says: first meaning, then the other ones as variants. */
function expectedEntries(doc: Table): { entries: ExpectedEntry[]; invalidRows: number } {
  const byCode = new Map<number, ExpectedEntry & { keys: Set<string> }>();
  let invalidRows = 0;
  for (const r of doc.rows) {
    if (!/^\d+$/.test(r.code) || Number(r.code) > 2147483647) {
      invalidRows++;
      continue;
    }
    // Without a message column, 说明/描述 is the message column.
    const hasMessage = doc.columns.includes('message');
    const column = (field: Field): Field | undefined => (field === 'message' && !hasMessage && doc.columns.includes('description') ? 'description' : doc.columns.includes(field) ? field : undefined);
    const text = (field: Field): string | undefined => {
      const from = column(field);
      if (from === undefined || (field === 'description' && !hasMessage)) return undefined;
      return expectedText(r.cells[from], field === 'message') || undefined;
    };
    const description = text('description');
    const suggestion = text('suggestion');
    const single = (value: string | undefined) => (value === undefined ? undefined : expectedText(value, true) || undefined);
    // An empty message takes the best text the row has, down to a column no field takes.
    const message =
      text('message') ??
      single(description ?? suggestion) ??
      ((doc.columns.includes('other') && expectedText(r.cells.other, true)) || undefined) ??
      '';
    const meaning = {
      message,
      ...(description !== undefined && { description }),
      ...(suggestion !== undefined && { suggestion }),
    };
    const key = JSON.stringify([meaning.message, meaning.description ?? '', meaning.suggestion ?? '']);
    const code = Number(r.code);
    const entry = byCode.get(code);
    if (!entry) byCode.set(code, { code, ...meaning, variants: [], keys: new Set([key]) });
    else if (!entry.keys.has(key)) {
      entry.keys.add(key);
      entry.variants.push(meaning);
    }
  }
  const entries = [...byCode.values()].sort((a, b) => a.code - b.code).map(({ keys: _keys, ...entry }) => entry);
  return { entries, invalidRows };
}

function actualEntries(entries: readonly DocEntry[]): ExpectedEntry[] {
  return entries.map((entry) => ({
    code: entry.code,
    message: entry.message,
    ...(entry.description !== undefined && { description: entry.description }),
    ...(entry.suggestion !== undefined && { suggestion: entry.suggestion }),
    variants: (entry.variants ?? []).map((variant) => ({
      message: variant.message,
      ...(variant.description !== undefined && { description: variant.description }),
      ...(variant.suggestion !== undefined && { suggestion: variant.suggestion }),
    })),
  }));
}

const NORMALIZE = { typos: {}, locked: new Map(), overrides: new Map(), lockPath: 'seeds/lock.json', moduleId: 'random', prune: false };

describe('parse → normalize on random tables', () => {
  it('uses headers that name the field they are meant to (a precondition of the properties)', () => {
    for (const field of ['code', 'message', 'description', 'suggestion'] as const) {
      for (const header of HEADERS[field]) expect(fieldForHeader(header), header).toBe(field);
    }
    for (const header of HEADERS.other) expect(fieldForHeader(header), header).toBeUndefined();
  });

  it('never throws, and recovers every valid row with its exact normalized text', () => {
    fc.assert(
      fc.property(table, (doc) => {
        const file = decodeSeed({ path: 'seeds/random.md', bytes: new TextEncoder().encode(toMarkdown(doc)) });
        const entries = normalizeDoc(parseDoc(file), file, NORMALIZE);
        const { entries: expected, invalidRows } = expectedEntries(doc);
        const rules = file.messages.map((message) => message.ruleId);
        expect(rules.filter((rule) => rule === 'invalid-code')).toHaveLength(invalidRows);
        if (expected.length === 0) {
          expect(rules).toContain('no-usable-row');
          expect(entries).toEqual([]);
        } else {
          expect(file.messages.filter((message) => message.fatal === true)).toEqual([]);
          expect(actualEntries(entries)).toEqual(expected);
          // One member per code, every name an identifier.
          expect(new Set(entries.map((entry) => entry.name)).size).toBe(entries.length);
          for (const entry of entries) expect(entry.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
        }
      }),
      { numRuns: runs(400) },
    );
  });

  it('never throws on arbitrary bytes, and reports rather than crashes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ unit, maxLength: 40 }), (bytes, text) => {
        for (const input of [bytes, new TextEncoder().encode(`| code | message |\n| --- | --- |\n| 1 | ${text}\n${text}`)]) {
          const file = decodeSeed({ path: 'seeds/bytes.md', bytes: input });
          if (file.messages.some((message) => message.fatal)) continue;
          normalizeDoc(parseDoc(file), file, NORMALIZE);
        }
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('escaping for each target', () => {
  const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(...HOSTILE_UNITS), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 30 });
  const RAW_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/;

  it('tsString is a JS string literal of the same text, on one line, without raw unsafe characters', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const literal = tsString(text);
        expect(literal).not.toMatch(/[\n\r]/);
        expect(literal).not.toMatch(RAW_UNSAFE);
        expect(new Function(`return ${literal};`)()).toBe(text);
      }),
      { numRuns: runs(500) },
    );
  });

  it('goString is a Go interpreted string literal of the same text (read back by JSON, a subset)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const literal = goString(text);
        expect(literal).not.toMatch(/[\n\r]/);
        expect(literal).not.toMatch(RAW_UNSAFE);
        // Go's escapes used here (\" \\ \n \t \r \uXXXX) mean the same in JSON.
        expect(JSON.parse(literal)).toBe(text);
      }),
      { numRuns: runs(500) },
    );
  });

  it('commentLines never ends a comment, never starts a JSDoc tag, never breaks a line', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const line of commentLines(text)) {
          expect(line).not.toContain('*/');
          expect(line).not.toContain('/*');
          expect(line).not.toContain('@');
          expect(line).not.toMatch(/[\r\u2028\u2029\u0085]/);
          expect(line).not.toMatch(RAW_UNSAFE);
        }
      }),
      { numRuns: runs(500) },
    );
  });

  it.skipIf(!hasPythonTools && !requireTools)('pyString and pyDocstring: Python reads back the same text, flake8-clean, in one batch', () => {
    expect(hasPythonTools, 'python3 and flake8 are required in CI').toBe(true);
    const texts = fc.sample(anyText, runs(300));
    const lines = ['import json', 'import re', 'import sys', '', 'TEXTS = [', ...texts.map((text) => `    ${pyString(text)},`), ']', ''];
    texts.forEach((text, index) => lines.push('', `def doc${index}() -> None:`, `    ${'"""'}${pyDocstring(text.split('\n'), 4)}${'"""'}`, ''));
    lines.push(
      '',
      'expected = json.loads(sys.stdin.read())',
      'docs = [globals()[f"doc{i}"].__doc__ or "" for i in range(len(expected))]',
      'squeeze = lambda text: re.sub(r"\\s+", "", text)',
      'bad = [i for i, text in enumerate(expected) if TEXTS[i] != text or squeeze(docs[i]) != squeeze(text)]',
      'print(json.dumps(bad))',
    );
    const dir = tempDir('feishu-errcodes-pystring-');
    const file = join(dir, 'texts.py');
    writeFileSync(file, lines.join('\n') + '\n');
    const flake8 = spawnSync('flake8', ['--max-line-length', '120', '--extend-ignore', 'E731', file], { encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
    expect(flake8.stdout + flake8.stderr).toBe('');
    const run = spawnSync('python3', [file], { input: JSON.stringify(texts), encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as number[]).map((index) => texts[index])).toEqual([]);
    for (const text of texts) expect(pyString(text)).not.toMatch(RAW_UNSAFE);
  });

  it('jsonText and yamlText read back the same, without raw unsafe characters', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 4 }), (texts) => {
        const value = { texts, nested: texts.map((text) => ({ message: text })) };
        const json = jsonText(value);
        const yaml = yamlText(value);
        expect(json).not.toMatch(RAW_UNSAFE);
        expect(yaml).not.toMatch(RAW_UNSAFE);
        expect(JSON.parse(json)).toEqual(value);
        expect(parseYaml(yaml)).toEqual(value);
      }),
      { numRuns: runs(500) },
    );
  });
});

describe('a batch of random docs, generated', () => {
  const BATCH = 16;
  const docs = fc.sample(table, { numRuns: BATCH * 3 }).filter((doc) => expectedEntries(doc).entries.length > 0).slice(0, BATCH);
  const config = resolveConfig({ targets: [...DEFAULT_TARGETS, 'python'] });
  const seeds = docs.map((doc, index) => ({ path: `seeds/random-${index}.md`, bytes: new TextEncoder().encode(toMarkdown(doc)) }));
  const { catalog, files } = buildCatalog(seeds, { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
  const out = tempDir();
  for (const file of catalog ? emitAll(catalog, config) : []) {
    mkdirSync(dirname(join(out, file.path)), { recursive: true });
    writeFileSync(join(out, file.path), file.contents);
  }

  it('builds a catalogue of every doc', () => {
    expect(docs).toHaveLength(BATCH);
    expect(files.flatMap((file: VFile) => file.messages.filter((message) => message.fatal === true).map(String))).toEqual([]);
    expect(catalog?.modules).toHaveLength(BATCH);
  });

  it('compiles and validates with tsc --strict, ajv and the OpenAPI 3.1 validator', async () => {
    expect(typecheck(join(out, 'ts'))).toBe('');
    for (const module of catalog!.modules) {
      expect(validateCatalog(readText(out, `json/${module.id}.json`))).toBe('');
      expect(await validateOpenApi(readText(out, `openapi/${module.id}.yaml`))).toBe('');
    }
  });

  it('reads back the same texts from the TS info tables, the OpenAPI documents and the JSON', async () => {
    for (const module of catalog!.modules) {
      const json = readBackJson(out, module.id);
      expect(json.map((entry) => entry.message)).toEqual(module.entries.map((entry) => entry.message));
      expect(await readBackTs(out, module.id, module.typeName, json.map((entry) => entry.code))).toEqual(json);
      expect(readBackOpenApi(out, module.id, module.typeName)).toEqual(json);
    }
  });

  it.skipIf(!hasGo && !requireTools)('is gofmt- and go vet-clean, and Go reads back the same texts', () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    const goDir = join(out, 'go');
    expect(goCheck(goDir)).toBe('');
    const go = readBackGo(goDir, config.goModule, catalog!.modules.map((module) => module.goPackage));
    for (const module of catalog!.modules) expect(go[module.goPackage], module.id).toEqual(readBackJson(out, module.id));
  });

  it.skipIf(!hasPythonTools && !requireTools)('is mypy --strict, pyright, flake8 and compileall clean, and Python reads back the same texts', () => {
    expect(hasPythonTools, 'python3, mypy and flake8 are required in CI').toBe(true);
    expect(pythonCheck([join(out, 'python/feishu_errcodes')])).toBe('');
    const modules = catalog!.modules.map((module) => ({ file: pythonModuleName(module.id), className: module.typeName, table: `${upperSnake(module.typeName)}_INFO` }));
    const python = readBackPython(join(out, 'python'), 'feishu_errcodes', modules);
    for (const module of catalog!.modules) {
      const members = pythonMemberNames(module.entries.map((entry) => entry.name));
      const json = readBackJson(out, module.id).map((entry) => ({ ...entry, name: members.get(entry.name)! }));
      expect(python[pythonModuleName(module.id)], module.id).toEqual(json);
    }
  }, 300_000);
});

function readText(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}
