import type { Category, ErrorCatalog, RateLimit, Retry } from '../model.js';

/**
 * The rows the four runtimes resolve endpoints and sub-codes from, flattened out of the
 * catalogue once so that every language renders the same rows in the same order:
 *
 * - `endpoints`: every endpoint of every module (its `endpoints`, plus any endpoint an entry's
 *   meaning names), with its rate-limit tier; by module id, then path, then method;
 * - `meanings`: what an endpoint says of a code where it differs from its module's entry;
 *   by module id, then code, then path, then method;
 * - `subCodes`: the sub-code rows of each entry; by module id, then code, then the IR's order
 *   (sub-code, then errMsg), the order the runtimes try them in.
 */
export interface LookupTables {
  readonly endpoints: readonly EndpointRow[];
  readonly meanings: readonly MeaningRow[];
  readonly subCodes: readonly SubCodeRow[];
}

export interface EndpointRow {
  readonly module: string;
  readonly method: string;
  readonly path: string;
  readonly docUrl?: string;
  readonly rateLimit?: RateLimit;
}

export interface VerdictRow {
  readonly category: Category;
  readonly retryable: boolean;
  readonly retry: Retry;
}

export interface MeaningRow extends VerdictRow {
  readonly module: string;
  readonly code: number;
  readonly method: string;
  readonly path: string;
  readonly docUrl?: string;
  readonly httpStatus?: number;
  readonly message?: string;
  readonly description?: string;
  readonly suggestion?: string;
}

export interface SubCodeRow extends VerdictRow {
  readonly module: string;
  readonly code: number;
  readonly subCode: number;
  readonly errMsg?: string;
  readonly name: string;
  readonly message: string;
  readonly description?: string;
  readonly suggestion?: string;
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The method as the runtimes compare it: ASCII letters in upper case. */
const methodOf = (method: string) => method.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
/** The path template as the runtimes compare it: one trailing `/` dropped, as from a request's path. */
const pathOf = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

export function lookupTables(catalog: ErrorCatalog): LookupTables {
  const modules = [...catalog.modules].sort((a, b) => order(a.id, b.id));
  const endpoints: EndpointRow[] = [];
  const meanings: MeaningRow[] = [];
  const subCodes: SubCodeRow[] = [];
  for (const module of modules) {
    const own = new Map<string, EndpointRow>();
    const key = (method: string, path: string) => `${method} ${path}`;
    for (const declared of module.endpoints ?? []) {
      const endpoint = { ...declared, method: methodOf(declared.method), path: pathOf(declared.path) };
      if (own.has(key(endpoint.method, endpoint.path))) continue;
      own.set(key(endpoint.method, endpoint.path), {
        module: module.id,
        method: endpoint.method,
        path: endpoint.path,
        ...(endpoint.docUrl !== undefined && { docUrl: endpoint.docUrl }),
        ...(endpoint.rateLimit !== undefined && { rateLimit: endpoint.rateLimit }),
      });
    }
    const entries = [...module.entries].sort((a, b) => a.code - b.code);
    for (const entry of entries) {
      const rows = (entry.endpoints ?? []).map((meaning) => ({ ...meaning, method: methodOf(meaning.method), path: pathOf(meaning.path) })).sort((a, b) => order(a.path, b.path) || order(a.method, b.method));
      for (const meaning of rows) {
        if (!own.has(key(meaning.method, meaning.path))) {
          own.set(key(meaning.method, meaning.path), { module: module.id, method: meaning.method, path: meaning.path, ...(meaning.docUrl !== undefined && { docUrl: meaning.docUrl }) });
        }
        meanings.push({
          module: module.id,
          code: entry.code,
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
        });
      }
      for (const sub of entry.subCodes ?? []) {
        subCodes.push({
          module: module.id,
          code: entry.code,
          subCode: sub.subCode,
          ...(sub.errMsg !== undefined && sub.errMsg !== '' && { errMsg: sub.errMsg }),
          name: sub.name,
          message: sub.message,
          ...(sub.description !== undefined && { description: sub.description }),
          ...(sub.suggestion !== undefined && { suggestion: sub.suggestion }),
          category: sub.category,
          retryable: sub.retryable,
          retry: sub.retry,
        });
      }
    }
    endpoints.push(...[...own.values()].sort((a, b) => order(a.path, b.path) || order(a.method, b.method)));
  }
  return { endpoints, meanings, subCodes };
}
