/**
 * Cross-check with the Feishu API Explorer (issue 29, "Numbers"): on the endpoints both the
 * Explorer (test/fixtures/api-explorer/triples.tsv, its `x-lark-error-mappings`) and the
 * catalogue generated from the shipped snapshot cover, at least 99% of the Explorer's
 * (method, path, code, HTTP status) triples are in the catalogue. A triple is in it when the
 * module that declares the endpoint has an entry for the code, with the endpoint's own HTTP
 * status (its `endpoints[]` meaning) where it has one, else the entry's. The general page is not
 * part of the snapshot, so no code counts as listed on every endpoint. Path templates are
 * compared with every `:name` replaced by `:` (the two sources name parameters differently).
 * The misses are printed with their reason, found by reading the module's pages: on the shipped
 * snapshot (99.46%) every miss is a difference of the two sources (the Explorer lists a code no
 * page of the module lists, a code the endpoint's own page does not list, or another status
 * than the page), none a code or status the reader dropped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/generate.js';
import { resolveConfig } from '../src/config.js';
import { EMPTY_LOCK } from '../src/lock.js';
import { readSeeds } from '../src/project.js';
import type { ErrorEntry, ErrorModule } from '../src/model.js';
import { ROOT } from './helpers/tools.js';

const SNAPSHOT = join(ROOT, 'snapshot');
const TRIPLES = join(ROOT, 'test/fixtures/api-explorer/triples.tsv');

/** `/open-apis/im/v1/chats/:chat_id` → `/open-apis/im/v1/chats/:` (no regex over doc text). */
export function templateKey(method: string, path: string): string {
  const segments = path.split('/').map((segment) => (segment.startsWith(':') ? ':' : segment));
  return `${method.toUpperCase()} ${segments.join('/')}`;
}

interface Triple {
  readonly method: string;
  readonly path: string;
  readonly code: number;
  readonly httpStatus: number;
}

function readTriples(): Triple[] {
  const [header, ...lines] = readFileSync(TRIPLES, 'utf8').split('\n').filter((line) => line !== '');
  expect(header).toBe('method\tpath\tcode\thttpStatus');
  return lines.map((line) => {
    const [method, path, code, httpStatus] = line.split('\t');
    return { method: method!, path: path!, code: Number(code), httpStatus: Number(httpStatus) };
  });
}

type Reason =
  | 'code on no page of the module'
  | 'code on a page of the module, not in the catalogue'
  | 'code not on the endpoint\'s page (other pages of the module list it, with another status)'
  | 'the endpoint\'s page says another status'
  | 'status differs from the endpoint\'s page';

/** `text` holds the number `n` with no digit either side (indexOf only: no regex over doc text). */
function holdsNumber(text: string, n: number): boolean {
  const needle = String(n);
  const isDigit = (at: number) => at >= 0 && at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (!isDigit(at - 1) && !isDigit(at + needle.length)) return true;
  }
  return false;
}

/** The page whose `HTTP Method` row names `method` and `HTTP URL` row `path` exactly (then a character no path holds). */
function pageOf(texts: readonly string[], method: string, path: string): string | undefined {
  return texts.find((text) => {
    const lines = text.split('\n');
    return lines.some((line) => line.includes('HTTP Method') && line.toUpperCase().includes(method.toUpperCase())) && lines.some((line) => {
      if (!line.includes('HTTP URL')) return false;
      const at = line.indexOf(path);
      if (at === -1) return false;
      const next = line.charAt(at + path.length);
      return next === '' || next === ' ' || next === '|' || next === '?' || next === '`';
    });
  });
}

describe.skipIf(!existsSync(SNAPSHOT))('the catalogue of the snapshot against the API Explorer', () => {
  it('holds at least 99% of the Explorer\'s triples on the endpoints both cover', { timeout: 300_000 }, () => {
    const config = resolveConfig({});
    const seeds = readSeeds(ROOT, SNAPSHOT, 'snapshot');
    const { catalog, files } = buildCatalog(seeds, { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
    expect(files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map(String))).toEqual([]);

    // Each endpoint of the catalogue, by its template key, with the module that declares it.
    const endpoints = new Map<string, { module: ErrorModule; path: string; method: string }>();
    for (const module of catalog!.modules) {
      for (const endpoint of module.endpoints ?? []) endpoints.set(templateKey(endpoint.method, endpoint.path), { module, path: endpoint.path, method: endpoint.method });
    }
    const triples = readTriples();
    const shared = triples.filter((triple) => endpoints.has(templateKey(triple.method, triple.path)));
    const textsOf = new Map<string, string[]>();
    for (const module of catalog!.modules) {
      textsOf.set(module.id, seeds.filter((seed) => seed.module === module.id || seed.path.startsWith(`${module.seed}/`)).map((seed) => Buffer.from(seed.bytes).toString('utf8')));
    }
    const misses: { triple: Triple; reason: Reason; detail: string }[] = [];
    for (const triple of shared) {
      const { module, method, path } = endpoints.get(templateKey(triple.method, triple.path))!;
      const texts = textsOf.get(module.id)!;
      const entry: ErrorEntry | undefined = module.entries.find((candidate) => candidate.code === triple.code);
      if (entry === undefined) {
        // A code the module's pages hold somewhere but the catalogue lacks is the reader's miss.
        const onPage = texts.some((text) => holdsNumber(text, triple.code));
        misses.push({ triple, reason: onPage ? 'code on a page of the module, not in the catalogue' : 'code on no page of the module', detail: module.id });
        continue;
      }
      const meaning = entry.endpoints?.find((candidate) => candidate.method === method && candidate.path === path);
      const status = meaning?.httpStatus ?? entry.httpStatus;
      if (status === triple.httpStatus) continue;
      const page = pageOf(texts, method, path);
      const detail = `${module.id} says ${status ?? 'no status'}`;
      if (page !== undefined && !holdsNumber(page, triple.code)) misses.push({ triple, reason: 'code not on the endpoint\'s page (other pages of the module list it, with another status)', detail });
      else if (page !== undefined && !holdsNumber(page, triple.httpStatus)) misses.push({ triple, reason: 'the endpoint\'s page says another status', detail });
      else misses.push({ triple, reason: 'status differs from the endpoint\'s page', detail });
    }

    const covered = new Set(shared.map((triple) => templateKey(triple.method, triple.path))).size;
    const share = shared.length === 0 ? 0 : (shared.length - misses.length) / shared.length;
    const byReason = new Map<Reason, number>();
    for (const miss of misses) byReason.set(miss.reason, (byReason.get(miss.reason) ?? 0) + 1);
    const report = [
      `API Explorer: ${triples.length} triples; ${shared.length} on ${covered} endpoints the snapshot covers too; ` +
        `${shared.length - misses.length} in the catalogue (${(share * 100).toFixed(2)}%)`,
      ...[...byReason].map(([reason, count]) => `  ${reason}: ${count}`),
      ...misses.map(({ triple, reason, detail }) => `  miss: ${triple.method} ${triple.path} ${triple.code} ${triple.httpStatus}: ${reason} (${detail})`),
    ].join('\n');
    console.log(report);

    // The fixture and the snapshot overlap on most of the Server API: a test that compared nothing could not fail.
    expect(covered).toBeGreaterThan(500);
    expect(share, report).toBeGreaterThanOrEqual(0.99);
  });
});
