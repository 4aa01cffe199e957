import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CLI, makeProject, requireTools, ROOT, runCli, SPAWN_TIMEOUT_MS } from '../helpers/tools.js';

const seed = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');
const ANSI = /\u001B\[/;
/**
 * Hire v1 with a warning to colour: its one diagnostic a user could act on, `extra-cell`
 * (Feishu's `==标记==` noise), is an info by default, so the config raises it again.
 */
const warned = () => makeProject({ 'hire-v1.md': seed }, { 'feishu-errcodes.config.json': JSON.stringify({ rules: { 'extra-cell': 'warning' } }) });

/** The environment of a user's shell: no NO_COLOR unless given. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...extra };
  if (!('NO_COLOR' in extra)) delete env['NO_COLOR'];
  delete env['FORCE_COLOR'];
  return env;
}

/** Runs the built CLI as a process with stdout and stderr on pipes (not a terminal). */
function piped(args: readonly string[], cwd: string, env = userEnv()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env, timeout: SPAWN_TIMEOUT_MS });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI on a pseudo-terminal (util-linux `script`); stdout and stderr come back mixed. */
const hasScript = spawnSync('script', ['--version'], { timeout: SPAWN_TIMEOUT_MS }).status === 0;
if (!hasScript && !requireTools) console.warn('\n⚠  `script` (util-linux) is not installed: the colour-on-a-terminal checks are SKIPPED.\n');
function onTerminal(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv) {
  const command = [process.execPath, CLI, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', env, timeout: SPAWN_TIMEOUT_MS });
  return { code: result.status, output: result.stdout };
}

/** Runs the CLI in this process on streams that say they are a terminal; stdout and stderr come back mixed, as on a terminal. */
async function onFakeTerminal(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv) {
  let output = '';
  const terminal = { isTTY: true, columns: 100, write: (text: string) => (output += text) };
  const code = await main(args, { cwd, env, stdout: terminal, stderr: terminal });
  return { code, output };
}

describe('colours', () => {
  it('are never written to a pipe (a built CLI process)', () => {
    const dir = warned();
    const result = piped(['generate'], dir);
    expect(result.stderr).toContain('warning');
    expect(result.stderr + result.stdout).not.toMatch(ANSI);
  });

  it('are never written to a stream that is not a terminal, whatever the command', async () => {
    const dir = warned();
    for (const args of [['generate'], ['check'], ['lint', '--format', 'stylish']]) {
      const result = await runCli(args, dir, userEnv());
      expect(result.stderr + result.stdout, args.join(' ')).not.toMatch(ANSI);
      expect(result.stderr + result.stdout, args.join(' ')).toContain('warning');
    }
  });

  it.skipIf(!hasScript && !requireTools)('are used on a real terminal (a built CLI process under `script`)', () => {
    expect(hasScript, '`script` is required in CI').toBe(true);
    const coloured = onTerminal(['lint', '--format', 'stylish'], warned(), userEnv());
    expect(coloured.output).toMatch(ANSI);
    expect(coloured.output).toContain('warning');
  });

  it('are used on a terminal, and never with NO_COLOR set or TERM=dumb', async () => {
    const colour = warned();
    for (const args of [['generate'], ['lint', '--format', 'stylish']]) {
      const coloured = await onFakeTerminal(args, colour, userEnv());
      expect(coloured.output, args.join(' ')).toMatch(ANSI);
      expect(coloured.output, args.join(' ')).toContain('warning');
    }
    for (const env of [{ NO_COLOR: '1' }, { TERM: 'dumb' }] as Record<string, string>[]) {
      const plain = warned();
      for (const args of [['generate'], ['lint', '--format', 'stylish']]) {
        const result = await onFakeTerminal(args, plain, userEnv(env));
        expect(result.output, `${args.join(' ')} ${JSON.stringify(env)}`).toContain('warning');
        expect(result.output, `${args.join(' ')} ${JSON.stringify(env)}`).not.toMatch(ANSI);
      }
    }
  });
});

describe('verbosity', async () => {
  const dir = makeProject({ 'hire-v1.md': seed });
  const first = await runCli(['generate'], dir);

  it('generate lists each file it writes, then one summary line', () => {
    expect(first.code).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('created '))).toHaveLength(16);
    // No warning: the infos (what Feishu's page does, resolved) are counted on the summary line.
    expect(first.stderr).toBe('');
    expect(lines.at(-1)).toBe('feishu-errcodes: 1 module(s), 46 code(s): 16 file(s) written, 0 removed, 0 unchanged; 3 info: 1 extra-cell, 1 typo, 1 unknown-category (`feishu-errcodes lint` lists them).');
  });

  it('a run that changes nothing prints the summary line alone', async () => {
    const again = await runCli(['generate'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('feishu-errcodes: 1 module(s), 46 code(s): up to date, nothing written.\n');
  });

  it('--verbose lists every file, unchanged ones included', async () => {
    const verbose = await runCli(['generate', '--verbose'], dir);
    expect(verbose.stdout).toContain('unchanged generated/docs/hire-v1.md\n');
    expect(verbose.stdout).toContain('unchanged seeds/feishu-errcodes.lock.json\n');
    expect(verbose.stdout.split('\n').filter((line) => line.startsWith('unchanged '))).toHaveLength(16);
  });

  it('--format json on lint and check prints JSON alone on stdout', async () => {
    const lint = JSON.parse((await runCli(['lint', '--format', 'json'], dir)).stdout) as { severity: string; rule: string }[];
    expect(lint.filter((message) => message.severity === 'info').map((message) => message.rule)).toContain('extra-cell');
    const check = JSON.parse((await runCli(['check', '--format', 'json'], dir)).stdout) as { upToDate: boolean };
    expect(check.upToDate).toBe(true);
  });
});
