/**
 * The walk of a seeds folder: which `*.md` files a run reads as seeds and which folders it
 * entered. One walk for the full run (project.ts's seedFiles) and for the fast path
 * (fast-path.ts), so both see the same files; it loads node:fs and node:path only.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { MAX_SEED_FILES, MAX_SEED_FOLDER_DEPTH } from './limits.js';

/** A seeds folder the walk refuses (project.ts turns it into a UserError). */
export class SeedTreeError extends Error {}

/** What the walk found, as `/`-separated paths relative to the seeds folder, each in code-unit order. */
export interface SeedTree {
  /** The seeds: every page the full run reads. */
  readonly files: readonly string[];
  /** Every folder entered, empty ones too. */
  readonly folders: readonly string[];
}

/** `README.md` explains a folder of pages (the Server API snapshot has one); it is never a seed. */
const NOT_A_SEED = /^readme\.md$/i;

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The seeds below `seedsDir`: the `*.md` files directly in it (flat seeds) and in its
 * folders at any depth (module folders, docs/modules.md). Names starting with `.` and
 * `README.md` are skipped. Inside folders no link is followed: a link to a folder is
 * refused, a link to a file is read only when it stays inside the seeds folder. At most
 * MAX_SEED_FILES files and MAX_SEED_FOLDER_DEPTH levels. Throws SeedTreeError (messages
 * name paths as `shownDir/...`) or the error of a folder that cannot be listed.
 */
export function seedTree(seedsDir: string, shownDir: string): SeedTree {
  const files: string[] = [];
  const folders: string[] = [];
  const root = realpathSync(seedsDir);
  const walk = (relativePath: string, depth: number): void => {
    const absolute = relativePath === '' ? seedsDir : join(seedsDir, ...relativePath.split('/'));
    const names = readdirSync(absolute).filter((name) => !name.startsWith('.')).sort();
    for (const name of names) {
      const path = relativePath === '' ? name : `${relativePath}/${name}`;
      const shown = `${shownDir}/${path}`;
      let stat;
      try {
        stat = lstatSync(join(absolute, name));
      } catch {
        continue;
      }
      const isMarkdown = name.toLowerCase().endsWith('.md') && !NOT_A_SEED.test(name);
      if (stat.isSymbolicLink() && depth > 0) {
        let target: string;
        try {
          target = realpathSync(join(absolute, name));
        } catch {
          if (isMarkdown) throw new SeedTreeError(`${shown}: the seed is a symbolic link to a file that does not exist; fix or remove the link`);
          continue;
        }
        if (statSync(target).isDirectory()) {
          throw new SeedTreeError(`${shown} is a symbolic link to a folder; module folders are read without following links: replace it with the folder itself`);
        }
        if (!isMarkdown) continue;
        if (!isInside(root, target)) throw new SeedTreeError(`${shown} is a symbolic link to ${target}, outside the seeds folder ${shownDir}; copy the page into the folder instead`);
      } else if (stat.isDirectory()) {
        // A folder named like a page is a mistake (a page unpacked into a folder), not a module.
        if (isMarkdown) throw new SeedTreeError(`${shown}: the seed is a folder, not a regular file; seeds must be markdown files: rename or move it out of the seeds folder`);
        if (depth + 1 > MAX_SEED_FOLDER_DEPTH) {
          throw new SeedTreeError(`${shown}: module folders nest more than ${MAX_SEED_FOLDER_DEPTH} levels below ${shownDir}, the most feishu-errcodes reads (see docs/limits.md); move the pages up`);
        }
        folders.push(path);
        walk(path, depth + 1);
        continue;
      }
      if (!isMarkdown) continue;
      files.push(path);
      if (files.length > MAX_SEED_FILES) {
        throw new SeedTreeError(`${shownDir} holds more than ${MAX_SEED_FILES} seed files (*.md, module folders included), the most feishu-errcodes reads (see docs/limits.md); split the seeds into projects`);
      }
    }
  };
  walk('', 0);
  return { files: files.sort(byCodeUnit), folders: folders.sort(byCodeUnit) };
}

/** True when `path` is `root` or below it (by name). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
