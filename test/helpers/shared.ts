/**
 * Work done once per `vitest run` and shared by every test file that only reads it: a
 * generated tree, and a tool's verdict on it (javac, …). The first worker that asks does
 * the work while holding a lock folder; the others wait for its result, which lands in the
 * run's shared folder (test/setup/global.ts provides it, removed with the run's temp root).
 * A result is JSON: the work must return data, not handles. A failure is shared as well:
 * every file that asks gets the same error.
 */
import { mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { tempDir } from './tools.js';

/** How long a worker waits for another's work (javac on a busy 2-core machine is slow). */
const WAIT_MS = 15 * 60_000;
const POLL_MS = 50;

let fallback: string | undefined;

/** The run's shared folder; a folder of this worker's own when no global setup provided one. */
export function sharedDir(): string {
  const provided = inject('sharedDir') as string | undefined;
  if (provided) return provided;
  fallback ??= tempDir('feishu-errcodes-shared-');
  return fallback;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** `make()`'s result, computed by one worker of the run and read by all. `key` names the work (a file name). */
export function once<T>(key: string, make: () => T): T {
  if (!/^[a-z0-9-]+$/.test(key)) throw new Error(`once: ${key} is not a plain name`);
  const dir = sharedDir();
  const result = join(dir, `${key}.json`);
  const lock = join(dir, `${key}.lock`);
  const read = (): { value: T } | undefined => {
    let text: string;
    try {
      text = readFileSync(result, 'utf8');
    } catch {
      return undefined;
    }
    const data = JSON.parse(text) as { value: T; error?: string };
    if (data.error !== undefined) throw new Error(`shared work ${key} failed in another test file: ${data.error}`);
    return data;
  };
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const done = read();
    if (done !== undefined) return done.value;
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error(`shared work ${key}: waited ${WAIT_MS / 1000} s for another worker`);
      sleep(POLL_MS);
      continue;
    }
    let data: { value?: T; error?: string };
    try {
      data = { value: make() };
    } catch (error) {
      data = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    const temp = `${result}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, result);
    rmdirSync(lock);
    return read()!.value;
  }
}
