#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { UserError } from './project.js';
import { err, type SetExit } from './cli/common.js';
import { registerGenerate } from './cli/generate.js';
import { registerCheck } from './cli/check.js';
import { registerLint } from './cli/lint.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The commander program; each command registers itself from src/cli/<command>.ts.
 * Actions may be async (`parseAsync` awaits them).
 */
export function buildProgram(setExit: SetExit): Command {
  const program = new Command('feishu-errcodes')
    .description('Compile Feishu (Lark) Open Platform error-code docs into TypeScript, JSON, Go and OpenAPI')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerGenerate(program, setExit);
  registerCheck(program, setExit);
  registerLint(program, setExit);
  return program;
}

/** Runs the CLI; the one catch. Returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((exit) => (code = exit));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
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

process.exitCode = await main(process.argv.slice(2));
