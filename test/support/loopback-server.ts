import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the loopback server saw it, body included. */
export interface SeenRequest {
  method: string;
  /** The request target as sent: a path, or an absolute URL when sent to a proxy. */
  target: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type LoopbackHandler = (
  request: SeenRequest,
  response: ServerResponse,
  raw: IncomingMessage,
) => void | Promise<void>;

/**
 * A real HTTP server on 127.0.0.1 with a scripted handler: what msw cannot show — real
 * sockets, resets, truncated bodies, slow headers — it can. Bodies are read fully before the
 * handler runs unless `streamBody` is set (then `body` is empty and the handler reads `raw`).
 */
export async function startLoopbackServer(
  handler: LoopbackHandler,
  options: { streamBody?: boolean } = {},
) {
  const seen: SeenRequest[] = [];
  const server = createServer(async (raw, response) => {
    const chunks: Buffer[] = [];
    if (!options.streamBody) for await (const chunk of raw) chunks.push(chunk as Buffer);
    const request: SeenRequest = {
      method: raw.method ?? '',
      target: raw.url ?? '',
      headers: raw.headers,
      body: Buffer.concat(chunks),
    };
    seen.push(request);
    try {
      await handler(request, response, raw);
    } catch (error) {
      response.destroy(error as Error);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes a JSON answer. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
