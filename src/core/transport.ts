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

const builtinChecks = new WeakMap<object, boolean>();

/**
 * Whether `fn` is Node's own global fetch, untouched. Recognised by its source, which no
 * interceptor (msw, nock, fetch-mock, a test spy) reproduces. If a future Node changes it,
 * the answer is "no" and requests go through `globalThis.fetch` — correct, only less frugal.
 */
export function isNodeBuiltinFetch(fn: unknown): boolean {
  if (typeof fn !== 'function') return false;
  let known = builtinChecks.get(fn);
  if (known === undefined) {
    const source = Function.prototype.toString.call(fn);
    known = source.startsWith('function fetch(') && source.includes('fetchImpl');
    builtinChecks.set(fn, known);
  }
  return known;
}

/** undici's Response as the global `Response` class users expect (the body is not copied). */
function toGlobalResponse(response: import('undici').Response): Response {
  return new Response(response.body as ReadableStream<Uint8Array> | null, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers([...response.headers]),
  });
}

interface Loaded {
  fetch: typeof import('undici').fetch;
  /** The client's own connection pool (an Agent, or an EnvHttpProxyAgent). */
  agent: Dispatcher;
  /** The same pool, adapted for Node's built-in fetch. */
  wrapped: Dispatcher;
}

/**
 * The default transport, with connection pool, socket timeouts and proxy support from undici
 * (imported on the first request: it costs ~100 ms of start-up).
 *
 * Which fetch sends a request is decided at every call:
 * - if `globalThis.fetch` has been replaced — by msw's `setupServer`, another interceptor or
 *   a spy — the request goes through it, so consumers' mocks see every request, including
 *   those of clients created before the mock was installed;
 * - if it is Node's own fetch, the request goes through undici's `fetch` instead. Node 22's
 *   built-in fetch keeps every chunk of a streamed request body until the request ends
 *   (measured: RSS +300 MiB uploading 300 MiB; undici 8's fetch: +19 MiB), which would make
 *   memory grow with file size on uploads.
 *
 * The pool's header and body timeouts follow the client's `timeout`, so long requests are not
 * cut at undici's 300 s defaults. `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` select an
 * `EnvHttpProxyAgent`. Node's built-in fetch speaks an older dispatcher API than undici 8:
 * `Dispatcher1Wrapper` adapts the pool for a replaced fetch that forwards to it (without it a
 * real socket fails with "invalid onRequestStart method").
 */
export function createDefaultTransport(timeoutMs: number): Transport {
  let loaded: Promise<Loaded> | undefined;

  const load = () => {
    loaded ??= import('undici').then((undici) => {
      const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
      const agent = proxyConfigured(process.env)
        ? new undici.EnvHttpProxyAgent(timeouts)
        : new undici.Agent(timeouts);
      return { fetch: undici.fetch, agent, wrapped: new undici.Dispatcher1Wrapper(agent) };
    });
    return loaded;
  };

  return {
    async fetch(url, init) {
      const current = globalThis.fetch;
      const { fetch: undiciFetch, agent, wrapped } = await load();
      if (isNodeBuiltinFetch(current)) {
        const response = await undiciFetch(url, {
          ...(init as import('undici').RequestInit),
          dispatcher: agent,
        });
        return toGlobalResponse(response);
      }
      // `dispatcher` is a Node extension of RequestInit that the DOM typings do not know.
      return current(url, { ...init, dispatcher: wrapped } as RequestInit);
    },
    async close() {
      const current = loaded;
      loaded = undefined;
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
