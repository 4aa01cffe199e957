import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A file to put on disk: `path` for display (relative, `/`), `absolute` to write. */
export interface PlannedFile {
  readonly path: string;
  readonly absolute: string;
  readonly contents: string;
}

export interface FileChange extends PlannedFile {
  /** Contents on disk now; undefined for a new file. */
  readonly previous?: string;
}

export interface WritePlan {
  readonly changed: readonly FileChange[];
  readonly unchanged: readonly PlannedFile[];
  /** Outputs of an earlier run that this run no longer produces. */
  readonly removed: readonly { path: string; absolute: string; previous: string }[];
}

/** Compares what a run would write with what is on disk. Reads only. */
export function planWrite(files: readonly PlannedFile[], earlier: readonly { path: string; absolute: string }[]): WritePlan {
  const changed: FileChange[] = [];
  const unchanged: PlannedFile[] = [];
  const now = new Set(files.map((file) => file.absolute));
  for (const file of files) {
    const previous = readIfExists(file.absolute);
    if (previous === file.contents) unchanged.push(file);
    else changed.push({ ...file, ...(previous !== undefined && { previous }) });
  }
  const removed = earlier
    .filter((file) => !now.has(file.absolute))
    .flatMap((file) => {
      const previous = readIfExists(file.absolute);
      return previous === undefined ? [] : [{ ...file, previous }];
    });
  return { changed, unchanged, removed };
}

/**
 * Writes every changed file to a temp file beside it, then renames them all into place,
 * then removes stale outputs. A failure while writing temps leaves every target as it
 * was; each rename is atomic, so no file is ever half-written.
 */
export function applyWrite(plan: WritePlan): void {
  const temps: { temp: string; target: string }[] = [];
  try {
    for (const file of plan.changed) {
      mkdirSync(dirname(file.absolute), { recursive: true });
      const temp = join(dirname(file.absolute), `.${basename(file.absolute)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      temps.push({ temp, target: file.absolute });
      writeFileSync(temp, file.contents);
    }
  } catch (error) {
    for (const { temp } of temps) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, target } of temps) renameSync(temp, target);
  for (const file of plan.removed) unlinkSync(file.absolute);
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
