/**
 * Child process of test/write/killed-write.test.ts: plans and applies one write with the
 * built writer (dist/), counting every call that changes the disk, and SIGKILLs itself
 * just before call number `KILL_AT` (none when unset). Prints the count when it finishes.
 * Argument: a JSON job { root, planned: PlannedFile[], earlier: EarlierOutput[] }.
 */
import * as nodeFs from 'node:fs';
import { readFileSync } from 'node:fs';
import { applyWrite, planWrite } from '../../dist/write/write-files.js';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const killAt = process.env.KILL_AT === undefined ? Infinity : Number(process.env.KILL_AT);
let calls = 0;
const counted = (name) => (...args) => {
  calls++;
  if (calls === killAt) process.kill(process.pid, 'SIGKILL');
  return nodeFs[name](...args);
};
const fs = { ...nodeFs };
for (const name of ['openSync', 'writeSync', 'fsyncSync', 'closeSync', 'renameSync', 'rmSync', 'rmdirSync', 'mkdirSync']) fs[name] = counted(name);
if (process.env.NO_BATCH_SYNC === '1') fs.syncFileSystems = () => false;

const guard = { root: job.root, protected: [], display: (absolute) => absolute.slice(job.root.length + 1) };
applyWrite(planWrite(job.planned, job.earlier, guard), fs);
console.log(String(calls));
