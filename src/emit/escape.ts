import { Document, visit } from 'yaml';
import { writeYaml } from './yaml-writer.js';

/**
 * Escaping of untrusted doc text for each target. Every function is total: no input can
 * end a comment, close a string or reorder how the code reads (bidi controls).
 */

/** Characters that must never appear raw in source: controls, line/paragraph separators, bidi controls. */
const UNSAFE_IN_SOURCE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;

const hex4 = (char: string) => char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** The same characters except line feed, for text formats where a raw newline is layout. */
const UNSAFE_BUT_NEWLINE = new RegExp(UNSAFE_IN_SOURCE.source.replace('\\u0000-\\u001F', '\\u0000-\\u0009\\u000B-\\u001F'), 'g');

/** A TypeScript/JavaScript double-quoted string literal. */
export function tsString(text: string): string {
  return JSON.stringify(text).replace(UNSAFE_IN_SOURCE, (char) => `\\u${hex4(char)}`);
}

/** A Go interpreted string literal (valid UTF-8 in, so only escapes are needed). */
export function goString(text: string): string {
  let out = '"';
  for (const char of text) {
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (UNSAFE_IN_SOURCE.test(char)) out += `\\u${hex4(char)}`;
    else out += char;
    UNSAFE_IN_SOURCE.lastIndex = 0;
  }
  return out + '"';
}

/**
 * Text for a comment line (JSDoc or `//`): unsafe characters become visible `\uXXXX`,
 * `*\/` cannot close a block comment, `@` cannot start a JSDoc tag.
 */
export function commentText(text: string): string {
  return text
    .replace(UNSAFE_IN_SOURCE, (char) => (char === '\n' ? '\n' : char === '\t' ? ' ' : `\\u${hex4(char)}`))
    .replace(/\*\//g, '*\\/')
    .replace(/\/\*/g, '/\\*')
    .replace(/@/g, '＠');
}

/** Comment text split into lines, for emitters that prefix each line. */
export function commentLines(text: string): string[] {
  return commentText(text).split('\n');
}

/**
 * The lines of a Go doc comment (without `//`; '' is a blank `//` line) in the form gofmt
 * (Go 1.19+, go/doc/comment) prints it, so gofmt leaves the file alone whatever the doc
 * text holds: every line is plain paragraph text. Paragraphs are separated by one blank
 * line; inside one, blank lines go and each line is trimmed (an indented line would start
 * a code block or a list, gofmt cuts trailing blanks); `` and '' become “ and ”, as gofmt
 * writes them; a later paragraph that could read as a heading (`# X`, or a one-line
 * capitalised phrase) or as link definitions (`[x]: http://…`) joins the one before.
 * The first paragraph must start with the name it documents, as Go doc comments do.
 */
export function goDocLines(paragraphs: readonly string[]): string[] {
  const blocks: string[][] = [];
  for (const paragraph of paragraphs) {
    const lines = commentLines(paragraph)
      .map((line) => line.trim().replace(/``|''/g, (quotes) => (quotes === '``' ? '\u201C' : '\u201D')))
      .filter((line) => line !== '');
    if (lines.length === 0) continue;
    const previous = blocks[blocks.length - 1];
    if (previous && readsAsGoDocMarkup(lines)) previous.push(...lines);
    else blocks.push(lines);
  }
  return blocks.flatMap((lines, index) => (index === 0 ? lines : ['', ...lines]));
}

/** Whether go/doc/comment could parse this paragraph as other than text (erring towards yes). */
function readsAsGoDocMarkup(lines: readonly string[]): boolean {
  if (lines.every((line) => /^\[[^]*\]:[ \t]/.test(line))) return true;
  if (lines.length !== 1) return false;
  const line = lines[0]!;
  // A new-style heading, or an old-style one: a capitalised line ending in a letter or digit without ;:!? and such.
  return /^#[ \t]/.test(line) || (/^\p{Lu}/u.test(line) && /[\p{L}\p{Nd}]$/u.test(line) && !/[;:!?+*/=[\]{}_^°&§~%#@<">\\]/.test(line));
}

/** Comment text that stays on one line: a newline shows as `\u000A` (for headers). */
export function commentLine(text: string): string {
  return commentText(text.replace(/\n/g, '\\u000A'));
}

/**
 * JSON text (2-space indent, trailing newline) where no string holds a raw bidi control,
 * line separator or invisible character: they are written as `\uXXXX`, which JSON reads
 * back as the same character. JSON.stringify already escapes C0 controls.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_BUT_NEWLINE, (char) => `\\u${hex4(char)}`) + '\n';
}

/**
 * YAML text (no line folding) with the same guarantee: a string holding an unsafe
 * character is written double-quoted, where `\uXXXX` is an escape YAML reads back; only
 * such strings can hold one, so the text is escaped as a whole.
 */
export function yamlText(value: unknown): string {
  // The same text as below, written many times faster on large catalogues (yaml-writer.ts).
  const written = writeYaml(value, { doubleQuoted: needsDoubleQuotes });
  if (written !== undefined) return written.replace(UNSAFE_BUT_NEWLINE, (char) => `\\u${hex4(char)}`);
  const document = new Document(value, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && needsDoubleQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString({ lineWidth: 0 }).replace(UNSAFE_BUT_NEWLINE, (char) => `\\u${hex4(char)}`);
}

/**
 * A string yaml must write double-quoted: one with an unsafe character, or a multi-line one
 * with a line of only blanks (yaml 2.9 writes `" \n"` as a block scalar that reads back `"\n"`).
 */
function needsDoubleQuotes(text: string): boolean {
  return hasUnsafe(text) || (text.includes('\n') && /^[ \t]+$/m.test(text));
}

function hasUnsafe(text: string): boolean {
  UNSAFE_BUT_NEWLINE.lastIndex = 0;
  const found = UNSAFE_BUT_NEWLINE.test(text);
  UNSAFE_BUT_NEWLINE.lastIndex = 0;
  return found;
}
