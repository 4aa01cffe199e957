import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import type { ErrorCatalog, ErrorEntry, ErrorModule } from '../model.js';
import { CURATED_CODES } from '../normalize/curated-codes.js';
import { curatedVerdict } from '../normalize/classify.js';
import { constantNames, upperSnake } from '../normalize/constant-names.js';
import { generatedNotice, moduleNotice, variantLine } from './header.js';
import { lookupTables, type LookupTables } from './lookup-tables.js';
import type { EmitOptions, OutputFile } from './types.js';
import { wellFormedCatalog } from './well-formed.js';

const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });
const templateOf = (name: string) => eta.compile(readFileSync(new URL(`../../templates/java/${name}.java.eta`, import.meta.url), 'utf8'));
const moduleTemplate = templateOf('ErrorCode');
/** The runtime's classes, one file each, in the module's package. */
const RUNTIME_CLASSES = ['FeishuErrorCategory', 'FeishuRetry', 'FeishuCodeInfo', 'FeishuApiException', 'FeishuErrors', 'FeishuJson', 'FeishuRetryPolicy', 'FeishuEndpoints', 'FeishuClient'] as const;
const runtimeTemplates = new Map(RUNTIME_CLASSES.map((name) => [name, templateOf(name)]));

/** Java package of the target when the config sets none. */
export const DEFAULT_JAVA_PACKAGE = 'feishu.errcodes';

/**
 * A module of more codes than this is a class of `int` constants instead of an enum: an
 * enum's static initializer grows with every constant, and the JVM caps a method at 64 KB
 * and a class at 65,535 constant-pool entries (about 2,700 enum constants with an argument).
 */
export const MAX_ENUM_CONSTANTS = 2000;
/** Entries per info-table method (each `infos.add(new FeishuCodeInfo(…))` is about 60 bytes of bytecode). */
const ENTRIES_PER_METHOD = 100;
/** Entries per info-table class (each text is two constant-pool entries). */
const ENTRIES_PER_CLASS = 1000;
/** A string constant holds at most 65,535 bytes of modified UTF-8 (3 per UTF-16 unit at worst): longer texts are joined at run time. */
const MAX_LITERAL_UNITS = 8000;

/** Java's reserved words and literals: none may be a package segment. */
const JAVA_KEYWORDS: ReadonlySet<string> = new Set([
  'abstract', 'assert', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class', 'const', 'continue', 'default', 'do',
  'double', 'else', 'enum', 'extends', 'final', 'finally', 'float', 'for', 'goto', 'if', 'implements', 'import',
  'instanceof', 'int', 'interface', 'long', 'native', 'new', 'package', 'private', 'protected', 'public', 'return',
  'short', 'static', 'strictfp', 'super', 'switch', 'synchronized', 'this', 'throw', 'throws', 'transient', 'try',
  'void', 'volatile', 'while', 'true', 'false', 'null', '_', 'var', 'yield', 'record', 'sealed', 'permits', 'non-sealed',
]);

/** The public types of java.lang (JDK 17), which every file imports implicitly. */
const JAVA_LANG_TYPES = [
  'AbstractMethodError', 'Appendable', 'ArithmeticException', 'ArrayIndexOutOfBoundsException', 'ArrayStoreException', 'AssertionError',
  'AutoCloseable', 'Boolean', 'BootstrapMethodError', 'Byte', 'CharSequence', 'Character', 'Class', 'ClassCastException',
  'ClassCircularityError', 'ClassFormatError', 'ClassLoader', 'ClassNotFoundException', 'ClassValue', 'CloneNotSupportedException',
  'Cloneable', 'Comparable', 'Compiler', 'Deprecated', 'Double', 'Enum', 'EnumConstantNotPresentException', 'Error', 'Exception',
  'ExceptionInInitializerError', 'Float', 'FunctionalInterface', 'IllegalAccessError', 'IllegalAccessException', 'IllegalArgumentException',
  'IllegalCallerException', 'IllegalMonitorStateException', 'IllegalStateException', 'IllegalThreadStateException',
  'IncompatibleClassChangeError', 'IndexOutOfBoundsException', 'InheritableThreadLocal', 'InstantiationError', 'InstantiationException',
  'Integer', 'InternalError', 'InterruptedException', 'Iterable', 'LayerInstantiationException', 'LinkageError', 'Long', 'Math', 'Module',
  'ModuleLayer', 'NegativeArraySizeException', 'NoClassDefFoundError', 'NoSuchFieldError', 'NoSuchFieldException', 'NoSuchMethodError',
  'NoSuchMethodException', 'NullPointerException', 'Number', 'NumberFormatException', 'Object', 'OutOfMemoryError', 'Override', 'Package',
  'Process', 'ProcessBuilder', 'ProcessHandle', 'Readable', 'Record', 'ReflectiveOperationException', 'Runnable', 'Runtime',
  'RuntimeException', 'RuntimePermission', 'SafeVarargs', 'SecurityException', 'SecurityManager', 'Short', 'StackOverflowError',
  'StackTraceElement', 'StackWalker', 'StrictMath', 'String', 'StringBuffer', 'StringBuilder', 'StringIndexOutOfBoundsException',
  'SuppressWarnings', 'System', 'Thread', 'ThreadDeath', 'ThreadGroup', 'ThreadLocal', 'Throwable', 'TypeNotPresentException', 'UnknownError',
  'UnsatisfiedLinkError', 'UnsupportedClassVersionError', 'UnsupportedOperationException', 'VerifyError', 'VirtualMachineError', 'Void',
];

/**
 * Type names a module may not take in Java: the runtime's classes in the same package,
 * every public type of java.lang, and the names the templates import or declare (read
 * from the templates, so the table cannot drift from them: `HashMap`, `Table`, `Verdict`).
 * A module class of such a name would shadow the type the generated code means.
 */
const JAVA_RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  ...RUNTIME_CLASSES,
  ...JAVA_LANG_TYPES,
  ...['ErrorCode', ...RUNTIME_CLASSES].flatMap((name) => {
    const text = readFileSync(new URL(`../../templates/java/${name}.java.eta`, import.meta.url), 'utf8');
    return [...text.matchAll(/^import (?:static )?[a-z][\w.]*\.([A-Z]\w*);$|\b(?:class|enum|record|interface) ([A-Z]\w*)/gm)].map((match) => (match[1] ?? match[2])!);
  }),
]);

/** The JDK's own package namespaces: javac refuses a class in a package a JDK module has (`javax.swing`, `sun.misc`, `com.sun.net.httpserver`). */
const JDK_PACKAGE_PREFIXES = ['java', 'javax', 'jdk', 'sun', 'com.sun', 'org.w3c.dom', 'org.xml.sax', 'org.ietf.jgss', 'netscape.javascript'];

/** Why `name` cannot be the Java package, or undefined when it can. */
export function javaPackageProblem(name: string): string | undefined {
  const segments = name.split('.');
  for (const segment of segments) {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) return `segment \`${segment}\` is not a Java identifier (ASCII letters, digits, _ and $, not starting with a digit)`;
    if (JAVA_KEYWORDS.has(segment)) return `segment \`${segment}\` is a Java keyword`;
  }
  const jdk = JDK_PACKAGE_PREFIXES.find((prefix) => name === prefix || name.startsWith(`${prefix}.`));
  if (jdk !== undefined) return `packages under \`${jdk}.\` belong to the JDK and javac refuses them`;
  return undefined;
}

/** Why `typeName` cannot be a module's class in Java, or undefined when it can. */
export function javaTypeNameProblem(typeName: string): string | undefined {
  if (/^Part[0-9]+$/.test(typeName)) return 'the class nests info-table classes of that name';
  return JAVA_RESERVED_TYPE_NAMES.has(typeName) ? 'it would shadow a class of the Java runtime, of java.lang, or one the generated code imports or declares' : undefined;
}

/**
 * `TalentNotExist` → `TALENT_NOT_EXIST`, `AppIDUnauthorized` → `APP_ID_UNAUTHORIZED`,
 * `Code1002102` → `CODE_1002102`: the Java constant of a locked PascalCase name, by the one
 * UPPER_SNAKE rule the Python members follow too (normalize/constant-names.ts).
 */
export function javaConstantName(name: string): string {
  return upperSnake(name);
}

/**
 * The constants of a module's names, in order. Two names that give the same constant
 * (`AppId` and `AppID`) are told apart as in Python: the later in code-unit order gets a
 * suffix (`APP_ID_2`).
 */
export function javaConstantNames(entries: readonly Pick<ErrorEntry, 'name' | 'code'>[]): string[] {
  const constants = constantNames(entries.map((entry) => entry.name));
  return entries.map((entry) => constants.get(entry.name)!);
}

const hex4 = (unit: number) => unit.toString(16).toUpperCase().padStart(4, '0');
/** Characters never written raw: C0/C1 controls, line/paragraph separators, bidi and invisible controls. */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/;

/** A single code unit or pair, with lone surrogates kept apart. */
function* units(text: string): Generator<string> {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      yield text.slice(index, index + 2);
      index++;
    } else yield text[index]!;
  }
}

const isLoneSurrogate = (char: string) => char.length === 1 && char.charCodeAt(0) >= 0xd800 && char.charCodeAt(0) <= 0xdfff;

/**
 * A Java string literal. Backslashes are doubled, so no `\u` of the text is a Unicode escape
 * for javac; controls, separators and lone surrogates are written as `\uXXXX` escapes (never
 * a line end, quote or backslash, which have their own escapes). A text too long for one
 * class-file constant is joined at run time.
 */
export function javaString(text: string): string {
  if (text.length > MAX_LITERAL_UNITS) {
    const parts: string[] = [];
    let at = 0;
    while (at < text.length) {
      let end = Math.min(at + MAX_LITERAL_UNITS, text.length);
      // Never split a surrogate pair.
      if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
      parts.push(text.slice(at, end));
      at = end;
    }
    return `String.join("", ${parts.map((part) => javaString(part)).join(', ')})`;
  }
  let out = '"';
  for (const char of units(text)) {
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (UNSAFE.test(char) || isLoneSurrogate(char)) out += `\\u${hex4(char.charCodeAt(0))}`;
    else out += char;
  }
  return out + '"';
}

/**
 * Text for a Javadoc comment, as lines. HTML is escaped (`<`, `>`, `&`), `@` cannot start a
 * tag, a backslash is an entity (javac decodes `\u002a/` even in comments), `*‌/` cannot end
 * the comment; controls and lone surrogates show as `\uXXXX` text.
 */
export function javadocLines(text: string): string[] {
  let out = '';
  for (const char of units(text)) {
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '@') out += '&#64;';
    else if (char === '\\') out += '&#92;';
    else if (char === '/' && out.endsWith('*')) out += '&#47;';
    else if (char === '\n') out += '\n';
    else if (char === '\t') out += ' ';
    else if (char === '\r') continue;
    else if (UNSAFE.test(char) || isLoneSurrogate(char)) out += `&#92;u${hex4(char.charCodeAt(0))}`;
    else out += char;
  }
  return out.split('\n').map((line) => line.trimEnd());
}

/** A `//` comment's text: doubled backslashes make no `\u` a Unicode escape, so nothing ends the line. */
function lineComment(text: string): string {
  return text.replace(/\\/g, '\\\\');
}

/** `feishu.errcodes` → `feishu/errcodes`. */
export function javaPackagePath(name: string): string {
  return name.split('.').join('/');
}

/**
 * Java: `java/<package path>/<TypeName>.java` per module (an enum, or a class of int
 * constants past MAX_ENUM_CONSTANTS codes) and the runtime beside them: FeishuApiException,
 * FeishuErrors (parse, lookup, verdict), FeishuRetryPolicy and their types. Java 17, no
 * dependency.
 */
export function emitJava(input: ErrorCatalog, options: EmitOptions): OutputFile[] {
  const catalog = wellFormedCatalog(input);
  const pkg = options.javaPackage ?? DEFAULT_JAVA_PACKAGE;
  const dir = `java/${javaPackagePath(pkg)}`;
  const files = catalog.modules.map((module) => ({
    path: `${dir}/${module.typeName}.java`,
    contents: eta.render(moduleTemplate, moduleData(module, pkg)),
  }));
  const notice = lineComment(generatedNotice(catalog.modules.length === 1 ? catalog.modules[0]!.seed : 'the seeds'));
  // Module id order, plain code-unit comparison: the order `lookup` lists modules in and the verdict's last tie-break.
  const modules = [...catalog.modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const platform = [...CURATED_CODES].sort((a, b) => a.code - b.code);
  const data = {
    notice,
    pkg,
    modules,
    platform: {
      codes: platform.map((entry) => `${entry.code},`),
      categories: platform.map((entry) => `FeishuErrorCategory.${entry.category.toUpperCase()},`),
      retryable: platform.map((entry) => `${entry.retryable},`),
      retries: platform.map((entry) => `FeishuRetry.${curatedVerdict(entry).retry.toUpperCase()},`),
    },
    ...javaLookupTables(lookupTables(catalog)),
  };
  for (const name of RUNTIME_CLASSES) files.push({ path: `${dir}/${name}.java`, contents: eta.render(runtimeTemplates.get(name)!, data) });
  return files;
}

/** Lookup rows per nested class of FeishuEndpoints: each class has its own 64 KB method and constant pool. */
const LOOKUP_ROWS_PER_CLASS = 200;

/** The lookup rows of FeishuEndpoints (endpoints, endpoint meanings, sub-codes) as constructor calls, in chunks of one class each. */
function javaLookupTables(tables: LookupTables): { endpoints: string[][]; meanings: string[][]; subCodes: string[][] } {
  const chunks = (rows: string[]) => {
    const out: string[][] = [];
    for (let at = 0; at < rows.length; at += LOOKUP_ROWS_PER_CLASS) out.push(rows.slice(at, at + LOOKUP_ROWS_PER_CLASS));
    return out;
  };
  const verdict = (row: { category: string; retryable: boolean; retry: string }) => [`FeishuErrorCategory.${row.category.toUpperCase()}`, String(row.retryable), `FeishuRetry.${row.retry.toUpperCase()}`];
  const endpoints = tables.endpoints.map((row) => {
    const limit = row.rateLimit;
    const tier = limit === undefined ? 'Optional.empty()' : `Optional.of(new RateLimit(${limit.perSecond ?? 0}, ${limit.perMinute ?? 0}, ${limit.special === true}, ${javaString(limit.text)}))`;
    return `new Endpoint(${[javaString(row.module), javaString(row.method), javaString(row.path), javaString(row.docUrl ?? ''), tier].join(', ')})`;
  });
  const meanings = tables.meanings.map(
    (row) =>
      `new Meaning(${[
        javaString(row.module), String(row.code), javaString(row.method), javaString(row.path), javaString(row.docUrl ?? ''), String(row.httpStatus ?? 0),
        javaString(row.message ?? ''), javaString(row.description ?? ''), javaString(row.suggestion ?? ''), ...verdict(row),
      ].join(', ')})`,
  );
  const subCodes = tables.subCodes.map(
    (row) =>
      `new SubCodeRow(${javaString(row.module)}, ${row.code}, new SubCode(${[
        String(row.subCode), javaString(row.errMsg ?? ''), javaString(row.name), javaString(row.message), javaString(row.description ?? ''), javaString(row.suggestion ?? ''), ...verdict(row),
      ].join(', ')}))`,
  );
  return { endpoints: chunks(endpoints), meanings: chunks(meanings), subCodes: chunks(subCodes) };
}

function moduleData(module: ErrorModule, pkg: string) {
  const constants = javaConstantNames(module.entries);
  const about = [
    ...(module.sourceUrl ? ['', `<p>Source: ${module.sourceUrl}`] : []),
    ...(module.docUpdated ? ['', `<p>Doc updated: ${module.docUpdated}`] : []),
  ];
  const asEnum = module.entries.length <= MAX_ENUM_CONSTANTS;
  const doc = [
    `Error codes of ${module.id}: ${javadocLines(module.title).join(' ')}.`,
    ...about.map((line) => (line.startsWith('<p>') ? `<p>${javadocLines(line.slice(3)).join(' ')}` : line)),
    ...(asEnum ? [] : ['', `<p>A class of int constants, not an enum: Java enums cannot hold ${module.entries.length} constants.`]),
  ];
  const infos = module.entries.map((entry) => infoLiteral(module, entry));
  const parts = [];
  for (let start = 0; start < infos.length; start += ENTRIES_PER_CLASS) {
    const slice = infos.slice(start, start + ENTRIES_PER_CLASS);
    const chunks = [];
    for (let at = 0; at < slice.length; at += ENTRIES_PER_METHOD) chunks.push(slice.slice(at, at + ENTRIES_PER_METHOD));
    parts.push({ name: `Part${parts.length}`, chunks });
  }
  return {
    notice: lineComment(moduleNotice(module)),
    pkg,
    typeName: module.typeName,
    doc,
    asEnum,
    entries: module.entries.map((entry, index) => ({ constant: constants[index]!, code: entry.code, deprecated: entry.deprecated === true, doc: entryDoc(entry, constants[index]!) })),
    parts,
  };
}

function entryDoc(entry: ErrorEntry, constant: string): string[] {
  const lines = [`${constant} (${entry.code}): ${javadocLines(entry.message || 'no message in the doc').join(' ')}`];
  const paragraph = (text: string) => {
    const [first = '', ...rest] = javadocLines(text);
    lines.push('', `<p>${first}`, ...rest);
  };
  if (entry.description) paragraph(`说明: ${entry.description}`);
  if (entry.suggestion) paragraph(`排查建议: ${entry.suggestion}`);
  if (entry.httpStatus !== undefined) lines.push('', `<p>HTTP status: ${entry.httpStatus}`);
  for (const variant of entry.variants ?? []) paragraph(variantLine(variant));
  lines.push('', `<p>Category: ${entry.category}; retry: ${entry.retry}.`);
  if (entry.deprecated) lines.push('', '@deprecated no longer listed in the doc; kept by the name lock.');
  return lines;
}

function infoLiteral(module: ErrorModule, entry: ErrorEntry): string {
  return `new FeishuCodeInfo(${[
    javaString(module.id),
    String(entry.code),
    javaString(entry.name),
    javaString(entry.message),
    javaString(entry.description ?? ''),
    javaString(entry.suggestion ?? ''),
    String(entry.httpStatus ?? 0),
    javaString(entry.section ?? ''),
    String(entry.deprecated === true),
    `FeishuErrorCategory.${entry.category.toUpperCase()}`,
    String(entry.retryable),
    `FeishuRetry.${entry.retry.toUpperCase()}`,
    javaString(entry.categorySource),
    javaString(module.sourceUrl ?? ''),
  ].join(', ')})`;
}
