// The public API of `feishu-errcodes`: re-exports only. Every function does what the CLI
// command of the same name does, returns its result instead of printing, and throws
// UserError (with the exit code the CLI would use) instead of exiting.
export { generate, check, prepare, UserError, MANIFEST_FILE, type ProjectOptions, type GenerateResult } from './project.js';
export { lint } from './lint.js';
export { explain, findCodes, type ExplainResult, type Explanation, type ExplainedEntry } from './explain.js';
export { init, type InitOptions, type InitResult, type InitStep } from './init.js';
export { findProjectRoot, type ProjectRoot } from './project-root.js';
export { parseDoc, diff, renderDiff, type ParseDocOptions, type ParseDocResult, type DiffOptions } from './api.js';
export { hasBreaking, type CatalogDiff, type ModuleDiff, type Change, type ChangeKind } from './diff/changes.js';
export type { DiffOutcome } from './diff/compare.js';
export type { DiffLabels } from './diff/render-text.js';
export {
  CONFIG_FILE,
  CONFIG_SCHEMA,
  ConfigError,
  DEFAULT_GO_MODULE,
  DEFAULT_TARGETS,
  loadConfigFile,
  resolveConfig,
  validateConfig,
  type ModuleConfig,
  type ResolvedConfig,
  type TypeScriptConfig,
  type UserConfig,
} from './config.js';
export { buildCatalog, emitAll, moduleIdOf, type SeedInput, type BuildOptions, type BuildResult } from './generate.js';
export { EMPTY_LOCK, LockError, parseLock, type NameLock } from './lock.js';
export { toPascalCase } from './normalize/names.js';
export { TARGETS, TARGET_NAMES, type EmitOptions, type OutputFile, type Target, type TargetName } from './emit/index.js';
export { emitTypeScript, type TypeScriptOptions, type TypeScriptStyle, type TypeScriptEmit } from './emit/typescript.js';
export { verifyTypeScript, type TypeScriptProblem } from './verify/typescript.js';
export { emitJson, CATALOG_SCHEMA } from './emit/json.js';
export { emitGo } from './emit/go.js';
export { emitOpenApi } from './emit/openapi.js';
export { emitDocs } from './emit/docs.js';
export type { WritePlan, FileChange, PlannedFile } from './write/write-files.js';
export type { ErrorCatalog, ErrorModule, ErrorEntry, ErrorVariant, ErrorLink, Normalization } from './model.js';
