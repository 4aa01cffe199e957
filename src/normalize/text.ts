import type { Normalization } from '../model.js';
import { DIRECTIVE_FENCE } from '../parse/cell-text.js';

/** Known typos of Feishu's English messages; the config can add more. Whole words only. */
export const DEFAULT_TYPOS: Readonly<Record<string, string>> = {
  exsit: 'exist',
  exsits: 'exists',
  exsited: 'existed',
  exsiting: 'existing',
  sucess: 'success',
  sucessful: 'successful',
  succeded: 'succeeded',
  permisson: 'permission',
  paramter: 'parameter',
  paramters: 'parameters',
  recieve: 'receive',
  occured: 'occurred',
  legnth: 'length',
  lenght: 'length',
  acess: 'access',
  authorizaiton: 'authorization',
  unkown: 'unknown',
  invaild: 'invalid',
};

/** Cells that mean "nothing here" on Feishu pages. */
const EMPTY_MARKERS = new Set(['-', '—', '–', '--', '/', '无', 'N/A', 'n/a', '\\-']);

/** C0/C1 controls other than newline and tab; kept out of every output. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Trims every line, collapses blank runs, drops empty lines and control characters.
 * `singleLine` joins lines with a space (messages become identifiers and titles).
 */
export function normalizeCellText(text: string, singleLine: boolean): { text: string; hadControl: boolean } {
  const hadControl = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  const lines = text
    .replace(CONTROL, '')
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((line) => line.replace(/[\t \u00A0\u3000]+/g, ' ').trim())
    .filter((line) => line !== '' && !DIRECTIVE_FENCE.test(line));
  const joined = lines.join(singleLine ? ' ' : '\n');
  return { text: EMPTY_MARKERS.has(joined) ? '' : joined, hadControl };
}

/** Fixes known typos word by word, keeping the case of the first letter. */
export function fixTypos(
  text: string,
  field: string,
  typos: Readonly<Record<string, string>>,
): { text: string; normalization?: Normalization; fixed: string[] } {
  const fixed: string[] = [];
  const out = text.replace(/[A-Za-z]+/g, (word) => {
    // Own keys only: `constructor` must not find Object.prototype.constructor.
    const replacement = Object.hasOwn(typos, word.toLowerCase()) ? typos[word.toLowerCase()] : undefined;
    if (replacement === undefined) return word;
    fixed.push(word);
    if (word === word.toUpperCase() && word.length > 1) return replacement.toUpperCase();
    return word[0] === word[0]!.toUpperCase() ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
  });
  if (fixed.length === 0) return { text, fixed };
  return { text: out, normalization: { field, rule: 'typo', from: text }, fixed };
}

/** The origin `/ssl:ttdoc/…` links resolve on when the doc's source_url is not an Open Platform page. */
const DEFAULT_DOC_ORIGIN = 'https://open.feishu.cn';

/**
 * Makes a link found in a doc absolute, so it still works outside the page:
 * - `/ssl:ttdoc/<rest>` (the Open Platform's internal doc links) → `<origin>/document/<rest>`,
 *   on the origin of `sourceUrl` when that is an Open Platform host (`open.feishu.cn`,
 *   `open.larkoffice.com`, `open.larksuite.com`, …), else on `https://open.feishu.cn`;
 * - `//host/x` → `https://host/x`;
 * - `/path` and other relative links → resolved against `sourceUrl` when there is one.
 * Absolute links and anything that cannot be resolved are kept as written.
 */
export function resolveLinkUrl(url: string, sourceUrl: string | undefined): string {
  const source = parseHttpUrl(sourceUrl);
  const ttdoc = /^\/?ssl:ttdoc\/+(.*)$/s.exec(url);
  if (ttdoc) {
    const origin = source && /^open\./.test(source.hostname) ? source.origin : DEFAULT_DOC_ORIGIN;
    return `${origin}/document/${ttdoc[1]}`;
  }
  if (url.startsWith('//')) return parseHttpUrl(`https:${url}`) ? `https:${url}` : url;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) || !source) return url;
  try {
    return new URL(url, source).href;
  } catch {
    return url;
  }
}

/** Whether a link may be kept: an absolute http(s) URL (not `javascript:`, `data:`, a relative path…). */
export function isHttpUrl(text: string): boolean {
  return parseHttpUrl(text) !== undefined && !/\s/.test(text);
}

function parseHttpUrl(text: string | undefined): URL | undefined {
  if (text === undefined) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
