import type { VFile } from 'vfile';
import { updatedLock } from '../lock.js';
import { diffCatalogs, type CatalogDiff } from './changes.js';
import { buildSource, pairSingleFiles, readSource, type DiffSource, type SourceOptions } from './sources.js';

export type DiffOutcome =
  | { readonly ok: true; readonly diff: CatalogDiff }
  /** A side's seeds have errors: its diagnostics, nothing to compare. */
  | { readonly ok: false; readonly source: DiffSource; readonly files: readonly VFile[] };

/**
 * `diff <old> <new>` without the printing: reads both sides, builds their catalogues and
 * classifies the changes. Throws UserError for a side it cannot read.
 */
export function compareSpecs(oldSpec: string, newSpec: string, options: SourceOptions): DiffOutcome {
  const oldSource = readSource(oldSpec, options);
  const newSource = readSource(newSpec, options);
  const built = buildSource(oldSource);
  if (!built.catalog) return { ok: false, source: oldSource, files: built.files };
  const before = pairSingleFiles(built.catalog, oldSource, newSource);
  // A seeds side without its own lock keeps the old side's names, as `generate` would.
  const after = buildSource(newSource, updatedLock(before));
  if (!after.catalog) return { ok: false, source: newSource, files: after.files };
  return { ok: true, diff: diffCatalogs(before, after.catalog) };
}
