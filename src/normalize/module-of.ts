import { moduleOfSeedPath as moduleOfPage } from '../parse/module-path.js';

/**
 * Which module a seed belongs to, from its path below the seeds folder (docs/modules.md):
 * a file directly in the seeds folder is a module of its own (`hire-v1.md` → `hire-v1`); a
 * page in a folder belongs to the module parse/module-path.ts names (the first folder of its
 * path that is not a doc-site id: `im-v1/message/create.md` → `im-v1`,
 * `uUDN04SN0QjL1QDN/docx-v1/document/get.md` → `docx-v1`), made a safe id by moduleIdOf.
 */

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
  const module = moduleOfPage(relative);
  if (module === undefined) return { id: moduleIdOf(relative), folder: false };
  const folders = relative.split('/').filter((part) => part !== '').slice(0, -1);
  const at = folders.indexOf(module);
  return { id: moduleIdOf(module), folder: true, dir: folders.slice(0, (at === -1 ? 0 : at) + 1).join('/') };
}
