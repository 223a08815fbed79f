import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { FakeHandler } from '../core.ts';
import { ApiError } from '../http/api-error.ts';
import { errorResponse } from '../http/respond.ts';

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

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal };
  if (hasBody) {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(new URL(req.url ?? '/', origin), init);
}

/** Writes a web response to a node response; a failing body destroys the connection. */
async function send(response: Response, res: ServerResponse): Promise<void> {
  if (response.type === 'error') {
    res.socket?.destroy();
    return;
  }
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
      const error = new ApiError(400, {
        message: 'The request line or its headers are malformed.',
      });
      void send(errorResponse(error), res);
      return;
    }
    handle(request)
      .then((response) => send(response, res))
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
