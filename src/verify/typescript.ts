import type { OutputFile } from '../emit/types.js';
import type { TypeScriptStyle } from '../emit/typescript.js';
import { emittedModuleOptions, memoryProject, tsMorph } from '../emit/ts-morph.js';

/** One compiler diagnostic of an emitted file, with its place. */
export interface TypeScriptProblem {
  /** The output's path, relative to the output folder (`ts/hire-v1.ts`). */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  /** `TS2339`. */
  readonly code: string;
  readonly message: string;
}

/**
 * Type-checks every emitted TypeScript module (`.ts`, and `.d.ts` where written) in memory,
 * as a strict ESM consumer compiles them, in one program (ts-morph on an in-memory file
 * system; nothing touches the disk). The `union` style is also held to
 * `erasableSyntaxOnly`, which Node's type stripping needs. Returns the problems, [] when clean.
 */
export function verifyTypeScript(files: readonly OutputFile[], style: TypeScriptStyle): TypeScriptProblem[] {
  const sources = files.filter((file) => file.path.endsWith('.ts'));
  if (sources.length === 0) return [];
  const morph = tsMorph();
  const project = memoryProject(morph, { ...emittedModuleOptions(morph), noEmit: true, ...(style === 'union' && { erasableSyntaxOnly: true }) });
  const hasSources = sources.some((file) => !file.path.endsWith('.d.ts'));
  // `.d.ts` files written next to `.ts` ones are checked apart: `./hire-v1.js` must resolve to the declarations.
  const memoryPath = (path: string) => (hasSources && path.endsWith('.d.ts') ? `/declarations/${path}` : `/${path}`);
  const byMemoryPath = new Map(sources.map((file) => [memoryPath(file.path), file.path]));
  for (const file of sources) project.createSourceFile(memoryPath(file.path), file.contents);

  return project.getPreEmitDiagnostics().map((diagnostic) => {
    const source = diagnostic.getSourceFile();
    const at = source ? source.getLineAndColumnAtPos(diagnostic.getStart() ?? 0) : { line: 1, column: 1 };
    return {
      path: source ? (byMemoryPath.get(source.getFilePath()) ?? source.getFilePath()) : '(compiler options)',
      line: at.line,
      column: at.column,
      code: `TS${diagnostic.getCode()}`,
      message: morph.ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, ' '),
    };
  });
}
