/**
 * Whether a path above the folder a command starts in may be taken as the user's: the
 * project root search (project-root.ts) and the go.mod search (go-module.ts) both walk up
 * into folders other users can write (a shared sticky folder such as the temp folder), so
 * whatever they take from there must be the user's. Reads only.
 */
import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface Trust {
  /** The user's id; undefined (e.g. on Windows) trusts everything. */
  readonly uid: number | undefined;
  /** Owners whose files count as the user's: the user and the owner of the folder the search started in. */
  readonly owners: ReadonlySet<number | undefined>;
}

/** The trust of a search started in `start`: the user, and the start folder's owner (a checkout owned by another account, as in CI containers). */
export function trustFrom(start: string, uid: number | undefined = process.getuid?.()): Trust {
  return { uid, owners: new Set([uid, statOf(start)?.uid]) };
}

/**
 * Why `path` is not the user's, or undefined when it is (or does not exist): the path itself
 * is read with `lstat`, so a link is judged by who made the link, and then by what it points
 * at; a file or folder writable by group or others (without being a link) is not the user's either.
 */
export function untrustedReason(path: string, trust: Trust): string | undefined {
  if (trust.uid === undefined) return undefined;
  const link = lstatOf(path);
  if (link === undefined) return undefined;
  if (!trust.owners.has(link.uid)) return `is ${link.isSymbolicLink() ? 'a symbolic link ' : ''}owned by another user (uid ${link.uid}), so it was not taken as this project's`;
  const target = link.isSymbolicLink() ? statOf(path) : link;
  if (target === undefined) return link.isSymbolicLink() ? undefined : 'cannot be read';
  if (!trust.owners.has(target.uid)) return `is a symbolic link to a file owned by another user (uid ${target.uid}), so it was not taken as this project's`;
  if ((target.mode & 0o022) !== 0 && !(target.isDirectory() && (target.mode & 0o1000) !== 0 && trust.owners.has(target.uid))) {
    return 'is writable by group or others, so it was not taken as this project\'s';
  }
  return undefined;
}

/**
 * Why a path a run reads or writes below `root` is not the user's: every part of it from
 * `root` down, as far as it exists, is judged by `untrustedReason` (a planted `seeds/`, or a
 * `generated -> <the user's folder>` link). The first problem found, as `<path> <reason>`.
 */
export function untrustedBelow(root: string, path: string, trust: Trust): string | undefined {
  const rel = relative(root, resolve(root, path));
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined; // outside: the config check refuses it
  let at = root;
  for (const part of rel === '' ? [] : rel.split(sep)) {
    at = join(at, part);
    if (lstatOf(at) === undefined) return undefined;
    const reason = untrustedReason(at, trust);
    if (reason !== undefined) return `${at} ${reason}`;
  }
  return undefined;
}

/**
 * Where a path really is: every link resolved, for a path that does not exist yet the
 * real path of its nearest existing parent plus the rest, and a dangling link followed
 * to where it points (up to 40 links, as the kernel does).
 */
export function realPlace(path: string, links = 0): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    const at = join(realPlace(parent, links), basename(absolute));
    if (links < 40 && lstatOf(at)?.isSymbolicLink() === true) {
      try {
        return realPlace(resolve(dirname(at), readlinkSync(at)), links + 1);
      } catch {
        return at;
      }
    }
    return at;
  }
}

function lstatOf(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
