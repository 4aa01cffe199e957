import type { ErrorEntry } from '../model.js';

/** What an entry must hold to be compared; an ErrorEntry, or one read back from a lock or a JSON catalogue. */
export type ComparableEntry = Pick<
  ErrorEntry,
  'code' | 'name' | 'message' | 'description' | 'suggestion' | 'httpStatus' | 'section' | 'deprecated' | 'variants' | 'translations' | 'derivedName'
> &
  Partial<Pick<ErrorEntry, 'category' | 'retryable' | 'retry'>>;

/** A module to compare. Fields a source does not know (a lock has no type name) are left out and not compared. */
export interface ComparableModule {
  readonly id: string;
  readonly title?: string;
  readonly typeName?: string;
  readonly goPackage?: string;
  readonly docUpdated?: string;
  readonly entries: readonly ComparableEntry[];
}

/** `ErrorCatalog` is one; so is what `catalogFromLock` reads from a name lock. */
export interface ComparableCatalog {
  readonly modules: readonly ComparableModule[];
}

/** Every kind of change, in the order reports list them. */
export const CHANGE_KINDS = [
  'module-removed',
  'type-name-changed',
  'go-package-changed',
  'code-removed',
  'name-changed',
  'module-added',
  'code-added',
  'code-deprecated',
  'code-restored',
  'message-changed',
  'description-changed',
  'suggestion-changed',
  'http-status-changed',
  'section-changed',
  'variants-changed',
  'category-changed',
  'retryable-changed',
  'retry-changed',
  'translations-changed',
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One change. `before`/`after` hold the old and new value of what changed (`null` where a
 * side has none); `message` the code's message for added, removed and deprecated codes.
 */
export interface Change {
  readonly kind: ChangeKind;
  /** Can it break code that compiled against the old outputs? */
  readonly breaking: boolean;
  readonly code?: number;
  /** The member name: the new one, or the last one of a removed code. */
  readonly name?: string;
  readonly message?: string;
  /** How many codes an added or removed module has. */
  readonly codes?: number;
  readonly before?: string | number | readonly string[] | null;
  readonly after?: string | number | readonly string[] | null;
}

export interface ModuleDiff {
  readonly id: string;
  readonly status: 'added' | 'removed' | 'changed';
  /** Title and type name of the newer side that has one. */
  readonly title?: string;
  readonly typeName?: string;
  /** The doc's "last updated" date on each side, when both give one and they differ. */
  readonly docUpdated?: { readonly before: string; readonly after: string };
  readonly changes: readonly Change[];
}

export interface CatalogDiff {
  /** Only modules with changes, sorted by id. */
  readonly modules: readonly ModuleDiff[];
}

/** Kinds that can break code compiled against the old outputs. */
export const BREAKING_KINDS: ReadonlySet<ChangeKind> = new Set(['module-removed', 'type-name-changed', 'go-package-changed', 'code-removed', 'name-changed']);

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Classifies every difference between two catalogues. Pure. A code the newer side keeps
 * as deprecated is `code-deprecated` (not breaking); a code it no longer has at all is
 * `code-removed` (breaking), as is any change of a name a program may compile against.
 */
export function diffCatalogs(before: ComparableCatalog, after: ComparableCatalog): CatalogDiff {
  const oldModules = new Map(before.modules.map((module) => [module.id, module]));
  const newModules = new Map(after.modules.map((module) => [module.id, module]));
  const ids = [...new Set([...oldModules.keys(), ...newModules.keys()])].sort();
  const modules: ModuleDiff[] = [];
  for (const id of ids) {
    const diff = diffModule(id, oldModules.get(id), newModules.get(id));
    if (diff.changes.length > 0) modules.push(diff);
  }
  return { modules: modules.sort(byId) };
}

function diffModule(id: string, before: ComparableModule | undefined, after: ComparableModule | undefined): ModuleDiff {
  const about = after ?? before!;
  const head = {
    id,
    ...(about.title !== undefined && { title: about.title }),
    ...((after?.typeName ?? before?.typeName) !== undefined && { typeName: (after?.typeName ?? before?.typeName)! }),
  };
  if (!before) {
    const changes = [
      change('module-added', { codes: after!.entries.length }),
      ...sortedEntries(after!).map((entry) => change('code-added', { code: entry.code, name: entry.name, message: entry.message })),
    ];
    return { ...head, status: 'added', changes };
  }
  if (!after) {
    return { ...head, status: 'removed', changes: [change('module-removed', { codes: before.entries.length })] };
  }

  const changes: Change[] = [];
  if (before.typeName !== undefined && after.typeName !== undefined && before.typeName !== after.typeName) {
    changes.push(change('type-name-changed', { before: before.typeName, after: after.typeName }));
  }
  if (before.goPackage !== undefined && after.goPackage !== undefined && before.goPackage !== after.goPackage) {
    changes.push(change('go-package-changed', { before: before.goPackage, after: after.goPackage }));
  }
  const oldEntries = new Map(before.entries.map((entry) => [entry.code, entry]));
  const newEntries = new Map(after.entries.map((entry) => [entry.code, entry]));
  const codes = [...new Set([...oldEntries.keys(), ...newEntries.keys()])].sort((a, b) => a - b);
  for (const code of codes) for (const change of diffEntry(oldEntries.get(code), newEntries.get(code))) changes.push(change);
  const dates =
    before.docUpdated !== undefined && after.docUpdated !== undefined && before.docUpdated !== after.docUpdated
      ? { docUpdated: { before: before.docUpdated, after: after.docUpdated } }
      : {};
  return { ...head, status: 'changed', ...dates, changes };
}

function diffEntry(before: ComparableEntry | undefined, after: ComparableEntry | undefined): Change[] {
  if (!before) return [change('code-added', { code: after!.code, name: after!.name, message: after!.message })];
  if (!after) return [change('code-removed', { code: before.code, name: before.name, message: before.message })];
  const at = { code: after.code, name: after.name };
  const changes: Change[] = [];
  if (before.name !== after.name) changes.push(change('name-changed', { ...at, before: before.name, after: after.name }));
  if (!before.deprecated && after.deprecated) changes.push(change('code-deprecated', { ...at, message: after.message }));
  if (before.deprecated && !after.deprecated) changes.push(change('code-restored', { ...at, message: after.message }));
  const texts = [
    ['message-changed', 'message'],
    ['description-changed', 'description'],
    ['suggestion-changed', 'suggestion'],
  ] as const;
  for (const [kind, field] of texts) {
    if ((before[field] ?? '') !== (after[field] ?? '')) changes.push(change(kind, { ...at, before: before[field] ?? null, after: after[field] ?? null }));
  }
  if (before.httpStatus !== after.httpStatus) {
    changes.push(change('http-status-changed', { ...at, before: before.httpStatus ?? null, after: after.httpStatus ?? null }));
  }
  if ((before.section ?? '') !== (after.section ?? '')) {
    changes.push(change('section-changed', { ...at, before: before.section ?? null, after: after.section ?? null }));
  }
  // A lock holds no verdicts: compare them only where both sides have one.
  if (before.category !== undefined && after.category !== undefined && before.category !== after.category) {
    changes.push(change('category-changed', { ...at, before: before.category, after: after.category }));
  }
  if (before.retryable !== undefined && after.retryable !== undefined && before.retryable !== after.retryable) {
    changes.push(change('retryable-changed', { ...at, before: String(before.retryable), after: String(after.retryable) }));
  }
  if (before.retry !== undefined && after.retry !== undefined && before.retry !== after.retry) {
    changes.push(change('retry-changed', { ...at, before: before.retry, after: after.retry }));
  }
  const oldVariants = variantTexts(before);
  const newVariants = variantTexts(after);
  if (JSON.stringify(before.variants ?? []) !== JSON.stringify(after.variants ?? [])) {
    changes.push(change('variants-changed', { ...at, before: oldVariants, after: newVariants }));
  }
  const oldTranslations = translationTexts(before);
  const newTranslations = translationTexts(after);
  if (JSON.stringify(oldTranslations) !== JSON.stringify(newTranslations)) {
    changes.push(change('translations-changed', { ...at, before: oldTranslations, after: newTranslations }));
  }
  return changes.sort((a, b) => CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind));
}

/** Every translated text as one line, `en message: …`, by tag then field. */
function translationTexts(entry: ComparableEntry): string[] {
  return Object.entries(entry.translations ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([lang, texts]) =>
      (['message', 'description', 'suggestion'] as const).flatMap((field) => (texts[field] === undefined ? [] : [`${lang} ${field}: ${texts[field]}`])),
    );
}

/** A variant as one line of text: `message (description)`. */
function variantTexts(entry: ComparableEntry): string[] {
  return (entry.variants ?? []).map((variant) => (variant.description ? `${variant.message} (${variant.description})` : variant.message));
}

function change(kind: ChangeKind, fields: Omit<Change, 'kind' | 'breaking'>): Change {
  return { kind, breaking: BREAKING_KINDS.has(kind), ...fields };
}

function sortedEntries(module: ComparableModule): ComparableEntry[] {
  return [...module.entries].sort((a, b) => a.code - b.code);
}

/** Counts per kind (only kinds that occur, in CHANGE_KINDS order) and the breaking total. */
export function countChanges(diff: CatalogDiff): { breaking: number; total: number; byKind: Partial<Record<ChangeKind, number>> } {
  const counts = new Map<ChangeKind, number>();
  let breaking = 0;
  let total = 0;
  for (const module of diff.modules) {
    for (const item of module.changes) {
      counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
      if (item.breaking) breaking++;
      total++;
    }
  }
  const byKind: Partial<Record<ChangeKind, number>> = {};
  for (const kind of CHANGE_KINDS) if (counts.has(kind)) byKind[kind] = counts.get(kind)!;
  return { breaking, total, byKind };
}

export function hasBreaking(diff: CatalogDiff): boolean {
  return diff.modules.some((module) => module.changes.some((item) => item.breaking));
}
