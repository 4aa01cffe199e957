/**
 * parseDoc reads table cells and front matter without micromark and yaml where it can
 * (chunked-tables.ts, simple-inline.ts, parse-doc.ts): on the shipped snapshot it must read
 * exactly what the whole parse (parseDocWhole) reads, tables, rows, endpoint, rate limit and
 * every diagnostic's place included. 200 pages are compared with the whole parse here; every
 * page is compared through a digest of the whole parse's reading, stored in
 * snapshot-parse.sha256 (rebuild it with `PARSE_DIGEST_UPDATE=1 npx vitest run
 * test/parse/fast-path.test.ts` after a change to snapshot/ or to what the parser reads).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { parseDoc, parseDocWhole } from '../../src/parse/parse-doc.js';
import { SNAPSHOT_DIR, treePages } from '../../src/snapshot-seeds.js';

const DIGEST_FILE = join(import.meta.dirname, 'snapshot-parse.sha256');
const SAMPLE = 200;

/** What a page reads as: the parsed doc and the diagnostics with their places. */
function reading(read: (file: VFile) => unknown, path: string, value: string) {
  const file = new VFile({ path, value });
  const doc = read(file);
  const messages = file.messages.map((message) => ({ reason: message.reason, place: message.place, ruleId: message.ruleId, fatal: message.fatal }));
  return JSON.stringify({ doc, messages });
}

const pages = treePages(SNAPSHOT_DIR).map((path) => ({ path, value: readFileSync(join(SNAPSHOT_DIR, path), 'utf8') }));

describe('parseDoc fast paths on the snapshot', () => {
  it('reads 200 pages exactly as the whole parse does', () => {
    expect(pages.length).toBeGreaterThan(1800);
    const step = Math.floor(pages.length / SAMPLE);
    const sample = pages.filter((_, index) => index % step === 0).slice(0, SAMPLE);
    expect(sample).toHaveLength(SAMPLE);
    let withTables = 0;
    for (const { path, value } of sample) {
      const fast = reading(parseDoc, path, value);
      expect(fast, path).toBe(reading(parseDocWhole, path, value));
      if (fast.includes('"syntax":"pipe"')) withTables++;
    }
    expect(withTables).toBeGreaterThan(SAMPLE / 2);
  });

  it('reads every page as the whole parse did (stored digest)', () => {
    const hash = createHash('sha256');
    const read = process.env['PARSE_DIGEST_UPDATE'] === '1' ? parseDocWhole : parseDoc;
    for (const { path, value } of pages) hash.update(`${path}\n${reading(read, path, value)}\n`);
    const digest = hash.digest('hex');
    if (read === parseDocWhole) writeFileSync(DIGEST_FILE, `${digest}\n`);
    expect(digest, 'snapshot/ or what parseDoc reads changed: see the comment at the top of this file').toBe(readFileSync(DIGEST_FILE, 'utf8').trim());
  });
});
