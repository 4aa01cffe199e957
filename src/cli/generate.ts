import type { Command } from 'commander';
import { generate } from '../project.js';
import { addCommonOptions, err, out, printDiagnostics, projectOptions, type CommonFlags, type SetExit } from './common.js';
import { runCheck } from './check.js';

function runGenerate(flags: CommonFlags & { check?: boolean; prune?: boolean }): number {
  if (flags.check) return runCheck(flags);
  const result = generate(projectOptions(flags));
  printDiagnostics(result.files, flags.verbose ?? false);
  if (!result.ok || !result.plan) {
    err('feishu-errcodes: errors in the seeds (above); nothing was written.');
    return 2;
  }
  const { changed, unchanged, removed } = result.plan;
  for (const file of changed) out(`${file.previous === undefined ? 'created' : 'updated'} ${file.path}`);
  for (const file of removed) out(`removed ${file.path} (its seed is gone)`);
  if (flags.verbose) for (const file of unchanged) out(`unchanged ${file.path}`);
  const codes = result.catalog!.modules.reduce((sum, module) => sum + module.entries.length, 0);
  const modules = result.catalog!.modules.length;
  out(
    changed.length + removed.length === 0
      ? `feishu-errcodes: ${modules} module(s), ${codes} code(s): up to date, nothing written.`
      : `feishu-errcodes: ${modules} module(s), ${codes} code(s): ${changed.length} file(s) written, ${removed.length} removed, ${unchanged.length} unchanged.`,
  );
  return 0;
}

export function registerGenerate(program: Command, setExit: SetExit): void {
  addCommonOptions(
    program
      .command('generate')
      .description('parse the seeds, write generated/ (only files that changed) and the name lock')
      .option('--check', 'write nothing; exit 1 when generated files are stale (same as `check`)')
      .option('--prune', 'drop codes the docs no longer list instead of keeping them as deprecated'),
  ).action((flags) => setExit(runGenerate(flags)));
}
