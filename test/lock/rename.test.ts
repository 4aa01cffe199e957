/**
 * The lock wins over every naming rule: a committed project regenerates with every name it
 * had. `generate --rename` derives the names again on purpose and prints what it renamed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, ROOT, runCli } from '../helpers/tools.js';

const LOCK = 'seeds/feishu-errcodes.lock.json';
const committed = () =>
  makeProject({
    'hire-v1.md': readFileSync(join(ROOT, 'seeds/hire-v1.md')),
    'general.md': readFileSync(join(ROOT, 'seeds/general.md')),
    'feishu-errcodes.lock.json': readFileSync(join(ROOT, LOCK)),
  });
const lockedNames = (text: string) =>
  Object.fromEntries(Object.entries((JSON.parse(text) as { modules: Record<string, Record<string, { name: string }>> }).modules['hire-v1']!).map(([code, entry]) => [code, entry.name]));
const jsonNames = (dir: string) =>
  Object.fromEntries(
    (JSON.parse(readFileSync(join(dir, 'generated/json/hire-v1.json'), 'utf8')) as { errors: { code: number; name: string }[] }).errors.map((entry) => [String(entry.code), entry.name]),
  );

describe('the committed project', () => {
  it('regenerates with every name of its lock, and no collision warning', async () => {
    const dir = committed();
    const before = readFileSync(join(dir, LOCK), 'utf8');
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, LOCK), 'utf8')).toBe(before);
    expect(jsonNames(dir)).toEqual(lockedNames(before));
    // Names made by an older collision rule (`TalentNotExist1002103`) are the user's now.
    expect(jsonNames(dir)['1002103']).toBe('TalentNotExist1002103');
    expect((await runCli(['lint'], dir)).stdout).not.toContain('name-collision');
  });
});

describe('generate --rename', () => {
  it('derives every name again, prints each rename, and the lock keeps the new names', async () => {
    const dir = committed();
    const result = await runCli(['generate', '--rename'], dir);
    expect(result.code).toBe(0);
    const renamed = result.stdout.split('\n').filter((line) => line.startsWith('renamed '));
    expect(renamed).toContain('renamed hire-v1 1002103: TalentNotExist1002103 → TalentNotExistEmployed');
    expect(renamed).toContain('renamed hire-v1 1002508: TheNumberOfTheCandidatesApplicationsExceedsTheMaximumLimitOf → NumberOfCandidateApplicationsExceeds');
    expect(result.stdout).toMatch(/code changes: \d+ breaking changes \(\d+ names changed\)/);
    const lock = lockedNames(readFileSync(join(dir, LOCK), 'utf8'));
    expect(lock['1002103']).toBe('TalentNotExistEmployed');
    expect(jsonNames(dir)).toEqual(lock);
    // A second --rename finds nothing left to rename.
    expect((await runCli(['generate', '--rename'], dir)).stdout).toContain('nothing renamed');
  });

  it('keeps the names the config chooses', async () => {
    const dir = committed();
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), JSON.stringify({ modules: { 'hire-v1': { names: { '1002103': 'TalentOnboarded' } } } }));
    const result = await runCli(['generate', '--rename'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('renamed hire-v1 1002103: TalentNotExist1002103 → TalentOnboarded');
    expect(jsonNames(dir)['1002103']).toBe('TalentOnboarded');
  });
});
