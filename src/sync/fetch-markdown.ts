/**
 * Fetches one doc's markdown with Node's built-in fetch and refuses anything that is
 * not a plain markdown answer: an HTTP error, a timeout, a redirect to a login page or
 * another host, an HTML page, a body over the size limit, bytes that are not UTF-8.
 * Never throws for a network or server problem: it returns the reason instead.
 */
import type { Dispatcher } from 'undici';

export interface FetchOptions {
  /** Whole request, body included, in milliseconds. */
  readonly timeoutMs: number;
  /** Largest body accepted; a larger one is cut off while streaming, never buffered whole. */
  readonly maxBytes: number;
  /** Undici dispatcher (the proxy agent) handed to fetch (optional, default: fetch's own). */
  readonly dispatcher?: Dispatcher;
  /** `user-agent` header value. */
  readonly userAgent: string;
}

export type FetchOutcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** Same-host redirects followed before giving up (http → https, a moved page). */
const MAX_REDIRECTS = 5;
/** A path segment that marks a sign-in page: the docs need none, so landing there means the URL is wrong. */
const LOGIN_SEGMENT = /(?:^|\/)(?:login|signin|sign-in|passport|accounts|sso|oauth|auth)(?:[/.?]|$)/i;
const HTML_START = /^<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;
const decoder = new TextDecoder('utf-8', { fatal: true });

export async function fetchMarkdown(url: string, options: FetchOptions): Promise<FetchOutcome> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const fail = (reason: string): FetchOutcome => ({ ok: false, reason });
  const start = new URL(url);
  let current = start;
  try {
    for (let redirects = 0; ; redirects++) {
      // Node's fetch takes an undici dispatcher; Node 20's RequestInit type does not list it.
      const init: RequestInit & { dispatcher?: Dispatcher } = {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/markdown, text/plain;q=0.9, */*;q=0.1', 'user-agent': options.userAgent },
        ...(options.dispatcher !== undefined && { dispatcher: options.dispatcher }),
      };
      const response = await fetch(current, init);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await discard(response);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          return fail(`redirected to \`${location}\`, which is not a URL`);
        }
        if (LOGIN_SEGMENT.test(next.pathname)) {
          return fail(`redirected to a login page (${next.href}); the docs need no login, so the URL is likely wrong or the page was made private`);
        }
        if (next.hostname !== start.hostname) {
          return fail(`redirected to another host (${next.href}), likely a login or error page; if the page really moved, update its source_url`);
        }
        if (redirects >= MAX_REDIRECTS) return fail(`more than ${MAX_REDIRECTS} redirects (last to ${next.href})`);
        current = next;
        continue;
      }
      if (!response.ok) {
        await discard(response);
        return fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
      }
      const type = response.headers.get('content-type') ?? '';
      if (/\b(?:text\/html|application\/xhtml\+xml)\b/i.test(type)) {
        await discard(response);
        return fail(`got an HTML page (content-type ${type.split(';')[0]!.trim()}), not markdown; check the URL or --url-template`);
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > options.maxBytes) {
        await discard(response);
        return fail(tooLarge(options.maxBytes, `it announces ${declared} bytes`));
      }
      const bytes = await readLimited(response, options.maxBytes);
      if (bytes === undefined) return fail(tooLarge(options.maxBytes, 'cut off while reading'));
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        return fail('the body is not UTF-8 text, expected markdown');
      }
      if (looksLikeHtml(text)) return fail('got an HTML page, not markdown; check the URL or --url-template');
      if (text.trim() === '') return fail('the body is empty, expected markdown');
      return { ok: true, text };
    }
  } catch (error) {
    if (signal.aborted) return fail(`no complete answer within ${options.timeoutMs / 1000} s; raise --timeout if the network is slow`);
    return fail(networkReason(error));
  }
}

/** Reads the body chunk by chunk; undefined (and the stream cancelled) once it passes `limit`. */
async function readLimited(response: Response, limit: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Frees the connection of a response whose body is not wanted. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function tooLarge(limit: number, how: string): string {
  return `the body is larger than the ${limit}-byte limit (${how}); raise --max-bytes if the page really is that big`;
}

/** fetch wraps the socket error in `cause`; its code says what went wrong. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${code}); check the URL and the network`;
  if (code === 'ECONNREFUSED') return `connection refused (${code})`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `connection closed by the server (${code})`;
  const detail = cause?.message ?? (error as Error).message ?? String(error);
  return `request failed (${code !== undefined ? `${code}: ` : ''}${detail})`;
}

/**
 * Is the body an HTML document? True when a line outside fenced code starts (after at most
 * three blanks, comments and processing instructions) with `<!doctype html`, `<html`,
 * `<head` or `<body`: a front matter, a heading or invisible characters (a zero-width
 * space, a BOM) before the document tag do not hide it. Markdown that holds a comment or
 * inline HTML (`<div>`, `<br>`) is not HTML; what an unclosed comment opens is not read.
 */
export function looksLikeHtml(text: string): boolean {
  const visible = withoutComments(text.replace(INVISIBLE, ''));
  let fence: string | undefined;
  for (const line of visible.split(/\r\n|\r|\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence === undefined && HTML_START.test(line.replace(/^[ \t]{0,3}/, ''))) return true;
  }
  return false;
}

/** The text with comments and processing instructions taken out (their line breaks kept); an unclosed one ends it. */
function withoutComments(text: string): string {
  const opening = /<!--|<\?/g;
  let out = '';
  let at = 0;
  for (let found = opening.exec(text); found !== null; found = opening.exec(text)) {
    const close = found[0] === '<!--' ? '-->' : '?>';
    const end = text.indexOf(close, found.index + found[0].length);
    out += text.slice(at, found.index);
    if (end === -1) return out;
    out += text.slice(found.index, end).replace(/[^\n]/g, '');
    at = opening.lastIndex = end + close.length;
  }
  return out + text.slice(at);
}

/** Characters that show nothing: they must not hide the tag they stand before. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g;
