import { type RedirectDetails, RedirectError } from './errors/redirect-error.ts';

/** Most redirects one attempt follows. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Whether a status is a redirect that carries a `Location`. */
export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** One hop of a request: where it goes and whether it keeps its body. */
export interface Hop {
  url: URL;
  method: string;
  /** False after a 303, which turns the request into a body-less GET. */
  withBody: boolean;
}

/** What the request that got a redirect was. */
export interface RedirectedRequest {
  hop: Hop;
  /** Redirects followed so far in this attempt. */
  followed: number;
  /** Whether the body can be produced again (a 307/308 resends it). */
  replayableBody: boolean;
  /** Method and URL (without query) as errors name the request. */
  target: { method: string; url: string };
}

/**
 * The redirect policy, for a 301/302/303/307/308 answer: the next hop, or the `RedirectError`
 * that ends the attempt. Only the API's own origin (scheme, host and port) is ever followed —
 * never another, so no credential header (whatever its name) and no body reaches a host the
 * user did not configure. Within the origin: 303 becomes a GET without body; 307/308 keep the
 * method and body (when it can be sent again); 301/302 are followed for GET only (fetch would
 * turn a POST into a GET); at most {@link MAX_REDIRECTS} hops.
 */
export function nextHop(response: Response, request: RedirectedRequest): Hop | RedirectError {
  const { hop } = request;
  const refuse = (reason: RedirectDetails['reason'], targetOrigin?: string) =>
    new RedirectError({
      reason,
      status: response.status,
      method: request.target.method,
      url: request.target.url,
      targetOrigin,
    });

  const location = response.headers.get('location');
  if (location === null || !URL.canParse(location, hop.url)) return refuse('no-location');
  const url = new URL(location, hop.url);
  if (url.origin !== hop.url.origin) return refuse('cross-origin', url.origin);
  if (request.followed >= MAX_REDIRECTS) return refuse('too-many', url.origin);
  if (response.status === 303) return { url, method: 'GET', withBody: false };
  if (response.status === 307 || response.status === 308) {
    if (hop.withBody && !request.replayableBody) return refuse('streamed-body', url.origin);
    return { url, method: hop.method, withBody: hop.withBody };
  }
  if (hop.method !== 'GET') return refuse('method', url.origin);
  return { url, method: 'GET', withBody: false };
}

/**
 * Whether a fetch failure is fetch refusing a redirect (`redirect: 'error'`, used for streamed
 * uploads). undici says so in the cause's message.
 */
export function isRefusedRedirect(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return (
    cause instanceof Error &&
    /unexpected redirect|redirect mode is set to error/i.test(cause.message)
  );
}
