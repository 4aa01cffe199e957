import { GO_INITIALISMS } from './initialisms.js';
import { casedWord, namePhrase } from './name-phrase.js';

export { GO_INITIALISMS } from './initialisms.js';

/** Longest identifier we derive from a message; longer messages are cut at a word. */
const MAX_NAME_LENGTH = 60;

/**
 * Names no member may take: they clash with what the emitters declare next to the
 * members (Go package-level identifiers, TS enum restrictions).
 */
export const RESERVED_MEMBER_NAMES: ReadonlySet<string> = new Set([
  'Code', 'Codes', 'Lookup', 'Variant', 'Info', 'Infinity', 'NaN', 'All', 'Known', 'IsKnown',
]);

const IDENTIFIER = /^[A-Z][A-Za-z0-9]*$/;

/** Is `name` a member name every target accepts? */
export function isValidMemberName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED_MEMBER_NAMES.has(name);
}

/**
 * `Talent not exist` → `TalentNotExist`, `LOGIN_REQUIRED` → `LoginRequired`,
 * `Update Talent ID Conflict` → `UpdateTalentIDConflict`. Only ASCII letters and digits
 * survive; returns '' when the text has none.
 */
export function toPascalCase(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .flatMap((word) => word.split(/(?<=[a-z])(?=[A-Z][a-z])/));
  let name = '';
  for (const word of words) {
    // An all-caps word stays so only when it is an initialism: `NOT_EXIST` → `NotExist`, `APP_ID` → `AppID`.
    const next = casedWord(word);
    if (name.length > 0 && name.length + next.length > MAX_NAME_LENGTH) break;
    name += next;
  }
  return name;
}

/** Makes a name safe: a leading digit gets `E`, a reserved word gets `Error`; undefined without a letter. */
export function safeMemberName(name: string): string | undefined {
  if (name === '' || !/[A-Za-z]/.test(name)) return undefined;
  if (/^[0-9]/.test(name)) name = 'E' + name;
  if (RESERVED_MEMBER_NAMES.has(name)) name += 'Error';
  return name;
}

/** The doc's own name for a code (`LOGIN_REQUIRED` → `LoginRequired`), kept whole. */
export function docMemberName(text: string): string | undefined {
  return safeMemberName(toPascalCase(text));
}

/**
 * A member name from a row's text (see name-phrase.ts): `Talent not exist` → `TalentNotExist`,
 * `Invalid access token for authorization. Please…` → `InvalidAccessTokenForAuthorization`,
 * `人才不存在` → `TalentNotFound`; undefined when the text names nothing.
 */
export function toMemberName(text: string): string | undefined {
  const words = namePhrase(text);
  return words === undefined ? undefined : safeMemberName(words.join(''));
}

/**
 * Trailing words of a page's file name that say "this is the error-code page" and name
 * nothing: `corehr-cost-center-error-code` → `corehr-cost-center`.
 */
const PAGE_SUFFIX =
  /[-_.](?:errors?|errs?|errno|errcodes?|errorcodes?|errmsg|errormsg)(?:[-_.](?:codes?|msgs?|messages?|info|section|spec|list|table|md|pipe|page|doc))*$/i;

/** `corehr-cost-center-error-code` → `corehr-cost-center`, `hire-v1` → `hire-v1`; never empty. */
export function moduleStem(id: string): string {
  const stem = id.replace(PAGE_SUFFIX, '');
  return stem === '' ? id : stem;
}

/** `hire-v1` → `Hire`, `corehr-cost-center-error-code` → `CorehrCostCenter` (a version and error-page words are dropped). */
export function moduleBaseName(id: string): string {
  const stem = moduleStem(id);
  const withoutVersion = stem.replace(/[-_.]?v\d+$/i, '');
  const base = toPascalCase(withoutVersion || stem);
  return base === '' ? 'Module' : /^[0-9]/.test(base) ? 'M' + base : base;
}


/** The Go form of a member name, derived from the one locked name (see GO_INITIALISMS). */
export function goMemberName(name: string): string {
  return name
    .split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .map((word) => {
      const upper = word.toUpperCase();
      if (GO_INITIALISMS.has(upper)) return upper;
      // A plural initialism: `Ids` → `IDs`, `Urls` → `URLs`.
      if (/^[A-Za-z]+s$/.test(word) && GO_INITIALISMS.has(upper.slice(0, -1)) && word.length > 2) return upper.slice(0, -1) + 's';
      return word;
    })
    .join('');
}

/** Go keywords and predeclared identifiers that a package name must not be. */
const GO_RESERVED = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func',
  'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct',
  'switch', 'type', 'var', 'main', 'string', 'int', 'error', 'bool', 'byte', 'rune', 'len', 'cap', 'new',
  'make', 'nil', 'true', 'false', 'iota', 'any', 'errors', 'fmt', 'strconv', 'sort',
  // `package init` does not build (init is a function name the compiler reserves); the
  // shared runtime package go/feishuerr is ours.
  'init', 'feishuerr',
]);

/**
 * The Go identifier of every member name of one module: its Go form, unless two names
 * would meet there (`AppIdX` and `AppIDX`), then the later one (in code-unit order) keeps
 * its own spelling. Same names in, same identifiers out.
 */
export function goMemberNames(names: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set(names.filter((name) => goMemberName(name) === name));
  for (const name of [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const go = goMemberName(name);
    if (go === name) result.set(name, name);
    else if (!used.has(go)) {
      result.set(name, go);
      used.add(go);
    } else result.set(name, name);
  }
  return result;
}

/**
 * `hire-v1` → `hire`, `corehr-cost-center-error-code` → `corehrcostcenter`; never a keyword
 * nor one of `taken` (the names the Go emitter reserves: `http` → `httpcodes`).
 */
export function goPackageName(id: string, taken: ReadonlyMap<string, unknown> | ReadonlySet<string> = new Set()): string {
  const stem = moduleStem(id);
  const withoutVersion = stem.replace(/[-_.]?v\d+$/i, '') || stem;
  let name = withoutVersion.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (name === '' || /^[0-9]/.test(name)) name = 'm' + name;
  if (GO_RESERVED.has(name) || taken.has(name)) name += 'codes';
  return name;
}

export function isValidGoPackage(name: string): boolean {
  return /^[a-z][a-z0-9]*$/.test(name) && !GO_RESERVED.has(name);
}

export function isValidTypeName(name: string): boolean {
  return /^[A-Z][A-Za-z0-9]*$/.test(name);
}

/**
 * Type names a module must not take: JavaScript/TypeScript globals (a module-level
 * `enum Object` would shadow the global the generated code and the user's code rely on),
 * the names of the shared runtime (ts/feishu-error.ts), and `Code` (the OpenAPI response
 * is named after the type name without its `Code` suffix, which would leave nothing).
 */
export const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  'Object', 'Array', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'Function', 'Date', 'RegExp', 'Math', 'JSON',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Promise', 'Proxy', 'Reflect', 'Intl', 'Atomics', 'Iterator',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'Infinity', 'NaN', 'Finite', 'Record', 'Readonly', 'ReadonlyArray', 'ReadonlyMap', 'ReadonlySet', 'Partial',
  'Required', 'Pick', 'Omit', 'Exclude', 'Extract', 'NonNullable', 'ReturnType', 'Parameters', 'InstanceType',
  'Awaited', 'Uppercase', 'Lowercase', 'Capitalize', 'Uncapitalize', 'PropertyKey', 'ArrayLike', 'PromiseLike',
  'Code', 'FeishuApiError', 'FeishuCode', 'FeishuError',
]);

/** Why `name` cannot be a module's type name, or undefined when every target accepts it. */
export function typeNameProblem(name: string): string | undefined {
  if (!isValidTypeName(name)) return 'expected PascalCase (ASCII letters and digits, first letter upper-case)';
  if (RESERVED_TYPE_NAMES.has(name)) return name === 'Code' ? 'the OpenAPI response is named after the type name without `Code`, which leaves nothing' : 'it would shadow a global or a name of the shared runtime that the generated code uses';
  return undefined;
}

/** Element names Windows reserves, which Go refuses in a module path (`CON`, `com1.x`). */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * Why `path` is not a Go module path, or undefined. Follows golang.org/x/mod/module's
 * CheckPath element rules (what `go build` checks in go.mod): elements of ASCII letters,
 * digits and `-._~`, none empty, none starting or ending with a dot, none a Windows
 * device name, none ending in `~` and digits; the first does not start with `-`. The
 * first element needs no dot: Go builds such local modules (`feishu-errcodes/generated/go`).
 */
export function goModuleProblem(path: string): string | undefined {
  if (path === '') return 'it is empty';
  if (path.startsWith('/') || path.endsWith('/')) return 'it starts or ends with `/`';
  const elements = path.split('/');
  if (elements[0]!.startsWith('-')) return 'its first element starts with `-`';
  for (const element of elements) {
    if (element === '') return 'it has an empty element (`//`)';
    const bad = /[^A-Za-z0-9._~-]/.exec(element);
    if (bad) return `element \`${element}\` holds \`${bad[0]}\`; only ASCII letters, digits and - . _ ~ are allowed`;
    if (/^\.+$/.test(element)) return `element \`${element}\` is only dots`;
    if (element.startsWith('.')) return `element \`${element}\` starts with a dot`;
    if (element.endsWith('.')) return `element \`${element}\` ends with a dot`;
    const short = element.split('.', 1)[0]!;
    if (WINDOWS_RESERVED.test(short)) return `element \`${element}\` is a device name Windows reserves (\`${short}\`)`;
    if (/~[0-9]+$/.test(short)) return `element \`${element}\` ends in \`~\` and digits (a Windows short name)`;
  }
  return undefined;
}
