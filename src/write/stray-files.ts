/**
 * Files in the output folder that no run wrote: someone added them by hand, or another
 * tool writes there. `check` reports them, since a reviewer would take them for outputs.
 * Reads only; never follows a symbolic link out of the folder.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Our temp files (`.<name>.<pid>.<hex>.tmp`), which `generate` cleans up itself. */
const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;
/** Files that belong in a generated folder without being outputs: git and Finder metadata. */
const ALLOWED = new Set(['.gitattributes', '.gitignore', '.gitkeep', '.DS_Store']);
/** The bytecode Python caches beside the generated package when it is imported (`__pycache__/*.pyc`). */
const PYTHON_CACHE = /(?:^|\/)__pycache__\/[^/]+\.pyc$/;

/** Every file (or link) under `dir`, as sorted `/`-separated relative paths; [] when `dir` does not exist. */
export function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (sub: string) => {
    let entries;
    try {
      entries = readdirSync(sub === '' ? dir : join(dir, sub), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else found.push(rel);
    }
  };
  walk('');
  return found.sort();
}

/** The files under `dir` that are neither in `known` (relative paths) nor temp files or git metadata. */
export function strayFiles(dir: string, known: ReadonlySet<string>): string[] {
  return listFiles(dir).filter((path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return !known.has(path) && !ALLOWED.has(name) && !TEMP_NAME.test(name) && !PYTHON_CACHE.test(path);
  });
}
