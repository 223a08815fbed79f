import type { RouteContext } from '../route-context.ts';
import type { MultipartLimits } from './multipart-body.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * How a route's request body is read, once the request is authenticated and routed: JSON (the
 * default for POST) up to `maxBytes`, or `multipart/form-data` streamed within its limits.
 * GET and DELETE bodies are never read.
 */
export type BodySpec =
  | { kind: 'json'; maxBytes?: number }
  | { kind: 'multipart'; limits: MultipartLimits };

/** One endpoint of the fake: its name (used by faults and the call log) and its handler. */
export interface Route {
  /** Stable name after the client method: `files.create`, `jobs.events`, `chat.completions.create`. */
  name: string;
  method: HttpMethod;
  /** Path below the base (`/v1` or `/openai/v1`), with `:param` segments: `/files/:file_id`. */
  path: string;
  /** How the body is read; default: JSON up to `DEFAULT_MAX_BODY_BYTES`. */
  body?: BodySpec;
  /**
   * Authorised by the URL itself (a signed upload URL), not by the API key: the fake does not
   * ask for a key, as a storage service would not.
   */
  signed?: boolean | undefined;
  handle(context: RouteContext): Response | Promise<Response>;
}

/** A route with its path compiled to a pattern. */
interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

/** What matching a request found. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: HttpMethod[] }
  | { kind: 'none' };

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

/** A path segment decoded, or as sent when its escapes are malformed (`%E0`). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Finds the route for a method and a path below the base. */
export class Router {
  readonly #routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.#routes = routes.map(compile);
  }

  /** Every route, for documentation and for checking fault names. */
  get routes(): readonly Route[] {
    return this.#routes.map((compiled) => compiled.route);
  }

  match(method: string, path: string): RouteMatch {
    const allowed: HttpMethod[] = [];
    for (const { route, pattern, names } of this.#routes) {
      const found = pattern.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = safeDecode(found[index + 1] ?? '');
      });
      return { kind: 'found', route, params };
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
  }
}
