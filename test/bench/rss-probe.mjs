// Preloaded with `node --import` where GNU time is missing: writes the process's peak RSS
// (bytes) and its user and system CPU seconds to $BENCH_RSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

const target = process.env['BENCH_RSS_FILE'];
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, `${usage.maxRSS * 1024} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}`);
  });
}
