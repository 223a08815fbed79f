import type { FakeHandler } from '../../src/testing/dispatch.ts';

/** The origin and base path of the test gateway under msw. */
export const GATEWAY_ORIGIN = 'https://gateway.tunekit.test';
export const GATEWAY_PREFIX = '/gateway/v1';
/** The header the gateway takes the key in, as Portkey takes `x-portkey-api-key`. */
export const GATEWAY_HEADER = 'x-gateway-key';

/** Routes the gateway does not offer (it answers them as FastAPI-based LiteLLM does). */
const MISSING_ROUTES = [/\/fine_tuning\/jobs\/[^/]+\/(pause|resume)$/];

/**
 * An OpenAI-compatible gateway in front of the fake, as a company proxy or LiteLLM is: its
 * own base path and auth header, and a few routes it does not offer (`{"detail": "Not Found"}`
 * with 404). The fake behind it still sees an OpenAI client.
 */
export function gatewayHandler(upstream: FakeHandler): FakeHandler {
  return async (request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${GATEWAY_PREFIX}/`)) {
      return Response.json({ detail: 'Not Found' }, { status: 404 });
    }
    const path = url.pathname.slice(GATEWAY_PREFIX.length);
    if (MISSING_ROUTES.some((route) => route.test(path))) {
      return Response.json({ detail: 'Not Found' }, { status: 404 });
    }
    const headers = new Headers(request.headers);
    const key = headers.get(GATEWAY_HEADER);
    headers.delete(GATEWAY_HEADER);
    if (key) headers.set('authorization', `Bearer ${key}`);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    return upstream(
      new Request(`${url.origin}/v1${path}${url.search}`, {
        method: request.method,
        headers,
        body: hasBody ? await request.arrayBuffer() : undefined,
        signal: request.signal,
      }),
    );
  };
}
