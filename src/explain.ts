/**
 * `explain`: what every module says of an error code, read from the generated JSON
 * catalogues, or built in memory from the seeds when there are none yet. Finds the code
 * in what a user pastes: a code, a Feishu error body, or a log line. Reads only.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hasErrors } from './diagnostics.js';
import { buildCatalog, emitAll } from './generate.js';
import { MAX_CATALOGUE_BYTES } from './limits.js';
import { InputFileError, readInputFile } from './read-input.js';
import type { Category, Retry } from './model.js';
import { curatedVerdict } from './normalize/classify.js';
import { CURATED_BY_CODE } from './normalize/curated-codes.js';
import { displayPath, readConfig, readLock, readSeeds, UserError, type ProjectOptions } from './project.js';

/** One module's entry for a code, as `json/<id>.json` holds it, with the module it is from. */
/** The verdict the runtimes ship for a platform-wide code, and why (quoting the general page). */
export interface PlatformVerdict {
  readonly category: Category;
  readonly retryable: boolean;
  readonly retry: Retry;
  readonly reason: string;
}

export interface ExplainedEntry {
  readonly module: string;
  readonly title?: string;
  readonly sourceUrl?: string;
  readonly typeName?: string;
  readonly goPackage?: string;
  /** The entry's fields as the catalogue has them: code, name, message, description, … */
  readonly entry: Readonly<Record<string, unknown>> & { readonly code: number; readonly name: string };
  /**
   * With `--endpoint`: what the code means on that endpoint (its own row where it differs from
   * the module's, else the module-level texts: `differs` false), or undefined when the module
   * does not declare the endpoint.
   */
  readonly atEndpoint?: { readonly method: string; readonly path: string; readonly differs: boolean; readonly meaning: Readonly<Record<string, unknown>> };
  /** With `--endpoint`: the other endpoints whose meaning differs from the module-level one, as `METHOD path`. */
  readonly otherEndpoints?: readonly string[];
  /** The sub-code row that the pasted body's `ext=ErrCode: <n>; ErrMsg: …` picks. */
  readonly subCode?: Readonly<Record<string, unknown>>;
}

/** An endpoint as the user gives it: `POST /open-apis/im/v1/messages`, or a pasted URL (host, query and fragment ignored). */
export interface EndpointQuery {
  /** Upper case; undefined when only a URL was given (any method matches). */
  readonly method?: string;
  readonly path: string;
}

/** `POST /open-apis/…`, `POST https://open.feishu.cn/open-apis/…?x=1`, or a URL alone; undefined when no `/open-apis/` path is in it. */
export function parseEndpointQuery(text: string): EndpointQuery | undefined {
  const match = /^\s*(?:([A-Za-z]{3,7})\s+)?(\S{1,4000})\s*$/.exec(text);
  if (match === null) return undefined;
  let path = match[2]!;
  const at = path.indexOf('/open-apis/');
  if (at === -1) return undefined;
  path = path.slice(at).replace(/[?#].*$/, '');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { ...(match[1] !== undefined && { method: match[1].toUpperCase() }), path };
}

/** Does a request path match a path template (`:param` and `{param}` segments match any one segment)? */
export function pathMatches(template: string, path: string): boolean {
  const want = template.split('/');
  const have = path.split('/');
  return want.length === have.length && want.every((segment, index) => segment.startsWith(':') || (segment.startsWith('{') && segment.endsWith('}')) || segment === have[index]);
}

/** `ext=ErrCode: 11310; ErrPath: …; ErrMsg: table number over limit; …` in a pasted body's msg (bounded, no backtracking). */
export function subCodeOfText(text: string): { subCode: number; errMsg?: string } | undefined {
  const code = /ErrCode\s*:\s*(\d{1,10})/.exec(text);
  if (code === null) return undefined;
  const errMsg = /ErrMsg\s*:\s*([^;"\n]{0,500})/.exec(text)?.[1]?.trim();
  return { subCode: Number(code[1]), ...(errMsg !== undefined && errMsg !== '' && { errMsg }) };
}

export interface Explanation {
  readonly code: number;
  /** Every module that lists the code; empty when none does. */
  readonly entries: readonly ExplainedEntry[];
  /** The verdict the runtimes ship for a platform-wide code no module lists (tokens, scopes, rate limits), and why. */
  readonly platform?: PlatformVerdict;
}

export interface ExplainResult {
  /** Where the entries came from: the generated JSON folder, or the seeds folder ('' when neither exists). */
  readonly source: string;
  readonly codes: readonly Explanation[];
  /** The pasted body's (or log line's) `log_id`: what Feishu's support asks for. */
  readonly logId?: string;
  /** The pasted body's `error.troubleshooter` link (http or https only). */
  readonly troubleshooter?: string;
  /** The `--endpoint` asked about. */
  readonly endpoint?: EndpointQuery;
  /** The sub-code the pasted body's msg names. */
  readonly subCode?: { readonly subCode: number; readonly errMsg?: string };
}

interface CatalogueModule {
  readonly endpoints?: readonly { readonly method: string; readonly path: string }[];
  readonly module: string;
  readonly title?: string;
  readonly sourceUrl?: string;
  readonly typeName?: string;
  readonly goPackage?: string;
  readonly errors: readonly ExplainedEntry['entry'][];
}

/** Feishu codes are non-negative 32-bit ints; shorter numbers in a log line are rarely codes. */
const CODE_IN_TEXT = /(?<![\w.:/-])\d{4,10}(?![\w.])/g;
/** `"code": 1002108`, `code=1002108`, `errcode: "99991663"` in a log line or JSON text. */
const KEYED_CODE = /(?<![\w-])["']?(?:code|err_?code|error_?code|errno)["']?\s*[:=]\s*["']?(\d{1,10})\b/gi;

/**
 * The codes in what the user passed. Plain numbers are codes as they are; otherwise the
 * arguments are one pasted text, and `exact` is false for numbers found without a key.
 */
export function findCodes(args: readonly string[]): { codes: number[]; exact: boolean } {
  if (args.length > 0 && args.every((arg) => /^\s*\d{1,10}\s*$/.test(arg))) return { codes: unique(args.map(Number)), exact: true };
  const text = args.join(' ');
  const body = codeOfJson(text.trim());
  if (body !== undefined) return { codes: [body], exact: true };
  const keyed = [...text.matchAll(KEYED_CODE)].map((match) => Number(match[1]));
  if (keyed.length > 0) return { codes: unique(keyed), exact: true };
  return { codes: unique([...text.matchAll(CODE_IN_TEXT)].map((match) => Number(match[0]))), exact: false };
}

/** The top-level `code` of a pasted JSON body (`{"code":99991663,"msg":"…"}`). */
function codeOfJson(text: string): number | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    if (typeof code === 'number' && Number.isSafeInteger(code)) return code;
    if (typeof code === 'string' && /^\d{1,10}$/.test(code)) return Number(code);
  } catch {
    // Not JSON after all: a log line that starts with a brace.
  }
  return undefined;
}

/** Explains the codes in `args` against the project's generated catalogues (or its seeds). */
export function explain(args: readonly string[], options: ProjectOptions & { readonly endpoint?: string } = {}): ExplainResult {
  const endpoint = options.endpoint === undefined ? undefined : parseEndpointQuery(options.endpoint);
  if (options.endpoint !== undefined && endpoint === undefined) {
    throw new UserError(`Unexpected --endpoint \`${options.endpoint.slice(0, 200)}\`, expected a method and an /open-apis/ path such as "POST /open-apis/im/v1/messages", or the request URL`);
  }
  const subCode = subCodeOfText(args.join(' '));
  const found = findCodes(args);
  if (found.codes.length === 0) {
    throw new UserError(`No error code in \`${args.join(' ').slice(0, 200)}\`; pass a code such as 1002108, or paste the JSON body or log line that holds one`);
  }
  const { source, modules } = loadModules(options);
  // One index, not a scan per code: 200,000 codes against 100,000 entries stay linear.
  const byCode = new Map<number, ExplainedEntry[]>();
  for (const module of modules) {
    for (const entry of module.errors) {
      const list = byCode.get(entry.code) ?? [];
      const sub = subCode === undefined ? undefined : matchSubCode(entry, subCode);
      list.push({
        module: module.module,
        ...(module.title !== undefined && { title: module.title }),
        ...(module.sourceUrl !== undefined && { sourceUrl: module.sourceUrl }),
        ...(module.typeName !== undefined && { typeName: module.typeName }),
        ...(module.goPackage !== undefined && { goPackage: module.goPackage }),
        entry,
        ...(endpoint !== undefined && endpointFields(module, entry, endpoint)),
        ...(sub !== undefined && { subCode: sub }),
      });
      byCode.set(entry.code, list);
    }
  }
  const explain = (code: number): Explanation => {
    const entries = byCode.get(code) ?? [];
    const curated = entries.length === 0 ? CURATED_BY_CODE.get(code) : undefined;
    if (curated === undefined) return { code, entries };
    const { category, retryable, retry } = curatedVerdict(curated);
    return { code, entries, platform: { category, retryable, retry, reason: curated.reason } };
  };
  let codes = found.codes.map(explain);
  // Numbers picked out of free text: the ones some module knows, else all of them (as unknown).
  if (!found.exact && codes.some((item) => item.entries.length > 0)) codes = codes.filter((item) => item.entries.length > 0);
  return { source, codes, ...supportFields(args.join(' ')), ...(endpoint !== undefined && { endpoint }), ...(subCode !== undefined && { subCode }) };
}

type Meaning = Readonly<Record<string, unknown>> & { readonly method?: unknown; readonly path?: unknown };

/** What an entry means on the endpoint asked about, and which other endpoints differ. */
function endpointFields(module: CatalogueModule, entry: ExplainedEntry['entry'], query: EndpointQuery): Pick<ExplainedEntry, 'atEndpoint' | 'otherEndpoints'> {
  const matches = (method: unknown, path: unknown) => typeof path === 'string' && typeof method === 'string' && (query.method === undefined || query.method === method) && pathMatches(path, query.path);
  const meanings = (Array.isArray(entry['endpoints']) ? entry['endpoints'] : []) as Meaning[];
  const own = meanings.find((meaning) => matches(meaning.method, meaning.path));
  const others = meanings.filter((meaning) => meaning !== own).map((meaning) => `${String(meaning.method)} ${String(meaning.path)}`);
  if (own !== undefined) return { atEndpoint: { method: String(own.method), path: String(own.path), differs: true, meaning: own }, otherEndpoints: others };
  const declared = (module.endpoints ?? []).find((candidate) => matches(candidate.method, candidate.path));
  if (declared === undefined) return { otherEndpoints: others };
  return { atEndpoint: { method: declared.method, path: declared.path, differs: false, meaning: entry }, otherEndpoints: others };
}

/** The entry's sub-code row for `ext=ErrCode`: sub-code and ErrMsg (a case-insensitive substring), else the sub-code's row without one. */
function matchSubCode(entry: ExplainedEntry['entry'], wanted: { subCode: number; errMsg?: string }): Readonly<Record<string, unknown>> | undefined {
  const rows = (Array.isArray(entry['subCodes']) ? entry['subCodes'] : []) as Readonly<Record<string, unknown>>[];
  const same = rows.filter((row) => row['subCode'] === wanted.subCode);
  const errMsg = wanted.errMsg?.toLowerCase();
  return (
    same.find((row) => typeof row['errMsg'] === 'string' && errMsg !== undefined && errMsg.includes(row['errMsg'].toLowerCase())) ??
    same.find((row) => row['errMsg'] === undefined) ??
    undefined
  );
}

/** `log_id` (also `logid`, `X-Tt-Logid`) and `troubleshooter` of a pasted body or log line. */
export function supportFields(text: string): { logId?: string; troubleshooter?: string } {
  let logId: string | undefined;
  let troubleshooter: string | undefined;
  try {
    const body = JSON.parse(text.trim()) as { log_id?: unknown; error?: { log_id?: unknown; logid?: unknown; troubleshooter?: unknown } | null } | null;
    const error = typeof body?.error === 'object' && body.error !== null ? body.error : undefined;
    for (const candidate of [error?.log_id, error?.logid, body?.log_id]) if (logId === undefined && typeof candidate === 'string' && candidate !== '') logId = candidate;
    if (typeof error?.troubleshooter === 'string') troubleshooter = error.troubleshooter;
  } catch {
    // A log line, not JSON.
  }
  logId ??= /\b(?:log_?id|x-tt-logid)["']?\s*[:=]\s*["']?([\w.-]{1,128})/i.exec(text)?.[1];
  troubleshooter ??= /\btroubleshooter["']?\s*[:=]\s*["']?(https?:\/\/[^\s"'<>]{1,2000})/i.exec(text)?.[1];
  // Only a web link is shown: a `javascript:` or `file:` one is not a page to open.
  const link = troubleshooter !== undefined && /^https?:\/\/\S+$/i.test(troubleshooter) ? troubleshooter : undefined;
  return { ...(logId !== undefined && { logId: logId.slice(0, 128) }), ...(link !== undefined && { troubleshooter: link }) };
}

/** The modules of `<out>/json/*.json`, or, when that folder holds none, of the seeds built in memory. */
function loadModules(options: ProjectOptions): { source: string; modules: CatalogueModule[] } {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = readConfig(cwd, options);
  const jsonDir = resolve(cwd, config.out, 'json');
  const generated = readCatalogues(jsonDir);
  if (generated.length > 0) return { source: displayPath(cwd, jsonDir), modules: generated };

  const seedsDir = resolve(cwd, config.seeds);
  // Nothing generated and no seed yet: the platform codes still get their shipped verdict.
  if (!holdsSeeds(seedsDir)) return { source: '', modules: [] };
  const seeds = readSeeds(cwd, seedsDir, config.seeds, options.searched);
  const lockPath = displayPath(cwd, resolve(cwd, config.lock));
  const { catalog, files } = buildCatalog(seeds, { config, lock: readLock(resolve(cwd, config.lock), lockPath), lockPath });
  if (!catalog || files.some(hasErrors)) {
    throw new UserError(`The seeds in ${displayPath(cwd, seedsDir)} have errors; run \`feishu-errcodes lint\` to see them`);
  }
  // The JSON emitter's own shape, so both sources answer alike.
  const modules = emitAll(catalog, { ...config, targets: ['json'] })
    .map((file) => JSON.parse(file.contents) as unknown)
    .filter(isCatalogueModule);
  return { source: displayPath(cwd, seedsDir), modules };
}

function readCatalogues(dir: string): CatalogueModule[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    // Bounded and regular files only: a FIFO or a link to /dev/zero is refused, not read.
    let text: string;
    try {
      text = readInputFile(join(dir, name), { kind: 'generated catalogue', shown: join(dir, name), maxBytes: MAX_CATALOGUE_BYTES }).toString('utf8');
    } catch (error) {
      if (error instanceof InputFileError) throw new UserError(error.message);
      throw error;
    }
    try {
      const data = JSON.parse(text) as unknown;
      return isCatalogueModule(data) ? [data] : []; // the schema, catalog.json: not one module
    } catch {
      throw new UserError(`${join(dir, name)} is not valid JSON; run \`feishu-errcodes generate\` to write it again`);
    }
  });
}

function isCatalogueModule(data: unknown): data is CatalogueModule {
  const candidate = data as Partial<CatalogueModule> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.module === 'string' && Array.isArray(candidate.errors);
}

function holdsSeeds(dir: string): boolean {
  try {
    // A flat seed, or a module folder (readSeeds walks it).
    return statSync(dir).isDirectory() && readdirSync(dir, { withFileTypes: true }).some((entry) => !entry.name.startsWith('.') && (entry.name.toLowerCase().endsWith('.md') || entry.isDirectory()));
  } catch {
    return false;
  }
}

function unique(codes: readonly number[]): number[] {
  return [...new Set(codes)];
}
