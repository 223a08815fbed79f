import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';

/** The part of an msw server the tests use (the same in msw 2 and 3). */
interface MswServer {
  listen(options: { onUnhandledRequest: 'error' }): void;
  close(): void;
}

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
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(() => server?.close());
}
