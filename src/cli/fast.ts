import { relative, sep } from 'node:path';
import { rememberRun, unchangedSinceLastRun, type RunSummary } from '../fast-path.js';
import { strayFiles } from '../write/stray-files.js';
import type { GenerateResult } from '../project.js';
import { cliIo, err, renderDiagnostics, useColor, type CommonFlags } from './common.js';

/** Flags that ask for more than "is it up to date?", or for a different result: they always take the full pipeline. */
export interface FastPathFlags extends CommonFlags {
  full?: boolean;
  prune?: boolean;
  rename?: boolean | 'all';
  /** Type-check the emitted TypeScript: the last run may not have. */
  verify?: boolean;
}

/**
 * What the last full run in the project at `root` reported, when nothing it read or wrote has changed since
 * (fast-path.ts); undefined means: run the pipeline.
 */
export function lastRunIfUnchanged(flags: FastPathFlags, root: string): RunSummary | undefined {
  if (flags.full || flags.verbose || flags.prune || flags.rename || flags.verify) return undefined;
  return unchangedSinceLastRun(root, { config: flags.config, seeds: flags.seeds, out: flags.out }, cliIo().env);
}

/** Prints the warnings the full run printed, as it printed them. */
export function replayDiagnostics(summary: RunSummary): void {
  const text = useColor() ? summary.diagnostics.color : summary.diagnostics.plain;
  if (text) err(text);
}

/**
 * After a full run whose outputs and lock are now up to date on disk: records it for the
 * next run's fast path. A run that changed the lock is not recorded: the next run reads
 * that lock, so only its own verdict may be replayed. Nor is a run that left a stray file in
 * the output folder: `check` reports it (exit 1), so an unchanged tree must not answer
 * "up to date" for it where `check --full` fails.
 */
export async function rememberFullRun(result: GenerateResult): Promise<void> {
  if (!result.ok || !result.catalog || !result.plan || !result.fastPath) return;
  const lockFile = result.fastPath.lockFile;
  if (result.plan.changed.some((file) => file.absolute === lockFile)) return;
  const outDir = result.fastPath.outDir;
  const known = new Set([...result.plan.changed, ...result.plan.unchanged].map((file) => relative(outDir, file.absolute).split(sep).join('/')));
  if (strayFiles(outDir, known).length > 0) return;
  const [plain, color] = await Promise.all([renderDiagnostics(result.files, false, false), renderDiagnostics(result.files, false, true)]);
  rememberRun(
    result.fastPath,
    {
      modules: result.catalog.modules.length,
      codes: result.catalog.modules.reduce((sum, module) => sum + module.entries.length, 0),
      diagnostics: { plain, color },
    },
    cliIo().env,
  );
}
