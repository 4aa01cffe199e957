import { Ajv2020 } from 'ajv/dist/2020.js';
import type { VFile } from 'vfile';
import { CONFIG_FILE, ConfigError, resolveConfig, validateConfig, type ResolvedConfig, type UserConfig } from '../config.js';
import { CATALOG_SCHEMA, CODES_FILE } from '../emit/json.js';
import { buildCatalog, moduleIdOf, type SeedInput } from '../generate.js';
import { EMPTY_LOCK, LOCK_FILE, LockError, parseLock, type NameLock } from '../lock.js';
import type { ErrorCatalog, ErrorEntry, ErrorModule } from '../model.js';
import type { ComparableCatalog } from './changes.js';
import { MANIFEST_FILE, readConfig, UserError } from '../project.js';
import { gitTree } from './git-tree.js';
import { fsTree, type TreeReader } from './tree.js';

/** What one side of a diff is, before its catalogue is built. */
export type DiffSource =
  | { readonly kind: 'catalog'; readonly label: string; readonly file: boolean; readonly catalog: ErrorCatalog }
  | {
      readonly kind: 'seeds';
      readonly label: string;
      /** The spec named one file (not a folder). */
      readonly file: boolean;
      readonly seeds: readonly SeedInput[];
      readonly config: ResolvedConfig;
      /** The side's own name lock, when it has one. */
      readonly lock?: NameLock;
      readonly lockPath: string;
    };

export interface SourceOptions {
  /** Working directory (paths and `git:` are relative to it). */
  readonly cwd: string;
  /** `--config`: the config file (default: `feishu-errcodes.config.json` when present). */
  readonly config?: string;
}

const EXPECTED = 'expected a seed doc (.md), a seeds folder, a generated JSON catalogue (json/<id>.json or a folder of them) or git:<rev>';

/**
 * Reads one side: `git:<rev>` (the configured seeds folder as committed at <rev>),
 * `git:<rev>:<path>`, or a path to a seed, a seeds folder, a JSON catalogue or a folder
 * of catalogues. Throws UserError for anything it cannot use.
 */
export function readSource(spec: string, options: SourceOptions): DiffSource {
  if (spec.startsWith('git:')) {
    const rest = spec.slice('git:'.length);
    const colon = rest.indexOf(':');
    const rev = colon === -1 ? rest : rest.slice(0, colon);
    const path = colon === -1 ? undefined : rest.slice(colon + 1);
    if (rev === '') throw new UserError(`${spec}: expected a revision after \`git:\`, e.g. git:origin/main or git:HEAD~1`);
    const tree = gitTree(options.cwd, rev, spec);
    const config = configAt(tree, options.config ?? CONFIG_FILE);
    return readPath(tree, path === undefined || path === '' ? config.seeds : path, config, spec);
  }
  return readPath(fsTree(options.cwd), spec, readConfig(options.cwd, { config: options.config, allowOutside: true /* diff only reads */ }), spec);
}

/**
 * Builds a side's catalogue. A seeds side names its codes from its own lock, else from
 * `fallback` (the other side's names, as a later `generate` would keep them).
 */
export function buildSource(source: DiffSource, fallback?: NameLock): { catalog?: ErrorCatalog; files: VFile[] } {
  if (source.kind === 'catalog') return { catalog: source.catalog, files: [] };
  return buildCatalog(source.seeds, {
    config: source.config,
    lock: source.lock ?? fallback ?? EMPTY_LOCK,
    lockPath: source.lockPath,
  });
}

/**
 * Two single files are two versions of one doc whatever their names (`hire-v1.old.md`
 * against `hire-v1.md`): the old one's module takes the new one's id, and its type names,
 * which come from the file name, are not compared.
 */
export function pairSingleFiles(before: ErrorCatalog, oldSource: DiffSource, newSource: DiffSource): ComparableCatalog {
  if (!oldSource.file || !newSource.file || before.modules.length !== 1) return before;
  const id = newSource.kind === 'catalog' ? newSource.catalog.modules[0]!.id : moduleIdOf(newSource.seeds[0]!.path);
  const { title, docUpdated, entries } = before.modules[0]!;
  return { modules: [{ id, title, ...(docUpdated !== undefined && { docUpdated }), entries }] };
}

/** The config of a git revision: its config file if it has one, else the defaults. */
function configAt(tree: TreeReader, path: string): ResolvedConfig {
  if (tree.kind(path) !== 'file') return resolveConfig({});
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(tree.read(path)));
  } catch (error) {
    throw new UserError(`${tree.show(path)}: not valid JSON (${(error as Error).message})`);
  }
  let user: UserConfig;
  try {
    user = validateConfig(data, tree.show(path));
  } catch (error) {
    if (error instanceof ConfigError) throw new UserError(error.message);
    throw error;
  }
  // Paths in a config are relative to its folder.
  const base = tree.dirname(path);
  return resolveConfig(user, {}, base === '.' ? '' : base);
}

function readPath(tree: TreeReader, path: string, config: ResolvedConfig, label: string): DiffSource {
  const kind = tree.kind(path);
  if (kind === undefined) throw new UserError(`${label}: ${tree.show(path)} does not exist; ${EXPECTED}`);
  if (kind === 'file') {
    const lower = path.toLowerCase();
    if (lower.endsWith('.md')) return seedsSource(tree, [path], tree.dirname(path), config, label, true);
    if (lower.endsWith('.json')) return { kind: 'catalog', label, file: true, catalog: { modules: [readCatalogFile(tree, path, true)!] } };
    throw new UserError(`${label}: ${tree.show(path)} is neither a .md seed nor a .json catalogue; ${EXPECTED}`);
  }
  const names = tree.files(path);
  const docs = names.filter((name) => name.toLowerCase().endsWith('.md') && !name.startsWith('.'));
  if (docs.length > 0) return seedsSource(tree, docs.map((name) => tree.join(path, name)), path, config, label, false);
  const skipped = new Set([CODES_FILE, MANIFEST_FILE, LOCK_FILE]);
  const jsons = names.filter((name) => name.toLowerCase().endsWith('.json') && !skipped.has(name));
  const modules = jsons.flatMap((name) => readCatalogFile(tree, tree.join(path, name), false) ?? []);
  if (modules.length > 0) return { kind: 'catalog', label, file: false, catalog: { modules: uniqueModules(modules, label) } };
  // An output folder: its catalogues are in json/.
  if (tree.kind(tree.join(path, 'json')) === 'dir') return readPath(tree, tree.join(path, 'json'), config, label);
  throw new UserError(`${label}: ${tree.show(path)} holds no seed doc (.md) and no JSON catalogue; ${EXPECTED}`);
}

function seedsSource(tree: TreeReader, paths: readonly string[], dir: string, config: ResolvedConfig, label: string, file: boolean): DiffSource {
  // The configured seeds folder uses the configured lock; any other folder the lock beside its docs.
  const lockPath = tree.same(dir, config.seeds) ? config.lock : tree.join(dir, LOCK_FILE);
  let lock: NameLock | undefined;
  if (tree.kind(lockPath) === 'file') {
    try {
      lock = parseLock(new TextDecoder().decode(tree.read(lockPath)), tree.show(lockPath));
    } catch (error) {
      if (error instanceof LockError) throw new UserError(error.message);
      throw error;
    }
  }
  return {
    kind: 'seeds',
    label,
    file,
    seeds: paths.map((path) => ({ path: tree.show(path), bytes: tree.read(path) })),
    config,
    ...(lock && { lock }),
    lockPath: tree.show(lockPath),
  };
}

let validateCatalog: ReturnType<Ajv2020['compile']> | undefined;
/** Catalogues written before entries carried a category are still read back (their verdicts are then not compared). */
const READ_BACK_SCHEMA = {
  ...CATALOG_SCHEMA,
  $defs: { ...CATALOG_SCHEMA.$defs, error: { ...CATALOG_SCHEMA.$defs.error, required: ['code', 'name', 'message'] } },
};

/**
 * A generated `json/<id>.json` as a module. In a folder (`strict` false) a JSON file
 * without `errors` is not a catalogue and is skipped; one with `errors` must be valid.
 */
function readCatalogFile(tree: TreeReader, path: string, strict: boolean): ErrorModule | undefined {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(tree.read(path)));
  } catch (error) {
    if (!strict) return undefined;
    throw new UserError(`${tree.show(path)}: not valid JSON (${(error as Error).message}); ${EXPECTED}`);
  }
  if (!strict && (typeof data !== 'object' || data === null || !('errors' in data))) return undefined;
  validateCatalog ??= new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(READ_BACK_SCHEMA);
  if (!validateCatalog(data)) {
    const problems = (validateCatalog.errors ?? []).slice(0, 3).map((error) => `${error.instancePath || '(top level)'} ${error.message}`);
    throw new UserError(`${tree.show(path)}: not a feishu-errcodes JSON catalogue (${problems.join('; ')}); regenerate it, or ${EXPECTED}`);
  }
  const json = data as {
    module: string;
    title: string;
    sourceUrl?: string;
    docUpdated?: string;
    typeName: string;
    goPackage: string;
    errors: ErrorEntry[];
  };
  return {
    id: json.module,
    seed: tree.show(path),
    title: json.title,
    ...(json.sourceUrl !== undefined && { sourceUrl: json.sourceUrl }),
    ...(json.docUpdated !== undefined && { docUpdated: json.docUpdated }),
    typeName: json.typeName,
    goPackage: json.goPackage,
    entries: [...json.errors].sort((a, b) => a.code - b.code),
  };
}

function uniqueModules(modules: readonly ErrorModule[], label: string): ErrorModule[] {
  const seen = new Map<string, string>();
  for (const module of modules) {
    const other = seen.get(module.id);
    if (other !== undefined) throw new UserError(`${label}: ${other} and ${module.seed} are both the catalogue of module \`${module.id}\`; keep one`);
    seen.set(module.id, module.seed);
  }
  return [...modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
