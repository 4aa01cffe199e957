import { Option, type Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { check } from '../project.js';
import { addCommonOptions, err, messagesToJson, out, printDiagnostics, projectOptions, type CommonFlags, type SetExit } from './common.js';

export function runCheck(flags: CommonFlags & { format?: string }): number {
  const result = check(projectOptions(flags));
  if (flags.format === 'json') {
    out(
      JSON.stringify(
        {
          ok: result.ok,
          upToDate: result.upToDate,
          stale: result.plan ? [...result.plan.changed.map((file) => file.path), ...result.plan.removed.map((file) => file.path)] : [],
          messages: result.files.flatMap(messagesToJson),
        },
        null,
        2,
      ),
    );
    return !result.ok ? 2 : result.upToDate ? 0 : 1;
  }
  printDiagnostics(result.files, flags.verbose ?? false);
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
  for (const file of result.plan.removed) out(`stale ${file.path} (its seed is gone; generate removes it)`);
  err(`feishu-errcodes: ${result.plan.changed.length + result.plan.removed.length} file(s) out of date; run \`feishu-errcodes generate\` and commit the result.`);
  return 1;
}

export function registerCheck(program: Command, setExit: SetExit): void {
  addCommonOptions(
    program
      .command('check')
      .description('write nothing; list stale generated files with a diff (exit 1 on drift)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text')),
  ).action((flags) => setExit(runCheck(flags)));
}
