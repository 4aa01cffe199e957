/**
 * The documented limits (docs/limits.md): what one run reads at most. Each is far above
 * any real Feishu page (the largest has a few thousand rows) and low enough that every
 * input ends in bounded time and memory with a clear error instead of a crash or a hang.
 */

/** Largest seed file read (bytes); a 100,000-row page is about 12 MiB. */
export const MAX_SEED_BYTES = 32 * 1024 * 1024;
/** Most seed files one run reads (flat seeds and the pages of module folders together). */
export const MAX_SEED_FILES = 20_000;
/** Deepest module folder read below the seeds folder (`seeds/a/b/…`); deeper folders are an error. */
export const MAX_SEED_FOLDER_DEPTH = 16;
/** Largest config file read (bytes). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Largest name lock read (bytes). */
export const MAX_LOCK_BYTES = 64 * 1024 * 1024;
/** Largest generated JSON catalogue (`<out>/json/*.json`) `explain` reads (bytes): a module at the code limit fits. */
export const MAX_CATALOGUE_BYTES = 256 * 1024 * 1024;
/** Most entries (codes, all modules together) a name lock may hold. */
export const MAX_LOCK_ENTRIES = 250_000;
/** Most cells in one table row (pipes + 1, or cells of an HTML row). */
export const MAX_CELLS_PER_ROW = 1_000;
/**
 * Longest table cell (characters). Every cell's text is written into several targets, so
 * a 10 MB cell would write hundreds of MB; real cells hold at most a few hundred.
 */
export const MAX_CELL_CHARS = 16_384;
/** Most body rows in one table. */
export const MAX_ROWS_PER_TABLE = 200_000;
/** Most codes one doc may give (rows, with ranges and lists expanded). */
export const MAX_CODES_PER_DOC = 200_000;
/** Most levels of nesting: block quotes and lists in markdown, elements in HTML. */
export const MAX_NESTING_DEPTH = 100;
/**
 * Emphasis budget of one doc: the sum, over each block of inline text (a paragraph, a
 * table row, an HTML cell), of the square of its `*` and `_` marks. The markdown parser's
 * work on emphasis grows with that square; 2,000 marks in one paragraph cost 4,000,000.
 */
export const MAX_EMPHASIS_COST = 16_000_000;
/** Longest doc text quoted in a diagnostic (characters); longer quotes end with `…`. */
export const MAX_QUOTE_CHARS = 80;
/** Longest diagnostic reason (characters); a safety net, the reasons bound what they quote. */
export const MAX_REASON_CHARS = 2_000;
/** Most source lines one diagnostic lists (a code repeated on many rows). */
export const MAX_LISTED_LINES = 200;
/** Longest `from` kept in a normalization (characters); a code list is stored clipped, once per code. */
export const MAX_NORMALIZATION_FROM_CHARS = 120;
/** Most diagnostics printed per file by generate and check (lint lists them all). */
export const MAX_PRINTED_MESSAGES = 1_000;

/** `text` cut to `max` characters (never inside a surrogate pair), with `…` when cut. */
export function clip(text: string, max = MAX_QUOTE_CHARS): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** `200000` → `200,000` (no locale: the same on every machine). */
export function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
