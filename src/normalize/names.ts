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
    const cased = word.length > 3 && word === word.toUpperCase() ? word[0] + word.slice(1).toLowerCase() : word;
    const next = cased[0]!.toUpperCase() + cased.slice(1);
    if (name.length > 0 && name.length + next.length > MAX_NAME_LENGTH) break;
    name += next;
  }
  return name;
}

/** Makes a derived name safe: a leading digit gets `E`, a reserved word gets `Error`. */
export function toMemberName(text: string): string | undefined {
  let name = toPascalCase(text);
  if (name === '' || !/[A-Za-z]/.test(name)) return undefined;
  if (/^[0-9]/.test(name)) name = 'E' + name;
  if (RESERVED_MEMBER_NAMES.has(name)) name += 'Error';
  return name;
}

/** `hire-v1` → `Hire`, `corehr-cost-center` → `CorehrCostCenter` (a version suffix is dropped). */
export function moduleBaseName(id: string): string {
  const withoutVersion = id.replace(/[-_.]?v\d+$/i, '');
  const base = toPascalCase(withoutVersion || id);
  return base === '' ? 'Module' : /^[0-9]/.test(base) ? 'M' + base : base;
}

/** Go keywords and predeclared identifiers that a package name must not be. */
const GO_RESERVED = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func',
  'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct',
  'switch', 'type', 'var', 'main', 'string', 'int', 'error', 'bool', 'byte', 'rune', 'len', 'cap', 'new',
  'make', 'nil', 'true', 'false', 'iota', 'any', 'errors', 'fmt', 'strconv', 'sort',
]);

/** `hire-v1` → `hire`, `corehr-cost-center` → `corehrcostcenter`; never a keyword. */
export function goPackageName(id: string): string {
  const withoutVersion = id.replace(/[-_.]?v\d+$/i, '') || id;
  let name = withoutVersion.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (name === '' || /^[0-9]/.test(name)) name = 'm' + name;
  if (GO_RESERVED.has(name)) name += 'codes';
  return name;
}

export function isValidGoPackage(name: string): boolean {
  return /^[a-z][a-z0-9]*$/.test(name) && !GO_RESERVED.has(name);
}

export function isValidTypeName(name: string): boolean {
  return /^[A-Z][A-Za-z0-9]*$/.test(name);
}
