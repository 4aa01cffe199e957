// Extracts the API Explorer's (method, path, code, httpCode) triples into one TSV, the
// fixture of the cross-check test (test/api-explorer.test.ts). Usage:
//   node scripts/extract-api-explorer.mjs <folder of *.yaml> > test/fixtures/api-explorer/triples.tsv
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node scripts/extract-api-explorer.mjs <folder of the API Explorer *.yaml documents>');
  process.exit(2);
}
const rows = new Set();
for (const name of readdirSync(folder).filter((file) => file.endsWith('.yaml')).sort()) {
  const doc = parse(readFileSync(join(folder, name), 'utf8'));
  for (const [path, item] of Object.entries(doc?.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      const mappings = operation?.['x-lark-error-mappings'];
      if (!Array.isArray(mappings)) continue;
      // `{param}` → `:param`, the doc pages' spelling.
      const template = path.replace(/\{([^}/]+)\}/g, ':$1');
      for (const mapping of mappings) {
        if (!Number.isInteger(mapping?.code)) continue;
        rows.add([method.toUpperCase(), template, mapping.code, Number.isInteger(mapping.httpCode) ? mapping.httpCode : ''].join('\t'));
      }
    }
  }
}
process.stdout.write(['method\tpath\tcode\thttpStatus', ...[...rows].sort()].join('\n') + '\n');
