/**
 * Proxy support. Node 20's built-in fetch ignores HTTPS_PROXY / HTTP_PROXY; undici (the
 * library that fetch is built from, with no dependencies of its own) reads them, and
 * NO_PROXY, in its EnvHttpProxyAgent, which fetch accepts as its `dispatcher`. It is
 * loaded only when a proxy variable is set.
 */
import type { Dispatcher } from 'undici';
import { UserError } from '../project.js';

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const;

export interface ProxySetting {
  /** The variable the proxy came from, for the log. */
  readonly variable: string;
  readonly dispatcher: Dispatcher;
  close(): Promise<void>;
}

/** The proxy dispatcher when the environment names a proxy; undefined otherwise. */
export async function proxyFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<ProxySetting | undefined> {
  const variable = PROXY_VARIABLES.find((name) => (env[name] ?? '') !== '');
  if (variable === undefined) return undefined;
  for (const name of PROXY_VARIABLES) {
    const value = env[name];
    if (value && !isProxyUrl(value)) {
      throw new UserError(`${name}=${value} is not a proxy URL; set it like http://proxy.example.com:8080, or unset it`);
    }
  }
  const { EnvHttpProxyAgent } = await import('undici');
  // The agent warns once that it is "experimental"; that says nothing to a user of this CLI.
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const code = (rest[0] as { code?: string } | undefined)?.code;
    if (code !== 'UNDICI-EHPA') (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  let agent: InstanceType<typeof EnvHttpProxyAgent>;
  try {
    // Read from `env` (not the agent's default, process.env), so callers and tests can pass their own.
    agent = new EnvHttpProxyAgent({
      httpProxy: env['http_proxy'] ?? env['HTTP_PROXY'] ?? '',
      httpsProxy: env['https_proxy'] ?? env['HTTPS_PROXY'] ?? '',
      noProxy: env['no_proxy'] ?? env['NO_PROXY'] ?? '',
    });
  } finally {
    process.emitWarning = emitWarning;
  }
  return {
    variable,
    dispatcher: agent,
    close: () => agent.close(),
  };
}

function isProxyUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
