import { readFileSync } from 'node:fs';
import { MAX_CONFIG_BYTES } from './limits.js';
import { InputFileError, readInputFile, stripBom } from './read-input.js';
import { posix } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { TargetName } from './emit/types.js';
import type { TypeScriptEmit, TypeScriptStyle } from './emit/typescript.js';
import { RULE_IDS } from './diagnostics.js';
import { LOCK_FILE } from './lock.js';
import { goModuleProblem, isValidGoPackage, typeNameProblem } from './normalize/names.js';
import { DEFAULT_JAVA_PACKAGE, javaPackageProblem } from './emit/java.js';
import { DEFAULT_PYTHON_PACKAGE, pythonPackageProblem } from './normalize/python-names.js';
import type { CategoryOverride } from './normalize/classify.js';

/** The config file looked for in the working directory when `--config` is not given. */
export const CONFIG_FILE = 'feishu-errcodes.config.json';

/** The default `targets`, in the order the schema lists them; `python` and `java` are opt-in. */
export const DEFAULT_TARGETS: readonly TargetName[] = ['ts', 'json', 'go', 'openapi', 'docs'];

/** Go module path of `<out>/go/go.mod` when the config sets none. */
export const DEFAULT_GO_MODULE = 'feishu-errcodes/generated/go';

export interface ModuleConfig {
  /** TypeScript enum / OpenAPI schema name (optional, default: from the id, `hire-v1` → `HireErrorCode`). */
  readonly typeName?: string;
  /** Go package (optional, default: from the id, `hire-v1` → `hire`). */
  readonly goPackage?: string;
  /** Member names by code (optional); they win over the lock. */
  readonly names?: Readonly<Record<string, string>>;
  /** Per-code category and retry verdicts by code (optional); they win over every other source. */
  readonly categories?: Readonly<Record<string, CategoryOverride>>;
}

/** Settings of the TypeScript target (`typescript` in the config); see docs/typescript.md. */
export interface TypeScriptConfig {
  /** `enum`: a TS enum; `union`: an `as const` object and a union type, erasable syntax only (optional, default: `enum`). */
  readonly style?: TypeScriptStyle;
  /** `ts`: `.ts` sources; `js+dts`: `.js` + `.d.ts` instead; `ts+js+dts`: all three (optional, default: `ts`). */
  readonly emit?: TypeScriptEmit;
}

/** Settings of the Java target (`java` in the config). */
export interface JavaConfig {
  /** Java package of the generated classes, written under `java/<package path>/` (optional, default: `feishu.errcodes`). */
  readonly package?: string;
}

/** Settings of the Python target (`python` in the config); see docs/outputs.md. */
export interface PythonConfig {
  /** Package folder under `<out>/python/` (optional, default: `feishu_errcodes`). */
  readonly package?: string;
}

/** The config as the user writes it: every field optional. Paths are relative to the config file. */
export interface UserConfig {
  /** Folder of seed docs (optional, default: `seeds`). */
  readonly seeds?: string;
  /** Output folder (optional, default: `generated`). */
  readonly out?: string;
  /** Name lock file (optional, default: `<seeds>/feishu-errcodes.lock.json`). */
  readonly lock?: string;
  /** Targets to emit (optional, default: ts, json, go, openapi, docs; python and java are opt-in). */
  readonly targets?: readonly TargetName[];
  /** Module path of `go/go.mod` (optional, default: `feishu-errcodes/generated/go`). */
  readonly goModule?: string;
  /** Style and files of the TypeScript target (optional, default: an enum in `.ts` files). */
  readonly typescript?: TypeScriptConfig;
  /** Settings of the Java target (optional, default: package `feishu.errcodes`). */
  readonly java?: JavaConfig;
  /** The Python target (optional, default: package `feishu_errcodes`). */
  readonly python?: PythonConfig;
  /** Extra typo corrections, word → correction (optional, default: none). */
  readonly typos?: Readonly<Record<string, string>>;
  /** Per-module settings by module id (optional, default: none). */
  readonly modules?: Readonly<Record<string, ModuleConfig>>;
  /** URL `sync` fetches a page's markdown from, with `{url}` and `{path}` (optional, default: `{url}.md`). */
  readonly syncUrlTemplate?: string;
  /** Severity per rule id, ESLint-style (optional, default: each rule's own). */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Host of each language's pages for `sync --lang` (optional, default: `{ "en": "open.larksuite.com" }`). */
  readonly syncHosts?: Readonly<Record<string, string>>;
}

/** Where `sync --lang <tag>` finds a page in that language when the config names no host: Lark's English site. */
export const DEFAULT_SYNC_HOSTS: Readonly<Record<string, string>> = { en: 'open.larksuite.com' };

/** What `rules` may set a rule to. */
export type RuleSetting = 'off' | 'info' | 'warning' | 'error';

/** The config with its defaults applied once. Paths are relative to the working directory. */
export interface ResolvedConfig {
  readonly seeds: string;
  readonly out: string;
  readonly lock: string;
  readonly targets: readonly TargetName[];
  /** Import path of `<out>/go`: the config's goModule, else the user's module joined (see goUserModule), else the default. */
  readonly goModule: string;
  /** The user's go.mod (display path) the Go packages join when the config sets no goModule: then no `<out>/go/go.mod` is written. */
  readonly goUserModule?: string;
  readonly typescript: Required<TypeScriptConfig>;
  readonly java: Required<JavaConfig>;
  readonly python: Required<PythonConfig>;
  readonly typos: Readonly<Record<string, string>>;
  readonly modules: Readonly<Record<string, ModuleConfig>>;
  /** Undefined when the config sets none: `sync` then uses its default, `{url}.md`. */
  readonly syncUrlTemplate?: string;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly syncHosts: Readonly<Record<string, string>>;
  /**
   * Where each `modules[id].categories[code]` key sits in the config file, as
   * `feishu-errcodes.config.json:12:9`, by module id then code (optional: set when a config file was read).
   */
  readonly categoryPlaces?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A config the user must fix; the message names the file, the key and what it allows. */
export class ConfigError extends Error {}

/** The schema that ships in the package (`schema/config.schema.json`), also used by editors. */
export const CONFIG_SCHEMA = JSON.parse(readFileSync(new URL('../schema/config.schema.json', import.meta.url), 'utf8')) as object;
let validator: ReturnType<Ajv2020['compile']> | undefined;

/** Validates a parsed config; throws ConfigError naming each bad key and what it allows. */
export function validateConfig(data: unknown, path: string): UserConfig {
  // verbose: errors carry their schema, which holds the allowed keys and readable patterns.
  validator ??= new Ajv2020({ allErrors: true, strict: false, verbose: true }).compile(CONFIG_SCHEMA);
  if (validator(data)) {
    const config = data as UserConfig;
    const problems = [
      ...(config.goModule !== undefined ? [goModuleProblem(config.goModule)].filter((why) => why !== undefined).map((why) => `\`goModule\` is ${JSON.stringify(config.goModule)}, which Go rejects: ${why}; use a module path such as github.com/acme/app/generated/go`) : []),
      ...(config.java?.package !== undefined ? [javaPackageProblem(config.java.package)].filter((why) => why !== undefined).map((why) => `\`java.package\` is ${JSON.stringify(config.java!.package)}: ${why}; use a package such as com.acme.feishu.errcodes`) : []),
      ...(config.python?.package !== undefined ? [pythonPackageProblem(config.python.package)].filter((why) => why !== undefined).map((why) => `\`python.package\` is ${JSON.stringify(config.python!.package)}: ${why}; use a name such as "feishu_errcodes"`) : []),
      ...Object.entries(config.modules ?? {}).flatMap(([id, module]) => {
        const why = module.typeName === undefined ? undefined : typeNameProblem(module.typeName);
        const typeName = why === undefined ? [] : [`\`modules[${JSON.stringify(id)}].typeName\` is ${JSON.stringify(module.typeName)}: ${why}; pick another name, e.g. ${JSON.stringify(`${module.typeName}ErrorCode`)}`];
        const goPackage = module.goPackage !== undefined && !isValidGoPackage(module.goPackage) ? [`\`modules[${JSON.stringify(id)}].goPackage\` is ${JSON.stringify(module.goPackage)}, a Go keyword or a name Go or the generated code reserves; pick another, e.g. ${JSON.stringify(`${module.goPackage}codes`)}`] : [];
        // A key the seed never writes (`01001`) would match no code: the verdict would do nothing.
        const categories = Object.keys(module.categories ?? {})
          .filter((code) => String(Number(code)) !== code)
          .map((code) => `\`modules[${JSON.stringify(id)}].categories\` key ${JSON.stringify(code)} is not a code as the seed writes it; did you mean ${JSON.stringify(String(Number(code)))}?`);
        return [...typeName, ...goPackage, ...categories];
      }),
      ...Object.keys(config.rules ?? {})
        .filter((rule) => !(RULE_IDS as readonly string[]).includes(rule))
        .map((rule) => `\`rules\` has ${JSON.stringify(rule)}, which is no rule id${closestRule(rule)}; the rule ids are those \`feishu-errcodes lint\` prints last (docs/commands.md, "Errors")`),
    ];
    if (problems.length === 0) return config;
    throw new ConfigError(problems.length === 1 ? `${path}: invalid config: ${problems[0]}` : `${path}: invalid config:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  const problems = (validator.errors ?? []).flatMap((error) => describeError(error, data));
  const list = [...new Set(problems)];
  throw new ConfigError(
    list.length === 1
      ? `${path}: invalid config: ${list[0]}`
      : `${path}: invalid config:\n${list.map((problem) => `  - ${problem}`).join('\n')}`,
  );
}

/** One ajv error as "what is wrong with which key, and what is allowed". */
function describeError(error: ErrorObject, root: unknown): string[] {
  const key = keyPath(error.instancePath, root);
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as { properties?: Record<string, unknown>; patternErrorMessage?: string };
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      const allowed = Object.keys(parent.properties ?? {});
      const near = allowed.find((candidate) => isNear(candidate, name));
      const where = error.instancePath === '' ? `\`${name}\`` : `\`${name}\` in \`${key}\``;
      return [`unknown key ${where}${near ? ` (did you mean \`${near}\`?)` : ''}; allowed keys: ${allowed.join(', ')}`];
    }
    case 'enum':
      return [`\`${key}\` is ${JSON.stringify(error.data)}; allowed values: ${(params['allowedValues'] as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`];
    case 'type':
      if (error.instancePath === '') return [`the config must be a JSON object, got ${describeValue(error.data)}`];
      return [`\`${key}\` must be ${withArticle(String(params['type']))}, got ${describeValue(error.data)}`];
    case 'pattern': {
      const expected = parent.patternErrorMessage ?? `text matching ${String(params['pattern'])}`;
      if (error.propertyName !== undefined) return [`key ${JSON.stringify(error.propertyName)} in \`${key}\` must be ${expected}`];
      return [`\`${key}\` is ${JSON.stringify(error.data)}; expected ${expected}`];
    }
    case 'propertyNames':
      return []; // reported by the nested error, which says what a name must look like
    case 'minLength':
      return [`\`${key}\` must not be empty`];
    case 'minItems':
      return [`\`${key}\` must not be empty; allowed values: ${describeItems(error)}`];
    case 'uniqueItems':
      return [`\`${key}\` lists ${JSON.stringify((error.data as unknown[])[params['i'] as number])} twice`];
    default:
      return [`\`${key}\` ${error.message ?? 'is invalid'}`];
  }
}

/** `/modules/hire-v1/names/1002` → `modules["hire-v1"].names["1002"]`; `/targets/1` → `targets[1]`. */
function keyPath(pointer: string, root: unknown): string {
  if (pointer === '') return '(top level)';
  let at: unknown = root;
  let path = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(at)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

/** ` (did you mean "name-collision"?)` for the rule id closest to a misspelt one, when one is close. */
function closestRule(typed: string): string {
  if (typed.length > 64) return '';
  let best: { rule: string; distance: number } | undefined;
  for (const rule of RULE_IDS) {
    const distance = editDistance(typed.toLowerCase().replace(/_/g, '-'), rule);
    if (!best || distance < best.distance) best = { rule, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.rule.length / 3)) ? ` (did you mean ${JSON.stringify(best.rule)}?)` : '';
}

/** Levenshtein distance: the fewest letters added, dropped or changed to turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** A misspelling of `key`: another case, `-`/`_`, or one letter added, dropped or changed. */
function isNear(key: string, typed: string): boolean {
  const a = key.toLowerCase().replace(/[-_]/g, '');
  const b = typed.toLowerCase().replace(/[-_]/g, '');
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const rest = (x: string, skip: number) => x.slice(i + skip);
  return rest(a, 1) === rest(b, 1) || rest(a, 1) === rest(b, 0) || rest(a, 0) === rest(b, 1);
}

const withArticle = (type: string) => (type === 'object' || type === 'array' || type === 'integer' ? `an ${type}` : `a ${type}`);

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function describeItems(error: ErrorObject): string {
  const items = (error.parentSchema as { items?: { enum?: unknown[] } } | undefined)?.items?.enum ?? [];
  return items.map((value) => JSON.stringify(value)).join(', ');
}

/**
 * Where each `modules[id].categories[code]` key of a config text is (`<shown>:line:column`),
 * for messages about a key that does nothing.
 */
export function categoryPlaces(text: string, shown: string, config: UserConfig): Record<string, Record<string, string>> {
  const tree = parseTree(stripBom(text));
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const place = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return `${shown}:${line + 1}:${offset - lineStarts[line]! + 1}`;
  };
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  return Object.fromEntries(
    Object.entries(config.modules ?? {}).map(([id, module]) => [
      id,
      Object.fromEntries(
        Object.keys(module.categories ?? {}).flatMap((code) => {
          const value = tree === undefined ? undefined : findNodeAtLocation(tree, ['modules', id, 'categories', code]);
          const key = value?.parent?.children?.[0];
          return key === undefined ? [] : [[code, place(key.offset + bom)]];
        }),
      ),
    ]),
  );
}

/** Reads and validates a config file; `shown` is the path messages name (default: `path`); `onText` sees the text read. */
export function loadConfigFile(file: string, path = file, onText?: (text: string) => void): UserConfig {
  let text: string;
  try {
    text = readInputFile(file, { kind: 'config file', shown: path, maxBytes: MAX_CONFIG_BYTES }).toString('utf8');
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new ConfigError(error.code === 'ENOENT' ? `${path}: config file not found; create it or drop --config` : error.message);
  }
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (error) {
    throw new ConfigError(`${path}${jsonErrorPlace(text, (error as Error).message)}: not valid JSON (${(error as Error).message})`);
  }
  const config = validateConfig(data, path);
  onText?.(text);
  return config;
}

/** `:line:col` of a JSON.parse error, where its message gives a position. */
function jsonErrorPlace(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position) return '';
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(position[1]));
  const lines = before.split('\n');
  return `:${lines.length}:${lines[lines.length - 1]!.length + 1}`;
}

/**
 * Applies the defaults once. `base` is the config file's folder relative to the working
 * directory: paths in the config are relative to it, the overrides (CLI flags) are not.
 */
export function resolveConfig(config: UserConfig, overrides: { seeds?: string; out?: string } = {}, base = ''): ResolvedConfig {
  const fromConfig = (path: string) => (base === '' || posix.isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) ? path : posix.join(base, path));
  const seeds = overrides.seeds ?? fromConfig(config.seeds ?? 'seeds');
  return {
    seeds,
    out: overrides.out ?? fromConfig(config.out ?? 'generated'),
    lock: config.lock !== undefined ? fromConfig(config.lock) : joinPosix(seeds, LOCK_FILE),
    targets: config.targets ?? DEFAULT_TARGETS,
    goModule: config.goModule ?? DEFAULT_GO_MODULE,
    typescript: { style: config.typescript?.style ?? 'enum', emit: config.typescript?.emit ?? 'ts' },
    java: { package: config.java?.package ?? DEFAULT_JAVA_PACKAGE },
    python: { package: config.python?.package ?? DEFAULT_PYTHON_PACKAGE },
    typos: config.typos ?? {},
    modules: config.modules ?? {},
    rules: config.rules ?? {},
    syncHosts: { ...DEFAULT_SYNC_HOSTS, ...config.syncHosts },
    ...(config.syncUrlTemplate !== undefined && { syncUrlTemplate: config.syncUrlTemplate }),
  };
}

function joinPosix(dir: string, file: string): string {
  return dir.endsWith('/') ? dir + file : `${dir}/${file}`;
}
