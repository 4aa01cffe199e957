import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import type { ErrorCatalog, ErrorEntry, ErrorModule, ErrorVariant, ModuleEndpoint } from '../model.js';
import { moduleNotice } from './header.js';
import { markdownCell, markdownInline, markdownUrl } from './markdown.js';
import type { OutputFile } from './types.js';
import { wellFormedCatalog } from './well-formed.js';

const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });
const template = eta.compile(readFileSync(new URL('../../templates/docs/module.md.eta', import.meta.url), 'utf8'));

/**
 * Docs: `docs/<id>.md` per module from `templates/docs/module.md.eta`, the page a
 * reviewer reads instead of the raw doc: the normalized table, the variants of repeated
 * codes, and every normalization with the original text. All doc text is escaped here;
 * the template only lays the page out.
 */
export function emitDocs(input: ErrorCatalog): OutputFile[] {
  const catalog = wellFormedCatalog(input);
  return catalog.modules.map((module) => ({
    path: `docs/${module.id}.md`,
    contents: eta.render(template, templateData(module)),
  }));
}

/** A GFM table as lines: header, delimiter, rows; cells already escaped. */
interface TableLines {
  readonly header: string;
  readonly delimiter: string;
  readonly rows: readonly string[];
}

interface Column<Row> {
  readonly title: string;
  readonly numeric?: boolean;
  readonly cell: (row: Row) => string;
}

function table<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): TableLines {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return {
    header: line(columns.map((column) => column.title)),
    delimiter: line(columns.map((column) => (column.numeric ? '---:' : '---'))),
    rows: rows.map((row) => line(columns.map((column) => column.cell(row)))),
  };
}

type Texts = Pick<ErrorVariant, 'message' | 'description' | 'suggestion' | 'httpStatus' | 'section'>;

/** Code, name, the texts, and HTTP status / section only where some row has one. */
function textColumns<Row extends Texts>(rows: readonly Row[], head: Column<Row>[]): Column<Row>[] {
  const columns: Column<Row>[] = [
    ...head,
    { title: 'Message', cell: (row) => markdownCell(row.message) },
    { title: '说明', cell: (row) => markdownCell(row.description ?? '') },
    { title: '排查建议', cell: (row) => markdownCell(row.suggestion ?? '') },
  ];
  if (rows.some((row) => row.httpStatus !== undefined)) {
    columns.push({ title: 'HTTP status', numeric: true, cell: (row) => (row.httpStatus === undefined ? '' : String(row.httpStatus)) });
  }
  if (rows.some((row) => row.section !== undefined)) columns.push({ title: 'Section', cell: (row) => markdownCell(row.section ?? '') });
  return columns;
}

const codeColumn = <Row extends { code: number }>(): Column<Row> => ({ title: 'Code', numeric: true, cell: (row) => String(row.code) });
const nameColumn = <Row extends { name: string }>(): Column<Row> => ({ title: 'Name', cell: (row) => `\`${row.name}\`` });

function templateData(module: ErrorModule) {
  const entries = module.entries;
  const variants = entries.flatMap((entry) => (entry.variants ?? []).map((variant) => ({ ...variant, code: entry.code, name: entry.name })));
  const normalizations = entries.flatMap((entry) =>
    (entry.normalizations ?? []).map((normalization) => ({ ...normalization, code: entry.code, name: entry.name })),
  );
  const deprecated = entries.filter((entry) => entry.deprecated).length;
  const translations = entries.flatMap((entry) =>
    Object.entries(entry.translations ?? {}).map(([lang, texts]) => ({ code: entry.code, name: entry.name, lang, message: texts.message ?? '', ...texts })),
  );

  const codes = table<ErrorEntry>(
    textColumns(entries, [
      codeColumn(),
      { title: 'Name', cell: (entry) => `\`${entry.name}\`${entry.deprecated ? ' *(deprecated)*' : ''}` },
      // The verdict and its source, so a reviewer sees why (docs/error-handling.md).
      { title: 'Category', cell: (entry) => `\`${entry.category}\`${entry.retryable ? ' retryable' : ''} (${entry.categorySource})` },
      { title: 'Retry', cell: (entry) => `\`${entry.retry}\`` },
    ]),
    entries,
  );

  const meanings = entries.flatMap((entry) => (entry.endpoints ?? []).map((meaning) => ({ ...meaning, code: entry.code, name: entry.name, message: meaning.message ?? '' })));
  const subCodes = entries.flatMap((entry) => (entry.subCodes ?? []).map((sub) => ({ ...sub, code: entry.code, parentName: entry.name })));
  const endpointCell = (row: { method: string; path: string; docUrl?: string }) => {
    const label = markdownCell(`${row.method} ${row.path}`);
    return row.docUrl === undefined ? label : `[${label}](${markdownUrl(row.docUrl)})`;
  };
  const verdictCell = (row: { category: string; retryable: boolean }) => `\`${row.category}\`${row.retryable ? ' retryable' : ''}`;
  const sections: { title: string; intro: string; table: TableLines }[] = [];
  if (module.endpoints !== undefined) {
    sections.push({
      title: 'Endpoints',
      intro: "The endpoints the module's pages declare, with their rate-limit tiers (接口频率限制).",
      table: table(
        [
          { title: 'Endpoint', cell: endpointCell },
          { title: 'Per second', numeric: true, cell: (row: ModuleEndpoint) => (row.rateLimit?.perSecond === undefined ? '' : String(row.rateLimit.perSecond)) },
          { title: 'Per minute', numeric: true, cell: (row: ModuleEndpoint) => (row.rateLimit?.perMinute === undefined ? '' : String(row.rateLimit.perMinute)) },
          { title: 'Rate limit', cell: (row: ModuleEndpoint) => markdownCell(row.rateLimit?.text ?? '') },
        ],
        module.endpoints,
      ),
    });
  }
  if (meanings.length > 0) {
    sections.push({
      title: 'Per-endpoint meanings',
      intro: 'These endpoints say something else of a code than the table above (which gives what most endpoints say); a runtime that knows the endpoint answers with this row.',
      table: table(
        textColumns(meanings, [
          codeColumn(),
          nameColumn(),
          { title: 'Endpoint', cell: endpointCell },
          { title: 'Category', cell: verdictCell },
          { title: 'Retry', cell: (row) => `\`${row.retry}\`` },
        ]),
        meanings,
      ),
    });
  }
  if (subCodes.length > 0) {
    sections.push({
      title: 'Sub-codes',
      intro: 'Codes whose `msg` carries a sub-code (`ext=ErrCode: <n>; ErrMsg: …`): a runtime answers with the row of the sub-code (and ErrMsg where several rows share one).',
      table: table(
        [
          codeColumn(),
          { title: 'Name', cell: (row) => `\`${row.parentName}\`` },
          { title: 'Sub-code', numeric: true, cell: (row) => String(row.subCode) },
          { title: 'Sub-code name', cell: (row) => `\`${row.name}\`` },
          { title: 'ErrMsg', cell: (row) => markdownCell(row.errMsg ?? '') },
          { title: 'Message', cell: (row) => markdownCell(row.message) },
          { title: '说明', cell: (row) => markdownCell(row.description ?? '') },
          { title: '排查建议', cell: (row) => markdownCell(row.suggestion ?? '') },
          { title: 'Category', cell: verdictCell },
          { title: 'Retry', cell: (row) => `\`${row.retry}\`` },
        ],
        subCodes,
      ),
    });
  }

  return {
    sections,
    notice: htmlCommentText(moduleNotice(module)),
    title: markdownInline(module.title),
    intro: intro(module),
    summary: [
      count(entries.length, 'code'),
      ...(deprecated ? [`${deprecated} deprecated`] : []),
      ...(variants.length ? [count(new Set(variants.map((variant) => variant.code)).size, 'code') + ' with variants'] : []),
      ...(normalizations.length ? [count(normalizations.length, 'normalization')] : []),
    ].join(' · '),
    codes,
    deprecated: deprecated > 0,
    variants: variants.length ? table(textColumns(variants, [codeColumn(), nameColumn()]), variants) : undefined,
    translations: translations.length
      ? table(textColumns(translations, [codeColumn(), nameColumn(), { title: 'Language', cell: (row) => markdownCell(row.lang) }]), translations)
      : undefined,
    normalizations: normalizations.length
      ? table(
          [
            codeColumn(),
            nameColumn(),
            { title: 'Field', cell: (row) => markdownCell(row.field) },
            { title: 'Rule', cell: (row) => `\`${row.rule.replace(/`/g, '')}\`` },
            { title: 'Original', cell: (row) => markdownCell(row.from) },
          ],
          normalizations,
        )
      : undefined,
  };
}

function intro(module: ErrorModule): string {
  const source = module.sourceUrl ? `[the Feishu doc](${markdownUrl(module.sourceUrl)})` : 'the Feishu doc';
  const updated = module.docUpdated ? ` (updated ${module.docUpdated})` : '';
  return [
    `Error codes of module \`${module.id}\`, normalized from ${source}${updated}.`,
    `TypeScript: \`${module.typeName}\` · Go: package \`${module.goPackage}\``,
  ].join('  \n');
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Text inside `<!-- … -->`: a seed's file name is doc input. CommonMark ends the comment
 * at `-->`, HTML parsers also at `--!>` (and a nested `<!--` is an error), so no `<` or `>`
 * is left as it is: with neither, nothing can end the comment early. Character
 * references are not decoded inside a comment; they only show what was there.
 */
export function htmlCommentText(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}
