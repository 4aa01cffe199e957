import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { ComparableCatalog } from './diff/changes.js';
import { entryTexts } from './model.js';
import { grouped, MAX_LOCK_ENTRIES, MAX_PRINTED_MESSAGES } from './limits.js';
import { stripBom } from './read-input.js';
import type { LockedEntry } from './normalize/normalize-doc.js';

/** Default lock file name, kept beside the seeds. */
export const LOCK_FILE = 'feishu-errcodes.lock.json';
/** The lock's JSON Schema, shipped in the package's `schema/` folder. */
export const LOCK_SCHEMA_FILE = 'names-lock.schema.json';
const PACKAGE_NAME = 'feishu-errcodes';

/**
 * The name lock: per module, per code, the committed name and the last texts the doc
 * gave (so a code that disappears is still emitted, as deprecated, with its texts).
 */
export interface NameLock {
  /** Where editors find the schema (optional); a value the user set is kept. */
  readonly $schema?: string;
  readonly version: 1;
  readonly modules: Readonly<Record<string, Readonly<Record<string, LockedEntry>>>>;
}

export const EMPTY_LOCK: NameLock = { version: 1, modules: {} };

export class LockError extends Error {}

const schema = JSON.parse(readFileSync(new URL(`../schema/${LOCK_SCHEMA_FILE}`, import.meta.url), 'utf8')) as object;
let validator: ReturnType<Ajv2020['compile']> | undefined;

/**
 * Reads lock JSON text; throws LockError listing every invalid entry as
 * `path:line:col: modules["hire-v1"]["1002102"].name: what is wrong`.
 */
export function parseLock(text: string, path: string): NameLock {
  let data: unknown;
  // A byte order mark (Windows editors add one) is not part of the JSON: dropped.
  text = stripBom(text);
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    const offset = /at position (\d+)/.exec(reason)?.[1];
    const where = offset === undefined ? path : `${path}:${lineColumn(text, Number(offset))}`;
    throw new LockError(`${where}: the name lock is not valid JSON (${reason}); fix it, or delete the file to derive every name from the docs again`);
  }
  // Before the schema: validating (and reporting on) a million entries is the expensive part.
  const entries = countEntries(data);
  if (entries > MAX_LOCK_ENTRIES) {
    throw new LockError(`${path}: the name lock holds ${grouped(entries)} entries, more than the ${grouped(MAX_LOCK_ENTRIES)} feishu-errcodes reads (see docs/limits.md); delete the modules or codes you no longer generate, or delete the file to derive every name again`);
  }
  validator ??= new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  if (!validator(data)) {
    const problems = lockProblems(validator.errors ?? [], data, text, path);
    throw new LockError(
      `invalid name lock (fix the entries, or delete one to derive its name from the doc again; schema: schema/${LOCK_SCHEMA_FILE}):\n` +
        problems.map((problem) => `  ${problem}`).join('\n'),
    );
  }
  return data as NameLock;
}

/** Codes of every module in parsed lock JSON (0 for a shape the schema will reject anyway). */
function countEntries(data: unknown): number {
  const modules = typeof data === 'object' && data !== null ? (data as { modules?: unknown }).modules : undefined;
  if (typeof modules !== 'object' || modules === null) return 0;
  let count = 0;
  for (const codes of Object.values(modules)) {
    if (typeof codes === 'object' && codes !== null) for (const _ in codes) count++;
  }
  return count;
}

/** The lock entries of one module as a map by code. */
export function lockedEntries(lock: NameLock, moduleId: string): Map<number, LockedEntry> {
  return new Map(Object.entries(lock.modules[moduleId] ?? {}).map(([code, entry]) => [Number(code), entry]));
}

/**
 * The lock after a run: every entry of every module generated now, deprecated ones
 * marked. Modules whose seed is gone drop out of the lock with their outputs.
 */
export function updatedLock(catalog: ComparableCatalog, schemaRef?: string): NameLock {
  const modules: Record<string, Record<string, LockedEntry>> = {};
  for (const module of [...catalog.modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const codes: Record<string, LockedEntry> = {};
    for (const entry of [...module.entries].sort((a, b) => a.code - b.code)) {
      const { name, ...texts } = entryTexts(entry);
      // `derived` beside `name`: the two differ exactly when the name was chosen by hand.
      codes[String(entry.code)] = { name, ...(entry.derivedName !== undefined && { derived: entry.derivedName }), ...texts };
    }
    modules[module.id] = codes;
  }
  return { ...(schemaRef !== undefined && { $schema: schemaRef }), version: 1, modules };
}

export function serializeLock(lock: NameLock): string {
  return JSON.stringify(lock, null, 2) + '\n';
}

/**
 * The `$schema` a lock carries: the user's own value when the lock has one; else the
 * schema in `node_modules/feishu-errcodes/`, relative to the lock's folder (inside this
 * package's own repository: its `schema/` folder). Never absolute: the lock is committed.
 */
export function lockSchemaRef(cwd: string, lockAbsolute: string, previous: NameLock): string | undefined {
  if (previous.$schema !== undefined) return previous.$schema;
  const root = isThisPackage(cwd) ? cwd : join(cwd, 'node_modules', PACKAGE_NAME);
  const ref = relative(dirname(lockAbsolute), join(root, 'schema', LOCK_SCHEMA_FILE)).split(sep).join('/');
  if (isAbsolute(ref)) return undefined;
  return ref.startsWith('.') ? ref : `./${ref}`;
}

/** What a lock says the catalogue was: names and last texts, no titles or type names. */
export function catalogFromLock(lock: NameLock): ComparableCatalog {
  return {
    modules: Object.keys(lock.modules)
      .sort()
      .map((id) => ({
        id,
        entries: Object.entries(lock.modules[id]!)
          .map(([code, { derived, ...entry }]) => ({ code: Number(code), ...entry, ...(derived !== undefined && { derivedName: derived }) }))
          .sort((a, b) => a.code - b.code),
      })),
  };
}

function isThisPackage(cwd: string): boolean {
  const manifest = join(cwd, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

const ENTRY_KEYS = 'name, derived, message, description, suggestion, httpStatus, section, deprecated';

/** One line per problem, in file order: `path:line:col: where: what`. */
function lockProblems(errors: readonly ErrorObject[], data: unknown, text: string, path: string): string[] {
  const locate = locator(text);
  const problems: { line: number; column: number; text: string }[] = [];
  // A lock of 240,000 bad names has as many errors: the first ones are listed, the rest counted.
  const listed = errors.filter((error) => (error as { propertyName?: string }).propertyName === undefined);
  for (const error of listed.slice(0, MAX_PRINTED_MESSAGES)) {
    // propertyNames reports the failed key twice (the wrapper and its pattern): keep the wrapper.
    if ((error as { propertyName?: string }).propertyName !== undefined) continue;
    const segments = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    const params = error.params as Record<string, unknown>;
    let keyPath = segments;
    let reason: string;
    switch (error.keyword) {
      case 'required':
        reason = `missing "${String(params['missingProperty'])}"`;
        break;
      case 'additionalProperties': {
        const key = String(params['additionalProperty']);
        keyPath = [...segments, key];
        reason = `unknown key "${key}", expected ${segments.length === 0 ? '$schema, version, modules' : ENTRY_KEYS}`;
        break;
      }
      case 'propertyNames': {
        const key = String(params['propertyName']);
        keyPath = [...segments, key];
        reason =
          segments.length === 1
            ? `unexpected module id "${key}", expected a seed file's basename (lower-case letters, digits, . _ -)`
            : `unexpected code "${key}", expected the code in digits without leading zeros, at most 2147483647 (a signed 32-bit int, the widest every target holds)`;
        break;
      }
      case 'type':
        reason = `expected ${article(String(params['type']))}, got ${describe(valueAt(data, segments))}`;
        break;
      case 'pattern':
        reason = `expected a PascalCase identifier (A-Z first, then letters and digits), got ${describe(valueAt(data, segments))}`;
        break;
      case 'not':
        reason = `${describe(valueAt(data, segments))} is reserved (the outputs declare it next to the members), choose another name`;
        break;
      case 'const':
        reason =
          segments[0] === 'version'
            ? `expected 1, got ${describe(valueAt(data, segments))}; this lock was written by another version of feishu-errcodes`
            : `expected true (or no key), got ${describe(valueAt(data, segments))}`;
        break;
      case 'minimum':
      case 'maximum':
        reason = `expected an HTTP status from 100 to 599, got ${describe(valueAt(data, segments))}`;
        break;
      default:
        reason = error.message ?? error.keyword;
    }
    const { line, column } = locate(keyPath);
    problems.push({ line, column, text: `${path}:${line}:${column}: ${entryPath(segments)}: ${reason}` });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const more = listed.length - MAX_PRINTED_MESSAGES;
  return [...new Set(problems.map((problem) => problem.text)), ...(more > 0 ? [`… and ${grouped(more)} more problem(s) of the same kinds not listed`] : [])];
}

/** `["modules", "hire-v1", "1002102", "name"]` → `modules["hire-v1"]["1002102"].name`. */
function entryPath(segments: readonly string[]): string {
  if (segments.length === 0) return '(top level)';
  return segments.map((segment, index) => (index === 0 ? segment : index <= 2 ? `[${JSON.stringify(segment)}]` : `.${segment}`)).join('');
}

/**
 * Line and column of the key at `keyPath` (the JSON is valid): jsonc-parser's tree with
 * offsets, each object's keys indexed once, so locating every error stays linear.
 */
function locator(text: string): (keyPath: readonly string[]) => { line: number; column: number } {
  const root = parseTree(text);
  const keys = new WeakMap<JsonNode, Map<string, JsonNode>>();
  const keysOf = (node: JsonNode): Map<string, JsonNode> => {
    let index = keys.get(node);
    if (index === undefined) {
      index = new Map();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (key !== undefined && typeof key.value === 'string' && !index.has(key.value)) index.set(key.value, property);
      }
      keys.set(node, index);
    }
    return index;
  };
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  return (keyPath) => {
    let node = root;
    let offset = root?.offset ?? 0;
    for (const key of keyPath) {
      if (node?.type !== 'object') break;
      const property = keysOf(node).get(key);
      if (property === undefined) break;
      offset = property.children![0]!.offset;
      node = property.children?.[1];
    }
    return position(lineStarts, offset);
  };
}

/** 1-based line and column of `offset`, by binary search over the offsets lines start at. */
function position(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

function valueAt(data: unknown, segments: readonly string[]): unknown {
  let value = data;
  for (const segment of segments) value = (value as Record<string, unknown> | undefined)?.[segment];
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

function article(type: string): string {
  return type === 'object' || type === 'array' || type === 'integer' ? `an ${type}` : `a ${type}`;
}
