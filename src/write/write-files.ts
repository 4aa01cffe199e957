import * as nodeFs from 'node:fs';
import { InputFileError, readInputFile } from '../read-input.js';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { assertNoLinkBelow, isOurs, isWithin, protectedBy, UnsafePathError, type ProtectedPath } from './safe-paths.js';

export { UnsafePathError } from './safe-paths.js';

/**
 * The file-system calls the writer makes (optional everywhere, default: node:fs). A test
 * hands in one that fails where it chooses: a permission error that root, who ignores
 * file modes, would never get.
 */
export type WriterFs = Pick<typeof nodeFs, 'closeSync' | 'fsyncSync' | 'lstatSync' | 'mkdirSync' | 'openSync' | 'readdirSync' | 'readFileSync' | 'renameSync' | 'rmdirSync' | 'rmSync' | 'writeSync'> & {
  /**
   * Flushes the file systems of `paths` at once (optional, default: `sync -f` on Linux, see
   * syncFileSystems); false when it could not, and the writer fsyncs each file instead.
   */
  readonly syncFileSystems?: (paths: readonly string[]) => boolean;
};

/** A file to put on disk: `path` for display (relative, `/`), `absolute` to write. */
export interface PlannedFile {
  readonly path: string;
  readonly absolute: string;
  readonly contents: string;
  /**
   * Put in place after stale outputs are removed (optional, default: false). For the
   * manifest that lists them: a run killed before that point leaves the old manifest,
   * so the next run still knows what to remove.
   */
  readonly last?: boolean;
}

export interface FileChange extends PlannedFile {
  /** Contents on disk now; undefined for a new file. */
  readonly previous?: string;
}

/** A file on disk, by display path and absolute path. */
export interface FileRef {
  readonly path: string;
  readonly absolute: string;
}

/** An output of an earlier run, as its manifest lists it (a file anyone can edit: never trusted). */
export interface EarlierOutput extends FileRef {
  /** The sha-256 of its contents the manifest recorded (for files without a header). */
  readonly sha256?: string;
}

/**
 * Where this write may act (safe-paths.ts). Every planned file under `root` and every
 * removal is checked: no symbolic link on its way down from `root`; a removal must be a
 * regular file under `root` that the generator provably wrote, and none of `protected`.
 */
export interface WriteGuard {
  /** The output folder, absolute. */
  readonly root: string;
  /** Seeds folder, config and lock: never removed, never written through the output folder. */
  readonly protected: readonly ProtectedPath[];
  /** Absolute path → display path, for messages. */
  readonly display: (absolute: string) => string;
  /** What `root` is, for messages (optional, default: `the output folder`). */
  readonly rootName?: string;
}

export interface WritePlan {
  readonly changed: readonly FileChange[];
  readonly unchanged: readonly PlannedFile[];
  /** Outputs of an earlier run that this run no longer produces. */
  readonly removed: readonly (FileRef & { previous: string })[];
  /** Temp files a killed earlier run left behind; `applyWrite` deletes them. */
  readonly leftovers: readonly FileRef[];
  /** Files the earlier manifest lists that are not removed, with why (not ours, protected). */
  readonly kept: readonly (FileRef & { reason: string })[];
  /** The output folder: empty folders are removed up to it, never above it. */
  readonly root?: string;
}

/** A file could not be read or written; the message names it, says why and what to do. */
export class WriteError extends Error {
  constructor(
    message: string,
    /** Display path of the file. */
    readonly path: string,
    /** The system error code, e.g. `ENOTDIR`. */
    readonly code: string | undefined,
    /** True when some files were already replaced (each is still whole: old or new). */
    readonly partial: boolean,
  ) {
    super(message);
    this.name = 'WriteError';
  }
}

/** `.errors.go.1234.0a1b2c3d.tmp`: the temp file of `errors.go` written by process 1234. */
/** Largest earlier output read back to compare (a catalogue at every limit is far smaller). */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Compares what a run would write with what is on disk, and finds temp files of killed
 * earlier runs beside the outputs. Reads only. Every file under `guard.root` is checked
 * first (no link on its way, not a protected file: else UnsafePathError); an earlier
 * output is planned for removal only when the guard proves it ours, else it is `kept`;
 * a path listed twice, only when every entry proves it ours.
 */
export function planWrite(files: readonly PlannedFile[], earlier: readonly EarlierOutput[], guard: WriteGuard, fs: WriterFs = nodeFs): WritePlan {
  const changed: FileChange[] = [];
  const unchanged: PlannedFile[] = [];
  const now = new Set(files.map((file) => file.absolute));
  for (const file of files) checkWritable(file, guard);
  for (const file of files) {
    const previous = readIfExists(file);
    if (previous === file.contents) unchanged.push(file);
    else changed.push({ ...file, ...(previous !== undefined && { previous }) });
  }
  const kept: (FileRef & { reason: string })[] = [];
  const removed: (FileRef & { previous: string })[] = [];
  for (const entries of byPath(earlier.filter((file) => !now.has(file.absolute)))) {
    // A path the manifest lists twice (a hand edit: one entry with a hash, one without, or
    // two hashes) is removed only when every entry proves the file ours: the safe reading.
    let reason: string | undefined;
    for (const file of entries) {
      reason = removalRefused(file, guard, fs);
      if (reason !== undefined) break;
    }
    const file = entries[0]!;
    if (reason !== undefined) {
      if (reason !== '') kept.push({ path: file.path, absolute: file.absolute, reason });
      continue;
    }
    const previous = isRegularFile(file.absolute, fs) ? readIfExists(file) : undefined;
    if (previous !== undefined) removed.push({ path: file.path, absolute: file.absolute, previous });
  }
  const leftovers = findLeftovers([...files, ...removed], fs);
  return { changed, unchanged, removed, leftovers, kept, root: guard.root };
}

/** A planned file under the output folder must not go through a link nor be a protected file. */
function checkWritable(file: PlannedFile, guard: WriteGuard): void {
  if (!isWithin(guard.root, file.absolute)) return; // the lock: replaced by rename, which never follows a link
  assertNoLinkBelow(guard.root, file.absolute, guard.display, guard.rootName);
  // A FIFO or device where an output goes would hang or flood the read of its old bytes.
  let stat;
  try {
    stat = nodeFs.lstatSync(file.absolute);
  } catch {
    stat = undefined;
  }
  if (stat !== undefined && !stat.isFile() && !stat.isDirectory()) {
    throw new UnsafePathError(`${file.path} is not a regular file (a FIFO, socket or device); remove it and run again. Nothing was written.`, file.path);
  }
  const guarded = protectedBy(file.absolute, guard.protected);
  if (guarded) throw new UnsafePathError(`${file.path} would replace ${guarded.label}; choose another --out (or config lock). Nothing was written.`, file.path);
}

/** The earlier outputs grouped by absolute path, in the order each path is first listed. */
function byPath(earlier: readonly EarlierOutput[]): EarlierOutput[][] {
  const groups = new Map<string, EarlierOutput[]>();
  for (const file of earlier) {
    const group = groups.get(file.absolute);
    if (group) group.push(file);
    else groups.set(file.absolute, [file]);
  }
  return [...groups.values()];
}

/**
 * Why an earlier output must not be removed ('' when it is simply gone), or undefined when
 * it may be. Throws when its path goes through a symbolic link under the output folder.
 */
function removalRefused(file: EarlierOutput, guard: WriteGuard, fs: WriterFs): string | undefined {
  if (!isWithin(guard.root, file.absolute) || file.absolute === guard.root) return 'outside the output folder';
  assertNoLinkBelow(guard.root, file.absolute, guard.display, guard.rootName);
  let stat;
  try {
    stat = fs.lstatSync(file.absolute);
  } catch {
    return '';
  }
  if (!stat.isFile()) return 'not a regular file';
  const guarded = protectedBy(file.absolute, guard.protected);
  if (guarded) return `it is ${guarded.label}`;
  if (!isOurs(file.absolute, file.sha256)) return 'feishu-errcodes did not write it (no generator header, and not the contents the manifest recorded); remove it yourself if it is stale';
  return undefined;
}

/**
 * Puts the plan on disk so that every file is at any moment either its old bytes or its
 * new bytes: every changed file is first written in full to a temp file beside it, every
 * temp is synced (an fsync each, or for BATCH_SYNC_MIN files and more one syncfs per file
 * system), then each is renamed over its target (rename is atomic within a folder). Stale
 * outputs are removed only once every new file is in place; files marked `last` follow.
 * A failure while writing temps changes nothing; temps and folders this call made are
 * removed again.
 */
export function applyWrite(plan: WritePlan, fs: WriterFs = nodeFs): void {
  for (const leftover of plan.leftovers) fs.rmSync(leftover.absolute, { force: true });

  const temps: { temp: string; file: FileChange }[] = [];
  const madeDirs: string[] = [];
  let current = '(output folder)';
  try {
    const syncAll = fs.syncFileSystems ?? (SYNC_COMMAND === undefined ? undefined : (paths: readonly string[]) => syncFileSystems(paths, fs));
    const batch = plan.changed.length >= BATCH_SYNC_MIN && syncAll !== undefined;
    for (const file of plan.changed) {
      current = file.path;
      const made = fs.mkdirSync(dirname(file.absolute), { recursive: true });
      if (made !== undefined) madeDirs.push(made);
      const temp = tempNameFor(file.absolute);
      temps.push({ temp, file });
      writeTemp(temp, file.contents, !batch, fs);
    }
    // Many files: one syncfs per file system for the whole batch instead of an fsync each;
    // if that fails, an fsync each. Either way every temp is on disk before any rename.
    if (batch && !syncAll(temps.map(({ temp }) => temp))) {
      for (const { temp, file } of temps) {
        current = file.path;
        syncFile(temp, fs);
      }
    }
  } catch (error) {
    for (const { temp } of temps) fs.rmSync(temp, { force: true });
    for (const dir of madeDirs.reverse()) removeEmptyDirs(dir, fs);
    throw writeError(error, current, false);
  }

  const ordered = [...temps.filter(({ file }) => !file.last), ...temps.filter(({ file }) => file.last)];
  const firstLast = ordered.findIndex(({ file }) => file.last);
  let renamed = 0;
  try {
    for (const [index, { temp, file }] of ordered.entries()) {
      if (index === firstLast) removeStale(plan, (path) => (current = path), fs);
      current = file.path;
      fs.renameSync(temp, file.absolute);
      renamed++;
    }
    if (firstLast === -1) removeStale(plan, (path) => (current = path), fs);
  } catch (error) {
    for (const { temp } of ordered.slice(renamed)) fs.rmSync(temp, { force: true });
    throw writeError(error, current, renamed > 0);
  }
}

function removeStale(plan: WritePlan, onFile: (path: string) => void, fs: WriterFs): void {
  for (const file of plan.removed) {
    onFile(file.path);
    fs.rmSync(file.absolute, { force: true });
    // A removed module can leave its own folders (go/<pkg>/, java/<package path>/) empty:
    // remove them up to the first that is not, never the output folder or anything above
    // it, never through a link (rmdir does not follow one).
    const root = plan.root;
    for (let parent = dirname(file.absolute); root !== undefined && parent !== root && isWithin(root, parent); parent = dirname(parent)) {
      try {
        if (!fs.lstatSync(parent).isDirectory()) break;
        fs.rmdirSync(parent);
      } catch {
        break; // Not empty, or not ours to remove.
      }
    }
  }
}

/**
 * Writes `contents` to a new file (`wx`: never through an existing path), synced unless
 * the caller syncs the whole batch afterwards.
 */
function writeTemp(path: string, contents: string, sync: boolean, fs: WriterFs): void {
  const fd = fs.openSync(path, 'wx');
  try {
    fs.writeSync(fd, contents);
    if (sync) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncFile(path: string, fs: WriterFs): void {
  const fd = fs.openSync(path, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Fewer changed files than this are each fsynced; from this many on, the batch is synced at once. */
export const BATCH_SYNC_MIN = 8;
/** How long one syncfs may take before the writer falls back to an fsync per file. */
const SYNC_TIMEOUT_MS = 120_000;
/** `sync -f` (GNU coreutils, Linux): syncfs(2) on the file system of each path given. */
const SYNC_COMMAND = process.platform === 'linux' ? ['/bin/sync', '/usr/bin/sync'].find((path) => nodeFs.existsSync(path)) : undefined;

/**
 * Flushes every file system the `paths` are on with one syncfs(2) each (`sync -f`, one path
 * per file system): the data of every file written so far reaches the disk, as an fsync of
 * each would make it. False when that could not be done (no `sync -f`, an error, a
 * timeout): the caller then fsyncs each file.
 */
function syncFileSystems(paths: readonly string[], fs: WriterFs): boolean {
  if (SYNC_COMMAND === undefined) return false;
  // A file system a temp is on, by its device; a path given per file system.
  const byDevice = new Map<number, string>();
  for (const path of paths) {
    const device = fs.lstatSync(path).dev;
    if (!byDevice.has(device)) byDevice.set(device, path);
  }
  const run = spawnSync(SYNC_COMMAND, ['-f', '--', ...byDevice.values()], { stdio: 'ignore', timeout: SYNC_TIMEOUT_MS });
  return run.error === undefined && run.status === 0;
}

/** Removes `dir` and the folders under it when they hold no files. */
function removeEmptyDirs(dir: string, fs: WriterFs): void {
  try {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) removeEmptyDirs(join(dir, entry.name), fs);
    }
    fs.rmdirSync(dir);
  } catch {
    // Not empty (or gone): leave it.
  }
}

/**
 * Temp files of ours in the folders this plan writes to, left by a run that was killed
 * between writing and renaming. A temp of a process that is still running is left alone.
 */
function findLeftovers(files: readonly FileRef[], fs: WriterFs): FileRef[] {
  const dirs = new Map<string, string>();
  for (const file of files) dirs.set(dirname(file.absolute), dirname(file.path));
  const leftovers: FileRef[] = [];
  for (const [dir, shown] of [...dirs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const match = TEMP_NAME.exec(name);
      if (!match || isRunning(Number(match[2])) || !isRegularFile(join(dir, name), fs)) continue;
      leftovers.push({ path: `${shown}/${name}`, absolute: join(dir, name) });
    }
  }
  return leftovers;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isRegularFile(path: string, fs: WriterFs): boolean {
  try {
    return fs.lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The file's text, or undefined when it (or a folder above it) does not exist. Read
 * through one handle with a cap: a FIFO or a link to /dev/zero in the output folder must
 * not hang the run.
 */
function readIfExists(file: FileRef): string | undefined {
  try {
    return readInputFile(file.absolute, { kind: 'output file', shown: file.path, maxBytes: MAX_OUTPUT_BYTES }).toString('utf8');
  } catch (error) {
    if (error instanceof InputFileError) {
      // ENOTDIR: a parent is a file; the write reports that, with what to do.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw new WriteError(`${error.message}. Nothing was changed.`, file.path, error.code, false);
    }
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file; the write reports that, with what to do.
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw writeError(error, file.path, false, 'read');
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'a folder on its path is a file',
  EEXIST: 'a folder on its path is a file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links on its path',
};

function writeError(error: unknown, path: string, partial: boolean, verb: 'read' | 'write' = 'write'): WriteError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (code && REASONS[code]) ?? (error as Error).message;
  const outcome = partial
    ? 'Some files were replaced (each one whole); fix the cause and run again to finish.'
    : 'Nothing was changed.';
  return new WriteError(
    `Cannot ${verb} ${path}: ${reason}${code ? ` (${code})` : ''}; make its folder ${verb === 'read' ? 'readable' : 'writable'}, or pass --out <a folder you can write to>. ${outcome}`,
    path,
    code,
    partial,
  );
}
