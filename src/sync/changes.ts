/**
 * What a sync changed in one module, in codes rather than lines, for the CI log: the
 * `diff` command's classification (src/diff/) of the seed built before and after, with
 * the same config and name lock that `generate` will use.
 */
import { diffCatalogs, type CatalogDiff } from '../diff/changes.js';
import { renderText } from '../diff/render-text.js';
import { summaryLine } from '../diff/summary.js';
import type { ErrorModule } from '../model.js';

export interface ModuleChanges {
  readonly module: string;
  /** `new` for `sync --add`; `unbuildable` when the old seed had errors (so all of it counts as added). */
  readonly before: 'built' | 'unbuildable' | 'new';
  readonly diff: CatalogDiff;
}

export function compareModules(id: string, before: ErrorModule | undefined, after: ErrorModule, beforeState: ModuleChanges['before']): ModuleChanges {
  return { module: id, before: beforeState, diff: diffCatalogs({ modules: before ? [before] : [] }, { modules: [after] }) };
}

/** One line: `hire-v1: no breaking change; 1 code added, 1 code deprecated, 1 message changed`. */
export function formatModuleChanges(changes: ModuleChanges): string {
  const note = changes.before === 'unbuildable' ? ' (the old seed did not build)' : '';
  const summary = changes.diff.modules.length === 0 ? 'no change to codes, names or texts (only text outside the codes)' : summaryLine(changes.diff);
  return `${changes.module}${note}: ${summary}`;
}

/** The change of every code, as `diff` prints it, without its heading line. */
export function formatChangeDetails(changes: ModuleChanges): string[] {
  if (changes.diff.modules.length === 0) return [];
  const lines = renderText(changes.diff, { old: 'before', new: 'after' }).trimEnd().split('\n');
  // Drop the summary line and the blank line after it: formatModuleChanges said that much.
  return lines.slice(2);
}
