/**
 * The shipped glossary (src/normalize/glossary.ts): well-formed data, and its coverage of
 * the Chinese texts of every sample page. Both figures are printed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { buildCatalog } from '../../src/generate.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { GLOSSARY } from '../../src/normalize/glossary.js';
import { clauses, clauseWords, hasHan, isPlaceholderText } from '../../src/normalize/name-phrase.js';
import { ROOT, SAMPLE_PAGES, samplePage } from '../helpers/tools.js';

const FIXTURES = join(ROOT, 'test/fixtures');
const pages = SAMPLE_PAGES;
const { catalog } = buildCatalog(
  pages.map((page) => ({ path: `seeds/${page}.md`, bytes: samplePage(page) })),
  { config: resolveConfig({}), lock: EMPTY_LOCK, lockPath: 'lock' },
);
const entries = (catalog?.modules ?? []).flatMap((module) => module.entries);

describe('the glossary', () => {
  it('maps Chinese words to lower-case English words, or to nothing for a particle', () => {
    for (const [zh, en] of Object.entries(GLOSSARY)) {
      expect(zh, zh).toMatch(/^\p{Script=Han}+$/u);
      expect(en, zh).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
    }
  });

  it('translates the first clause of nearly every Chinese text on the sample pages', () => {
    const firstClauses = entries
      .flatMap((entry) => [entry.message, entry.description, entry.suggestion])
      .filter((text): text is string => text !== undefined && hasHan(text) && !isPlaceholderText(text))
      .map((text) => clauses(text)[0])
      .filter((clause): clause is string => clause !== undefined && hasHan(clause));
    const missed = firstClauses.filter((clause) => clauseWords(clause).untranslated);
    const coverage = 1 - missed.length / firstClauses.length;
    console.log(`glossary: ${firstClauses.length - missed.length} of ${firstClauses.length} Chinese first clauses translated (${(100 * coverage).toFixed(1)}%)`);
    expect(coverage).toBeGreaterThanOrEqual(0.6);
  });

  it('agrees with the English of the zh/en pairs the pages give (a message next to its 说明)', () => {
    // Where a row has an English message and a Chinese description, the glossary's words for
    // the description should share a word with the message (人才不存在 ~ Talent not exist).
    const pairs = entries.filter(
      (entry) => entry.description !== undefined && hasHan(entry.description) && !hasHan(entry.message) && /[A-Za-z]{3}/.test(entry.message),
    );
    const stem = (word: string) => word.toLowerCase().replace(/(ed|s)$/, '');
    const agreeing = pairs.filter((entry) => {
      const english = new Set(entry.message.split(/[^A-Za-z]+/).filter(Boolean).map(stem));
      return clauseWords(clauses(entry.description!)[0] ?? '').words.some((word) => english.has(stem(word)));
    });
    console.log(`glossary: ${agreeing.length} of ${pairs.length} zh/en pairs share a word`);
    expect(pairs.length).toBeGreaterThan(20);
    expect(agreeing.length / pairs.length).toBeGreaterThanOrEqual(0.8);
  });
});
