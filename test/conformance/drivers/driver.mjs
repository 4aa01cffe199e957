// The TypeScript runtime's conformance driver: reads every case of the file named by its
// argument (see conformance.test.ts) and prints one JSON line per case and variant, through
// toFeishuError with bytes, with text, and with fetch's Response and Headers.
import { readFileSync } from 'node:fs';
import { toFeishuError } from './feishu-error.js';

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const fromB64 = (text) => Buffer.from(text, 'base64').toString('utf8');

function answer(error) {
  if (error === undefined) return { isError: false };
  return {
    isError: true,
    code: error.code,
    msg: error.msg,
    httpStatus: error.httpStatus ?? null,
    category: error.category,
    retryable: error.retryable,
    retry: error.retry,
    retryAfterSeconds: error.retryAfterSeconds ?? null,
    module: error.known?.module ?? null,
    known: error.known !== undefined,
    logId: error.logId ?? null,
    helpUrls: [...error.helpUrls],
    permissionViolations: error.permissionViolations.length,
    fieldViolations: error.fieldViolations.length,
    subCode: error.subCode ?? null,
    subCodeName: error.knownSubCode?.name ?? null,
  };
}

const out = [];
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (line === '') continue;
  const [index, statusText, moduleText, headerText, bytesText, textText, endpointText] = line.split('\t');
  const endpoint = endpointText === '-' ? undefined : (([method, url]) => ({ method: fromB64(method), url: fromB64(url) }))(endpointText.split(':'));
  const status = statusText === '' ? undefined : Number(statusText);
  const module = moduleText === '-' ? undefined : fromB64(moduleText);
  const pairs = headerText === '' ? [] : headerText.split(',').map((pair) => pair.split(':').map(fromB64));
  const bytes = new Uint8Array(Buffer.from(bytesText, 'base64'));
  const text = textText === '=' ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) : Buffer.from(textText, 'base64').toString('utf16le');
  // A plain record, as Node and axios give headers: a repeated name is a list.
  const record = {};
  for (const [name, value] of pairs) {
    const before = record[name];
    record[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  const init = { status, headers: record, module, endpoint };
  const print = (variant, error) => out.push(JSON.stringify({ case: Number(index), variant, answer: answer(error) }));
  print('bytes', toFeishuError(bytes, init));
  print('text', toFeishuError(text, init));
  let headers;
  try {
    headers = new Headers();
    for (const [name, value] of pairs) headers.append(name, value);
  } catch {
    continue; // a value fetch refuses (a character above U+00FF): no fetch variant
  }
  if (status !== undefined && status >= 200 && status <= 599 && !NULL_BODY_STATUSES.has(status)) {
    const response = new Response(bytes, { status, headers });
    const body = new Uint8Array(await response.arrayBuffer());
    print('fetch', toFeishuError(body, { status: response.status, headers: response.headers, module, endpoint }));
  } else {
    print('fetch', toFeishuError(bytes, { status, headers, module, endpoint }));
  }
}
process.stdout.write(out.join('\n') + '\n');
