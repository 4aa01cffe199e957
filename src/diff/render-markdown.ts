import type { CatalogDiff, Change, ModuleDiff } from './changes.js';
import { CHANGE_LABELS, changeDetail, orderedChanges, orderedModules, plural, type Markup } from './describe.js';
import type { DiffLabels } from './render-text.js';
import { summaryLine } from './summary.js';

/** GitHub-flavoured markdown; doc text is escaped so no cell can break a table or inject HTML. */
const MARKDOWN: Markup = {
  text: (text) => escapeMarkdown(text),
  removed: (text) => `<del>${escapeMarkdown(text)}</del>`,
  added: (text) => `<ins>${escapeMarkdown(text)}</ins>`,
  name: (name) => code(name),
};

/**
 * A ready pull-request description: a headline, the summary, then one section per
 * module (modules with breaking changes first), each with its breaking changes first.
 */
export function renderMarkdown(diff: CatalogDiff, labels: DiffLabels): string {
  const summary = summaryLine(diff);
  const breaking = diff.modules.flatMap((module) => module.changes).filter((change) => change.breaking).length;
  const headline =
    diff.modules.length === 0 ? 'no change' : breaking > 0 ? plural(breaking, 'breaking change') : 'no breaking change';
  const blocks = [
    `## Feishu error codes: ${headline}`,
    `Compared ${code(labels.old)} → ${code(labels.new)}: ${escapeMarkdown(summary)}.`,
  ];
  for (const module of orderedModules(diff)) blocks.push(...moduleBlocks(module));
  return blocks.join('\n\n') + '\n';
}

function moduleBlocks(module: ModuleDiff): string[] {
  const title = module.title ? ` ${escapeMarkdown(module.title)}` : '';
  const type = module.typeName ? ` (${code(module.typeName)})` : '';
  const blocks = [`### ${code(module.id)}${title}${type}`];
  if (module.docUpdated) blocks.push(`Doc updated ${module.docUpdated.before} → ${module.docUpdated.after}.`);
  const changes = orderedChanges(module);
  if (module.status === 'added') {
    const codes = changes.filter((change) => change.kind === 'code-added');
    blocks.push(`New module with ${plural(codes.length, 'code')}.`);
    if (codes.length > 0) {
      blocks.push(`<details><summary>${plural(codes.length, 'code')}</summary>`, table(codes, false), '</details>');
    }
    return blocks;
  }
  const breaking = changes.filter((change) => change.breaking);
  const others = changes.filter((change) => !change.breaking);
  if (breaking.length > 0) blocks.push('#### Breaking changes', table(breaking, true));
  if (others.length > 0) blocks.push(breaking.length > 0 ? '#### Other changes' : '#### Changes', table(others, true));
  return blocks;
}

function table(changes: readonly Change[], withKind: boolean): string {
  const rows = [
    withKind ? '| Change | Code | Name | Details |' : '| Code | Name | Message |',
    withKind ? '|---|---:|---|---|' : '|---:|---|---|',
  ];
  for (const change of changes) {
    const cells = [
      ...(withKind ? [CHANGE_LABELS[change.kind]] : []),
      change.code === undefined ? '' : String(change.code),
      change.name === undefined ? '' : code(change.name),
      changeDetail(change, MARKDOWN),
    ];
    rows.push(`| ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

/** Text as a code span, or escaped text when it holds a backtick. */
function code(text: string): string {
  return text.includes('`') ? escapeMarkdown(text) : `\`${text.replace(/[\r\n|]/g, ' ')}\``;
}

/** Escapes what markdown or HTML would read as markup, and keeps the text on one table row. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]~|#!]/g, (char) => `\\${char}`);
}
