/**
 * Where a seed's markdown is fetched from: the page URL (front matter `source_url`)
 * put through a URL template. The Open Platform serves a page's markdown at the page
 * URL with `.md` appended, hence the default.
 */
import { UserError } from '../project.js';

/** The default URL template: the page URL with `.md` appended. */
export const DEFAULT_URL_TEMPLATE = '{url}.md';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['url', 'path']);


/** Checks a template once, before anything is fetched. */
export function checkUrlTemplate(template: string, origin: string): void {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
  const unknown = names.find((name) => !KNOWN_PLACEHOLDERS.has(name));
  if (unknown !== undefined) {
    throw new UserError(`${origin} \`${template}\` has an unknown placeholder \`{${unknown}}\`; use {url} (the page URL) or {path} (its path, starting with /)`);
  }
  if (names.length === 0) {
    throw new UserError(`${origin} \`${template}\` has no placeholder; use {url} (the page URL) or {path} (its path, starting with /), e.g. \`${DEFAULT_URL_TEMPLATE}\``);
  }
}

/**
 * The markdown URL of a page: `{url}` is the page URL without its `#fragment`, `{path}`
 * its path (starting with `/`). Returns undefined when the result is not an http(s) URL.
 */
export function markdownUrl(template: string, pageUrl: string): string | undefined {
  const page = new URL(pageUrl);
  page.hash = '';
  const filled = template.replace(PLACEHOLDER, (_, name: string) => (name === 'url' ? page.href : page.pathname));
  return httpUrl(filled)?.href;
}

/** Parses an http(s) URL; undefined for anything else. */
export function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The page URL `sync --add` records as `source_url`: the URL as given, without its
 * fragment and without a `.md` the user may have copied from the markdown link.
 */
export function pageUrlOf(given: string): string {
  const url = httpUrl(given);
  if (!url) throw new UserError(`\`${given}\` is not an http(s) URL; pass the page URL, e.g. https://open.feishu.cn/document/server-docs/hire-v1/error_code`);
  url.hash = '';
  url.pathname = url.pathname.replace(/\.md$/i, '');
  return url.href;
}

/** Path segments that only say "the error-code page": `error_code`, `errorcodes`, `err-msg`. */
const ERROR_PAGE_SEGMENT = /^(?:errors?|errs?|errno|errcodes?|errorcodes?|errmsg|errormsg|codes?)(?:[-_.](?:codes?|msgs?|messages?|info|section|spec|list|table))*$/;
/** The same words at the end of a segment: `generic-error-code` → `generic`. */
const ERROR_PAGE_SUFFIX = /[-_.](?:errors?|errs?|errno|errcodes?|errorcodes?|errmsg|errormsg)(?:[-_.](?:codes?|msgs?|messages?|info|section|spec|list|table))*$/;
/** A service-and-version segment: `hire-v1`, `corehr-v2`. */
const SERVICE_VERSION = /^([a-z][a-z0-9]*)[-_.]v\d+$/;

/**
 * A module id from a page URL's path: its last segment that is not an error-page word nor
 * an opaque doc token (`ukTMukTMukTM`), with error-page words dropped from its end; under a
 * `<service>-v<N>` segment (up to two above) it is prefixed by the service and the segments
 * between. `…/hire-v1/error_code` → `hire-v1`, `…/im-v1/message/create` → `im-message-create`,
 * `…/corehr-v2/cost_center/error-code` → `corehr-cost-center`,
 * `…/api-call-guide/generic-error-code` → `generic`.
 */
export function idFromUrl(pageUrl: string): string {
  const segments = new URL(pageUrl).pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment; // a malformed escape stays as it is; the id is made safe below anyway
      }
    })
    // Opaque tokens of older doc URLs (`uAjLw4CM`, `ukTMukTMukTM`) name nothing.
    .filter((segment) => !(/^[A-Za-z0-9]{6,}$/.test(segment) && /[A-Z]/.test(segment) && /[a-z]/.test(segment)))
    .map((segment) => safeId(segment).replace(/_/g, '-'))
    .filter((segment) => segment !== '');
  while (segments.length > 1 && ERROR_PAGE_SEGMENT.test(segments[segments.length - 1]!)) segments.pop();
  const last = segments[segments.length - 1] ?? '';
  const stem = last.replace(ERROR_PAGE_SUFFIX, '') || last;
  if (SERVICE_VERSION.test(stem)) return safeId(stem);
  // Up to two resource segments under a `<service>-v<N>` segment: `im-v1/message/create` → `im-message-create`.
  for (let depth = 2; depth <= 3 && depth <= segments.length; depth++) {
    const service = SERVICE_VERSION.exec(segments[segments.length - depth]!)?.[1];
    if (service !== undefined) return safeId([service, ...segments.slice(segments.length - depth + 1, -1), stem].join('-'));
  }
  return safeId(stem);
}

/** Lower-case letters, digits, `.`, `_` and `-`, as a seed file name needs (see moduleIdOf). */
export function safeId(text: string): string {
  return text
    .toLowerCase()
    .replace(/\.md$/, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/[._-]+$/, '');
}
