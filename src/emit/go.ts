import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import type { ErrorCatalog, ErrorEntry, ErrorModule } from '../model.js';
import { goDocLines, goString } from './escape.js';
import { generatedNotice, moduleAndPage, moduleNotice, variantLine } from './header.js';
import { curatedVerdict } from '../normalize/classify.js';
import { CURATED_CODES } from '../normalize/curated-codes.js';
import { goMemberNames } from '../normalize/names.js';
import { lookupTables, type LookupTables } from './lookup-tables.js';
import type { EmitOptions, OutputFile } from './types.js';
import { wellFormedCatalog } from './well-formed.js';

const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });
const templateOf = (name: string) => eta.compile(templateText(name));
const template = templateOf('errors.go.eta');
const runtimeTemplate = templateOf('feishuerr.go.eta');
const exampleTemplate = templateOf('feishuerr_example_test.go.eta');

/** The Go package of the runtime; no module may take its name. */
export const RUNTIME_PACKAGE = 'feishuerr';

/**
 * Package names no module may take, read from the Go templates (one table, so it cannot
 * drift from the output): the runtime imports every module's package beside the standard
 * packages its templates import, so a module `http` would clash with `net/http`.
 * Name → what it clashes with.
 */
export const GO_RESERVED_PACKAGES: ReadonlyMap<string, string> = new Map([
  ...['errors.go.eta', 'feishuerr.go.eta', 'feishuerr_example_test.go.eta'].flatMap((name) =>
    [...templateText(name).matchAll(/^(?:import\s+|\t)"([a-z0-9_./]+)"$/gm)].map((match) => [match[1]!.slice(match[1]!.lastIndexOf('/') + 1), `import "${match[1]}" of the generated Go`] as const),
  ),
  [RUNTIME_PACKAGE, `the generated runtime package go/${RUNTIME_PACKAGE}`],
]);

function templateText(name: string): string {
  return readFileSync(new URL(`../../templates/go/${name}`, import.meta.url), 'utf8');
}

/**
 * Go: `go/<pkg>/errors.go` per module from `templates/go/errors.go.eta`, plus `go/go.mod`
 * unless the packages join the user's module.
 * Layout avoids gofmt alignment (one `const` per code, one-line literals), so the
 * template's output is gofmt-clean as rendered.
 */
export function emitGo(input: ErrorCatalog, options: EmitOptions): OutputFile[] {
  const catalog = wellFormedCatalog(input);
  const files = catalog.modules.map((module) => ({
    path: `go/${module.goPackage}/errors.go`,
    contents: eta.render(template, templateData(module)),
  }));
  // In the user's own module a nested go.mod would cut the packages off from it.
  if (options.goModFile !== false) files.push({ path: 'go/go.mod', contents: `module ${options.goModule}\n\ngo 1.19\n` });
  files.push(...emitGoRuntime(catalog, options));
  return files;
}

/**
 * `go/feishuerr/`: APIError, Parse, FromResponse and Lookup across every module's package,
 * and Example tests that `go test` runs. The module packages do not import it (their
 * Code matches an APIError through its FeishuCode method), so there is no import cycle.
 */
function emitGoRuntime(catalog: ErrorCatalog, options: EmitOptions): OutputFile[] {
  const notice = generatedNotice(catalog.modules.length === 1 ? catalog.modules[0]!.seed : 'the seeds');
  // Lookup lists modules in id order, the order the verdict's last tie-break follows.
  const byId = [...catalog.modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const modules = byId.map((module) => ({
    pkg: module.goPackage,
    importPath: `${options.goModule}/${module.goPackage}`,
    idLiteral: goString(module.id),
    docUrl: goString(module.sourceUrl ?? ''),
  }));
  const platform = CURATED_CODES.map((entry) => {
    const { retry } = curatedVerdict(entry);
    return `{${entry.code}, ${goConstant(entry.category)}, ${entry.retryable}, Retry${goConstant(retry)}},`;
  });
  // The examples show errors.Is against the first listed code of the first module.
  const module = catalog.modules.find((candidate) => candidate.entries.some((entry) => !entry.deprecated));
  const entry = module?.entries.find((candidate) => !candidate.deprecated);
  const example =
    module && entry
      ? {
          pkg: module.goPackage,
          importPath: `${options.goModule}/${module.goPackage}`,
          // The Go spelling of the name (`AppIDUnauthorized`), as the module's constants have it.
          name: goMemberNames(module.entries.map((candidate) => candidate.name)).get(entry.name)!,
          code: entry.code,
          lookup: byId.flatMap((other) => {
            const found = other.entries.find((candidate) => candidate.code === entry.code);
            return found ? [`${other.id} ${found.name} ${found.category} ${found.retryable}`] : [];
          }),
        }
      : undefined;
  // gofmt keeps an import block sorted.
  const sorted = (paths: string[]) => [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const imports = sorted(modules.map((module) => module.importPath));
  const exampleImports = sorted([`${options.goModule}/${RUNTIME_PACKAGE}`, ...(example ? [example.importPath] : [])]);
  return [
    { path: `go/${RUNTIME_PACKAGE}/feishuerr.go`, contents: eta.render(runtimeTemplate, { notice, modules, platform, imports, ...goLookupTables(lookupTables(catalog)) }) },
    { path: `go/${RUNTIME_PACKAGE}/example_test.go`, contents: eta.render(exampleTemplate, { notice, example, imports: exampleImports }) },
  ];
}

/** The lookup rows of feishuerr.go (endpoints, endpoint meanings, sub-codes): one keyed literal a line. */
function goLookupTables(tables: LookupTables): { endpoints: string[]; meanings: string[]; subCodes: string[] } {
  const fields = (pairs: readonly (readonly [string, string | number | boolean | undefined])[]) =>
    pairs.flatMap(([key, value]) => (value === undefined || value === false ? [] : [`${key}: ${typeof value === 'string' ? goString(value) : String(value)}`])).join(', ');
  const endpoints = tables.endpoints.map((row) => {
    const tier = row.rateLimit === undefined ? '' : `, Tier: &Tier{${fields([['PerSecond', row.rateLimit.perSecond], ['PerMinute', row.rateLimit.perMinute], ['Special', row.rateLimit.special], ['Text', row.rateLimit.text]])}}`;
    return `{${fields([['Module', row.module], ['Method', row.method], ['Path', row.path], ['DocURL', row.docUrl]])}${tier}},`;
  });
  const meanings = tables.meanings.map(
    (row) =>
      `{${fields([
        ['module', row.module], ['code', row.code], ['method', row.method], ['path', row.path], ['docURL', row.docUrl], ['httpStatus', row.httpStatus],
        ['message', row.message], ['description', row.description], ['suggestion', row.suggestion],
      ])}, category: ${goConstant(row.category)}, retryable: ${row.retryable}, retry: Retry${goConstant(row.retry)}},`,
  );
  const subCodes = tables.subCodes.map(
    (row) =>
      `{module: ${goString(row.module)}, code: ${row.code}, info: SubCodeInfo{${fields([
        ['SubCode', row.subCode], ['ErrMsg', row.errMsg], ['Name', row.name], ['Message', row.message], ['Description', row.description], ['Suggestion', row.suggestion],
      ])}, Category: ${goConstant(row.category)}, Retryable: ${row.retryable}, Retry: Retry${goConstant(row.retry)}}},`,
  );
  return { endpoints, meanings, subCodes };
}

/** `not_found` → `NotFound`, `after_wait` → `AfterWait`: the constant of package feishuerr (after its prefix). */
function goConstant(category: string): string {
  return category.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}

function templateData(module: ErrorModule) {
  // Go spells initialisms its own way (`AppIDUnauthorized`); String() still returns the locked name.
  const goNames = goMemberNames(module.entries.map((entry) => entry.name));
  const about = [
    ...(module.sourceUrl ? [`Source: ${module.sourceUrl}`] : []),
    ...(module.docUpdated ? [`Doc updated: ${module.docUpdated}`] : []),
  ];
  return {
    notice: moduleNotice(module),
    pkg: module.goPackage,
    doc: goDocLines([`Package ${module.goPackage} holds the error codes of ${moduleAndPage(module)}.`, about.join('\n')]),
    entries: module.entries.map((entry) => {
      const name = goNames.get(entry.name)!;
      return { name, code: entry.code, doc: entryDoc(entry, name), literal: literal(entry, name) };
    }),
  };
}

function entryDoc(entry: ErrorEntry, goName: string): string[] {
  const paragraphs = [`${goName} (${entry.code}): ${entry.message || 'no message in the doc'}`];
  if (entry.description) paragraphs.push(`说明: ${entry.description}`);
  if (entry.suggestion) paragraphs.push(`排查建议: ${entry.suggestion}`);
  if (entry.httpStatus !== undefined) paragraphs.push(`HTTP status: ${entry.httpStatus}`);
  for (const variant of entry.variants ?? []) paragraphs.push(variantLine(variant));
  if (entry.deprecated) paragraphs.push('Deprecated: no longer listed in the doc; kept by the name lock.');
  return goDocLines(paragraphs);
}

function literal(entry: ErrorEntry, goName: string): string {
  const fields = [`code: ${goName}`, `name: ${goString(entry.name)}`, `message: ${goString(entry.message)}`];
  if (entry.description !== undefined) fields.push(`description: ${goString(entry.description)}`);
  if (entry.suggestion !== undefined) fields.push(`suggestion: ${goString(entry.suggestion)}`);
  if (entry.section !== undefined) fields.push(`section: ${goString(entry.section)}`);
  if (entry.httpStatus !== undefined) fields.push(`httpStatus: ${entry.httpStatus}`);
  if (entry.deprecated) fields.push('deprecated: true');
  if (entry.variants?.length) {
    const variants = entry.variants.map((variant) => {
      const parts = [`Message: ${goString(variant.message)}`];
      if (variant.description !== undefined) parts.push(`Description: ${goString(variant.description)}`);
      if (variant.suggestion !== undefined) parts.push(`Suggestion: ${goString(variant.suggestion)}`);
      if (variant.section !== undefined) parts.push(`Section: ${goString(variant.section)}`);
      if (variant.httpStatus !== undefined) parts.push(`HTTPStatus: ${variant.httpStatus}`);
      return `{${parts.join(', ')}}`;
    });
    fields.push(`variants: []Variant{${variants.join(', ')}}`);
  }
  fields.push(`category: ${goString(entry.category)}`);
  if (entry.retryable) fields.push('retryable: true');
  fields.push(`retry: ${goString(entry.retry)}`);
  const messages = Object.entries(entry.translations ?? {}).filter(([, texts]) => texts.message !== undefined);
  if (messages.length > 0) {
    fields.push(`messageIn: map[string]string{${messages.map(([lang, texts]) => `${goString(lang)}: ${goString(texts.message!)}`).join(', ')}}`);
  }
  return fields.join(', ');
}
