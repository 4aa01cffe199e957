/**
 * The user's own Go module, when the project has one: the nearest `go.mod` from the project
 * root up to the git root. Generated Go packages join it (no nested `go.mod`, so `go build
 * ./...` at the root sees them without `require` or `replace`). Reads only.
 */
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputFileError, pathTaken, readInputFile } from './read-input.js';

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

/**
 * The module `goDir` (the output's `go/` folder, absolute) belongs to: the nearest `go.mod`
 * in `root` or above it, never past the git root (a folder with `.git`) nor the user's home.
 * Undefined when there is none, when `goDir` is outside its folder, or when it has no
 * `module` line.
 */
export function findUserGoModule(root: string, goDir: string): UserGoModule | undefined {
  const file = nearestGoModFile(root);
  if (file === undefined) return undefined;
  const below = relative(dirname(file), resolve(goDir));
  if (below.startsWith('..')) return undefined;
  const path = modulePathOf(file);
  if (path === undefined) return undefined;
  return { file, path, importPath: below === '' ? path : `${path}/${below.split(sep).join('/')}` };
}

/** The nearest go.mod from `root` up to the git root or home (absolute), or undefined. */
export function nearestGoModFile(root: string): string | undefined {
  const home = homedir();
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const file = join(dir, 'go.mod');
    if (pathTaken(file)) return file;
    if (pathTaken(join(dir, '.git')) || dir === home || dirname(dir) === dir) return undefined;
  }
}

/** The path of a go.mod's `module` directive (`module example.com/app`, quoted or not, comments allowed). */
function modulePathOf(file: string): string | undefined {
  let text: string;
  try {
    text = readInputFile(file, { kind: 'go.mod', shown: file, maxBytes: MAX_GO_MOD_BYTES }).toString('utf8');
  } catch (error) {
    if (error instanceof InputFileError) return undefined;
    throw error;
  }
  const match = /^\s*module\s+(?:"([^"\n]+)"|`([^`\n]+)`|([^\s/][^\s]*?))\s*(?:\/\/.*)?$/m.exec(text);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}
