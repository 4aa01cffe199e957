/**
 * Finds the project a command runs on from any folder inside it, the way git and eslint
 * do: the nearest folder up the tree with the config file, or with `package.json` and a
 * `seeds/` folder. Reads only.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
// Not from config.ts, which loads ajv: the fast path finds the root too.
import { DEFAULT_CONFIG_FILE as CONFIG_FILE } from './fast-path.js';

export interface ProjectRoot {
  /** The folder commands run in: the root found, else the folder the search started from. */
  readonly root: string;
  /** The folder the search started from (the working directory). */
  readonly from: string;
  /** What marked the root; undefined when no folder up the tree is a project. */
  readonly marker?: 'config' | 'package.json and seeds/';
}

/** Walks up from `from` (absolute, or resolved against nothing but itself) to the nearest project root. */
export function findProjectRoot(from: string): ProjectRoot {
  const start = resolve(from);
  for (let dir = start; ; dir = dirname(dir)) {
    if (isFile(join(dir, CONFIG_FILE))) return { root: dir, from: start, marker: 'config' };
    if (isFile(join(dir, 'package.json')) && isDirectory(join(dir, 'seeds'))) return { root: dir, from: start, marker: 'package.json and seeds/' };
    if (dirname(dir) === dir) return { root: start, from: start };
  }
}

/**
 * Where to search from and how to read path flags: paths the user typed are relative to
 * the folder they typed them in, so they are made absolute before commands run in the root.
 */
export function absoluteFrom(cwd: string, path: string | undefined): string | undefined {
  return path === undefined || isAbsolute(path) ? path : resolve(cwd, path);
}

/** What a "folder does not exist" message adds: where the root was looked for. */
export function describeSearch(root: ProjectRoot): string {
  if (root.marker !== undefined) return root.root === root.from ? `project root ${root.root}` : `project root ${root.root}, found from ${root.from}`;
  return `no project root found in ${root.from} or above it: no ${CONFIG_FILE}, nor package.json beside seeds/`;
}

/**
 * True inside a git work tree with a commit, where `diff git:HEAD` works: git itself
 * answers (worktrees, submodules and packed refs included); false without git.
 */
export function isInGitRepo(dir: string): boolean {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, stdio: 'ignore', timeout: 10_000 });
  return result.status === 0;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
