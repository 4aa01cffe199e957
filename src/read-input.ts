import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * A file the user handed us (seed, config, lock) that cannot be read as one: not there,
 * not a regular file, or larger than its limit. The message names the file and what to do.
 */
export class InputFileError extends Error {
  constructor(
    message: string,
    /** `ENOENT` when nothing is at the path (not even a dangling symlink), `ENOTDIR` when a folder on it is a file: callers may treat those as "absent". */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface ReadInputOptions {
  /** What the file is, for messages (`seed`, `config file`, `name lock`). */
  readonly kind: string;
  /** The path messages name (relative to the working directory). */
  readonly shown: string;
  /** Largest size accepted, in bytes. */
  readonly maxBytes: number;
}

/**
 * Reads a regular file through one open handle: opened without blocking (a FIFO with no
 * writer does not hang the open), checked with fstat (a folder, FIFO, socket or device
 * such as /dev/zero is refused), then read with a bounded loop that stops one byte past
 * `maxBytes` (a file growing meanwhile is refused too, never read to the end).
 */
export function readInputFile(absolute: string, options: ReadInputOptions): Buffer {
  const { kind, shown, maxBytes } = options;
  let fd: number;
  try {
    fd = openSync(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw openError(error as NodeJS.ErrnoException, absolute, kind, shown);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputFileError(`${shown}: the ${kind} is ${describeType(stat)}, not a regular file; ${fixFor(kind)}`);
    if (stat.size > maxBytes) throw tooLarge(kind, shown, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    // The size fstat gives in one read (plus one byte, to see the end), then small reads: a
    // file may still grow, and /proc-like files report size 0.
    let chunkSize = Math.min(stat.size + 1, maxBytes + 1);
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(chunkSize, 1), maxBytes + 1 - total));
      chunkSize = 64 * 1024;
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        throw new InputFileError(`${shown}: the ${kind} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ${fixFor(kind)}`);
      }
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw tooLarge(kind, shown, maxBytes);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** `true` when something (a file, folder, or a symlink, even a dangling one) is at the path. */
export function pathTaken(absolute: string): boolean {
  try {
    lstatSync(absolute);
    return true;
  } catch {
    return false;
  }
}

/** A UTF-8 byte order mark at the start of JSON text: editors on Windows add it; JSON.parse rejects it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `12 MiB`, `512 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function tooLarge(kind: string, shown: string, maxBytes: number): InputFileError {
  return new InputFileError(`${shown}: the ${kind} is larger than ${formatBytes(maxBytes)}, the most feishu-errcodes reads (see docs/limits.md); ${fixFor(kind)}`);
}

function openError(error: NodeJS.ErrnoException, absolute: string, kind: string, shown: string): InputFileError {
  if (error.code === 'ENOENT') {
    let dangling = false;
    try {
      dangling = lstatSync(absolute).isSymbolicLink();
    } catch {
      // nothing at the path at all
    }
    if (dangling) return new InputFileError(`${shown}: the ${kind} is a symbolic link to a file that does not exist; fix or remove the link`);
    return new InputFileError(`${shown}: the ${kind} does not exist`, 'ENOENT');
  }
  if (error.code === 'ELOOP') return new InputFileError(`${shown}: the ${kind} is a symbolic link that loops; fix or remove the link`);
  if (error.code === 'EACCES' || error.code === 'EPERM') return new InputFileError(`${shown}: the ${kind} cannot be read (permission denied); fix its permissions`);
  if (error.code === 'ENOTDIR') return new InputFileError(`${shown}: the ${kind} cannot be read: a part of its path is a file, not a folder`, 'ENOTDIR');
  if (error.code === 'ENXIO') return new InputFileError(`${shown}: the ${kind} is a socket or device, not a regular file; ${fixFor(kind)}`);
  return new InputFileError(`${shown}: the ${kind} cannot be read (${error.code ?? error.message}); ${fixFor(kind)}`);
}

function describeType(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

function fixFor(kind: string): string {
  if (kind === 'seed') return 'seeds must be markdown files: rename or move it out of the seeds folder';
  if (kind === 'name lock') return 'point `lock` in the config at a JSON file, or delete what is at that path';
  if (kind === 'config file') return 'point --config at a JSON file';
  if (kind === 'output file') return 'remove it: generate writes a regular file there';
  if (kind === 'generated catalogue') return 'remove it and run `feishu-errcodes generate` to write it again';
  return 'pass a regular file';
}
