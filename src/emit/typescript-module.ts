import type * as TsMorph from 'ts-morph';
import type {
  CodeBlockWriter, FunctionDeclarationStructure, InterfaceDeclarationStructure, OptionalKind, PropertySignatureStructure, StatementStructures,
  TypeAliasDeclarationStructure, WriterFunction,
} from 'ts-morph';
import type { ErrorEntry, ErrorModule } from '../model.js';
import { commentLines, tsString } from './escape.js';
import { moduleNotice, variantLine } from './header.js';
import { RUNTIME_FILE } from './typescript-runtime.js';

/** How the codes are declared: a TS `enum`, or an `as const` object with a union type of its values. */
export type TypeScriptStyle = 'enum' | 'union';

/**
 * The statements of `ts/<id>.ts`, handed to ts-morph in one `createSourceFile` call. The
 * declarations whose size does not grow with the doc are structures; the three parts
 * that hold one line per code (the codes, the info table, the list) are writer functions,
 * so the text is printed once, linear in the number of codes (ts-morph's per-member enum
 * structures insert each separating comma into the text printed so far: quadratic).
 */
export function moduleStatements(module: ErrorModule, style: TypeScriptStyle, morph: typeof TsMorph): (WriterFunction | StatementStructures)[] {
  const kinds = morph.StructureKind;
  const names = namesOf(module.typeName);
  const docs = (lines: readonly string[]) => [{ description: docText(lines) }];
  const readonlyProperty = (name: string, type: string, hasQuestionToken = false): OptionalKind<PropertySignatureStructure> => ({ name, type, isReadonly: true, hasQuestionToken });
  const { type, info, variant, nameType, table, list } = names;
  const typeAlias = (structure: Omit<TypeAliasDeclarationStructure, 'kind'>): TypeAliasDeclarationStructure => ({ kind: kinds.TypeAlias, ...structure });
  const interfaceOf = (structure: Omit<InterfaceDeclarationStructure, 'kind'>): InterfaceDeclarationStructure => ({ kind: kinds.Interface, ...structure });
  const functionOf = (structure: Omit<FunctionDeclarationStructure, 'kind'>): FunctionDeclarationStructure => ({ kind: kinds.Function, ...structure });

  return [
    (writer) => writer.writeLine(`// ${moduleNotice(module)}`).writeLine(`import type { FeishuErrorCategory } from './${RUNTIME_FILE}.js';`).blankLine(),
    (writer) => (style === 'enum' ? writeEnum(writer, module, names) : writeConstObject(writer, module, names)),
    ...(style === 'union'
      ? [
          typeAlias({
            docs: docs([`One of the codes of \`${type}\` (a union of number literals).`]),
            isExported: true,
            name: type,
            type: `(typeof ${type})[keyof typeof ${type}]`,
          }),
        ]
      : []),
    typeAlias({
      docs: docs([`The name of a \`${type}\` member.`]),
      isExported: true,
      name: nameType,
      type: `keyof typeof ${type}`,
    }),
    interfaceOf({
      docs: docs(['Another meaning the doc gives for the same code.']),
      isExported: true,
      name: variant,
      properties: [
        readonlyProperty('message', 'string'),
        readonlyProperty('description', 'string', true),
        readonlyProperty('suggestion', 'string', true),
        readonlyProperty('section', 'string', true),
        readonlyProperty('httpStatus', 'number', true),
      ],
    }),
    interfaceOf({
      docs: docs([`What the doc says of one \`${type}\`.`]),
      isExported: true,
      name: info,
      properties: [
        readonlyProperty('code', type),
        readonlyProperty('name', nameType),
        readonlyProperty('message', 'string'),
        readonlyProperty('description', 'string', true),
        readonlyProperty('suggestion', 'string', true),
        readonlyProperty('httpStatus', 'number', true),
        readonlyProperty('section', 'string', true),
        readonlyProperty('deprecated', 'boolean', true),
        readonlyProperty('variants', `readonly ${variant}[]`, true),
        { ...readonlyProperty('category', 'FeishuErrorCategory'), docs: docs(['How a caller reacts to the code.']) },
        { ...readonlyProperty('retryable', 'boolean'), docs: docs(['The very same request may succeed later, unchanged. Not: the request is idempotent.']) },
        {
          ...readonlyProperty('translations', '{ readonly [lang: string]: { readonly message?: string; readonly description?: string; readonly suggestion?: string } }', true),
          docs: docs(['The texts of companion seeds by BCP 47 tag (`en`, `zh`).']),
        },
      ],
    }),
    (writer) => writeInfoTable(writer, module, names),
    (writer) => writeCodeList(writer, module, names),
    functionOf({
      docs: docs([`Is \`code\` one of the codes the doc lists? Narrows a response's \`code\` to \`${type}\`.`]),
      isExported: true,
      name: `is${type}`,
      parameters: [{ name: 'code', type: 'number' }],
      returnType: `code is ${type}`,
      statements: [`return Object.prototype.hasOwnProperty.call(${table}, code);`],
    }),
    functionOf({
      docs: docs(['The doc\'s entry for `code`, or `undefined` for a code the doc does not list.']),
      isExported: true,
      name: `lookup${type}`,
      parameters: [{ name: 'code', type: 'number' }],
      returnType: `${info} | undefined`,
      statements: [`return is${type}(code) ? ${table}[code] : undefined;`],
    }),
  ];
}

/** The names one module declares, all from its type name. */
export interface ModuleNames {
  /** `HireErrorCode`: the enum, or the `as const` object and its union type. */
  readonly type: string;
  /** `HireErrorCodeInfo`. */
  readonly info: string;
  /** `HireErrorCodeVariant`. */
  readonly variant: string;
  /** `HireErrorCodeName`: the union of member names. */
  readonly nameType: string;
  /** `hireErrorCodeInfo`: the info table. */
  readonly table: string;
  /** `hireErrorCodes`: every code. */
  readonly list: string;
}

/** Every name `ts/<id>.ts` exports (all re-exported by ts/index.ts), from the names it declares. */
export function moduleExports(type: string): string[] {
  const names = namesOf(type);
  return [names.type, names.info, names.variant, names.nameType, names.table, names.list, `is${type}`, `lookup${type}`];
}

export function namesOf(type: string): ModuleNames {
  return { type, info: `${type}Info`, variant: `${type}Variant`, nameType: `${type}Name`, table: lowerFirst(`${type}Info`), list: `${lowerFirst(type)}s` };
}

function moduleDoc(module: ErrorModule, what: string): string[] {
  return [
    `Error codes of ${module.title}${module.sourceUrl ? ` (${module.sourceUrl})` : ''}.`,
    ...(module.docUpdated ? [`Doc updated ${module.docUpdated}.`] : []),
    '',
    `Feishu returns codes no doc lists: check with \`is${module.typeName}\` before trusting ${what}.`,
  ];
}

function writeEnum(writer: CodeBlockWriter, module: ErrorModule, { type }: ModuleNames): void {
  writeDoc(writer, moduleDoc(module, 'the enum'));
  writer.write(`export enum ${type}`).block(() => {
    for (const entry of module.entries) {
      writeDoc(writer, entryDoc(entry), deprecatedTag(entry));
      writer.writeLine(`${entry.name} = ${entry.code},`);
    }
  });
}

/** The `union` style: erasable syntax only, so Node's type stripping runs the module as it is. */
function writeConstObject(writer: CodeBlockWriter, module: ErrorModule, { type }: ModuleNames): void {
  writeDoc(writer, moduleDoc(module, 'the type'));
  writer.write(`export const ${type} =`).space().inlineBlock(() => {
    for (const entry of module.entries) {
      writeDoc(writer, entryDoc(entry), deprecatedTag(entry));
      writer.writeLine(`${entry.name}: ${entry.code},`);
    }
  });
  writer.write(' as const;').newLine();
}

function writeInfoTable(writer: CodeBlockWriter, module: ErrorModule, { type, info, table }: ModuleNames): void {
  writeDoc(writer, [`Message, 说明 and 排查建议 of every \`${type}\`, keyed by code.`]);
  writer.write(`export const ${table}: { readonly [C in ${type}]: ${info} } =`).space().inlineBlock(() => {
    for (const entry of module.entries) writer.writeLine(`[${type}.${entry.name}]: ${infoObject(type, entry)},`);
  });
  writer.write(';').newLine();
}

function writeCodeList(writer: CodeBlockWriter, module: ErrorModule, { type, list }: ModuleNames): void {
  writer.blankLine();
  writeDoc(writer, [`Every code of \`${type}\`, in ascending order (as Go's \`Codes()\`).`]);
  writer.writeLine(`export const ${list}: readonly ${type}[] = [`);
  writer.indent(() => {
    for (const entry of module.entries) writer.writeLine(`${type}.${entry.name},`);
  });
  writer.writeLine('];');
}

const deprecatedTag = (entry: ErrorEntry) => (entry.deprecated ? ['@deprecated No longer listed in the doc; kept by the name lock.'] : []);

function infoObject(type: string, entry: ErrorEntry): string {
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
  return `{ ${parts.join(', ')} }`;
}

function entryDoc(entry: ErrorEntry): string[] {
  const lines = [entry.message || `Code ${entry.code}`];
  if (entry.description) lines.push('', `说明: ${entry.description}`);
  if (entry.suggestion) lines.push('', `排查建议: ${entry.suggestion}`);
  if (entry.httpStatus !== undefined) lines.push('', `HTTP status: ${entry.httpStatus}`);
  for (const variant of entry.variants ?? []) lines.push('', variantLine(variant));
  return lines;
}

/**
 * A JSDoc description for ts-morph's printer: escaped doc text, one comment line per line;
 * the leading newline keeps it a multi-line `/**` block even when it is one line.
 */
function docText(lines: readonly string[]): string {
  return '\n' + lines.flatMap((line) => commentLines(line)).join('\n');
}

/** A JSDoc block in a writer function; `lines` are doc text and escaped, `tags` are ours. */
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
