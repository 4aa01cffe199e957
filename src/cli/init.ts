import type { Command } from 'commander';
import { DEFAULT_URL_TEMPLATE } from '../sync/doc-url.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_SECONDS } from '../sync/sync.js';
import { cliIo, out, type SetExit } from './common.js';
import { bytes, seconds } from './sync.js';

interface InitFlags {
  from?: string;
  as?: string;
  urlTemplate?: string;
  timeout: number;
  maxBytes: number;
  debug?: boolean;
  module?: string[];
  all?: boolean;
  list?: boolean;
}

async function runInit(flags: InitFlags, cwd: string): Promise<number> {
  if (flags.list === true) {
    const { listModules } = await import('../snapshot-seeds.js');
    out(listModules());
    return 0;
  }
  const { init } = await import('../init.js');
  if (flags.as !== undefined && flags.from === undefined) {
    const { UserError } = await import('../project.js');
    throw new UserError('--as names the seed that --from adds; pass --from <url> with it');
  }
  const result = await init({
    cwd,
    ...(flags.from !== undefined && { from: flags.from }),
    ...(flags.as !== undefined && { as: flags.as }),
    ...(flags.urlTemplate !== undefined && { urlTemplate: flags.urlTemplate }),
    timeoutSeconds: flags.timeout,
    maxBytes: flags.maxBytes,
    ...(flags.module !== undefined && { modules: flags.module }),
    ...(flags.all === true && { all: true }),
  });
  // The scripts call the project's own copy: `npx feishu-errcodes init` may have run a temporary one.
  const install: [string, string][] = result.installed ? [] : [['npm install --save-dev feishu-errcodes', 'the scripts run the copy in node_modules/']];
  if (!result.changed) {
    out(`feishu-errcodes: nothing to do; ${result.root} is set up already (init never overwrites a file).`);
    if (install.length > 0) out(`Not installed in this project yet:\n${commandLines(install)}`);
    return 0;
  }
  const width = Math.max(...result.steps.map((step) => step.status.length));
  for (const step of result.steps) out(`${step.status.padEnd(width)} ${step.path}: ${step.detail}`);
  const next: [string, string][] = [
    ...install,
    ['npm run generate', `write generated/ from ${result.seeds}/`],
    ['npm run check', 'what CI runs: fails when generated/ is out of date'],
    // Only what init made and generate writes: never `git add -A`, which stages whatever else is lying around.
    [`git add ${result.stage.map(shellWord).join(' ')} && git commit -m "Add Feishu error codes"`, ''],
  ];
  out(`\nNext:\n${commandLines(next)}`);
  return 0;
}

/** A path as one shell word: as it is when it is plain, else in single quotes. */
function shellWord(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** Commands with their comments aligned, as a shell would take them. */
function commandLines(commands: readonly [string, string][]): string {
  const width = Math.max(...commands.filter(([, comment]) => comment !== '').map(([command]) => command.length));
  return commands.map(([command, comment]) => (comment === '' ? `  ${command}` : `  ${command.padEnd(width)}   # ${comment}`)).join('\n');
}

export function registerInit(program: Command, setExit: SetExit): void {
  program
    .command('init')
    .description("set this npm project up: seeds/ with Feishu's general page and an example page, the config, npm scripts generate and check, the GitHub workflow, .gitignore (never overwrites a file)")
    .option('--from <url>', 'seed from this Feishu error-code page (fetched like `sync --add`) instead of the Hire page example; in a project set up already, add it')
    .option('--as <id>', 'module id (seed file name) of the --from page (default: from the URL, …/im-v1/error_code → im-v1)')
    .option('--url-template <template>', `where the page's markdown is, as for sync (default: "${DEFAULT_URL_TEMPLATE}")`)
    .option('--timeout <seconds>', 'give up on the page after this many seconds', seconds, DEFAULT_TIMEOUT_SECONDS)
    .option('--max-bytes <size>', 'refuse a page larger than this (bytes, or with k / MB)', bytes, DEFAULT_MAX_BYTES)
    .option('--module <id>', 'copy a shipped module to seeds/<id>/ (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--all', 'copy every module of the shipped snapshot to seeds/')
    .option('--list', 'list the shipped modules with their code counts')
    .option('--debug', 'show stack traces of internal errors')
    .addHelpText(
      'after',
      `
Run it in your project's folder (or any folder inside it) after
  npm install --save-dev feishu-errcodes

Examples:
  $ feishu-errcodes init
  $ feishu-errcodes init --module im-v1 --module contact-v3
  $ feishu-errcodes init --list
  $ feishu-errcodes init --from https://open.feishu.cn/document/server-docs/im-v1/message/error_code --as im-v1`,
    )
    .action(async (flags: InitFlags) => setExit(await runInit(flags, cliIo().cwd)));
}
