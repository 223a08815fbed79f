import { randomUUID } from 'node:crypto';
import type { Logger } from '../../core/logger.ts';
import type { JobTagging } from '../../core/providers/job-tagging.ts';
import type { FineTuningJob, JobCreateParams } from '../../schemas/fine-tuning-job.ts';

export { CLIENT_TOKEN_KEY } from '../../core/providers/job-tagging.ts';

/**
 * The client token of a create: `idempotencyToken`, else the one the params already carry,
 * else a random UUID; none when `idempotencyToken` is false. `chosen` says whether the caller
 * chose it (then a job made earlier with it may exist).
 */
export function clientTokenOf(
  params: JobCreateParams,
  idempotencyToken: string | false | undefined,
  tagging: JobTagging,
): { token: string | undefined; chosen: boolean } {
  if (idempotencyToken === false) return { token: undefined, chosen: false };
  const given = idempotencyToken ?? tagging.tokenIn(params);
  return given === undefined
    ? { token: randomUUID(), chosen: false }
    : { token: given, chosen: true };
}

/**
 * What one client has learnt about its provider keeping client tokens: once a job comes back
 * without the token it was sent with, duplicate protection cannot work there. That is said
 * once, loudly, and every later ambiguous create on the client stops instead of being retried.
 */
export class TokenKeeping {
  #notKept: FineTuningJob | undefined;
  readonly #logger: Logger;
  readonly #provider: string;

  constructor(logger: Logger, providerLabel: string) {
    this.#logger = logger;
    this.#provider = providerLabel;
  }

  /** A job seen without the token it was created with, if any. */
  notKept(): FineTuningJob | undefined {
    return this.#notKept;
  }

  /** Checks a created job for its token; warns (once per client) when it is missing. */
  check(job: FineTuningJob, token: string, tagging: JobTagging): void {
    if (!tagging.carries(job, token)) this.report(job, tagging.describe(token));
  }

  /** Records a job that came back without its token, warning the first time. */
  report(job: FineTuningJob, where: string): void {
    if (this.#notKept) return;
    this.#notKept = job;
    this.#logger.warn(
      `${this.#provider} did not keep the client token of ${job.id} (${where}): tunekit cannot ` +
        'recognise a job whose create answer is lost there, so a create on this client that ' +
        'fails ambiguously is not sent again — it ends with an AmbiguousResultError. Creating ' +
        'the same job twice is not prevented against this provider.',
    );
  }
}
