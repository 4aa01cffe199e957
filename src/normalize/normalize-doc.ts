import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { DocEntry, EntryTexts, ErrorVariant, SubCode, Translation } from '../model.js';
import type { CategoryOverride } from './classify.js';
import { buildSubCodes, orphanSubRows, splitSubCodes } from './sub-codes.js';
import type { ParsedDoc } from '../parse/types.js';
import { assignNames } from './assign-names.js';
import { readRows, type Row } from './rows.js';
import { MAX_LISTED_LINES } from '../limits.js';

/**
 * What the name lock remembers of one code: its name and last texts (`deprecated` is
 * written by generate when the doc no longer lists the code; informational only), and
 * the name generate derived for it (absent in locks written before it was recorded).
 */
export type LockedEntry = EntryTexts & { readonly derived?: string };

export interface NormalizeOptions {
  /** Typo dictionary, lower-case word → correction. */
  readonly typos: Readonly<Record<string, string>>;
  /** Names (and last texts) held by the lock for this module, by code. */
  readonly locked: ReadonlyMap<number, LockedEntry>;
  /** Per-code names from the config; they win over the lock. */
  readonly overrides: ReadonlyMap<number, string>;
  /** Where the lock lives, for messages that tell the user what to edit. */
  readonly lockPath: string;
  readonly moduleId: string;
  /** Drop codes the doc no longer lists instead of keeping them as deprecated. */
  readonly prune: boolean;
  /** Derive names again: `true` the lock's derived ones (hand-picked ones stay), `'all'` every one (optional, default: false). */
  readonly rename?: boolean | 'all';
  /** Texts of companion seeds: BCP 47 tag → code → texts (optional, default: none). */
  readonly translations?: ReadonlyMap<string, ReadonlyMap<number, Translation>>;
  /** The config's verdicts by code (`modules[id].categories`), for sub-codes (optional, default: none). */
  readonly categories?: Readonly<Record<string, CategoryOverride>>;
}

/** A doc entry with the sub-codes documented for it, already classified. */
export type DocEntryWithSubCodes = DocEntry & { readonly subCodes?: readonly SubCode[] };

/**
 * Turns a parsed doc into sorted entries: one per code, with the other meanings of a
 * repeated code as variants, names from the lock or derived, and a diagnostic on `file`
 * for everything changed or doubted.
 */
export function normalizeDoc(doc: ParsedDoc, file: VFile, options: NormalizeOptions): DocEntryWithSubCodes[] {
  const rows = readRows(doc, file, options);
  if (!rows) return [];
  // Sub-code rows (issue 28) go under their parent entry, when the doc lists the parent.
  const split = splitSubCodes(rows);
  if (split.subRows.length === 0) return mergeAndName(rows, file, options);
  const { kept } = orphanSubRows(split.subRows, new Set(split.rows.map((row) => row.code)), () => file);
  const keptRows = new Set(kept.map((sub) => sub.row));
  const entries = mergeAndName(rows.filter((row) => !keptRows.has(row)), file, options);
  const byCode = new Map(entries.map((entry) => [entry.code, entry]));
  const subCodes = buildSubCodes(kept, (parent) => byCode.get(parent)?.httpStatus, (parent) => overrideOf(options.categories, parent));
  return entries.map((entry) => (subCodes.has(entry.code) ? { ...entry, subCodes: subCodes.get(entry.code)! } : entry));
}

/** The config's verdict for a code, if any. */
export function overrideOf(categories: Readonly<Record<string, CategoryOverride>> | undefined, code: number): CategoryOverride | undefined {
  return categories !== undefined && Object.hasOwn(categories, String(code)) ? categories[String(code)] : undefined;
}

function mergeAndName(rows: readonly Row[], file: VFile, options: NormalizeOptions): DocEntry[] {
  const byCode = new Map<number, Row[]>();
  for (const row of rows) {
    const list = byCode.get(row.code);
    if (list) list.push(row);
    else byCode.set(row.code, [row]);
  }
  const codes = [...byCode.keys()].sort((a, b) => a - b);

  // Deprecated codes: held by the lock, gone from the doc.
  const deprecated = options.prune
    ? []
    : [...options.locked.keys()].filter((code) => !byCode.has(code)).sort((a, b) => a - b);
  for (const code of deprecated) {
    report(
      file,
      'warning',
      `Code ${code} is no longer in the doc; kept as deprecated by the name lock (to drop it, delete modules["${options.moduleId}"]["${code}"] from ${options.lockPath}, or run \`generate --prune\`)`,
      { line: 1, column: 1 },
      'removed-code',
    );
  }

  const { names, derived } = assignNames(codes, byCode, deprecated, file, options);
  const entries: DocEntry[] = [];
  for (const code of codes) {
    const [first, ...others] = byCode.get(code)!;
    const variants: ErrorVariant[] = [];
    const seen = new Set([variantKey(first!)]);
    for (const other of others) {
      const key = variantKey(other);
      if (seen.has(key)) continue;
      seen.add(key);
      variants.push(
        clean({
          message: other.message,
          description: other.description,
          suggestion: other.suggestion,
          section: other.section,
          httpStatus: other.httpStatus,
        }),
      );
    }
    if (others.length > 0) {
      const all = [first!, ...others];
      const lines =
        all.slice(0, MAX_LISTED_LINES).map((row) => row.start.line).join(', ') + (all.length > MAX_LISTED_LINES ? `, … (${all.length - MAX_LISTED_LINES} more)` : '');
      if (variants.length > 0) {
        report(
          file,
          'warning',
          `Code ${code} is listed ${others.length + 1} times with different texts (lines ${lines}); kept as one entry with ${variants.length} variant(s)`,
          first!.start,
          'duplicate-code',
        );
      } else {
        report(file, 'info', `Code ${code} is listed ${others.length + 1} times with the same texts (lines ${lines}); merged`, first!.start, 'duplicate-code');
      }
    }
    const normalizations = dedupe([first!, ...others].flatMap((row) => row.normalizations));
    const links = dedupe([first!, ...others].flatMap((row) => row.links));
    const translations = translationsOf(code, options.translations);
    entries.push(
      clean({
        code,
        name: names.get(code)!,
        derivedName: derived.get(code),
        message: first!.message,
        description: first!.description,
        suggestion: first!.suggestion,
        httpStatus: first!.httpStatus,
        section: first!.section,
        variants: variants.length ? variants : undefined,
        normalizations: normalizations.length ? normalizations : undefined,
        links: links.length ? links : undefined,
        translations,
      }),
    );
  }
  for (const code of deprecated) {
    const locked = options.locked.get(code)!;
    entries.push(
      clean({
        code,
        name: names.get(code)!,
        derivedName: derived.get(code),
        message: locked.message,
        description: locked.description,
        suggestion: locked.suggestion,
        httpStatus: locked.httpStatus,
        section: locked.section,
        deprecated: true,
      }),
    );
  }
  return entries.sort((a, b) => a.code - b.code);
}

/** A code's texts in every companion language that lists it, sorted by tag; undefined when none does. */
function translationsOf(code: number, byLanguage: NormalizeOptions['translations']): Record<string, Translation> | undefined {
  if (byLanguage === undefined) return undefined;
  const found = [...byLanguage]
    .filter(([, texts]) => texts.has(code))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([lang, texts]) => [lang, clean({ ...texts.get(code)! })] as const);
  return found.length ? Object.fromEntries(found) : undefined;
}

export function variantKey(row: Row): string {
  return JSON.stringify([row.message, row.description ?? '', row.suggestion ?? '', row.httpStatus ?? 0, row.section ?? '']);
}

export function dedupe<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Drops undefined fields so JSON output and equality stay clean. */
export function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
