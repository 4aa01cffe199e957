#!/usr/bin/env node
// The `feishu-errcodes` bin: runs the CLI (src/cli/main.ts) in this process, with its streams.
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2));
