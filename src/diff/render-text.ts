import type { CatalogDiff, ModuleDiff } from './changes.js';
import { CHANGE_LABELS, changeDetail, orderedChanges, orderedModules, plural, type Markup } from './describe.js';
import { summaryLine } from './summary.js';

/** Labels of the two sides as the user gave them. */
export interface DiffLabels {
  readonly old: string;
  readonly new: string;
}

/** git's `--word-diff=plain` marks. */
const TEXT: Markup = {
  text: (text) => printable(text),
  removed: (text) => `[-${printable(text)}-]`,
  added: (text) => `{+${printable(text)}+}`,
  name: (name) => printable(name),
};

/** Doc text may come from any JSON catalogue: no control character reaches the terminal. */
function printable(text: string): string {
  return text.replace(/[\t\n\r]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

/** A report for the terminal: a summary line, then one block per module, breaking changes first. */
export function renderText(diff: CatalogDiff, labels: DiffLabels): string {
  const lines = [`${printable(labels.old)} → ${printable(labels.new)}: ${summaryLine(diff)}`];
  for (const module of orderedModules(diff)) lines.push('', ...moduleLines(module));
  return lines.join('\n') + '\n';
}

function moduleLines(module: ModuleDiff): string[] {
  const changes = orderedChanges(module);
  const breaking = changes.filter((change) => change.breaking).length;
  const others = changes.length - breaking;
  const counts = [breaking ? `${breaking} breaking` : '', others ? plural(others, breaking ? 'other change' : 'change') : ''].filter(Boolean).join(', ');
  const dates = module.docUpdated ? `; doc updated ${module.docUpdated.before} → ${module.docUpdated.after}` : '';
  const lines = [`${printable(module.id)}${module.typeName ? ` (${printable(module.typeName)})` : ''}: ${counts}${dates}`];
  const labelWidth = changes.reduce((width, change) => Math.max(width, CHANGE_LABELS[change.kind].length), 0);
  // reduce, not Math.max(...list): a spread of a million changes overflows the stack.
  const codeWidth = changes.reduce((width, change) => Math.max(width, change.code === undefined ? 0 : String(change.code).length), 0);
  const nameWidth = changes.reduce((width, change) => Math.max(width, change.name?.length ?? 0), 0);
  for (const change of changes) {
    const columns = [
      change.breaking ? 'breaking' : '        ',
      CHANGE_LABELS[change.kind].padEnd(labelWidth),
      ...(codeWidth > 0 ? [(change.code === undefined ? '' : String(change.code)).padEnd(codeWidth)] : []),
      ...(nameWidth > 0 ? [(change.name ?? '').padEnd(nameWidth)] : []),
      changeDetail(change, TEXT),
    ];
    lines.push(`  ${columns.join('  ')}`.trimEnd());
  }
  return lines;
}
