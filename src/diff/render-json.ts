import { countChanges, hasBreaking, type CatalogDiff, type Change } from './changes.js';
import type { DiffLabels } from './render-text.js';

/** Version of the JSON report's shape; bumped on any incompatible change. */
export const DIFF_JSON_VERSION = 1;

/**
 * The report for machines: key order fixed, modules by id, changes by code then kind,
 * absent values as `null` in `before`/`after` and left out elsewhere; 2-space indent.
 */
export function renderJson(diff: CatalogDiff, labels: DiffLabels): string {
  const { breaking, total, byKind } = countChanges(diff);
  const report = {
    version: DIFF_JSON_VERSION,
    old: labels.old,
    new: labels.new,
    breaking: hasBreaking(diff),
    summary: { changes: total, breaking, byKind },
    modules: diff.modules.map((module) => ({
      id: module.id,
      status: module.status,
      ...(module.title !== undefined && { title: module.title }),
      ...(module.typeName !== undefined && { typeName: module.typeName }),
      ...(module.docUpdated !== undefined && { docUpdated: { before: module.docUpdated.before, after: module.docUpdated.after } }),
      changes: module.changes.map(changeJson),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}

function changeJson(change: Change): object {
  return {
    kind: change.kind,
    breaking: change.breaking,
    ...(change.code !== undefined && { code: change.code }),
    ...(change.name !== undefined && { name: change.name }),
    ...(change.message !== undefined && { message: change.message }),
    ...(change.codes !== undefined && { codes: change.codes }),
    ...(change.before !== undefined && { before: change.before }),
    ...(change.after !== undefined && { after: change.after }),
  };
}
