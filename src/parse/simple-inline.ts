import type { PhrasingContent } from 'mdast';
import type { Point } from 'unist';

/**
 * The inline nodes of a table cell's text without the markdown parser, when the text is
 * plain text, `[label](url)` links and `` `code` `` spans only and the result is the one
 * micromark + GFM gives: undefined as soon as anything else could be syntax.
 *
 * Most cells of Feishu's error tables are a sentence with a link to a guide; parsing them
 * was most of a snapshot's parse time. What is accepted, and why it reads the same:
 * - plain text and labels hold nothing `needsParser` flags (emphasis, escapes, references,
 *   HTML, autolink literals, brackets, a `_` that could be a delimiter): each is one text node;
 * - a link is `[` label `](` destination `)` with a destination of visible characters other
 *   than `()<>[]\`&"'` and spaces (so no title, no escape, no reference), not after `!`
 *   (an image), and a label not starting with `^` (a footnote call): url = the destination;
 * - a code span is one backtick, content without backticks, one backtick: its value is the
 *   content, less one space on each side when both sides have one and it is not all spaces.
 * No backslash anywhere (a table reads `\|` inside code differently from a paragraph).
 * `offset`, `column` and `line` are where the text's first character sits in the doc.
 */
export function readSimpleInline(
  value: string,
  needsParser: (text: string) => boolean,
  offset: number,
  column: number,
  line: number,
): PhrasingContent[] | undefined {
  if (value.includes('\\')) return undefined;
  const nodes: PhrasingContent[] = [];
  const at = (index: number): Point => ({ line, column: column + index, offset: offset + index });
  let plainFrom = 0;
  const flush = (to: number): boolean => {
    if (to === plainFrom) return true;
    const text = value.slice(plainFrom, to);
    if (needsParser(text)) return false;
    nodes.push({ type: 'text', value: text, position: { start: at(plainFrom), end: at(to) } });
    return true;
  };
  let index = 0;
  while (index < value.length) {
    const char = value.charCodeAt(index);
    if (char === 96 /* ` */) {
      const close = value.indexOf('`', index + 1);
      if (close === -1 || close === index + 1 || value.charCodeAt(index + 1) === 96 || value.charCodeAt(close + 1) === 96) return undefined;
      if (!flush(index)) return undefined;
      let content = value.slice(index + 1, close);
      if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
      nodes.push({ type: 'inlineCode', value: content, position: { start: at(index), end: at(close + 1) } });
      index = close + 1;
      plainFrom = index;
    } else if (char === 91 /* [ */) {
      const end = value.indexOf('](', index + 1);
      if (end === -1 || value.charCodeAt(index - 1) === 33 /* ! */ || value.charCodeAt(index + 1) === 94 /* ^ */) return undefined;
      const label = value.slice(index + 1, end);
      if (label === '' || needsParser(label)) return undefined;
      const close = value.indexOf(')', end + 2);
      if (close === -1) return undefined;
      const url = value.slice(end + 2, close);
      if (url === '' || !DESTINATION.test(url)) return undefined;
      if (!flush(index)) return undefined;
      nodes.push({
        type: 'link',
        title: null,
        url,
        children: [{ type: 'text', value: label, position: { start: at(index + 1), end: at(end) } }],
        position: { start: at(index), end: at(close + 1) },
      });
      index = close + 1;
      plainFrom = index;
    } else index++;
  }
  return flush(value.length) ? nodes : undefined;
}

/** A destination that is one raw run: visible ASCII but `()<>[]\`&"'`, or non-ASCII but no space. */
const DESTINATION = /^[!#-%*-;=?-Z^_a-z|~\u00a1-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff\u3001-\ud7ff\ue000-\ufeff\uff00-\uffff]+$/;
