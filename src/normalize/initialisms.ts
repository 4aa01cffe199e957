/**
 * Go's initialisms (the list of golint / staticcheck ST1003): in Go output a word of a
 * member name that is one of them is written in capitals, `AppIdUnauthorized` →
 * `AppIDUnauthorized`, `RedirectUrl` → `RedirectURL`, `OpenIds` → `OpenIDs`.
 */
export const GO_INITIALISMS: ReadonlySet<string> = new Set([
  'ACL', 'API', 'ASCII', 'CPU', 'CSS', 'DNS', 'EOF', 'GUID', 'HTML', 'HTTP', 'HTTPS', 'ID', 'IP', 'JSON', 'LHS', 'QPS',
  'RAM', 'RHS', 'RPC', 'SLA', 'SMTP', 'SQL', 'SSH', 'TCP', 'TLS', 'TTL', 'UDP', 'UI', 'UID', 'URI', 'URL', 'UTF8', 'UUID',
  'VM', 'XML', 'XMPP', 'XSRF', 'XSS',
]);

/**
 * Upper-case words kept upper-case in a name when the doc writes them so: Go's initialisms
 * and Feishu's own (`OKR`, `EHR`, `ISV`). Any other all-caps word is a shout or a word of a
 * SCREAMING_SNAKE name (`NOT`, `OUT_OF_LIMIT`) and becomes `Not`, `OutOfLimit`.
 */
export const KEPT_INITIALISMS: ReadonlySet<string> = new Set([
  ...GO_INITIALISMS,
  'CSV', 'EHR', 'HR', 'IDS', 'IM', 'ISV', 'OKR', 'P2P', 'PDF', 'SDK', 'SMS', 'SSO',
]);
