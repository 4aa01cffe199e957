import { describe, expect, it } from 'vitest';
import { isDocSiteId, moduleOfSeedPath } from '../../src/parse/module-path.js';

describe('moduleOfSeedPath', () => {
  it.each([
    ['hire-v1.md', undefined],
    ['im-v1/message/create.md', 'im-v1'],
    // Seed paths are `/`-separated; a backslash is part of a file name (a flat seed).
    ['evil\\x.md', undefined],
    ['./contact-v3/user/get.md', 'contact-v3'],
    ['uUDN04SN0QjL1QDN/docx-v1/document/create.md', 'docx-v1'],
    ['uUDN04SN0QjL1QDN/sheets-v3/spreadsheet/create.md', 'sheets-v3'],
    ['uUDN04SN0QjL1QDN/uIzNzUjLyczM14iM3MTN/permission-member/create.md', 'permission-member'],
    ['uUDN04SN0QjL1QDN/CommentAPI/x.md', 'CommentAPI'],
    ['uUDN04SN0QjL1QDN/docs-overview.md', 'docs'],
    ['uUDN04SN0QjL1QDN/uczNzUjL3czM14yN3MTN.md', 'docs'],
    ['historic-version/uYDOyUjL2gjM14iN4ITN/v2/approval-search/x.md', 'historic-version'],
    ['api-call-guide/ukDNz4SO0MjL5QzM/x.md', 'api-call-guide'],
    ['ukDNz4SO0MjL5QzM/uIzNzUjLyczM14iM3MTN/x.md', 'ukDNz4SO0MjL5QzM'],
  ])('%s → %s', (path, module) => {
    expect(moduleOfSeedPath(path)).toBe(module);
  });

  it('tells doc-site ids from readable names', () => {
    expect(['uUDN04SN0QjL1QDN', 'ukDNz4SO0MjL5QzM', 'uYDOyUjL2gjM14iN4ITN'].map(isDocSiteId)).toEqual([true, true, true]);
    expect(['im-v1', 'CommentAPI', 'apiRef', 'docs', 'human_authentication-v1', 'ABCDEFGH12345678'].map(isDocSiteId)).toEqual([false, false, false, false, false, false]);
  });
});
