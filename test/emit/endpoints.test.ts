/**
 * The per-endpoint meanings, sub-codes and rate-limit tiers of a module folder in the JSON
 * (and its Schema), catalog.json, OpenAPI and the docs page; the other targets carry the
 * module without choking on them.
 */
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCatalog, emitAll } from '../../src/generate.js';
import { resolveConfig } from '../../src/config.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { readSeeds } from '../../src/project.js';
import { CODES_SCHEMA } from '../../src/emit/json.js';
import { ROOT, validateCatalog, validateOpenApi } from '../helpers/tools.js';

const FIXTURE = join(ROOT, 'test/fixtures/module-folder');
const config = resolveConfig({ targets: ['ts', 'json', 'go', 'openapi', 'docs', 'python', 'java'] });
const { catalog } = buildCatalog(readSeeds(FIXTURE, join(FIXTURE, 'seeds'), 'seeds'), { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
const outputs = new Map(emitAll(catalog!, config).map((file) => [file.path, file.contents]));

describe('endpoints, sub-codes and rate limits in the outputs', () => {
  it('JSON: the module lists its endpoints with tiers, entries their differing endpoints and sub-codes; the Schema accepts it', () => {
    const text = outputs.get('json/corehr-v1.json')!;
    expect(validateCatalog(text)).toBe('');
    expect(validateCatalog(outputs.get('json/im-v1.json')!)).toBe('');
    const json = JSON.parse(text) as { endpoints: { method: string; path: string; rateLimit?: object }[]; errors: { code: number; endpoints?: object[] }[] };
    expect(json.endpoints.find((endpoint) => endpoint.path === '/open-apis/corehr/v1/common_data/id/convert')).toMatchObject({ method: 'POST' });
    expect(json.errors.find((entry) => entry.code === 1160001)!.endpoints).toEqual([
      expect.objectContaining({ method: 'POST', path: '/open-apis/corehr/v1/common_data/id/convert', httpStatus: 400, message: 'Param Invalid', category: 'validation' }),
    ]);
    const im = JSON.parse(outputs.get('json/im-v1.json')!) as { errors: { code: number; subCodes?: { subCode: number; name: string }[] }[] };
    expect(im.errors.find((entry) => entry.code === 230099)!.subCodes).toContainEqual(expect.objectContaining({ subCode: 200380, name: 'TemplateDoesNotExist' }));
  });

  it('catalog.json keeps them too, and its Schema accepts it', () => {
    const ajv = new Ajv2020.default({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(CODES_SCHEMA as object);
    const data = JSON.parse(outputs.get('json/catalog.json')!) as { modules: { module: string; endpoints?: object[] }[]; errors: Record<string, { module: string; endpoints?: object[] }[]> };
    expect(validate(data), ajv.errorsText(validate.errors)).toBe(true);
    expect(data.modules.find((module) => module.module === 'im-v1')!.endpoints).toContainEqual(expect.objectContaining({ method: 'POST', path: '/open-apis/im/v1/messages', rateLimit: expect.objectContaining({ perSecond: 50, perMinute: 1000 }) }));
    expect(data.errors['1160001']!.find((entry) => entry.module === 'corehr-v1')!.endpoints).toHaveLength(1);
  });

  it('OpenAPI: one operation per endpoint with x-feishu-rate-limit and x-feishu-errors; a valid 3.1 document', async () => {
    const text = outputs.get('openapi/corehr-v1.yaml')!;
    expect(await validateOpenApi(text)).toBe('');
    expect(await validateOpenApi(outputs.get('openapi/im-v1.yaml')!)).toBe('');
    const doc = parseYaml(text) as { paths: Record<string, Record<string, { 'x-feishu-errors'?: { code: number; category: string }[]; parameters?: { name: string }[] }>> };
    expect(doc.paths['/open-apis/corehr/v1/common_data/id/convert']!['post']!['x-feishu-errors']).toEqual([expect.objectContaining({ code: 1160001, category: 'validation', message: 'Param Invalid' })]);
    expect(doc.paths['/open-apis/corehr/v2/signature_files/{signature_file_id}/download']!['post']!.parameters).toEqual([expect.objectContaining({ name: 'signature_file_id' })]);
    const im = parseYaml(outputs.get('openapi/im-v1.yaml')!) as { paths: Record<string, Record<string, { 'x-feishu-rate-limit'?: object }>> };
    expect(im.paths['/open-apis/im/v1/messages']!['post']!['x-feishu-rate-limit']).toMatchObject({ perSecond: 50, perMinute: 1000 });
  });

  it('docs: the endpoints, the per-endpoint meanings and the sub-codes each get a table', () => {
    const page = outputs.get('docs/corehr-v1.md')!;
    expect(page).toContain('## Endpoints');
    expect(page).toContain('## Per-endpoint meanings');
    expect(page).toContain(
      '| 1160001 | `SystemErrorOrParamInvalid` | [POST /open-apis/corehr/v1/common\\_data/id/convert](<https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/corehr-v1/common_data-id/convert>) | `validation` | `never` | Param Invalid |',
    );
    expect(outputs.get('docs/im-v1.md')!).toContain('## Sub-codes');
    // A flat seed's page has none of these sections.
    expect(outputs.get('docs/hire-v1.md')!).not.toMatch(/## (Endpoints|Per-endpoint meanings|Sub-codes)/);
  });

  it('every other target writes the folder modules', () => {
    for (const path of ['ts/corehr-v1.ts', 'go/corehr/errors.go', 'python/feishu_errcodes/corehr_v1.py']) expect(outputs.has(path), path).toBe(true);
    expect([...outputs.keys()].some((path) => path.endsWith('/ImV1ErrorCode.java'))).toBe(true);
  });
});
