/**
 * Finds the project a command runs on from any folder inside it, the way git and eslint
 * do: the nearest folder up the tree with the config file, or with `package.json` and a
 * `seeds/` folder. The search never leaves the git work tree it starts in nor goes above
 * the user's home, and never takes a marker another user could have planted (a shared
 * parent such as the temp folder): see `untrustedRoot` and trust.ts. Reads only.
 */
import { spawnSync } from 'node:child_process';
import { statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
// Not from config.ts, which loads ajv: the fast path finds the root too.
import { DEFAULT_CONFIG_FILE as CONFIG_FILE } from './fast-path.js';
import { readInputFile, stripBom } from './read-input.js';
import { trustFrom, untrustedBelow, untrustedReason, type Trust } from './trust.js';

export interface ProjectRoot {
  /** The folder commands run in: the root found, else the folder the search started from. */
  readonly root: string;
  /** The folder the search started from (the working directory). */
  readonly from: string;
  /** What marked the root; undefined when no folder up the tree is a project. */
  readonly marker?: 'config' | 'package.json and seeds/' | 'package.json';
  /** Where the search stopped without a root: the git root or home (undefined when it reached `/`). */
  readonly stoppedAt?: string;
  /** A marker found but not taken, and why: `/tmp/feishu-errcodes.config.json is owned by another user`. */
  readonly ignored?: string;
}

export interface RootSearch {
  /** The user's home folder: the search goes no higher (optional, default: `os.homedir()`). */
  readonly home?: string;
  /** The user's id (optional, default: `process.getuid()`; undefined, e.g. on Windows, skips the owner check). */
  readonly uid?: number;
}

/** Walks up from `from` (absolute, or resolved against nothing but itself) to the nearest project root. */
export function findProjectRoot(from: string, search: RootSearch = {}): ProjectRoot {
  return searchUp(from, search, markerIn);
}

/**
 * The nearest folder up with a package.json (what `init` sets up), within the same bounds
 * and trust rules as `findProjectRoot`: `marker` is undefined when there is none.
 */
export function findPackageRoot(from: string, search: RootSearch = {}): ProjectRoot {
  return searchUp(from, search, (dir) => (isFile(join(dir, 'package.json')) ? { kind: 'package.json', file: join(dir, 'package.json') } : undefined));
}

type Marker = { kind: NonNullable<ProjectRoot['marker']>; file: string };

function searchUp(from: string, search: RootSearch, markerIn: (dir: string) => Marker | undefined): ProjectRoot {
  const start = resolve(from);
  const home = resolve(search.home ?? homedir());
  const trust = trustFrom(start, search.uid ?? process.getuid?.());
  for (let dir = start; ; dir = dirname(dir)) {
    const marker = markerIn(dir);
    if (marker !== undefined) {
      const reason = dir === start ? undefined : untrustedRoot(dir, marker, trust);
      if (reason !== undefined) return { root: start, from: start, ignored: reason };
      return { root: dir, from: start, marker: marker.kind };
    }
    if (statOf(join(dir, '.git')) !== undefined || dir === home) return { root: start, from: start, stoppedAt: dir };
    if (dirname(dir) === dir) return { root: start, from: start };
  }
}

function markerIn(dir: string): Marker | undefined {
  if (isFile(join(dir, CONFIG_FILE))) return { kind: 'config', file: join(dir, CONFIG_FILE) };
  if (isFile(join(dir, 'package.json')) && isDirectory(join(dir, 'seeds'))) return { kind: 'package.json and seeds/', file: join(dir, 'package.json') };
  return undefined;
}

/**
 * Why a root found above the start folder is not taken (`<path> <reason>`), or undefined:
 * the marker itself (a link judged by who made it, then by its target), the root folder,
 * and every path the run will read or write there (seeds, out, lock, config) must be the
 * user's, not writable by group or others. Another user's `package.json -> <the user's
 * file>` or `seeds/` in a shared folder is not.
 */
function untrustedRoot(dir: string, marker: Marker, trust: Trust): string | undefined {
  const own = (path: string) => {
    const reason = untrustedReason(path, trust);
    return reason === undefined ? undefined : `${path} ${reason}`;
  };
  const paths = marker.kind === 'config' ? configPaths(marker.file) : { seeds: 'seeds', out: 'generated', lock: undefined };
  const lock = paths.lock ?? `${paths.seeds.replace(/\/+$/, '')}/feishu-errcodes.lock.json`;
  return (
    own(marker.file) ??
    own(dir) ??
    [CONFIG_FILE, paths.seeds, paths.out, lock].map((path) => untrustedBelow(dir, path, trust)).find((reason) => reason !== undefined)
  );
}

/** The `seeds`, `out` and `lock` a config names (defaults for what it does not, or cannot be read). */
function configPaths(file: string): { seeds: string; out: string; lock: string | undefined } {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(readInputFile(file, { kind: 'config file', shown: file, maxBytes: 1024 * 1024 }).toString('utf8')));
  } catch {
    data = undefined;
  }
  const value = (key: string) => {
    const found = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
    return typeof found === 'string' && found !== '' ? found : undefined;
  };
  return { seeds: value('seeds') ?? 'seeds', out: value('out') ?? 'generated', lock: value('lock') };
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
  const above = root.stoppedAt === undefined ? 'or above it' : root.stoppedAt === root.from ? '(the search stops there: git root or home)' : `or above it up to ${root.stoppedAt} (the search stops there: git root or home)`;
  const ignored = root.ignored === undefined ? '' : `; ${root.ignored}`;
  return `no project root found in ${root.from} ${above}: no ${CONFIG_FILE}, nor package.json beside seeds/${ignored}`;
}

/** The `--verbose` line: which root was chosen and by what. */
export function describeRoot(root: ProjectRoot): string {
  if (root.marker === undefined) return `${describeSearch(root)}; running in ${root.root}`;
  const by = root.marker === 'config' ? CONFIG_FILE : 'package.json beside seeds/';
  return `project root ${root.root} (its ${by})${root.root === root.from ? '' : `, found from ${root.from}`}`;
}

/**
 * True inside a git work tree with a commit, where `diff git:HEAD` works: git itself
 * answers (worktrees, submodules and packed refs included); false without git.
 */
export function isInGitRepo(dir: string): boolean {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, stdio: 'ignore', timeout: 10_000 });
  return result.status === 0;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  return statOf(path)?.isFile() ?? false;
}

function isDirectory(path: string): boolean {
  return statOf(path)?.isDirectory() ?? false;
}
