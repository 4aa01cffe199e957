import type { ErrorCatalog } from '../model.js';
import type { PythonOptions } from './python.js';
import type { TypeScriptOptions } from './typescript.js';

/** A file rendered in memory; `path` is relative to the output folder, with `/`. */
export interface OutputFile {
  readonly path: string;
  readonly contents: string;
}

export interface EmitOptions {
  /** Import path of the `go/` folder: the module path of `go/go.mod`, or its path inside the user's module. */
  readonly goModule: string;
  /** Write `go/go.mod` (optional, default: true); false when the packages join the user's own module. */
  readonly goModFile?: boolean;
  /** Style and files of the TypeScript target (optional, default: an enum in `.ts`). */
  readonly typescript?: TypeScriptOptions;
  /** Java package of the `java` target (optional, default: `feishu.errcodes`). */
  readonly javaPackage?: string;
  /** The Python target's package folder (optional, default: `feishu_errcodes`). */
  readonly python?: PythonOptions;
}

/** A target is a plugin: a name and a pure emit function. */
export interface Target {
  readonly name: TargetName;
  emit(catalog: ErrorCatalog, options: EmitOptions): OutputFile[];
}

export type TargetName = 'ts' | 'json' | 'go' | 'openapi' | 'docs' | 'python' | 'java';
