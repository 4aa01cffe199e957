import { BREAKING_KINDS, CHANGE_KINDS, countChanges, type CatalogDiff, type ChangeKind } from './changes.js';

/** How a count of each kind reads: singular and plural. */
const COUNT_LABELS: Readonly<Record<ChangeKind, readonly [string, string]>> = {
  'module-removed': ['module removed', 'modules removed'],
  'type-name-changed': ['type renamed', 'types renamed'],
  'go-package-changed': ['Go package renamed', 'Go packages renamed'],
  'code-removed': ['code removed', 'codes removed'],
  'name-changed': ['name changed', 'names changed'],
  'module-added': ['module added', 'modules added'],
  'code-added': ['code added', 'codes added'],
  'code-deprecated': ['code deprecated', 'codes deprecated'],
  'code-restored': ['code restored', 'codes restored'],
  'message-changed': ['message changed', 'messages changed'],
  'description-changed': ['description changed', 'descriptions changed'],
  'suggestion-changed': ['suggestion changed', 'suggestions changed'],
  'http-status-changed': ['HTTP status changed', 'HTTP statuses changed'],
  'section-changed': ['section changed', 'sections changed'],
  'variants-changed': ['variant list changed', 'variant lists changed'],
  'category-changed': ['category changed', 'categories changed'],
  'retryable-changed': ['retry verdict changed', 'retry verdicts changed'],
  'retry-changed': ['retry policy changed', 'retry policies changed'],
  'translations-changed': ['translation changed', 'translations changed'],
};

/** `1 code removed`, `3 messages changed`. */
export function countLabel(kind: ChangeKind, count: number): string {
  const [one, many] = COUNT_LABELS[kind];
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The whole classification in one line, breaking changes first:
 * `2 breaking changes (1 code removed, 1 name changed); 1 code added, 1 message changed`.
 */
export function summaryLine(diff: CatalogDiff): string {
  const { breaking, total, byKind } = countChanges(diff);
  if (total === 0) return 'no change to codes, names or texts';
  const parts = (wantBreaking: boolean) =>
    CHANGE_KINDS.filter((kind) => byKind[kind] !== undefined && BREAKING_KINDS.has(kind) === wantBreaking).map((kind) => countLabel(kind, byKind[kind]!));
  const others = parts(false);
  const head = breaking === 0 ? 'no breaking change' : `${breaking} breaking change${breaking === 1 ? '' : 's'} (${parts(true).join(', ')})`;
  return others.length ? `${head}; ${others.join(', ')}` : head;
}

