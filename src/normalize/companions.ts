import { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { Translation } from '../model.js';
import { parseDoc } from '../parse/parse-doc.js';
import { readRows } from './rows.js';

/**
 * Companion seeds: `seeds/<id>.<lang>.md` is module `<id>` in another language (a BCP 47
 * tag: `hire-v1.en.md`, `hire-v1.zh.md`, `hire-v1.en-US.md`) when `seeds/<id>.md` exists.
 * The main seed gives the primary texts; a companion gives `translations[lang]`.
 */
const COMPANION = /^(.+)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/i;

/** `hire-v1.en.md` → `{ base: 'hire-v1.md', lang: 'en' }`; `en-us` → `en-US`. */
export function companionOf(fileName: string): { base: string; lang: string } | undefined {
  const match = COMPANION.exec(fileName);
  if (!match) return undefined;
  const [language, ...rest] = match[2]!.split('-');
  const lang = [language!.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part.toLowerCase()))].join('-');
  return { base: `${match[1]}.md`, lang };
}

/** One companion read: its texts by code (the first row of a code), diagnostics on `file`. */
export function readCompanion(file: VFile, typos: Readonly<Record<string, string>>): Map<number, Translation> {
  const texts = new Map<number, Translation>();
  const rows = readRows(parseDoc(file), file, { typos }) ?? [];
  for (const row of rows) {
    if (texts.has(row.code)) continue;
    const translation: Translation = {
      ...(row.message !== '' && { message: row.message }),
      ...(row.description !== undefined && { description: row.description }),
      ...(row.suggestion !== undefined && { suggestion: row.suggestion }),
    };
    texts.set(row.code, translation);
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
