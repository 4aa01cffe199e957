import type { ErrorCatalog } from './model.js';
import type { LockedEntry } from './normalize/normalize-doc.js';

/** Default lock file name, kept beside the seeds. */
export const LOCK_FILE = 'feishu-errcodes.lock.json';

/**
 * The name lock: per module, per code, the committed name and the last texts the doc
 * gave (so a code that disappears is still emitted, as deprecated, with its texts).
 */
export interface NameLock {
  readonly version: 1;
  readonly modules: Readonly<Record<string, Readonly<Record<string, LockedEntry>>>>;
}

export const EMPTY_LOCK: NameLock = { version: 1, modules: {} };

export class LockError extends Error {}

/** Reads lock JSON text; throws LockError with what is wrong and where. */
export function parseLock(text: string, path: string): NameLock {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new LockError(`${path}: not valid JSON (${(error as Error).message}); fix it or delete it to rebuild names from the docs`);
  }
  const fail = (where: string, what: string): never => {
    throw new LockError(`${path}: ${where}: ${what}; fix the entry or delete it to derive it again`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('top level', 'expected an object');
  const record = data as Record<string, unknown>;
  if (record['version'] !== 1) fail('version', `expected 1, got ${JSON.stringify(record['version'])}`);
  const modules = record['modules'];
  if (typeof modules !== 'object' || modules === null || Array.isArray(modules)) return fail('modules', 'expected an object');
  const out: Record<string, Record<string, LockedEntry>> = {};
  for (const [id, codes] of Object.entries(modules as Record<string, unknown>)) {
    if (typeof codes !== 'object' || codes === null || Array.isArray(codes)) return fail(`modules["${id}"]`, 'expected an object of codes');
    out[id] = {};
    for (const [code, entry] of Object.entries(codes as Record<string, unknown>)) {
      const where = `modules["${id}"]["${code}"]`;
      if (!/^\d+$/.test(code)) fail(where, 'expected a numeric code as key');
      if (typeof entry !== 'object' || entry === null) return fail(where, 'expected an object with a name');
      const e = entry as Record<string, unknown>;
      if (typeof e['name'] !== 'string') fail(`${where}.name`, 'expected a string');
      if (typeof e['message'] !== 'string') fail(`${where}.message`, 'expected a string');
      for (const key of ['description', 'suggestion', 'section'] as const) {
        if (e[key] !== undefined && typeof e[key] !== 'string') fail(`${where}.${key}`, 'expected a string');
      }
      if (e['httpStatus'] !== undefined && typeof e['httpStatus'] !== 'number') fail(`${where}.httpStatus`, 'expected a number');
      out[id]![code] = e as unknown as LockedEntry;
    }
  }
  return { version: 1, modules: out };
}

/** The lock entries of one module as a map by code. */
export function lockedEntries(lock: NameLock, moduleId: string): Map<number, LockedEntry> {
  return new Map(Object.entries(lock.modules[moduleId] ?? {}).map(([code, entry]) => [Number(code), entry]));
}

/**
 * The lock after a run: every entry of every module generated now. Modules whose seed
 * is gone drop out of the lock with their outputs.
 */
export function updatedLock(catalog: ErrorCatalog): NameLock {
  const modules: Record<string, Record<string, LockedEntry>> = {};
  for (const module of [...catalog.modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const codes: Record<string, LockedEntry> = {};
    for (const entry of module.entries) {
      codes[String(entry.code)] = {
        name: entry.name,
        message: entry.message,
        ...(entry.description !== undefined && { description: entry.description }),
        ...(entry.suggestion !== undefined && { suggestion: entry.suggestion }),
        ...(entry.httpStatus !== undefined && { httpStatus: entry.httpStatus }),
        ...(entry.section !== undefined && { section: entry.section }),
      };
    }
    modules[module.id] = codes;
  }
  return { version: 1, modules };
}

export function serializeLock(lock: NameLock): string {
  return JSON.stringify(lock, null, 2) + '\n';
}
