import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleOfSeedPath } from './parse/module-path.js';
import { UserError } from './project.js';

/**
 * The Server API snapshot shipped with the package (`snapshot/`, built by
 * scripts/build-snapshot.mjs): Feishu's API reference pages cut to what `generate` reads,
 * in the doc site's folder tree. `init --module`/`--all` copy a module's pages into
 * `seeds/<module>/`; `init --list` prints the modules. A module is what moduleOfSeedPath
 * says of a page's path in the tree.
 */
export const SNAPSHOT_DIR = fileURLToPath(new URL('../snapshot/', import.meta.url));

/** The index the build writes beside the pages: per module, its pages and counts. */
export const SNAPSHOT_INDEX = 'modules.json';

export interface SnapshotModule {
  readonly id: string;
  /** The module's pages: path in the snapshot tree → path under `seeds/<id>/`. */
  readonly pages: readonly { readonly from: string; readonly to: string }[];
  /** Pages that declare an endpoint, and distinct codes over the module's error tables. */
  readonly endpoints: number;
  readonly codes: number;
}

/**
 * Where a page of the tree goes under `seeds/`: `<module>/` + its path below the module's
 * folder (`uUDN04SN0QjL1QDN/docx-v1/document/create.md` → `docx-v1/document/create.md`); a
 * page with no folder of its module's name (`uUDN04SN0QjL1QDN/docs-overview.md`, module `docs`)
 * keeps its path below the first folder. moduleOfSeedPath gives the same module for both paths.
 */
export function seedPathOf(treePath: string): { module: string; path: string } | undefined {
  const module = moduleOfSeedPath(treePath);
  if (module === undefined) return undefined;
  const parts = treePath.split('/');
  const at = parts.indexOf(module);
  const below = at !== -1 && at < parts.length - 1 ? parts.slice(at + 1) : parts.slice(1);
  return { module, path: [module, ...below].join('/') };
}

/** The snapshot's modules, sorted by id, from its index. */
export function snapshotModules(dir: string = SNAPSHOT_DIR): SnapshotModule[] {
  const index = join(dir, SNAPSHOT_INDEX);
  if (!existsSync(index)) throw new UserError(`No Server API snapshot in ${dir} (its ${SNAPSHOT_INDEX} is missing); reinstall feishu-errcodes`);
  const data = JSON.parse(readFileSync(index, 'utf8')) as Record<string, { pages: string[]; endpoints: number; codes: number }>;
  return Object.keys(data)
    .sort()
    .map((id) => {
      const entry = data[id]!;
      return {
        id,
        pages: entry.pages.map((from) => ({ from, to: seedPathOf(from)?.path ?? `${id}/${from}` })),
        endpoints: entry.endpoints,
        codes: entry.codes,
      };
    });
}

/** The modules asked for (every one with `all`); an unknown id is a UserError naming the near ones. */
export function pickModules(ids: readonly string[], all: boolean, dir: string = SNAPSHOT_DIR): SnapshotModule[] {
  const modules = snapshotModules(dir);
  if (all) return modules;
  const byId = new Map(modules.map((module) => [module.id, module]));
  return [...new Set(ids)].map((id) => {
    const module = byId.get(id);
    if (module !== undefined) return module;
    const near = modules.filter((candidate) => candidate.id.split('-')[0] === id.split('-')[0]).map((candidate) => candidate.id);
    throw new UserError(
      `No module ${JSON.stringify(id)} in the Server API snapshot${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''} (\`feishu-errcodes init --list\` prints them all)`,
    );
  });
}

/** A module's pages as text, with where each goes (relative to the seeds folder). */
export function modulePages(module: SnapshotModule, dir: string = SNAPSHOT_DIR): { path: string; contents: string }[] {
  return module.pages.map((page) => ({ path: page.to, contents: readFileSync(join(dir, page.from), 'utf8') }));
}

/** `init --list`: one line a module, with its page, endpoint and code counts, and a total. */
export function listModules(dir: string = SNAPSHOT_DIR): string {
  const modules = snapshotModules(dir);
  const width = Math.max(6, ...modules.map((module) => module.id.length));
  const row = (id: string, pages: number | string, endpoints: number | string, codes: number | string) =>
    `${id.padEnd(width)}  ${String(pages).padStart(5)}  ${String(endpoints).padStart(9)}  ${String(codes).padStart(5)}`;
  const total = modules.reduce((sum, module) => ({ pages: sum.pages + module.pages.length, endpoints: sum.endpoints + module.endpoints, codes: sum.codes + module.codes }), { pages: 0, endpoints: 0, codes: 0 });
  return [
    row('module', 'pages', 'endpoints', 'codes'),
    ...modules.map((module) => row(module.id, module.pages.length, module.endpoints, module.codes)),
    row(`${modules.length} modules`, total.pages, total.endpoints, total.codes),
  ].join('\n');
}

/** Pages of the tree, relative, `/`-separated, sorted (the index's README excepted). */
export function treePages(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(join(folder, entry.name), path);
      else if (entry.name.endsWith('.md') && prefix !== '') found.push(path);
    }
  };
  walk(dir, '');
  return found.sort();
}
