import { AmbiguousResultError } from '../../core/errors/ambiguous-result-error.ts';
import {
  APIError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../../core/errors/api-error.ts';
import { ConfigurationError } from '../../core/errors/configuration-error.ts';
import { APIConnectionError } from '../../core/errors/connection-error.ts';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import { NotSupportedByProviderError } from '../../core/errors/not-supported-by-provider-error.ts';
import { ResponseValidationError } from '../../core/errors/response-validation-error.ts';
import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import { APIUserAbortError } from '../../core/errors/user-abort-error.ts';
import { JobUnsuccessfulError } from '../../resources/jobs/errors.ts';
import { WaitTimeoutError } from '../../resources/wait-timeout-error.ts';
import { ExitCode } from '../exit-codes.ts';
import { ConfirmationRequiredError } from './confirm-spending.ts';

/** What the CLI tells the user about an error, and how it exits. */
export interface ErrorReport {
  /** The error's own message: what went wrong and where (it includes the request id). */
  message: string;
  /** What to do about it, when there is something to say. */
  hint: string | undefined;
  exitCode: number;
  /** Fields for `--json` output. */
  fields: Record<string, unknown>;
}

function hintFor(error: unknown): string | undefined {
  if (error instanceof ConfigurationError) {
    return error.option === 'apiKey'
      ? `Pass --api-key, or set ${error.envVariable ?? 'OPENAI_API_KEY'}.`
      : `Check --${error.option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}${error.envVariable ? ` (or ${error.envVariable})` : ''}.`;
  }
  if (error instanceof AuthenticationError) {
    return 'Check the API key (--api-key, OPENAI_API_KEY, or AZURE_OPENAI_API_KEY with --provider azure) and that it belongs to this base URL.';
  }
  if (error instanceof PermissionDeniedError) {
    return 'The key may lack access to this organization, project or model (--organization, --project).';
  }
  if (error instanceof NotFoundError) {
    return 'Check the id, and that --base-url (or OPENAI_BASE_URL) points at the right API.';
  }
  if (error instanceof RateLimitError) {
    return error.retryAfterMs
      ? `The API asks to wait ${Math.ceil(error.retryAfterMs / 1000)} s before trying again.`
      : 'Wait a little and try again, or raise --max-retries.';
  }
  if (error instanceof APIConnectionError) {
    return 'Check the network and --base-url; raise --timeout for slow connections.';
  }
  if (error instanceof ResponseValidationError) {
    return 'The API answered in a shape tunekit does not expect; run with --debug and report it.';
  }
  if (error instanceof AmbiguousResultError) return error.lookupHint;
  if (error instanceof NotSupportedByProviderError) {
    return `Nothing was changed. Which provider offers what: docs/providers.md (feature table); --provider ${error.provider} is in use.`;
  }
  return undefined;
}

function exitCodeFor(error: unknown, interrupted: boolean): number {
  if (error instanceof APIUserAbortError && interrupted) return ExitCode.Interrupted;
  if (error instanceof ConfigurationError) {
    return error.option === 'apiKey' ? ExitCode.Auth : ExitCode.Usage;
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return ExitCode.Auth;
  }
  if (error instanceof WaitTimeoutError) return ExitCode.WaitTimeout;
  if (error instanceof JobUnsuccessfulError) return ExitCode.JobFailed;
  if (error instanceof InvalidArgumentError || error instanceof ConfirmationRequiredError) {
    return ExitCode.Usage;
  }
  return ExitCode.Error;
}

/**
 * Turns any error into what the CLI prints: the message (which already says where — request
 * id, line, param), a hint, and the exit code (4 for credentials, 3 for a wait that timed
 * out, 5 for a failed or cancelled job, 130 after Ctrl-C, 2 for bad arguments, else 1).
 */
export function describeError(error: unknown, interrupted = false): ErrorReport {
  const message =
    error instanceof APIUserAbortError && interrupted
      ? 'Interrupted.'
      : error instanceof Error
        ? error.message
        : String(error);
  const fields: Record<string, unknown> = {
    type: error instanceof Error ? error.name : typeof error,
    message,
  };
  if (error instanceof APIError) {
    Object.assign(fields, {
      status: error.status,
      code: error.code,
      param: error.param,
      requestId: error.requestId,
    });
  }
  if (error instanceof JobUnsuccessfulError) {
    Object.assign(fields, {
      jobId: error.jobId,
      status: error.status,
      code: error.code,
      param: error.param,
    });
  }
  if (error instanceof ResponseValidationError)
    Object.assign(fields, { requestId: error.requestId });
  if (error instanceof NotSupportedByProviderError) {
    Object.assign(fields, { feature: error.feature, provider: error.provider });
  }
  if (!(error instanceof TuneKitError) && !(error instanceof Error)) fields.type = 'unknown';
  return { message, hint: hintFor(error), exitCode: exitCodeFor(error, interrupted), fields };
}
