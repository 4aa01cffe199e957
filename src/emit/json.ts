import { CATEGORIES, RETRIES, entryTexts, entryVerdict, type EndpointMeaning, type ErrorCatalog, type ErrorEntry, type ErrorModule, type ModuleEndpoint, type RateLimit, type SubCode } from '../model.js';
import { jsonText } from './escape.js';
import type { OutputFile } from './types.js';
import { wellFormedCatalog } from './well-formed.js';

export const CATALOG_SCHEMA_FILE = 'error-catalog.schema.json';
export const CODES_SCHEMA_FILE = 'catalog.schema.json';
/** The schemas live under `json/schema/`, out of `json/*.json`, so `jq '.errors[]' json/*.json` reads catalogues only. */
export const SCHEMA_DIR = 'schema';
/** Every module's codes keyed by code. */
export const CODES_FILE = 'catalog.json';

/**
 * JSON: `json/<id>.json` per module, `json/catalog.json` (every code across modules) and
 * the JSON Schemas (2020-12) they validate against, under `json/schema/`.
 */
export function emitJson(input: ErrorCatalog): OutputFile[] {
  const catalog = wellFormedCatalog(input);
  const files = catalog.modules.map((module) => ({
    path: `json/${module.id}.json`,
    contents: toJsonText(moduleToJson(module)),
  }));
  files.push({ path: `json/${CODES_FILE}`, contents: toJsonText(codesToJson(catalog)) });
  files.push({ path: `json/${SCHEMA_DIR}/${CATALOG_SCHEMA_FILE}`, contents: toJsonText(CATALOG_SCHEMA) });
  files.push({ path: `json/${SCHEMA_DIR}/${CODES_SCHEMA_FILE}`, contents: toJsonText(CODES_SCHEMA) });
  return files;
}

/** One entry as every JSON output writes it (key order fixed). */
function entryToJson(entry: ErrorEntry): object {
  return {
    code: entry.code,
    ...entryTexts(entry),
    ...entryVerdict(entry),
    ...(entry.variants !== undefined && { variants: entry.variants }),
    ...(entry.normalizations !== undefined && { normalizations: entry.normalizations }),
    ...(entry.links !== undefined && { links: entry.links }),
    ...(entry.translations !== undefined && { translations: entry.translations }),
    ...(entry.endpoints !== undefined && { endpoints: entry.endpoints.map(endpointMeaningToJson) }),
    ...(entry.subCodes !== undefined && { subCodes: entry.subCodes.map(subCodeToJson) }),
  };
}

/** One endpoint's meaning of a code (key order fixed). */
export function endpointMeaningToJson(meaning: EndpointMeaning): object {
  return {
    method: meaning.method,
    path: meaning.path,
    ...(meaning.docUrl !== undefined && { docUrl: meaning.docUrl }),
    ...(meaning.httpStatus !== undefined && { httpStatus: meaning.httpStatus }),
    ...(meaning.message !== undefined && { message: meaning.message }),
    ...(meaning.description !== undefined && { description: meaning.description }),
    ...(meaning.suggestion !== undefined && { suggestion: meaning.suggestion }),
    category: meaning.category,
    retryable: meaning.retryable,
    retry: meaning.retry,
  };
}

/** One sub-code of an entry (key order fixed). */
export function subCodeToJson(sub: SubCode): object {
  return {
    subCode: sub.subCode,
    ...(sub.errMsg !== undefined && { errMsg: sub.errMsg }),
    name: sub.name,
    message: sub.message,
    ...(sub.description !== undefined && { description: sub.description }),
    ...(sub.suggestion !== undefined && { suggestion: sub.suggestion }),
    category: sub.category,
    retryable: sub.retryable,
    retry: sub.retry,
  };
}

/** A module's endpoint with its rate-limit tier (key order fixed). */
export function moduleEndpointToJson(endpoint: ModuleEndpoint): object {
  return {
    method: endpoint.method,
    path: endpoint.path,
    ...(endpoint.docUrl !== undefined && { docUrl: endpoint.docUrl }),
    ...(endpoint.rateLimit !== undefined && { rateLimit: rateLimitToJson(endpoint.rateLimit) }),
  };
}

/** A rate-limit tier (key order fixed). */
export function rateLimitToJson(limit: RateLimit): object {
  return {
    ...(limit.perSecond !== undefined && { perSecond: limit.perSecond }),
    ...(limit.perMinute !== undefined && { perMinute: limit.perMinute }),
    ...(limit.special !== undefined && { special: limit.special }),
    text: limit.text,
  };
}

/**
 * `json/catalog.json`: `errors` maps each code (as a string key, sorted by number) to the
 * entries of every module that lists it, in module order, each with its `module`.
 */
export function codesToJson(catalog: ErrorCatalog): object {
  const byCode = new Map<number, object[]>();
  for (const module of catalog.modules) {
    for (const entry of module.entries) {
      const list = byCode.get(entry.code) ?? [];
      list.push({ module: module.id, ...entryToJson(entry) });
      byCode.set(entry.code, list);
    }
  }
  return {
    $schema: `./${SCHEMA_DIR}/${CODES_SCHEMA_FILE}`,
    modules: catalog.modules.map((module) => ({
      module: module.id,
      title: module.title,
      ...(module.sourceUrl !== undefined && { sourceUrl: module.sourceUrl }),
      ...(module.docUpdated !== undefined && { docUpdated: module.docUpdated }),
      ...(module.endpoints !== undefined && { endpoints: module.endpoints.map(moduleEndpointToJson) }),
    })),
    // Object keys that are integers iterate in ascending order in every JSON reader built on JS; we sort anyway.
    errors: Object.fromEntries([...byCode.keys()].sort((a, b) => a - b).map((code) => [String(code), byCode.get(code)!])),
  };
}

/** The catalogue of one module, in the shape DESIGN.md shows (key order fixed). */
export function moduleToJson(module: ErrorModule): object {
  return {
    $schema: `./${SCHEMA_DIR}/${CATALOG_SCHEMA_FILE}`,
    module: module.id,
    title: module.title,
    ...(module.sourceUrl !== undefined && { sourceUrl: module.sourceUrl }),
    ...(module.docUpdated !== undefined && { docUpdated: module.docUpdated }),
    typeName: module.typeName,
    goPackage: module.goPackage,
    ...(module.endpoints !== undefined && { endpoints: module.endpoints.map(moduleEndpointToJson) }),
    errors: module.entries.map(entryToJson),
  };
}

/** 2-space indent plus a trailing newline; invisible and bidi characters as `\uXXXX`. */
export function toJsonText(value: unknown): string {
  return jsonText(value);
}

const text = { type: 'string' } as const;
const code = { type: 'integer', minimum: 0, maximum: 2147483647 } as const;
const status = { type: 'integer', minimum: 100, maximum: 599 } as const;
const identifier = { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' } as const;

export const CATALOG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://github.com/feishu-errcodes/feishu-errcodes/error-catalog.schema.json',
  title: 'Feishu error-code catalogue of one doc, as generated by feishu-errcodes',
  type: 'object',
  required: ['module', 'title', 'typeName', 'goPackage', 'errors'],
  additionalProperties: false,
  properties: {
    $schema: text,
    module: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'Seed file basename' },
    title: text,
    sourceUrl: { type: 'string', format: 'uri' },
    docUpdated: { type: 'string', format: 'date' },
    typeName: identifier,
    goPackage: { type: 'string', pattern: '^[a-z][a-z0-9]*$' },
    endpoints: { type: 'array', description: "The endpoints the module folder's pages declare, with their rate-limit tiers", items: { $ref: '#/$defs/moduleEndpoint' } },
    errors: { type: 'array', items: { $ref: '#/$defs/error' } },
  },
  $defs: {
    error: {
      type: 'object',
      required: ['code', 'name', 'message', 'category', 'retryable', 'retry', 'categorySource'],
      additionalProperties: false,
      properties: {
        code,
        name: identifier,
        message: text,
        description: text,
        suggestion: text,
        httpStatus: status,
        section: text,
        deprecated: { type: 'boolean', description: 'Gone from the doc, kept by the name lock' },
        category: {
          enum: CATEGORIES,
          description: 'How a caller reacts: authentication → new token; authorization → grant a scope; validation → change the request; not_found → check the id; conflict → reconcile; failed_precondition → change state or settings; rate_limit → wait; server → retry with backoff; unknown → log it',
        },
        retryable: { type: 'boolean', description: 'The very same request may succeed later, unchanged. It does not mean the request is idempotent.' },
        retry: {
          enum: RETRIES,
          description: 'What a retry helper does: never; after_token_refresh (a new access token can make the call succeed); after_wait (a frequency limit or contention that clears by itself); with_backoff (a transient server error, retried with backoff when the call is idempotent)',
        },
        categorySource: {
          enum: ['config', 'curated', 'http-status', 'text', 'none'],
          description: "Where the verdict came from: the user's config, the shipped table of platform-wide codes, the row's HTTP status, the texts; none for unknown",
        },
        variants: { type: 'array', items: { $ref: '#/$defs/variant' } },
        normalizations: { type: 'array', items: { $ref: '#/$defs/normalization' } },
        links: { type: 'array', items: { $ref: '#/$defs/link' } },
        translations: {
          type: 'object',
          description: 'The texts of companion seeds (<id>.<lang>.md), by BCP 47 tag',
          propertyNames: { pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
          additionalProperties: { $ref: '#/$defs/translation' },
        },
        endpoints: {
          type: 'array',
          description: "Endpoints whose texts, HTTP status or verdict differ from the entry's (sorted by path, then method); a runtime that knows the endpoint answers with its meaning",
          items: { $ref: '#/$defs/endpointMeaning' },
        },
        subCodes: {
          type: 'array',
          description: 'Sub-codes of this code (`ext=ErrCode: <n>; ErrMsg: …` in msg), sorted by sub-code then errMsg',
          items: { $ref: '#/$defs/subCode' },
        },
      },
    },
    endpointMeaning: {
      type: 'object',
      required: ['method', 'path', 'category', 'retryable', 'retry'],
      additionalProperties: false,
      properties: {
        method: { type: 'string', pattern: '^[A-Z]+$' },
        path: { type: 'string', pattern: '^/' },
        docUrl: { type: 'string', format: 'uri' },
        httpStatus: status,
        message: text,
        description: text,
        suggestion: text,
        category: { enum: CATEGORIES },
        retryable: { type: 'boolean' },
        retry: { enum: RETRIES },
      },
    },
    subCode: {
      type: 'object',
      required: ['subCode', 'name', 'message', 'category', 'retryable', 'retry'],
      additionalProperties: false,
      properties: {
        subCode: code,
        errMsg: { type: 'string', description: 'Set where several rows share the sub-code: matched as a case-insensitive substring of the response ErrMsg' },
        name: identifier,
        message: text,
        description: text,
        suggestion: text,
        category: { enum: CATEGORIES },
        retryable: { type: 'boolean' },
        retry: { enum: RETRIES },
      },
    },
    moduleEndpoint: {
      type: 'object',
      required: ['method', 'path'],
      additionalProperties: false,
      properties: {
        method: { type: 'string', pattern: '^[A-Z]+$' },
        path: { type: 'string', pattern: '^/' },
        docUrl: { type: 'string', format: 'uri' },
        rateLimit: {
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          description: 'The page\'s 接口频率限制: the numbers it states, and its text',
          properties: { perSecond: { type: 'integer', minimum: 0 }, perMinute: { type: 'integer', minimum: 0 }, special: { type: 'boolean' }, text },
        },
      },
    },
    translation: {
      type: 'object',
      additionalProperties: false,
      properties: { message: text, description: text, suggestion: text },
    },
    variant: {
      type: 'object',
      required: ['message'],
      additionalProperties: false,
      properties: { message: text, description: text, suggestion: text, section: text, httpStatus: status },
    },
    normalization: {
      type: 'object',
      required: ['field', 'rule', 'from'],
      additionalProperties: false,
      properties: { field: text, rule: text, from: text },
    },
    link: {
      type: 'object',
      required: ['field', 'text', 'url'],
      additionalProperties: false,
      properties: { field: { enum: ['message', 'description', 'suggestion'] }, text, url: text },
    },
  },
} as const;

/** Schema of `json/catalog.json`: every code across modules, each entry as in a module's catalogue plus its `module`. */
export const CODES_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://github.com/feishu-errcodes/feishu-errcodes/catalog.schema.json',
  title: 'Every Feishu error code of every module, keyed by code, as generated by feishu-errcodes',
  type: 'object',
  required: ['modules', 'errors'],
  additionalProperties: false,
  properties: {
    $schema: text,
    modules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['module', 'title'],
        additionalProperties: false,
        properties: {
          module: CATALOG_SCHEMA.properties.module,
          title: text,
          sourceUrl: CATALOG_SCHEMA.properties.sourceUrl,
          docUpdated: CATALOG_SCHEMA.properties.docUpdated,
          endpoints: CATALOG_SCHEMA.properties.endpoints,
        },
      },
    },
    errors: {
      type: 'object',
      description: 'Code → the entries of every module that lists it',
      propertyNames: { pattern: '^(0|[1-9][0-9]*)$' },
      additionalProperties: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['module', ...CATALOG_SCHEMA.$defs.error.required],
          additionalProperties: false,
          properties: { module: CATALOG_SCHEMA.properties.module, ...CATALOG_SCHEMA.$defs.error.properties },
        },
      },
    },
  },
  $defs: {
    variant: CATALOG_SCHEMA.$defs.variant,
    normalization: CATALOG_SCHEMA.$defs.normalization,
    link: CATALOG_SCHEMA.$defs.link,
    translation: CATALOG_SCHEMA.$defs.translation,
    endpointMeaning: CATALOG_SCHEMA.$defs.endpointMeaning,
    subCode: CATALOG_SCHEMA.$defs.subCode,
    moduleEndpoint: CATALOG_SCHEMA.$defs.moduleEndpoint,
  },
} as const;
