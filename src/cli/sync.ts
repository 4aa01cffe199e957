import { InvalidArgumentError, type Command } from 'commander';
import { UserError } from '../project.js';
import { formatChangeDetails, formatModuleChanges } from '../sync/changes.js';
import { DEFAULT_URL_TEMPLATE } from '../sync/doc-url.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_SECONDS, MAX_REMOVED_SHARE, sync, type SeedSyncResult } from '../sync/sync.js';
import { cliIo, locateProject, err, out, type SetExit } from './common.js';

interface SyncFlags {
  seeds?: string;
  config?: string;
  add?: string;
  as?: string;
  urlTemplate?: string;
  timeout: number;
  maxBytes: number;
  dryRun?: boolean;
  acceptRemovals?: boolean;
  lang?: string[];
  verbose?: boolean;
  allowOutside?: boolean;
  debug?: boolean;
}

async function runSync(only: string[], given: SyncFlags, cwd: string): Promise<number> {
  const located = locateProject(given, cwd);
  const flags = located.flags;
  if (flags.as !== undefined && flags.add === undefined) throw new UserError('--as names the seed that --add creates; pass --add <url> with it');
  if (flags.add !== undefined && only.length > 0) throw new UserError(`--add creates one seed; run it without naming seeds (${only.join(' ')})`);
  const { env } = cliIo();
  const result = await sync({
    cwd: located.root,
    env,
    searched: located.searched,
    ...(flags.seeds !== undefined && { seeds: flags.seeds }),
    ...(flags.config !== undefined && { config: flags.config }),
    ...(flags.allowOutside === true && { allowOutside: true }),
    ...(flags.add !== undefined && { add: flags.add }),
    ...(flags.as !== undefined && { as: flags.as }),
    ...(flags.urlTemplate !== undefined && { urlTemplate: flags.urlTemplate }),
    only,
    timeoutSeconds: flags.timeout,
    maxBytes: flags.maxBytes,
    dryRun: flags.dryRun ?? false,
    acceptRemovals: flags.acceptRemovals ?? false,
    ...(flags.lang !== undefined && { langs: flags.lang }),
  });
  if (result.proxy !== undefined && flags.verbose) err(`feishu-errcodes: fetching through the proxy in ${result.proxy} (NO_PROXY honoured)`);
  const would = result.dryRun ? 'would be ' : '';
  for (const seed of result.seeds) printSeed(seed, would, flags.verbose ?? false);

  const count = (status: SeedSyncResult['status']) => result.seeds.filter((seed) => seed.status === status).length;
  const written = count('created') + count('updated');
  const parts = [
    count('created') && `${count('created')} ${would}created`,
    count('updated') && `${count('updated')} ${would}updated`,
    count('unchanged') && `${count('unchanged')} unchanged`,
    count('skipped') && `${count('skipped')} without source_url`,
    count('failed') && `${count('failed')} failed (left as they were)`,
  ].filter(Boolean);
  out(`feishu-errcodes: ${result.seeds.length} seed(s): ${parts.join(', ')}.`);
  if (result.dryRun) out('Dry run: nothing was written.');
  else if (written > 0) out('Run `feishu-errcodes generate` to bring the generated files up to date.');
  return count('failed') > 0 ? 1 : 0;
}

function printSeed(seed: SeedSyncResult, would: string, verbose: boolean): void {
  switch (seed.status) {
    case 'created':
    case 'updated':
      out(`${would}${seed.status} ${seed.path} from ${seed.url}`);
      if (seed.changes) {
        out(`  ${formatModuleChanges(seed.changes)}`);
        // A new module would list every code as added: the summary says enough.
        if (seed.status === 'updated') for (const line of formatChangeDetails(seed.changes)) out(line === '' ? '' : `  ${line}`);
      }
      break;
    case 'unchanged':
      out(`unchanged ${seed.path}`);
      break;
    case 'skipped':
      if (verbose) out(`skipped ${seed.path} (${seed.reason})`);
      break;
    case 'failed':
      err(`feishu-errcodes: ${seed.path}: not synced${seed.url !== undefined ? ` from ${seed.url}` : ''}: ${seed.reason}. The seed is left as it was.`);
      break;
  }
}

export function seconds(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number of seconds above 0, such as 15 or 0.5.');
  return number;
}

/** `5242880`, `512k`, `5MB` → bytes (k and M are 1024-based). */
export function bytes(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(k|kb|kib|m|mb|mib)?\s*$/i.exec(value);
  const number = match ? Number(match[1]) * (match[2] === undefined ? 1 : /^k/i.test(match[2]) ? 1024 : 1024 * 1024) : NaN;
  if (!(number >= 1)) throw new InvalidArgumentError('expected a size such as 5242880, 512k or 5MB.');
  return Math.floor(number);
}

export function registerSync(program: Command, setExit: SetExit): void {
  program
    .command('sync')
    .argument('[seeds...]', 'module ids or seed files to sync (default: every seed with a source_url)')
    .description('fetch the latest markdown of each seed\'s page (front matter source_url) and replace the seed when it still builds (exit 1 when some failed)')
    .option('--add <url>', 'add a new seed for this page URL instead of syncing the existing ones')
    .option('--as <id>', 'module id (seed file name) of the seed --add creates (default: from the URL path without its error-page words: …/hire-v1/error_code → hire-v1)')
    .option('--url-template <template>', `where a page's markdown is: {url} is the page URL, {path} its path (default: config syncUrlTemplate, else "${DEFAULT_URL_TEMPLATE}")`)
    .option('--timeout <seconds>', 'give up on a page after this many seconds', seconds, DEFAULT_TIMEOUT_SECONDS)
    .option('--max-bytes <size>', 'refuse a page larger than this (bytes, or with k / MB)', bytes, DEFAULT_MAX_BYTES)
    .option('--dry-run', 'fetch and report what would change; write nothing')
    .option('--accept-removals', `take a page even when it drops more than ${MAX_REMOVED_SHARE * 100}% of the codes its seed lists`)
    .option('--lang <tag...>', 'also fetch each page in this language into the companion seed <id>.<tag>.md, from the language\'s host (config syncHosts; default: en → open.larksuite.com)')
    .option('--seeds <dir>', 'folder of seed docs (*.md) (default: "seeds", or the config\'s)')
    .option('--config <file>', 'config file (default: feishu-errcodes.config.json when present)')
    .option('--verbose', 'also list seeds without a source_url and the proxy in use')
    .option('--allow-outside', 'accept a config whose seeds or lock is outside the project root')
    .option('--debug', 'show stack traces of internal errors')
    .addHelpText(
      'after',
      `
Proxy: set HTTPS_PROXY (and HTTP_PROXY for http:// pages) to fetch through a proxy;
NO_PROXY lists hosts to reach directly.

Examples:
  $ feishu-errcodes sync                 # every seed with a source_url
  $ feishu-errcodes sync hire-v1 --dry-run
  $ feishu-errcodes sync --lang en        # and each page's English companion, <id>.en.md
  $ feishu-errcodes sync --add https://open.feishu.cn/document/server-docs/hire-v1/error_code --as hire-v1`,
    )
    .action(async (only: string[], flags: SyncFlags) => setExit(await runSync(only, flags, cliIo().cwd)));
}
