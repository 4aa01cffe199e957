/**
 * Escaping of untrusted doc text for the markdown catalogue. Every function is total:
 * what a cell says re-parses (GFM) to exactly that text, and no cell can add a column,
 * end the table, inject HTML or hide text behind invisible characters.
 */

/**
 * ASCII punctuation that can start markdown or GFM syntax inline (`\` escapes it), and
 * what starts a GFM autolink literal (`://`, `www.`, `@`): escapes are not read inside
 * a literal URL, so it must not become one.
 */
const INLINE_SYNTAX = /[\\`*_[\]<>&|~@]|:(?=\/\/)|(?<=www)\./gi;

/** Invisible or reordering characters: shown as character references, so a diff shows them. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;

const reference = (char: string) => `&#x${char.codePointAt(0)!.toString(16).toUpperCase()};`;

/**
 * Text for one GFM table cell: markdown syntax, pipes and HTML are backslash-escaped,
 * line breaks become `<br>`, and spaces or tabs at either end (which GFM would trim)
 * become character references.
 */
export function markdownCell(text: string): string {
  const escaped = text.replace(INLINE_SYNTAX, '\\$&').replace(INVISIBLE, reference).replace(/\r\n|[\r\n]/g, '<br>');
  return escaped.replace(/^[ \t]+|[ \t]+$/g, (spaces) => [...spaces].map(reference).join(''));
}

/**
 * Text for a single line outside a table (a heading, a paragraph): as a cell, line breaks
 * become spaces, and a closing run of `#` is escaped (an ATX heading would drop it).
 */
export function markdownInline(text: string): string {
  return markdownCell(text.replace(/\s*(?:\r\n|[\r\n])\s*/g, ' ').trim()).replace(/#(?=#*$)/g, '\\#');
}

/** A link destination in `<…>`: the URL as the WHATWG parser serializes it, with nothing that ends it. */
export function markdownUrl(url: string): string {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    href = encodeURI(url);
  }
  return `<${href.replace(/[<>\\\s]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}>`;
}
