import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { cliIo, addCommonOptions, err, locateProject, messagesToJson, out, printDiagnostics, projectOptions, type SetExit } from './common.js';
import { lastRunIfUnchanged, rememberFullRun, replayDiagnostics, type FastPathFlags } from './fast.js';

export async function runCheck(given: FastPathFlags & { format?: string }, cwd: string): Promise<number> {
  const located = locateProject(given, cwd);
  const flags = located.flags;
  const unchanged = flags.format === 'json' ? undefined : lastRunIfUnchanged(flags, located.root);
  if (unchanged) {
    replayDiagnostics(unchanged);
    out('feishu-errcodes: generated files are up to date.');
    return 0;
  }
  // The pipeline (and the diff printer) load only when the fast path cannot answer.
  const [{ check }, { createTwoFilesPatch }] = await Promise.all([import('../project.js'), import('diff')]);
  const result = check(projectOptions(flags, located));
  if (result.upToDate) await rememberFullRun(result);
  if (flags.format === 'json') {
    out(
      JSON.stringify(
        {
          ok: result.ok,
          upToDate: result.upToDate,
          stale: result.plan ? [...result.plan.changed.map((file) => file.path), ...result.plan.removed.map((file) => file.path)] : [],
          stray: result.stray.map((file) => file.path),
          messages: result.files.flatMap(messagesToJson),
        },
        null,
        2,
      ),
    );
    return !result.ok ? 2 : result.upToDate ? 0 : 1;
  }
  await printDiagnostics(result.files, flags.verbose ?? false);
  if (!result.ok || !result.plan) {
    err('feishu-errcodes: errors in the seeds (above).');
    return 2;
  }
  if (result.upToDate) {
    out('feishu-errcodes: generated files are up to date.');
    return 0;
  }
  for (const file of result.plan.changed) {
    out(`${file.previous === undefined ? 'missing' : 'stale'} ${file.path}`);
    out(createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, file.previous ?? '', file.contents, '', '', { context: 2 }));
  }
  const { removalReason } = await import('../removal-reason.js');
  const outDir = resolve(located.root, result.config.out);
  const ids = result.catalog?.modules.map((module) => module.id) ?? [];
  for (const file of result.plan.removed) out(`stale ${file.path} (${removalReason(file.absolute, outDir, result.config, ids)}; generate removes it)`);
  for (const file of result.stray) out(`stray ${file.path} (no run wrote it; delete it, or move it out of the output folder)`);
  const stale = result.plan.changed.length + result.plan.removed.length;
  const problems = [
    stale > 0 && `${stale} file(s) out of date; run \`feishu-errcodes generate\` and commit the result`,
    result.stray.length > 0 && `${result.stray.length} stray file(s) that no run wrote`,
  ].filter(Boolean);
  err(`feishu-errcodes: ${problems.join('; ')}.`);
  return 1;
}

export function registerCheck(program: Command, setExit: SetExit): void {
  addCommonOptions(
    program
      .command('check')
      .description('write nothing; list stale generated files with a diff (exit 1 on drift)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('--full', 'run the whole pipeline even when nothing changed since the last run')
      .option('--verify', 'also type-check the generated TypeScript in memory (exit 1 and the diagnostics when it does not compile)'),
  ).action(async (flags) => setExit(await runCheck(flags, cliIo().cwd)));
}
