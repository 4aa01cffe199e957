import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';
import { clip, MAX_REASON_CHARS } from './limits.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Every rule id a message can carry (what `lint` prints last, what the config's `rules`
 * sets). `report` takes only these, so the list cannot drift from the messages.
 */
export const RULE_IDS = [
  'code-column',
  'code-list',
  'code-range',
  'codes-limit',
  'companion',
  'control-character',
  'cross-module-conflict',
  'delimiter-row-width',
  'duplicate-code',
  'duplicate-column',
  'duplicate-endpoint',
  'emphasis-limit',
  'empty-module',
  'empty-file',
  'empty-message',
  'empty-table',
  'encoding',
  'endpoint',
  'extra-cell',
  'front-matter',
  'go-module',
  'go-package',
  'go-package-collision',
  'indented-row',
  'invalid-code',
  'invalid-http-status',
  'invalid-name',
  'java-name-collision',
  'java-package',
  'message-from-other-column',
  'missing-code',
  'missing-source-url',
  'missing-translation',
  'module-id',
  'name-collision',
  'name-conflict',
  'nesting-limit',
  'no-error-table',
  'no-usable-row',
  'not-an-error-table',
  'python-name-collision',
  'removed-code',
  'row-outside-table',
  'shared-endpoint',
  'source-url',
  'sub-code',
  'table-limit',
  'type-name',
  'type-name-collision',
  'typo',
  'unclosed-html-table',
  'unknown-category',
  'unknown-code-category',
  'unknown-code-column',
  'unknown-code-name',
  'unknown-column',
  'unknown-module',
  'unnamed-code',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** The `source` of every message this tool reports. */
export const MESSAGE_SOURCE = 'feishu-errcodes';

/**
 * Records a problem in the user's file as a vfile message: `error` is fatal, `warning`
 * is not, `info` has no fatality. Stages never print; the CLI reports.
 */
export function report(
  file: VFile,
  severity: Severity,
  reason: string,
  place: Point | Position | undefined,
  ruleId: RuleId,
): void {
  // Reasons quote doc text; a terminal must not run its escape sequences. A reason that
  // quotes a huge cell is clipped: printers pad and measure every line.
  const shown = clip(reason, MAX_REASON_CHARS).replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  const message = file.message(shown, { place, ruleId, source: MESSAGE_SOURCE });
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}

/** Sorts messages by place then text with code-unit comparison, so output is stable. */
export function sortMessages(file: VFile): void {
  file.messages.sort((a, b) => {
    const la = a.line ?? 0;
    const lb = b.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.column ?? 0;
    const cb = b.column ?? 0;
    if (ca !== cb) return ca - cb;
    return a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0;
  });
}

/**
 * Rules that report what Feishu's own pages do, which the tool resolves by itself: info by
 * default, not warnings (a warning is for what the user can act on; `lint` still lists
 * these). A name collision gets a suffix (the lock keeps it; `names` in the config picks
 * another); a code listed again keeps its other texts as variants; a cell past the header
 * (a split link, the `==标记==` noise) or a delimiter row of another width is read at the
 * header's width; a request URL outside /open-apis/ leaves the page's rows module-level;
 * two pages of a folder declaring one endpoint merge their rows; two modules declaring one
 * endpoint each keep their own. The config's `rules` can raise any of them again.
 * `empty-module` and `unnamed-code` stay warnings: removing the folder, or choosing names,
 * changes what is generated.
 */
export const DEFAULT_RULE_SEVERITIES: Readonly<Record<string, Severity>> = {
  'delimiter-row-width': 'info',
  'duplicate-code': 'info',
  'duplicate-endpoint': 'info',
  endpoint: 'info',
  'extra-cell': 'info',
  'name-collision': 'info',
  'shared-endpoint': 'info',
};

/**
 * Applies the config's `rules` (over DEFAULT_RULE_SEVERITIES) to a file's messages: `off`
 * drops a rule's messages, `info`, `warning` and `error` set their severity. An error
 * stays an error: it stopped the run for a reason (the doc cannot be read as it is), so a
 * rule can be raised, never lowered below error.
 */
export function applyRuleSeverities(file: VFile, configured: Readonly<Record<string, 'off' | Severity>>): void {
  const rules: Readonly<Record<string, 'off' | Severity>> = { ...DEFAULT_RULE_SEVERITIES, ...configured };
  file.messages = file.messages.filter((message) => {
    const setting = message.ruleId !== undefined && Object.hasOwn(rules, message.ruleId) ? rules[message.ruleId] : undefined;
    if (setting === undefined || message.fatal === true) return true;
    if (setting === 'off') return false;
    message.fatal = setting === 'error' ? true : setting === 'warning' ? false : undefined;
    return true;
  });
}
