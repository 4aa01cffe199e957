import type * as TsMorph from 'ts-morph';
import type { ErrorCatalog } from '../model.js';
import { generatedNotice } from './header.js';
import { memoryProject, tsMorph } from './ts-morph.js';
import { moduleText, PRINT_OPTIONS, type TypeScriptStyle } from './typescript-module.js';
import { emitTypeScriptRuntime, RUNTIME_FILE } from './typescript-runtime.js';
import type { OutputFile } from './types.js';
import { wellFormedCatalog } from './well-formed.js';

export type { TypeScriptStyle } from './typescript-module.js';

/** Which files the TypeScript target writes: `.ts` sources, compiled `.js` + `.d.ts`, or both. */
export type TypeScriptEmit = 'ts' | 'js+dts' | 'ts+js+dts';

export interface TypeScriptOptions {
  /** How the codes are declared (optional, default: `enum`). */
  readonly style?: TypeScriptStyle;
  /** Which files are written (optional, default: `ts`). */
  readonly emit?: TypeScriptEmit;
}

/**
 * TypeScript: `ts/<id>.ts` per module (codes, info table, code list, type guard, lookup)
 * and `ts/index.ts`, printed from ts-morph structures (and per-code lines) straight to
 * text: no compiler parse of what was just printed (at 100,000 codes that parse cost more
 * than everything else together). With `emit: 'js+dts'` the sources go into an in-memory
 * ts-morph project whose emit gives `.js` + `.d.ts` (and `ts/package.json`, which makes the
 * `.js` ES modules for Node).
 */
export function emitTypeScript(input: ErrorCatalog, options: TypeScriptOptions = {}): OutputFile[] {
  const catalog = wellFormedCatalog(input);
  const style = options.style ?? 'enum';
  const emit = options.emit ?? 'ts';
  const morph = tsMorph();
  const sources: OutputFile[] = catalog.modules.map((module) => ({ path: `ts/${module.id}.ts`, contents: moduleText(module, style, morph) }));
  sources.push({ path: 'ts/index.ts', contents: morph.printStructure({ kind: morph.StructureKind.SourceFile, statements: indexStatements(catalog, morph) }, PRINT_OPTIONS) });
  // The error runtime (rendered from its template) is part of the program: the modules import its types.
  sources.push(...emitTypeScriptRuntime(catalog));
  if (emit === 'ts') return sources;

  const project = memoryProject(morph);
  for (const source of sources) project.createSourceFile(`/${source.path}`, source.contents);
  return [...(emit === 'js+dts' ? [] : sources), ...compiled(project), { path: 'ts/package.json', contents: '{\n  "type": "module"\n}\n' }];
}

function indexStatements(catalog: ErrorCatalog, morph: typeof TsMorph): TsMorph.SourceFileStructure['statements'] {
  const source = catalog.modules.length === 1 ? catalog.modules[0]!.seed : 'the seeds';
  return [
    (writer) => writer.writeLine(`// ${generatedNotice(source)}`),
    ...catalog.modules.map((module) => ({ kind: morph.StructureKind.ExportDeclaration, moduleSpecifier: `./${module.id}.js` }) as const),
    { kind: morph.StructureKind.ExportDeclaration, moduleSpecifier: `./${RUNTIME_FILE}.js` } as const,
  ];
}

/**
 * What the TypeScript target reserves, read from what it writes (one table, so it cannot
 * drift from the output): why a module id cannot name `ts/<id>.ts`, and the names the
 * runtime `ts/feishu-error.ts` declares at top level, which no module may export (the
 * runtime imports every module's lookup, ts/index.ts re-exports both).
 */
export const TYPESCRIPT_RESERVED = {
  moduleIdProblem(id: string): string | undefined {
    // `x.d.ts` and `x.d.json.ts` are declaration files: TypeScript would not compile them as modules.
    return /\.d(?:\.[^.]+)?$/i.test(id) ? `ts/${id}.ts would be a TypeScript declaration-file name, which imports cannot load` : undefined;
  },
  get runtimeNames(): ReadonlySet<string> {
    runtimeNames ??= new Set(
      [...emitTypeScriptRuntime({ modules: [] })[0]!.contents.matchAll(/^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:type|interface|function\*?|class|const|let|var|enum)\s+([A-Za-z_$][\w$]*)/gm)].map((match) => match[1]!),
    );
    return runtimeNames;
  },
};
let runtimeNames: ReadonlySet<string> | undefined;

/**
 * `.js` + `.d.ts` of every source, from ts-morph's emit (in memory). The declaration
 * emitter drops the file's leading comment: the DO-NOT-EDIT header is put back.
 */
function compiled(project: TsMorph.Project): OutputFile[] {
  const headers = new Map(project.getSourceFiles().map((source) => [source.getFilePath().replace(/\.ts$/, ''), source.getFullText().slice(0, source.getFullText().indexOf('\n') + 1)]));
  return project
    .emitToMemory()
    .getFiles()
    .map((file) => {
      const header = headers.get(file.filePath.replace(/\.(?:d\.ts|js)$/, '')) ?? '';
      return { path: file.filePath.replace(/^\//, ''), contents: file.text.startsWith(header) ? file.text : header + file.text };
    });
}
