#!/usr/bin/env node
// Parses every page of snapshot/ with parseDoc from dist/ and prints the CPU it took.
// Usage: npm run build && node scripts/parse-bench.mjs [rounds]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { parseDoc } from '../dist/parse/parse-doc.js';

const root = fileURLToPath(new URL('../snapshot/', import.meta.url));
const pages = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.md') && dir !== root) pages.push({ path: relative(root, path), value: readFileSync(path, 'utf8') });
  }
};
walk(root);
const rounds = Number(process.argv[2] ?? 1);
const before = process.cpuUsage();
let tables = 0;
for (let round = 0; round < rounds; round++) {
  for (const page of pages) tables += parseDoc(new VFile({ path: page.path, value: page.value })).tables.length;
}
const used = process.cpuUsage(before);
console.log(`${pages.length} pages × ${rounds}: ${tables} tables; parse CPU ${((used.user + used.system) / 1e6).toFixed(2)} s (user ${(used.user / 1e6).toFixed(2)}, sys ${(used.system / 1e6).toFixed(2)})`);
