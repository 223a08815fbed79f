import type { AttemptSignal } from './attempt-signal.ts';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  type RequestTarget,
} from './errors/connection-error.ts';
import { RedirectError } from './errors/redirect-error.ts';
import { TuneKitError } from './errors/tunekit-error.ts';
import { APIUserAbortError } from './errors/user-abort-error.ts';
import type { Redactor } from './redact.ts';
import { isRefusedRedirect } from './redirects.ts';

/** What a failure is typed against: where the request went, and how its attempt ended. */
export interface FailureContext {
  target: RequestTarget;
  signal: AttemptSignal;
  redactor: Redactor;
}

/** A short human reason for a fetch failure: undici hides the real one in `cause`. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error.message;
}

/**
 * The typed error for whatever ended an attempt: the caller's abort, tunekit's own errors as
 * they are, the attempt's timeout, fetch refusing a redirect (a streamed upload), else a
 * connection error. Causes are redacted: network errors quote what they were given.
 */
export function attemptFailure(
  error: unknown,
  { target, signal, redactor }: FailureContext,
): Error {
  const cause = redactor.error(error);
  if (signal.stopped) return new APIUserAbortError(undefined, { cause });
  if (error instanceof TuneKitError) return error;
  if (signal.timedOut) return new APIConnectionTimeoutError(signal.timeoutMs, target, { cause });
  if (isRefusedRedirect(error)) {
    return new RedirectError(
      { reason: 'streamed-body', status: undefined, ...target, targetOrigin: undefined },
      { cause },
    );
  }
  return new APIConnectionError(
    `Could not complete ${target.method} ${target.url}: ${redactor.text(describeNetworkError(error))}`,
    target,
    { cause },
  );
}

/**
 * The typed error for a read of a body handed to the caller that failed after `received`
 * bytes: a stall (`timedOut`), the caller stopping, or the connection breaking off.
 */
export function bodyFailure(
  error: unknown,
  received: number,
  timedOut: boolean,
  { target, signal, redactor }: FailureContext,
): Error {
  const cause = redactor.error(error);
  if (timedOut) return new APIConnectionTimeoutError(signal.timeoutMs, target, { cause });
  if (signal.stopped) return new APIUserAbortError(undefined, { cause });
  if (error instanceof TuneKitError) return error;
  return new APIConnectionError(
    `The body of ${target.method} ${target.url} broke off after ${received} bytes: ${redactor.text(describeNetworkError(error))}`,
    target,
    { cause },
  );
}
