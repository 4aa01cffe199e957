/**
 * A stand-in for the Feishu docs: a node:http server on 127.0.0.1 (random port) whose
 * routes the tests set, plus a CONNECT proxy and a CLI runner that ignores the machine's
 * proxy settings.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runCli, type CliResult } from '../helpers/tools.js';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface DocServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Sets what a path (without query) answers. */
  route(path: string, handler: Route): void;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startDocServer(): Promise<DocServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    requests.push(path);
    const handler = routes.get(path);
    if (handler) handler(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const origin = await listen(server);
  return {
    origin,
    route: (path, handler) => routes.set(path, handler),
    requests,
    close: () => closeServer(server),
  };
}

/** Serves `text` as markdown. */
export const markdown =
  (text: string, type = 'text/markdown; charset=utf-8'): Route =>
  (_, response) =>
    response.writeHead(200, { 'content-type': type }).end(text);

export const status =
  (code: number): Route =>
  (_, response) =>
    response.writeHead(code, { 'content-type': 'text/plain' }).end(`status ${code}`);

export const redirect =
  (location: string, code = 302): Route =>
  (_, response) =>
    response.writeHead(code, { location }).end();

/** Never answers (until the server closes). */
export const silent: Route = () => undefined;

/** Sends headers and the start of a body, then stalls. */
export const stalls: Route = (_, response) => {
  response.writeHead(200, { 'content-type': 'text/markdown' });
  response.write('# 错误码\n\n|code|message|\n|--|--|\n');
};

/** An endless body without a content-length, written as fast as the client reads it. */
export const endless: Route = (_, response) => {
  response.writeHead(200, { 'content-type': 'text/markdown' });
  const chunk = Buffer.from(`| 1 | ${'x'.repeat(16 * 1024)} |\n`);
  let open = true;
  response.on('close', () => (open = false));
  const pump = () => {
    while (open && response.write(chunk));
    if (open) response.once('drain', pump);
  };
  pump();
};

/** Announces a large body, then sends only a little of it. */
export const announcesHuge: Route = (_, response) => {
  response.writeHead(200, { 'content-type': 'text/markdown', 'content-length': String(50 * 1024 * 1024) });
  response.write('# 错误码\n');
};

/**
 * A CONNECT proxy that tunnels every request to `target` whatever host it names (the
 * names used in the tests do not resolve, so an answer proves the proxy was used).
 */
export async function startProxy(target: string): Promise<{ origin: string; tunnels: string[]; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const tunnels: string[] = [];
  const sockets = new Set<{ destroy(): void }>();
  const server = createServer((_, response) => response.writeHead(405).end('CONNECT only'));
  server.on('connect', (request: IncomingMessage, socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    sockets.add(socket);
    const upstream = connect(Number(port), hostname, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  const origin = await listen(server);
  return {
    origin,
    tunnels,
    close: () => {
      // Tunnelled sockets are no longer the server's connections: end them here.
      for (const socket of sockets) socket.destroy();
      return closeServer(server);
    },
  };
}

/** Runs the CLI in this process (so the server keeps answering), without the machine's proxy variables. */
export function runCliWithoutProxies(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runCli(args, cwd, { ...Object.fromEntries(PROXY_VARIABLES.map((name) => [name, undefined])), ...env });
}

const PROXY_VARIABLES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
