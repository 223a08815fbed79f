import { TuneKitError } from './tunekit-error.ts';

/** Why a redirect was not followed. */
export type RedirectRefusal =
  /** To another scheme, host or port: credentials and body stay with the API's origin. */
  | 'cross-origin'
  /** More hops than tunekit follows (a loop, most likely). */
  | 'too-many'
  /** 301/302 to a request other than GET: following would silently turn it into a GET. */
  | 'method'
  /** 307/308 of a request whose streamed body cannot be sent twice. */
  | 'streamed-body'
  /** A 3xx without a usable `Location`. */
  | 'no-location';

/** Facts about a refused redirect. */
export interface RedirectDetails {
  reason: RedirectRefusal;
  status: number | undefined;
  /** The request that was redirected. */
  method: string;
  /** Its URL without the query string. */
  url: string;
  /** Where the server pointed, as scheme://host:port, when known (the query, which may hold a signature, is never kept). */
  targetOrigin: string | undefined;
}

const WHY: Record<RedirectRefusal, string> = {
  'cross-origin':
    'tunekit does not follow redirects to another origin, so neither the credentials nor the body were sent there',
  'too-many': 'tunekit follows at most 5 redirects',
  method: 'following it would turn the request into a GET',
  'streamed-body': 'the request body is a stream that cannot be sent twice',
  'no-location': 'the answer has no usable Location header',
};

/**
 * The server answered with a redirect tunekit does not follow. Nothing was sent to the target.
 * Same-origin redirects of GET requests (and 307/308 of requests whose body can be sent again)
 * are followed; everything else ends here. Not retried.
 *
 * @example
 * if (error instanceof RedirectError) console.error(error.reason, error.targetOrigin); // 'cross-origin', …
 */
export class RedirectError extends TuneKitError {
  override name = 'RedirectError';
  readonly reason: RedirectRefusal;
  readonly status: number | undefined;
  readonly method: string;
  readonly url: string;
  readonly targetOrigin: string | undefined;

  constructor(details: RedirectDetails, options?: ErrorOptions) {
    const status = details.status === undefined ? 'a redirect' : `a ${details.status} redirect`;
    const to = details.targetOrigin ? ` to ${details.targetOrigin}` : '';
    super(
      `${details.method} ${details.url} was answered with ${status}${to}, which was not followed: ${WHY[details.reason]}.`,
      options,
    );
    this.reason = details.reason;
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.targetOrigin = details.targetOrigin;
  }
}
