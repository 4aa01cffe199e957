#!/usr/bin/env node
/**
 * The `feishu-errcodes` binary. Checks the Node.js version before anything else loads:
 * on an older Node the dependencies fail with errors that say nothing about the cause.
 * Kept free of syntax and imports a much older Node would choke on.
 */
import { nodeVersionProblem } from './node-version.js';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== undefined) {
  process.stderr.write(`feishu-errcodes: ${problem}\n`);
  process.exitCode = 1;
} else {
  await import('./cli.js');
}
