import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { TargetName } from './emit/types.js';
import { LOCK_FILE } from './lock.js';

/** The config file looked for in the working directory when `--config` is not given. */
export const CONFIG_FILE = 'feishu-errcodes.config.json';

export interface ModuleConfig {
  /** TypeScript enum / OpenAPI schema name (optional, default: from the id, `hire-v1` → `HireErrorCode`). */
  readonly typeName?: string;
  /** Go package (optional, default: from the id, `hire-v1` → `hire`). */
  readonly goPackage?: string;
  /** Member names by code (optional); they win over the lock. */
  readonly names?: Readonly<Record<string, string>>;
}

/** The config as the user writes it: every field optional. */
export interface UserConfig {
  readonly seeds?: string;
  readonly out?: string;
  readonly lock?: string;
  readonly targets?: readonly TargetName[];
  readonly goModule?: string;
  readonly typos?: Readonly<Record<string, string>>;
  readonly modules?: Readonly<Record<string, ModuleConfig>>;
}

/** The config with its defaults applied once. Paths are relative to the working directory. */
export interface ResolvedConfig {
  readonly seeds: string;
  readonly out: string;
  readonly lock: string;
  readonly targets: readonly TargetName[];
  readonly goModule: string;
  readonly typos: Readonly<Record<string, string>>;
  readonly modules: Readonly<Record<string, ModuleConfig>>;
}

export class ConfigError extends Error {}

const schema = JSON.parse(readFileSync(new URL('../schema/config.schema.json', import.meta.url), 'utf8')) as object;
let validator: ReturnType<Ajv2020['compile']> | undefined;

/** Validates a parsed config; throws ConfigError naming the key and what it allows. */
export function validateConfig(data: unknown, path: string): UserConfig {
  validator ??= new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  if (validator(data)) return data as UserConfig;
  const problems = (validator.errors ?? []).map((error) => {
    const key = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'additionalProperties') return `unknown key \`${[key === '(top level)' ? '' : key + '.', params['additionalProperty']].join('')}\``;
    if (error.keyword === 'enum') return `\`${key}\` must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    return `\`${key}\` ${error.message}`;
  });
  throw new ConfigError(`${path}: invalid config: ${[...new Set(problems)].join('; ')} (see schema/config.schema.json)`);
}

export function loadConfigFile(path: string): UserConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`${path}: config file not found; create it or drop --config`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return validateConfig(data, path);
}

export function resolveConfig(config: UserConfig, overrides: { seeds?: string; out?: string } = {}): ResolvedConfig {
  const seeds = overrides.seeds ?? config.seeds ?? 'seeds';
  return {
    seeds,
    out: overrides.out ?? config.out ?? 'generated',
    lock: config.lock ?? joinPosix(seeds, LOCK_FILE),
    targets: config.targets ?? ['ts', 'json', 'go', 'openapi'],
    goModule: config.goModule ?? 'feishu-errcodes/generated/go',
    typos: config.typos ?? {},
    modules: config.modules ?? {},
  };
}

function joinPosix(dir: string, file: string): string {
  return dir.endsWith('/') ? dir + file : `${dir}/${file}`;
}
