import { describe, expect, it } from 'vitest';
import { normalizeCellText, resolveLinkUrl } from '../../src/normalize/text.js';

describe('normalizeCellText', () => {
  it('trims lines, collapses tabs and blanks, drops empty lines and callout fences', () => {
    expect(normalizeCellText('  a\t\tb  \n\n :::note\n c \n:::', false).text).toBe('a b\nc');
    expect(normalizeCellText('a\nb', true).text).toBe('a b');
    expect(normalizeCellText('%v is invalid', true).text).toBe('%v is invalid');
  });

  it('reads the markers of an empty cell as empty', () => {
    for (const marker of ['-', '—', '无', 'N/A', '\\-']) expect(normalizeCellText(marker, true).text).toBe('');
  });
});

describe('resolveLinkUrl', () => {
  const larkoffice = 'https://open.larkoffice.com/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message/create';

  it('resolves /ssl:ttdoc/ links on the Open Platform origin of the page', () => {
    expect(resolveLinkUrl('/ssl:ttdoc/ukTMukTMukTM/uUzN04SN3QjL1cDN#1f8b587c', larkoffice)).toBe(
      'https://open.larkoffice.com/document/ukTMukTMukTM/uUzN04SN3QjL1cDN#1f8b587c',
    );
    expect(resolveLinkUrl('/ssl:ttdoc/home/x', 'https://open.larksuite.com/document/a')).toBe('https://open.larksuite.com/document/home/x');
  });

  it('resolves /ssl:ttdoc/ links on open.feishu.cn when the page is a mirror or has no source_url', () => {
    expect(resolveLinkUrl('/ssl:ttdoc/home/x', 'http://feishu.apifox.cn/api-59992297')).toBe('https://open.feishu.cn/document/home/x');
    expect(resolveLinkUrl('/ssl:ttdoc/home/x', undefined)).toBe('https://open.feishu.cn/document/home/x');
  });

  it('gives protocol-relative links https, and resolves relative links against the page', () => {
    expect(resolveLinkUrl('//sf3-cn.feishucdn.com/obj/a.png?height=278', larkoffice)).toBe('https://sf3-cn.feishucdn.com/obj/a.png?height=278');
    expect(resolveLinkUrl('/document/server-docs/x', larkoffice)).toBe('https://open.larkoffice.com/document/server-docs/x');
    expect(resolveLinkUrl('#anchor', larkoffice)).toBe(`${larkoffice}#anchor`);
  });

  it('keeps absolute links, and relative links of a page without source_url, as written', () => {
    expect(resolveLinkUrl('https://open.feishu.cn/app', larkoffice)).toBe('https://open.feishu.cn/app');
    expect(resolveLinkUrl('mailto:a@b.c', larkoffice)).toBe('mailto:a@b.c');
    expect(resolveLinkUrl('/document/x', undefined)).toBe('/document/x');
  });
});
