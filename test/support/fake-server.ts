import { afterAll, beforeAll } from 'vitest';
import type { FakeOpenAI, FakeServer } from '../../src/testing/index.ts';

/**
 * Serves `fake` on a real port on 127.0.0.1 for the tests of the current `describe`; returns a
 * getter for the running server (available inside tests).
 */
export function useFakeServer(fake: FakeOpenAI): () => FakeServer {
  let server: FakeServer | undefined;
  beforeAll(async () => {
    server = await fake.listen();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('The fake server is not listening yet: use it inside a test.');
    return server;
  };
}
