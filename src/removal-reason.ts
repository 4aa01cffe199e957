/**
 * Why a file an earlier run wrote is no longer generated, in the words of the setting that
 * changed (`typescript.emit is "js+dts"`), so a user is never told a seed is gone while it is there.
 */
import { relative, sep } from 'node:path';
import type { ResolvedConfig } from './config.js';

/** Folders of `<out>` and the target that writes each. */
const TARGET_FOLDERS: Readonly<Record<string, string>> = { ts: 'ts', json: 'json', go: 'go', openapi: 'openapi', docs: 'docs', python: 'python', java: 'java' };

/**
 * The reason for removing `absolute` (a file under `outDir`), given the run's config and the
 * module ids it generated.
 */
export function removalReason(absolute: string, outDir: string, config: ResolvedConfig, moduleIds: readonly string[]): string {
  const [folder = '', ...rest] = relative(outDir, absolute).split(sep);
  const name = rest.join('/');
  const target = TARGET_FOLDERS[folder];
  if (target !== undefined && !(config.targets as readonly string[]).includes(target)) return `no longer generated: "targets" has no "${target}"`;
  if (folder === 'ts') {
    const emit = config.typescript.emit;
    const isSource = name.endsWith('.ts') && !name.endsWith('.d.ts');
    if ((isSource && emit === 'js+dts') || (!isSource && /\.(?:js|d\.ts)$/.test(name) && emit === 'ts')) return `no longer generated: typescript.emit is "${emit}"`;
  }
  if (folder === 'go' && name === 'go.mod' && config.goUserModule !== undefined) return `no longer generated: the Go packages join the module of ${config.goUserModule}`;
  const id = name.replace(/\.(?:d\.ts|ts|js|json|ya?ml|md)$/, '');
  if (moduleIds.includes(id)) return 'no longer generated: its module is written under another name';
  return 'its seed is gone';
}
