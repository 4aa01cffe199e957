import { GLOSSARY } from './glossary.js';
import { KEPT_INITIALISMS } from './initialisms.js';

/**
 * From a row's text to the words of a member name: the first clause, without placeholders,
 * quoted literals or parenthesised asides; Chinese through the glossary; no articles; at
 * most MAX_CONTENT_WORDS content words and MAX_NAME_LENGTH characters, cut at a word and
 * never ending on a function word.
 */

/** About five words: a name is a phrase, not a sentence. */
export const MAX_CONTENT_WORDS = 6;
/** Longest derived name; the cap falls on a word boundary. */
export const MAX_NAME_LENGTH = 40;

/** Words a name must not end on, nor (most of them) start with. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'of', 'for', 'with', 'to', 'and', 'or', 'nor', 'but', 'in', 'on', 'at', 'by', 'from', 'as', 'into',
  'onto', 'than', 'that', 'this', 'these', 'those', 'which', 'who', 'whose', 'whom', 'is', 'are', 'was', 'were', 'be',
  'been', 'being', 'am', 'has', 'have', 'had', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'shall', 'should',
  'may', 'might', 'must', 'not', 'no', 'please', 'your', 'you', 'its', 'it', 'their', 'our', 'my', 'if', 'so', 'when',
  'while', 'because', 'due', 'such', 'via', 'per', 'about', 'after', 'before', 'under', 'over', 'between', 'within',
  'without', 'there', 'here', 'then', 'also', 'only', 'just', 'more', 'most', 'any', 'some', 'each', 'every', 'all',
  'e', 'g', 'i', 'eg', 'ie', 'etc', 'too', 'very', 'already', 'currently', 'still', 'yet', 'even',
]);

/** Function words that still tell two rows apart (`…NotFound` vs `…Found`). */
const MEANINGFUL: ReadonlySet<string> = new Set(['not', 'no', 'all', 'only', 'too', 'more']);

/** Dropped wherever they are: they never tell two errors apart. */
const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);
/** Dropped at the start of a phrase: `Please check…` → `Check…`, `These ids…` → `Ids…`. */
const LEADING_FILLERS: ReadonlySet<string> = new Set([
  'please', 'your', 'you', 'this', 'these', 'those', 'that', 'its', 'is', 'are', 'was', 'were', 'be', 'sorry', 'oops',
  'error', 'err', 'errmsg', 'msg', 'note',
]);
/** A first clause made only of these says nothing on its own (`Failed, …`, `Error: …`). */
const GENERIC_WORDS: ReadonlySet<string> = new Set(['error', 'err', 'failed', 'fail', 'failure', 'warning', 'note', 'sorry']);


const GLOSSARY_KEY_LENGTH = Math.max(...Object.keys(GLOSSARY).map((key) => key.length));
const HAN = /\p{Script=Han}/u;

/** Texts that stand in for a message and say nothing of the error (`具体错误信息`, `-`). */
const PLACEHOLDER_TEXTS: ReadonlySet<string> = new Set([
  '具体错误信息', '详见错误信息', '详见具体错误信息', '见具体错误信息', '错误信息', '具体错误', '具体信息', '详见报错信息',
  '无', '暂无', '-', '--', '/', 'n/a', 'na', 'none', 'null', 'tbd', 'todo', 'see details', 'error message', 'message',
]);

/** Is this text only a stand-in (`具体错误信息`) that names nothing? */
export function isPlaceholderText(text: string): boolean {
  const key = text.normalize('NFKC').trim().toLowerCase().replace(/[。.!！]+$/u, '');
  return key === '' || PLACEHOLDER_TEXTS.has(key);
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

export interface Phrase {
  /** PascalCase words, in order. */
  readonly words: readonly string[];
  /** Chinese text was left that the glossary could not translate. */
  readonly untranslated: boolean;
}

/**
 * `%v`, `%s`, `{0}` go; a named placeholder keeps its name (`{字段名} is illegal` →
 * `字段名 is illegal`); ASCII-quoted literals and parenthesised asides go; a Chinese
 * label in 「」 stays (it names the field the error is about).
 */
export function stripNoise(text: string): string {
  return text
    .normalize('NFKC')
    // `doesn't` → `does not`, `can't` → `cannot`, `candidate's` → `candidate`.
    .replace(/\b(can)['’]t\b/giu, '$1not')
    .replace(/\b(won)['’]t\b/giu, 'will not')
    .replace(/n['’]t\b/giu, ' not')
    .replace(/(?<=\p{L})['’]s\b/gu, '')
    .replace(/(?<=\p{L})['’](?=\p{L})/gu, '')
    .replace(/[$@]?\{([^{}]*)\}/gu, (_, inner: string) => (/^[\p{L}_ ]{1,30}$/u.test(inner) ? ` ${inner} ` : ' '))
    .replace(/%[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]/g, ' ')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕/gu, ' ')
    .replace(/"[^"]*"|“[^”]*”|`[^`]*`|‘[^’]*’|(?<![\p{L}\p{N}])'[^']*'(?![\p{L}\p{N}])/gu, ' ')
    .replace(/[「『]([^」』]*)[」』]/gu, ' $1 ');
}

/** Clause boundaries: sentence ends, commas, colons, semicolons, dashes between blanks, line breaks. */
const CLAUSE_END = /[;:!?,\n]|[；：！？，。]|\.(?=\s|$)|\s[-–—]+\s|=/u;

/** The clauses of a text, in order, without the empty ones. */
export function clauses(text: string): string[] {
  return stripNoise(text)
    .split(CLAUSE_END)
    .map((clause) => clause.trim())
    .filter((clause) => /[\p{L}\p{N}]/u.test(clause));
}

/** Words of one clause: Latin words as written (split at camelCase and `_`), Chinese through the glossary. */
export function clauseWords(clause: string): Phrase {
  const words: string[] = [];
  let untranslated = false;
  for (const match of clause.matchAll(/(\p{Script=Han}+)|([A-Za-z0-9]+)/gu)) {
    if (match[1] !== undefined) {
      const han = match[1];
      for (let at = 0; at < han.length; ) {
        let length = Math.min(GLOSSARY_KEY_LENGTH, han.length - at);
        while (length > 0 && !Object.hasOwn(GLOSSARY, han.slice(at, at + length))) length--;
        if (length === 0) {
          untranslated = true;
          at++;
          continue;
        }
        words.push(...GLOSSARY[han.slice(at, at + length)]!.split(' ').filter((word) => word !== ''));
        at += length;
      }
    } else {
      words.push(...match[2]!.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2})/));
    }
  }
  return { words: words.map(casedWord), untranslated };
}

/** `talent` → `Talent`, `NOT` → `Not`, `EHR` → `EHR`, `P2P` → `P2P`. */
export function casedWord(word: string): string {
  if (/[a-z]/.test(word)) return word[0]!.toUpperCase() + word.slice(1);
  if (KEPT_INITIALISMS.has(word)) return word;
  return word[0]!.toUpperCase() + word.slice(1).toLowerCase();
}

const lower = (word: string) => word.toLowerCase();

/**
 * The words of a name from a text's first clause (with the next one when the first is
 * only `Failed`/`Error`), or undefined when the text names nothing or (strict) keeps
 * Chinese the glossary cannot translate.
 */
export function namePhrase(text: string): readonly string[] | undefined {
  if (isPlaceholderText(text)) return undefined;
  const parts = clauses(text);
  let words: string[] = [];
  for (const clause of parts) {
    const phrase = clauseWords(clause);
    // A mostly-Chinese clause is never named from its Latin fragment alone.
    if (phrase.untranslated) return undefined;
    words.push(...phrase.words);
    const content = words.filter((word) => !FUNCTION_WORDS.has(lower(word)));
    if (content.some((word) => !GENERIC_WORDS.has(lower(word)))) break;
  }
  // `网络异常错误` is network + error + error: a word said twice in a row is said once.
  words = words.filter((word, index) => !ARTICLES.has(lower(word)) && (index === 0 || lower(word) !== lower(words[index - 1]!)));
  while (words.length > 1 && LEADING_FILLERS.has(lower(words[0]!))) words.shift();
  words = capWords(words);
  return words.length === 0 || !words.some((word) => /[A-Za-z]/.test(word)) ? undefined : words;
}

/** At most MAX_CONTENT_WORDS content words and MAX_NAME_LENGTH characters; no function word last. */
export function capWords(words: readonly string[], maxLength = MAX_NAME_LENGTH, maxContent = MAX_CONTENT_WORDS): string[] {
  const kept: string[] = [];
  let length = 0;
  let content = 0;
  for (const word of words) {
    const isContent = !FUNCTION_WORDS.has(lower(word));
    if (kept.length > 0 && (length + word.length > maxLength || (isContent && content === maxContent))) break;
    kept.push(word);
    length += word.length;
    if (isContent) content++;
  }
  while (kept.length > 1 && FUNCTION_WORDS.has(lower(kept[kept.length - 1]!))) kept.pop();
  return kept;
}

/**
 * Content words of a text that could tell its row apart from another (for collisions):
 * every clause, Chinese through the glossary where it can be, nothing untranslated.
 */
export function distinguishingWords(text: string): string[] {
  const words: string[] = [];
  for (const clause of clauses(text)) {
    const phrase = clauseWords(clause);
    // Untranslated Chinese leaves holes in a clause's meaning; its Latin words (ids, fields) still count.
    for (const word of phrase.words) {
      if ((MEANINGFUL.has(lower(word)) || !FUNCTION_WORDS.has(lower(word))) && /[A-Za-z]/.test(word)) words.push(word);
    }
  }
  return words;
}
