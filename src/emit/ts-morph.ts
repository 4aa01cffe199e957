import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

let loaded: typeof TsMorph | undefined;

/**
 * ts-morph, loaded on first use. It brings TypeScript's compiler (10 MB of JavaScript), which
 * only the TypeScript target and `--verify` need: a run that emits no TypeScript, and the
 * no-change fast path of `generate` and `check`, never load it. ts-morph is CommonJS, so a
 * synchronous require keeps the emitters synchronous.
 */
export function tsMorph(): typeof TsMorph {
  return (loaded ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph);
}

/** Compiler options of the emitted modules: what `tsconfig` a strict ESM consumer uses. */
export function emittedModuleOptions(morph: typeof TsMorph): TsMorph.CompilerOptions {
  const { ts } = morph;
  return {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    // `./hire-v1.js` resolves to hire-v1.ts, as under NodeNext; no package.json needed in memory.
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    // DOM for fetch, Request, AbortSignal and TextDecoder in feishu-error.ts (@types/node declares the same globals).
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    // The standard library is TypeScript's own: checking it again would cost most of `--verify`.
    skipDefaultLibCheck: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    newLine: ts.NewLineKind.LineFeed,
    // For `emit: 'js+dts'`; the check (`--verify`) ignores it.
    declaration: true,
  };
}

/**
 * A project on an in-memory file system, set up as the emitted files are formatted: two
 * spaces, single quotes, `\n`. Nothing is read from or written to disk.
 */
export function memoryProject(morph: typeof TsMorph, compilerOptions: TsMorph.CompilerOptions = emittedModuleOptions(morph)): TsMorph.Project {
  return new morph.Project({
    useInMemoryFileSystem: true,
    compilerOptions,
    manipulationSettings: {
      indentationText: morph.IndentationText.TwoSpaces,
      newLineKind: morph.ts.NewLineKind.LineFeed,
      quoteKind: morph.QuoteKind.Single,
      useTrailingCommas: true,
    },
  });
}
