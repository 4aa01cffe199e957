/**
 * json/catalog.json and the OpenAPI documents of every sample page together: the
 * catalogue validates against its schema and answers a lookup across modules; the
 * OpenAPI documents pass Redocly's recommended rules with the shipped redocly.yaml and
 * type `code` with the module's enum while accepting any integer.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createConfig, lint, loadConfig } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { CATALOG_SCHEMA, CODES_SCHEMA } from '../../src/emit/json.js';
import { buildCatalog, emitAll } from '../../src/generate.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { ROOT, SAMPLE_PAGES, samplePage, SPAWN_TIMEOUT_MS, tempDir, validateOpenApi } from '../helpers/tools.js';

const FIXTURES = join(ROOT, 'test/fixtures');
const pages = SAMPLE_PAGES;
// The CoreHR pages would all be Go package `corehr`: name them apart as a user's config would.
const config = resolveConfig({ modules: Object.fromEntries(pages.map((page, index) => [page, { goPackage: `p${index}` }])) });
const { catalog, files: messages } = buildCatalog(
  pages.map((page) => ({ path: `seeds/${page}.md`, bytes: samplePage(page) })),
  { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' },
);
const outputs = new Map(catalog ? emitAll(catalog, config).map((file) => [file.path, file.contents]) : []);
const out = tempDir('feishu-errcodes-catalog-openapi-');
for (const [path, contents] of outputs) {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  writeFileSync(join(out, path), contents);
}
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface CatalogJson {
  readonly $schema: string;
  readonly modules: readonly { module: string }[];
  readonly errors: Readonly<Record<string, readonly { module: string; code: number; name: string; category: string; retryable: boolean }[]>>;
}

describe('json/catalog.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);

  it('builds every sample page', () => {
    expect(messages.flatMap((file) => file.messages.filter((message) => message.fatal === true).map(String))).toEqual([]);
    expect(catalog!.modules).toHaveLength(pages.length);
  });

  it('validates against json/schema/catalog.schema.json, as do the module catalogues against theirs', () => {
    const validate = ajv.compile(CODES_SCHEMA);
    const data = JSON.parse(outputs.get('json/catalog.json')!) as CatalogJson;
    expect(validate(data) ? '' : ajv.errorsText(validate.errors)).toBe('');
    expect(data.$schema).toBe('./schema/catalog.schema.json');
    expect(JSON.parse(outputs.get('json/schema/catalog.schema.json')!)).toEqual(CODES_SCHEMA);
    const validateModule = ajv.compile(CATALOG_SCHEMA);
    for (const page of pages) {
      const module = JSON.parse(outputs.get(`json/${page}.json`)!) as { $schema: string };
      expect(validateModule(module) ? '' : ajv.errorsText(validateModule.errors), page).toBe('');
      expect(module.$schema).toBe('./schema/error-catalog.schema.json');
    }
  });

  it('lists a code once per module that has it, in module order, keys sorted by number', () => {
    const data = JSON.parse(outputs.get('json/catalog.json')!) as CatalogJson;
    expect(data.errors['99991663']!.map((entry) => [entry.module, entry.category])).toEqual([
      ['feishu-generic-error-code-pipe', 'authentication'],
      ['larkoffice-generic-error-code-md-table', 'authentication'],
    ]);
    expect(data.errors['230001']!.map((entry) => entry.module)).toEqual(['im-message-create-error-section', 'im-read-users']);
    const keys = Object.keys(data.errors).map(Number);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    const total = catalog!.modules.reduce((sum, module) => sum + module.entries.length, 0);
    expect(Object.values(data.errors).reduce((sum, list) => sum + list.length, 0)).toBe(total);
  });

  it("keeps the schemas out of json/*.json, so `jq '.errors[]' generated/json/*.json` finds errors in every file", () => {
    const topLevel = [...outputs.keys()].filter((path) => /^json\/[^/]+\.json$/.test(path));
    expect(topLevel).toHaveLength(pages.length + 1);
    for (const path of topLevel) expect(JSON.parse(outputs.get(path)!), path).toHaveProperty('errors');
  });
});

describe('openapi/<id>.yaml', () => {
  it('passes Redocly recommended rules with the shipped redocly.yaml: no errors, no warnings', async () => {
    const redocly = await loadConfig({ configPath: join(out, 'redocly.yaml') });
    for (const page of pages) {
      const problems = await lint({ ref: join(out, `openapi/${page}.yaml`), config: redocly });
      expect(problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message}`), page).toEqual([]);
    }
  });

  it('the lint command docs/error-handling.md gives works as written: the glob matches the documents only', async () => {
    // The command exactly as documented; @redocly/cli is not a dependency (no network in the
    // suite), so its two arguments are given to @redocly/openapi-core's lint, the library the
    // CLI's lint runs, with the glob expanded by a real shell in a folder laid out as the docs say.
    const documented = /^ {2}(npx @redocly\/cli lint .*)$/m.exec(readFileSync(join(ROOT, 'docs/error-handling.md'), 'utf8'))![1]!;
    expect(documented).toBe('npx @redocly/cli lint --config generated/redocly.yaml generated/openapi/*.yaml');
    const [, configPath, glob] = /^npx @redocly\/cli lint --config (\S+) (\S+)$/.exec(documented)!;
    const project = tempDir('feishu-errcodes-redocly-');
    cpSync(out, join(project, 'generated'), { recursive: true });
    const shell = spawnSync('bash', ['-c', `printf '%s\\n' ${glob}`], { cwd: project, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
    const files = shell.stdout.trim().split('\n');
    expect(files.sort()).toEqual(pages.map((page) => `generated/openapi/${page}.yaml`).sort());
    const redocly = await loadConfig({ configPath: join(project, configPath!) });
    for (const file of files) {
      const problems = await lint({ ref: join(project, file), config: redocly });
      expect(problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message}`), file).toEqual([]);
    }
    rmSync(project, { recursive: true, force: true });
  });

  it('fails recommended rules without the shipped config only on the three rules it turns off', async () => {
    const plain = await createConfig({ extends: ['recommended'] });
    const problems = await lint({ ref: join(out, 'openapi/hire-v1.yaml'), config: plain });
    expect([...new Set(problems.map((problem) => problem.ruleId))].sort()).toEqual(['info-license', 'no-empty-servers', 'no-unused-components']);
  });

  it('types code with the module enum while accepting any int32, and gives a category per code', async () => {
    for (const page of pages) {
      const text = outputs.get(`openapi/${page}.yaml`)!;
      expect(await validateOpenApi(text), page).toBe('');
      const document = parseYaml(text) as { components: { schemas: Record<string, Record<string, unknown>> } };
      const module = catalog!.modules.find((candidate) => candidate.id === page)!;
      const codes = document.components.schemas[module.typeName]!;
      const response = document.components.schemas[`${module.typeName.replace(/Code$/, '')}Response`] as { properties: { code: { anyOf: unknown[] } } };
      expect(response.properties.code.anyOf).toEqual([{ $ref: `#/components/schemas/${module.typeName}` }, { type: 'integer', format: 'int32' }]);
      expect(codes['x-feishu-category']).toEqual(module.entries.map((entry) => entry.category));
      // One integer format for codes everywhere.
      expect(text.match(/format: int\d+/g)!.every((format) => format === 'format: int32'), page).toBe(true);
    }
  });
});
