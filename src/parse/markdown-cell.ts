import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { DIRECTIVE_FENCE, mdastToCellText, type CellText } from './cell-text.js';
import { checkSourceLimits, checkTreeDepth, EmphasisBudget } from './doc-limits.js';

const cellProcessor = unified().use(remarkParse).use(remarkGfm);

/** Characters that can start markdown syntax; a cell without any is plain text already. */
const MARKDOWN_SYNTAX = /[\\`*_~[\]<>!&#|]|^\s*(?:[-+]|\d+[.)])\s/m;

/**
 * Reduces the markdown inside an HTML table cell to plain text. Lines are dedented first:
 * the indentation of the HTML source is layout, not a markdown code block; callout fences
 * (`:::note`) become paragraph breaks. The cell's markdown is checked against the limits
 * (DocLimitError without a place: the caller knows the cell's) and spends from `budget`.
 */
export function markdownToCellText(source: string, budget = new EmphasisBudget()): CellText {
  const dedented = source
    .split(/\r?\n/)
    .map((line) => line.trim())
    .map((line) => (DIRECTIVE_FENCE.test(line) ? '' : line))
    .join('\n');
  if (!MARKDOWN_SYNTAX.test(dedented)) {
    // Plain text: blank lines part paragraphs; a single line ending is a soft break (a space).
    const paragraphs = dedented.split(/\n{2,}/).map((paragraph) => paragraph.replace(/\n/g, ' ').trim());
    return { text: paragraphs.filter((paragraph) => paragraph !== '').join('\n'), links: [] };
  }
  checkSourceLimits(dedented, budget, false);
  const tree = cellProcessor.parse(dedented);
  checkTreeDepth(tree, 'markdown', false);
  return mdastToCellText([tree]);
}
