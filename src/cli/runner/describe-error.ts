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
import { APIUserAbortError } from '../../core/errors/user-abort-error.ts';
import { AnswerValidationError } from '../../resources/chat/errors/answer-validation-error.ts';
import { IncompleteAnswerError } from '../../resources/chat/errors/incomplete-answer-error.ts';
import { JobUnsuccessfulError } from '../../resources/jobs/errors.ts';
import { WaitTimeoutError } from '../../resources/wait-timeout-error.ts';
import { ExitCode } from '../exit-codes.ts';
import { fileErrorReason, InputFileError } from '../input-file.ts';
import { docPath } from '../output/doc-path.ts';
import { CliError, UsageError } from '../usage-error.ts';
import { configurationReport, type SettingSources } from './configuration-message.ts';
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
  if (error instanceof CliError) return error.hint;
  if (error instanceof AnswerValidationError) {
    return 'The raw answer is in the message (and in --json). A model keeps to a shape its training answers keep to: check them with tunekit data validate <file> --response-schema <schema>.';
  }
  if (error instanceof IncompleteAnswerError && error.finishReason === 'length') {
    return 'Raise --max-tokens, or ask for less.';
  }
  if (error instanceof AuthenticationError) {
    return 'Check the API key (--api-key, OPENAI_API_KEY, AZURE_OPENAI_API_KEY with --provider azure, or TOGETHER_API_KEY with --provider together) and that it belongs to this base URL.';
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
    return `Nothing was changed. Which provider offers what: ${docPath('providers.md', 'What each provider supports')}; --provider ${error.provider} is in use.`;
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
  if (
    error instanceof InvalidArgumentError ||
    error instanceof ConfirmationRequiredError ||
    error instanceof UsageError
  ) {
    return ExitCode.Usage;
  }
  return ExitCode.Error;
}

/** A Node.js system error (`ENOENT` from a file, …): it has a `code` and a `syscall`. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}

/**
 * A system error in words: `cannot open out.html: permission denied` instead of Node's
 * `EACCES: permission denied, open 'out.html'`. Files the CLI reads are checked before (an
 * `InputFileError`); this covers what is left, such as a report that cannot be written.
 */
function systemErrorMessage(error: NodeJS.ErrnoException): string {
  const reason = fileErrorReason(error.code) ?? error.message;
  const verbs: Record<string, string> = {
    open: 'cannot open',
    read: 'cannot read',
    write: 'cannot write',
    mkdir: 'cannot create the directory',
    rename: 'cannot rename',
    unlink: 'cannot delete',
    scandir: 'cannot list',
    stat: 'cannot find',
  };
  const verb = verbs[error.syscall ?? ''] ?? `cannot ${error.syscall}`;
  return error.path ? `${verb} ${error.path}: ${reason}` : `${verb}: ${reason}`;
}

/** The message of an error, in the CLI's words where they differ from the library's. */
function messageOf(
  error: unknown,
  interrupted: boolean,
  sources: SettingSources,
): { message: string; hint: string | undefined } {
  if (error instanceof APIUserAbortError && interrupted) {
    return { message: 'Interrupted.', hint: undefined };
  }
  if (error instanceof ConfigurationError) return configurationReport(error, sources);
  if (isSystemError(error)) return { message: systemErrorMessage(error), hint: undefined };
  return {
    message: error instanceof Error ? error.message : String(error),
    hint: hintFor(error),
  };
}

/**
 * Turns any error into what the CLI prints: the message (which already says where — request
 * id, line, param), a hint, and the exit code (4 for credentials, 3 for a wait that timed
 * out, 5 for a failed or cancelled job, 130 after Ctrl-C, 2 for bad arguments and input files
 * that cannot be used, else 1). `sources` tells configuration errors which flag or variable a
 * setting came from.
 */
export function describeError(
  error: unknown,
  interrupted = false,
  sources: SettingSources = { flags: {}, env: process.env },
): ErrorReport {
  const { message, hint } = messageOf(error, interrupted, sources);
  const fields: Record<string, unknown> = {
    type: error instanceof Error ? error.name : 'unknown',
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
  if (error instanceof AnswerValidationError) {
    Object.assign(fields, {
      code: error.problem,
      requestId: error.requestId,
      issues: error.issues.map(({ path, message: issueMessage }) => ({
        path,
        message: issueMessage,
      })),
      raw: error.raw,
    });
  }
  if (error instanceof IncompleteAnswerError) {
    Object.assign(fields, { code: error.finishReason, requestId: error.requestId });
  }
  if (error instanceof InputFileError)
    Object.assign(fields, { path: error.path, code: error.problem });
  if (error instanceof ConfigurationError) Object.assign(fields, { param: error.option });
  if (isSystemError(error)) Object.assign(fields, { code: error.code, path: error.path });
  return { message, hint, exitCode: exitCodeFor(error, interrupted), fields };
}
