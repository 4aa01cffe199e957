/**
 * GFM refuses a table whose delimiter row has another number of cells than its header
 * (a CoreHR page has a 4-cell header over a 5-cell delimiter). Feishu's renderer is
 * lenient, so we are too: such a delimiter row is rewritten to the header's width before
 * the markdown parser runs. Only that one line changes, so every line number stays true.
 */
export interface DelimiterRepair {
  /** 1-based line of the delimiter row. */
  readonly line: number;
  readonly headerCells: number;
  readonly delimiterCells: number;
}

export function repairDelimiterRows(source: string): { source: string; repairs: DelimiterRepair[] } {
  const lines = source.split('\n');
  const repairs: DelimiterRepair[] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = stripCr(lines[index]!);
    if (!isDelimiterRow(line)) continue;
    const header = stripCr(lines[index - 1]!);
    if (!header.includes('|') || isDelimiterRow(header)) continue;
    const headerCells = countCells(header);
    const delimiterCells = countCells(line);
    if (headerCells === delimiterCells || headerCells < 1) continue;
    const cr = lines[index]!.endsWith('\r') ? '\r' : '';
    lines[index] = '|' + ' --- |'.repeat(headerCells) + cr;
    repairs.push({ line: index + 1, headerCells, delimiterCells });
  }
  return { source: repairs.length ? lines.join('\n') : source, repairs };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** `| --- | :-: |`, `---|---`: pipes, dashes, colons and blanks only, with a dash and a pipe. */
function isDelimiterRow(line: string): boolean {
  const trimmed = line.trim();
  if (!trimmed.includes('-') || !trimmed.includes('|')) return false;
  for (const char of trimmed) if (!'|-: \t'.includes(char)) return false;
  return trimmed.split('|').every((cell) => cell.trim() === '' || /^:?-+:?$/.test(cell.trim()));
}

/** Cells of a pipe-table line: unescaped pipes split, outer pipes optional. */
function countCells(line: string): number {
  let trimmed = line.trim();
  if (trimmed.startsWith('|')) trimmed = trimmed.slice(1);
  if (trimmed.endsWith('|') && !trimmed.endsWith('\\|')) trimmed = trimmed.slice(0, -1);
  let cells = 1;
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed[i] === '\\') i++;
    else if (trimmed[i] === '|') cells++;
  }
  return cells;
}
