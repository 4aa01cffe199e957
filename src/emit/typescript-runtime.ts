import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import type { ErrorCatalog } from '../model.js';
import { curatedVerdict } from '../normalize/classify.js';
import { CURATED_CODES } from '../normalize/curated-codes.js';
import { tsString } from './escape.js';
import { lookupTables, type EndpointRow, type MeaningRow, type SubCodeRow } from './lookup-tables.js';
import { generatedNotice } from './header.js';
import type { OutputFile } from './types.js';

const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });
const template = eta.compile(readFileSync(new URL('../../templates/ts/feishu-error.ts.eta', import.meta.url), 'utf8'));

/** The runtime file, re-exported by `ts/index.ts`. */
export const RUNTIME_FILE = 'feishu-error';

/**
 * `ts/feishu-error.ts`: FeishuApiError, toFeishuError, lookupFeishuCode over every module,
 * withFeishuRetry and feishuFetch,
 * from `templates/ts/feishu-error.ts.eta`. Self-contained: it imports only the sibling
 * module files, never feishu-errcodes.
 */
export function emitTypeScriptRuntime(catalog: ErrorCatalog): OutputFile[] {
  // Ascending module id, plain code-unit order: the last tie-break between modules listing one code.
  const sorted = [...catalog.modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const modules = sorted.map((module) => ({
    id: module.id,
    idLiteral: tsString(module.id),
    lookup: `lookup${module.typeName}`,
    docUrl: module.sourceUrl === undefined ? undefined : tsString(module.sourceUrl),
  }));
  const platform = CURATED_CODES.map((entry) => {
    const { retry } = curatedVerdict(entry);
    return `[${entry.code}, { category: ${tsString(entry.category)}, retryable: ${entry.retryable}, retry: ${tsString(retry)} }],`;
  });
  const notice = generatedNotice(catalog.modules.length === 1 ? catalog.modules[0]!.seed : 'the seeds');
  const tables = lookupTables(catalog);
  const endpoints = tables.endpoints.map(endpointLiteral);
  const meanings = tables.meanings.map(meaningLiteral);
  const subCodes = tables.subCodes.map(subCodeLiteral);
  return [{ path: `ts/${RUNTIME_FILE}.ts`, contents: eta.render(template, { notice, modules, platform, endpoints, meanings, subCodes }) }];
}

/** `key: "text"` for each defined string field, in the order given. */
function strings(row: object, keys: readonly string[]): string[] {
  const record = row as Readonly<Record<string, unknown>>;
  return keys.flatMap((key) => (typeof record[key] === 'string' ? [`${key}: ${tsString(record[key])}`] : []));
}

function verdictFields(row: { readonly category: string; readonly retryable: boolean; readonly retry: string }): string[] {
  return [`category: ${tsString(row.category)}`, `retryable: ${row.retryable}`, `retry: ${tsString(row.retry)}`];
}

function endpointLiteral(row: EndpointRow): string {
  const fields = strings(row, ['module', 'method', 'path', 'docUrl']);
  const limit = row.rateLimit;
  if (limit !== undefined) {
    const tier = [
      ...(limit.perSecond !== undefined ? [`perSecond: ${limit.perSecond}`] : []),
      ...(limit.perMinute !== undefined ? [`perMinute: ${limit.perMinute}`] : []),
      ...(limit.special ? ['special: true'] : []),
      `text: ${tsString(limit.text)}`,
    ];
    fields.push(`rateLimit: { ${tier.join(', ')} }`);
  }
  return `{ ${fields.join(', ')} },`;
}

function meaningLiteral(row: MeaningRow): string {
  const fields = [...strings(row, ['module']), `code: ${row.code}`, ...strings(row, ['method', 'path', 'docUrl'])];
  if (row.httpStatus !== undefined) fields.push(`httpStatus: ${row.httpStatus}`);
  fields.push(...strings(row, ['message', 'description', 'suggestion']), ...verdictFields(row));
  return `{ ${fields.join(', ')} },`;
}

function subCodeLiteral(row: SubCodeRow): string {
  const fields = [...strings(row, ['module']), `code: ${row.code}`, `subCode: ${row.subCode}`, ...strings(row, ['errMsg', 'name', 'message', 'description', 'suggestion']), ...verdictFields(row)];
  return `{ ${fields.join(', ')} },`;
}
