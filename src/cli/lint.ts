import { Option, type Command } from 'commander';
import { absoluteFrom } from '../project-root.js';
import { addCommonOptions, capMessages, cliIo, err, locateProject, messagesToJson, out, projectOptions, useColor, type CommonFlags, type SetExit } from './common.js';

async function runLint(paths: string[], given: CommonFlags & { format?: string }, cwd: string): Promise<number> {
  const located = locateProject(given, cwd);
  const flags = located.flags;
  // Files named on the command line are relative to where the user typed them.
  const files = paths.map((path) => absoluteFrom(cwd, path)!);
  // Loaded here, not at the top: `generate` and `check` on an unchanged tree never need them.
  const [{ lint }, { reporter }] = await Promise.all([import('../lint.js'), import('vfile-reporter')]);
  const result = lint(files, projectOptions(flags, located));
  const messages = result.files.flatMap(messagesToJson);
  if (flags.format === 'json') out(JSON.stringify(messages, null, 2));
  else if (flags.format === 'stylish') {
    // Infos are hidden without --verbose: leave them out before the cap, not after.
    const capped = await capMessages(result.files, flags.verbose ? undefined : (message) => message.fatal !== undefined);
    const text = reporter(capped.files, { color: useColor(cliIo().stdout), quiet: !flags.verbose });
    if (text) out(text + capped.more.replace('`feishu-errcodes lint` lists', '`feishu-errcodes lint` (without --format stylish) lists'));
  } else {
    for (const message of messages) {
      out(`${message.file}:${message.line ?? 1}:${message.column ?? 1} ${message.severity} ${message.message} ${message.rule ?? ''}`.trimEnd());
    }
    const count = (severity: string) => messages.filter((message) => message.severity === severity).length;
    err(`feishu-errcodes: ${result.files.length} file(s): ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info.`);
  }
  return messages.some((message) => message.severity === 'error') ? 1 : 0;
}

export function registerLint(program: Command, setExit: SetExit): void {
  addCommonOptions(
    program
      .command('lint')
      .argument('[files...]', 'seed docs, or folders of them, to lint (default: every seed)')
      .description('report diagnostics as file:line:col severity message rule (exit 1 on errors)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'stylish', 'json']).default('text')),
  ).action(async (files: string[], flags) => setExit(await runLint(files, flags, cliIo().cwd)));
}
