/**
 * The lock wins over every naming rule: a committed project regenerates with every name it
 * had. `generate --rename` derives the names again on purpose and prints what it renamed;
 * a name chosen by hand in the lock (its `name` differs from its `derived`) stays, unless
 * `--rename=all`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, ROOT, runCli } from '../helpers/tools.js';

const LOCK = 'seeds/feishu-errcodes.lock.json';
/** A project of the committed Hire seed and its part of the committed lock. */
function committed(): string {
  const lock = JSON.parse(readFileSync(join(ROOT, LOCK), 'utf8')) as { modules: Record<string, unknown> };
  lock.modules = { 'hire-v1': lock.modules['hire-v1'] };
  return makeProject({ 'hire-v1.md': readFileSync(join(ROOT, 'seeds/hire-v1.md')), 'feishu-errcodes.lock.json': JSON.stringify(lock, null, 2) + '\n' });
}
type LockEntries = Record<string, { name: string; derived?: string }>;
const lockEntries = (dir: string) => (JSON.parse(readFileSync(join(dir, LOCK), 'utf8')) as { modules: Record<string, LockEntries> }).modules['hire-v1']!;
/** Rewrites the committed lock's hire-v1 entries. */
function editLock(dir: string, edit: (entries: LockEntries) => void): void {
  const lock = JSON.parse(readFileSync(join(dir, LOCK), 'utf8')) as { modules: Record<string, LockEntries> };
  edit(lock.modules['hire-v1']!);
  writeFileSync(join(dir, LOCK), JSON.stringify(lock, null, 2) + '\n');
}
/** A user picks a name in the lock, as docs/name-lock.md says: edits `name`, nothing else. */
const pickName = (dir: string) => editLock(dir, (entries) => void (entries['1002002']!.name = 'InvalidParameter'));
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
  it('derives every derived name again, prints each rename, and the lock keeps the new names', async () => {
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

  it('keeps a name chosen by hand in the lock, and derives the others again', async () => {
    const dir = committed();
    pickName(dir);
    const result = await runCli(['generate', '--rename'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('renamed hire-v1 1002103: TalentNotExist1002103 → TalentNotExistEmployed');
    expect(result.stdout).toContain('--rename: kept 1 name(s) chosen by hand in the lock or the config; `--rename=all` derives the lock\'s again too.');
    expect(jsonNames(dir)).toMatchObject({ '1002002': 'InvalidParameter', '1002103': 'TalentNotExistEmployed' });
    // The lock still tells the hand-picked name from the derived one.
    expect(lockEntries(dir)['1002002']).toMatchObject({ name: 'InvalidParameter', derived: 'ParameterIllegal' });
    expect(lockEntries(dir)['1002103']).toMatchObject({ name: 'TalentNotExistEmployed', derived: 'TalentNotExistEmployed' });
    // A plain generate and a second --rename keep it too.
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect((await runCli(['generate', '--rename'], dir)).stdout).toContain('nothing renamed');
    expect(jsonNames(dir)['1002002']).toBe('InvalidParameter');
  });

  it('=all derives the hand-picked names again too', async () => {
    const dir = committed();
    pickName(dir);
    await runCli(['generate'], dir);
    expect(jsonNames(dir)['1002002']).toBe('InvalidParameter');
    const result = await runCli(['generate', '--rename=all'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('renamed hire-v1 1002002: InvalidParameter → ParameterIllegal');
    expect(result.stdout).toContain('renamed hire-v1 1002103: TalentNotExist1002103 → TalentNotExistEmployed');
    expect(result.stdout).not.toContain('kept');
    expect(jsonNames(dir)).toMatchObject({ '1002002': 'ParameterIllegal', '1002103': 'TalentNotExistEmployed' });
    expect(Object.values(lockEntries(dir)).filter((entry) => entry.derived !== entry.name)).toEqual([]);
  });

  it('rejects another value, writing nothing', async () => {
    const dir = committed();
    const result = await runCli(['generate', '--rename=every'], dir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("argument 'every' is invalid. Allowed choices are all.");
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });

  it('keeps a name the config chose once the config no longer names it', async () => {
    const dir = committed();
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), JSON.stringify({ modules: { 'hire-v1': { names: { '1002103': 'TalentOnboarded' } } } }));
    await runCli(['generate'], dir);
    expect(lockEntries(dir)['1002103']).toMatchObject({ name: 'TalentOnboarded', derived: 'TalentNotExist1002103' });
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), '{}');
    const result = await runCli(['generate', '--rename'], dir);
    expect(result.stdout).not.toContain('1002103');
    expect(jsonNames(dir)['1002103']).toBe('TalentOnboarded');
  });
});

describe('a lock written before `derived` was recorded', () => {
  const oldLock = () => {
    const dir = committed();
    editLock(dir, (entries) => {
      for (const entry of Object.values(entries)) delete entry.derived;
    });
    pickName(dir);
    return dir;
  };

  it('regenerates with its names, and records each as derived', async () => {
    const dir = oldLock();
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(0);
    expect(jsonNames(dir)).toMatchObject({ '1002002': 'InvalidParameter', '1002103': 'TalentNotExist1002103' });
    const entries = Object.values(lockEntries(dir));
    expect(entries.length).toBeGreaterThan(40);
    expect(entries.filter((entry) => entry.derived !== entry.name)).toEqual([]);
  });

  it('counts its names as derived: --rename derives them all again, as before', async () => {
    const dir = oldLock();
    const result = await runCli(['generate', '--rename'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('renamed hire-v1 1002002: InvalidParameter → ParameterIllegal');
    expect(result.stdout).toContain('renamed hire-v1 1002103: TalentNotExist1002103 → TalentNotExistEmployed');
    expect(lockEntries(dir)['1002002']).toMatchObject({ name: 'ParameterIllegal', derived: 'ParameterIllegal' });
  });

  it('records for a code the config names the name its doc gives, so the name stays chosen when the config drops it', async () => {
    const dir = oldLock();
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), JSON.stringify({ modules: { 'hire-v1': { names: { '1002103': 'TalentOnboarded' } } } }));
    await runCli(['generate'], dir);
    expect(lockEntries(dir)['1002103']).toMatchObject({ name: 'TalentOnboarded', derived: 'TalentNotExist' });
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), '{}');
    await runCli(['generate', '--rename'], dir);
    expect(jsonNames(dir)['1002103']).toBe('TalentOnboarded');
  });
});
