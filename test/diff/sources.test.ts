import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSpecs } from '../../src/diff/compare.js';
import { renderText } from '../../src/diff/render-text.js';
import { makeProject, ROOT, runCli } from '../helpers/tools.js';

/** What each side of `diff` may be, and the messages for what it may not. */
const fixture = join(ROOT, 'test/fixtures/diff-hire');
const seed = readFileSync(join(fixture, 'old/hire-v1.md'), 'utf8');
const EXPECTED = 'expected a seed doc (.md), a seeds folder, a generated JSON catalogue (json/<id>.json or a folder of them) or git:<rev>';

function report(dir: string, oldSpec: string, newSpec: string): string {
  const outcome = compareSpecs(oldSpec, newSpec, { cwd: dir });
  if (!outcome.ok) throw new Error(outcome.files.flatMap((file) => file.messages.map(String)).join('\n'));
  return renderText(outcome.diff, { old: oldSpec, new: newSpec });
}

describe('diff sides', () => {
  const dir = makeProject({}, { 'v1/hire-v1.old.md': seed, 'v2/hire-v1.md': seed.replace('Repeat application', 'Repeated application') });

  it('pairs two single files as two versions of one doc whatever their names', () => {
    expect(report(dir, 'v1/hire-v1.old.md', 'v2/hire-v1.md')).toBe(
      [
        'v1/hire-v1.old.md → v2/hire-v1.md: no breaking change; 1 message changed',
        '',
        'hire-v1 (HireErrorCode): 1 change',
        '            message  1002206  RepeatApplication  [-Repeat-]{+Repeated+} application',
        '',
      ].join('\n'),
    );
  });

  it('keeps the old names for a new side without a lock, as generate would', () => {
    // The reworded message would derive `RepeatedApplication`; the old side's name is kept.
    expect(report(dir, 'v1', 'v2')).not.toContain('renamed');
  });

  it.each<[string, string | RegExp]>([
    ['nothing/here', `nothing/here: nothing/here does not exist; ${EXPECTED}`],
    ['notes.txt', `notes.txt: ./notes.txt is neither a .md seed nor a .json catalogue; ${EXPECTED}`],
    ['empty', `empty: ./empty holds no seed doc (.md) and no JSON catalogue; ${EXPECTED}`],
    ['bad.json', /^\.\/bad\.json: not valid JSON \(.+\); expected a seed doc/],
    ['other.json', `./other.json: not a feishu-errcodes JSON catalogue ((top level) must have required property 'module'; (top level) must have required property 'title'; (top level) must have required property 'typeName'); regenerate it, or ${EXPECTED}`],
  ])('rejects %s with what it expected', (spec, message) => {
    const bad = makeProject({}, { 'notes.txt': 'x', 'empty/.keep': '', 'bad.json': 'not json', 'other.json': '{ "errors": [] }' });
    mkdirSync(join(bad, 'empty'), { recursive: true });
    expect(() => compareSpecs(spec, 'seeds', { cwd: bad })).toThrow(message);
  });

  it('returns the diagnostics of a side whose seeds have errors', () => {
    const bad = makeProject({ 'hire-v1.md': seed }, { 'broken/hire-v1.md': '# no table here\n' });
    const outcome = compareSpecs('broken', 'seeds', { cwd: bad });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.source.label).toBe('broken');
    expect(outcome.files.flatMap((file) => file.messages.filter((message) => message.fatal).map((message) => message.ruleId))).toEqual(['no-error-table']);
  });

  it('the CLI exits 2 on a side whose seeds have errors, old or new, with the errors and nothing on stdout', async () => {
    const bad = makeProject({ 'hire-v1.md': seed }, { 'broken/hire-v1.md': '# no table here\n' });
    for (const [oldSpec, newSpec] of [['broken', 'seeds'], ['seeds', 'broken']] as const) {
      const result = await runCli(['diff', oldSpec, newSpec, '--fail-on', 'any'], bad);
      expect(result.code, `${oldSpec} → ${newSpec}`).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^broken\/hire-v1\.md\n1:1 +error +Unexpected doc without an error table, .* no-error-table/);
      expect(result.stderr).toContain('feishu-errcodes: errors in the seeds of broken (above); cannot diff. Run `feishu-errcodes lint` on them for details.\n');
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('reads a lock beside a seeds folder, and reports a bad one as the lock error', () => {
    const withLock = makeProject({}, { 'a/hire-v1.md': seed, 'a/feishu-errcodes.lock.json': '{ "version": 1, "modules": { "hire-v1": { "1002102": { "name": "x", "message": "m" } } } }' });
    expect(() => compareSpecs('a', 'a', { cwd: withLock })).toThrow('a/feishu-errcodes.lock.json:1:56: modules["hire-v1"]["1002102"].name: expected a PascalCase identifier');
    writeFileSync(join(withLock, 'a/feishu-errcodes.lock.json'), JSON.stringify({ version: 1, modules: { 'hire-v1': { '1002102': { name: 'TalentGone', message: 'm' } } } }));
    mkdirSync(join(withLock, 'b'));
    writeFileSync(join(withLock, 'b/hire-v1.md'), seed);
    // 1002103 no longer collides, so without a lock entry of its own it takes the free name.
    expect(report(withLock, 'b', 'a')).toBe(
      [
        'b → a: 2 breaking changes (2 names changed)',
        '',
        'hire-v1 (HireErrorCode): 2 breaking',
        '  breaking  renamed  1002102  TalentGone      TalentNotExist → TalentGone',
        '  breaking  renamed  1002103  TalentNotExist  TalentNotExist1002103 → TalentNotExist',
        '',
      ].join('\n'),
    );
  });
});
