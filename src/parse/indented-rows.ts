/**
 * A pipe-table row indented by four or more columns more than its header is, for the
 * markdown parser, an indented code block that ends the table: the row (and every code in
 * it) would be lost. Feishu pages have such rows (cells padded with tabs or spaces, the
 * leading pipe missing), so before the markdown parser runs they are moved back to the
 * header's indentation. Only the leading blanks of those lines change, so every line
 * number stays true.
 */
export interface IndentRepair {
  /** 1-based line of the row. */
  readonly line: number;
  /** Columns of indentation removed (a tab counts to the next multiple of 4). */
  readonly columns: number;
}

export function dedentTableRows(source: string): { source: string; repairs: IndentRepair[] } {
  const lines = source.split('\n');
  const repairs: IndentRepair[] = [];
  let fence: string | undefined;
  /** Indentation of the header of the table the previous line belongs to. */
  let tableIndent: number | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r$/, '');
    const indent = indentation(line);
    const text = line.trim();

    const fenceMark = /^(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== undefined) {
      if (fenceMark !== undefined && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMark !== undefined && indent < 4) {
      fence = fenceMark;
      tableIndent = undefined;
      continue;
    }
    if (text === '') {
      tableIndent = undefined;
      continue;
    }
    if (tableIndent !== undefined) {
      if (indent >= tableIndent + 4 && hasUnescapedPipe(text)) {
        const prefix = lines[index]!.slice(0, lines[index]!.length - lines[index]!.trimStart().length);
        lines[index] = ' '.repeat(tableIndent) + lines[index]!.slice(prefix.length);
        repairs.push({ line: index + 1, columns: indent - tableIndent });
      }
      continue;
    }
    const next = lines[index + 1]?.replace(/\r$/, '');
    if (next !== undefined && hasUnescapedPipe(text) && isDelimiterRow(next)) {
      tableIndent = indent;
      index++; // the delimiter row
    }
  }
  return { source: repairs.length ? lines.join('\n') : source, repairs };
}

/** Columns of leading blanks; a tab advances to the next multiple of 4. */
function indentation(line: string): number {
  let columns = 0;
  for (const char of line) {
    if (char === ' ') columns++;
    else if (char === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

function hasUnescapedPipe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '|') return true;
  }
  return false;
}

/** `| --- | :-: |`, `---|---`: pipes, dashes, colons and blanks only, with a dash and a pipe. */
function isDelimiterRow(line: string): boolean {
  const trimmed = line.trim();
  if (!trimmed.includes('-') || !trimmed.includes('|')) return false;
  return trimmed.split('|').every((cell) => cell.trim() === '' || /^:?-+:?$/.test(cell.trim()));
}
