/**
 * The user's own Go module, when the project has one: the nearest `go.mod` from the project
 * root up to the git root. Generated Go packages join it (no nested `go.mod`, so `go build
 * ./...` at the root sees them without `require` or `replace`). Reads only.
 */
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputFileError, pathTaken, readInputFile } from './read-input.js';
import { trustFrom, untrustedReason } from './trust.js';

/** A go.mod is a few KB; one far larger is not read. */
export const MAX_GO_MOD_BYTES = 1024 * 1024;

export interface UserGoModule {
  /** The go.mod file (absolute). */
  readonly file: string;
  /** Its `module` path, e.g. `github.com/acme/app`. */
  readonly path: string;
  /** Import path of the output's `go/` folder: the module path and the folder below the go.mod, with `/`. */
  readonly importPath: string;
}

/** A go.mod the run cannot use (unreadable, or not a module Go accepts): the message names its path. */
export class GoModError extends Error {}

export interface GoModSearch {
  /** The user's home: the search goes no higher (optional, default: `os.homedir()`). */
  readonly home?: string;
  /** The user's id (optional, default: `process.getuid()`): see trust.ts. */
  readonly uid?: number;
}

/**
 * The module `goDir` (the output's `go/` folder, absolute) belongs to: the nearest `go.mod`
 * in `root` or above it, never past the git root (a folder with `.git`) nor the user's home,
 * and never one another user could have planted (trust.ts). Undefined when there is none,
 * when `goDir` is outside its folder, or when it has no `module` line; throws GoModError
 * when it cannot be read or names a module path Go rejects (`problem` judges it).
 */
export function findUserGoModule(root: string, goDir: string, search: GoModSearch = {}, problem: (path: string) => string | undefined = () => undefined): UserGoModule | undefined {
  const file = nearestGoModFile(root, search);
  if (file === undefined) return undefined;
  const below = relative(dirname(file), resolve(goDir));
  if (below.startsWith('..')) return undefined;
  const found = moduleLineOf(file);
  if (found === undefined) return undefined;
  const why = problem(found.path);
  if (why !== undefined) {
    throw new GoModError(
      `${file}:${found.line}: the module path ${JSON.stringify(found.path)} is one Go rejects: ${why}; the generated Go packages would join that module, so fix its module line, or set "goModule" in the config to give <out>/go a module of its own. Nothing was written.`,
    );
  }
  return { file, path: found.path, importPath: below === '' ? found.path : `${found.path}/${below.split(sep).join('/')}` };
}

/**
 * The nearest go.mod from `root` up to the git root or home (absolute), or undefined. A
 * go.mod above `root` that is not the user's (another user's, or writable by others, in a
 * shared parent) ends the search: it is never joined.
 */
export function nearestGoModFile(root: string, search: GoModSearch = {}): string | undefined {
  const home = resolve(search.home ?? homedir());
  const start = resolve(root);
  const trust = trustFrom(start, search.uid ?? process.getuid?.());
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'go.mod');
    if (pathTaken(file)) return dir !== start && (untrustedReason(file, trust) ?? untrustedReason(dir, trust)) !== undefined ? undefined : file;
    if (pathTaken(join(dir, '.git')) || dir === home || dirname(dir) === dir) return undefined;
  }
}

/** The path of a go.mod's `module` directive (`module example.com/app`, quoted or not, comments allowed) and its line. */
function moduleLineOf(file: string): { path: string; line: number } | undefined {
  let text: string;
  try {
    text = readInputFile(file, { kind: 'go.mod', shown: file, maxBytes: MAX_GO_MOD_BYTES }).toString('utf8');
  } catch (error) {
    if (error instanceof InputFileError) throw new GoModError(`${error.message}; the generated Go packages would join the module of ${file}, so it must be readable (or set "goModule" in the config to give <out>/go a module of its own). Nothing was written.`);
    throw error;
  }
  for (const [index, line] of text.split('\n').entries()) {
    const path = moduleDirective(line);
    if (path !== undefined) return { path, line: index + 1 };
  }
  return undefined;
}

/**
 * The path of one line's `module` directive, read by hand (no pattern that could backtrack
 * on a long line): `module <path>`, the path quoted with `"` or a backtick or bare, then
 * nothing but blanks and a `//` comment.
 */
function moduleDirective(line: string): string | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('module') || !/^\s$/.test(trimmed.charAt(6))) return undefined;
  const rest = trimmed.slice(7).trimStart();
  const quote = rest.charAt(0);
  let path: string;
  let after: string;
  if (quote === '"' || quote === '`') {
    const end = rest.indexOf(quote, 1);
    if (end <= 1) return undefined;
    path = rest.slice(1, end);
    after = rest.slice(end + 1);
  } else {
    if (rest === '' || rest.startsWith('/')) return undefined;
    let end = 0;
    while (end < rest.length && !/\s/.test(rest.charAt(end)) && !rest.startsWith('//', end)) end++;
    path = rest.slice(0, end);
    after = rest.slice(end);
  }
  after = after.trim();
  return after === '' || after.startsWith('//') ? path : undefined;
}
