#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { reporter } from 'vfile-reporter';
import { VFile } from 'vfile';
import { createTwoFilesPatch } from 'diff';
import { check, generate, UserError, type ProjectOptions } from './project.js';
import { lint } from './lint.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface CommonFlags {
  seeds?: string;
  out?: string;
  config?: string;
  debug?: boolean;
  verbose?: boolean;
}

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : text + '\n');
const err = (text: string) => process.stderr.write(text.endsWith('\n') ? text : text + '\n');

/** Prints warnings and errors (info only with --verbose) through vfile-reporter. */
function printDiagnostics(files: readonly VFile[], verbose: boolean): void {
  const shown = files
    .map((file) => {
      if (verbose) return file;
      // Info messages (typo fixed, duplicates merged) are for `lint` and --verbose.
      const copy = new VFile({ path: file.path });
      copy.messages = file.messages.filter((message) => message.fatal !== undefined);
      return copy;
    })
    .filter((file) => file.messages.length > 0);
  if (shown.length === 0) return;
  const text = reporter(shown, { color: useColor() });
  if (text) err(text);
}

function useColor(): boolean {
  return Boolean(process.stderr.isTTY) && !('NO_COLOR' in process.env) && process.env['TERM'] !== 'dumb';
}

function projectOptions(flags: CommonFlags & { prune?: boolean }): ProjectOptions {
  return { seeds: flags.seeds, out: flags.out, config: flags.config, prune: flags.prune };
}

function addCommonOptions(command: Command): Command {
  return command
    .option('--seeds <dir>', 'folder of seed docs (*.md) (default: "seeds", or the config\'s)')
    .option('--out <dir>', 'output folder (default: "generated", or the config\'s)')
    .option('--config <file>', 'config file (default: feishu-errcodes.config.json when present)')
    .option('--verbose', 'list every file and every diagnostic, info included')
    .option('--debug', 'show stack traces of internal errors');
}

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

function runCheck(flags: CommonFlags & { format?: string }): number {
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

function messagesToJson(file: VFile) {
  return file.messages.map((message) => ({
    file: file.path,
    line: message.line ?? null,
    column: message.column ?? null,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    message: message.reason,
    rule: message.ruleId ?? null,
  }));
}

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

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('feishu-errcodes')
    .description('Compile Feishu (Lark) Open Platform error-code docs into TypeScript, JSON, Go and OpenAPI')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  addCommonOptions(
    program
      .command('generate')
      .description('parse the seeds, write generated/ (only files that changed) and the name lock')
      .option('--check', 'write nothing; exit 1 when generated files are stale (same as `check`)')
      .option('--prune', 'drop codes the docs no longer list instead of keeping them as deprecated'),
  ).action((flags) => setExit(runGenerate(flags)));

  addCommonOptions(
    program
      .command('check')
      .description('write nothing; list stale generated files with a diff (exit 1 on drift)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text')),
  ).action((flags) => setExit(runCheck(flags)));

  addCommonOptions(
    program
      .command('lint')
      .argument('[files...]', 'seed docs to lint (default: every seed)')
      .description('report diagnostics as file:line:col severity message rule (exit 1 on errors)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'stylish', 'json']).default('text')),
  ).action((files: string[], flags) => setExit(runLint(files, flags)));

  return program;
}

export function main(argv: readonly string[]): number {
  let code = 0;
  const program = buildProgram((exit) => (code = exit));
  const debug = argv.includes('--debug');
  try {
    program.parse([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes exit 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UserError) {
      err(`feishu-errcodes: ${error.message}`);
      if (debug) err(error.stack ?? '');
      return error.exitCode;
    }
    err(`feishu-errcodes: internal error (this should never happen): ${(error as Error).message}`);
    err(debug ? ((error as Error).stack ?? '') : 'Run again with --debug for a stack trace, and report it with the seed that caused it.');
    return 70;
  }
}

process.exitCode = main(process.argv.slice(2));
