import { describe, expect, it } from 'vitest';
import { isCodeCell } from '../../src/normalize/codes.js';
import { fieldForHeader, headerKey, mapColumns } from '../../src/normalize/headers.js';

describe('headerKey', () => {
  it('ignores case, blanks, punctuation, symbols and full-width forms', () => {
    expect(headerKey('**HTTP 状态码**')).toBe('http状态码');
    expect(headerKey(' Error_Code ')).toBe('errorcode');
    expect(headerKey('错误信息（英文）')).toBe('错误信息英文');
    expect(headerKey('ＣＯＤＥ')).toBe('code');
  });
});

describe('fieldForHeader', () => {
  it.each([
    // Hire, apifox, Open Platform, docs-sheets, CoreHR, task-v2, attendance, English pages.
    ['code', 'code'], ['错误码', 'code'], ['err code', 'code'], ['Error code', 'code'], ['ErrorCode', 'code'],
    ['errno', 'code'], ['错误码（Code）', 'code'], ['错误码 / Error code', 'code'], ['**错误码**', 'code'],
    ['HTTP状态码', 'httpStatus'], ['HTTP 状态码', 'httpStatus'], ['HTTP status code', 'httpStatus'], ['HTTP Status Code', 'httpStatus'],
    ['name', 'name'], ['错误名称', 'name'],
    ['message', 'message'], ['msg', 'message'], ['errmsg', 'message'], ['errString', 'message'], ['Error message', 'message'],
    ['错误信息（英文）', 'message'], ['响应体msg', 'message'], ['Message (English)', 'message'], ['描述（英文）', 'message'],
    ['说明', 'description'], ['描述', 'description'], ['Description', 'description'], ['错误信息', 'description'], ['含义', 'description'],
    ['原因', 'description'], ['msg解释', 'description'], ['Message (中文)', 'description'], ['错误描述(Chinese)', 'description'],
    ['排查建议', 'suggestion'], ['解决方案', 'suggestion'], ['处理方案', 'suggestion'], ['Troubleshooting suggestions', 'suggestion'],
    ['Troubleshooting suggestion', 'suggestion'], ['Solution', 'suggestion'], ['排查建议 / Suggestion', 'suggestion'],
  ] as const)('%s → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it.each(['校验', '错误场景', '备注', '', 'code / 说明', '示例'])('%j names no field', (header) => {
    expect(fieldForHeader(header)).toBeUndefined();
  });
});

describe('mapColumns', () => {
  it('maps by header, whatever the order, and lists unknown and repeated columns', () => {
    expect(mapColumns(['HTTP状态码', '错误码', '描述', '排查建议', '校验', '说明'])).toEqual({
      fields: { httpStatus: 0, code: 1, description: 2, suggestion: 3 },
      ignored: [4],
      duplicates: [5],
    });
  });

  it('takes the codes from the column whose cells are numbers when two are named like the code', () => {
    const body = [['InvalidParam', '1001'], ['NotFound', '1002'], ['Fail', '1003 - 1005']];
    expect(mapColumns(['code', '错误码'], body, isCodeCell)).toEqual({
      fields: { name: 0, code: 1 },
      ignored: [],
      duplicates: [],
      codeColumnSkipped: 0,
    });
    // The first stays the code when its cells are the numbers.
    expect(mapColumns(['错误码', 'code'], [['1001', 'x']], isCodeCell).fields).toEqual({ code: 0 });
  });
});
