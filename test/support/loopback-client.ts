import { afterEach } from 'vitest';
import { type ClientOptions, TuneKit } from '../../src/index.ts';
import { memoryLogger } from './client.ts';
import { TEST_KEY } from './constants.ts';

/** A misbehaving API on 127.0.0.1 that a test starts and the suite closes. */
interface LoopbackBackend {
  baseURL: string;
  close(): Promise<void>;
}

/**
 * A `setup` for tests against a misbehaving loopback backend: each call starts the backend
 * with the given misbehaviour and returns it with a client pointed at it and the client's
 * warnings; every backend is closed after its test.
 *
 * @example
 * const setup = loopbackSetup(startJobsBackend);
 * const { backend, api, lines } = await setup({ commitDelayMs: 3000 }, { timeout: 1000 });
 */
export function loopbackSetup<Options, Backend extends LoopbackBackend>(
  start: (misbehaviour: Options) => Promise<Backend>,
) {
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((backend) => backend.close()));
  });
  return async (misbehaviour: Options, client: ClientOptions = {}) => {
    const backend = await start(misbehaviour);
    open.push(backend);
    const { logger, lines } = memoryLogger();
    const api = new TuneKit({
      apiKey: TEST_KEY,
      baseURL: backend.baseURL,
      logger,
      logLevel: 'warn',
      ...client,
    });
    return { backend, api, lines };
  };
}
