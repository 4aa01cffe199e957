/**
 * `sync`: fetch the markdown of every seed that names its page (`source_url`), check
 * that it still builds, and replace the seed atomically. A seed whose page cannot be
 * fetched or does not build is left as it is and reported; the others still sync.
 * Reads and writes the disk, never prints.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { ResolvedConfig } from '../config.js';
import { hasErrors } from '../diagnostics.js';
import { buildCatalog, decodeSeed, moduleIdOf, type SeedInput } from '../generate.js';
import type { NameLock } from '../lock.js';
import type { ErrorModule } from '../model.js';
import { displayPath, readConfig, readLock, readSeeds, UserError, type ProjectOptions } from '../project.js';
import { applyWrite, planWrite, UnsafePathError, WriteError, type PlannedFile, type WriteGuard } from '../write/write-files.js';
import { CONFIG_FILE } from '../config.js';
import { compareModules, type ModuleChanges } from './changes.js';
import { checkUrlTemplate, DEFAULT_URL_TEMPLATE, httpUrl, idFromUrl, markdownUrl, pageUrlOf, safeId } from './doc-url.js';
import { fetchMarkdown, type FetchOptions } from './fetch-markdown.js';
import { proxyFromEnv } from './proxy.js';
import { companionOf, isKnownLanguage } from '../normalize/companions.js';
import { composeSeed, frontMatterText, splitFrontMatter, type SplitDoc } from './seed-text.js';

export const DEFAULT_TIMEOUT_SECONDS = 15;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/**
 * A fetched page may drop at most this share of the codes its seed lists (and always
 * one code) unless `--accept-removals`: a page that lost most of its table is far more
 * often a broken fetch or a moved table than a real clean-up.
 */
export const MAX_REMOVED_SHARE = 0.2;
/** Pages fetched at once: enough to hide latency, few enough to be polite to the server. */
const CONCURRENCY = 4;

export interface SyncOptions extends Pick<ProjectOptions, 'cwd' | 'config' | 'seeds' | 'searched' | 'allowOutside'> {
  /** Only these seeds, by module id or seed path (optional, default: every seed with a source_url). */
  readonly only?: readonly string[];
  /** Add a new seed for this page URL instead of syncing the existing ones (optional). */
  readonly add?: string;
  /** Module id of the added seed (optional, default: from the URL's last path segment). */
  readonly as?: string;
  /** Markdown URL template (optional, default: config `syncUrlTemplate`, else `{url}.md`). */
  readonly urlTemplate?: string;
  /** Per page, in seconds (optional, default: 15). */
  readonly timeoutSeconds?: number;
  /** Largest page accepted, in bytes (optional, default: 5 MiB). */
  readonly maxBytes?: number;
  /** Fetch and compare, write nothing (optional, default: false). */
  readonly dryRun?: boolean;
  /** Accept a page that drops more than MAX_REMOVED_SHARE of its seed's codes (optional, default: false). */
  readonly acceptRemovals?: boolean;
  /** Environment the proxy variables are read from (optional, default: `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Also fetch each page in these languages into companion seeds `<id>.<lang>.md`, from the
   * page URL with the language's host (config `syncHosts`) (optional, default: none).
   */
  readonly langs?: readonly string[];
}

export type SeedStatus = 'created' | 'updated' | 'unchanged' | 'failed' | 'skipped';

export interface SeedSyncResult {
  /** Display path, e.g. `seeds/hire-v1.md`. */
  readonly path: string;
  readonly status: SeedStatus;
  /** The markdown URL fetched (when one was). */
  readonly url?: string;
  /** Why it failed or was skipped. */
  readonly reason?: string;
  /** Code-level changes, for `created` and `updated`. */
  readonly changes?: ModuleChanges;
}

export interface SyncResult {
  /** In seed path order. */
  readonly seeds: readonly SeedSyncResult[];
  /** The proxy variable used, when one was. */
  readonly proxy?: string;
  readonly dryRun: boolean;
}

/** A seed to fetch: where it is, what it holds now, which page it comes from. */
interface Target {
  readonly path: string;
  readonly absolute: string;
  readonly id: string;
  readonly pageUrl: string;
  /** The seed as it is now; undefined for `--add`. */
  readonly current?: { readonly text: string; readonly split: SplitDoc };
}

interface Context {
  readonly config: ResolvedConfig;
  readonly lock: NameLock;
  readonly lockPath: string;
  readonly template: string;
  readonly fetch: FetchOptions;
  readonly acceptRemovals: boolean;
}

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function sync(options: SyncOptions = {}): Promise<SyncResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = readConfig(cwd, options);
  const template = options.urlTemplate ?? config.syncUrlTemplate ?? DEFAULT_URL_TEMPLATE;
  checkUrlTemplate(template, options.urlTemplate !== undefined ? '--url-template' : 'The config\'s syncUrlTemplate');
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!(timeoutSeconds > 0)) throw new UserError(`--timeout must be a number of seconds above 0, got ${timeoutSeconds}`);
  if (!(maxBytes > 0)) throw new UserError(`--max-bytes must be a number of bytes above 0, got ${maxBytes}`);

  const seedsDir = resolve(cwd, config.seeds);
  const lockPath = displayPath(cwd, resolve(cwd, config.lock));
  const lock = readLock(resolve(cwd, config.lock), lockPath);
  const seeds = options.add !== undefined && !hasSeedFiles(seedsDir) ? [] : readSeeds(cwd, seedsDir, config.seeds, options.searched);
  const langs = options.langs ?? [];
  const picked =
    options.add !== undefined ? addTarget(options.add, options.as, seeds, cwd, seedsDir) : syncTargets(seeds, seedsDir, options.only, langs.length > 0);
  const targets = [...picked.targets, ...companionTargets(picked.targets, langs, config, seeds, seedsDir)];
  const { skipped } = picked;

  const proxy = await proxyFromEnv(options.env);
  // Connections of this run's own, closed at its end: a process that syncs again later never
  // reuses a kept-alive connection the server has dropped meanwhile.
  const { limitContentCodings } = await import('./coding-limit.js');
  const dispatcher = limitContentCodings(proxy?.dispatcher ?? new (await import('undici')).Agent());
  const context: Context = {
    config,
    lock,
    lockPath,
    template,
    acceptRemovals: options.acceptRemovals ?? false,
    fetch: {
      timeoutMs: timeoutSeconds * 1000,
      maxBytes,
      userAgent: `feishu-errcodes/${version} (sync)`,
      dispatcher,
    },
  };
  let fetched: { result: SeedSyncResult; text?: string; target: Target }[];
  try {
    fetched = await mapLimit(targets, CONCURRENCY, (target) => syncOne(target, context));
  } finally {
    await (proxy ? proxy.close() : dispatcher.close());
  }
  if (options.add !== undefined) fetched = fetched.map((item) => checkAgainstProject(item, seeds, context));

  const dryRun = options.dryRun ?? false;
  const files: PlannedFile[] = fetched.flatMap(({ result, text, target }) =>
    text !== undefined && (result.status === 'created' || result.status === 'updated') ? [{ path: target.path, absolute: target.absolute, contents: text }] : [],
  );
  if (!dryRun && files.length) write(files, seedGuard(cwd, seedsDir, config, options));
  const results = [...skipped, ...fetched.map((item) => item.result)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { seeds: results, dryRun, ...(proxy && { proxy: proxy.variable }) };
}

/**
 * The companion seed of every target in every language asked for: `<id>.<lang>.md`, from
 * the target's page URL on the language's host.
 */
function companionTargets(targets: readonly Target[], langs: readonly string[], config: ResolvedConfig, seeds: readonly SeedInput[], seedsDir: string): Target[] {
  const companions: Target[] = [];
  for (const lang of langs) {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) throw new UserError(`--lang \`${lang}\` is not a language tag; pass one such as en or en-US`);
    const host = Object.hasOwn(config.syncHosts, lang) ? config.syncHosts[lang] : undefined;
    if (host === undefined) {
      throw new UserError(`--lang ${lang}: no host for ${lang} pages; set syncHosts["${lang}"] in the config (e.g. "open.larksuite.com")`);
    }
    for (const target of targets) {
      const url = new URL(target.pageUrl);
      url.host = host;
      const path = target.path.replace(/\.md$/i, `.${lang}.md`);
      const seed = seeds.find((candidate) => candidate.path === path);
      const text = seed === undefined ? undefined : String(decodeSeed(seed).value);
      companions.push({
        path,
        absolute: join(seedsDir, basename(path)),
        id: moduleIdOf(path),
        pageUrl: url.href,
        ...(text !== undefined && { current: { text, split: splitFrontMatter(text) } }),
      });
    }
  }
  return companions;
}

/** Every seed with a source_url (or only the ones asked for); the others are skipped. */
function syncTargets(
  seeds: readonly SeedInput[],
  seedsDir: string,
  only: readonly string[] | undefined,
  withCompanions = false,
): { targets: Target[]; skipped: SeedSyncResult[] } {
  // With --lang, companions are synced from their main seed's page, not on their own.
  const names = new Set(seeds.map((seed) => seed.path));
  let chosen = withCompanions
    ? seeds.filter((seed) => {
        const slash = seed.path.lastIndexOf('/') + 1;
        const companion = companionOf(seed.path.slice(slash));
        return !(companion && isKnownLanguage(companion.lang) && names.has(seed.path.slice(0, slash) + companion.base));
      })
    : seeds;
  if (only !== undefined && only.length > 0) {
    const among = chosen;
    chosen = only.map((name) => {
      const id = moduleIdOf(name);
      const seed = among.find((candidate) => candidate.path === name || moduleIdOf(candidate.path) === id);
      if (!seed) {
        const known = seeds.map((candidate) => moduleIdOf(candidate.path)).join(', ');
        throw new UserError(`No seed \`${name}\` in ${dirLabel(seeds)}; name a module id (${known}) or add the page with \`sync --add <url>\``);
      }
      return seed;
    });
  }
  const targets: Target[] = [];
  const skipped: SeedSyncResult[] = [];
  for (const seed of new Set(chosen)) {
    const file = decodeSeed(seed);
    const absolute = join(seedsDir, basename(seed.path));
    if (hasErrors(file)) {
      skipped.push({ path: seed.path, status: 'failed', reason: 'the seed is not UTF-8 text, so its source_url cannot be read; re-save it as UTF-8' });
      continue;
    }
    const text = String(file.value);
    const split = splitFrontMatter(text);
    const source = frontMatterText(split.data, 'source_url');
    if (split.data === undefined) {
      skipped.push({ path: seed.path, status: 'failed', reason: 'its front matter is not a YAML mapping, so its source_url cannot be read; run `feishu-errcodes lint` for details' });
    } else if (source === undefined) {
      if (only !== undefined && only.length > 0) {
        throw new UserError(`${seed.path} has no source_url in its front matter; add \`source_url: <page URL>\` at the top to sync it`);
      }
      skipped.push({ path: seed.path, status: 'skipped', reason: 'no source_url in its front matter' });
    } else if (!httpUrl(source)) {
      skipped.push({ path: seed.path, status: 'failed', reason: `its source_url \`${source}\` is not an http(s) URL; fix it in the front matter` });
    } else {
      targets.push({ path: seed.path, absolute, id: moduleIdOf(seed.path), pageUrl: source, current: { text, split } });
    }
  }
  if (targets.length === 0 && !skipped.some((result) => result.status === 'failed')) {
    throw new UserError(`No seed in ${dirLabel(seeds)} has a source_url to sync from; add \`source_url: <page URL>\` to a seed's front matter, or add a page with \`sync --add <url>\``);
  }
  return { targets, skipped };
}

/** The new seed of `sync --add`; its id must be free and its page not synced already. */
function addTarget(
  given: string,
  as: string | undefined,
  seeds: readonly SeedInput[],
  cwd: string,
  seedsDir: string,
): { targets: Target[]; skipped: SeedSyncResult[] } {
  const pageUrl = pageUrlOf(given);
  const id = safeId(as ?? idFromUrl(pageUrl));
  if (id === '') {
    throw new UserError(
      as !== undefined
        ? `--as \`${as}\` has no letter or digit to make a seed name of; pass an id such as hire-v1`
        : `Cannot make a seed name from ${pageUrl}; pass one with --as <id>, e.g. --as hire-v1`,
    );
  }
  for (const seed of seeds) {
    const split = splitFrontMatter(decodeSeed(seed).value.toString());
    const source = frontMatterText(split.data, 'source_url');
    if (source !== undefined && sameUrl(source, pageUrl)) {
      throw new UserError(`${seed.path} already syncs ${pageUrl}; run \`feishu-errcodes sync ${moduleIdOf(seed.path)}\` to update it`);
    }
    if (moduleIdOf(seed.path) === id) {
      throw new UserError(`${seed.path} already exists; pick another module id with --as <id>`);
    }
  }
  const absolute = join(seedsDir, `${id}.md`);
  const shownDir = displayPath(cwd, seedsDir);
  // The same display path readSeeds gives, so the generated headers name it alike.
  const prefix = isAbsolute(shownDir) ? basename(seedsDir) : shownDir;
  return { targets: [{ path: `${prefix}/${id}.md`, absolute, id, pageUrl }], skipped: [] };
}

/** Fetches one page, builds the new seed, and compares it with the current one. One bad page never stops the others. */
async function syncOne(target: Target, context: Context): Promise<{ result: SeedSyncResult; text?: string; target: Target }> {
  try {
    return await syncPage(target, context);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return { result: { path: target.path, status: 'failed', reason: `the fetched doc could not be processed (${reason})` }, target };
  }
}

async function syncPage(target: Target, context: Context): Promise<{ result: SeedSyncResult; text?: string; target: Target }> {
  const url = markdownUrl(context.template, target.pageUrl);
  const failed = (reason: string, at?: string) => ({ result: { path: target.path, status: 'failed' as const, reason, ...(at !== undefined && { url: at }) }, target });
  if (url === undefined) return failed(`the URL template \`${context.template}\` gives no http(s) URL for ${target.pageUrl}; fix --url-template or syncUrlTemplate`);
  const outcome = await fetchMarkdown(url, context.fetch);
  if (!outcome.ok) return failed(outcome.reason, url);
  const page = splitFrontMatter(outcome.text);
  if (page.data === undefined) return failed('the page starts with a front matter that is not a YAML mapping', url);
  const text = composeSeed(target.current?.split, page, target.pageUrl);
  if (target.current !== undefined && text === target.current.text) {
    return { result: { path: target.path, status: 'unchanged', url }, target };
  }
  const after = buildOne(target.path, text, context);
  if (!after.module) return failed(`the fetched doc would not generate: ${after.error}`, url);
  const before = target.current === undefined ? undefined : buildOne(target.path, target.current.text, context);
  if (before?.module && !context.acceptRemovals) {
    const refusal = tooManyRemoved(before.module, after.module);
    if (refusal !== undefined) return failed(refusal, url);
  }
  const changes = compareModules(target.id, before?.module, after.module, before === undefined ? 'new' : before.module ? 'built' : 'unbuildable');
  return { result: { path: target.path, status: target.current === undefined ? 'created' : 'updated', url, changes }, text, target };
}

/**
 * Why a page that drops too many of the codes its seed lists is refused, or undefined.
 * Codes the lock keeps as deprecated count as dropped: only what the page lists counts.
 */
function tooManyRemoved(before: ErrorModule, after: ErrorModule): string | undefined {
  const listed = (module: ErrorModule) => new Set(module.entries.filter((entry) => !entry.deprecated).map((entry) => entry.code));
  const was = listed(before);
  const now = listed(after);
  const dropped = [...was].filter((code) => !now.has(code));
  const allowed = Math.max(1, Math.floor(was.size * MAX_REMOVED_SHARE));
  if (dropped.length <= allowed) return undefined;
  return `the page drops ${dropped.length} of the ${was.size} codes the seed lists (at most ${allowed}, ${MAX_REMOVED_SHARE * 100}%, are accepted), which looks like a broken page rather than an edit; check the page and pass --accept-removals to take it anyway`;
}

/** Builds one seed text as generate would (same config and lock); the first error otherwise. */
function buildOne(path: string, text: string, context: Context): { module?: ErrorModule; error?: string } {
  const seed = { path, bytes: new TextEncoder().encode(text) };
  const { catalog, files } = buildCatalog([seed], { config: context.config, lock: context.lock, lockPath: context.lockPath });
  const module = catalog?.modules[0];
  if (module) return { module };
  const problem = files.flatMap((file) => file.messages).find((message) => message.fatal === true);
  return { error: problem ? `${problem.line !== undefined ? `line ${problem.line}: ` : ''}${problem.reason}` : 'no module came out of it' };
}

/** An added module must not take a type name or Go package another module has. */
function checkAgainstProject(
  item: { result: SeedSyncResult; text?: string; target: Target },
  seeds: readonly SeedInput[],
  context: Context,
): { result: SeedSyncResult; text?: string; target: Target } {
  if (item.text === undefined || item.result.status !== 'created') return item;
  const projectErrors = (list: readonly SeedInput[]) => {
    const { files } = buildCatalog(list, { config: context.config, lock: context.lock, lockPath: context.lockPath });
    const project = files.find((file) => file.path === context.config.seeds);
    return (project?.messages ?? []).filter((message) => message.fatal === true).map((message) => message.reason);
  };
  // Only a problem the new seed brings counts: one the project had before is not its fault.
  const before = new Set(projectErrors(seeds));
  const problem = projectErrors([...seeds, { path: item.target.path, bytes: new TextEncoder().encode(item.text) }]).find((reason) => !before.has(reason));
  if (problem === undefined) return item;
  return {
    result: { path: item.target.path, status: 'failed', ...(item.result.url !== undefined && { url: item.result.url }), reason: `the new module clashes with an existing one: ${problem}` },
    target: item.target,
  };
}

/** Sync writes seeds only: straight into the seeds folder, never through a link, never over the config or lock. */
function seedGuard(cwd: string, seedsDir: string, config: ResolvedConfig, options: SyncOptions): WriteGuard {
  const configFile = options.config !== undefined ? resolve(cwd, options.config) : join(cwd, CONFIG_FILE);
  return {
    root: seedsDir,
    protected: [
      { absolute: resolve(cwd, config.lock), label: `the lock ${displayPath(cwd, resolve(cwd, config.lock))}` },
      { absolute: configFile, label: `the config ${displayPath(cwd, configFile)}` },
    ],
    display: (absolute) => displayPath(cwd, absolute),
    rootName: 'the seeds folder',
  };
}

function write(files: readonly PlannedFile[], guard: WriteGuard): void {
  try {
    applyWrite(planWrite(files, [], guard));
  } catch (error) {
    if (error instanceof UnsafePathError) throw new UserError(error.message);
    if (!(error instanceof WriteError)) throw error;
    throw new UserError(
      `Cannot write ${error.path}${error.code ? ` (${error.code})` : ''}; check that the seeds folder is writable. ${error.partial ? 'Some seeds were replaced (each one whole); run sync again to finish.' : 'No seed was changed.'}`,
    );
  }
}

function hasSeedFiles(dir: string): boolean {
  if (!existsSync(dir)) return false;
  try {
    return readdirSync(dir).some((name) => name.toLowerCase().endsWith('.md') && !name.startsWith('.'));
  } catch {
    return false;
  }
}

function dirLabel(seeds: readonly SeedInput[]): string {
  const first = seeds[0]?.path;
  return first === undefined ? 'the seeds folder' : first.slice(0, first.lastIndexOf('/') + 1);
}

function sameUrl(a: string, b: string): boolean {
  const strip = (text: string) => {
    const url = httpUrl(text);
    if (!url) return text;
    url.hash = '';
    url.pathname = url.pathname.replace(/\.md$/i, '').replace(/\/$/, '');
    return url.href;
  };
  return strip(a) === strip(b);
}

/** Runs `task` over `items`, at most `limit` at a time; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
