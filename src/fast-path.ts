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
 * The stamp lives in a private folder under the OS temp folder, not in generated/: a
 * committed fingerprint would have to change with every build of the tool, and would make
 * `check` fail after a seed edit that changes no output.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The config file looked for in the working directory; the same as config.ts's CONFIG_FILE (which loads ajv). */
export const DEFAULT_CONFIG_FILE = 'feishu-errcodes.config.json';
/** The manifest in the output folder; the same as project.ts's MANIFEST_FILE. */
const MANIFEST_FILE = '.feishu-errcodes.json';
/** Bumped whenever the stamp's shape or the fingerprint's recipe changes. */
const STAMP_FORMAT = 1;

/** The CLI flags that choose what a run reads and writes. */
export interface RunFlags {
  readonly config?: string;
  readonly seeds?: string;
  readonly out?: string;
}

/** A hash of what a run read and one of what it wrote. */
export interface Fingerprint {
  readonly inputs: string;
  readonly outputs: string;
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
  /** Every entry of the seeds folder before the run read it: a new file means a full run. */
  readonly seedEntries: readonly string[];
  /** Display paths of the seeds read (`seeds/hire-v1.md`), as hashed. */
  readonly seedPaths: readonly string[];
  readonly lockFile: string;
  readonly outDir: string;
  readonly fingerprint: Fingerprint;
}

/** What a full run reported, replayed by the fast path. */
export interface RunSummary {
  readonly modules: number;
  readonly codes: number;
  /** The warnings as the full run printed them, without and with colour ('' for none). */
  readonly diagnostics: { readonly plain: string; readonly color: string };
}

interface Stamp extends RunSummary {
  readonly format: number;
  readonly seedsDir: string;
  readonly seedEntries: readonly string[];
  readonly seedPaths: readonly string[];
  readonly lockFile: string;
  readonly outDir: string;
  readonly fingerprint: Fingerprint;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The config a run with these flags reads; undefined when `--config` names a file that cannot be read. */
export function configSource(cwd: string, flags: RunFlags): ConfigSource | undefined {
  const file = flags.config !== undefined ? resolve(cwd, flags.config) : join(cwd, DEFAULT_CONFIG_FILE);
  try {
    return { file, hash: sha256(readFileSync(file)) };
  } catch {
    return flags.config !== undefined ? undefined : { file, hash: 'none' };
  }
}

/** Every entry name of a folder, sorted by code unit; [] when it cannot be listed. */
export function folderEntries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Hashes of what a run read (seeds, config, the lock it leaves) and of what it wrote. */
export function fingerprintOf(run: {
  readonly seeds: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  readonly configHash: string;
  readonly lock: string | Uint8Array;
  readonly outputs: readonly { readonly path: string; readonly contents: string | Uint8Array }[];
}): Fingerprint {
  const seeds = run.seeds.map((seed) => `seed\t${seed.path}\t${sha256(seed.bytes)}`).sort();
  const inputs = sha256([...seeds, `config\t${run.configHash}`, `lock\t${sha256(run.lock)}`].join('\n'));
  const outputs = sha256(
    run.outputs
      .map((file) => `${file.path}\t${sha256(file.contents)}`)
      .sort()
      .join('\n'),
  );
  return { inputs, outputs };
}

/**
 * The record of a full run that project.ts hands back: where it read and wrote and the
 * fingerprint of both. `seedEntries` must be listed before the seeds were read.
 */
export function runRecord(run: {
  readonly cwd: string;
  readonly flags: RunFlags;
  readonly seedsDir: string;
  readonly seedEntries: readonly string[];
  readonly seeds: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  readonly lockFile: string;
  readonly lockText: string;
  readonly outDir: string;
  /** Every output, paths relative to `outDir`, the manifest included. */
  readonly outputs: readonly { readonly path: string; readonly contents: string }[];
}): RunRecord | undefined {
  const config = configSource(run.cwd, run.flags);
  if (config === undefined) return undefined;
  return {
    cwd: run.cwd,
    flags: run.flags,
    config,
    seedsDir: run.seedsDir,
    seedEntries: run.seedEntries,
    seedPaths: run.seeds.map((seed) => seed.path),
    lockFile: run.lockFile,
    outDir: run.outDir,
    fingerprint: fingerprintOf({ seeds: run.seeds, configHash: config.hash, lock: run.lockText, outputs: run.outputs }),
  };
}

/**
 * After a full run that left the outputs up to date: stores where it read and wrote and
 * what it reported. Never throws; without a stamp the next run is simply a full one.
 */
export function rememberRun(record: RunRecord, summary: RunSummary): void {
  try {
    const stamp: Stamp = {
      format: STAMP_FORMAT,
      seedsDir: record.seedsDir,
      seedEntries: record.seedEntries,
      seedPaths: record.seedPaths,
      lockFile: record.lockFile,
      outDir: record.outDir,
      fingerprint: record.fingerprint,
      modules: summary.modules,
      codes: summary.codes,
      diagnostics: summary.diagnostics,
    };
    const dir = stampFolder(true);
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
export function unchangedSinceLastRun(cwd: string, flags: RunFlags): RunSummary | undefined {
  try {
    const config = configSource(cwd, flags);
    const dir = stampFolder(false);
    if (config === undefined || dir === undefined) return undefined;
    const stamp = JSON.parse(readFileSync(join(dir, `${stampKey(cwd, flags, config)}.json`), 'utf8')) as Stamp;
    if (stamp.format !== STAMP_FORMAT) return undefined;

    const manifest = readFileSync(join(stamp.outDir, MANIFEST_FILE));
    const files = (JSON.parse(manifest.toString('utf8')) as { files?: unknown }).files;
    if (!Array.isArray(files) || !files.every((file): file is string => typeof file === 'string' && isSafeRelative(file))) return undefined;
    if (JSON.stringify(folderEntries(stamp.seedsDir)) !== JSON.stringify(stamp.seedEntries)) return undefined;

    const now = fingerprintOf({
      seeds: stamp.seedPaths.map((path) => ({ path, bytes: readFileSync(join(stamp.seedsDir, path.slice(path.lastIndexOf('/') + 1))) })),
      configHash: config.hash,
      lock: readFileSync(stamp.lockFile),
      outputs: [...files.map((path) => ({ path, contents: readFileSync(join(stamp.outDir, path)) })), { path: MANIFEST_FILE, contents: manifest }],
    });
    if (now.inputs !== stamp.fingerprint.inputs || now.outputs !== stamp.fingerprint.outputs) return undefined;
    return { modules: stamp.modules, codes: stamp.codes, diagnostics: stamp.diagnostics };
  } catch {
    return undefined;
  }
}

function stampKey(cwd: string, flags: RunFlags, config: ConfigSource): string {
  return sha256(JSON.stringify([STAMP_FORMAT, toolId(), resolve(cwd), flags.config ?? null, flags.seeds ?? null, flags.out ?? null, config.file, config.hash]));
}

/** A private folder for stamps in the OS temp folder; undefined when it is not ours. */
function stampFolder(create: boolean): string | undefined {
  const uid = process.getuid?.() ?? -1;
  const dir = join(tmpdir(), `feishu-errcodes-${uid === -1 ? 'user' : uid}`);
  try {
    if (create) mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = statSync(dir);
    return stat.isDirectory() && (uid === -1 || stat.uid === uid) ? dir : undefined;
  } catch {
    return undefined;
  }
}

let tool: string | undefined;

/** A hash of the tool itself: package.json, its own compiled code, templates and schemas. */
function toolId(): string {
  if (tool !== undefined) return tool;
  const codeDir = dirname(fileURLToPath(import.meta.url));
  const root = resolve(codeDir, '..');
  const hash = createHash('sha256');
  const add = (file: string) => hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  add(join(root, 'package.json'));
  for (const file of filesUnder(codeDir)) if (/\.(?:js|mjs|ts)$/.test(file) && !file.endsWith('.d.ts')) add(file);
  for (const file of [...filesUnder(join(root, 'templates')), ...filesUnder(join(root, 'schema'))]) add(file);
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
