/**
 * The fast path of `generate` and `check`: when nothing changed since the last full run,
 * say so without loading the markdown parser, ts-morph or any emitter.
 *
 * A full run that leaves the outputs up to date records a stamp: a fingerprint of every
 * input it read (each seed's path and bytes, the config's bytes, the name lock it left)
 * and of every output (each file the manifest lists, and the manifest), where it read and
 * wrote, and what it reported. The stamp's key covers the tool itself (package.json, its
 * compiled code, templates and schemas), the working directory, the flags and the config,
 * so a new build or another config never reuses an old verdict. The next run recomputes
 * the fingerprint from disk (node:fs and node:crypto only); anything that differs, is
 * missing or cannot be read means "run the pipeline".
 *
 * The stamp lives in a private folder under the temp folder (TMPDIR of the run's
 * environment, else the OS's), not in generated/: a
 * committed fingerprint would have to change with every build of the tool, and would make
 * `check` fail after a seed edit that changes no output.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_CONFIG_BYTES, MAX_LOCK_BYTES, MAX_SEED_BYTES } from './limits.js';
import { MAX_GO_MOD_BYTES, nearestGoModFile } from './go-module.js';
import { InputFileError, readInputFile } from './read-input.js';
import { listFiles } from './write/stray-files.js';
import { seedTree, type SeedTree } from './seed-tree.js';

/** The config file looked for in the working directory; the same as config.ts's CONFIG_FILE (which loads ajv). */
export const DEFAULT_CONFIG_FILE = 'feishu-errcodes.config.json';
/** The manifest in the output folder; the same as project.ts's MANIFEST_FILE. */
const MANIFEST_FILE = '.feishu-errcodes.json';
/** Bumped whenever the stamp's shape or the fingerprint's recipe changes. */
const STAMP_FORMAT = 3;

/** The CLI flags that choose what a run reads and writes. */
export interface RunFlags {
  readonly config?: string;
  readonly seeds?: string;
  readonly out?: string;
}

/** The config file a run reads and the hash of its bytes (`none` when there is none). */
export interface ConfigSource {
  readonly file: string;
  readonly hash: string;
}

/** Where a full run read and wrote, as project.ts resolved it; kept in the stamp. */
export interface RunRecord {
  readonly cwd: string;
  readonly flags: RunFlags;
  readonly config: ConfigSource;
  readonly seedsDir: string;
  /** Every seed and folder the walk found before the run read them (seedEntries): a new file at any depth means a full run. */
  readonly seedEntries: readonly string[];
  /** Each seed read (its path relative to the seeds folder), with the hash of its bytes (seedLine). */
  readonly seeds: readonly string[];
  readonly lockFile: string;
  readonly outDir: string;
}

/** What a full run reported, replayed by the fast path. */
export interface RunSummary {
  readonly modules: number;
  readonly codes: number;
  /** The warnings as the full run printed them, without and with colour ('' for none). */
  readonly diagnostics: { readonly plain: string; readonly color: string };
}

interface Stamp extends RunSummary, Pick<RunRecord, 'seedsDir' | 'seedEntries' | 'seeds' | 'lockFile' | 'outDir'> {
  readonly format: number;
  /** Hash of what the run read (inputsHash) and of what it wrote (outputsHash). */
  readonly inputs: string;
  readonly outputs: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Largest generated file the fast path hashes; a larger one (or anything odd) means a full run. */
const MAX_GENERATED_BYTES = 1024 * 1024 * 1024;

/** A regular file's bytes, read through one handle with a cap: a FIFO or /dev/zero must not hang the fast path. */
function readBounded(file: string, maxBytes: number): Buffer {
  return readInputFile(file, { kind: 'file', shown: file, maxBytes });
}

/** The config a run with these flags reads; undefined when `--config` names a file that cannot be read. */
export function configSource(cwd: string, flags: RunFlags): ConfigSource | undefined {
  const file = flags.config !== undefined ? resolve(cwd, flags.config) : join(cwd, DEFAULT_CONFIG_FILE);
  try {
    return { file, hash: sha256(readBounded(file, MAX_CONFIG_BYTES)) };
  } catch (error) {
    // Only a config that is not there at all is "none"; anything odd takes the full run, which explains it.
    const absent = error instanceof InputFileError && error.code === 'ENOENT';
    return flags.config === undefined && absent ? { file, hash: 'none' } : undefined;
  }
}

/**
 * What a seeds walk found, as the stamp keeps it: every seed and every folder entered
 * (folders end in `/`), relative to the seeds folder, in code-unit order. A page added,
 * removed or renamed at any depth, or a new folder, changes it.
 */
export function seedEntries(tree: SeedTree): string[] {
  return [...tree.files, ...tree.folders.map((folder) => `${folder}/`)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The record of a full run that project.ts hands back: where it read and wrote, and each
 * seed (its path relative to the seeds folder) with the hash of the bytes the run read.
 * `seedEntries` must be listed before the seeds were read.
 */
export function runRecord(run: {
  readonly cwd: string;
  readonly flags: RunFlags;
  readonly seedsDir: string;
  readonly seedEntries: readonly string[];
  readonly seeds: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  readonly lockFile: string;
  readonly outDir: string;
}): RunRecord | undefined {
  const config = configSource(run.cwd, run.flags);
  if (config === undefined) return undefined;
  return {
    cwd: run.cwd,
    flags: run.flags,
    config,
    seedsDir: run.seedsDir,
    seedEntries: run.seedEntries,
    seeds: run.seeds.map((seed) => seedLine(seed.path, seed.bytes)),
    lockFile: run.lockFile,
    outDir: run.outDir,
  };
}

/**
 * After a full run that left the outputs and the lock up to date on disk: stores where it
 * read and wrote, the fingerprint, and what it reported. The lock and the outputs are
 * hashed as they are on disk now (bytes hash far faster than strings); an edit landing in
 * the moment between the run's write and this read would be taken as the run's output.
 * Never throws; without a stamp the next run is simply a full one.
 */
export function rememberRun(record: RunRecord, summary: RunSummary, env: NodeJS.ProcessEnv): void {
  try {
    const stamp: Stamp = {
      format: STAMP_FORMAT,
      seedsDir: record.seedsDir,
      seedEntries: record.seedEntries,
      seeds: record.seeds,
      lockFile: record.lockFile,
      outDir: record.outDir,
      inputs: inputsHash(record.seeds, record.config.hash, readBounded(record.lockFile, MAX_LOCK_BYTES), goModLine(record.cwd)),
      outputs: outputsHash(record.outDir),
      modules: summary.modules,
      codes: summary.codes,
      diagnostics: summary.diagnostics,
    };
    const dir = stampFolder(env, true);
    if (dir === undefined) return;
    const file = join(dir, `${stampKey(record.cwd, record.flags, record.config)}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(stamp));
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written costs speed, never correctness.
  }
}

/**
 * The summary of the last full run when nothing it read or wrote has changed since, and
 * the same build of the tool runs with the same flags; otherwise undefined. Never throws.
 */
export function unchangedSinceLastRun(cwd: string, flags: RunFlags, env: NodeJS.ProcessEnv): RunSummary | undefined {
  try {
    const config = configSource(cwd, flags);
    const dir = stampFolder(env, false);
    if (config === undefined || dir === undefined) return undefined;
    const stamp = JSON.parse(readFileSync(join(dir, `${stampKey(cwd, flags, config)}.json`), 'utf8')) as Stamp;
    if (stamp.format !== STAMP_FORMAT) return undefined;
    // The full run's own walk: a seed added, removed or renamed at any depth, or a new folder, takes the full run.
    const tree = seedTree(stamp.seedsDir, stamp.seedsDir);
    if (JSON.stringify(seedEntries(tree)) !== JSON.stringify(stamp.seedEntries)) return undefined;
    const seeds = tree.files.map((path) => seedLine(path, readBounded(join(stamp.seedsDir, ...path.split('/')), MAX_SEED_BYTES)));
    if (inputsHash(seeds, config.hash, readBounded(stamp.lockFile, MAX_LOCK_BYTES), goModLine(cwd)) !== stamp.inputs) return undefined;
    if (outputsHash(stamp.outDir) !== stamp.outputs) return undefined;
    return { modules: stamp.modules, codes: stamp.codes, diagnostics: stamp.diagnostics };
  } catch {
    return undefined;
  }
}

/** One seed as the fingerprint holds it: `seed<TAB>im-v1/message/create.md<TAB><sha-256 of its bytes>` (path relative to the seeds folder). */
function seedLine(path: string, bytes: Uint8Array): string {
  return `seed\t${path}\t${sha256(bytes)}`;
}

/** What a run read: its seeds, its config, the name lock (as the run leaves it) and the go.mod its Go packages may join. */
function inputsHash(seeds: readonly string[], configHash: string, lock: Uint8Array, goMod: string): string {
  return sha256([...seeds].sort().concat(`config\t${configHash}`, `lock\t${sha256(lock)}`, goMod).join('\n'));
}

/**
 * The go.mod that go-module.ts's search finds from the project root (up to the git root or
 * home), with the hash of its bytes, or `none`: a go.mod added, edited or removed since the
 * last run changes the Go import paths, so it takes the full run.
 */
function goModLine(root: string): string {
  const file = nearestGoModFile(root);
  return file === undefined ? 'gomod\tnone' : `gomod\t${file}\t${sha256(readBounded(file, MAX_GO_MOD_BYTES))}`;
}

/** What a run wrote: every file its manifest lists, and the manifest. Throws when one cannot be read. */
function outputsHash(outDir: string): string {
  const manifest = readRegularFile(join(outDir, MANIFEST_FILE), MAX_LOCK_BYTES);
  const files = (JSON.parse(manifest.toString('utf8')) as { files?: unknown }).files;
  if (!Array.isArray(files) || !files.every((file): file is string => typeof file === 'string' && isSafeRelative(file))) {
    throw new Error('unexpected manifest');
  }
  const lines = files.map((file) => `${file}\t${sha256(readRegularFile(join(outDir, file), MAX_GENERATED_BYTES))}`);
  // Every path in the folder too: a stray file added by hand makes `check` run in full and report it.
  return sha256([...lines.sort(), `${MANIFEST_FILE}\t${sha256(manifest)}`, `tree\t${listFiles(outDir).join('\t')}`].join('\n'));
}

/**
 * A file's bytes; throws for a link or anything but a regular file (a committed link to
 * /dev/zero must not be read): the pipeline then runs, and refuses it with a message.
 */
function readRegularFile(path: string, maxBytes: number): Buffer {
  if (!lstatSync(path).isFile()) throw new Error(`not a regular file: ${path}`);
  return readBounded(path, maxBytes);
}

function stampKey(cwd: string, flags: RunFlags, config: ConfigSource): string {
  return sha256(JSON.stringify([STAMP_FORMAT, toolId(), resolve(cwd), flags.config ?? null, flags.seeds ?? null, flags.out ?? null, config.file, config.hash]));
}

/** A private folder for stamps in the temp folder; undefined when it is not ours. */
function stampFolder(env: NodeJS.ProcessEnv, create: boolean): string | undefined {
  const uid = process.getuid?.() ?? -1;
  const dir = join(env['TMPDIR'] || tmpdir(), `feishu-errcodes-${uid === -1 ? 'user' : uid}`);
  try {
    if (create) mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = statSync(dir);
    return stat.isDirectory() && (uid === -1 || stat.uid === uid) ? dir : undefined;
  } catch {
    return undefined;
  }
}

let tool: string | undefined;

/**
 * A hash of the tool itself: package.json's bytes, and the path, size and modification
 * time of every file of its compiled code, templates and schemas (a rebuild or an install
 * changes them; reading them all would cost more than the rest of the fast path).
 */
function toolId(): string {
  if (tool !== undefined) return tool;
  const codeDir = dirname(fileURLToPath(import.meta.url));
  const root = resolve(codeDir, '..');
  const hash = createHash('sha256').update(readFileSync(join(root, 'package.json')));
  const files = [...filesUnder(codeDir).filter((file) => /\.(?:js|mjs|ts)$/.test(file) && !file.endsWith('.d.ts')), ...filesUnder(join(root, 'templates')), ...filesUnder(join(root, 'schema'))];
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`\n${file.slice(root.length)}\t${stat.size}\t${stat.mtimeMs}`);
  }
  return (tool = hash.digest('hex'));
}

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : []));
}

/** A manifest entry must stay inside the out folder. */
function isSafeRelative(path: string): boolean {
  return !isAbsolute(path) && !path.split(/[\\/]/).includes('..');
}
