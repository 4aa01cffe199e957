import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import type { ErrorCatalog, ErrorEntry, ErrorModule, ErrorVariant } from '../model.js';
import { CURATED_CODES } from '../normalize/curated-codes.js';
import { curatedVerdict } from '../normalize/classify.js';
import { DEFAULT_PYTHON_PACKAGE, lowerSnake, pythonMemberNames, pythonModuleName, upperSnake } from '../normalize/python-names.js';
import { GENERATOR, moduleAndPage, oneLine, variantLine } from './header.js';
import { lookupTables, type LookupTables } from './lookup-tables.js';
import type { OutputFile } from './types.js';
import { wellFormedCatalog } from './well-formed.js';

const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });
const templateOf = (name: string) => eta.compile(readFileSync(new URL(`../../templates/python/${name}`, import.meta.url), 'utf8'));
const moduleTemplate = templateOf('module.py.eta');
const runtimeTemplate = templateOf('errors.py.eta');
const initTemplate = templateOf('__init__.py.eta');

/** Settings of the Python target (`python` in the config). */
export interface PythonOptions {
  /** Folder of the package under `python/` (optional, default: `feishu_errcodes`). */
  readonly package?: string;
}

/** flake8's limit the generated files are held to (`--max-line-length 120`). */
const MAX_LINE = 120;
/** Width of doc text and of each piece of a long string, leaving room for indentation and quotes. */
const TEXT_WIDTH = 88;

/**
 * Python: `python/<package>/` with one module per seed (an `enum.IntEnum`, an info table and
 * a lookup), `errors.py` (FeishuApiError, to_feishu_error, lookup_feishu_code,
 * call_with_retry), `__init__.py` re-exporting both, and `py.typed`. Standard library only;
 * every file is mypy --strict, pyright and flake8 (120 columns) clean for any doc text.
 */
export function emitPython(input: ErrorCatalog, options: PythonOptions = {}): OutputFile[] {
  const catalog = wellFormedCatalog(input);
  const dir = `python/${options.package ?? DEFAULT_PYTHON_PACKAGE}`;
  const modules = [...catalog.modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const files = modules.map((module) => ({ path: `${dir}/${pythonModuleName(module.id)}.py`, contents: emitModule(module) }));
  const notice = PYTHON_NOTICE;
  const platform = CURATED_CODES.map((entry) => `${entry.code}: (${pyString(entry.category)}, ${entry.retryable ? 'True' : 'False'}, ${pyString(curatedVerdict(entry).retry)}),`);
  const runtime = modules.map((module) => ({ file: pythonModuleName(module.id), table: tableName(module) }));
  // `module.TABLE,` inside the tuple (8 columns in), split over lines when too long.
  const tables = runtime.flatMap(({ file, table }) => (8 + file.length + table.length + 2 <= MAX_LINE ? [`${file}.${table},`] : ['(', `    ${file}`, `    .${table}`, '),']));
  const lookup = pythonLookupTables(lookupTables(catalog));
  files.push({ path: `${dir}/errors.py`, contents: longLinesExempt(eta.render(runtimeTemplate, { notice, platform, modules: runtime, tables, ...lookup })) });
  files.push({ path: `${dir}/__init__.py`, contents: longLinesExempt(eta.render(initTemplate, initData(modules, notice))) });
  files.push({ path: `${dir}/py.typed`, contents: '' });
  return files;
}

const ERRORS_EXPORTS = [
  'FeishuApiError', 'FeishuClient', 'FeishuCodeInfo', 'FeishuEndpoint', 'FeishuErrorCategory', 'FeishuExtFields', 'FeishuFieldViolation',
  'FeishuPermissionViolation', 'FeishuRateLimit', 'FeishuRetry', 'FeishuSubCodeInfo', 'FeishuVariant', 'MAX_BODY_BYTES', 'MAX_RETRY_AFTER_SECONDS',
  'call_with_retry', 'call_with_retry_async', 'feishu_endpoint', 'lookup_feishu_code', 'parse_feishu_ext', 'rate_limit_of', 'to_feishu_error',
];

function initData(modules: readonly ErrorModule[], notice: string) {
  const importLines = (from: string, names: readonly string[]) => {
    const line = `from ${from} import ${names.join(', ')}`;
    return line.length <= MAX_LINE ? [line] : [`from ${from} import (`, ...names.map((name) => `    ${name},`), ')'];
  };
  const imports = [...importLines('.errors', ERRORS_EXPORTS)];
  const all = [...ERRORS_EXPORTS];
  for (const module of modules) {
    const names = [module.typeName, tableName(module), lookupName(module)].sort(codeUnitOrder);
    imports.push(...importLines(`.${pythonModuleName(module.id)}`, names));
    all.push(...names);
  }
  return { notice, imports, all: all.sort(codeUnitOrder) };
}

const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `HireErrorCode` → `HIRE_ERROR_CODE_INFO`. */
export function tableName(module: ErrorModule): string {
  return `${upperSnake(module.typeName)}_INFO`;
}

/** `HireErrorCode` → `lookup_hire_error_code`. */
export function lookupName(module: ErrorModule): string {
  return `lookup_${lowerSnake(module.typeName)}`;
}

function emitModule(module: ErrorModule): string {
  const members = pythonMemberNames(module.entries.map((entry) => entry.name));
  // Lines 1 and 2 are fixed text: Python reads an encoding declaration there (PEP 263).
  const page = moduleAndPage(module);
  const about = [
    'Feishu error codes of one doc page: an enum, an info table and a lookup.',
    '',
    `Module ${page}; generated from ${oneLine(module.seed)}.`,
    ...(module.sourceUrl || module.docUpdated ? [''] : []),
    ...(module.sourceUrl ? [`Source: ${module.sourceUrl}`] : []),
    ...(module.docUpdated ? [`Doc updated: ${module.docUpdated}`] : []),
  ];
  const classDoc = [
    `The codes of ${page}.`,
    '',
    `Feishu returns codes no doc lists, so the enum is not exhaustive: use ${lookupName(module)}, or catch the ValueError of ${module.typeName}(code).`,
  ];
  return longLinesExempt(eta.render(moduleTemplate, {
    notice: PYTHON_NOTICE,
    moduleDoc: pyDocstring(about, 0),
    constants: [
      ...assignment('_MODULE', module.id),
      ...(module.sourceUrl === undefined ? [] : assignment('_DOC_URL', module.sourceUrl)),
    ],
    tableLine: fits(`${tableName(module)}: Mapping[int, FeishuCodeInfo] = MappingProxyType(_INFO)`, `${tableName(module)}: Mapping[\n    int, FeishuCodeInfo\n] = MappingProxyType(_INFO)`),
    lookupStart: fits(`def ${lookupName(module)}(code: int) -> Optional[FeishuCodeInfo]:`, `def ${lookupName(module)}(\n    code: int,\n) -> Optional[FeishuCodeInfo]:`),
    lookupDoc: pyDocstring([`What ${module.id} says of \`\`code\`\`; None for a code it does not list.`], 4),
    className: module.typeName,
    classDoc: pyDocstring(classDoc, 4),
    table: tableName(module),
    lookup: lookupName(module),
    hasVariants: module.entries.some((entry) => entry.variants?.length),
    members: module.entries.map((entry) => ({ name: members.get(entry.name)!, code: entry.code, doc: pyDocstring(entryDoc(entry), 4) })),
    infos: module.entries.map((entry) => ({ code: entry.code, lines: infoLines(entry, members.get(entry.name)!, module.sourceUrl !== undefined) })),
  }));
}

/**
 * The file with `# noqa: E501` on each line still longer than flake8's limit. Only a line
 * that holds an identifier can be (a name of thousands of characters, from a long word of a
 * doc or from the config): every string and docstring is cut to fit, so no such line is
 * inside one. The name stays whole, the same name as in every other language.
 */
function longLinesExempt(text: string): string {
  return text
    .split('\n')
    .map((line) => (width(line) > MAX_LINE && !line.includes('# noqa') ? `${line}  # noqa: E501` : line))
    .join('\n');
}

function entryDoc(entry: ErrorEntry): string[] {
  const lines = [`${entry.code}: ${entry.message || 'no message in the doc'}`];
  if (entry.description) lines.push('', `说明: ${entry.description}`);
  if (entry.suggestion) lines.push('', `排查建议: ${entry.suggestion}`);
  if (entry.httpStatus !== undefined) lines.push('', `HTTP status: ${entry.httpStatus}`);
  for (const variant of entry.variants ?? []) lines.push('', variantLine(variant));
  lines.push('', `Category: ${entry.category}; retryable: ${entry.retryable ? 'yes' : 'no'}; retry: ${entry.retry}.`);
  if (entry.deprecated) lines.push('', 'Deprecated: no longer listed in the doc; kept by the name lock.');
  return lines.flatMap((line) => line.split('\n'));
}

/** The keyword arguments of one FeishuCodeInfo(...), one per line, relative to the call's indentation. */
function infoLines(entry: ErrorEntry, member: string, hasDocUrl: boolean): string[] {
  const lines = ['module=_MODULE,', `code=${entry.code},`, ...stringArgument('name', member, 8)];
  lines.push(...stringArgument('message', entry.message, 8));
  lines.push(`category=${pyString(entry.category)},`, `retryable=${entry.retryable ? 'True' : 'False'},`, `retry=${pyString(entry.retry)},`);
  lines.push(`category_source=${pyString(entry.categorySource)},`);
  if (entry.description !== undefined) lines.push(...stringArgument('description', entry.description, 8));
  if (entry.suggestion !== undefined) lines.push(...stringArgument('suggestion', entry.suggestion, 8));
  if (entry.httpStatus !== undefined) lines.push(`http_status=${entry.httpStatus},`);
  if (entry.section !== undefined) lines.push(...stringArgument('section', entry.section, 8));
  if (entry.deprecated) lines.push('deprecated=True,');
  if (hasDocUrl) lines.push('doc_url=_DOC_URL,');
  if (entry.variants?.length) {
    lines.push('variants=(');
    for (const variant of entry.variants) lines.push('    FeishuVariant(', ...variantLines(variant).map((line) => `        ${line}`), '    ),');
    lines.push('),');
  }
  return lines;
}

function variantLines(variant: ErrorVariant): string[] {
  const lines = stringArgument('message', variant.message, 16);
  if (variant.description !== undefined) lines.push(...stringArgument('description', variant.description, 16));
  if (variant.suggestion !== undefined) lines.push(...stringArgument('suggestion', variant.suggestion, 16));
  if (variant.section !== undefined) lines.push(...stringArgument('section', variant.section, 16));
  if (variant.httpStatus !== undefined) lines.push(`http_status=${variant.httpStatus},`);
  return lines;
}

/**
 * The lookup rows of errors.py (endpoints, endpoint meanings, sub-codes) as calls with one
 * keyword argument a line, long strings in pieces: lines inside a tuple (4 columns in).
 */
function pythonLookupTables(tables: LookupTables): { endpoints: string[]; meanings: string[]; subCodes: string[] } {
  type Arg = readonly [key: string, value: string | number | boolean | undefined, kind?: 'literal'];
  const call = (name: string, args: readonly Arg[], indent: number, last = ','): string[] => {
    const lines = [`${name}(`];
    for (const [key, value, kind] of args) {
      if (value === undefined) continue;
      if (typeof value === 'string' && kind !== 'literal') lines.push(...stringArgument(key, value, indent + 4).map((line) => `    ${line}`));
      else lines.push(`    ${key}=${typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value)},`);
    }
    lines.push(`)${last}`);
    return lines;
  };
  const verdict = (row: { category: string; retryable: boolean; retry: string }): Arg[] => [['category', row.category], ['retryable', row.retryable], ['retry', row.retry]];
  const endpoints = tables.endpoints.flatMap((row) => {
    const limit = row.rateLimit;
    const tier = limit === undefined ? [] : call('FeishuRateLimit', [['text', limit.text], ['per_second', limit.perSecond], ['per_minute', limit.perMinute], ['special', limit.special === true ? true : undefined]], 8);
    const lines = call('FeishuEndpoint', [['module', row.module], ['method', row.method], ['path', row.path], ['doc_url', row.docUrl]], 4);
    if (tier.length > 0) lines.splice(lines.length - 1, 0, `    rate_limit=${tier[0]}`, ...tier.slice(1).map((line) => `    ${line}`));
    return lines;
  });
  const meanings = tables.meanings.flatMap((row) =>
    call('_Meaning', [
      ['module', row.module], ['code', row.code], ['method', row.method], ['path', row.path], ...verdict(row), ['doc_url', row.docUrl],
      ['http_status', row.httpStatus], ['message', row.message], ['description', row.description], ['suggestion', row.suggestion],
    ], 4),
  );
  const subCodes = tables.subCodes.flatMap((row) => {
    const info = call('FeishuSubCodeInfo', [
      ['sub_code', row.subCode], ['name', row.name], ['message', row.message], ...verdict(row), ['err_msg', row.errMsg],
      ['description', row.description], ['suggestion', row.suggestion],
    ], 8);
    return ['_SubCodeRow(', ...stringArgument('module', row.module, 8).map((line) => `    ${line}`), `    code=${row.code},`, `    info=${info[0]}`, ...info.slice(1).map((line) => `    ${line}`), '),'];
  });
  return { endpoints, meanings, subCodes };
}

/** `line` when it fits flake8's limit, else `long`. */
function fits(line: string, long: string): string {
  return width(line) <= MAX_LINE ? line : long;
}

/** `NAME = "text"` on one line when it fits, else the text in pieces. */
function assignment(name: string, text: string): string[] {
  const units = escapedUnits(text, false);
  const line = `${name} = "${units.join('')}"`;
  return width(line) <= MAX_LINE ? [line] : [`${name} = (`, ...pieces(units).map((piece) => `    "${piece}"`), ')'];
}

/** `key="text",` on one line when it fits, else the text in pieces Python joins (implicit concatenation). */
function stringArgument(key: string, text: string, indent: number): string[] {
  const units = escapedUnits(text, false);
  const literal = `"${units.join('')}"`;
  if (indent + key.length + 2 + width(literal) <= MAX_LINE) return [`${key}=${literal},`];
  return [`${key}=(`, ...pieces(units).map((piece) => `    "${piece}"`), '),'];
}

/** A Python string literal of `text` on one line. */
export function pyString(text: string): string {
  return `"${escapedUnits(text, false).join('')}"`;
}

/**
 * The inside of a `"""` docstring whose lines are `lines`, wrapped to fit flake8's line
 * length at `indent`; every line after the first is indented, blank lines stay empty.
 * Nothing in the text can close the docstring or leave trailing whitespace.
 */
export function pyDocstring(lines: readonly string[], indent: number): string {
  // Room for the indentation and both `"""` of a one-line docstring.
  const hardWidth = MAX_LINE - indent - 6;
  const wrapped = lines
    .flatMap((line) => line.split(/\r\n|[\n\r]/))
    .flatMap((line) => (line === '' ? [''] : withoutPrompts(wrap(escapedUnits(line, true), hardWidth), hardWidth).map(finish)));
  const pad = ' '.repeat(indent);
  if (wrapped.length === 1) return wrapped[0]!;
  return [wrapped[0]!, ...wrapped.slice(1).map((line) => (line === '' ? '' : pad + line)), pad].join('\n');
}

/** Python's whitespace (str.isspace) other than the space: invisible in source, and stripped as trailing whitespace by flake8. */
const PY_SPACE = /[\t\n\u000B\u000C\r\u001C-\u001F\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
/** Characters never written raw: controls, separators, bidi and invisible characters, lone surrogates. */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB\uD800-\uDFFF]/;

/** Each code point of `text` as it is written inside a `"…"` or `"""…"""` literal. */
function escapedUnits(text: string, docstring: boolean): string[] {
  const units: string[] = [];
  for (const char of text) {
    if (char === '\\') units.push('\\\\');
    else if (char === '"') units.push('\\"');
    else if (char === '\n') units.push('\\n');
    else if (char === '\t') units.push('\\t');
    else if (char === '\r') units.push('\\r');
    else if (char.length === 1 && (UNSAFE.test(char) || PY_SPACE.test(char))) {
      const code = char.charCodeAt(0);
      units.push(code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
    } else units.push(char);
  }
  // A docstring line must not end in a space (flake8 W291).
  if (docstring) for (let i = units.length - 1; i >= 0 && units[i] === ' '; i--) units[i] = '\\x20';
  return units;
}

/**
 * Doc text in lines of about TEXT_WIDTH, broken at a space where there is one (the space
 * goes); a word longer than that (a URL) runs on up to `hardWidth` before it is cut.
 */
function wrap(units: readonly string[], hardWidth: number): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  let lineWidth = 0;
  for (const unit of units) {
    const unitWidth = width(unit);
    const space = line.lastIndexOf(' ');
    if (line.length > 0 && ((lineWidth + unitWidth > TEXT_WIDTH && space > 0) || lineWidth + unitWidth > hardWidth)) {
      const rest = space > 0 ? line.slice(space + 1) : [];
      lines.push(space > 0 ? line.slice(0, space) : line);
      line = rest;
      lineWidth = unitsWidth(rest);
    }
    line.push(unit);
    lineWidth += unitWidth;
  }
  lines.push(line);
  return lines;
}

/** Units Python reads as the indentation doctest skips: spaces, and tabs (doctest expands them). */
const INDENT_UNITS: ReadonlySet<string> = new Set([' ', '\\t', '\\x20']);

/**
 * The lines again, none of which starts (after its indentation) with `>>>` once Python has
 * read the escapes: doctest (`pytest --doctest-modules`) would run such a line as code. A
 * backslash goes before the prompt (`\\>>>`), and a line that no longer fits is cut again.
 */
function withoutPrompts(lines: readonly string[][], hardWidth: number): string[][] {
  const out: string[][] = [];
  const queue = [...lines];
  while (queue.length > 0) {
    let line = queue.shift()!;
    let at = 0;
    while (at < line.length && INDENT_UNITS.has(line[at]!)) at++;
    if (line[at] === '>' && line[at + 1] === '>' && line[at + 2] === '>') {
      line = [...line.slice(0, at), '\\\\', ...line.slice(at)];
      if (unitsWidth(line) > hardWidth) {
        let cut = line.length;
        while (cut > at + 4 && unitsWidth(line.slice(0, cut)) > hardWidth) cut--;
        queue.unshift(line.slice(cut));
        line = line.slice(0, cut);
      }
    }
    out.push(line);
  }
  return out;
}

const unitsWidth = (units: readonly string[]) => units.reduce((sum, unit) => sum + width(unit), 0);

/** A wrapped line: trailing spaces written as `\x20` so flake8 sees none. */
function finish(line: readonly string[]): string {
  const out = [...line];
  for (let i = out.length - 1; i >= 0 && out[i] === ' '; i--) out[i] = '\\x20';
  return out.join('');
}

/** A long string's pieces of at most TEXT_WIDTH, cut after a space where there is one; never inside an escape. */
function pieces(units: readonly string[]): string[] {
  const out: string[] = [];
  let piece: string[] = [];
  let pieceWidth = 0;
  for (const unit of units) {
    if (pieceWidth + width(unit) > TEXT_WIDTH && piece.length > 0) {
      const space = piece.lastIndexOf(' ');
      const cut = space > 0 && space < piece.length - 1 ? space + 1 : piece.length;
      out.push(piece.slice(0, cut).join(''));
      piece = piece.slice(cut);
      pieceWidth = piece.reduce((sum, part) => sum + width(part), 0);
    }
    piece.push(unit);
    pieceWidth += width(unit);
  }
  if (piece.length > 0) out.push(piece.join(''));
  return out;
}

/** Columns as flake8 counts them: code points. */
function width(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Line 1 of every Python file, the same in all of them: nothing of a seed's name may reach
 * lines 1–2, where Python reads an encoding declaration (`# coding: utf-7` in a file name
 * would make it decode the file as UTF-7). Each module names its seed in its docstring.
 */
export const PYTHON_NOTICE = `Code generated by ${GENERATOR}. DO NOT EDIT.`;
