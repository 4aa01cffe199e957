/**
 * classifyEntry against hand labels: 390 error rows of the Server API snapshot (endpoint
 * pages, `| HTTP状态码 | 错误码 | 描述 | 排查建议 |`), each labelled by reading its texts.
 * The verdict must agree with the labels on ≥ 90% of the rows and mark at most 1% of them
 * retryable where the label says not (a retried validation or permission error is a wasted
 * call at best). The held-out rows were not used to write the rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Category, DocEntry } from '../../src/model.js';
import { categoryOfStatus, classifyEntry } from '../../src/normalize/classify.js';
import { ROOT } from '../helpers/tools.js';

interface LabelRow {
  readonly split: 'tune' | 'heldout';
  readonly page: string;
  readonly endpoint: string;
  readonly code: number;
  readonly httpStatus: number;
  readonly description: string;
  readonly suggestion: string;
  readonly category: Category;
  readonly retryable: boolean;
}

const CATEGORIES = new Set<string>(['authentication', 'authorization', 'validation', 'not_found', 'conflict', 'failed_precondition', 'rate_limit', 'server', 'unknown']);

function readLabels(): LabelRow[] {
  const lines = readFileSync(join(ROOT, 'test/fixtures/verdict-labels/labels.tsv'), 'utf8').split('\n');
  const body = lines.filter((line) => line !== '' && !line.startsWith('#'));
  expect(body[0]).toBe('split\tpage\tendpoint\tcode\thttpStatus\tdescription\tsuggestion\tcategory\tretryable');
  return body.slice(1).map((line, index) => {
    const [split, page, endpoint, code, httpStatus, description, suggestion, category, retryable, ...rest] = line.split('\t');
    const where = `labels.tsv row ${index + 1}`;
    if (rest.length > 0 || retryable === undefined) throw new Error(`${where}: expected 9 columns`);
    if (split !== 'tune' && split !== 'heldout') throw new Error(`${where}: split ${split}`);
    if (!CATEGORIES.has(category!)) throw new Error(`${where}: category ${category}`);
    if (retryable !== 'true' && retryable !== 'false') throw new Error(`${where}: retryable ${retryable}`);
    return { split, page: page!, endpoint: endpoint!, code: Number(code), httpStatus: Number(httpStatus), description: description!, suggestion: suggestion!, category: category as Category, retryable: retryable === 'true' };
  });
}

/** The row as the pipeline hands it over: a 描述 column with no message column is the message. */
function entryOf(row: LabelRow): DocEntry {
  return { code: row.code, name: 'Labelled', message: row.description, ...(row.suggestion === '' ? {} : { suggestion: row.suggestion }), httpStatus: row.httpStatus };
}

interface Verdict {
  readonly category: Category;
  readonly retryable: boolean;
}

/** What the HTTP status alone says (400 → validation, else unknown): the figure to beat. */
function statusOnly(row: LabelRow): Verdict {
  const category = categoryOfStatus(row.httpStatus) ?? (row.httpStatus === 400 ? 'validation' : 'unknown');
  return { category, retryable: category === 'server' || category === 'rate_limit' };
}

function score(rows: readonly LabelRow[], judge: (row: LabelRow) => Verdict) {
  let agree = 0;
  const falseRetryable: string[] = [];
  const misses: string[] = [];
  for (const row of rows) {
    const verdict = judge(row);
    if (verdict.category === row.category) agree += 1;
    else misses.push(`${row.split === 'heldout' ? '(held out) ' : ''}${row.code} ${row.httpStatus} ${row.description.slice(0, 60)}: ${verdict.category}, labelled ${row.category}`);
    if (verdict.retryable && !row.retryable) falseRetryable.push(`${row.code} ${row.httpStatus} ${row.description.slice(0, 60)}: retryable ${verdict.category}`);
  }
  return { agreement: agree / rows.length, falseRetryable: falseRetryable.length / rows.length, misses, falseRetryableRows: falseRetryable };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

describe('classifyEntry against the hand labels', () => {
  const rows = readLabels();
  const heldOut = rows.filter((row) => row.split === 'heldout');
  const classify = (row: LabelRow): Verdict => classifyEntry(entryOf(row));

  it('has a few hundred rows, about a quarter held out, every status Feishu uses on the pages', () => {
    expect(rows.length).toBeGreaterThanOrEqual(380);
    expect(heldOut.length).toBeGreaterThanOrEqual(90);
    for (const status of [200, 400, 401, 403, 404, 409, 429, 500, 503, 504]) expect(rows.some((row) => row.httpStatus === status), String(status)).toBe(true);
  });

  it('agrees on ≥ 90% of the rows with ≤ 1% retryable false positives, where the status alone does not', () => {
    const baseline = score(rows, statusOnly);
    const all = score(rows, classify);
    const held = score(heldOut, classify);
    const heldBaseline = score(heldOut, statusOnly);
    // Printed so a run shows the figures, not only that they passed.
    console.log(
      [
        `status only: ${percent(baseline.agreement)} agreement, ${percent(baseline.falseRetryable)} retryable false positives (${rows.length} rows)`,
        `classifyEntry: ${percent(all.agreement)} agreement, ${percent(all.falseRetryable)} retryable false positives (${rows.length} rows)`,
        `held out: ${percent(held.agreement)} agreement (status only ${percent(heldBaseline.agreement)}), ${percent(held.falseRetryable)} retryable false positives (${heldOut.length} rows)`,
        'disagreements:',
        ...all.misses.map((miss) => `  ${miss}`),
        ...all.falseRetryableRows.map((row) => `  retried wrongly: ${row}`),
      ].join('\n'),
    );
    // The status alone must fall short here, or the labels would not test the texts.
    expect(baseline.agreement).toBeLessThan(0.8);
    expect(all.agreement).toBeGreaterThanOrEqual(0.9);
    expect(all.falseRetryable).toBeLessThanOrEqual(0.01);
    expect(held.agreement).toBeGreaterThanOrEqual(0.85);
    expect(held.falseRetryable).toBeLessThanOrEqual(0.02);
  });
});
