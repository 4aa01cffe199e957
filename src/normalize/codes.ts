/** Largest code we accept: a signed 32-bit int, so every target can hold it natively. */
export const MAX_CODE = 2147483647;
/** Largest range we expand into single codes. */
export const MAX_RANGE = 1000;

export type CodeCell =
  | { kind: 'single'; codes: [number] }
  | { kind: 'range' | 'list'; codes: number[] }
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: string };

const RANGE = /^(\d+)\s*(?:[-—–~～至到]|\.\.)\s*(\d+)$/u;
const LIST_SEPARATOR = /\s*(?:[,，、;；/]|\s+or\s+|\s+和\s+|\s+)\s*/u;

/**
 * Reads a code cell: `1002102`, `95201—95209` (range), `1001, 1002` (list). Every code a
 * cell names stays usable: ranges and lists become one entry per code.
 */
export function parseCodeCell(raw: string): CodeCell {
  const text = raw.normalize('NFKC').replace(/[`*]/g, '').trim();
  if (text === '') return { kind: 'empty' };
  if (/^-\s*\d+$/.test(text)) return { kind: 'invalid', reason: 'negative' };
  if (/^\d+$/.test(text)) {
    const code = Number(text);
    return code > MAX_CODE ? { kind: 'invalid', reason: 'too-large' } : { kind: 'single', codes: [code] };
  }
  const range = RANGE.exec(text);
  if (range) {
    const low = Number(range[1]);
    const high = Number(range[2]);
    if (high <= low) return { kind: 'invalid', reason: 'range-order' };
    if (high > MAX_CODE) return { kind: 'invalid', reason: 'too-large' };
    if (high - low + 1 > MAX_RANGE) return { kind: 'invalid', reason: 'range-size' };
    const codes: number[] = [];
    for (let code = low; code <= high; code++) codes.push(code);
    return { kind: 'range', codes };
  }
  const parts = text.split(LIST_SEPARATOR).filter((part) => part !== '');
  if (parts.length > 1 && parts.every((part) => /^\d+$/.test(part))) {
    const codes = parts.map(Number);
    if (codes.some((code) => code > MAX_CODE)) return { kind: 'invalid', reason: 'too-large' };
    return { kind: 'list', codes: [...new Set(codes)] };
  }
  return { kind: 'invalid', reason: 'not-a-number' };
}

/** `200` … `599`, else undefined. */
export function parseHttpStatus(raw: string): number | undefined {
  const text = raw.normalize('NFKC').replace(/[`*]/g, '').trim();
  const match = /^(\d{3})\b/.exec(text);
  if (!match) return undefined;
  const status = Number(match[1]);
  return status >= 100 && status <= 599 ? status : undefined;
}
