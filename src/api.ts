import { resolve } from 'node:path';
import type { VFile } from 'vfile';
import { resolveConfig, validateConfig, type UserConfig } from './config.js';
import type { CatalogDiff } from './diff/changes.js';
import { compareSpecs, type DiffOutcome } from './diff/compare.js';
import { renderJson } from './diff/render-json.js';
import { renderMarkdown } from './diff/render-markdown.js';
import { renderText, type DiffLabels } from './diff/render-text.js';
import { buildCatalog } from './generate.js';
import { EMPTY_LOCK, type NameLock } from './lock.js';
import type { ErrorModule } from './model.js';
import { readConfig } from './project.js';

export interface ParseDocOptions {
  /**
   * Where the doc comes from (optional, default: `doc.md`): its file name gives the module
   * id (`hire-v1.md` → `hire-v1`) and it is the path diagnostics name.
   */
  readonly path?: string;
  /**
   * Settings as in `feishu-errcodes.config.json` (optional, default: none): `typos` and
   * `modules[<id>]` apply; paths and targets do not. Validated like the file.
   */
  readonly config?: UserConfig;
  /** A name lock, so names stay as committed (optional, default: names derived from the doc). */
  readonly lock?: NameLock;
}

export interface ParseDocResult {
  /** The doc as the IR; undefined when it has an error. */
  readonly module?: ErrorModule;
  /** Diagnostics as `lint` reports them: the doc's vfile, plus one for config-level problems. */
  readonly files: readonly VFile[];
}

/**
 * Parses and normalizes one Feishu error-code doc in memory: no file is read or written.
 * A problem in the doc is a diagnostic on `files`; an invalid `config` throws ConfigError.
 */
export function parseDoc(doc: string | Uint8Array, options: ParseDocOptions = {}): ParseDocResult {
  const path = options.path ?? 'doc.md';
  const user = options.config === undefined ? {} : validateConfig(options.config, 'options.config');
  const bytes = typeof doc === 'string' ? new TextEncoder().encode(doc) : doc;
  const { catalog, files } = buildCatalog([{ path, bytes }], {
    config: resolveConfig(user),
    lock: options.lock ?? EMPTY_LOCK,
    lockPath: 'options.lock',
  });
  const module = catalog?.modules[0];
  return module === undefined ? { files } : { module, files };
}

export interface DiffOptions {
  /** Working directory: paths and `git:` sides are relative to it (optional, default: `process.cwd()`). */
  readonly cwd?: string;
  /** Config file (optional, default: `feishu-errcodes.config.json` when present). */
  readonly config?: string;
}

/**
 * `feishu-errcodes diff <old> [new]` without the printing. Each side is a seed doc, a
 * seeds folder, a generated JSON catalogue (or a folder of them), or `git:<rev>[:<path>]`;
 * `newSpec` defaults to the config's seeds folder. A side whose seeds have errors gives
 * `ok: false` with its diagnostics; a side that cannot be read throws UserError.
 */
export function diff(oldSpec: string, newSpec?: string, options: DiffOptions = {}): DiffOutcome {
  const cwd = resolve(options.cwd ?? process.cwd());
  const newSide = newSpec ?? readConfig(cwd, { config: options.config, allowOutside: true /* diff only reads */ }).seeds;
  return compareSpecs(oldSpec, newSide, { cwd, ...(options.config !== undefined && { config: options.config }) });
}

const RENDERERS = { text: renderText, markdown: renderMarkdown, json: renderJson } as const;

/** The report `diff --format <format>` prints: `markdown` is a ready PR description or job summary. */
export function renderDiff(changes: CatalogDiff, format: keyof typeof RENDERERS, labels: DiffLabels): string {
  return RENDERERS[format](changes, labels);
}
