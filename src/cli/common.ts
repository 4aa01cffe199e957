import { Command } from 'commander';
import type { VFile } from 'vfile';
import type { ProjectOptions } from '../project.js';

/** Sets the process exit code a command ends with. */
export type SetExit = (code: number) => void;

export interface CommonFlags {
  seeds?: string;
  out?: string;
  config?: string;
  debug?: boolean;
  verbose?: boolean;
}

export const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : text + '\n');
export const err = (text: string) => process.stderr.write(text.endsWith('\n') ? text : text + '\n');

/**
 * Prints a run's diagnostics: every error in full, then one line that counts the warnings
 * by rule (`90 warnings: 86 name-collision, 4 duplicate-code; run feishu-errcodes lint to see them`).
 * With --verbose, every message in full (info included). Lines are never padded.
 */
export async function printDiagnostics(files: readonly VFile[], verbose: boolean): Promise<void> {
  const text = await renderDiagnostics(files, verbose, useColor());
  if (text) err(text);
}

/** What printDiagnostics prints ('' for nothing), one message a line as `lint` prints it. */
export async function renderDiagnostics(files: readonly VFile[], verbose: boolean, color: boolean): Promise<string> {
  const paint = (code: number, text: string) => (color ? `\u001B[${code}m${text}\u001B[39m` : text);
  const lines: string[] = [];
  const warnings = new Map<string, number>();
  let warningCount = 0;
  let infoCount = 0;
  for (const file of files) {
    for (const message of file.messages) {
      const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
      if (severity === 'warning') {
        warningCount++;
        warnings.set(message.ruleId ?? 'other', (warnings.get(message.ruleId ?? 'other') ?? 0) + 1);
      } else if (severity === 'info') infoCount++;
      if (severity !== 'error' && !verbose) continue;
      const shown = severity === 'error' ? paint(31, 'error') : severity === 'warning' ? paint(33, 'warning') : 'info';
      lines.push(`${file.path}:${message.line ?? 1}:${message.column ?? 1} ${shown} ${message.reason}${message.ruleId ? ` ${message.ruleId}` : ''}`);
    }
  }
  if (warningCount > 0 && !verbose) {
    const byRule = [...warnings].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0));
    lines.push(
      `${warningCount} warning${warningCount === 1 ? '' : 's'}: ${byRule.map(([rule, count]) => `${count} ${rule}`).join(', ')}; run \`feishu-errcodes lint\` to see them`,
    );
  } else if (verbose && warningCount + infoCount > 0) {
    lines.push(`${warningCount} warning${warningCount === 1 ? '' : 's'}, ${infoCount} info`);
  }
  return lines.join('\n');
}

/**
 * Colours only when `stream` (default: stderr, where diagnostics go) is a terminal, and
 * never when NO_COLOR is set to anything but '' (https://no-color.org) or TERM is dumb.
 */
export function useColor(stream: NodeJS.WriteStream = process.stderr): boolean {
  const noColor = process.env['NO_COLOR'];
  return Boolean(stream.isTTY) && (noColor === undefined || noColor === '') && process.env['TERM'] !== 'dumb';
}

export function projectOptions(flags: CommonFlags & { prune?: boolean; rename?: boolean }): ProjectOptions {
  return { seeds: flags.seeds, out: flags.out, config: flags.config, prune: flags.prune, rename: flags.rename };
}

export function addCommonOptions(command: Command): Command {
  return command
    .option('--seeds <dir>', 'folder of seed docs (*.md) (default: "seeds", or the config\'s)')
    .option('--out <dir>', 'output folder (default: "generated", or the config\'s)')
    .option('--config <file>', 'config file (default: feishu-errcodes.config.json when present)')
    .option('--verbose', 'list every file and every diagnostic, info included')
    .option('--debug', 'show stack traces of internal errors');
}

/** Diagnostics as plain objects, for `--format json`. */
export function messagesToJson(file: VFile) {
  return file.messages.map((message) => ({
    file: file.path,
    line: message.line ?? null,
    column: message.column ?? null,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    message: message.reason,
    rule: message.ruleId ?? null,
  }));
}

