// Preloaded with `node --import` where GNU time is missing: writes the process's peak RSS
// (bytes) to $BENCH_RSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

const target = process.env['BENCH_RSS_FILE'];
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
