import { entryTexts, entryVerdict, type ErrorCatalog, type ErrorEntry, type ErrorModule } from '../model.js';
import { yamlText } from './escape.js';
import { endpointMeaningToJson, rateLimitToJson, subCodeToJson } from './json.js';
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

const ACCESS_TOKEN_SCHEME = 'feishuAccessToken';

/**
 * One operation per endpoint of a module folder, answering with the module's error response:
 * `x-feishu-rate-limit` (the page's 接口频率限制) and `x-feishu-errors` (the codes that mean
 * something else on this endpoint than module-wide, with that endpoint's texts and verdict).
 * `:param` segments become `{param}` path parameters.
 */
function endpointPaths(module: ErrorModule, base: string): Record<string, object> {
  const paths: Record<string, Record<string, object>> = {};
  const differing = new Map<string, object[]>();
  for (const entry of module.entries) {
    for (const meaning of entry.endpoints ?? []) {
      const key = `${meaning.method} ${meaning.path}`;
      const list = differing.get(key) ?? [];
      list.push({ code: entry.code, name: entry.name, ...endpointMeaningToJson(meaning) });
      differing.set(key, list);
    }
  }
  const ids = new Set<string>();
  for (const endpoint of module.endpoints ?? []) {
    const names: string[] = [];
    const template = endpoint.path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment;
        const name = segment.slice(1).replace(/[^A-Za-z0-9_]/g, '_') || 'param';
        names.push(name);
        return `{${name}}`;
      })
      .join('/');
    const method = endpoint.method.toLowerCase();
    if (!OPENAPI_METHODS.has(method)) continue;
    const errors = (differing.get(`${endpoint.method} ${endpoint.path}`) ?? []).map((error) => {
      const { method: _method, path: _path, docUrl: _docUrl, ...rest } = error as Record<string, unknown>;
      return rest;
    });
    const item = (paths[template] ??= {});
    let id = operationId(endpoint.method, endpoint.path);
    for (let counter = 2; ids.has(id); counter++) id = `${operationId(endpoint.method, endpoint.path)}${counter}`;
    ids.add(id);
    item[method] = {
      operationId: id,
      summary: `${endpoint.method} ${endpoint.path}`,
      ...(endpoint.docUrl !== undefined && { externalDocs: { url: endpoint.docUrl } }),
      ...(names.length > 0 && { parameters: names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })) }),
      responses: { default: { $ref: `#/components/responses/${base}` } },
      ...(endpoint.rateLimit !== undefined && { 'x-feishu-rate-limit': rateLimitToJson(endpoint.rateLimit) }),
      ...(errors.length > 0 && { 'x-feishu-errors': errors }),
    };
  }
  return Object.fromEntries(Object.keys(paths).sort().map((path) => [path, paths[path]!]));
}

const OPENAPI_METHODS: ReadonlySet<string> = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** `POST /open-apis/im/v1/messages/:message_id/reply` → `postImV1MessagesMessageIdReply`. */
function operationId(method: string, path: string): string {
  const words = path.replace(/^\/open-apis\//, '').split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  return method.toLowerCase() + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

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
    paths: endpointPaths(module, base),
    ...(module.endpoints !== undefined && { security: [{ [ACCESS_TOKEN_SCHEME]: [] }] }),
    components: {
      ...(module.endpoints !== undefined && {
        securitySchemes: {
          [ACCESS_TOKEN_SCHEME]: { type: 'http', scheme: 'bearer', description: 'A tenant_access_token or user_access_token, as `Authorization: Bearer <token>`.' },
        },
      }),
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
            ...(entry.endpoints !== undefined && { endpoints: entry.endpoints.map(endpointMeaningToJson) }),
            ...(entry.subCodes !== undefined && { subCodes: entry.subCodes.map(subCodeToJson) }),
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
