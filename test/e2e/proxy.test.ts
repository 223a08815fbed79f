import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { TEST_KEY } from '../support/constants.ts';
import { sendJson, startLoopbackServer } from '../support/loopback-server.ts';

/**
 * A forward proxy on 127.0.0.1 that records what it is asked and answers itself (the origin,
 * on the reserved `.test` TLD, does not exist). An http target is proxied in absolute form.
 */
async function startProxy() {
  const asked: string[] = [];
  const origin = createServer((request, response) => {
    asked.push(
      `${request.method} ${new URL(request.url ?? '', `http://${request.headers.host}`).href}`,
    );
    sendJson(response, 200, { object: 'list', data: [{ id: 'via-proxy', object: 'model' }] });
  });
  const proxy = createServer((request, response) => {
    origin.emit('request', request, response);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

describe('proxies from the environment', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  function proxyEnv(proxyUrl: string, noProxy = '') {
    for (const name of ['http_proxy', 'https_proxy', 'no_proxy']) vi.stubEnv(name, undefined);
    vi.stubEnv('HTTP_PROXY', proxyUrl);
    vi.stubEnv('HTTPS_PROXY', proxyUrl);
    vi.stubEnv('NO_PROXY', noProxy);
  }

  it('sends requests through HTTP_PROXY', async () => {
    const proxy = await startProxy();
    cleanups.push(proxy.close);
    proxyEnv(proxy.url);
    const client = new TuneKit({
      apiKey: TEST_KEY,
      baseURL: 'http://api.tunekit.test/v1',
      logLevel: 'off',
    });
    cleanups.push(() => client.close());

    const page = await client.models.list();

    expect(page.data[0]?.id).toBe('via-proxy');
    expect(proxy.asked).toEqual(['GET http://api.tunekit.test/v1/models']);
  });

  it('goes direct for hosts listed in NO_PROXY', async () => {
    const proxy = await startProxy();
    cleanups.push(proxy.close);
    const origin = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, { object: 'list', data: [{ id: 'direct', object: 'model' }] }),
    );
    cleanups.push(origin.close);
    proxyEnv(proxy.url, '127.0.0.1');
    const client = new TuneKit({ apiKey: TEST_KEY, baseURL: `${origin.url}/v1`, logLevel: 'off' });
    cleanups.push(() => client.close());

    const page = await client.models.list();

    expect(page.data[0]?.id).toBe('direct');
    expect(proxy.asked).toEqual([]);
    expect(origin.seen).toHaveLength(1);
  });
});
