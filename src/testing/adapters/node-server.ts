import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeHandler } from '../dispatch.ts';
import { errorResponse } from '../http/respond.ts';
import { RouteError } from '../http/route-error.ts';

/** Where to listen. */
export interface ListenOptions {
  /** Default 0: any free port. */
  port?: number | undefined;
  /** Default `127.0.0.1`: the fake never listens beyond the machine unless told to. */
  host?: string | undefined;
}

/** A running fake server. */
export interface FakeServer {
  /** The origin, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** OpenAI-style base URL: `{url}/v1`. */
  baseURL: string;
  /** Azure-style base URL: `{url}/openai/v1` (authenticate with the `api-key` header). */
  azureBaseURL: string;
  port: number;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/**
 * The request body as a web stream that reads from the socket only when pulled: nothing is
 * buffered ahead of the reader (`Readable.toWeb` queues up to its high-water mark in chunks,
 * not bytes), so a body the fake refuses before reading stays in the client's socket.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      // The reader gave up (a body over its limit): stop reading, but keep the socket, which
      // still carries the answer; `send` closes the connection after it.
      cancel() {
        req.pause();
      },
    },
    { highWaterMark: 0 },
  );
}

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal };
  if (hasBody) {
    init.body = bodyStream(req);
    init.duplex = 'half';
  }
  return new Request(new URL(req.url ?? '/', origin), init);
}

/**
 * Writes a web response to a node response; a failing body destroys the connection. When the
 * request's body was not read to its end (refused unread, or over its limit), the connection is
 * closed after the answer instead of reading the rest.
 */
async function send(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (response.type === 'error') {
    res.socket?.destroy();
    return;
  }
  // No `Connection: close` header here: with it, node:http destroys the socket as soon as the
  // answer is flushed, and the unread body still in the socket turns that into a reset that can
  // reach the client before it has read the answer.
  if (!req.complete) res.once('finish', () => closeUnread(req));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  try {
    for await (const chunk of response.body) {
      if (!res.write(chunk)) await once(res, 'drain');
    }
    res.end();
  } catch {
    // Close the socket without finishing the body: what was written still reaches the client
    // (a destroy could discard it), and the missing end of the chunked body reads as a cut.
    if (res.socket) res.socket.end();
    else res.destroy();
  }
}

/**
 * Ends a connection whose request body is still coming: the answer has been written, so the
 * write side is closed at once, and the socket is destroyed shortly after (the client has read
 * the answer by then) rather than draining what is left of the body, however large.
 */
function closeUnread(req: IncomingMessage): void {
  const socket = req.socket;
  // Half-close (the client sees the end of the answer), stop reading (the client's sends back
  // up), and destroy once the client has had time to read the answer.
  socket.end();
  socket.pause();
  setTimeout(() => socket.destroy(), UNREAD_LINGER_MS).unref();
}

/** How long a connection with an unread body lingers after its answer before it is destroyed. */
const UNREAD_LINGER_MS = 500;

/**
 * Serves the fake on a real port. Dropped connections are destroyed sockets and cut streams
 * stop mid-body, so clients meet the same transport failures as on the internet.
 */
export async function listenOn(
  handle: FakeHandler,
  options: ListenOptions = {},
): Promise<FakeServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const aborted = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    let request: Request;
    try {
      request = toRequest(req, `http://${req.headers.host ?? host}`, aborted.signal);
    } catch {
      // A request the platform cannot even represent (a malformed Host header): answer, never crash.
      const error = new RouteError(400, {
        message: 'The request line or its headers are malformed.',
      });
      void send(errorResponse(error), req, res);
      return;
    }
    handle(request)
      .then((response) => send(response, req, res))
      .catch(() => res.destroy());
  });
  const wanted = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) =>
      reject(
        new Error(`The fake API could not listen on ${host}:${wanted}: ${error.message}`, {
          cause: error,
        }),
      );
    server.once('error', failed);
    server.listen(wanted, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    azureBaseURL: `${url}/openai/v1`,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
