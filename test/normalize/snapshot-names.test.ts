/**
 * Names over the whole shipped Server API snapshot (issue 29, "Names"): `Code<N>` for at most
 * 1% of the codes, a code suffix where the texts could tell codes apart for at most 1%, names
 * over 40 characters for at most 1%. The snapshot is the repository's `snapshot/` (h29parse's
 * rebuild of the Server API pages), read as module folders.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, type SeedInput } from '../../src/generate.js';
import { resolveConfig } from '../../src/config.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { readSeeds } from '../../src/project.js';
import type { ErrorCatalog } from '../../src/model.js';
import { ROOT } from '../helpers/tools.js';

const SNAPSHOT = join(ROOT, 'snapshot');

function snapshotCatalog(): ErrorCatalog {
  const config = resolveConfig({});
  const build = (seeds: readonly SeedInput[]) => buildCatalog(seeds, { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
  const seeds = readSeeds(ROOT, SNAPSHOT, 'snapshot');
  const first = build(seeds);
  if (first.catalog) return first.catalog;
  // Pages the parser refuses are its to report (test/parse); the names are measured without them.
  const refused = new Set(first.files.filter((file) => file.messages.some((message) => message.fatal === true)).map((file) => file.path));
  const again = build(seeds.filter((seed) => !refused.has(seed.path)));
  expect(again.catalog, [...refused].join(', ')).toBeDefined();
  return again.catalog!;
}

describe.skipIf(!existsSync(SNAPSHOT))('member names over the Server API snapshot', () => {
  it('stay within the issue\'s ratios', { timeout: 300_000 }, () => {
    const catalog = snapshotCatalog();
    let total = 0;
    const codeNames: string[] = [];
    const suffixed: string[] = [];
    const long: string[] = [];
    for (const module of catalog.modules) {
      const texts = (entry: { message: string; description?: string; suggestion?: string }) => JSON.stringify([entry.message, entry.description ?? '', entry.suggestion ?? '']);
      const same = new Map<string, number>();
      for (const entry of module.entries) same.set(texts(entry), (same.get(texts(entry)) ?? 0) + 1);
      for (const entry of module.entries) {
        total++;
        const where = `${module.id} ${entry.code} ${entry.name}`;
        if (/^Code\d+$/.test(entry.name)) codeNames.push(where);
        // A suffix is fair only where another code of the module has the very same texts.
        else if ((entry.name.endsWith(String(entry.code)) || /\d{4,}N\d+$/.test(entry.name)) && same.get(texts(entry)) === 1) suffixed.push(where);
        if (entry.name.length > 40) long.push(where);
      }
    }
    expect(total).toBeGreaterThan(2500);
    expect(codeNames.length / total, codeNames.join('\n')).toBeLessThanOrEqual(0.01);
    expect(suffixed.length / total, suffixed.join('\n')).toBeLessThanOrEqual(0.01);
    expect(long.length / total, long.join('\n')).toBeLessThanOrEqual(0.01);
  });
});
