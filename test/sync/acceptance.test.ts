/**
 * What `sync` accepts from a fetched page: never a new source_url (a page must not move
 * its seed to another host), never HTML dressed as markdown, never a page that lost most
 * of its codes (unless --accept-removals), and one page that cannot be processed never
 * stops the others.
 */
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeProject, tempDir } from '../helpers/tools.js';
import { markdown, runCliWithoutProxies, startDocServer, type DocServer } from './doc-server.js';

vi.mock('../../src/sync/seed-text.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/sync/seed-text.js')>();
  return {
    ...real,
    // Stands for any fault deep in the pipeline on one page (a stack overflow, a bug).
    composeSeed: (...args: Parameters<typeof real.composeSeed>) => {
      if (args[1].body.includes('EXPLODE')) throw new RangeError('Maximum call stack size exceeded');
      return real.composeSeed(...args);
    },
  };
});

const { sync } = await import('../../src/sync/sync.js');
const { looksLikeHtml } = await import('../../src/sync/fetch-markdown.js');

/** A page listing `codes`. */
const page = (codes: readonly number[], extra = '') =>
  `# 错误码\n\n|code|message|\n|--|--|\n${codes.map((code) => `| ${code} | Message number ${code} |`).join('\n')}\n${extra}`;
const seedOf = (url: string, body: string) => `---\ntitle: 错误码\nsource_url: ${url}\n---\n${body}`;
const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

let server: DocServer;
beforeAll(async () => {
  server = await startDocServer();
});
afterAll(async () => {
  await server.close();
});

describe('source_url comes from the seed, never from the page', () => {
  it('keeps the seed\'s own URL when the page\'s front matter names another host, and fetches from it next time', async () => {
    const url = `${server.origin}/doc/moved`;
    server.route('/doc/moved.md', markdown(`---\nsource_url: http://evil.example/doc/moved\ntitle: 错误码\n---\n${page([1, 2, 3])}`));
    const dir = makeProject({ 'moved-v1.md': seedOf(url, page([1, 2])) });
    const first = await sync({ cwd: dir });
    expect(first.seeds.map((seed) => seed.status)).toEqual(['updated']);
    const text = readFileSync(join(dir, 'seeds/moved-v1.md'), 'utf8');
    expect(text).toContain(`source_url: ${url}\n`);
    expect(text).not.toContain('evil.example');
    server.requests.length = 0;
    await sync({ cwd: dir });
    expect(server.requests).toEqual(['/doc/moved.md']);
  });
});

describe('HTML served as markdown', () => {
  const pages = [
    '<!-- hi -->\n<html><body><table><tr><td>1</td></tr></table></body></html>',
    '\uFEFF<!-- a -->\n<!-- b --><!DOCTYPE html>\n<html>',
    '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
    '  \n<!-- x --><body>',
    '\u200B<html><body>',
    '---\ntitle: x\n---\n<!DOCTYPE html>\n<html>',
    '# 错误码\n\n<html lang="zh">',
  ];
  for (const html of pages) {
    it(`is refused and the seed left as it was: ${JSON.stringify(html.slice(0, 30))}`, async () => {
      expect(looksLikeHtml(html)).toBe(true);
      server.route('/doc/html.md', markdown(html));
      const seed = seedOf(`${server.origin}/doc/html`, page([1]));
      const dir = makeProject({ 'html-v1.md': seed });
      const result = await sync({ cwd: dir });
      expect(result.seeds[0]).toMatchObject({ status: 'failed', reason: 'got an HTML page, not markdown; check the URL or --url-template' });
      expect(readFileSync(join(dir, 'seeds/html-v1.md'), 'utf8')).toBe(seed);
    });
  }
  it('markdown that merely holds a comment or inline HTML is not HTML', () => {
    expect(looksLikeHtml('<!-- note -->\n# 错误码\n\n<div>x</div>')).toBe(false);
    expect(looksLikeHtml('# Title\n\n```html\n<html>\n```\n')).toBe(false);
    expect(looksLikeHtml('<!-- never closed\n<html>')).toBe(false);
    expect(looksLikeHtml('| code | message |\n|---|---|\n| 1 | <body> of the request is empty |')).toBe(false);
  });
});

describe('a page that drops most of its codes', () => {
  const cases: [string, number[], 'updated' | 'failed'][] = [
    ['keeps 1 of 100', [1000], 'failed'],
    ['keeps 50 of 100', range(1000, 50), 'failed'],
    ['keeps 80 of 100 (drops 20%, the most accepted)', range(1000, 80), 'updated'],
    ['keeps 79 of 100', range(1000, 79), 'failed'],
  ];
  for (const [name, kept, want] of cases) {
    it(`${name}: ${want}`, async () => {
      const path = `/doc/shrink-${kept.length}`;
      server.route(`${path}.md`, markdown(page(kept)));
      const seed = seedOf(`${server.origin}${path}`, page(range(1000, 100)));
      const dir = makeProject({ 'shrink-v1.md': seed });
      const result = await sync({ cwd: dir });
      expect(result.seeds[0]!.status).toBe(want);
      if (want === 'failed') {
        expect(result.seeds[0]!.reason).toBe(
          `the page drops ${100 - kept.length} of the 100 codes the seed lists (at most 20, 20%, are accepted), which looks like a broken page rather than an edit; check the page and pass --accept-removals to take it anyway`,
        );
        expect(readFileSync(join(dir, 'seeds/shrink-v1.md'), 'utf8')).toBe(seed);
        const accepted = await sync({ cwd: dir, acceptRemovals: true });
        expect(accepted.seeds[0]!.status).toBe('updated');
      }
    });
  }

  it('exits 1 from the CLI, names --accept-removals, and leaves the seed', async () => {
    server.route('/doc/cli-shrink.md', markdown(page([1000])));
    const seed = seedOf(`${server.origin}/doc/cli-shrink`, page(range(1000, 10)));
    const dir = makeProject({ 'cli-v1.md': seed });
    const result = await runCliWithoutProxies(['sync'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the page drops 9 of the 10 codes the seed lists');
    expect(result.stderr).toContain('--accept-removals');
    expect(readFileSync(join(dir, 'seeds/cli-v1.md'), 'utf8')).toBe(seed);
    const accepted = await runCliWithoutProxies(['sync', '--accept-removals'], dir);
    expect(accepted.code).toBe(0);
  });
});

describe('one bad page', () => {
  it('is reported as failed while the good seeds are still written', async () => {
    server.route('/doc/good.md', markdown(page([1, 2, 3])));
    server.route('/doc/bad.md', markdown(page([1, 2], 'EXPLODE\n')));
    const good = seedOf(`${server.origin}/doc/good`, page([1, 2]));
    const bad = seedOf(`${server.origin}/doc/bad`, page([1]));
    const dir = makeProject({ 'good-v1.md': good, 'bad-v1.md': bad });
    const result = await sync({ cwd: dir });
    expect(result.seeds.map((seed) => [seed.path, seed.status])).toEqual([
      ['seeds/bad-v1.md', 'failed'],
      ['seeds/good-v1.md', 'updated'],
    ]);
    expect(result.seeds[0]!.reason).toBe('the fetched doc could not be processed (Maximum call stack size exceeded)');
    expect(readFileSync(join(dir, 'seeds/bad-v1.md'), 'utf8')).toBe(bad);
    expect(readFileSync(join(dir, 'seeds/good-v1.md'), 'utf8')).toContain('| 3 | Message number 3 |');
  });
});

describe('a seed that is a symbolic link', () => {
  it('is never written through: sync refuses (exit 2) and the file it points to stays', async () => {
    server.route('/doc/linked.md', markdown(page([1, 2, 3])));
    const outside = join(tempDir(), 'elsewhere.md');
    const seed = seedOf(`${server.origin}/doc/linked`, page([1, 2]));
    writeFileSync(outside, seed);
    const dir = makeProject({ 'placeholder.md': page([9]) });
    rmSync(join(dir, 'seeds/placeholder.md'));
    symlinkSync(outside, join(dir, 'seeds/linked-v1.md'));
    const { UserError } = await import('../../src/project.js');
    await expect(sync({ cwd: dir })).rejects.toThrow(UserError);
    await expect(sync({ cwd: dir })).rejects.toThrow(/^seeds\/linked-v1\.md is a symbolic link inside the seeds folder seeds; feishu-errcodes never writes or removes files through a link\./);
    expect(readFileSync(outside, 'utf8')).toBe(seed);
  });
});
