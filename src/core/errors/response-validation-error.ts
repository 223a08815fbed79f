import { TuneKitError } from './tunekit-error.ts';

/** One mismatch between a response and its schema. */
export interface ResponseIssue {
  /** Where in the response body, as `data[0].status`; empty for the body itself. */
  path: string;
  message: string;
}

/**
 * A successful response did not have the shape tunekit needs (or was not JSON at all). Kept
 * apart from HTTP failures: the request worked, the answer is what surprised us. Turn the
 * check off with `validateResponses: false` if a provider deviates on purpose.
 *
 * @example
 * if (error instanceof ResponseValidationError) for (const i of error.issues) console.error(error.endpoint, i.path, i.message);
 */
export class ResponseValidationError extends TuneKitError {
  override name = 'ResponseValidationError';
  /** `METHOD /path` of the request, e.g. `GET /fine_tuning/jobs/ftjob-1`. */
  readonly endpoint: string;
  readonly requestId: string | undefined;
  readonly issues: readonly ResponseIssue[];

  constructor(endpoint: string, requestId: string | undefined, issues: readonly ResponseIssue[]) {
    const listed = issues
      .slice(0, 5)
      .map((issue) => `${issue.path || '(body)'}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    const id = requestId ? `, request id ${requestId}` : '';
    super(`Unexpected response from ${endpoint}${id}: ${listed}${more}`);
    this.endpoint = endpoint;
    this.requestId = requestId;
    this.issues = issues;
  }
}
