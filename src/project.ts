import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { findUserGoModule, GoModError } from './go-module.js';
import { realPlace } from './trust.js';
import { goModuleProblem } from './normalize/names.js';
import { InputFileError, pathTaken, readInputFile } from './read-input.js';
import { MAX_LOCK_BYTES, MAX_SEED_BYTES } from './limits.js';
import { moduleOfSeedPath } from './normalize/module-of.js';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { VFile } from 'vfile';
import { categoryPlaces, CONFIG_FILE, ConfigError, loadConfigFile, resolveConfig, type ResolvedConfig, type UserConfig } from './config.js';
import { buildCatalog, emitAll, lockText, type SeedInput } from './generate.js';
import { EMPTY_LOCK, LOCK_FILE, LockError, lockSchemaRef, parseLock, type NameLock } from './lock.js';
import { diffCatalogs, type CatalogDiff } from './diff/changes.js';
import { previousCatalog } from './diff/previous.js';
import type { ErrorCatalog } from './model.js';
import type { OutputFile } from './emit/types.js';
import { applyWrite, planWrite, WriteError, type EarlierOutput, type FileRef, type PlannedFile, type WriteGuard, type WritePlan } from './write/write-files.js';
import { assertNoLinkBelow, checkOutputFolder, GENERATED_MARK, sha256, UnsafePathError, type ProtectedPath } from './write/safe-paths.js';
import { homedir } from 'node:os';
import { strayFiles } from './write/stray-files.js';
import { toJsonText } from './emit/json.js';
import { runRecord, seedEntries, type RunRecord } from './fast-path.js';
import { seedTree, SeedTreeError, type SeedTree } from './seed-tree.js';
import { verifyTypeScript } from './verify/typescript.js';

/** A mistake of the user's (bad path, bad config): one clear line, exit code 2. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Lists what a run wrote, so stale outputs can be removed safely; kept in the out folder. */
export const MANIFEST_FILE = '.feishu-errcodes.json';

export interface ProjectOptions {
  /** Working directory (optional, default: `process.cwd()`). */
  readonly cwd?: string;
  /** Config file (optional, default: `feishu-errcodes.config.json` when present). */
  readonly config?: string;
  /** Seeds folder (optional, default: config `seeds`, else `seeds`). */
  readonly seeds?: string;
  /** Output folder (optional, default: config `out`, else `generated`). */
  readonly out?: string;
  /** Drop deprecated codes from outputs and lock (optional, default: false). */
  readonly prune?: boolean;
  /**
   * Type-check every emitted TypeScript module in memory before anything is written; a
   * module that does not compile throws a UserError (exit code 1) listing the diagnostics
   * (optional, default: false).
   */
  readonly verify?: boolean;
  /** The user's home folder, never accepted as the output folder (optional, default: `os.homedir()`). */
  readonly home?: string;
  /**
   * How the working directory was found, e.g. `project root /app, found from /app/src`
   * (optional, default: none); a message about a missing folder quotes it.
   */
  readonly searched?: string;
  /**
   * Derive member names again from the docs (optional, default: false): `true` every name
   * the lock holds as derived, keeping hand-picked ones; `'all'` every name.
   */
  readonly rename?: boolean | 'all';
  /**
   * Accept a config `seeds`, `out` or `lock` outside the project root (optional, default:
   * false: such a config is refused, since a run writes there).
   */
  readonly allowOutside?: boolean;
}

export interface GenerateResult {
  /** False when any seed has an error: nothing was written. */
  readonly ok: boolean;
  /** Diagnostics, one vfile per seed. */
  readonly files: readonly VFile[];
  readonly catalog?: ErrorCatalog;
  /** What was (or, for `check`, would be) changed. */
  readonly plan?: WritePlan;
  /** Codes, names and texts changed since the outputs (or the lock) on disk. */
  readonly changes?: CatalogDiff;
  /** What the run read and wrote, for the next run's fast path (fast-path.ts). */
  readonly fastPath?: RunRecord;
}

/** Reads config, seeds and lock from disk, builds everything in memory, and plans the write. */
export function prepare(options: ProjectOptions = {}): GenerateResult & { config: ResolvedConfig } {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = readConfig(cwd, options);
  const seedsDir = resolve(cwd, config.seeds);
  // The walk lists the tree before the seeds are read: a seed added meanwhile means a full run next time.
  const { seeds, entries, read } = readSeedTree(cwd, seedsDir, config.seeds, options.searched);
  const lockFile = resolve(cwd, config.lock);
  const lockPath = displayPath(cwd, lockFile);
  const configFile = options.config !== undefined ? resolve(cwd, options.config) : join(cwd, CONFIG_FILE);
  // Checked before the lock is read: reading the config as a lock would only report its keys.
  if (lockFile === configFile) throw new UserError(`The lock ${lockPath} is the config file itself; set "lock" in the config to another file, e.g. "seeds/${LOCK_FILE}". Nothing was written.`);
  const lock = readLock(lockFile, lockPath);
  const { catalog, files } = buildCatalog(seeds, { config, lock, lockPath, prune: options.prune, rename: options.rename });
  if (!catalog) return { ok: false, files, config };

  const outDir = resolve(cwd, config.out);
  const outputs = emitAll(catalog, config);
  if (options.verify) verifyOutputs(outputs, config, (path) => displayPath(cwd, join(outDir, path)));
  const clash = [...outputs.map((file) => file.path), MANIFEST_FILE].find((path) => join(outDir, path) === lockFile);
  if (clash !== undefined) throw new UserError(`The lock ${lockPath} is the output ${displayPath(cwd, join(outDir, clash))}; set "lock" in the config to a file outside the output folder ${displayPath(cwd, outDir)}. Nothing was written.`);
  const guard = asUserError(() => outputGuard(cwd, config, options));
  const manifest = manifestText(outputs);
  const planned: PlannedFile[] = [
    ...outputs.map((file) => ({ path: displayPath(cwd, join(outDir, file.path)), absolute: join(outDir, file.path), contents: file.contents })),
    { path: displayPath(cwd, join(outDir, MANIFEST_FILE)), absolute: join(outDir, MANIFEST_FILE), contents: manifest, last: true },
    { path: lockPath, absolute: lockFile, contents: lockText(catalog, lockSchemaRef(cwd, lockFile, lock)) },
  ];
  const plan = asUserError(() => planWrite(planned, earlierOutputs(cwd, outDir, guard), guard));
  const changes = diffCatalogs(previousCatalog(plan, outDir, lock, catalog), catalog);
  const fastPath = runRecord({
    cwd,
    flags: { config: options.config, seeds: options.seeds, out: options.out },
    seedsDir,
    seedEntries: entries,
    seeds: read,
    lockFile,
    outDir,
  });
  return { ok: true, files, catalog, plan, changes, config, ...(fastPath && { fastPath }) };
}

/** `--verify`: every emitted TypeScript module must type-check, or the run stops before writing. */
function verifyOutputs(outputs: readonly OutputFile[], config: ResolvedConfig, shown: (path: string) => string): void {
  if (!config.targets.includes('ts')) return;
  const problems = verifyTypeScript(outputs, config.typescript.style);
  if (problems.length === 0) return;
  const lines = problems.map((problem) => `  ${shown(problem.path)}:${problem.line}:${problem.column} error ${problem.code}: ${problem.message}`);
  throw new UserError(
    [
      'the generated TypeScript does not type-check (--verify); nothing was written:',
      ...lines,
      'This is a bug in feishu-errcodes: please report it with the seed and the config.',
    ].join('\n'),
    1,
  );
}

/** `generate`: prepare, then write what changed (atomically). */
export function generate(options: ProjectOptions = {}): GenerateResult & { config: ResolvedConfig } {
  const result = prepare(options);
  if (!result.ok || !result.plan) return result;
  asUserError(() => applyWrite(result.plan!));
  return result;
}

/** A file that cannot be read or written is the user's to fix: one line, exit 2. */
function asUserError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof WriteError || error instanceof UnsafePathError) throw new UserError(error.message);
    throw error;
  }
}

/** `check`: prepare and compare; writes nothing. Files in the output folder that no run wrote are `stray`. */
export function check(options: ProjectOptions = {}): GenerateResult & { config: ResolvedConfig; upToDate: boolean; stray: readonly FileRef[] } {
  const result = prepare(options);
  const stray = result.ok && result.plan ? findStray(result.plan, resolve(resolve(options.cwd ?? process.cwd()), result.config.out), options) : [];
  const upToDate = result.ok && !!result.plan && result.plan.changed.length === 0 && result.plan.removed.length === 0 && stray.length === 0;
  return { ...result, upToDate, stray };
}

function findStray(plan: WritePlan, outDir: string, options: ProjectOptions): FileRef[] {
  const cwd = resolve(options.cwd ?? process.cwd());
  const known = new Set(
    [...plan.changed, ...plan.unchanged, ...plan.removed].map((file) => relative(outDir, file.absolute).split(sep).join('/')),
  );
  return strayFiles(outDir, known).map((path) => ({ path: displayPath(cwd, join(outDir, path)), absolute: join(outDir, path) }));
}

export function readConfig(cwd: string, options: ProjectOptions): ResolvedConfig {
  let user: UserConfig = {};
  let configText: string | undefined;
  const file = options.config !== undefined ? resolve(cwd, options.config) : join(cwd, CONFIG_FILE);
  try {
    // pathTaken, not existsSync: a dangling symlink is a config the user meant to have.
    if (options.config !== undefined || pathTaken(file)) user = loadConfigFile(file, displayPath(cwd, file), (text) => (configText = text));
  } catch (error) {
    if (error instanceof ConfigError) throw new UserError(error.message);
    throw error;
  }
  // Paths in the config are relative to its folder; --seeds/--out to the working directory.
  const base = displayPath(cwd, dirname(file));
  const resolved = resolveConfig(user, { seeds: options.seeds, out: options.out }, base === '.' ? '' : base);
  const config = configText === undefined ? resolved : { ...resolved, categoryPlaces: categoryPlaces(configText, displayPath(cwd, file), user) };
  if (options.allowOutside !== true) {
    // A config --config names explicitly was chosen with its folder; one found in the project was not.
    const roots = options.config !== undefined ? [cwd, dirname(file)] : [cwd];
    const realRoots = roots.map((root) => realPlace(root));
    const fromConfig = [
      ...(options.seeds === undefined && user.seeds !== undefined ? [['seeds', config.seeds] as const] : []),
      ...(options.out === undefined && user.out !== undefined ? [['out', config.out] as const] : []),
      ...(user.lock !== undefined ? [['lock', config.lock] as const] : []),
    ];
    const fix = (key: string) => `set "${key}" in ${displayPath(cwd, file)} to a path inside the project, or pass --allow-outside if you mean it. Nothing was written.`;
    for (const [key, path] of fromConfig) {
      const absolute = resolve(cwd, path);
      if (!roots.some((root) => isInside(root, absolute))) {
        throw new UserError(`The config's "${key}" ${JSON.stringify(path)} resolves to ${absolute}, outside the project root ${cwd}, and a run writes there; ${fix(key)}`);
      }
    }
    // Inside by name is not enough: `"lock": "link/.bash_aliases"` with a committed `link -> ../outside`.
    // Every path a run reads or writes is judged where its links lead (the default seeds, out and lock too).
    const placed = [
      ['seeds', config.seeds, options.seeds === undefined, user.seeds !== undefined] as const,
      ['out', config.out, options.out === undefined, user.out !== undefined] as const,
      ['lock', config.lock, true, user.lock !== undefined] as const,
    ];
    for (const [key, path, checked, set] of placed) {
      if (!checked) continue;
      const real = realPlace(resolve(cwd, path));
      if (realRoots.some((root) => isInside(root, real))) continue;
      if (set) throw new UserError(`The config's "${key}" ${JSON.stringify(path)} resolves through a symbolic link to ${real}, outside the project root ${cwd}, and a run writes there; ${fix(key)}`);
      const label = key === 'out' ? 'output folder' : key === 'seeds' ? 'seeds folder' : 'lock';
      throw new UserError(
        `${displayPath(cwd, firstLink(cwd, resolve(cwd, path)))} is a symbolic link, and the ${label} ${path} (the default) resolves through it to ${real}, outside the project root ${cwd}, and a run writes there; ` +
          `replace the link with a real ${key === 'lock' ? 'file' : 'folder'}, ${key === 'lock' ? 'set "lock" in the config' : `pass --${key} <dir>`}, or pass --allow-outside if you mean it. Nothing was written.`,
      );
    }
    if (options.config === undefined && pathTaken(file) && !isInside(realRoots[0]!, realPlace(file))) {
      throw new UserError(
        `The config ${displayPath(cwd, file)} is a symbolic link to ${realPlace(file)}, outside the project root ${cwd}, so a file outside the project would decide where a run writes; replace the link with the file, or pass --config ${realPlace(file)} (or --allow-outside) if you mean it. Nothing was written.`,
      );
    }
  }
  if (user.goModule !== undefined || !config.targets.includes('go')) return config;
  // No goModule set: in a project with its own go.mod, the packages join that module.
  let joined;
  try {
    joined = findUserGoModule(cwd, resolve(cwd, config.out, 'go'), {}, goModuleProblem);
  } catch (error) {
    if (error instanceof GoModError) throw new UserError(error.message);
    throw error;
  }
  return joined ? { ...config, goModule: joined.importPath, goUserModule: displayPath(cwd, joined.file) } : config;
}

/** The first part of `path` below `root` that is a symbolic link (`path` itself when none is). */
function firstLink(root: string, path: string): string {
  let at = root;
  for (const part of relative(root, path).split(sep)) {
    at = join(at, part);
    try {
      if (lstatSync(at).isSymbolicLink()) return at;
    } catch {
      break;
    }
  }
  return path;
}

/** True when `path` is `root` or below it (by name; links are the writer's to check). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function readSeeds(cwd: string, seedsDir: string, given: string, searched?: string): SeedInput[] {
  return readSeedTree(cwd, seedsDir, given, searched).seeds;
}

/**
 * The seeds (readSeeds), with what the walk found (`entries`: every seed and every folder
 * entered, folders ending in `/`) and each seed's bytes under its path relative to the
 * seeds folder, for the fast path's record of the run.
 */
export function readSeedTree(
  cwd: string,
  seedsDir: string,
  given: string,
  searched?: string,
): { seeds: SeedInput[]; entries: string[]; read: { path: string; bytes: Uint8Array }[] } {
  const where = `${seedsDir}${searched === undefined ? '' : ` (${searched})`}`;
  try {
    if (!statSync(seedsDir).isDirectory()) throw new UserError(`Seeds folder ${given} is not a folder: ${where}; pass --seeds <dir> with your *.md docs`);
    readdirSync(seedsDir);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `Seeds folder ${given} does not exist: ${where}; run \`npx feishu-errcodes init\` in your project's root, or create the folder there and put Feishu error-code docs (*.md) in it, or pass --seeds <dir>`,
    );
  }
  // Seed paths end up in generated headers: keep them relative, never absolute.
  const shownDir = displayPath(cwd, seedsDir);
  const prefix = isAbsolute(shownDir) ? basename(seedsDir) : shownDir;
  const tree = walkSeeds(seedsDir, prefix);
  if (tree.files.length === 0) throw new UserError(`Seeds folder ${given} holds no .md file; copy a Feishu error-code page into it as markdown, or a module's pages into a folder of it`);
  const read = tree.files.map((relative) => ({ path: relative, bytes: readSeedFile(join(seedsDir, ...relative.split('/')), `${prefix}/${relative}`) }));
  const seeds = read.map(({ path: relative, bytes }) => {
    const module = moduleOfSeedPath(relative);
    return {
      path: `${prefix}/${relative}`,
      bytes,
      ...(module.folder && { module: module.id, moduleDir: `${prefix}/${module.dir}` }),
    };
  });
  return { seeds, entries: seedEntries(tree), read };
}

/**
 * The seeds below `seedsDir`, as `/`-separated paths relative to it in code-unit order
 * (seed-tree.ts's walk: flat seeds and module folders at any depth, docs/modules.md).
 */
export function seedFiles(seedsDir: string, shownDir: string): string[] {
  return [...walkSeeds(seedsDir, shownDir).files];
}

function walkSeeds(seedsDir: string, shownDir: string): SeedTree {
  try {
    return seedTree(seedsDir, shownDir);
  } catch (error) {
    if (error instanceof SeedTreeError) throw new UserError(error.message);
    throw error;
  }
}

/** A seed's bytes: a regular file of at most MAX_SEED_BYTES, else one clear UserError. */
export function readSeedFile(absolute: string, shown: string): Buffer {
  try {
    return readInputFile(absolute, { kind: 'seed', shown, maxBytes: MAX_SEED_BYTES });
  } catch (error) {
    if (error instanceof InputFileError) throw new UserError(error.message);
    throw error;
  }
}

export function readLock(absolute: string, path: string): NameLock {
  try {
    return parseLock(readInputFile(absolute, { kind: 'name lock', shown: path, maxBytes: MAX_LOCK_BYTES }).toString('utf8'), path);
  } catch (error) {
    if (error instanceof InputFileError && error.code === 'ENOENT') return EMPTY_LOCK;
    if (error instanceof LockError || error instanceof InputFileError) throw new UserError(error.message);
    throw error;
  }
}

/**
 * The manifest: every output's path, and the sha-256 of each output that carries no
 * generator header (JSON, go.mod), so a later run can prove it wrote the file before
 * removing it.
 */
function manifestText(outputs: readonly { path: string; contents: string }[]): string {
  const sorted = [...outputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hashes = Object.fromEntries(sorted.filter((file) => !file.contents.split('\n', 1)[0]!.includes(GENERATED_MARK)).map((file) => [file.path, sha256(file.contents)]));
  return toJsonText({ generator: 'feishu-errcodes', files: sorted.map((file) => file.path), sha256: hashes });
}

/** Largest manifest read: ample for every output of thousands of modules. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

function earlierOutputs(cwd: string, outDir: string, guard: WriteGuard): EarlierOutput[] {
  const manifest = join(outDir, MANIFEST_FILE);
  // A committed link (to /dev/zero, or out of the tree) is refused like any link in the output folder.
  assertNoLinkBelow(outDir, manifest, guard.display);
  let stat;
  try {
    stat = lstatSync(manifest);
  } catch {
    return [];
  }
  if (!stat.isFile()) return [];
  if (stat.size > MAX_MANIFEST_BYTES) {
    throw new UserError(`${displayPath(cwd, manifest)} is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MB, which no run of feishu-errcodes writes; delete it (stale outputs are then left for you to remove) and run again. Nothing was written.`);
  }
  try {
    const data = JSON.parse(readInputFile(manifest, { kind: 'manifest', shown: displayPath(cwd, manifest), maxBytes: MAX_MANIFEST_BYTES }).toString('utf8')) as { files?: unknown; sha256?: unknown };
    if (!Array.isArray(data.files)) return [];
    const hashes = typeof data.sha256 === 'object' && data.sha256 !== null ? (data.sha256 as Record<string, unknown>) : {};
    return data.files
      .filter((file): file is string => typeof file === 'string' && isSafeRelative(file))
      .map((file) => {
        const hash = Object.hasOwn(hashes, file) ? hashes[file] : undefined;
        return { path: displayPath(cwd, join(outDir, file)), absolute: join(outDir, file), ...(typeof hash === 'string' && { sha256: hash }) };
      });
  } catch {
    return [];
  }
}

/** A manifest entry must stay inside the out folder: a relative path of plain names. */
function isSafeRelative(path: string): boolean {
  if (path === '' || isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.includes('\0')) return false;
  return path.split(/[\\/]/).every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * Checks the output folder a run writes to (checkOutputFolder) and returns the guard the
 * writer checks every write and removal against. For every command that writes outputs.
 */
export function outputGuard(cwd: string, config: ResolvedConfig, options: Pick<ProjectOptions, 'config' | 'out' | 'home'>): WriteGuard {
  const outDir = resolve(cwd, config.out);
  const configFile = options.config !== undefined ? resolve(cwd, options.config) : join(cwd, CONFIG_FILE);
  const inputs: ProtectedPath[] = [
    { absolute: resolve(cwd, config.seeds), label: `the seeds folder ${displayPath(cwd, resolve(cwd, config.seeds))}`, folder: true },
    { absolute: resolve(cwd, config.lock), label: `the lock ${displayPath(cwd, resolve(cwd, config.lock))}` },
    ...(existsSync(configFile) ? [{ absolute: configFile, label: `the config ${displayPath(cwd, configFile)}` }] : []),
  ];
  const outLabel = options.out !== undefined ? `--out ${options.out}` : `The output folder ${config.out} (--out, or "out" in the config)`;
  checkOutputFolder({
    outDir,
    outLabel,
    projectDirs: [cwd, ...(existsSync(configFile) ? [dirname(configFile)] : [])],
    home: options.home ?? homedir(),
    inputs,
  });
  return { root: outDir, protected: inputs, display: (absolute) => displayPath(cwd, absolute) };
}

/** Relative to cwd with `/`; outside cwd, the absolute path is shown (display only). */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
  return shown.split(sep).join('/');
}
