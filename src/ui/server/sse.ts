import type { ServerResponse } from 'node:http';

/** One open event stream to a browser tab. */
export interface SseChannel {
  /** Sends one event; `data` is sent as JSON (after redaction). Returns false once closed. */
  send(event: string, data: unknown, id?: number | string): boolean;
  /** The `Last-Event-ID` the browser sent when it reconnected, if any. */
  readonly lastEventId: string | undefined;
  /** Aborted when the tab closes the stream or the server stops. */
  readonly signal: AbortSignal;
}

/** How long a quiet stream waits before a comment line, so proxies and browsers keep it open. */
const HEARTBEAT_MS = 15_000;

/**
 * Starts a server-sent event stream on `res`: headers, a reconnect delay, heartbeats, and
 * events as `event:`/`id:`/`data:` lines. `encode` turns data into the text sent (JSON with
 * secrets redacted). A slow tab that stops reading is dropped rather than buffered forever.
 *
 * @example
 * const channel = openSse(res, SECURITY_HEADERS, undefined, signal, JSON.stringify);
 * channel.send('update', { changed: [] });
 */
export function openSse(
  res: ServerResponse,
  headers: Record<string, string>,
  lastEventId: string | undefined,
  signal: AbortSignal,
  encode: (data: unknown) => string,
): SseChannel {
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  signal.addEventListener('abort', () => {
    clearInterval(heartbeat);
    if (!res.writableEnded) res.end();
  });

  function write(chunk: string): boolean {
    if (signal.aborted || res.writableEnded) return false;
    // More than a few MB unread: the tab is gone or frozen. Drop it; it reconnects if alive.
    if (res.writableLength > 4 * 1024 * 1024) {
      res.destroy();
      return false;
    }
    res.write(chunk);
    return true;
  }

  return {
    lastEventId,
    signal,
    send(event, data, id) {
      const lines = encode(data)
        .split('\n')
        .map((line) => `data: ${line}`)
        .join('\n');
      const idLine = id === undefined ? '' : `id: ${id}\n`;
      return write(`event: ${event}\n${idLine}${lines}\n\n`);
    },
  };
}
