import { Option, type Command } from 'commander';
import { reporter } from 'vfile-reporter';
import { lint } from '../lint.js';
import { addCommonOptions, err, messagesToJson, out, projectOptions, useColor, type CommonFlags, type SetExit } from './common.js';

function runLint(files: string[], flags: CommonFlags & { format?: string }): number {
  const result = lint(files, projectOptions(flags));
  const messages = result.files.flatMap(messagesToJson);
  if (flags.format === 'json') out(JSON.stringify(messages, null, 2));
  else if (flags.format === 'stylish') {
    const text = reporter([...result.files], { color: useColor(), quiet: !flags.verbose });
    if (text) out(text);
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
      .argument('[files...]', 'seed docs to lint (default: every seed)')
      .description('report diagnostics as file:line:col severity message rule (exit 1 on errors)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'stylish', 'json']).default('text')),
  ).action((files: string[], flags) => setExit(runLint(files, flags)));
}
