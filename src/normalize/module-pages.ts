import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { ParsedDoc } from '../parse/types.js';

/** Where Feishu's doc site serves a page: this + the front matter's `fullPath`. */
export const DOC_SITE = 'https://open.feishu.cn/document';

/** `POST /open-apis/im/v1/messages` (front matter `endpoint:`), split; undefined when it is not that shape. */
const ENDPOINT_TEXT = /^\s*([A-Za-z]{3,7})\s+(\/\S{1,2000})\s*$/;

/**
 * A page's endpoint: the request table's (parse), else the front matter's `endpoint:`. A path
 * that is not under `/open-apis/` is not an endpoint the runtimes can match: a warning, and
 * the page adds module-level rows.
 */
export function pageEndpoint(doc: ParsedDoc, file: VFile): { method: string; path: string } | undefined {
  let endpoint: { method: string; path: string } | undefined = doc.endpoint;
  const start = doc.endpoint?.start ?? { line: 1, column: 1 };
  if (endpoint === undefined && doc.frontMatter.endpoint !== undefined) {
    const match = ENDPOINT_TEXT.exec(doc.frontMatter.endpoint);
    if (match === null) {
      report(file, 'warning', `Unexpected front matter endpoint \`${doc.frontMatter.endpoint}\`, expected a method and a path such as \`POST /open-apis/im/v1/messages\`; the page adds module-level rows`, start, 'endpoint-path');
      return undefined;
    }
    endpoint = { method: match[1]!.toUpperCase(), path: match[2]!.replace(/[?#].*$/, '') };
  }
  if (endpoint === undefined) return undefined;
  if (!endpoint.path.startsWith('/open-apis/')) {
    report(file, 'warning', `Unexpected endpoint path \`${endpoint.path}\`, expected a path under /open-apis/; the page adds module-level rows`, start, 'endpoint-path');
    return undefined;
  }
  return { method: endpoint.method, path: endpoint.path };
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
