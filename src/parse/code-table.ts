/**
 * Whether a table's code column holds error codes, from its header and its values (issue 29
 * §6): a colour table (`| code | 颜色描述 | rgb |` with `#ffffff` values) or an enum table
 * (`| code | name |` with `0 | UNKNOWN`) has a column named like a code, and must not become
 * error codes. Error codes are integers, mostly of four digits or more; a colour table has hex
 * values; an enum table has identifiers or a run of small numbers.
 *
 * A header that says "error" (`错误码`, `errcode`, `Error code`) is trusted for everything but
 * colours: its table is an error table whatever its numbers.
 */

/** Why the table is not an error table (`colour values in column rgb`), or undefined when it is one. */
export function notErrorCodes(
  headers: readonly string[],
  codeColumn: number,
  body: readonly (readonly string[])[],
  isCode: (text: string) => boolean,
): string | undefined {
  const column = (index: number) => body.map((row) => (row[index] ?? '').trim()).filter((text) => text !== '');
  for (let index = 0; index < headers.length; index++) {
    if (index === codeColumn) continue;
    const values = column(index);
    const colours = values.filter((text) => COLOUR.test(text)).length;
    if (colours >= 2 && colours * 2 >= values.length) return `colour values (\`${values.find((text) => COLOUR.test(text))}\`) in column \`${headers[index]?.trim() ?? ''}\``;
  }
  // A header naming an error, or a message column beside the codes: an error table whatever its numbers.
  if (saysError(headers[codeColumn] ?? '') || headers.some((header, index) => index !== codeColumn && namesMessage(header))) return undefined;

  const codes = column(codeColumn);
  if (codes.length === 0) return undefined;
  const numeric = codes.filter(isCode);
  // Names: mostly not numbers, and at least two different identifiers (`UNKNOWN`, `TEXT_TAG`); a
  // column of broken codes (`abc`, `1.5`, `-5`, `错误`) stays an error table, its rows reported.
  const names = new Set(codes.filter((text) => !isCode(text) && IDENTIFIER.test(text)));
  if (numeric.length * 2 < codes.length && names.size >= 2) return `names, not numbers, in the code column (\`${[...names][0]}\`)`;
  const numbers = numeric.map((text) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN));
  if (numbers.some((value) => Number.isNaN(value) || value >= SMALL)) return undefined;
  // Every code is below 1000: an error table if nothing says otherwise, an enumeration if a run or names say so.
  const sorted = [...numbers].sort((a, b) => a - b);
  const run = sorted.length >= 3 && sorted[0]! <= 1 && sorted.every((value, index) => index === 0 || value === sorted[index - 1]! + 1);
  if (run) return `a run of small numbers (${sorted[0]} to ${sorted[sorted.length - 1]}) in the code column, an enumeration`;
  for (let index = 0; index < headers.length; index++) {
    if (index === codeColumn) continue;
    const values = column(index);
    if (values.length >= 2 && values.length * 2 >= body.length && values.every((text) => IDENTIFIER.test(text) && /[_A-Z]/.test(text))) {
      return `identifiers (\`${values[0]}\`) beside small numbers, an enumeration`;
    }
  }
  return undefined;
}

/** Codes below this are enumeration values when the table says so (Feishu's error codes have four digits or more). */
const SMALL = 1000;
/** `#fff`, `#ffffff`, `#ffffffff`, `rgb(…)`, `rgba(…)`. */
const COLOUR = /^(?:#[0-9a-f]{3}|#[0-9a-f]{6}|#[0-9a-f]{8}|rgba?\([\d\s,.%]{1,40}\))$/i;
/** `UNKNOWN`, `TEXT_TAG`, `userId`: one identifier, no blanks. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/** `message`, `msg`, `errmsg`, `错误信息`: the column holds an error's message (an enumeration's holds a meaning). */
function namesMessage(header: string): boolean {
  const key = header.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  return key === 'message' || key === 'msg' || key === 'errmsg' || key === 'errormessage' || key === '错误信息';
}

/** `错误码`, `errcode`, `Error code`, `HTTP 错误码`: the header names an error. */
function saysError(header: string): boolean {
  const key = header.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  return key.includes('错误') || key.includes('err') || key.includes('报错');
}
