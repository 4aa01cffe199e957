import { AsyncLocalStorage } from 'node:async_hooks';
import { Command } from 'commander';
import type { VFile } from 'vfile';
import type { ProjectOptions } from '../project.js';
import { MAX_PRINTED_MESSAGES } from '../limits.js';
import { absoluteFrom, describeRoot, describeSearch, findProjectRoot } from '../project-root.js';

/** Sets the process exit code a command ends with. */
export type SetExit = (code: number) => void;

/** Where a CLI run writes: a process stream, or anything with `write` (a test's buffer). */
export interface CliStream {
  write(text: string): unknown;
  /** True on a terminal: colours are used only then (optional, default: false). */
  readonly isTTY?: boolean;
  /** Width of the terminal, for help text (optional, default: 80). */
  readonly columns?: number;
}

/** What a CLI run reads and writes besides its files: `main` takes it, so a run needs no process of its own. */
export interface CliIo {
  /** Working directory: every path the user gives is relative to it. */
  readonly cwd: string;
  /** Environment: NO_COLOR, TERM, the proxy variables, TMPDIR. */
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: CliStream;
  readonly stderr: CliStream;
}

/** The process's own: what the `feishu-errcodes` bin runs with. */
export function processIo(): CliIo {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/**
 * The run in progress, per async context: two runs in one process (tests run many) never
 * see each other's output. Commands read it through `cliIo()`, `out` and `err`.
 */
const currentIo = new AsyncLocalStorage<CliIo>();

/** Runs `task` with `io` as what `cliIo()`, `out` and `err` use. */
export function withIo<T>(io: CliIo, task: () => T): T {
  return currentIo.run(io, task);
}

/** The IO of the run in progress (the process's own outside `main`). */
export function cliIo(): CliIo {
  return currentIo.getStore() ?? processIo();
}

export interface CommonFlags {
  seeds?: string;
  out?: string;
  config?: string;
  debug?: boolean;
  verbose?: boolean;
  allowOutside?: boolean;
}

/** Prints a line (a newline added when missing) on the run's stdout. */
export const out = (text: string) => write(cliIo().stdout, text);
/** Prints a line (a newline added when missing) on the run's stderr. */
export const err = (text: string) => write(cliIo().stderr, text);

/** Nothing is written to a stream whose reader has gone (EPIPE destroys it; see cli.ts). */
function write(stream: CliStream & { readonly destroyed?: boolean }, text: string): void {
  if (stream.destroyed === true) return;
  stream.write(text.endsWith('\n') ? text : text + '\n');
}

/**
 * Prints a run's diagnostics: every error in full, then one line that counts the warnings
 * and the infos by rule (`1 warning: 1 source-url; 37 info: 33 name-collision, 4 duplicate-code;
 * run feishu-errcodes lint to see them`); infos alone print nothing here: generate's summary
 * line counts them (infoSummary).
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
  const infos = new Map<string, number>();
  let warningCount = 0;
  let infoCount = 0;
  let hidden = 0;
  for (const file of files) {
    let printed = 0;
    for (const message of file.messages) {
      const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
      if (severity === 'warning') {
        warningCount++;
        count(warnings, message.ruleId);
      } else if (severity === 'info') {
        infoCount++;
        count(infos, message.ruleId);
      }
      if (severity !== 'error' && !verbose) continue;
      // Nobody reads a few hundred thousand lines; `lint` lists them all.
      if (printed++ >= MAX_PRINTED_MESSAGES) {
        hidden++;
        continue;
      }
      const shown = severity === 'error' ? paint(31, 'error') : severity === 'warning' ? paint(33, 'warning') : 'info';
      lines.push(`${file.path}:${message.line ?? 1}:${message.column ?? 1} ${shown} ${message.reason}${message.ruleId ? ` ${message.ruleId}` : ''}`);
    }
  }
  if (warningCount > 0 && !verbose) {
    const parts = [
      `${paint(33, `${warningCount} warning${warningCount === 1 ? '' : 's'}`)}: ${byRule(warnings)}`,
      ...(infoCount > 0 ? [`${infoCount} info: ${byRule(infos)}`] : []),
    ];
    lines.push(`${parts.join('; ')}; run \`feishu-errcodes lint\` to see them`);
  } else if (verbose && warningCount + infoCount > 0) {
    lines.push(`${warningCount} warning${warningCount === 1 ? '' : 's'}, ${infoCount} info`);
  }
  if (hidden > 0) lines.push(`… and ${hidden} more message(s) not shown (at most ${MAX_PRINTED_MESSAGES} per file); \`feishu-errcodes lint\` lists them all`);
  return lines.join('\n');
}

/**
 * `; 39 info: 33 name-collision, 4 duplicate-code, … (\`feishu-errcodes lint\` lists them)`, the
 * end of generate's summary line for a run whose diagnostics are infos only (what Feishu's
 * pages do and the tool resolved); '' when there are none, or when the warning line printed
 * by printDiagnostics counted them already.
 */
export function infoSummary(files: readonly VFile[]): string {
  const messages = files.flatMap((file) => file.messages);
  if (messages.some((message) => message.fatal === false)) return '';
  const infos = new Map<string, number>();
  for (const message of messages) if (message.fatal === undefined || message.fatal === null) count(infos, message.ruleId);
  const total = [...infos.values()].reduce((sum, n) => sum + n, 0);
  return total === 0 ? '' : `; ${total} info: ${byRule(infos)} (\`feishu-errcodes lint\` lists them)`;
}

function count(counts: Map<string, number>, ruleId: string | undefined | null): void {
  const rule = ruleId ?? 'other';
  counts.set(rule, (counts.get(rule) ?? 0) + 1);
}

/** `33 name-collision, 4 duplicate-code`: most frequent first, then by rule id. */
function byRule(counts: ReadonlyMap<string, number>): string {
  return [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .map(([rule, n]) => `${n} ${rule}`)
    .join(', ');
}

/**
 * Copies of `files` with the messages `keep` accepts, at most MAX_PRINTED_MESSAGES each,
 * and the line saying how many were left out ('' for none): vfile-reporter overflows the
 * stack on a few hundred thousand messages, and nobody reads that many.
 */
export async function capMessages(files: readonly VFile[], keep: (message: VFile['messages'][number]) => boolean = () => true): Promise<{ files: VFile[]; more: string }> {
  const { VFile } = await import('vfile');
  let hidden = 0;
  const copies = files.map((file) => {
    const kept = file.messages.filter(keep);
    hidden += Math.max(0, kept.length - MAX_PRINTED_MESSAGES);
    const copy = new VFile({ path: file.path });
    copy.messages = kept.slice(0, MAX_PRINTED_MESSAGES);
    return copy;
  });
  const more = hidden > 0 ? `\n… and ${hidden} more message(s) not shown (at most ${MAX_PRINTED_MESSAGES} per file); \`feishu-errcodes lint\` lists them all` : '';
  return { files: copies, more };
}

/**
 * Colours only when `stream` (default: stderr, where diagnostics go) is a terminal, and
 * never when NO_COLOR is set to anything but '' (https://no-color.org) or TERM is dumb.
 */
export function useColor(stream: CliStream = cliIo().stderr): boolean {
  const { env } = cliIo();
  const noColor = env['NO_COLOR'];
  return Boolean(stream.isTTY) && (noColor === undefined || noColor === '') && env['TERM'] !== 'dumb';
}

/**
 * The project a command runs on, found from the working directory `cwd` (the nearest folder
 * up with the config file, or with package.json and seeds/). Path flags are relative to
 * where the user typed them, so they come back absolute; everything else is relative to the root.
 */
export function locateProject<Flags extends { seeds?: string; out?: string; config?: string; verbose?: boolean }>(flags: Flags, cwd: string): { root: string; searched: string; flags: Flags } {
  const found = findProjectRoot(cwd);
  if (flags.verbose === true) err(`feishu-errcodes: ${describeRoot(found)}`);
  const seeds = absoluteFrom(cwd, flags.seeds);
  const outDir = absoluteFrom(cwd, flags.out);
  const config = absoluteFrom(cwd, flags.config);
  return {
    root: found.root,
    searched: describeSearch(found),
    flags: { ...flags, ...(seeds !== undefined && { seeds }), ...(outDir !== undefined && { out: outDir }), ...(config !== undefined && { config }) },
  };
}

/** Options for the project functions, from flags already passed through `locateProject`. */
export function projectOptions(flags: CommonFlags & { prune?: boolean; rename?: boolean | 'all'; verify?: boolean }, located?: { root: string; searched: string }): ProjectOptions {
  return {
    ...(flags.allowOutside === true && { allowOutside: true }),
    seeds: flags.seeds,
    out: flags.out,
    config: flags.config,
    prune: flags.prune,
    rename: flags.rename,
    verify: flags.verify,
    cwd: located?.root ?? cliIo().cwd,
    ...(located && { searched: located.searched }),
  };
}

export function addCommonOptions(command: Command): Command {
  return command
    .option('--seeds <dir>', 'folder of seed docs (*.md) (default: "seeds", or the config\'s)')
    .option('--out <dir>', 'output folder (default: "generated", or the config\'s)')
    .option('--config <file>', 'config file (default: feishu-errcodes.config.json when present)')
    .option('--verbose', 'list every file and every diagnostic, info included')
    .option('--allow-outside', 'accept a config whose seeds, out or lock is outside the project root')
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

