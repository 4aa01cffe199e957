import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VFile } from 'vfile';
import { buildCatalog, type SeedInput } from './generate.js';
import { displayPath, readConfig, readLock, readSeedFile, readSeeds, UserError, type ProjectOptions } from './project.js';
import { pathTaken } from './read-input.js';

/**
 * `lint`: parse and normalize the given docs (a folder: its docs; default: every seed)
 * with the config and name lock, and return their diagnostics. Writes nothing.
 */
export function lint(paths: readonly string[], options: ProjectOptions = {}): { files: VFile[] } {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = readConfig(cwd, options);
  let seeds: SeedInput[];
  if (paths.length === 0) seeds = readSeeds(cwd, resolve(cwd, config.seeds), config.seeds, options.searched);
  else {
    seeds = paths.flatMap((path) => {
      const absolute = resolve(cwd, path);
      // The CLI hands absolute paths (typed relative to a subfolder): messages show them from the project.
      const shown = displayPath(cwd, absolute);
      if (!pathTaken(absolute)) throw new UserError(`${shown}: no such file; pass markdown docs to lint, or no argument to lint every seed`);
      // A folder stands for its docs, as the seeds folder does.
      if (statSync(absolute).isDirectory()) return readSeeds(cwd, absolute, shown);
      return [{ path: shown, bytes: readSeedFile(absolute, shown) }];
    });
  }
  const lockPath = displayPath(cwd, resolve(cwd, config.lock));
  const lock = readLock(resolve(cwd, config.lock), lockPath);
  return { files: buildCatalog(seeds, { config, lock, lockPath }).files };
}
