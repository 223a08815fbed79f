import type { Handler } from './reply.ts';

/** One route: a method, a pattern over the path after the token, and its handler. */
export interface Route {
  method: 'GET' | 'POST';
  /** Anchored pattern; its groups become the handler's `params` (URL-decoded). */
  pattern: RegExp;
  handler: Handler;
}

/** What matching a path found: a handler, a path known for another method, or nothing. */
export type Match =
  | { handler: Handler; params: string[] }
  | { methodNotAllowed: true }
  | { notFound: true };

/**
 * Finds the route of a request. A path segment that does not decode (`%zz`) matches nothing.
 *
 * @example
 * const found = matchRoute(routes, 'GET', 'api/jobs/ftjob-1');
 */
export function matchRoute(routes: readonly Route[], method: string, path: string): Match {
  let otherMethod = false;
  for (const route of routes) {
    const found = route.pattern.exec(path);
    if (!found) continue;
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
      otherMethod = true;
      continue;
    }
    try {
      return { handler: route.handler, params: found.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return { notFound: true };
    }
  }
  return otherMethod ? { methodNotAllowed: true } : { notFound: true };
}
