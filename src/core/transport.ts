import type { Dispatcher } from 'undici';
import type { FetchLike } from './options.ts';

/** Sends one HTTP request. The core's only way out to the network. */
export interface Transport {
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Closes idle connections the transport owns. Requests after close open new ones. */
  close(): Promise<void>;
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** Whether the environment asks for a proxy. */
function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return PROXY_VARIABLES.some((name) => Boolean(env[name]?.trim()));
}

/**
 * Where Node's fetch and every undici release find the process-wide dispatcher. A documented
 * meeting point: npm undici's `setGlobalDispatcher` writes it, Node's fetch reads it.
 */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** The part of undici's dispatcher interface a fetch calls. */
interface DispatchTarget {
  dispatch(options: Record<string, unknown>, handler: unknown): boolean;
  readonly isMockActive?: boolean;
}

/**
 * undici's socket timeouts switched off for each request, so that the request's own `timeout`
 * is the only one (see `HttpClient`): undici's defaults (300 s for headers, 300 s between body
 * bytes) would cut a long request, and a pool-wide value fixed at construction would cap a
 * per-request `timeout` longer than the client's.
 */
const UNTIMED = { headersTimeout: 0, bodyTimeout: 0 };

/**
 * A dispatcher for Node's fetch that hands every request to the process-wide dispatcher —
 * Node's own pool, or whatever the application installed with undici's `setGlobalDispatcher`
 * (a proxy agent, a mock agent) — with the socket timeouts switched off for that request.
 * Costs nothing to load: no npm undici on this path.
 */
const untimedGlobalDispatcher: DispatchTarget = {
  dispatch(options, handler) {
    const target = (globalThis as Record<symbol, DispatchTarget | undefined>)[GLOBAL_DISPATCHER];
    if (!target) throw new Error('Node’s fetch has no global dispatcher.');
    return target.dispatch({ ...options, ...UNTIMED }, handler);
  },
  get isMockActive() {
    const target = (globalThis as Record<symbol, DispatchTarget | undefined>)[GLOBAL_DISPATCHER];
    return target?.isMockActive === true;
  },
};

/** The `dispatcher` Node's fetch takes; the DOM typings of `RequestInit` do not know it. */
type NodeRequestInit = RequestInit & { dispatcher?: unknown };

/**
 * The default transport: `globalThis.fetch`, read at every call, so consumers' mocks (msw's
 * `setupServer`, other interceptors, spies) see every request, including those of clients
 * created before the mock was installed.
 *
 * Requests go through Node's own fetch and connection pool, with undici's socket timeouts off
 * (the request's `timeout` is the one limit). npm undici, which costs ~120 ms to import, is
 * loaded only when `HTTPS_PROXY`/`HTTP_PROXY` is set: its `EnvHttpProxyAgent` honours those and
 * `NO_PROXY` (Node 22's fetch ignores them), adapted with `Dispatcher1Wrapper` to the older
 * dispatcher API Node's fetch speaks.
 */
export function createDefaultTransport(): Transport {
  let proxy: Promise<{ agent: Dispatcher; wrapped: Dispatcher }> | undefined;

  const loadProxy = () => {
    proxy ??= import('undici').then((undici) => {
      const agent = new undici.EnvHttpProxyAgent(UNTIMED);
      return { agent, wrapped: new undici.Dispatcher1Wrapper(agent) };
    });
    return proxy;
  };

  return {
    async fetch(url, init) {
      const dispatcher = proxyConfigured(process.env)
        ? (await loadProxy()).wrapped
        : untimedGlobalDispatcher;
      return globalThis.fetch(url, { ...init, dispatcher } as NodeRequestInit);
    },
    async close() {
      const current = proxy;
      proxy = undefined;
      if (current) await (await current).agent.close();
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
