import * as nodeFs from 'node:fs';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyWrite, BATCH_SYNC_MIN, planWrite, WriteError, type PlannedFile, type WriterFs, type WritePlan } from '../../src/write/write-files.js';
import { sha256 } from '../../src/write/safe-paths.js';
import { readTree, tempDir } from '../helpers/tools.js';

/** The guard of a write into `dir`, nothing protected. */
const guardOf = (dir: string) => ({ root: dir, protected: [], display: (absolute: string) => absolute.slice(dir.length + 1) });

/** Every file under `dir`, temp files included, as relative paths. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1))
    .sort();
}

function planned(dir: string, path: string, contents: string, last = false): PlannedFile {
  return { path, absolute: join(dir, path), contents, ...(last && { last }) };
}

/** A folder with `a.txt`, `sub/b.txt` and `old/stale.txt` on disk. */
function folder(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'sub'));
  mkdirSync(join(dir, 'old'));
  writeFileSync(join(dir, 'a.txt'), 'old a\n');
  writeFileSync(join(dir, 'sub/b.txt'), 'old b\n');
  writeFileSync(join(dir, 'old/stale.txt'), 'stale\n');
  return dir;
}

function caught(run: () => void): WriteError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WriteError);
    return error as WriteError;
  }
  throw new Error('expected a WriteError');
}

describe('planWrite', () => {
  it('sorts files into changed, unchanged and removed, reading only', () => {
    const dir = folder();
    const before = readTree(dir);
    const plan = planWrite(
      [planned(dir, 'a.txt', 'old a\n'), planned(dir, 'sub/b.txt', 'new b\n'), planned(dir, 'new/c.txt', 'c\n')],
      [{ path: 'old/stale.txt', absolute: join(dir, 'old/stale.txt'), sha256: sha256('stale\n') }, { path: 'gone.txt', absolute: join(dir, 'gone.txt') }],
      guardOf(dir),
    );
    expect(plan.unchanged.map((file) => file.path)).toEqual(['a.txt']);
    expect(plan.changed.map((file) => [file.path, file.previous])).toEqual([
      ['sub/b.txt', 'old b\n'],
      ['new/c.txt', undefined],
    ]);
    expect(plan.removed.map((file) => [file.path, file.previous])).toEqual([['old/stale.txt', 'stale\n']]);
    expect(plan.leftovers).toEqual([]);
    expect(readTree(dir)).toEqual(before);
  });

  it('keeps a file the manifest lists twice unless every entry proves it ours, and names it once', () => {
    const dir = folder();
    const stale = { path: 'old/stale.txt', absolute: join(dir, 'old/stale.txt') };
    const proven = { ...stale, sha256: sha256('stale\n') };
    for (const earlier of [[stale, proven], [proven, stale], [proven, { ...stale, sha256: sha256('other') }]]) {
      const plan = planWrite([], earlier, guardOf(dir));
      expect(plan.removed).toEqual([]);
      expect(plan.kept.map((file) => file.path)).toEqual(['old/stale.txt']);
    }
    const both = planWrite([], [proven, proven], guardOf(dir));
    expect(both.removed.map((file) => file.path)).toEqual(['old/stale.txt']);
    expect(both.kept).toEqual([]);
  });

  it('treats a path under a regular file as a new file (the write then says why it fails)', () => {
    const dir = folder();
    const plan = planWrite([planned(dir, 'a.txt/x.txt', 'x')], [], guardOf(dir));
    expect(plan.changed.map((file) => file.previous)).toEqual([undefined]);
    const error = caught(() => applyWrite(plan));
    expect(error.message).toBe('Cannot write a.txt/x.txt: a folder on its path is a file (EEXIST); make its folder writable, or pass --out <a folder you can write to>. Nothing was changed.');
  });

  it('finds temp files of dead runs beside the outputs, and leaves those of live runs alone', () => {
    const dir = folder();
    const dead = '.b.txt.2147483646.0a1b2c3d.tmp';
    const live = `.b.txt.${process.ppid}.0a1b2c3d.tmp`;
    writeFileSync(join(dir, 'sub', dead), 'half');
    writeFileSync(join(dir, 'sub', live), 'busy');
    writeFileSync(join(dir, 'sub', '.notes.tmp'), 'not ours');
    const plan = planWrite([planned(dir, 'sub/b.txt', 'new b\n')], [], guardOf(dir));
    expect(plan.leftovers).toEqual([{ path: `sub/${dead}`, absolute: join(dir, 'sub', dead) }]);
    applyWrite(plan);
    expect(allFiles(dir)).toEqual(['a.txt', 'old/stale.txt', 'sub/.b.txt.' + process.ppid + '.0a1b2c3d.tmp', 'sub/.notes.tmp', 'sub/b.txt']);
  });
});

describe('applyWrite', () => {
  it('writes every change, removes stale outputs and their emptied folder, leaves no temp file', () => {
    const dir = folder();
    applyWrite(
      planWrite(
        [planned(dir, 'a.txt', 'old a\n'), planned(dir, 'sub/b.txt', 'new b\n'), planned(dir, 'new/deep/c.txt', 'c\n')],
        [{ path: 'old/stale.txt', absolute: join(dir, 'old/stale.txt'), sha256: sha256('stale\n') }],
      guardOf(dir),
      ),
    );
    expect(readTree(dir)).toEqual({ 'a.txt': 'old a\n', 'sub/b.txt': 'new b\n', 'new/deep/c.txt': 'c\n' });
    expect(existsSync(join(dir, 'old'))).toBe(false);
  });

  it('changes nothing when a temp file cannot be written: no temp, no new folder, stale outputs kept', () => {
    const dir = folder();
    const before = readTree(dir);
    const plan = planWrite(
      [planned(dir, 'sub/b.txt', 'new b\n'), planned(dir, 'made/deeper/c.txt', 'c\n'), planned(dir, 'a.txt/under-a-file.txt', 'x')],
      [{ path: 'old/stale.txt', absolute: join(dir, 'old/stale.txt'), sha256: sha256('stale\n') }],
      guardOf(dir),
    );
    const error = caught(() => applyWrite(plan));
    expect(error.partial).toBe(false);
    expect(error.path).toBe('a.txt/under-a-file.txt');
    expect(error.code).toBe('EEXIST');
    expect(readTree(dir)).toEqual(before);
    expect(allFiles(dir)).toEqual(Object.keys(before).sort());
    expect(existsSync(join(dir, 'made'))).toBe(false);
  });

  it('keeps stale outputs when a rename fails, and says which files were replaced (each whole)', () => {
    const dir = folder();
    mkdirSync(join(dir, 'blocked'));
    writeFileSync(join(dir, 'blocked/inside.txt'), 'a folder where a file should go');
    // planWrite would refuse to read a folder; a plan made by hand reaches the rename.
    const plan: WritePlan = {
      changed: [planned(dir, 'a.txt', 'new a\n'), planned(dir, 'blocked', 'x'), planned(dir, 'sub/b.txt', 'new b\n')],
      unchanged: [],
      removed: [{ path: 'old/stale.txt', absolute: join(dir, 'old/stale.txt'), previous: 'stale\n' }],
      leftovers: [],
      kept: [],
    };
    const error = caught(() => applyWrite(plan));
    expect(error.partial).toBe(true);
    expect(error.path).toBe('blocked');
    expect(error.message).toMatch(/^Cannot write blocked: .*Some files were replaced \(each one whole\); fix the cause and run again to finish\.$/);
    expect(readTree(dir)).toEqual({
      'a.txt': 'new a\n',
      'sub/b.txt': 'old b\n',
      'old/stale.txt': 'stale\n',
      'blocked/inside.txt': 'a folder where a file should go',
    });
  });

  it('puts a `last` file (the manifest) in place only after the stale outputs are gone', () => {
    const dir = folder();
    mkdirSync(join(dir, 'manifest'));
    writeFileSync(join(dir, 'manifest/x'), 'blocks the rename');
    const plan: WritePlan = {
      changed: [planned(dir, 'manifest', 'new manifest', true), planned(dir, 'a.txt', 'new a\n')],
      unchanged: [],
      removed: [{ path: 'old/stale.txt', absolute: join(dir, 'old/stale.txt'), previous: 'stale\n' }],
      leftovers: [],
      kept: [],
    };
    const error = caught(() => applyWrite(plan));
    expect(error.path).toBe('manifest');
    // a.txt (listed after it) was renamed first, then the stale file removed, then the manifest failed.
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('new a\n');
    expect(existsSync(join(dir, 'old/stale.txt'))).toBe(false);
    expect(allFiles(dir).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });
});

describe('applyWrite syncs a batch at once', () => {
  /** A real fs that logs every fsync, batch sync and rename, in order. */
  function recording(batch: ((paths: readonly string[]) => boolean) | undefined) {
    const log: string[] = [];
    const fs: WriterFs = {
      ...nodeFs,
      fsyncSync: (fd) => {
        log.push('fsync');
        nodeFs.fsyncSync(fd);
      },
      renameSync: (from, to) => {
        log.push('rename');
        nodeFs.renameSync(from, to);
      },
      ...(batch && {
        syncFileSystems: (paths: readonly string[]) => {
          // Every temp is whole on disk when the batch is synced.
          for (const path of paths) expect(readFileSync(path, 'utf8')).toMatch(/^new \d+$/);
          log.push(`sync ${paths.length}`);
          return batch(paths);
        },
      }),
    };
    return { log, fs };
  }
  const many = (dir: string, count: number) => Array.from({ length: count }, (_, index) => planned(dir, `m/f${index}.txt`, `new ${index}`));

  it(`syncs ${BATCH_SYNC_MIN} files and more once, before the first rename, with no fsync each`, () => {
    const dir = folder();
    const { log, fs } = recording(() => true);
    applyWrite(planWrite(many(dir, 12), [], guardOf(dir)), fs);
    expect(log).toEqual(['sync 12', ...Array(12).fill('rename')]);
    expect(readTree(dir)['m/f11.txt']).toBe('new 11');
  });

  it('fsyncs each file, still before any rename, when the batch sync fails', () => {
    const dir = folder();
    const { log, fs } = recording(() => false);
    applyWrite(planWrite(many(dir, 9), [], guardOf(dir)), fs);
    expect(log).toEqual(['sync 9', ...Array(9).fill('fsync'), ...Array(9).fill('rename')]);
  });

  it(`fsyncs each of fewer than ${BATCH_SYNC_MIN} files as it is written`, () => {
    const dir = folder();
    const { log, fs } = recording(() => true);
    applyWrite(planWrite(many(dir, BATCH_SYNC_MIN - 1), [], guardOf(dir)), fs);
    expect(log).toEqual([...Array(BATCH_SYNC_MIN - 1).fill('fsync'), ...Array(BATCH_SYNC_MIN - 1).fill('rename')]);
  });

  it.runIf(process.platform === 'linux')('on Linux, syncs the batch with `sync -f` (no fsync each) and writes every file', () => {
    const dir = folder();
    const { log, fs } = recording(undefined);
    applyWrite(planWrite(many(dir, 10), [], guardOf(dir)), fs);
    expect(log).toEqual(Array(10).fill('rename'));
    expect(Object.keys(readTree(dir)).filter((path) => path.startsWith('m/'))).toHaveLength(10);
  });
});
