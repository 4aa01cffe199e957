import { entryTexts, entryVerdict, type ErrorCatalog, type ErrorEntry, type ErrorModule } from '../model.js';
import { yamlText } from './escape.js';
import { markdownInline, markdownUrl } from './markdown.js';
import { generatedNotice, moduleNotice } from './header.js';
import type { OutputFile } from './types.js';
import { wellFormedCatalog } from './well-formed.js';

/**
 * OpenAPI 3.1: `openapi/<id>.yaml` per module with the code enum, Feishu's error body,
 * and one response per HTTP status the doc gives (plus a default one); `redocly.yaml`, the
 * lint config for them, at the top of the output folder.
 */
export function emitOpenApi(input: ErrorCatalog): OutputFile[] {
  const catalog = wellFormedCatalog(input);
  const files = catalog.modules.map((module) => ({
    path: `openapi/${module.id}.yaml`,
    contents: `# ${moduleNotice(module)}\n` + yamlText(openApiDocument(module)),
  }));
  // Beside openapi/, not in it: `generated/openapi/*.yaml` must match the documents only.
  files.push({ path: REDOCLY_CONFIG_FILE, contents: REDOCLY_CONFIG });
  return files;
}

export const REDOCLY_CONFIG_FILE = 'redocly.yaml';

/**
 * Redocly's recommended rules, less the three that do not apply to a document that only
 * holds components for other documents to `$ref` (see docs/error-handling.md).
 */
const REDOCLY_CONFIG = `# ${generatedNotice('the seeds')}
# Lint the generated documents: npx @redocly/cli lint --config generated/redocly.yaml generated/openapi/*.yaml
extends:
  - recommended
rules:
  # Components-only documents: no paths, so no servers to call.
  no-empty-servers: off
  # The schemas and responses are there for your API document to $ref.
  no-unused-components: off
  # The error texts are Feishu's documentation; the generated file states no license of its own.
  info-license: off
`;

export function openApiDocument(module: ErrorModule): object {
  const type = module.typeName;
  const base = type.replace(/Code$/, '');
  const responseSchema = `${base}Response`;
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const entries = module.entries;
  // OpenAPI renders descriptions as CommonMark: the title (doc text) is escaped for it.
  const title = markdownInline(module.title);

  const responses: Record<string, object> = {};
  const byStatus = new Map<number, ErrorEntry[]>();
  for (const entry of entries) {
    if (entry.httpStatus === undefined) continue;
    const list = byStatus.get(entry.httpStatus) ?? [];
    list.push(entry);
    byStatus.set(entry.httpStatus, list);
  }
  const example = (entry: ErrorEntry) => ({
    summary: `${entry.code} ${entry.name}`,
    value: { code: entry.code, msg: entry.message, error: { log_id: '202407121418137C4E6A2D1F0B2A0E1F2B' } },
  });
  responses[base] = {
    description: `An error of ${title}: the body Feishu returns with any failing status.`,
    content: {
      'application/json': {
        schema: ref(responseSchema),
        ...(entries.length > 0 && { examples: { [entries[0]!.name]: example(entries[0]!) } }),
      },
    },
  };
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const list = byStatus.get(status)!;
    responses[`${base}${status}`] = {
      description: `HTTP ${status} errors of ${title}: ${list.map((entry) => entry.code).join(', ')}.`,
      content: {
        'application/json': {
          schema: {
            allOf: [
              ref(responseSchema),
              { type: 'object', properties: { code: { type: 'integer', format: 'int32', enum: list.map((entry) => entry.code) } } },
            ],
          },
          examples: Object.fromEntries(list.slice(0, 20).map((entry) => [entry.name, example(entry)])),
        },
      },
    };
  }

  const text = { type: 'string' };
  return {
    openapi: '3.1.0',
    info: {
      title: `${module.title} (${module.id}) error codes`,
      version: module.docUpdated ?? '0.0.0',
      description: `Error codes of ${title}${module.sourceUrl ? `, from ${markdownUrl(module.sourceUrl)}` : ''}.`,
    },
    paths: {},
    components: {
      schemas: {
        [type]: {
          type: 'integer',
          format: 'int32',
          description: `Codes the doc lists. Feishu returns other codes too: \`${responseSchema}.code\` accepts any integer.`,
          enum: entries.map((entry) => entry.code),
          'x-enum-varnames': entries.map((entry) => entry.name),
          'x-enum-descriptions': entries.map((entry) => entry.message),
          'x-feishu-category': entries.map((entry) => entry.category),
          'x-feishu-errors': entries.map((entry) => ({
            code: entry.code,
            ...entryTexts(entry),
            ...entryVerdict(entry),
            ...(entry.variants !== undefined && { variants: entry.variants }),
            ...(entry.translations !== undefined && { translations: entry.translations }),
          })),
        },
        [responseSchema]: {
          type: 'object',
          description: 'The body Feishu returns on failure (header X-Tt-Logid carries the log id).',
          required: ['code', 'msg'],
          properties: {
            // The enum where generators look for it, any integer where Feishu sends it: unlisted codes stay valid.
            code: {
              anyOf: [ref(type), { type: 'integer', format: 'int32' }],
              description: `An error code; the ones the doc lists are in \`${type}\`, and Feishu returns others too.`,
              examples: entries.slice(0, 1).map((entry) => entry.code),
            },
            msg: { type: 'string' },
            error: {
              type: 'object',
              description: 'Extra detail; every property is optional and the SDKs disagree on which appear.',
              properties: {
                log_id: text,
                logid: text,
                troubleshooter: text,
                message: text,
                details: {
                  type: 'array',
                  items: { type: 'object', properties: { key: text, value: text } },
                },
                permission_violations: {
                  type: 'array',
                  items: { type: 'object', properties: { type: text, subject: text, description: text } },
                },
                field_violations: {
                  type: 'array',
                  items: { type: 'object', properties: { field: text, value: text, description: text } },
                },
                helps: {
                  type: 'array',
                  items: { type: 'object', properties: { url: text, description: text } },
                },
              },
            },
          },
        },
      },
      responses,
    },
  };
}
