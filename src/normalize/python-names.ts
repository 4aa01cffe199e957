/**
 * Python names, all derived from the one locked name or the module's id and type name:
 * `TalentNotExist` → member `TALENT_NOT_EXIST`, `hire-v1` → module `hire_v1.py`,
 * `HireErrorCode` → `HIRE_ERROR_CODE_INFO` and `lookup_hire_error_code`.
 */
import type { RuleId } from '../diagnostics.js';
import { constantNames, lowerSnake, upperSnake } from './constant-names.js';
import { PYTHON_STDLIB_MODULES } from './python-stdlib.js';

/** Python's keywords (soft keywords such as `match` are valid names). */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** The package's runtime module and the lower-case names it exports through `__init__.py`. */
export const PYTHON_RUNTIME_NAMES: ReadonlySet<string> = new Set(['errors', 'to_feishu_error', 'lookup_feishu_code', 'call_with_retry']);

/**
 * Type names a module must not take in Python: the names its own file imports and the
 * names `__init__.py` re-exports from `errors.py`.
 */
export const PYTHON_RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  'Dict', 'Mapping', 'Optional', 'MappingProxyType', 'FeishuCodeInfo', 'FeishuVariant', 'FeishuApiError', 'FeishuPermissionViolation',
  'FeishuFieldViolation', 'FeishuErrorCategory', 'FeishuRetry',
]);

/** The default package folder, `generated/python/feishu_errcodes/`. */
export const DEFAULT_PYTHON_PACKAGE = 'feishu_errcodes';

export { lowerSnake, upperSnake } from './constant-names.js';

/** The Python member name of every locked name of one module: the one UPPER_SNAKE rule (constant-names.ts). */
export function pythonMemberNames(names: readonly string[]): Map<string, string> {
  return constantNames(names);
}

/** Members whose UPPER_SNAKE form another name took first: locked name → the member it became. */
export function pythonNameClashes(names: readonly string[]): { name: string; member: string; other: string }[] {
  const members = pythonMemberNames(names);
  const owners = new Map<string, string>();
  // Every member, suffixed ones too: `Abc2` (ABC_2) can meet the suffixed member of `Abc`.
  for (const [name, member] of members) owners.set(member, name);
  return [...members]
    .filter(([name, member]) => member !== upperSnake(name))
    .map(([name, member]) => ({ name, member, other: owners.get(upperSnake(name))! }));
}

/** `hire-v1` → `hire_v1`; a leading digit gets `m`, a keyword or a runtime name gets `_codes`. */
export function pythonModuleName(id: string): string {
  let name = id.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (name === '' || /^[0-9]/.test(name)) name = `m${name}`;
  if (PYTHON_KEYWORDS.has(name) || PYTHON_RUNTIME_NAMES.has(name)) name += '_codes';
  return name;
}

/** Why `name` cannot be the package folder, or undefined. */
export function pythonPackageProblem(name: string): string | undefined {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) return 'expected a Python package name (lower-case ASCII letters, digits and _, not starting with a digit)';
  if (PYTHON_KEYWORDS.has(name)) return 'it is a Python keyword';
  if (PYTHON_STDLIB_MODULES.has(name)) return `it is a module of Python's standard library, which the package would shadow (the generated code imports enum, json and typing)`;
  return undefined;
}

/** A problem with the Python names of a catalog: what `generate` reports when the python target is on. */
export interface PythonNameProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly ruleId: RuleId;
}

/** The module facts the Python names derive from. */
interface NamedModule {
  readonly id: string;
  readonly typeName: string;
  readonly entries: readonly { readonly code: number; readonly name: string }[];
}

/**
 * Python names that would clash: a type name the package uses, two modules that meet in
 * one file or one exported name (errors), and member names that meet in UPPER_SNAKE
 * (warnings: the later one gets a suffix).
 */
export function pythonNameProblems(modules: readonly NamedModule[]): PythonNameProblem[] {
  const problems: PythonNameProblem[] = [];
  const owners = new Map<string, string>(); // every name __init__.py binds → the module id
  for (const name of PYTHON_RUNTIME_NAMES) owners.set(name, 'the runtime (errors.py)');
  for (const module of modules) {
    const setting = `modules["${module.id}"].typeName`;
    if (PYTHON_RESERVED_TYPE_NAMES.has(module.typeName)) {
      problems.push({ severity: 'error', ruleId: 'type-name', message: `Unexpected type name \`${module.typeName}\` for ${module.id}: the Python package uses that name itself; set ${setting} in the config` });
    }
    const file = pythonModuleName(module.id);
    const exported = (name: string) => (owner: string) => `Modules ${owner} and ${module.id} would both export \`${name}\` from the Python package; set ${setting} in the config`;
    const names: [string, (owner: string) => string][] = [
      [file, (owner) => `Seed ${module.id} would be Python module \`${file}\`, a name ${owner} already takes in the package; rename the seed file`],
      [`${upperSnake(module.typeName)}_INFO`, exported(`${upperSnake(module.typeName)}_INFO`)],
      [`lookup_${lowerSnake(module.typeName)}`, exported(`lookup_${lowerSnake(module.typeName)}`)],
    ];
    for (const [name, message] of names) {
      const owner = owners.get(name);
      if (owner !== undefined) {
        problems.push({ severity: 'error', ruleId: 'python-name-collision', message: message(owner) });
        break;
      }
    }
    for (const [name] of names) if (!owners.has(name)) owners.set(name, module.id);
    const byName = new Map(module.entries.map((entry) => [entry.name, entry.code]));
    for (const clash of pythonNameClashes(module.entries.map((entry) => entry.name))) {
      problems.push({
        severity: 'warning',
        ruleId: 'python-name-collision',
        message: `Members \`${clash.other}\` and \`${clash.name}\` of ${module.id} are both \`${upperSnake(clash.name)}\` in Python; \`${clash.name}\` (code ${byName.get(clash.name)}) is \`${clash.member}\` there; set modules["${module.id}"].names["${byName.get(clash.name)}"] in the config to name it yourself`,
      });
    }
  }
  return problems;
}
