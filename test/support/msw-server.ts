import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';

/** The part of an msw server the tests use (the same in msw 2 and 3). */
interface MswServer {
  listen(options: {
    onUnhandledRequest: UnhandledRequestCallback;
    onUnhandledFrame: UnhandledFrameCallback;
  }): void;
  close(): void;
}

/** msw 3's form of the same option: it names it `onUnhandledFrame` and passes a frame. */
type UnhandledFrameCallback = (args: { frame: unknown; defaults: { error(): void } }) => void;

type UnhandledRequestCallback = (request: Request, print: { error(): void }) => void;

/**
 * Fails on any unhandled request except `data:` URLs: the official openai client fetches
 * `data:,` once to probe the platform's FormData support, and msw 2 intercepts that too.
 */
const failUnhandled: UnhandledRequestCallback = (request, print) => {
  if (!request.url.startsWith('data:')) print.error();
};

const failUnhandledFrame: UnhandledFrameCallback = ({ frame, defaults }) => {
  const request = (frame as { request?: Request }).request;
  failUnhandled(request ?? new Request('about:blank'), defaults);
};

/**
 * An msw server with the fake's handlers for the tests of the current `describe`: listening
 * before them, closed after. Unhandled requests fail, so a request that misses the fake shows.
 * `setup` is msw's `setupServer` (msw 3 by default; tests of msw 2 pass their own).
 */
export function useMswServer(
  handlers: () => unknown[],
  setup: (...handlers: never[]) => MswServer = setupServer as never,
): void {
  let server: MswServer | undefined;
  beforeAll(() => {
    server = setup(...(handlers() as never[]));
    // msw 2 reads onUnhandledRequest, msw 3 onUnhandledFrame; each ignores the other.
    server.listen({ onUnhandledRequest: failUnhandled, onUnhandledFrame: failUnhandledFrame });
  });
  afterAll(() => server?.close());
}
