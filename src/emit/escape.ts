/**
 * Escaping of untrusted doc text for each target. Every function is total: no input can
 * end a comment, close a string or reorder how the code reads (bidi controls).
 */

/** Characters that must never appear raw in source: controls, line/paragraph separators, bidi controls. */
const UNSAFE_IN_SOURCE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;

const hex4 = (char: string) => char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

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
