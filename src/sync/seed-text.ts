/**
 * A seed is a YAML front matter (`title`, `source_url`) on top of the page's markdown,
 * the layout of a hand-copied seed. This file splits a doc into the two and puts a
 * fetched page back together with the seed's front matter.
 */
import { VFile } from 'vfile';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { parseDoc } from '../parse/parse-doc.js';

export interface SplitDoc {
  /** The front matter block as written, fences included; '' when the doc has none. */
  readonly rawFrontMatter: string;
  /** Its keys in their order; undefined when the block is not a YAML mapping. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Everything after the front matter, as it is. */
  readonly body: string;
}

/** Front matter as remark-frontmatter reads it: `---` on the first line, up to the next `---`. */
const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(text: string): SplitDoc {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const match = FRONT_MATTER.exec(source);
  if (!match) return { rawFrontMatter: '', data: {}, body: source };
  const body = source.slice(match[0].length);
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch {
    return { rawFrontMatter: match[0], body };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) return { rawFrontMatter: match[0], body };
  return { rawFrontMatter: match[0], data: data as Record<string, unknown>, body };
}

/** A front matter value as text, the way parseDoc reads it. */
export function frontMatterText(data: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined;
}

/**
 * The seed text for a fetched page. Keys: `title` from the page's own front matter,
 * else the seed's, else the page's first heading; `source_url` always the URL the seed
 * (or `sync --add`) named: a page must never move its seed to another host, so the
 * page's own `source_url` is dropped; other keys of the seed are kept, the page's win.
 * When the keys come out equal to the seed's, its front matter is kept byte for byte,
 * so an unchanged page gives an unchanged seed.
 */
export function composeSeed(seed: SplitDoc | undefined, page: SplitDoc, pageUrl: string): string {
  const pageData = page.data ?? {};
  const seedData = seed?.data ?? {};
  const title = frontMatterText(pageData, 'title') ?? frontMatterText(seedData, 'title') ?? firstHeading(page.body);
  const merged: Record<string, unknown> = {
    ...(title !== undefined && { title }),
    source_url: pageUrl,
  };
  for (const [key, value] of [...Object.entries(seedData), ...Object.entries(pageData)]) {
    if (key !== 'title' && key !== 'source_url') merged[key] = value;
  }
  const sameAsSeed =
    seed !== undefined && seed.rawFrontMatter !== '' && seed.data !== undefined && sameData(normalizedSeedData(seedData), merged);
  const frontMatter = sameAsSeed ? seed.rawFrontMatter : `---\n${stringifyYaml(merged, { lineWidth: 0 })}---\n`;
  return frontMatter + page.body;
}

function firstHeading(markdown: string): string | undefined {
  return parseDoc(new VFile({ value: markdown })).firstHeading;
}

/** The seed's keys as composeSeed would write them (title/source_url trimmed text, first). */
function normalizedSeedData(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const title = frontMatterText(data, 'title');
  const source = frontMatterText(data, 'source_url');
  const out: Record<string, unknown> = { ...(title !== undefined && { title }), ...(source !== undefined && { source_url: source }) };
  for (const [key, value] of Object.entries(data)) if (key !== 'title' && key !== 'source_url') out[key] = value;
  return out;
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
