/** The IR fields a table column can feed. */
export type ColumnField = 'code' | 'name' | 'message' | 'description' | 'suggestion' | 'httpStatus';

/**
 * Header synonyms, zh and en, compared after `headerKey` (lower case, no blanks or
 * punctuation, so `**HTTP 状态码**`, `Error_Code` and `错误码（Code）` all match). One
 * table for every layout: a page is read by what its headers say, never by column
 * position. Extend it here when a page names a column another way.
 */
const SYNONYMS: Readonly<Record<ColumnField, readonly string[]>> = {
  code: [
    '错误码', '错误代码', '错误编码', '错误编号', '错误号', '错误码值', '返回码', '业务错误码', '业务码', '状态错误码',
    '错误码code', '错误码errorcode', '错误码errcode', 'code错误码', 'errorcode错误码', 'errcode错误码', 'statuscode错误码',
    'code', 'codes', 'errcode', 'errorcode', 'errorcodes', 'errno', 'errnum', 'errorno', 'errornumber', 'errcodes',
    'returncode', 'businesscode', 'bizcode', 'codevalue',
  ],
  httpStatus: [
    'http状态码', 'http状态', 'http码', 'http返回码', 'http响应码', 'http响应状态码', 'http错误码', 'http状态码httpstatuscode',
    'httpstatus', 'httpstatuscode', 'httpstatuscodes', 'httpcode', 'httpresponsecode', 'httpresponsestatus', 'statuscode',
  ],
  name: [
    'name', 'errname', 'errorname', 'errorkey', 'codename', 'enum', 'enumname', 'constant', 'constantname', 'identifier',
    '错误名称', '错误码名称', '错误标识', '名称', '枚举', '枚举名', '常量', '常量名',
  ],
  message: [
    'message', 'msg', 'errmsg', 'errormsg', 'errormessage', 'errstring', 'errorstring', 'errstr', 'englishmessage',
    'msgen', 'messageen', 'returnmessage', 'responsemessage', 'errormessageen',
    '错误信息英文', '英文错误信息', '英文信息', '英文描述', '英文提示', '错误信息en', '响应体msg', '返回信息', '返回消息',
    '返回msg', '提示信息', '报错信息', '错误提示', '错误提示信息', '错误消息', '错误msg',
  ],
  description: [
    '说明', '描述', '错误描述', '错误说明', '错误信息', '错误详情', '问题描述', '含义', '原因', '错误原因', '可能原因', '原因说明',
    'msg解释', '中文描述', '中文说明', '中文信息', '错误信息中文', '释义', '详情',
    'description', 'desc', 'meaning', 'reason', 'reasons', 'cause', 'causes', 'detail', 'details', 'explanation',
    'errordescription', 'errordetail', 'errordetails',
  ],
  suggestion: [
    '排查建议', '排查方法', '排查方案', '排查步骤', '解决方案', '解决办法', '解决方法', '解决建议', '解决措施', '处理方案',
    '处理建议', '处理方法', '处理办法', '处理措施', '修复建议', '操作建议', '建议', '建议操作',
    'suggestion', 'suggestions', 'troubleshooting', 'troubleshootingsuggestion', 'troubleshootingsuggestions',
    'troubleshootingsteps', 'troubleshootingtips', 'solution', 'solutions', 'howtofix', 'fix', 'resolution',
    'suggestedaction', 'suggestedactions', 'remedy', 'recommendation', 'recommendations',
  ],
};

const LOOKUP: ReadonlyMap<string, ColumnField> = new Map(
  (Object.entries(SYNONYMS) as [ColumnField, readonly string[]][]).flatMap(([field, names]) =>
    names.map((name) => [name, field] as const),
  ),
);

/** Annotations that say which language a text column holds: `错误信息（英文）`, `Description (zh)`. */
const ENGLISH = new Set(['英文', 'english', 'en', 'enus']);
const CHINESE = new Set(['中文', 'chinese', 'zh', 'zhcn', 'cn']);

/** `**HTTP 状态码**` → `http状态码`, `Error code` → `errorcode`, `错误信息（英文）` → `错误信息英文`. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * The field a header names: the whole header first; then, for `base (annotation)` and
 * `一 / two` headers, the base or the parts (all parts must agree). A language annotation
 * moves a text column: `说明（英文）` is the English message, `Message (中文)` a description.
 */
export function fieldForHeader(header: string): ColumnField | undefined {
  const whole = LOOKUP.get(headerKey(header));
  if (whole !== undefined) return whole;
  const text = header.normalize('NFKC').trim();

  const annotated = /^(.+?)\s*[([]\s*([^()[\]]*?)\s*[)\]]\s*$/u.exec(text);
  if (annotated) {
    const base = LOOKUP.get(headerKey(annotated[1]!));
    if (base !== undefined) {
      const note = headerKey(annotated[2]!);
      if (base === 'description' && ENGLISH.has(note)) return 'message';
      if (base === 'message' && CHINESE.has(note)) return 'description';
      return base;
    }
    const inner = LOOKUP.get(headerKey(annotated[2]!));
    if (inner !== undefined) return inner;
  }

  const parts = text.split(/\s*[/／|｜、]\s*/u).filter((part) => headerKey(part) !== '');
  if (parts.length > 1) {
    const fields = new Set(parts.map((part) => LOOKUP.get(headerKey(part))));
    if (fields.size === 1) {
      const [field] = fields;
      if (field !== undefined) return field;
    }
  }
  return undefined;
}

export interface ColumnMap {
  /** Column index of each field found. */
  readonly fields: Partial<Record<ColumnField, number>>;
  /** Columns that feed no field (kept out of the IR, reported once). */
  readonly ignored: readonly number[];
  /** Columns whose field was already taken by an earlier column. */
  readonly duplicates: readonly number[];
  /**
   * Set when several columns are named like a code column and the code was taken from a
   * later one because its cells hold the numbers (`code | 错误码` with symbolic names in
   * the first): the index of the column passed over.
   */
  readonly codeColumnSkipped?: number;
}

/**
 * Maps a table's columns to IR fields by their headers. When several headers name the
 * code, the body decides: the first of them whose cells are mostly numbers is the code;
 * a column passed over holds the doc's own names when nothing else does.
 *
 * @param headers header cell texts
 * @param body body cell texts, row by row (optional; default: none)
 * @param isCode whether a cell reads as a code (optional; needed with `body`)
 */
export function mapColumns(
  headers: readonly string[],
  body: readonly (readonly string[])[] = [],
  isCode: (text: string) => boolean = () => false,
): ColumnMap {
  const byColumn = headers.map((header) => fieldForHeader(header));
  let codeColumnSkipped: number | undefined;
  const codeColumns = byColumn.flatMap((field, index) => (field === 'code' ? [index] : []));
  if (codeColumns.length > 1 && body.length > 0) {
    const numeric = (index: number) => body.filter((row) => isCode(row[index] ?? '')).length * 2 > body.length;
    const chosen = codeColumns.find(numeric);
    if (chosen !== undefined && chosen !== codeColumns[0]) {
      codeColumnSkipped = codeColumns[0]!;
      byColumn[codeColumnSkipped] = byColumn.includes('name') ? undefined : 'name';
      // The chosen column must be the first `code` left, so the others become duplicates.
      for (const index of codeColumns) if (index !== chosen && index !== codeColumnSkipped && index < chosen) byColumn[index] = undefined;
    }
  }

  const fields: Partial<Record<ColumnField, number>> = {};
  const ignored: number[] = [];
  const duplicates: number[] = [];
  byColumn.forEach((field, index) => {
    if (field === undefined) ignored.push(index);
    else if (fields[field] !== undefined) duplicates.push(index);
    else fields[field] = index;
  });
  return codeColumnSkipped === undefined ? { fields, ignored, duplicates } : { fields, ignored, duplicates, codeColumnSkipped };
}
