import type { IncomingHttpHeaders } from 'node:http';
import type { SseChannel } from './sse.ts';

/** A request as a route handler sees it: the token is already checked and stripped. */
export interface UiRequest {
  method: string;
  /** The path after the token, without the query: `''`, `api/jobs`, `assets/app.js`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Aborted when the browser goes away. */
  signal: AbortSignal;
  /** The JSON body (bounded in size); throws a {@link HttpError} 400/413 when it is not. */
  json(): Promise<unknown>;
}

/** What a handler answers: a body, a stream of bytes, or a server-sent event stream. */
export type Reply =
  | {
      status: number;
      type: string;
      body: string | Uint8Array;
      headers?: Record<string, string>;
    }
  | {
      status: number;
      type: string;
      stream: AsyncIterable<Uint8Array>;
      headers?: Record<string, string>;
    }
  | {
      /** Writes events until it returns or the browser goes away. */
      sse: (channel: SseChannel) => Promise<void>;
    };

/** A handler of one route; `params` are the route pattern's captured groups. */
export type Handler = (request: UiRequest, params: string[]) => Reply | Promise<Reply>;

/** An error with the status and body to answer with (the body is what the page shows). */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * A JSON answer.
 *
 * @example
 * return json({ jobs: [] });
 */
export function json(value: unknown, status = 200): Reply {
  return { status, type: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}
