import type { ErrorCatalog } from '../model.js';

/**
 * One rule for a lone surrogate (a `\ud800` escape in a front matter title or in the
 * config; UTF-8 seeds cannot hold one): every target writes U+FFFD in its place, as the
 * UTF-8 of a Go or Markdown file must, so JSON, TypeScript, Python and Java say the same
 * text as Go and the docs. Every emitter reads the catalog through this.
 */
export function wellFormedCatalog(catalog: ErrorCatalog): ErrorCatalog {
  let done = cache.get(catalog);
  if (done === undefined) {
    done = wellFormed(catalog) as ErrorCatalog;
    cache.set(catalog, done);
  }
  return done;
}

const cache = new WeakMap<ErrorCatalog, ErrorCatalog>();

/** A high surrogate not followed by a low one, or a low one not after a high one (fixed-width lookarounds: linear). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with each lone surrogate replaced by U+FFFD. */
export function wellFormedText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** The value with every string well-formed; the same object where nothing changes. */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return wellFormedText(value);
  if (Array.isArray(value)) {
    const items = value.map(wellFormed);
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, child]) => [wellFormedText(key), wellFormed(child)] as const);
    const same = entries.every(([key, child]) => Object.hasOwn(value, key) && child === (value as Record<string, unknown>)[key]);
    return same ? value : Object.fromEntries(entries);
  }
  return value;
}
