import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, type Reply, type UiRequest } from './reply.ts';
import { matchRoute, type Route } from './router.ts';
import { checkRequest, createGuard, type Guard, newToken, SECURITY_HEADERS } from './security.ts';
import { openSse } from './sse.ts';

/** Where and what to serve. */
export interface ServeOptions {
  /** Default `127.0.0.1`. */
  host?: string | undefined;
  /** Default 0: any free port. */
  port?: number | undefined;
  /** Default: 32 random bytes. */
  token?: string | undefined;
  routes: readonly Route[];
  /** Applied to every JSON answer and event before it leaves: removes secrets. */
  redact: (text: string) => string;
  /** Event streams open at once, at most (each tab holds one or two). Default 64. */
  maxStreams?: number | undefined;
  /** Told about handler failures that are bugs (answered 500). */
  onError?: ((error: unknown) => void) | undefined;
}

/** A running dashboard server. */
export interface UiServer {
  /** The address to open, token included, e.g. `http://127.0.0.1:4123/6Qk…/`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Stops listening, ends every event stream and closes every connection. */
  close(): Promise<void>;
}

/** Request bodies are small JSON documents (a chat question at most). */
const MAX_BODY_BYTES = 256 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, { error: { message: 'The request body is too large.' } });
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, { error: { message: 'The request body is not JSON.' } });
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Serves the routes on `host:port` behind the {@link checkRequest} guard. Every answer carries
 * the security headers; JSON and events pass through `redact`.
 *
 * @example
 * const server = await serve({ routes, redact: (text) => text });
 * console.log(server.url);
 * await server.close();
 */
export async function serve(options: ServeOptions): Promise<UiServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const maxStreams = options.maxStreams ?? 64;
  const open = new Set<AbortController>();
  let streams = 0;
  let guard: Guard | undefined;

  const server = createServer((req, res) => {
    const controller = new AbortController();
    open.add(controller);
    res.on('close', () => {
      open.delete(controller);
      controller.abort();
    });
    handle(req, res, controller.signal).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) write(res, { status: 500, ...plain('Internal error.') });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal) {
    if (!guard) return write(res, { status: 503, ...plain('Starting.') });
    const checked = checkRequest(guard, {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
    });
    if ('status' in checked) {
      req.resume();
      return write(res, { status: checked.status, ...plain(checked.reason) });
    }
    const query = checked.path.indexOf('?');
    const path = query === -1 ? checked.path : checked.path.slice(0, query);
    const method = req.method ?? 'GET';
    const found = matchRoute(options.routes, method, path);
    if ('notFound' in found || 'methodNotAllowed' in found) {
      req.resume();
      const status = 'notFound' in found ? 404 : 405;
      return write(res, jsonReply({ error: { message: 'No such page.' } }, status));
    }
    const request: UiRequest = {
      method,
      path,
      query: new URLSearchParams(query === -1 ? '' : checked.path.slice(query + 1)),
      headers: req.headers,
      signal,
      json: () => readJson(req),
    };
    let reply: Reply;
    try {
      reply = await found.handler(request, found.params);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reply = jsonReply(error.body, error.status);
    }
    if (method === 'GET' || method === 'HEAD') req.resume();
    if ('sse' in reply) return stream(req, res, reply, signal);
    return write(res, reply, method === 'HEAD', signal);
  }

  async function stream(
    req: IncomingMessage,
    res: ServerResponse,
    reply: Extract<Reply, { sse: unknown }>,
    signal: AbortSignal,
  ) {
    if (streams >= maxStreams) {
      return write(res, jsonReply({ error: { message: 'Too many open tabs.' } }, 503));
    }
    streams += 1;
    try {
      const lastId = req.headers['last-event-id'];
      const channel = openSse(
        res,
        SECURITY_HEADERS,
        typeof lastId === 'string' ? lastId : undefined,
        signal,
        (data) => options.redact(JSON.stringify(data)),
      );
      await reply.sse(channel);
      if (!res.writableEnded) res.end();
    } finally {
      streams -= 1;
    }
  }

  async function write(
    res: ServerResponse,
    reply: Exclude<Reply, { sse: unknown }>,
    head = false,
    signal?: AbortSignal,
  ) {
    const headers = { ...SECURITY_HEADERS, ...reply.headers, 'content-type': reply.type };
    if ('body' in reply) {
      const body =
        typeof reply.body === 'string' && reply.type.startsWith('application/json')
          ? options.redact(reply.body)
          : reply.body;
      res.writeHead(reply.status, {
        ...headers,
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(head ? undefined : body);
      return;
    }
    res.writeHead(reply.status, headers);
    // A download stops when the tab goes away (the signal): the API's stream is closed with it.
    for await (const chunk of reply.stream) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await once(res, 'drain', { signal });
    }
    res.end();
  }

  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  guard = createGuard(host, port, token);

  return {
    url: `http://${urlHost(host)}:${port}/${token}/`,
    port,
    host,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const controller of open) controller.abort();
      server.closeAllConnections();
      await closed;
    },
  };
}

function plain(body: string) {
  return { type: 'text/plain; charset=utf-8', body };
}

function jsonReply(value: unknown, status: number): Exclude<Reply, { sse: unknown }> {
  return { status, type: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}
