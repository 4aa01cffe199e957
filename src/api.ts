import type { VFile } from 'vfile';
import { resolveConfig, validateConfig, type UserConfig } from './config.js';
import { buildCatalog } from './generate.js';
import { EMPTY_LOCK, type NameLock } from './lock.js';
import type { ErrorModule } from './model.js';

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
