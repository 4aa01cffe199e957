/**
 * Synthetic seed docs with the real layout of a Feishu error-code page: front matter,
 * the `最后更新于` line, headings, an intro paragraph, and the 4-column
 * `code | message | 说明 | 排查建议` table with what real pages carry: known typos
 * (`exsit`), `==标记==` noise cells past the header, inline code, bold, links, `<br>`.
 * Deterministic: the same arguments always give the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SUBJECTS = [
  'Talent', 'Application', 'Job', 'Resume source', 'Interview', 'Offer', 'Employee', 'Department', 'Cost center',
  'Chat', 'Message', 'Document', 'Sheet', 'Bitable record', 'Calendar event', 'Meeting room', 'Approval instance',
  'Task', 'Wiki node', 'Folder', 'File', 'Attachment', 'User', 'Tenant', 'App', 'Bot', 'Card', 'Template', 'Field',
  'View', 'Comment', 'Reply', 'Reaction', 'Pin', 'Member', 'Group', 'Role', 'Permission', 'Token', 'Webhook',
  'Location', 'Stage', 'Process', 'Project', 'Request', 'Import task', 'Export task', 'Contract', 'Position', 'Shift',
  'Leave request', 'Attendance record', 'Payroll item', 'Invoice', 'Vendor', 'Workflow', 'Node', 'Space', 'Tag', 'Label',
];
const PREDICATES = [
  'not exist', 'does not exist', 'already exists', 'is invalid', 'is locked by others', 'has been deleted',
  'has been archived', 'is too long', 'is empty', 'update failed', 'create failed', 'delete failed', 'is duplicated',
  'permission denied', 'is disabled', 'has expired', 'is not editable', 'count exceeds the limit', 'type mismatch',
  'status conflict', 'is frozen', 'is not published', 'version conflict', 'owner mismatch', 'is read only',
  'is being processed', 'format is wrong', 'size exceeds the limit', 'is not visible', 'is in recycle bin',
  'has no access', 'is out of range', 'cannot be moved', 'cannot be copied', 'is not supported', 'sync failed',
  'transfer failed', 'is required', 'is referenced', 'quota exceeded',
];
const CONTEXTS = [
  '', 'in this tenant', 'for this app', 'in the target folder', 'for the current user', 'in draft state',
  'after approval', 'during import', 'during export', 'in the recycle bin', 'for external users', 'in the trial plan',
  'on mobile', 'on desktop', 'in the meeting', 'for the bot', 'in the group', 'in the space', 'in the workflow',
  'for the department', 'in the calendar', 'for the role', 'in the template', 'in the view', 'for the field',
  'in the sheet', 'in the record', 'for the token', 'for the webhook', 'in the card', 'for the vendor',
  'for the invoice', 'in the project', 'for the contract', 'for the position', 'in the shift', 'for the payroll',
  'for the stage', 'in the process', 'for the interview', 'for the offer', 'for the employee', 'in the chat',
  'for the message', 'in the document', 'for the attachment', 'for the tag', 'for the label', 'in the node', 'in the space tree',
];
const ZH = ['不存在', '已存在', '无效', '已被锁定', '已删除', '已归档', '超过长度限制', '为空', '更新失败', '创建失败', '删除失败', '重复', '无权限', '已停用', '已过期'];
const HINTS = ['检查 ID 是否正确', '检查调用逻辑', '稍后重试', '联系管理员开通权限', '检查参数是否按照要求传入', '确认资源未被删除', '缩短内容后重试', '联系客服处理'];

/** The message of row `index`: unique for the first SUBJECTS × PREDICATES × CONTEXTS rows. */
export function messageOf(index) {
  const subject = SUBJECTS[index % SUBJECTS.length];
  const predicate = PREDICATES[Math.floor(index / SUBJECTS.length) % PREDICATES.length];
  const context = CONTEXTS[Math.floor(index / (SUBJECTS.length * PREDICATES.length)) % CONTEXTS.length];
  return [subject, predicate, context].filter(Boolean).join(' ');
}

/** One table row as Feishu writes it, with the page's irregularities sprinkled in. */
function row(code, index) {
  let message = messageOf(index);
  if (index % 50 === 7) message = message.replace(/\bexist\b/, 'exsit').replace(/\bexists\b/, 'exsits');
  if (index % 61 === 3) message = message.replace(/\bsupported\b|\binvalid\b/, (word) => (word === 'invalid' ? 'invaild' : word));
  let description = `${SUBJECTS[index % SUBJECTS.length]}${ZH[index % ZH.length]}`;
  if (index % 29 === 11) description = `**${description}**`;
  let hint = HINTS[index % HINTS.length];
  if (index % 20 === 5) hint = `检查 \`${SUBJECTS[index % SUBJECTS.length].toLowerCase().replace(/ /g, '_')}_id\` 是否正确`;
  if (index % 97 === 13) hint = `${hint}，参考[开发文档](https://open.feishu.cn/document/server-docs/error-${code})`;
  if (index % 83 === 17) hint = `${hint}<br>如仍失败请联系技术支持`;
  const noise = index % 200 === 99 ? '==标记==' : '';
  const pad = index % 3 === 0 ? ' '.repeat(10 - String(code).length + 1) : ' ';
  return `| ${code}${pad}| ${message}|${description}|${hint}|${noise}`;
}

/**
 * A doc with `rows` error rows under `sections` headings (rows split evenly), codes from
 * `firstCode` upwards.
 */
export function makeDoc({ id, rows, firstCode, sections = 1 }) {
  const lines = [
    '---',
    `title: "${id} 错误码"`,
    `source_url: https://open.feishu.cn/document/server-docs/${id}/error_code`,
    '---',
    '最后更新于 2024-03-18',
    '',
    `# ${id} 错误码`,
    '',
    '调用接口时，如果返回的 `code` 不为 0，说明请求失败，可参考下表排查。',
    '',
  ];
  const perSection = Math.ceil(rows / sections);
  let index = 0;
  for (let section = 0; section < sections && index < rows; section++) {
    if (sections > 1) lines.push(`## ${['通用错误码', '业务错误码', '权限错误码', '限流错误码'][section % 4]} ${section + 1}`, '');
    lines.push('|code|message|说明|排查建议|', '|--|--|--|--|');
    const end = Math.min(rows, index + perSection);
    for (; index < end; index++) lines.push(row(firstCode + index, index));
    lines.push('');
  }
  lines.push('## 更多', '', '其他错误码请参考[通用错误码](https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code)。', '');
  return lines.join('\n');
}

/** Writes `docs` seed files of `rowsPerDoc` rows each into `<dir>/seeds`; returns the row count. */
export function writeCorpus(dir, { docs, rowsPerDoc, sections = 1 }) {
  const seeds = join(dir, 'seeds');
  mkdirSync(seeds, { recursive: true });
  for (let doc = 0; doc < docs; doc++) {
    const id = docs === 1 ? 'large-v1' : `bench-${String(doc).padStart(3, '0')}-v1`;
    // Each doc gets its own code block and its own slice of messages, as real modules do.
    const text = makeDoc({ id, rows: rowsPerDoc, firstCode: 1_000_000 + doc * 10_000, sections });
    writeFileSync(join(seeds, `${id}.md`), text);
  }
  return docs * rowsPerDoc;
}
