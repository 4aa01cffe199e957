import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';
import { clip, MAX_REASON_CHARS } from './limits.js';

export type Severity = 'error' | 'warning' | 'info';

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
  ruleId: string,
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
