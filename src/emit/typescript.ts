import CodeBlockWriter from 'code-block-writer';
import type { ErrorCatalog, ErrorEntry, ErrorModule } from '../model.js';
import { commentLines, tsString } from './escape.js';
import { generatedNotice, moduleNotice, variantLine } from './header.js';
import { RUNTIME_FILE } from './typescript-runtime.js';
import type { OutputFile } from './types.js';

/**
 * TypeScript: `ts/<id>.ts` per module (enum, info table, type guard, lookup) and
 * `ts/index.ts`. Text goes through CodeBlockWriter (ts-morph's own writer, set up as a
 * ts-morph project with two-space indentation and single quotes would set it up) in one
 * pass per file, so the cost is linear in the number of rows. ts-morph itself is not
 * loaded: it would bring TypeScript's 9 MB compiler into every run, and a source file made
 * from the text would be parsed back into a syntax tree that nothing reads.
 */
export function emitTypeScript(catalog: ErrorCatalog): OutputFile[] {
  const files = catalog.modules.map((module) => {
    const writer = newWriter();
    writeModule(writer, module);
    return { path: `ts/${module.id}.ts`, contents: writer.toString() };
  });
  const index = newWriter();
  index.writeLine(`// ${generatedNotice(catalog.modules.length === 1 ? catalog.modules[0]!.seed : 'the seeds')}`);
  for (const module of catalog.modules) index.writeLine(`export * from './${module.id}.js';`);
  index.writeLine(`export * from './${RUNTIME_FILE}.js';`);
  files.push({ path: 'ts/index.ts', contents: index.toString() });
  return files;
}

/** The writer a ts-morph project with these manipulation settings creates. */
function newWriter(): CodeBlockWriter {
  return new CodeBlockWriter({ newLine: '\n', indentNumberOfSpaces: 2, useTabs: false, useSingleQuote: true });
}

function writeModule(writer: CodeBlockWriter, module: ErrorModule): void {
  const type = module.typeName;
  const info = `${type}Info`;
  const variant = `${type}Variant`;
  const table = lowerFirst(info);
  writer.writeLine(`// ${moduleNotice(module)}`);
  writer.writeLine(`import type { FeishuErrorCategory } from './${RUNTIME_FILE}.js';`).blankLine();

  writeDoc(writer, [
    `Error codes of ${module.title}${module.sourceUrl ? ` (${module.sourceUrl})` : ''}.`,
    ...(module.docUpdated ? [`Doc updated ${module.docUpdated}.`] : []),
    '',
    `Feishu returns codes no doc lists: check with \`is${type}\` before trusting the enum.`,
  ]);
  writer.write(`export enum ${type}`).block(() => {
    for (const entry of module.entries) {
      writeDoc(writer, entryDoc(entry), entry.deprecated ? ['@deprecated No longer listed in the doc; kept by the name lock.'] : []);
      writer.writeLine(`${entry.name} = ${entry.code},`);
    }
  });
  writer.blankLine();

  writeDoc(writer, ['Another meaning the doc gives for the same code.']);
  writer.write(`export interface ${variant}`).block(() => {
    writer.writeLine('readonly message: string;');
    writer.writeLine('readonly description?: string;');
    writer.writeLine('readonly suggestion?: string;');
    writer.writeLine('readonly section?: string;');
    writer.writeLine('readonly httpStatus?: number;');
  });
  writer.blankLine();
  writeDoc(writer, [`What the doc says of one \`${type}\`.`]);
  writer.write(`export interface ${info}`).block(() => {
    writer.writeLine(`readonly code: ${type};`);
    writer.writeLine('readonly name: string;');
    writer.writeLine('readonly message: string;');
    writer.writeLine('readonly description?: string;');
    writer.writeLine('readonly suggestion?: string;');
    writer.writeLine('readonly httpStatus?: number;');
    writer.writeLine('readonly section?: string;');
    writer.writeLine('readonly deprecated?: boolean;');
    writer.writeLine(`readonly variants?: readonly ${variant}[];`);
    writer.writeLine('/** How a caller reacts to the code. */');
    writer.writeLine('readonly category: FeishuErrorCategory;');
    writer.writeLine('/** The very same request may succeed later, unchanged. Not: the request is idempotent. */');
    writer.writeLine('readonly retryable: boolean;');
    writer.writeLine('/** The texts of companion seeds by BCP 47 tag (`en`, `zh`). */');
    writer.writeLine('readonly translations?: { readonly [lang: string]: { readonly message?: string; readonly description?: string; readonly suggestion?: string } };');
  });
  writer.blankLine();

  writeDoc(writer, [`Message, 说明 and 排查建议 of every \`${type}\`, keyed by code.`]);
  writer.write(`export const ${table}: { readonly [C in ${type}]: ${info} } =`).space().inlineBlock(() => {
    for (const entry of module.entries) {
      writer.write(`[${type}.${entry.name}]: `);
      writeInfoObject(writer, type, entry);
      writer.write(',').newLine();
    }
  });
  writer.write(';').newLine().blankLine();

  writeDoc(writer, [`Is \`code\` one of the codes the doc lists? Narrows a response's \`code\` to \`${type}\`.`]);
  writer.write(`export function is${type}(code: number): code is ${type}`).block(() => {
    writer.writeLine(`return Object.prototype.hasOwnProperty.call(${table}, code);`);
  });
  writer.blankLine();
  writeDoc(writer, ['The doc\'s entry for `code`, or `undefined` for a code the doc does not list.']);
  writer.write(`export function lookup${type}(code: number): ${info} | undefined`).block(() => {
    writer.writeLine(`return is${type}(code) ? ${table}[code] : undefined;`);
  });
}

function writeInfoObject(writer: CodeBlockWriter, type: string, entry: ErrorEntry): void {
  const parts = [`code: ${type}.${entry.name}`, `name: ${tsString(entry.name)}`, `message: ${tsString(entry.message)}`];
  if (entry.description !== undefined) parts.push(`description: ${tsString(entry.description)}`);
  if (entry.suggestion !== undefined) parts.push(`suggestion: ${tsString(entry.suggestion)}`);
  if (entry.httpStatus !== undefined) parts.push(`httpStatus: ${entry.httpStatus}`);
  if (entry.section !== undefined) parts.push(`section: ${tsString(entry.section)}`);
  if (entry.deprecated) parts.push('deprecated: true');
  if (entry.variants?.length) {
    const variants = entry.variants.map((variant) => {
      const fields = [`message: ${tsString(variant.message)}`];
      if (variant.description !== undefined) fields.push(`description: ${tsString(variant.description)}`);
      if (variant.suggestion !== undefined) fields.push(`suggestion: ${tsString(variant.suggestion)}`);
      if (variant.section !== undefined) fields.push(`section: ${tsString(variant.section)}`);
      if (variant.httpStatus !== undefined) fields.push(`httpStatus: ${variant.httpStatus}`);
      return `{ ${fields.join(', ')} }`;
    });
    parts.push(`variants: [${variants.join(', ')}]`);
  }
  parts.push(`category: ${tsString(entry.category)}`, `retryable: ${entry.retryable}`);
  if (entry.translations !== undefined) {
    const languages = Object.entries(entry.translations).map(([lang, texts]) => {
      const fields = (['message', 'description', 'suggestion'] as const).flatMap((field) => (texts[field] === undefined ? [] : [`${field}: ${tsString(texts[field])}`]));
      return `${tsString(lang)}: { ${fields.join(', ')} }`;
    });
    parts.push(`translations: { ${languages.join(', ')} }`);
  }
  writer.write(`{ ${parts.join(', ')} }`);
}

function entryDoc(entry: ErrorEntry): string[] {
  const lines = [entry.message || `Code ${entry.code}`];
  if (entry.description) lines.push('', `说明: ${entry.description}`);
  if (entry.suggestion) lines.push('', `排查建议: ${entry.suggestion}`);
  if (entry.httpStatus !== undefined) lines.push('', `HTTP status: ${entry.httpStatus}`);
  for (const variant of entry.variants ?? []) lines.push('', variantLine(variant));
  return lines;
}

/** `lines` are doc text and escaped; `tags` are ours, written as they are. */
function writeDoc(writer: CodeBlockWriter, lines: readonly string[], tags: readonly string[] = []): void {
  writer.writeLine('/**');
  for (const line of lines) {
    for (const part of commentLines(line)) writer.writeLine(part === '' ? ' *' : ` * ${part}`);
  }
  if (tags.length) writer.writeLine(' *');
  for (const tag of tags) writer.writeLine(` * ${tag}`);
  writer.writeLine(' */');
}

function lowerFirst(text: string): string {
  return text[0]!.toLowerCase() + text.slice(1);
}
