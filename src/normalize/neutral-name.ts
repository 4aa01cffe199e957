import type { Category } from '../model.js';
import { capWords, FUNCTION_WORDS, hasHan, isPlaceholderText, MAX_NAME_LENGTH, namePhrase } from './name-phrase.js';
import type { Row } from './rows.js';

/**
 * A member name that is true for every endpoint of a code whose endpoints disagree on what
 * it means (1160001: `系统错误` on one, `Param Invalid` on another). In order:
 * - the content words every meaning's phrase shares, in the majority's order
 *   (`Record not found` / `Record locked` share only `Record`: too little, see below);
 * - for two meanings, both phrases joined by `Or`, each cut to half the length cap
 *   (`SystemErrorOrParamInvalid`);
 * - for more, the majority's phrase followed by `OrOther` is still false somewhere, so the
 *   name says the meaning depends on the endpoint: `VariesByEndpoint`.
 * Undefined when no meaning has words to name from (the usual naming then applies).
 */
export function neutralName(voices: readonly { readonly row: Row; readonly category: Category }[], representative: Row): string | undefined {
  // One phrase per category, the majority's first (the representative's category).
  const first = voices.find((voice) => voice.row === representative)?.category;
  const byCategory = new Map<Category, Row>();
  if (first !== undefined) byCategory.set(first, representative);
  for (const voice of voices) if (!byCategory.has(voice.category)) byCategory.set(voice.category, voice.row);
  const phrases = [...byCategory.values()].map(phraseOf);
  if (phrases.some((phrase) => phrase === undefined)) return undefined;
  const lists = phrases as (readonly string[])[];
  const lower = (word: string) => word.toLowerCase();
  const shared = lists[0]!.filter((word) => !FUNCTION_WORDS.has(lower(word)) && !GENERIC.has(lower(word)) && lists.every((list) => list.some((other) => lower(other) === lower(word))));
  if (shared.length >= 2) return capWords(shared).join('');
  if (lists.length === 2) {
    const half = Math.floor((MAX_NAME_LENGTH - 2) / 2);
    const [a, b] = lists.map((list) => capWords(list, half, 3).join(''));
    if (a && b && a !== b) return `${a}Or${b}`;
  }
  return 'VariesByEndpoint';
}

/** Words that name no meaning on their own. */
const GENERIC: ReadonlySet<string> = new Set(['error', 'err', 'failed', 'fail', 'failure', 'invalid', 'exception', 'code']);

/** The name phrase of a row's best text: English message, description, then the Chinese through the glossary. */
function phraseOf(row: Row): readonly string[] | undefined {
  const texts = [row.message, row.description, row.suggestion].filter((text): text is string => text !== undefined && !isPlaceholderText(text));
  for (const text of [...texts.filter((text) => !hasHan(text)), ...texts.filter(hasHan)]) {
    const words = namePhrase(text);
    if (words !== undefined) return words;
  }
  return undefined;
}
