#!/usr/bin/env node
// Builds the shipped snapshot (snapshot/) from a doc tree of Feishu's Server API pages
// (../shared/feishu-server-docs): per page, its relative path, front matter (title, fullPath,
// updateTime, and source_url = https://open.feishu.cn/document + fullPath), its title heading,
// the request table's HTTP URL / HTTP Method / 接口频率限制 rows, and every section that holds
// an error table (from its heading to the next heading: the tables parseDoc reads as error
// tables, their sub-code sections and the rows written after a callout). Everything else is cut.
// A page past a parse limit is kept whole (its refusal must stay the same).
// Usage: npm run build && node scripts/build-snapshot.mjs <doc-tree> <out>
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import { parseDoc } from '../dist/parse/parse-doc.js';
import { findRequestRows } from '../dist/parse/endpoint.js';
import { notErrorCodes } from '../dist/parse/code-table.js';
import { mapColumns } from '../dist/normalize/headers.js';
import { isCodeCell } from '../dist/normalize/codes.js';

const DOC_SITE = 'https://open.feishu.cn/document';

const [root, out] = process.argv.slice(2);
if (!root || !out) {
  console.error('usage: node scripts/build-snapshot.mjs <doc-tree> <out>');
  process.exit(2);
}

function* pages(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* pages(path);
    else if (entry.name.endsWith('.md') && !(dir === root && entry.name === 'README.md')) yield path;
  }
}

/** Whether parseDoc's reader (rows.ts) takes the table as an error table. */
function isErrorTable(table) {
  const headers = table.header.map((cell) => cell.text);
  const body = table.rows.map((row) => row.cells.map((cell) => cell.text));
  const columns = mapColumns(headers, body, isCodeCell);
  return columns.fields.code !== undefined && notErrorCodes(headers, columns.fields.code, body, isCodeCell) === undefined;
}

/** 1-based lines of the ATX headings outside fenced code, and where the front matter ends. */
function outline(lines) {
  const headings = [];
  let fence;
  let frontMatterEnd = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
    if (close !== -1) frontMatterEnd = close + 1;
  }
  for (let index = frontMatterEnd; index < lines.length; index++) {
    const line = lines[index];
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length && line.trim() === open[1]) fence = undefined;
      continue;
    }
    if (open) fence = open[1];
    else if (/^ {0,3}#{1,6}(?:[ \t]|$)/.test(line)) headings.push(index + 1);
  }
  return { headings, frontMatterEnd };
}

/** A YAML double-quoted scalar. */
const quoted = (text) => JSON.stringify(String(text));

function cut(path, text) {
  const lines = text.split('\n');
  const file = new VFile({ path, value: text });
  const doc = parseDoc(file);
  const { headings, frontMatterEnd } = outline(lines);
  let data = {};
  try {
    data = frontMatterEnd > 0 ? (parseYaml(lines.slice(1, frontMatterEnd - 1).join('\n')) ?? {}) : {};
  } catch {
    data = {};
  }
  const front = ['---'];
  for (const key of ['title', 'fullPath', 'updateTime']) if (typeof data[key] === 'string' || typeof data[key] === 'number') front.push(`${key}: ${quoted(data[key])}`);
  if (typeof data.fullPath === 'string' && data.fullPath.startsWith('/')) front.push(`source_url: ${quoted(DOC_SITE + data.fullPath)}`);
  if (typeof data.endpoint === 'string') front.push(`endpoint: ${quoted(data.endpoint)}`);
  front.push('---');
  if (doc.stopped) return { text: [...front, ...lines.slice(frontMatterEnd)].join('\n'), errorTables: 0, rows: 0 };

  const keep = new Set();
  const title = headings[0];
  if (title !== undefined) keep.add(title);
  const request = findRequestRows(doc.tables);
  if (request?.url) {
    const table = doc.tables.find((candidate) => [...candidate.header, ...candidate.rows.flatMap((row) => row.cells)].includes(request.url));
    keep.add(table.start.line);
    keep.add(table.start.line + 1);
    for (const cell of [request.url, request.method, request.rate]) if (cell) keep.add(cell.start.line);
  }
  let errorTables = 0;
  let rows = 0;
  for (const table of doc.tables) {
    if (!isErrorTable(table)) continue;
    errorTables++;
    rows += table.rows.length;
    const line = table.start.line;
    const from = [...headings].reverse().find((heading) => heading <= line) ?? line;
    const to = headings.find((heading) => heading > line) ?? lines.length + 1;
    for (let at = from; at < to; at++) keep.add(at);
  }
  const body = [];
  let previous = 0;
  for (const line of [...keep].sort((a, b) => a - b)) {
    if (previous !== 0 && line !== previous + 1) body.push('');
    body.push(lines[line - 1]);
    previous = line;
  }
  while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
  return { text: [...front, '', ...body, ''].join('\n'), errorTables, rows };
}

rmSync(out, { recursive: true, force: true });
const counts = { pages: 0, errorPages: 0, errorTables: 0, rows: 0, bytesIn: 0, bytesOut: 0 };
for (const path of pages(root)) {
  const relativePath = relative(root, path).split(sep).join('/');
  const text = readFileSync(path, 'utf8');
  const result = cut(relativePath, text);
  const target = join(out, relativePath);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, result.text);
  counts.pages++;
  if (result.errorTables > 0) counts.errorPages++;
  counts.errorTables += result.errorTables;
  counts.rows += result.rows;
  counts.bytesIn += statSync(path).size;
  counts.bytesOut += Buffer.byteLength(result.text);
}
writeFileSync(join(out, 'README.md'), `# Feishu Server API pages, cut for feishu-errcodes

Built by \`scripts/build-snapshot.mjs\` from a snapshot of Feishu Open Platform's Server API
documentation (the open-source mirror riba2534/feishu-open-docs at commit 3ab55df, MIT for its
own work; the documentation text is Feishu's). Each page keeps its front matter (title,
fullPath, updateTime, and \`source_url\` so \`sync\` can refresh it), its title, its request
table's HTTP URL, HTTP Method and 接口频率限制 rows and its error sections; the rest is cut.
\`feishu-errcodes init --module <id>\` copies a module's pages into \`seeds/<id>/\`.
`);
console.log(JSON.stringify(counts));
