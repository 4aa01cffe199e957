/** Largest code we accept: a signed 32-bit int, so every target can hold it natively. */
export const MAX_CODE = 2147483647;
/** Largest number of codes one cell may expand to (a range or a list of ranges). */
export const MAX_RANGE = 1000;

export type CodeCell =
  | { kind: 'single'; codes: [number] }
  | { kind: 'range' | 'list'; codes: number[] }
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: InvalidCodeReason };

export type InvalidCodeReason = 'negative' | 'too-large' | 'range-order' | 'range-size' | 'not-a-number';

/** `95201—95209`, `95201 - 95209`, `95201~95209`, `95201 至 95209`, `95201..95209`. */
const RANGE = /^(\d+)\s*(?:[-—–‒―−~～至到]|\.\.)\s*(\d+)$/u;
const RANGE_INSIDE = /(\d)\s*([-—–‒―−~～至到]|\.\.)\s*(?=\d)/gu;
/** Between the codes of a list: `,` `，` `、` `;` `/`, `or`/`and`/`或`/`和`/`及`, or blanks. */
const LIST_SEPARATOR = /\s*(?:[,，、;；/／]|\s(?:or|and|或|和|及|以及)\s|或|和|及|以及)\s*|\s+/u;

/**
 * Reads a code cell: `1002102`, `95201—95209` (range), `1001, 1002` or `1001, 1003-1005`
 * (list). Every code a cell names stays usable: ranges and lists become one entry per
 * code. Bold, inline code and full-width digits are read as plain digits.
 */
export function parseCodeCell(raw: string): CodeCell {
  const text = raw.normalize('NFKC').replace(/[`*_]/g, '').trim();
  if (text === '') return { kind: 'empty' };
  if (/^-\s*\d+$/.test(text)) return { kind: 'invalid', reason: 'negative' };
  if (/^\d+$/.test(text)) {
    const code = Number(text);
    return code > MAX_CODE ? { kind: 'invalid', reason: 'too-large' } : { kind: 'single', codes: [code] };
  }
  if (RANGE.test(text)) {
    const range = readRange(text);
    return 'reason' in range ? { kind: 'invalid', reason: range.reason } : { kind: 'range', codes: range.codes };
  }
  const parts = text
    .replace(RANGE_INSIDE, '$1$2')
    .split(LIST_SEPARATOR).filter((part) => part !== '');
  if (parts.length < 2) return { kind: 'invalid', reason: 'not-a-number' };
  // Counted as they come, repeats too: `1-1000,` × 100,000 must stop at the limit, not expand first.
  const codes = new Set<number>();
  let listed = 0;
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      const code = Number(part);
      if (code > MAX_CODE) return { kind: 'invalid', reason: 'too-large' };
      codes.add(code);
      listed++;
    } else if (RANGE.test(part)) {
      const range = readRange(part);
      if ('reason' in range) return { kind: 'invalid', reason: range.reason };
      for (const code of range.codes) codes.add(code);
      listed += range.codes.length;
    } else return { kind: 'invalid', reason: 'not-a-number' };
    if (listed > MAX_RANGE) return { kind: 'invalid', reason: 'range-size' };
  }
  return { kind: 'list', codes: [...codes] };
}

/** A cell that reads as at least one code (used to tell which column holds the codes). */
export function isCodeCell(raw: string): boolean {
  const kind = parseCodeCell(raw).kind;
  return kind === 'single' || kind === 'range' || kind === 'list';
}

function readRange(text: string): { codes: number[] } | { reason: InvalidCodeReason } {
  const [, from, to] = RANGE.exec(text)!;
  const low = Number(from);
  const high = Number(to);
  if (high > MAX_CODE) return { reason: 'too-large' };
  if (high <= low) return { reason: 'range-order' };
  if (high - low + 1 > MAX_RANGE) return { reason: 'range-size' };
  const codes: number[] = [];
  for (let code = low; code <= high; code++) codes.push(code);
  return { codes };
}

/** `200` … `599`, else undefined. */
export function parseHttpStatus(raw: string): number | undefined {
  const text = raw.normalize('NFKC').replace(/[`*]/g, '').trim();
  const match = /^(\d{3})\b/.exec(text);
  if (!match) return undefined;
  const status = Number(match[1]);
  return status >= 100 && status <= 599 ? status : undefined;
}
