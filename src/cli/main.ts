import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { cliIo, err, processIo, useColor, withIo, type CliIo, type SetExit } from './common.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

type Register = (program: Command, setExit: SetExit) => void;

/**
 * Each command's module, in help order. Only the command being run is loaded (all of them
 * for help or an unknown command), so `generate` and `check` on an unchanged tree load no
 * other command's dependencies.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  init: async () => (await import('./init.js')).registerInit,
  generate: async () => (await import('./generate.js')).registerGenerate,
  check: async () => (await import('./check.js')).registerCheck,
  lint: async () => (await import('./lint.js')).registerLint,
  explain: async () => (await import('./explain.js')).registerExplain,
  sync: async () => (await import('./sync.js')).registerSync,
  diff: async () => (await import('./diff.js')).registerDiff,
};

/**
 * The commander program; each command registers itself from src/cli/<command>.ts.
 * Actions may be async (`parseAsync` awaits them). `only` registers one command.
 * Help, usage errors and `--version` go to the run's streams, never `process.exit`.
 */
export async function buildProgram(setExit: SetExit, only?: string): Promise<Command> {
  const program = new Command('feishu-errcodes')
    .description('Compile Feishu (Lark) Open Platform error-code docs into TypeScript, JSON, Go, Python, Java and OpenAPI')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => void cliIo().stdout.write(text),
      writeErr: (text) => void cliIo().stderr.write(text),
      getOutHelpWidth: () => cliIo().stdout.columns ?? 80,
      getErrHelpWidth: () => cliIo().stderr.columns ?? 80,
      getOutHasColors: () => useColor(cliIo().stdout),
      getErrHasColors: () => useColor(cliIo().stderr),
    })
    .exitOverride();
  const names = only !== undefined && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((name) => COMMANDS[name]!()))) register(program, setExit);
  return program;
}

/**
 * Runs the CLI with `argv` (the arguments after the program name) and returns its exit
 * code; the one catch. `io` (optional, default: the process's working directory,
 * environment, stdout and stderr) is all a run reads and writes besides files, so tests
 * and other tools can run it in their own process. Never exits the process.
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  return withIo({ ...processIo(), ...io }, () => run(argv));
}

async function run(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = await buildProgram((exit) => (code = exit), argv[0]);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes exit 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    const { UserError } = await import('../project.js');
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
