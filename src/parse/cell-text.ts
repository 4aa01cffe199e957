import type { Nodes as MdastNodes } from 'mdast';

/** A link found in a cell: the text stays in the cell text, the URL is kept aside. */
export interface CellLink {
  readonly text: string;
  readonly url: string;
}

export interface CellText {
  readonly text: string;
  readonly links: readonly CellLink[];
}

/**
 * Inline HTML tags that are formatting, not content: they are dropped (`<br>` becomes a
 * line break). Any other `<tag>` is kept as literal text, so a cell that says
 * `<script>` still says it after normalization.
 */
const FORMATTING_TAGS = new Set([
  'a', 'b', 'big', 'br', 'code', 'del', 'div', 'em', 'font', 'i', 'img', 'ins', 'kbd',
  'li', 'mark', 'md-text', 'ol', 'p', 'pre', 's', 'small', 'span', 'strike', 'strong',
  'sub', 'sup', 'u', 'ul',
]);

/**
 * The fences of the Open Platform's callouts (`:::note` … `:::`, `:::tip`, `:::warning`):
 * layout, not text, so the lines are dropped and the callout's text is kept.
 */
export const DIRECTIVE_FENCE = /^:::\s*(?:[A-Za-z][\w-]*)?$/;

/** Reduces mdast (a table cell's children, or a parsed cell of an HTML table) to plain text. */
export function mdastToCellText(nodes: readonly MdastNodes[]): CellText {
  const links: CellLink[] = [];
  const text = nodes.map((node) => reduce(node, links)).join('');
  return { text, links };
}

function reduce(node: MdastNodes, links: CellLink[]): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      // A line ending inside a paragraph is a soft break: the page shows a space.
      return node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
    case 'code':
      return node.value;
    case 'break':
      return '\n';
    case 'html':
      return reduceHtml(node.value);
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
    case 'definition':
    case 'footnoteDefinition':
    case 'yaml':
    case 'thematicBreak':
      return '';
    case 'link': {
      const text = reduceAll(node.children, links);
      if (node.url) links.push({ text: text.trim(), url: node.url });
      return text;
    }
    case 'root':
    case 'blockquote':
    case 'table':
      return joinBlocks(node.children, links);
    case 'list':
      return node.children
        .map((item, index) => {
          const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '- ';
          return marker + joinBlocks(item.children, links);
        })
        .join('\n');
    case 'listItem':
      return joinBlocks(node.children, links);
    case 'tableRow':
      return node.children.map((cell) => reduceAll(cell.children, links)).join(' | ');
    default: {
      const other = node as { children?: MdastNodes[]; value?: unknown };
      if (other.children) return reduceAll(other.children, links);
      return typeof other.value === 'string' ? other.value : '';
    }
  }
}

function reduceAll(nodes: readonly MdastNodes[], links: CellLink[]): string {
  return nodes.map((child) => reduce(child, links)).join('');
}

function joinBlocks(nodes: readonly MdastNodes[], links: CellLink[]): string {
  return nodes
    .map((child) => reduce(child, links))
    .filter((text) => text.trim() !== '')
    .join('\n');
}

/** `<br>` → newline, known formatting tags → nothing, anything else stays as written. */
function reduceHtml(value: string): string {
  const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?\/?>$/.exec(value.trim());
  if (!tag) return value;
  const name = tag[1]!.toLowerCase();
  if (name === 'br' || name === 'p' || name === 'div' || name === 'li') return '\n';
  return FORMATTING_TAGS.has(name) ? '' : value;
}
