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

/** A safe module id from a page URL's last path segment: `…/hire-v1/error_code` → `error_code`. */
export function idFromUrl(pageUrl: string): string {
  const segments = new URL(pageUrl).pathname.split('/').filter((segment) => segment !== '');
  let last = segments[segments.length - 1] ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // A malformed escape stays as it is; the id is made safe below anyway.
  }
  return safeId(last);
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
