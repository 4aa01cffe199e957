import { readdirSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { displayPath, UserError } from '../project.js';
import { MAX_LOCK_BYTES } from '../limits.js';
import { InputFileError, readInputFile } from '../read-input.js';

/**
 * Read access to a tree of files: the working tree, or a git revision. Paths are as the
 * user wrote them, relative to the working directory.
 */
export interface TreeReader {
  /** What is at `path`, if anything. */
  kind(path: string): 'file' | 'dir' | undefined;
  /** Names of the files directly in `dir`, sorted. */
  files(dir: string): string[];
  read(path: string): Uint8Array;
  /** How `path` is shown in messages and as a seed's path (always with a `/`). */
  show(path: string): string;
  /** Do `a` and `b` name the same place? */
  same(a: string, b: string): boolean;
  join(dir: string, name: string): string;
  dirname(path: string): string;
}

/** The working tree under `cwd`. */
export function fsTree(cwd: string): TreeReader {
  const abs = (path: string) => resolve(cwd, path);
  return {
    kind(path) {
      try {
        const stat = statSync(abs(path));
        return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : undefined;
      } catch {
        return undefined;
      }
    },
    files(dir) {
      return readdirSync(abs(dir))
        .filter((name) => this.kind(this.join(dir, name)) === 'file')
        .sort();
    },
    read(path) {
      try {
        return readInputFile(abs(path), { kind: 'file', shown: this.show(path), maxBytes: MAX_LOCK_BYTES });
      } catch (error) {
        if (error instanceof InputFileError) throw new UserError(error.message);
        throw error;
      }
    },
    show(path) {
      const shown = displayPath(cwd, abs(path));
      return shown.includes('/') ? shown : `./${shown}`;
    },
    same: (a, b) => abs(a) === abs(b),
    join: (dir, name) => posix.join(dir.split('\\').join('/'), name),
    dirname: (path) => posix.dirname(path.split('\\').join('/')),
  };
}
