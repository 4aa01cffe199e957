/**
 * Which module a seed belongs to, from its path below the seeds folder (docs/modules.md):
 *
 * - a file directly in the seeds folder is a module of its own: `hire-v1.md` → `hire-v1`
 *   (its base name, made a safe id by moduleIdOf);
 * - a page in a folder belongs to the first folder on its path whose name is a readable id
 *   (lower-case ASCII letters and digits, words joined by `-` or `_`, a letter first):
 *   `im-v1/message/create.md` → `im-v1`, `uUDN04SN0QjL1QDN/docx-v1/document/get.md` →
 *   `docx-v1` (the doc site's opaque folder ids, mixed case, are skipped);
 * - a page under no readable folder belongs to its first folder, made an id:
 *   `uUDN04SN0QjL1QDN/docs-overview.md` → `uudn04sn0qjl1qdn`.
 */

/** A folder name that reads as a module id: `im-v1`, `docs`, `human_authentication-v1`, not `uUDN04SN0QjL1QDN` nor `CommentAPI`. */
const READABLE_ID = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;

/** `hire-v1.md` → `hire-v1`; anything that is not a safe path segment is replaced. */
export function moduleIdOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  return base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/[._-]+$/, '');
}

/**
 * The module of a seed from its `/`-separated path below the seeds folder, whether it is a
 * page of a module folder, and that folder (below the seeds folder).
 */
export function moduleOfSeedPath(relative: string): { readonly id: string; readonly folder: boolean; readonly dir?: string } {
  const parts = relative.split('/').filter((part) => part !== '');
  if (parts.length <= 1) return { id: moduleIdOf(relative), folder: false };
  const folders = parts.slice(0, -1);
  const at = folders.findIndex((folder) => READABLE_ID.test(folder));
  const end = at === -1 ? 0 : at;
  return { id: at === -1 ? moduleIdOf(folders[0]!) : folders[at]!, folder: true, dir: folders.slice(0, end + 1).join('/') };
}
