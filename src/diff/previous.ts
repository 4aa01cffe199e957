import { relative, sep } from 'node:path';
import { catalogFromLock, type NameLock } from '../lock.js';
import type { WritePlan } from '../write/write-files.js';
import type { ComparableCatalog, ComparableModule } from './changes.js';

/**
 * What the outputs said before a run, for `generate`'s one-line summary: each module's
 * JSON catalogue as it was on disk (it has type names and deprecations, and still holds
 * a name the user just edited in the lock), else the module as the previous lock had it.
 */
export function previousCatalog(plan: WritePlan, outDir: string, lock: NameLock, current: ComparableCatalog): ComparableCatalog {
  const modules = new Map<string, ComparableModule>(catalogFromLock(lock).modules.map((module) => [module.id, module]));
  // A catalogue the run leaves byte-identical holds exactly the module it was rendered
  // from: take that instead of parsing the file back (seconds on a 100,000-code doc).
  const unchanged = new Set(plan.unchanged.map((file) => relative(outDir, file.absolute).split(sep).join('/')));
  for (const module of current.modules) if (unchanged.has(`json/${module.id}.json`)) modules.set(module.id, module);
  const onDisk = [
    ...plan.changed.flatMap((file) => (file.previous === undefined ? [] : [{ absolute: file.absolute, text: file.previous }])),
    ...plan.removed.map((file) => ({ absolute: file.absolute, text: file.previous })),
  ];
  for (const file of onDisk) {
    const rel = relative(outDir, file.absolute).split(sep).join('/');
    if (!/^json\/[^/]+\.json$/.test(rel)) continue;
    const module = catalogueModule(file.text);
    if (module) modules.set(module.id, module);
  }
  return { modules: [...modules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

/** A generated catalogue's module, or undefined for anything else (the schema, a hand-edited file). */
function catalogueModule(text: string): ComparableModule | undefined {
  try {
    const data = JSON.parse(text) as { module?: unknown; typeName?: unknown; goPackage?: unknown; title?: unknown; docUpdated?: unknown; errors?: unknown };
    if (typeof data.module !== 'string' || !Array.isArray(data.errors)) return undefined;
    const entries = (data.errors as ComparableModule['entries']).filter(
      (entry) => typeof entry?.code === 'number' && typeof entry.name === 'string' && typeof entry.message === 'string',
    );
    return {
      id: data.module,
      ...(typeof data.title === 'string' && { title: data.title }),
      ...(typeof data.typeName === 'string' && { typeName: data.typeName }),
      ...(typeof data.goPackage === 'string' && { goPackage: data.goPackage }),
      ...(typeof data.docUpdated === 'string' && { docUpdated: data.docUpdated }),
      entries: [...entries].sort((a, b) => a.code - b.code),
    };
  } catch {
    return undefined;
  }
}
