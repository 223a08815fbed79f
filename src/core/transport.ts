import type { Dispatcher } from 'undici';
import type { FetchLike } from './options.ts';

/** Sends one HTTP request. The core's only way out to the network. */
export interface Transport {
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Closes idle connections. Requests after close open new ones. */
  close(): Promise<void>;
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** Whether the environment asks for a proxy. */
function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return PROXY_VARIABLES.some((name) => Boolean(env[name]?.trim()));
}

/**
 * The default transport: `globalThis.fetch`, read at every call so that msw's `setupServer`
 * (which replaces it) intercepts requests of clients created before `server.listen()`, with
 * an undici dispatcher the client owns.
 *
 * undici is imported on the first request, not at load (it costs ~100 ms of start-up). The
 * dispatcher's header and body timeouts follow the client's `timeout`, so long requests are not
 * cut at undici's 300 s defaults. `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` select an
 * `EnvHttpProxyAgent`. undici 8 dispatchers speak a newer handler API than Node's bundled
 * fetch: `Dispatcher1Wrapper` adapts them (without it a real socket fails with
 * "invalid onRequestStart method" — msw 2 hides this because it never calls the dispatcher).
 */
export function createDefaultTransport(timeoutMs: number): Transport {
  let dispatcher: Promise<Dispatcher> | undefined;

  const getDispatcher = () => {
    dispatcher ??= import('undici').then(({ Agent, EnvHttpProxyAgent, Dispatcher1Wrapper }) => {
      const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
      const inner = proxyConfigured(process.env)
        ? new EnvHttpProxyAgent(timeouts)
        : new Agent(timeouts);
      return new Dispatcher1Wrapper(inner);
    });
    return dispatcher;
  };

  return {
    async fetch(url, init) {
      const dispatcherForRequest = await getDispatcher();
      // `dispatcher` is a Node extension of RequestInit that the DOM typings do not know.
      return globalThis.fetch(url, { ...init, dispatcher: dispatcherForRequest } as RequestInit);
    },
    async close() {
      const current = dispatcher;
      dispatcher = undefined;
      if (current) await (await current).close();
    },
  };
}

/** A transport that hands every request to a user-supplied `fetch`. */
export function createFetchTransport(fetchImpl: FetchLike): Transport {
  return {
    fetch: (url, init) => fetchImpl(url, init),
    close: async () => {},
  };
}
