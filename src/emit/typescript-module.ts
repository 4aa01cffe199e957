import type * as TsMorph from 'ts-morph';
import type {
  FunctionDeclarationStructure, InterfaceDeclarationStructure, OptionalKind, PrintStructureOptions, PropertySignatureStructure, Structures,
  TypeAliasDeclarationStructure,
} from 'ts-morph';
import type { ErrorEntry, ErrorModule } from '../model.js';
import { commentLines, tsString } from './escape.js';
import { moduleNotice, variantLine } from './header.js';
import { RUNTIME_FILE } from './typescript-runtime.js';

/** How the codes are declared: a TS `enum`, or an `as const` object with a union type of its values. */
export type TypeScriptStyle = 'enum' | 'union';

/** How the emitted files are formatted: two spaces, single quotes, `\n`. */
export const PRINT_OPTIONS: PrintStructureOptions = { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true };

/**
 * The text of `ts/<id>.ts`: its statements, one blank line apart. The declarations whose
 * size does not grow with the doc are ts-morph structures, printed by its structure
 * printer. The three parts that hold one line per code (the codes, the info table, the
 * list) are lines of text joined once: no writer scanning each character, and no compiler
 * parse of the printed text (at 100,000 codes that parse cost more than all the rest).
 */
export function moduleText(module: ErrorModule, style: TypeScriptStyle, morph: typeof TsMorph): string {
  const kinds = morph.StructureKind;
  const print = (structure: Structures) => morph.printStructure(structure, PRINT_OPTIONS).replace(/\n$/, '');
  const names = namesOf(module.typeName);
  const docs = (lines: readonly string[]) => [{ description: docText(lines) }];
  const readonlyProperty = (name: string, type: string, hasQuestionToken = false): OptionalKind<PropertySignatureStructure> => ({ name, type, isReadonly: true, hasQuestionToken });
  const { type, info, variant, nameType, table } = names;
  const typeAlias = (structure: Omit<TypeAliasDeclarationStructure, 'kind'>) => print({ kind: kinds.TypeAlias, ...structure });
  const interfaceOf = (structure: Omit<InterfaceDeclarationStructure, 'kind'>) => print({ kind: kinds.Interface, ...structure });
  const functionOf = (structure: Omit<FunctionDeclarationStructure, 'kind'>) => print({ kind: kinds.Function, ...structure });

  const statements = [
    `// ${moduleNotice(module)}\nimport type { FeishuErrorCategory, FeishuRetry } from './${RUNTIME_FILE}.js';`,
    style === 'enum' ? enumText(module, names) : constObjectText(module, names),
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
        { ...readonlyProperty('retry', 'FeishuRetry'), docs: docs(['What `withFeishuRetry` does with the code.']) },
        {
          ...readonlyProperty('translations', '{ readonly [lang: string]: { readonly message?: string; readonly description?: string; readonly suggestion?: string } }', true),
          docs: docs(['The texts of companion seeds by BCP 47 tag (`en`, `zh`).']),
        },
      ],
    }),
    infoTableText(module, names),
    codeListText(module, names),
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
  return statements.join('\n\n') + '\n';
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

/** Indentation of a line inside a declaration's braces. */
const INDENT = '  ';

function enumText(module: ErrorModule, { type }: ModuleNames): string {
  const lines = [...docBlock(moduleDoc(module, 'the enum')), `export enum ${type} {`];
  for (const entry of module.entries) {
    for (const line of docBlock(entryDoc(entry), deprecatedTag(entry))) lines.push(INDENT + line);
    lines.push(`${INDENT}${entry.name} = ${entry.code},`);
  }
  lines.push('}');
  return lines.join('\n');
}

/** The `union` style: erasable syntax only, so Node's type stripping runs the module as it is. */
function constObjectText(module: ErrorModule, { type }: ModuleNames): string {
  const lines = [...docBlock(moduleDoc(module, 'the type')), `export const ${type} = {`];
  for (const entry of module.entries) {
    for (const line of docBlock(entryDoc(entry), deprecatedTag(entry))) lines.push(INDENT + line);
    lines.push(`${INDENT}${entry.name}: ${entry.code},`);
  }
  lines.push('} as const;');
  return lines.join('\n');
}

function infoTableText(module: ErrorModule, { type, info, table }: ModuleNames): string {
  const lines = [...docBlock([`Message, 说明 and 排查建议 of every \`${type}\`, keyed by code.`]), `export const ${table}: { readonly [C in ${type}]: ${info} } = {`];
  for (const entry of module.entries) lines.push(`${INDENT}[${type}.${entry.name}]: ${infoObject(type, entry)},`);
  lines.push('};');
  return lines.join('\n');
}

function codeListText(module: ErrorModule, { type, list }: ModuleNames): string {
  const lines = [...docBlock([`Every code of \`${type}\`, in ascending order (as Go's \`Codes()\`).`]), `export const ${list}: readonly ${type}[] = [`];
  for (const entry of module.entries) lines.push(`${INDENT}${type}.${entry.name},`);
  lines.push('];');
  return lines.join('\n');
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
  parts.push(`category: ${tsString(entry.category)}`, `retryable: ${entry.retryable}`, `retry: ${tsString(entry.retry)}`);
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
 * A JSDoc description for ts-morph's structure printer: escaped doc text, one comment line per line;
 * the leading newline keeps it a multi-line `/**` block even when it is one line.
 */
function docText(lines: readonly string[]): string {
  return '\n' + lines.flatMap((line) => commentLines(line)).join('\n');
}

/** The lines of a JSDoc block; `lines` are doc text and escaped, `tags` are ours. */
function docBlock(lines: readonly string[], tags: readonly string[] = []): string[] {
  const block = ['/**'];
  for (const line of lines) {
    for (const part of commentLines(line)) block.push(part === '' ? ' *' : ` * ${part}`);
  }
  if (tags.length) block.push(' *');
  for (const tag of tags) block.push(` * ${tag}`);
  block.push(' */');
  return block;
}

function lowerFirst(text: string): string {
  return text[0]!.toLowerCase() + text.slice(1);
}
