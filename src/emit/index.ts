import { emitDocs } from './docs.js';
import { emitGo } from './go.js';
import { emitJava } from './java.js';
import { emitJson } from './json.js';
import { emitOpenApi } from './openapi.js';
import { emitPython } from './python.js';
import { emitTypeScript } from './typescript.js';
import type { Target, TargetName } from './types.js';

/** Every target, in the order files are listed. */
export const TARGETS: readonly Target[] = [
  { name: 'ts', emit: (catalog, options) => emitTypeScript(catalog, options.typescript) },
  { name: 'json', emit: (catalog) => emitJson(catalog) },
  { name: 'go', emit: (catalog, options) => emitGo(catalog, options) },
  { name: 'openapi', emit: (catalog) => emitOpenApi(catalog) },
  { name: 'docs', emit: (catalog) => emitDocs(catalog) },
  { name: 'python', emit: (catalog, options) => emitPython(catalog, options.python) },
  { name: 'java', emit: (catalog, options) => emitJava(catalog, options) },
];

export const TARGET_NAMES: readonly TargetName[] = TARGETS.map((target) => target.name);

export type { OutputFile, EmitOptions, Target, TargetName } from './types.js';
