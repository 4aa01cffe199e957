#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { err, type SetExit } from './cli/common.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

type Register = (program: Command, setExit: SetExit) => void;

/**
 * Each command's module, in help order. Only the command being run is loaded (all of them
 * for help or an unknown command), so `generate` and `check` on an unchanged tree load no
 * other command's dependencies.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  generate: async () => (await import('./cli/generate.js')).registerGenerate,
  check: async () => (await import('./cli/check.js')).registerCheck,
  lint: async () => (await import('./cli/lint.js')).registerLint,
  sync: async () => (await import('./cli/sync.js')).registerSync,
  diff: async () => (await import('./cli/diff.js')).registerDiff,
};

/**
 * The commander program; each command registers itself from src/cli/<command>.ts.
 * Actions may be async (`parseAsync` awaits them). `only` registers one command.
 */
export async function buildProgram(setExit: SetExit, only?: string): Promise<Command> {
  const program = new Command('feishu-errcodes')
    .description('Compile Feishu (Lark) Open Platform error-code docs into TypeScript, JSON, Go and OpenAPI')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const names = only !== undefined && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((name) => COMMANDS[name]!()))) register(program, setExit);
  return program;
}

/** Runs the CLI; the one catch. Returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
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
    const { UserError } = await import('./project.js');
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

/**
 * `generate | head -1`: the reader is gone. What is left to print goes nowhere, and the run
 * ends with its own exit code (a write error is not drift, nor a crash).
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
process.exitCode = await main(process.argv.slice(2));
