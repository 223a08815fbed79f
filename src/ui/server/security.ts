import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** What every request is checked against. */
export interface Guard {
  /** The secret in the printed URL: the first path segment of every request. */
  readonly token: string;
  /** `host:port` values the `Host` header may carry (lower case). */
  readonly hosts: ReadonlySet<string>;
  /** The port the server listens on. */
  readonly port: number;
  /** Bound to every interface: then any IP-literal host with the right port is accepted too. */
  readonly wildcard: boolean;
}

/** Why a request was refused: a status and a sentence (never the token). */
export interface Refusal {
  status: number;
  reason: string;
}

/** A request's parts the guard looks at. */
export interface GuardedRequest {
  method: string;
  /** The raw request target, e.g. `/abc…/api/jobs?x=1`. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * 32 random bytes, URL-safe: as hard to guess as the API key it protects.
 *
 * @example
 * newToken(); // 'k_R-30HXlRds_QQ1CscrLYSEnm8LA3fg1he4TmFS4ms'
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Names that reach this machine without DNS, so a rebinding attack cannot forge them. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function hostPart(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host.toLowerCase();
}

/**
 * The guard for a server bound to `host:port`: the loopback names, the bound host, and, when
 * bound to every interface (`0.0.0.0`, `::`), any IP literal. Host names other than these are
 * refused: a page on another site that rebinds its own name to 127.0.0.1 sends its own name.
 *
 * @example
 * const guard = createGuard('127.0.0.1', 4123);
 */
export function createGuard(host: string, port: number, token: string = newToken()): Guard {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const hosts = new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`));
  if (!wildcard) hosts.add(`${hostPart(host)}:${port}`);
  return { token, hosts, port, wildcard };
}

function header(request: GuardedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Whether `host:port` (as in a `Host` header or an origin) may address this server.
 *
 * @example
 * allowedHost(createGuard('127.0.0.1', 4123), 'localhost:4123'); // true
 */
export function allowedHost(guard: Guard, hostAndPort: string): boolean {
  const value = hostAndPort.toLowerCase();
  if (guard.hosts.has(value)) return true;
  if (!guard.wildcard) return false;
  const match = /^(\[[0-9a-f:.]+\]|[0-9.]+):(\d+)$/.exec(value);
  if (!match || Number(match[2]) !== guard.port) return false;
  return isIP((match[1] as string).replace(/^\[|\]$/g, '')) !== 0;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a request before anything else runs, and returns the path after the token (with its
 * query), or why it is refused:
 * - `Host` must name this server (DNS rebinding);
 * - `Origin`, when sent, must be this server's, and a cross-site fetch is refused (CSRF; a
 *   navigation from elsewhere is allowed: it only reads);
 * - a request that changes something must be a same-origin JSON POST (browsers send `Origin`
 *   on every POST, and a JSON body from another origin needs a preflight this server never
 *   answers);
 * - the path must start with the token.
 *
 * @example
 * const checked = checkRequest(guard, { method: 'GET', url: req.url, headers: req.headers });
 * if ('status' in checked) return refuse(checked);
 */
export function checkRequest(guard: Guard, request: GuardedRequest): Refusal | { path: string } {
  const host = header(request, 'host');
  if (!host || !allowedHost(guard, host)) {
    return { status: 403, reason: 'This address is not allowed: open the URL tunekit ui printed.' };
  }
  const origin = header(request, 'origin');
  if (origin !== undefined && !sameOrigin(guard, origin)) {
    return { status: 403, reason: 'Requests from other sites are refused.' };
  }
  const site = header(request, 'sec-fetch-site');
  const mode = header(request, 'sec-fetch-mode');
  if (site === 'cross-site' && !(mode === 'navigate' && request.method === 'GET')) {
    return { status: 403, reason: 'Requests from other sites are refused.' };
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const type = header(request, 'content-type') ?? '';
    if (request.method !== 'POST' || origin === undefined || !type.startsWith('application/json')) {
      return { status: 403, reason: 'Actions must come from the dashboard page itself.' };
    }
  }
  const target = request.url.startsWith('/') ? request.url.slice(1) : request.url;
  const slash = target.indexOf('/');
  const given = slash === -1 ? target.split('?')[0] : target.slice(0, slash);
  if (!given || !sameToken(given, guard.token)) {
    return {
      status: 403,
      reason:
        'This page needs the token in the address tunekit ui printed (run it again for a new one).',
    };
  }
  return { path: slash === -1 ? '' : target.slice(slash + 1) };
}

function sameOrigin(guard: Guard, origin: string): boolean {
  const match = /^http:\/\/([^/]+)$/i.exec(origin);
  return match !== null && allowedHost(guard, match[1] as string);
}

/**
 * Headers of every answer: the page may load only its own scripts, styles and data (so it works
 * offline and nothing leaks), may not be framed, and sends no referrer (the URL holds the token).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};
