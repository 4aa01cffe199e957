import type { ParsedDoc } from '../parse/types.js';

/** Where Feishu's doc site serves a page: this + the front matter's `fullPath`. */
export const DOC_SITE = 'https://open.feishu.cn/document';

/**
 * A page's endpoint, as parse read it (the request table's, or the front matter's `endpoint:`,
 * which parse checks and warns about); only an `/open-apis/` path is one.
 */
export function pageEndpoint(doc: ParsedDoc): { method: string; path: string } | undefined {
  const endpoint = doc.endpoint;
  return endpoint !== undefined && endpoint.path.startsWith('/open-apis/') ? { method: endpoint.method, path: endpoint.path } : undefined;
}

/**
 * The page's URL: front matter `source_url` when it is an http(s) URL, else the doc site +
 * `fullPath` (`/uAjLw4CM/…/create` → `https://open.feishu.cn/document/uAjLw4CM/…/create`).
 */
export function pageUrl(doc: ParsedDoc): string | undefined {
  const { sourceUrl, fullPath } = doc.frontMatter;
  if (sourceUrl !== undefined && /^https?:\/\/[^\s\u0000-\u001F\u007F]+$/i.test(sourceUrl)) return sourceUrl;
  if (fullPath !== undefined && /^\/[A-Za-z0-9\-._~/%]{1,1000}$/.test(fullPath) && !fullPath.includes('//')) return DOC_SITE + fullPath;
  return undefined;
}
