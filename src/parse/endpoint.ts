import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { clip } from '../limits.js';
import type { RateLimit } from '../model.js';
import type { DocEndpoint, RawCell, RawTable } from './types.js';

/** The HTTP methods an endpoint may declare. */
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * What a request-table row is about, by its first cell (compared after `labelKey`): the
 * Chinese pages' labels and the English site's.
 */
const LABELS: ReadonlyMap<string, 'url' | 'method' | 'rate'> = new Map([
  ['httpurl', 'url'],
  ['requesturl', 'url'],
  ['httpmethod', 'method'],
  ['requestmethod', 'method'],
  ['接口频率限制', 'rate'],
  ['频率限制', 'rate'],
  ['ratelimit', 'rate'],
  ['ratelimits', 'rate'],
  ['apiratelimit', 'rate'],
  ['frequencylimit', 'rate'],
]);

/** The longest label of LABELS as written, with room for bold marks and blanks. */
const MAX_LABEL_CHARS = 32;

/** `**HTTP URL**` → `httpurl`: lower case, no blanks, punctuation or symbols. */
function labelKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The request table's rows a page declares, as the doc has them. */
export interface RequestRows {
  readonly url?: RawCell;
  readonly method?: RawCell;
  readonly rate?: RawCell;
}

/**
 * The `HTTP URL`, `HTTP Method` and `接口频率限制` rows of a page: the first table with an
 * `HTTP URL` row (its first cell names the row; the header row counts, for a table whose
 * header is that row). A page has at most one request table.
 */
export function findRequestRows(tables: readonly RawTable[]): RequestRows | undefined {
  for (const table of tables) {
    if (table.header.length < 2) continue;
    const found: { url?: RawCell; method?: RawCell; rate?: RawCell } = {};
    for (const cells of [table.header, ...table.rows.map((row) => row.cells)]) {
      const first = cells[0]?.text ?? '';
      // Labels are short: most first cells (codes, parameter names, prose) are not read further.
      if (first.length > MAX_LABEL_CHARS) continue;
      const label = LABELS.get(labelKey(first));
      if (label !== undefined && found[label] === undefined && cells[1] !== undefined) found[label] = cells[1];
    }
    if (found.url !== undefined) return found;
  }
  return undefined;
}

/** A URL's path template: host, query and fragment dropped, `:param` kept, no trailing `/`. */
export function pathOfUrl(url: string): string | undefined {
  let text = url.trim().replace(/^`+|`+$/g, '').trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text);
  if (scheme) {
    const slash = text.indexOf('/', scheme[0].length);
    text = slash === -1 ? '/' : text.slice(slash);
  }
  const end = text.search(/[?#]/);
  if (end !== -1) text = text.slice(0, end);
  if (text.length > 1 && text.endsWith('/')) text = text.slice(0, -1);
  return PATH.test(text) && !text.includes('//') && !text.endsWith('/') ? text : undefined;
}

/**
 * An `/open-apis/` path template: segments of URL-safe characters, `:param` and `{param}`
 * included (one character class, no nested quantifier; empty segments are refused above).
 */
const PATH = /^\/open-apis\/[A-Za-z0-9_.~:{}/-]+$/;

/**
 * The page's endpoint: front matter `endpoint` wins; else the request table's `HTTP URL`
 * and `HTTP Method`. A URL that is not an `/open-apis/` path, or a missing or unknown
 * method, is a warning at its row and gives no endpoint (the page adds module-level rows).
 */
export function readEndpoint(rows: RequestRows | undefined, fromFrontMatter: DocEndpoint | undefined, file: VFile): DocEndpoint | undefined {
  if (fromFrontMatter) return fromFrontMatter;
  if (rows?.url === undefined) return undefined;
  const url = rows.url.text.trim();
  const path = pathOfUrl(url);
  if (path === undefined) {
    report(
      file,
      'warning',
      `Unexpected HTTP URL \`${clip(url) || ' '}\` that is not an /open-apis/ path, expected a URL such as \`https://open.feishu.cn/open-apis/im/v1/messages\`; the page's rows are read as module-level rows (set \`endpoint: "POST /open-apis/…"\` in its front matter to give it one)`,
      rows.url.start,
      'endpoint',
    );
    return undefined;
  }
  const method = rows.method?.text.trim().toUpperCase() ?? '';
  if (!METHODS.has(method)) {
    report(
      file,
      'warning',
      rows.method === undefined
        ? `Unexpected HTTP URL row without an HTTP Method row, expected \`| HTTP Method | POST |\`; the page's rows are read as module-level rows`
        : `Unexpected HTTP Method \`${clip(rows.method.text.trim()) || ' '}\`, expected one of ${[...METHODS].join(', ')}; the page's rows are read as module-level rows`,
      (rows.method ?? rows.url).start,
      'endpoint',
    );
    return undefined;
  }
  return { method, path, start: rows.url.start };
}

/** Why a front matter `endpoint` is refused, or the endpoint it declares. */
export function parseEndpointKey(value: string, start: Point): DocEndpoint | string {
  const text = value.trim();
  const space = text.search(/\s/);
  if (space === -1) return 'a method and a path separated by a space';
  const method = text.slice(0, space).toUpperCase();
  if (!METHODS.has(method)) return `a method among ${[...METHODS].join(', ')} first`;
  const path = pathOfUrl(text.slice(space).trim());
  if (path === undefined) return 'an /open-apis/ path after the method, without spaces';
  return { method, path, start };
}

/** One `<number> 次/秒`-like part of a rate-limit text. */
const RATE_PART = /^(\d{1,9})\s*(?:次|requests?|calls?|times?|reqs?)?\s*(?:\/|每|per)\s*(秒|分钟|分|s|sec|secs|second|seconds|min|mins|minute|minutes)$/i;
const PER_SECOND = new Set(['秒', 's', 'sec', 'secs', 'second', 'seconds']);

/**
 * The `接口频率限制` cell: `1000 次/分钟、50 次/秒` gives perMinute 1000 and perSecond 50;
 * `特殊频控` (a special tier, documented on the page) gives `special`; the text is always kept.
 */
export function parseRateLimit(cellText: string): RateLimit | undefined {
  const text = cellText.replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  let perSecond: number | undefined;
  let perMinute: number | undefined;
  for (const part of text.split(/[、,，;；]|\band\b|和/)) {
    const match = RATE_PART.exec(part.trim());
    if (!match) continue;
    const count = Number(match[1]);
    if (PER_SECOND.has(match[2]!.toLowerCase())) perSecond ??= count;
    else perMinute ??= count;
  }
  const special = /特殊|special/i.test(text);
  return {
    ...(perSecond !== undefined && { perSecond }),
    ...(perMinute !== undefined && { perMinute }),
    ...(special && { special }),
    text,
  };
}
