#!/usr/bin/env node
// Runs parseDoc (dist/, build first) over every page of a doc tree and prints counts:
// pages, pages with an endpoint, with a rate limit, with an error table, error rows, and the
// pages with no error table or with diagnostics. Usage: node scripts/scan-pages.mjs <doc-tree> [--list]
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VFile } from 'vfile';
import { parseDoc } from '../dist/parse/parse-doc.js';
import { notErrorCodes } from '../dist/parse/code-table.js';
import { mapColumns } from '../dist/normalize/headers.js';
import { isCodeCell } from '../dist/normalize/codes.js';

/** The tables the reader takes as error tables, and those whose code-named column is not error codes. */
function classifyTables(tables) {
  const errorTables = [];
  const otherCodeTables = [];
  for (const table of tables) {
    const headers = table.header.map((cell) => cell.text);
    const body = table.rows.map((row) => row.cells.map((cell) => cell.text));
    const columns = mapColumns(headers, body, isCodeCell);
    if (columns.fields.code === undefined) continue;
    if (notErrorCodes(headers, columns.fields.code, body, isCodeCell) === undefined) errorTables.push(table);
    else otherCodeTables.push(table);
  }
  return { errorTables, otherCodeTables };
}

const [root, ...flags] = process.argv.slice(2);
if (!root) {
  console.error('usage: node scripts/scan-pages.mjs <doc-tree> [--list]');
  process.exit(2);
}
const list = flags.includes('--list');

function* pages(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* pages(path);
    else if (entry.name.endsWith('.md') && !(dir === root && entry.name === 'README.md')) yield path;
  }
}

const counts = { pages: 0, endpoint: 0, rateLimit: 0, errorTables: 0, pagesWithErrors: 0, rows: 0, noErrorTable: 0, notErrorTables: 0, diagnostics: 0 };
const byRule = new Map();
const noTable = [];
for (const path of pages(root)) {
  counts.pages++;
  const file = new VFile({ path: relative(root, path), value: readFileSync(path, 'utf8') });
  const doc = parseDoc(file);
  if (doc.endpoint) counts.endpoint++;
  if (doc.rateLimit) counts.rateLimit++;
  const { errorTables, otherCodeTables } = classifyTables(doc.tables);
  if (errorTables.length > 0) counts.pagesWithErrors++;
  else noTable.push(file.path);
  counts.errorTables += errorTables.length;
  counts.notErrorTables += otherCodeTables.length;
  for (const table of errorTables) counts.rows += table.rows.length;
  for (const message of file.messages) {
    counts.diagnostics++;
    byRule.set(message.ruleId, (byRule.get(message.ruleId) ?? 0) + 1);
    if (list) console.log(`${file.path}:${message.line}: ${message.reason}`);
  }
}
counts.noErrorTable = noTable.length;
if (list) for (const path of noTable) console.log(`no error table: ${path}`);
console.log(JSON.stringify(counts));
console.log(JSON.stringify(Object.fromEntries([...byRule].sort())));
