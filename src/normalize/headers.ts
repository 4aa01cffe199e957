/** The IR fields a table column can feed. */
export type ColumnField = 'code' | 'name' | 'message' | 'description' | 'suggestion' | 'httpStatus';

/**
 * Header synonyms, zh and en, compared after `headerKey` (lower case, no blanks or
 * punctuation). One table for every layout: a page is read by what its headers say,
 * never by column position.
 */
const SYNONYMS: Readonly<Record<ColumnField, readonly string[]>> = {
  code: [
    '错误码', '错误代码', '错误编码', '错误码code', '错误码errorcode', '错误编号', '返回码', '业务错误码',
    'code', 'errcode', 'errorcode', 'errno', 'errnum', 'errorno', 'errornumber', 'statuscode错误码',
  ],
  httpStatus: [
    'http状态码', 'http状态', 'http状态码httpstatuscode', 'httpstatus', 'httpstatuscode', 'httpcode',
    'http响应码', 'statuscode', 'httpstatuscodes',
  ],
  name: ['name', 'errname', 'errorname', '错误名称', '错误码名称', '名称', 'enum', 'constant'],
  message: [
    'message', 'msg', 'errmsg', 'errormsg', 'errormessage', 'errstring', 'errorstring', 'errstr',
    '错误信息英文', '英文错误信息', '英文描述', '错误信息en', 'msgen', 'englishmessage', '响应体msg', '返回信息', '提示信息',
  ],
  description: [
    '说明', '描述', '错误描述', '错误说明', '错误信息', '含义', '原因', '错误原因', 'msg解释', '中文描述',
    '错误信息中文', 'description', 'desc', 'meaning', 'reason', 'detail', 'details', 'explanation', '释义',
  ],
  suggestion: [
    '排查建议', '解决方案', '处理方案', '处理建议', '建议', '解决办法', '解决方法', '处理方法', '排查方法',
    'suggestion', 'suggestions', 'troubleshooting', 'troubleshootingsuggestion', 'troubleshootingsuggestions',
    'solution', 'solutions', 'howtofix', 'fix', 'resolution',
  ],
};

const LOOKUP: ReadonlyMap<string, ColumnField> = new Map(
  (Object.entries(SYNONYMS) as [ColumnField, readonly string[]][]).flatMap(([field, names]) =>
    names.map((name) => [name, field] as const),
  ),
);

/** `**HTTP 状态码**` → `http状态码`, `Error code` → `errorcode`, `错误信息（英文）` → `错误信息英文`. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function fieldForHeader(header: string): ColumnField | undefined {
  return LOOKUP.get(headerKey(header));
}

export interface ColumnMap {
  /** Column index of each field found. */
  readonly fields: Partial<Record<ColumnField, number>>;
  /** Columns that feed no field (kept out of the IR, reported once). */
  readonly ignored: readonly number[];
  /** Columns whose field was already taken by an earlier column. */
  readonly duplicates: readonly number[];
}

export function mapColumns(headers: readonly string[]): ColumnMap {
  const fields: Partial<Record<ColumnField, number>> = {};
  const ignored: number[] = [];
  const duplicates: number[] = [];
  headers.forEach((header, index) => {
    const field = fieldForHeader(header);
    if (field === undefined) ignored.push(index);
    else if (fields[field] !== undefined) duplicates.push(index);
    else fields[field] = index;
  });
  return { fields, ignored, duplicates };
}
