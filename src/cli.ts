#!/usr/bin/env node
// The `feishu-errcodes` bin: runs the CLI (src/cli/main.ts) in this process, with its streams.
import { main } from './cli/main.js';

/**
 * `generate | head -1`: the reader is gone. What is left to print goes nowhere, and the run
 * ends with its own exit code (a write error is not drift, nor a crash).
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
process.exitCode = await main(process.argv.slice(2));
