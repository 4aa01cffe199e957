import { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { MAX_LISTED_LINES } from '../limits.js';
import type { Translation } from '../model.js';
import type { ParsedDoc } from '../parse/types.js';
import { readRows, type Row } from './rows.js';

/**
 * Companion seeds: `seeds/<id>.<lang>.md` is module `<id>` in another language (a BCP 47
 * tag: `hire-v1.en.md`, `hire-v1.zh.md`, `hire-v1.en-US.md`) when `seeds/<id>.md` exists.
 * The main seed gives the primary texts; a companion gives `translations[lang]`.
 * The name alone is weak evidence (`task.sub.md` is a module of its own), so companions.ts
 * also asks the language list, the page's front matter and what the lock already holds.
 */
const COMPANION = /^(.+)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\.md$/i;

/**
 * Primary language subtags of the languages Feishu and Lark publish pages or apps in; a
 * file name tag outside this list (and outside config syncHosts) needs `lang:` in its
 * front matter to be read as a companion.
 */
export const KNOWN_LANGUAGES: ReadonlySet<string> = new Set(['zh', 'en', 'ja', 'ko', 'fr', 'de', 'es', 'it', 'pt', 'ru', 'id', 'th', 'vi', 'ms', 'hi']);

/** Hosts whose pages are Chinese, besides what syncHosts maps to other languages. */
const CHINESE_HOSTS: readonly string[] = ['open.feishu.cn', 'open.larkoffice.com'];

/** `hire-v1.en.md` → `{ base: 'hire-v1.md', lang: 'en' }`: the name's shape only, the tag in BCP 47 case. */
export function companionOf(fileName: string): { base: string; lang: string } | undefined {
  const match = COMPANION.exec(fileName);
  if (!match) return undefined;
  return { base: `${match[1]}.md`, lang: bcp47Case(match[2]!) };
}

/**
 * The case BCP 47 recommends (RFC 5646 §2.1.1), which keeps a tag as users write it:
 * `EN-us` → `en-US`, `zh-hans` → `zh-Hans`. Tags are compared case-insensitively.
 */
export function bcp47Case(tag: string): string {
  let private_ = false;
  return tag
    .split('-')
    .map((part, index) => {
      if (index === 0 || private_ || part.length === 1) {
        private_ ||= index > 0 && part.length === 1;
        return part.toLowerCase();
      }
      if (part.length === 4 && /^[a-z]+$/i.test(part)) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      return part.toLowerCase();
    })
    .join('-');
}

/** True when the tag's language is one Feishu publishes in, or one the config syncs. */
export function isKnownLanguage(lang: string, syncHosts: Readonly<Record<string, string>> = {}): boolean {
  const primary = primaryOf(lang);
  return KNOWN_LANGUAGES.has(primary) || Object.keys(syncHosts).some((tag) => primaryOf(tag) === primary);
}

function primaryOf(tag: string): string {
  return tag.split('-', 1)[0]!.toLowerCase();
}

/** The language of a page by its host: syncHosts' hosts, and Feishu's Chinese hosts; undefined when unknown. */
function hostLanguage(url: string, syncHosts: Readonly<Record<string, string>>): string | undefined {
  let host: string;
  try {
    host = new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
  if (CHINESE_HOSTS.includes(host)) return 'zh';
  return Object.entries(syncHosts).find(([, value]) => value.toLowerCase() === host)?.[0];
}

/** What the page itself says about a companion candidate. */
export interface CandidatePage {
  /** Front matter `lang:`, if any. */
  readonly lang?: string;
  /** Front matter `source_url:`, if any. */
  readonly sourceUrl?: string;
}

export interface CandidateContext {
  readonly syncHosts: Readonly<Record<string, string>>;
  /** The candidate's own module id is in the lock or the config (`where`, e.g. `the lock seeds/…`): it was a module until now. */
  readonly existingModule?: { readonly id: string; readonly where: string };
}

/**
 * Whether `<base>.<lang>.md`, whose main seed `<base>.md` exists, is its companion:
 * - `companion`: front matter `lang:` equal to the name's tag (any case), or a known
 *   language whose page host (if known) is that language's;
 * - `module`: the tag is no known language and the front matter does not say otherwise;
 * - `error`: the evidence disagrees, or the file was a module until now (the reason is
 *   the message: turning a module into a companion drops its outputs and lock names).
 */
export function companionVerdict(
  name: { path: string; mainPath: string; lang: string },
  page: CandidatePage,
  context: CandidateContext,
): { kind: 'companion' } | { kind: 'module' } | { kind: 'error'; message: string } {
  const { path, mainPath, lang } = name;
  const rename = `rename ${path} if it is a module of its own`;
  if (page.lang !== undefined && page.lang.toLowerCase() !== lang.toLowerCase()) {
    return { kind: 'error', message: `Unexpected \`lang: ${page.lang}\` in the front matter of ${path}, whose name makes it the ${lang} companion of ${mainPath}; make the two agree (or ${rename})` };
  }
  if (page.lang === undefined && !isKnownLanguage(lang, context.syncHosts)) return { kind: 'module' };
  if (page.lang === undefined && page.sourceUrl !== undefined) {
    const pageLanguage = hostLanguage(page.sourceUrl, context.syncHosts);
    if (pageLanguage !== undefined && primaryOf(pageLanguage) !== primaryOf(lang)) {
      return {
        kind: 'error',
        message: `Unexpected source_url on a ${pageLanguage} host in ${path}, whose name makes it the ${lang} companion of ${mainPath}; if it is the ${lang} translation, add \`lang: ${lang}\` to its front matter, else ${rename}`,
      };
    }
  }
  if (context.existingModule !== undefined) {
    const { id, where } = context.existingModule;
    return {
      kind: 'error',
      message: `${path} is module \`${id}\` of ${where}, but beside ${mainPath} its name makes it the ${lang} companion of that seed, which would drop the module's outputs and names; rename one of the two files, or, to make it a companion, delete module \`${id}\` from ${where}`,
    };
  }
  return { kind: 'companion' };
}

/** One companion read: its texts by code (the first row of a code), diagnostics on `file`. */
export function readCompanion(doc: ParsedDoc, file: VFile, typos: Readonly<Record<string, string>>): Map<number, Translation> {
  const texts = new Map<number, Translation>();
  const rows = new Map<number, Row[]>();
  for (const row of readRows(doc, file, { typos }) ?? []) {
    const list = rows.get(row.code);
    if (list) {
      list.push(row);
      continue;
    }
    rows.set(row.code, [row]);
    texts.set(row.code, {
      ...(row.message !== '' && { message: row.message }),
      ...(row.description !== undefined && { description: row.description }),
      ...(row.suggestion !== undefined && { suggestion: row.suggestion }),
    });
  }
  for (const [code, list] of rows) {
    if (list.length < 2) continue;
    const [first, ...others] = list as [Row, ...Row[]];
    const lines = list.slice(0, MAX_LISTED_LINES).map((row) => row.start.line).join(', ') + (list.length > MAX_LISTED_LINES ? `, … (${list.length - MAX_LISTED_LINES} more)` : '');
    const differ = others.some((other) => other.message !== first.message || other.description !== first.description || other.suggestion !== first.suggestion);
    if (differ) report(file, 'warning', `Code ${code} is listed ${list.length} times with different texts (lines ${lines}); the first is its translation, the others are dropped`, first.start, 'duplicate-code');
    else report(file, 'info', `Code ${code} is listed ${list.length} times with the same texts (lines ${lines}); merged`, first.start, 'duplicate-code');
  }
  return texts;
}

/** Codes one language lists and the other does not: the docs are out of step (warnings on the companion). */
export function reportMissing(file: VFile, lang: string, mainPath: string, mainCodes: readonly number[], companion: ReadonlyMap<number, Translation>): void {
  const main = new Set(mainCodes);
  const untranslated = mainCodes.filter((code) => !companion.has(code));
  const extra = [...companion.keys()].filter((code) => !main.has(code)).sort((a, b) => a - b);
  if (untranslated.length > 0) {
    report(
      file,
      'warning',
      `${untranslated.length} code(s) of ${mainPath} are missing from this ${lang} companion (the two docs are out of step): ${untranslated.join(', ')}; they have no ${lang} translation`,
      { line: 1, column: 1 },
      'missing-translation',
    );
  }
  if (extra.length > 0) {
    report(
      file,
      'warning',
      `${extra.length} code(s) of this ${lang} companion are missing from ${mainPath} (the two docs are out of step): ${extra.join(', ')}; they are not generated until the main doc lists them`,
      { line: 1, column: 1 },
      'missing-translation',
    );
  }
}
