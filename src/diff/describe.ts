import { diffWords } from 'diff';
import type { CatalogDiff, Change, ChangeKind, ModuleDiff } from './changes.js';

/** How a format marks up the parts of a change's details. */
export interface Markup {
  /** Doc text. */
  readonly text: (text: string) => string;
  /** Words only the old side has. */
  readonly removed: (text: string) => string;
  /** Words only the new side has. */
  readonly added: (text: string) => string;
  /** A name or type name. */
  readonly name: (name: string) => string;
}

/** The short label of a change in a report row. */
export const CHANGE_LABELS: Readonly<Record<ChangeKind, string>> = {
  'module-removed': 'module removed',
  'type-name-changed': 'type renamed',
  'go-package-changed': 'Go package renamed',
  'code-removed': 'removed',
  'name-changed': 'renamed',
  'module-added': 'module added',
  'code-added': 'added',
  'code-deprecated': 'deprecated',
  'code-restored': 'restored',
  'message-changed': 'message',
  'description-changed': 'description',
  'suggestion-changed': 'suggestion',
  'http-status-changed': 'HTTP status',
  'section-changed': 'section',
  'variants-changed': 'variants',
  'category-changed': 'category',
  'retryable-changed': 'retryable',
  'retry-changed': 'retry',
  'translations-changed': 'translations',
};

/** What changed, in words, with the text changes as a word-level diff. */
export function changeDetail(change: Change, markup: Markup): string {
  const before = change.before ?? null;
  const after = change.after ?? null;
  switch (change.kind) {
    case 'module-added':
      return `new module with ${change.codes} code(s)`;
    case 'module-removed':
      return `the module and its ${change.codes} code(s) are gone`;
    case 'type-name-changed':
    case 'go-package-changed':
    case 'name-changed':
      return `${markup.name(String(before))} → ${markup.name(String(after))}`;
    case 'code-added':
      return markup.text(change.message ?? '');
    case 'code-removed':
      return `${markup.text(change.message ?? '')} (gone from the doc, not kept by the name lock)`;
    case 'code-deprecated':
      return 'gone from the doc; kept by the name lock as deprecated';
    case 'code-restored':
      return 'back in the doc; no longer deprecated';
    case 'category-changed':
    case 'retryable-changed':
    case 'retry-changed':
    case 'http-status-changed':
      return `${before ?? 'none'} → ${after ?? 'none'}`;
    case 'translations-changed': {
      const list = (value: typeof before) => (Array.isArray(value) ? (value as readonly string[]) : []);
      return wordDiff(list(before).join('; '), list(after).join('; '), markup);
    }
    case 'variants-changed': {
      const list = (value: typeof before) => (Array.isArray(value) ? (value as readonly string[]) : []);
      return `${list(before).length} → ${list(after).length}: ${wordDiff(list(before).join('; '), list(after).join('; '), markup)}`;
    }
    default:
      return wordDiff(before === null ? '' : String(before), after === null ? '' : String(after), markup);
  }
}

/** A word-level diff (CJK: per character), whitespace kept outside the marks. */
export function wordDiff(before: string, after: string, markup: Markup): string {
  return diffWords(before, after)
    .map((part) => {
      if (!part.added && !part.removed) return markup.text(part.value);
      const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.value) ?? [];
      if (core === '') return part.added ? part.value : '';
      return `${lead}${part.added ? markup.added(core) : markup.removed(core)}${trail}`;
    })
    .join('');
}

/** Modules with breaking changes first, then by id. */
export function orderedModules(diff: CatalogDiff): ModuleDiff[] {
  const breaking = (module: ModuleDiff) => (module.changes.some((change) => change.breaking) ? 0 : 1);
  return [...diff.modules].sort((a, b) => breaking(a) - breaking(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Breaking changes first; otherwise in the core's order (by code, then kind). */
export function orderedChanges(module: ModuleDiff): Change[] {
  return [...module.changes.filter((change) => change.breaking), ...module.changes.filter((change) => !change.breaking)];
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
