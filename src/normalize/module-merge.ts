import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { Classification, EndpointMeaning, ErrorEntry, ErrorVariant, ModuleEndpoint, RateLimit } from '../model.js';
import type { ParsedDoc } from '../parse/types.js';
import { assignNames } from './assign-names.js';
import { classifyEntry } from './classify.js';
import { clean, dedupe, overrideOf, variantKey, type NormalizeOptions } from './normalize-doc.js';
import { neutralName } from './neutral-name.js';
import { readRows, type Row } from './rows.js';
import { buildSubCodes, orphanSubRows, splitSubCodes, type SubRow } from './sub-codes.js';

/**
 * A module folder (docs/modules.md): every page under `seeds/<module>/` is one module, one
 * member per code. Each API reference page is an endpoint; its rows say what the code means
 * there. The entry's texts and verdict are what most of its voices say (an endpoint, or a
 * page without one, counts once), every endpoint that says otherwise is kept in `endpoints`.
 */

/** One page of a module folder, parsed. */
export interface ModulePage {
  readonly file: VFile;
  readonly doc: ParsedDoc;
  /** The page's URL: front matter `source_url`, else `https://open.feishu.cn/document` + `fullPath`. */
  readonly docUrl?: string;
  /** The page's endpoint, when it declares one under `/open-apis/`. */
  readonly endpoint?: { readonly method: string; readonly path: string };
  readonly rateLimit?: RateLimit;
}

export interface ModuleResult {
  readonly entries: ErrorEntry[];
  readonly endpoints: ModuleEndpoint[];
}

/** What one endpoint (or one page without an endpoint) says of a code. */
interface Voice {
  /** `POST /open-apis/im/v1/messages`, or `page:<path>` for a page without an endpoint. */
  readonly key: string;
  readonly endpoint?: { readonly method: string; readonly path: string; readonly docUrl?: string };
  readonly row: Row;
  readonly verdict: Classification;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Endpoints sort by path, then method; pages without one first, by path. */
function voiceOrder(a: Voice, b: Voice): number {
  if (!a.endpoint || !b.endpoint) return a.endpoint ? 1 : b.endpoint ? -1 : compare(a.key, b.key);
  return compare(a.endpoint.path, b.endpoint.path) || compare(a.endpoint.method, b.endpoint.method);
}

const verdictKey = (verdict: Classification) => `${verdict.category}|${verdict.retryable}|${verdict.retry}`;
const textKey = (row: Row) => JSON.stringify([row.message, row.description ?? '', row.suggestion ?? '', row.httpStatus ?? 0]);

/**
 * The voices most of them agree with, by `key`: the largest group; on a tie, the group with a
 * page without an endpoint (the module's own list), then the group whose first voice sorts
 * first (voiceOrder).
 */
function majority(voices: readonly Voice[], key: (voice: Voice) => string): Voice[] {
  const groups = new Map<string, Voice[]>();
  for (const voice of voices) {
    const group = groups.get(key(voice));
    if (group) group.push(voice);
    else groups.set(key(voice), [voice]);
  }
  let best: Voice[] | undefined;
  for (const group of groups.values()) {
    if (best === undefined) {
      best = group;
      continue;
    }
    const moduleLevel = (list: Voice[]) => (list.some((voice) => !voice.endpoint) ? 1 : 0);
    const better =
      group.length - best.length || moduleLevel(group) - moduleLevel(best) || -voiceOrder(group[0]!, best[0]!);
    if (better > 0) best = group;
  }
  return best!;
}

/** Reads, merges and names the pages of one module folder. */
export function normalizeModule(pages: readonly ModulePage[], moduleFile: VFile, options: NormalizeOptions): ModuleResult {
  const fileOfPage = new Map<string, VFile>();
  const allRows: Row[] = [];
  const subRows: SubRow[] = [];
  const endpointOfPage = new Map<string, Voice['endpoint']>();
  const endpoints = new Map<string, { endpoint: ModuleEndpoint; pages: string[] }>();
  let readPages = 0;
  for (const page of [...pages].sort((a, b) => compare(a.file.path, b.file.path))) {
    const path = page.file.path;
    fileOfPage.set(path, page.file);
    if (page.endpoint) {
      const key = `${page.endpoint.method} ${page.endpoint.path}`;
      const declared = endpoints.get(key);
      if (declared) {
        declared.pages.push(path);
        report(
          page.file,
          'warning',
          `Endpoint \`${key}\` is also declared by ${declared.pages[0]}; the rows of both pages are merged as one endpoint. Remove one page, or set \`endpoint:\` in the front matter of the one that documents another endpoint`,
          page.doc.endpoint?.start ?? { line: 1, column: 1 },
          'duplicate-endpoint',
        );
      } else {
        endpoints.set(key, {
          endpoint: { method: page.endpoint.method, path: page.endpoint.path, ...(page.docUrl !== undefined && { docUrl: page.docUrl }), ...(page.rateLimit !== undefined && { rateLimit: page.rateLimit }) },
          pages: [path],
        });
      }
      endpointOfPage.set(path, { method: page.endpoint.method, path: page.endpoint.path, ...(endpoints.get(key)!.endpoint.docUrl !== undefined && { docUrl: endpoints.get(key)!.endpoint.docUrl! }) });
    }
    const rows = readRows(page.doc, page.file, { ...options, noTable: 'info' });
    if (!rows) continue;
    readPages++;
    const split = splitSubCodes(rows.map((row) => ({ ...row, page: path })));
    allRows.push(...split.rows);
    subRows.push(...split.subRows);
  }
  if (readPages === 0) {
    report(
      moduleFile,
      'warning',
      `Module folder ${moduleFile.path} has no page with an error table (${pages.length} page(s) read), so module \`${options.moduleId}\` has no codes; add its API reference pages, or remove the folder`,
      { line: 1, column: 1 },
      'empty-module',
    );
  }
  const fileOfRow = (row: Row) => fileOfPage.get(row.page ?? '') ?? moduleFile;
  const { kept, orphans } = orphanSubRows(subRows, new Set(allRows.map((row) => row.code)), fileOfRow);
  allRows.push(...orphans);

  // Each code's voices: the first row of the code on each endpoint (pages declaring one
  // endpoint merge) and on each page without one; the other rows are variants.
  const byCode = new Map<number, { voices: Map<string, Row[]>; rows: Row[] }>();
  for (const row of allRows) {
    const endpoint = endpointOfPage.get(row.page ?? '');
    const key = endpoint ? `${endpoint.method} ${endpoint.path}` : `page:${row.page ?? ''}`;
    let code = byCode.get(row.code);
    if (!code) byCode.set(row.code, (code = { voices: new Map(), rows: [] }));
    code.rows.push(row);
    const list = code.voices.get(key);
    if (list) list.push(row);
    else code.voices.set(key, [row]);
  }

  const codes = [...byCode.keys()].sort((a, b) => a - b);
  const deprecated = options.prune ? [] : [...options.locked.keys()].filter((code) => !byCode.has(code)).sort((a, b) => a - b);
  for (const code of deprecated) {
    report(
      moduleFile,
      'warning',
      `Code ${code} is no longer in the module's pages; kept as deprecated by the name lock (to drop it, delete modules["${options.moduleId}"]["${code}"] from ${options.lockPath}, or run \`generate --prune\`)`,
      { line: 1, column: 1 },
      'removed-code',
    );
  }

  interface Chosen {
    readonly entryRow: Row;
    readonly verdict: Classification;
    readonly voices: Voice[];
  }
  const chosen = new Map<number, Chosen>();
  const namingRows = new Map<number, Row[]>();
  for (const code of codes) {
    const { voices: byKey, rows } = byCode.get(code)!;
    const override = overrideOf(options.categories, code);
    const voices: Voice[] = [...byKey].map(([key, list]) => {
      const row = list[0]!;
      const endpoint = endpointOfPage.get(row.page ?? '');
      return { key, ...(endpoint !== undefined && { endpoint }), row, verdict: classifyEntry({ code, name: 'X', ...textsOf(row) }, override) };
    });
    voices.sort(voiceOrder);
    const agreed = majority(voices, (voice) => verdictKey(voice.verdict));
    const representative = majority(agreed, (voice) => textKey(voice.row))[0]!;
    chosen.set(code, { entryRow: representative.row, verdict: representative.verdict, voices });
    // The name must hold for every endpoint: when they disagree on the category, it comes
    // from what their texts share, or says that the meaning depends on the endpoint.
    const categories = new Set(voices.map((voice) => voice.verdict.category));
    const docName = categories.size > 1 ? neutralName(voices.map((voice) => ({ row: voice.row, category: voice.verdict.category })), representative.row) : undefined;
    namingRows.set(code, [docName !== undefined ? { ...representative.row, docName } : representative.row, ...rows.filter((row) => row !== representative.row)]);
  }

  const { names, derived } = assignNames(codes, namingRows, deprecated, moduleFile, { ...options, fileOf: (code) => fileOfRow(namingRows.get(code)?.[0] ?? allRows[0]!) });
  const entries: ErrorEntry[] = [];
  for (const code of codes) {
    const { entryRow, verdict, voices } = chosen.get(code)!;
    const entryKey = textKey(entryRow);
    const entryVerdict = verdictKey(verdict);
    const meanings: EndpointMeaning[] = [];
    for (const voice of voices) {
      if (!voice.endpoint || (textKey(voice.row) === entryKey && verdictKey(voice.verdict) === entryVerdict)) continue;
      meanings.push(
        clean({
          method: voice.endpoint.method,
          path: voice.endpoint.path,
          docUrl: voice.endpoint.docUrl,
          httpStatus: voice.row.httpStatus,
          message: voice.row.message,
          description: voice.row.description,
          suggestion: voice.row.suggestion,
          category: voice.verdict.category,
          retryable: voice.verdict.retryable,
          retry: voice.verdict.retry,
        }),
      );
    }
    // Variants: rows no voice stands for (a code listed again on one page, a page without an endpoint that says otherwise).
    const represented = new Set(voices.filter((voice) => voice.endpoint).map((voice) => voice.row));
    const variants: ErrorVariant[] = [];
    const seen = new Set([variantKey(entryRow)]);
    const rows = byCode.get(code)!.rows;
    for (const row of rows) {
      if (row === entryRow || represented.has(row)) continue;
      const key = variantKey(row);
      if (seen.has(key)) continue;
      seen.add(key);
      variants.push(clean({ message: row.message, description: row.description, suggestion: row.suggestion, section: row.section, httpStatus: row.httpStatus }));
    }
    const normalizations = dedupe(rows.flatMap((row) => row.normalizations));
    const links = dedupe(rows.flatMap((row) => row.links));
    entries.push(
      clean({
        code,
        name: names.get(code)!,
        derivedName: derived.get(code),
        message: entryRow.message,
        description: entryRow.description,
        suggestion: entryRow.suggestion,
        httpStatus: entryRow.httpStatus,
        section: entryRow.section,
        variants: variants.length ? variants : undefined,
        normalizations: normalizations.length ? normalizations : undefined,
        links: links.length ? links : undefined,
        ...verdict,
        endpoints: meanings.length ? meanings : undefined,
      }),
    );
  }
  for (const code of deprecated) {
    const locked = options.locked.get(code)!;
    const entry = clean({
      code,
      name: names.get(code)!,
      derivedName: derived.get(code),
      message: locked.message,
      description: locked.description,
      suggestion: locked.suggestion,
      httpStatus: locked.httpStatus,
      section: locked.section,
      deprecated: true as const,
    });
    entries.push({ ...entry, ...classifyEntry(entry, overrideOf(options.categories, code)) });
  }
  const byEntry = new Map(entries.map((entry) => [entry.code, entry]));
  const subCodes = buildSubCodes(kept, (parent) => byEntry.get(parent)?.httpStatus, (parent) => overrideOf(options.categories, parent));
  const withSubCodes = entries.map((entry) => (subCodes.has(entry.code) ? { ...entry, subCodes: subCodes.get(entry.code)! } : entry));
  const moduleEndpoints = [...endpoints.values()]
    .map(({ endpoint }) => endpoint)
    .sort((a, b) => compare(a.path, b.path) || compare(a.method, b.method));
  return { entries: withSubCodes.sort((a, b) => a.code - b.code), endpoints: moduleEndpoints };
}

function textsOf(row: Row): { message: string; description?: string; suggestion?: string; httpStatus?: number } {
  return {
    message: row.message,
    ...(row.description !== undefined && { description: row.description }),
    ...(row.suggestion !== undefined && { suggestion: row.suggestion }),
    ...(row.httpStatus !== undefined && { httpStatus: row.httpStatus }),
  };
}
