import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CatalogDiff } from '../diff/changes.js';
import type { ErrorCatalog } from '../model.js';
import { summaryLine } from '../diff/summary.js';
import { cliIo, addCommonOptions, err, infoSummary, locateProject, out, printDiagnostics, projectOptions, type SetExit } from './common.js';
import { runCheck } from './check.js';
import { lastRunIfUnchanged, rememberFullRun, replayDiagnostics, type FastPathFlags } from './fast.js';

async function runGenerate(given: FastPathFlags & { check?: boolean }, cwd: string): Promise<number> {
  if (given.check) return runCheck(given, cwd);
  const located = locateProject(given, cwd);
  const flags = located.flags;
  const lastRun = lastRunIfUnchanged(flags, located.root);
  if (lastRun) {
    replayDiagnostics(lastRun);
    out(`feishu-errcodes: ${lastRun.modules} module(s), ${lastRun.codes} code(s): up to date, nothing written.`);
    return 0;
  }
  // The pipeline loads only when the fast path cannot answer.
  const [{ generate }, { isInGitRepo }] = await Promise.all([import('../project.js'), import('../project-root.js')]);
  const result = generate(projectOptions(flags, located));
  await printDiagnostics(result.files, flags.verbose ?? false);
  if (!result.ok || !result.plan) {
    err('feishu-errcodes: errors in the seeds (above); nothing was written.');
    return 2;
  }
  if (flags.rename) for (const line of renameLines(result.changes, flags.rename === 'all' ? 0 : handPicked(result.catalog!))) out(line);
  const { changed, unchanged, removed } = result.plan;
  for (const file of changed) out(`${file.previous === undefined ? 'created' : 'updated'} ${file.path}`);
  const { removalReason } = await import('../removal-reason.js');
  const outDir = resolve(located.root, result.config.out);
  const ids = result.catalog!.modules.map((module) => module.id);
  for (const file of removed) out(`removed ${file.path} (${removalReason(file.absolute, outDir, result.config, ids)})`);
  for (const file of result.plan.kept) err(`feishu-errcodes: kept ${file.path}, which the last run's manifest lists: ${file.reason}.`);
  if (flags.verbose) for (const file of unchanged) out(`unchanged ${file.path}`);
  if (changed.length + removed.length > 0 && result.changes) out(changesLine(result.changes, given.seeds, isInGitRepo(located.root)));
  const codes = result.catalog!.modules.reduce((sum, module) => sum + module.entries.length, 0);
  const modules = result.catalog!.modules.length;
  out(
    changed.length + removed.length === 0
      ? `feishu-errcodes: ${modules} module(s), ${codes} code(s): up to date, nothing written.`
      : `feishu-errcodes: ${modules} module(s), ${codes} code(s): ${changed.length} file(s) written, ${removed.length} removed, ${unchanged.length} unchanged${infoSummary(result.files)}.`,
  );
  await rememberFullRun(result);
  return 0;
}

/**
 * What `--rename` renamed, one line a code (`renamed hire-v1 1002103: TalentNotExist1002103 →
 * TalentNotExistEmployed`), or that it renamed nothing.
 */
function renameLines(changes: CatalogDiff | undefined, kept: number): string[] {
  const lines = (changes?.modules ?? []).flatMap((module) =>
    module.changes
      .filter((change) => change.kind === 'name-changed')
      .map((change) => `renamed ${module.id} ${change.code}: ${String(change.before)} → ${String(change.after)}`),
  );
  return [
    ...(lines.length > 0 ? lines : ['--rename: every name derived from the docs is the name the lock had; nothing renamed.']),
    ...(kept > 0 ? [`--rename: kept ${kept} name(s) chosen by hand in the lock or the config; \`--rename=all\` derives the lock's again too.`] : []),
  ];
}

/** Codes whose name is not the one derived for them: chosen in the lock or the config. */
function handPicked(catalog: ErrorCatalog): number {
  return catalog.modules.reduce((sum, module) => sum + module.entries.filter((entry) => entry.derivedName !== undefined && entry.derivedName !== entry.name).length, 0);
}

/**
 * The semantic summary of a run that wrote something, with the command that details it
 * where that command works: inside a git repository.
 */
function changesLine(changes: CatalogDiff, seeds: string | undefined, inGit: boolean): string {
  const details = seeds === undefined ? 'feishu-errcodes diff git:HEAD' : `feishu-errcodes diff git:HEAD:${seeds} ${seeds}`;
  return `code changes: ${summaryLine(changes)}${changes.modules.length > 0 && inGit ? ` (details: ${details})` : ''}`;
}

export function registerGenerate(program: Command, setExit: SetExit): void {
  addCommonOptions(
    program
      .command('generate')
      .description('parse the seeds, write generated/ (only files that changed) and the name lock')
      .option('--check', 'write nothing; exit 1 when generated files are stale (same as `check`)')
      .option('--prune', 'drop codes the docs no longer list instead of keeping them as deprecated')
      .option('--verify', 'type-check the generated TypeScript in memory before writing anything (fails with exit 1 and the diagnostics)')
      .option('--full', 'run the whole pipeline even when nothing changed since the last run')
      .addOption(
        new Option(
          '--rename [which]',
          'derive member names again from the docs (config names still win) and print each rename — a breaking change for code that uses the old names: every name the lock holds as derived, keeping the ones chosen by hand in the lock; `--rename=all` renames those too',
        ).choices(['all']),
      ),
  ).action(async (flags) => setExit(await runGenerate(flags, cliIo().cwd)));
}
