import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { mdastToCellText, type CellText } from './cell-text.js';

const cellProcessor = unified().use(remarkParse).use(remarkGfm);

/** Characters that can start markdown syntax; a cell without any is plain text already. */
const MARKDOWN_SYNTAX = /[\\`*_~[\]<>!&#|]|^\s*(?:[-+]|\d+[.)])\s/m;

/**
 * Reduces the markdown inside an HTML table cell to plain text. Lines are dedented first:
 * the indentation of the HTML source is layout, not a markdown code block.
 */
export function markdownToCellText(source: string): CellText {
  const dedented = source
    .split(/\r?\n/)
    .map((line) => line.trim())
    .join('\n');
  if (!MARKDOWN_SYNTAX.test(dedented)) return { text: dedented, links: [] };
  const tree = cellProcessor.parse(dedented);
  return mdastToCellText([tree]);
}
