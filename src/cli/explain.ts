import { Option, type Command } from 'commander';
import type { ExplainedEntry, ExplainResult } from '../explain.js';
import type { PlatformVerdict } from '../explain.js';
import { cliIo, addCommonOptions, locateProject, out, projectOptions, type CommonFlags, type SetExit } from './common.js';

async function runExplain(args: string[], given: CommonFlags & { format?: string; endpoint?: string }, cwd: string): Promise<number> {
  const { explain } = await import('../explain.js');
  const located = locateProject(given, cwd);
  const result = explain(args, { ...projectOptions(located.flags, located), ...(given.endpoint !== undefined && { endpoint: given.endpoint }) });
  out(given.format === 'json' ? JSON.stringify(result, null, 2) : renderText(result));
  return result.codes.every((item) => item.entries.length > 0 || item.platform !== undefined) ? 0 : 1;
}

/** Labels and the order fields are shown in; texts in other languages follow as `message (en)`. */
const TEXT_FIELDS = ['message', 'description', 'suggestion'] as const;

function renderText(result: ExplainResult): string {
  const where = result.source === '' ? 'this project (nothing generated, no seeds)' : result.source;
  const blocks = result.codes.map((item) =>
    item.entries.length > 0
      ? item.entries.map((found) => renderEntry(found, result.endpoint)).join('\n\n')
      : item.platform !== undefined
        ? renderPlatform(item.code, item.platform, where)
        : `${item.code}: no module in ${where} lists this code (Feishu returns codes no doc lists; log it with its log_id)`,
  );
  // What support asks for, from the pasted body: shown as given, never as terminal controls.
  const support: string[] = [];
  if (result.logId !== undefined) support.push(`log_id:         ${printable(result.logId, false)}`);
  if (result.troubleshooter !== undefined) support.push(`troubleshooter: ${printable(result.troubleshooter, false)}`);
  return [...blocks, ...(support.length > 0 ? [support.join('\n')] : [])].join('\n\n');
}

/** A platform-wide code no module lists: the verdict that ships with feishu-errcodes. */
function renderPlatform(code: number, platform: PlatformVerdict, where: string): string {
  const retryable = platform.retryable ? 'retryable' : platform.retry === 'never' ? 'not retryable' : 'not retryable unchanged';
  return [
    `${code}: a Feishu platform code; no module in ${where} lists it`,
    `  category: ${platform.category}, ${retryable} (from curated)`,
    `  retry:    ${platform.retry}`,
    `  why:      ${printable(platform.reason, false)}`,
    '  doc:      https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code',
  ].join('\n');
}

function renderEntry(found: ExplainedEntry, endpoint?: ExplainResult['endpoint']): string {
  // With --endpoint, the endpoint's own meaning is shown where it has one.
  const entry = found.atEndpoint?.differs ? { ...found.entry, ...found.atEndpoint.meaning, categorySource: undefined, variants: undefined } : found.entry;
  const rows: [string, string][] = [];
  if (endpoint !== undefined) {
    const asked = `${endpoint.method ?? '(any method)'} ${endpoint.path}`;
    rows.push([
      'endpoint',
      found.atEndpoint === undefined
        ? `${asked}: not an endpoint of this module; the module-level meaning below applies`
        : `${found.atEndpoint.method} ${found.atEndpoint.path}: ${found.atEndpoint.differs ? 'its own meaning (differs from the module-level one)' : 'the module-level meaning'}`,
    ]);
    const others = (found.otherEndpoints ?? []).filter((other) => found.atEndpoint === undefined || other !== `${found.atEndpoint.method} ${found.atEndpoint.path}`);
    if (others.length > 0) rows.push(['other endpoints', `${others.length} differ: ${others.slice(0, 10).join(', ')}${others.length > 10 ? ', …' : ''}`]);
  }
  if (found.subCode !== undefined) {
    const sub = found.subCode;
    rows.push(['sub-code', `${String(sub['subCode'])} ${String(sub['name'])}: ${String(sub['message'])}`]);
    if (typeof sub['category'] === 'string') rows.push(['sub-code verdict', `${sub['category']}, ${sub['retryable'] === true ? 'retryable' : 'not retryable'}, retry ${String(sub['retry'])}`]);
  }
  for (const field of TEXT_FIELDS) if (typeof entry[field] === 'string' && entry[field] !== '') rows.push([field, entry[field]]);
  const translations = (entry['translations'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const lang of Object.keys(translations).sort()) {
    for (const field of TEXT_FIELDS) {
      const text = translations[lang]?.[field];
      if (typeof text === 'string' && text !== '') rows.push([`${field} (${lang})`, text]);
    }
  }
  if (typeof entry['section'] === 'string') rows.push(['section', entry['section']]);
  if (typeof entry['httpStatus'] === 'number') rows.push(['HTTP status', String(entry['httpStatus'])]);
  if (typeof entry['category'] === 'string') {
    const retry = entry['retryable'] === true ? 'retryable' : entry['retryable'] === false ? (entry['retry'] === undefined || entry['retry'] === 'never' ? 'not retryable' : 'not retryable unchanged') : undefined;
    const source = typeof entry['categorySource'] === 'string' ? ` (from ${entry['categorySource']})` : '';
    rows.push(['category', `${entry['category']}${retry ? `, ${retry}` : ''}${source}`]);
  }
  if (typeof entry['retry'] === 'string') rows.push(['retry', entry['retry']]);
  if (entry['deprecated'] === true) rows.push(['deprecated', 'gone from the doc; kept by the name lock']);
  const variants = Array.isArray(entry['variants']) ? (entry['variants'] as { message?: unknown }[]) : [];
  for (const variant of variants) if (typeof variant.message === 'string') rows.push(['also listed as', variant.message]);
  const links = Array.isArray(entry['links']) ? (entry['links'] as { text?: unknown; url?: unknown }[]) : [];
  // A generated JSON is a file anyone can edit: only http(s) links are shown.
  for (const link of links) if (isHttpUrl(link.url)) rows.push(['link', `${typeof link.text === 'string' ? `${link.text} ` : ''}${link.url}`]);
  if (isHttpUrl(found.sourceUrl)) rows.push(['doc', found.sourceUrl]);

  const width = Math.max(...rows.map(([label]) => printable(label, false).length)) + 1;
  const name = found.typeName !== undefined ? `${found.typeName}.${entry.name}` : entry.name;
  const lines = [`${entry.code} in ${printable(found.module, false)}: ${printable(name, false)}`];
  for (const [label, text] of rows) {
    const [first = '', ...rest] = printable(text, true).split('\n');
    lines.push(`  ${`${printable(label, false)}:`.padEnd(width)} ${first}`);
    for (const line of rest) lines.push(`  ${''.padEnd(width)} ${line}`);
  }
  return lines.join('\n');
}

/**
 * Every field from a generated JSON (texts, module, names, language labels) must not drive
 * the terminal: controls, invisible and bidi characters are shown as \uXXXX; a line break
 * is kept only in multi-line texts.
 */
function printable(text: unknown, multiline: boolean): string {
  const unsafe = multiline ? UNSAFE_IN_TERMINAL : UNSAFE_ON_ONE_LINE;
  return String(text).replace(unsafe, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
const UNSAFE_ON_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;
const UNSAFE_IN_TERMINAL = new RegExp(UNSAFE_ON_ONE_LINE.source.replace('\\u0000-\\u001F', '\\u0000-\\u0009\\u000B-\\u001F'), 'g');

function isHttpUrl(url: unknown): url is string {
  return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url);
}

export function registerExplain(program: Command, setExit: SetExit): void {
  addCommonOptions(
    program
      .command('explain')
      .argument('<code...>', 'error codes, or a pasted Feishu error body or log line that holds one')
      .description('what every module says of an error code: name, texts, HTTP status, doc link (exit 1 when no module lists it)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('--endpoint <endpoint>', 'the meaning on this endpoint: METHOD /path or a URL'),
  )
    .addHelpText(
      'after',
      `
Reads <out>/json/*.json (generated/json), or the seeds when nothing is generated yet.

Examples:
  $ feishu-errcodes explain 1002108
  $ feishu-errcodes explain '{"code":1002108,"msg":"Resume source does not exist"}'
  $ feishu-errcodes explain 'request failed: code=1002108 log_id=20231102abcdef'
  $ feishu-errcodes explain 1160001 --endpoint "POST /open-apis/corehr/v1/employees"
  $ feishu-errcodes explain '{"code":230099,"msg":"Failed to create card content, ext=ErrCode: 200380; ErrMsg: template does not exist"}'`,
    )
    .action(async (args: string[], flags) => setExit(await runExplain(args, flags, cliIo().cwd)));
}
