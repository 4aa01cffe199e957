import { Document, isMap, isScalar, Scalar } from 'yaml';

/**
 * YAML text of JSON-like data, byte for byte what `yaml` writes for it:
 * `new Document(value, { aliasDuplicateObjects: false }).toString({ lineWidth: 0 })`, with
 * the strings `doubleQuoted` picks set to QUOTE_DOUBLE.
 *
 * Why not yaml alone: it builds a node per value and tries every tag of its schema on
 * every scalar, which on the OpenAPI document of a 100,000-code catalogue takes seconds.
 * Here the block structure (`key: value`, `- item`, indentation, `[]`, `{}`) is written
 * directly, and so are strings that yaml writes plain for sure; every other scalar
 * (quoted, block, multi-line) is rendered by yaml itself and indented into place.
 *
 * Handles a non-empty object or array of plain objects, arrays, strings, safe integers,
 * booleans and null; returns undefined for anything else (the caller then asks yaml for
 * the whole document).
 */
export function writeYaml(value: unknown, options: YamlWriterOptions = {}): string | undefined {
  const writer = new Writer(options.doubleQuoted ?? (() => false));
  try {
    if (!isNonEmptyCollection(value)) return undefined;
    writer.collection(value, '');
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return writer.out.join('');
}

export interface YamlWriterOptions {
  /** Strings to write double-quoted whatever they hold (optional, default: none). */
  readonly doubleQuoted?: (text: string) => boolean;
}

/**
 * Strings yaml writes plain: a letter (or `$`, or a non-ASCII character) first; no
 * control, line break, tab or lone surrogate; `:` never before a blank or at the end; `#`
 * never after a blank; no trailing blank. Everything else goes to yaml. A loop, not a
 * regular expression: a backtracking `(?:…|…)*` overflows the stack on a 10 MB cell.
 */
function isPlain(text: string): boolean {
  if (text === '') return false;
  const first = text.charCodeAt(0);
  const letter = (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a) || first === 0x24;
  const other = (first >= 0xa0 && first <= 0x2027) || (first >= 0x202a && first <= 0xd7ff) || (first >= 0xe000 && first <= 0xfefe) || (first >= 0xff00 && first <= 0xfffd);
  if (!letter && !other) return false;
  const last = text.length - 1;
  for (let index = 1; index <= last; index++) {
    const char = text.charCodeAt(index);
    if (char <= 0x1f || (char >= 0x7f && char <= 0x9f) || char === 0x2028 || char === 0x2029 || (char >= 0xd800 && char <= 0xdfff) || char === 0xfeff) return false;
    if (char === 0x3a /* : */ && (index === last || text.charCodeAt(index + 1) === 0x20)) return false;
    if (char === 0x23 /* # */ && text.charCodeAt(index - 1) === 0x20) return false;
    if (char === 0x20 && index === last) return false;
  }
  return true;
}
/** Plain words the YAML core schema reads as booleans or null: yaml quotes them. */
const CORE_WORD = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL)$/;

class Unsupported extends Error {}

class Writer {
  readonly out: string[] = [];
  /** yaml's renderings of the strings it must write, by depth, quoting and text. */
  private readonly values = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  constructor(private readonly doubleQuoted: (text: string) => boolean) {}

  /** A non-empty map or sequence whose lines start at `indent`. */
  collection(value: object, indent: string): void {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        if (!(index in value)) throw new Unsupported();
        this.item(value[index], indent);
      }
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const line = `${indent}${this.key(key, indent)}:`;
      if (isNonEmptyCollection(item)) {
        this.out.push(line + '\n');
        this.collection(item, indent + '  ');
      } else this.out.push(`${line} ${this.inline(item, indent)}\n`);
    }
  }

  /** `- item`; a nested collection starts on the dash's line. */
  private item(value: unknown, indent: string): void {
    if (!isNonEmptyCollection(value)) {
      this.out.push(`${indent}- ${this.inline(value, indent)}\n`);
      return;
    }
    const first = this.out.length;
    this.collection(value, indent + '  ');
    this.out[first] = `${indent}- ${this.out[first]!.slice(indent.length + 2)}`;
  }

  /** A scalar or an empty collection, written after `key: ` or `- ` on a line at `indent`. */
  private inline(value: unknown, indent: string): string {
    if (value === null) return 'null';
    if (value === true || value === false) return String(value);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value) || Object.is(value, -0)) throw new Unsupported();
      return String(value);
    }
    if (Array.isArray(value) && value.length === 0) return '[]';
    if (isPlainObject(value) && Object.keys(value).length === 0) return '{}';
    if (typeof value !== 'string') throw new Unsupported();
    const quoted = this.doubleQuoted(value);
    if (!quoted && isPlain(value) && !CORE_WORD.test(value)) return value;
    return this.rendered(this.values, 'value', value, quoted, indent);
  }

  /** A map key at `indent`: plain when safe, else as yaml writes it. */
  private key(key: string, indent: string): string {
    const quoted = this.doubleQuoted(key);
    if (!quoted && isPlain(key) && !CORE_WORD.test(key)) return key;
    return this.rendered(this.keys, 'key', key, quoted, indent);
  }

  /** yaml's rendering of a key or a value at `indent` (it can depend on the depth), cached. */
  private rendered(cache: Map<string, string>, role: 'key' | 'value', text: string, quoted: boolean, indent: string): string {
    const id = `${indent.length}${quoted ? '"' : "'"}${text}`;
    let rendered = cache.get(id);
    if (rendered === undefined) {
      rendered = renderAt(role, text, quoted, indent);
      cache.set(id, rendered);
    }
    return rendered;
  }
}

/**
 * How yaml writes `text` as a key, or as a value after `key: `, in a map at `indent`: the
 * map is nested that deep under `k:` keys, so block and folded lines come out indented
 * where they belong.
 */
function renderAt(role: 'key' | 'value', text: string, quoted: boolean, indent: string): string {
  const depth = indent.length / 2;
  let value: unknown = role === 'key' ? { [text]: null } : { k: text };
  for (let level = 0; level < depth; level++) value = { k: value };
  const document = new Document(value, { aliasDuplicateObjects: false });
  let map = document.contents;
  for (let level = 0; level < depth && isMap(map); level++) map = map.items[0]?.value as typeof map;
  const pair = isMap(map) ? map.items[0] : undefined;
  const node = role === 'key' ? pair?.key : pair?.value;
  if (quoted && isScalar(node)) node.type = Scalar.QUOTE_DOUBLE;
  const written = document.toString({ lineWidth: 0 });
  // The rendering starts on line `depth`, after the indentation (and `k: ` for a value).
  let start = 0;
  for (let level = 0; level < depth; level++) start = written.indexOf('\n', start) + 1;
  if (!written.startsWith(indent, start) || !written.endsWith('\n')) throw new Unsupported();
  const line = written.slice(start + indent.length, -1);
  if (role === 'value') {
    if (!line.startsWith('k: ')) throw new Unsupported();
    return line.slice(3);
  }
  if (!line.endsWith(': null') || line.includes('\n')) throw new Unsupported();
  return line.slice(0, -': null'.length);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isNonEmptyCollection(value: unknown): value is object {
  if (Array.isArray(value)) return value.length > 0;
  if (!isPlainObject(value)) {
    if (typeof value === 'object' && value !== null) throw new Unsupported();
    return false;
  }
  const entries = Object.values(value);
  if (entries.includes(undefined)) throw new Unsupported();
  return entries.length > 0;
}
