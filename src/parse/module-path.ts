/**
 * Which module a page under `seeds/` belongs to, from its path (issue 29 §1). One rule for
 * every session that forms modules (generate, init, the snapshot):
 *
 * - a page directly in `seeds/` (`seeds/hire-v1.md`) is a flat seed: undefined here, its
 *   module comes from its file name as before;
 * - otherwise the module is the first folder of the path whose name is a readable id
 *   (`im-v1/message/create.md` → `im-v1`); a folder named like a doc-site id
 *   (`uUDN04SN0QjL1QDN`, see `isDocSiteId`) is passed over, so the cloud-docs tree gives
 *   one module per API family (`uUDN04SN0QjL1QDN/docx-v1/document/create.md` → `docx-v1`);
 * - a page with no readable folder on its path (`uUDN04SN0QjL1QDN/docs-overview.md`)
 *   belongs to its first folder's module: the name `DOC_SITE_ROOTS` gives it (the cloud-docs
 *   root is `docs`), else the folder's own name.
 *
 * `relativePath` is relative to the seeds folder, `/` or `\` separated.
 */
export function moduleOfSeedPath(relativePath: string): string | undefined {
  const parts = relativePath.split(/\/+/).filter((part) => part !== '' && part !== '.');
  const folders = parts.slice(0, -1);
  if (folders.length === 0) return undefined;
  const readable = folders.find((folder) => !isDocSiteId(folder));
  if (readable !== undefined) return readable;
  const root = folders[0]!;
  return DOC_SITE_ROOTS.get(root) ?? root;
}

/** Module names for doc-site folders whose pages have no readable folder of their own. */
export const DOC_SITE_ROOTS: ReadonlyMap<string, string> = new Map([['uUDN04SN0QjL1QDN', 'docs']]);

/**
 * A name of Feishu's doc site that reads as nothing (`uUDN04SN0QjL1QDN`, `ukDNz4SO0MjL5QzM`):
 * 12 to 24 letters and digits mixing upper case, lower case and digits. `CommentAPI`,
 * `apiRef` or `im-v1` are readable.
 */
export function isDocSiteId(name: string): boolean {
  return /^[A-Za-z0-9]{12,24}$/.test(name) && /[A-Z]/.test(name) && /[a-z]/.test(name) && /[0-9]/.test(name);
}
