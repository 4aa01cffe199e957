/**
 * Runs the shell examples of the README and docs/*.md (cram style): a ```sh block whose
 * lines start with `$ ` is a transcript; each command runs in a scratch project and what
 * it prints (stdout and stderr, as a terminal would interleave them) must match the lines
 * under it. Placeholders for what varies:
 *   …                 a line of its own: any number of lines (none included)
 *   text … text       inside a line: any text
 *   /path/to/my-app   the scratch project's folder
 *   [exit N]          the last line: the command exits N (default: 0)
 * A block preceded by `<!-- not run: reason -->` is listed as not run, with its reason.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Code, Html, Root } from 'mdast';
import { ROOT, tempDir } from './tools.js';

export const PROJECT_PLACEHOLDER = '/path/to/my-app';

export interface Step {
  /** The command line, as typed after `$ `. */
  readonly command: string;
  /** The lines shown under it (placeholders included), without `[exit N]`. */
  readonly expected: readonly string[];
  readonly exitCode: number;
  /** Line of the command in the doc, for messages. */
  readonly line: number;
}

export interface Example {
  readonly file: string;
  readonly line: number;
  readonly steps: readonly Step[];
  /** Why the block is not run, from a `<!-- not run: … -->` comment right before it. */
  readonly notRun?: string;
}

const SHELL = new Set(['sh', 'shell', 'console', 'bash']);

/** The transcripts in a markdown text: shell blocks with at least one `$ ` line. */
export function examplesOf(markdown: string, file: string): Example[] {
  const tree = unified().use(remarkParse).parse(markdown) as Root;
  const examples: Example[] = [];
  tree.children.forEach((node, index) => {
    if (node.type !== 'code' || !SHELL.has((node as Code).lang ?? '')) return;
    const code = node as Code;
    const lines = code.value.split('\n');
    if (!lines.some((line) => line.startsWith('$ '))) return;
    const before = tree.children[index - 1];
    const notRun = before?.type === 'html' ? /^<!--\s*not run:\s*([\s\S]*?)\s*-->$/.exec((before as Html).value)?.[1] : undefined;
    const first = code.position!.start.line + 1;
    const steps: { command: string; expected: string[]; exitCode: number; line: number }[] = [];
    lines.forEach((text, at) => {
      if (text.startsWith('$ ')) steps.push({ command: text.slice(2), expected: [], exitCode: 0, line: first + at });
      else if (steps.length === 0) throw new Error(`${file}:${first + at}: output before the first \`$ \` command`);
      else {
        const step = steps[steps.length - 1]!;
        const exit = /^\[exit (\d+)\]$/.exec(text);
        if (exit) step.exitCode = Number(exit[1]);
        else step.expected.push(text);
      }
    });
    for (const step of steps) while (step.expected.length > 0 && step.expected[step.expected.length - 1] === '') step.expected.pop();
    examples.push({ file, line: first - 1, steps, ...(notRun !== undefined && { notRun }) });
  });
  return examples;
}

/** Whether `actual` output lines match the `expected` lines with their placeholders. */
export function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const lineMatches = (pattern: string, text: string) => {
    if (!pattern.includes('…')) return pattern === text;
    const regex = new RegExp(`^${pattern.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return regex.test(text);
  };
  // memo[i][j]: expected from i matches actual from j.
  const memo = new Map<string, boolean>();
  const from = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === expected.length) result = j === actual.length;
    else if (expected[i]!.trim() === '…') result = from(i + 1, j) || (j < actual.length && from(i, j + 1));
    else result = j < actual.length && lineMatches(expected[i]!, actual[j]!) && from(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

/**
 * A scratch npm project named my-app, in a git repository, with feishu-errcodes installed
 * the way npm would (node_modules/feishu-errcodes and its bin), pointing at this build.
 */
export function scratchProject(): { dir: string; env: NodeJS.ProcessEnv; cleanup: () => void } {
  const base = tempDir('feishu-errcodes-docs-');
  const dir = join(base, 'my-app');
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  // As `npm install --save-dev feishu-errcodes` leaves it.
  writeFileSync(join(dir, 'package.json'), '{\n  "name": "my-app",\n  "version": "1.0.0",\n  "private": true,\n  "devDependencies": {\n    "feishu-errcodes": "^0.1.0"\n  }\n}\n');
  symlinkSync(ROOT, join(dir, 'node_modules/feishu-errcodes'), 'dir');
  const bin = join(dir, 'node_modules/.bin/feishu-errcodes');
  writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist/bin.js')}" "$@"\n`);
  chmodSync(bin, 0o755);
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_offline: 'true',
    GIT_AUTHOR_NAME: 'Docs',
    GIT_AUTHOR_EMAIL: 'docs@example.com',
    GIT_COMMITTER_NAME: 'Docs',
    GIT_COMMITTER_EMAIL: 'docs@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    PATH: `${join(dir, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}`,
  };
  for (const name of ['npm_config_prefix', 'npm_lifecycle_event', 'npm_lifecycle_script', 'INIT_CWD', 'npm_package_json']) delete env[name];
  const git = spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env, timeout: 30_000 });
  if (git.status !== 0) throw new Error(`git init failed: ${git.stderr}`);
  return { dir, env, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/**
 * Runs one command line with bash in `cwd`; stdout and stderr go to one file, so their
 * lines keep the order a terminal shows. Returns the lines, the project path replaced.
 */
export function runStep(command: string, cwd: string, project: string, env: NodeJS.ProcessEnv): { lines: string[]; code: number } {
  const outputFile = join(project, '..', 'output.txt');
  const fd = openSync(outputFile, 'w');
  let status: number | null;
  try {
    status = spawnSync('bash', ['-c', command], { cwd, env, stdio: ['ignore', fd, fd], timeout: 120_000 }).status;
  } finally {
    closeSync(fd);
  }
  const text = readFileSync(outputFile, 'utf8').split(project).join(PROJECT_PLACEHOLDER);
  const lines = text.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { lines, code: status ?? -1 };
}

/** Runs `cd` itself (the folder carries over to the next commands); anything else through runStep. */
export function runCommand(command: string, state: { cwd: string }, project: string, env: NodeJS.ProcessEnv): { lines: string[]; code: number } {
  const cd = /^cd\s+(\S+)\s*(?:#.*)?$/.exec(command);
  if (cd) {
    state.cwd = join(state.cwd, cd[1]!);
    return { lines: [], code: 0 };
  }
  return runStep(command, state.cwd, project, env);
}
