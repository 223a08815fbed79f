import type { APIResponse } from '../../core/api-promise.ts';
import { AmbiguousResultError } from '../../core/errors/ambiguous-result-error.ts';
import { APIUserAbortError } from '../../core/errors/user-abort-error.ts';
import type { JobTagging } from '../../core/providers/job-tagging.ts';
import { classifyFailure } from '../../core/retry-policy.ts';
import { sleep as realSleep } from '../../core/sleep.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import {
  findJobByToken,
  type JobLister,
  type TokenLookup,
  type TokenQuery,
} from './find-by-token.ts';

/**
 * How long, by default, tunekit keeps looking for the job of a create that failed ambiguously
 * before it may send the create again: a server can store a job seconds after the request
 * arrived, and its list can show a new job seconds after that.
 */
export const DEFAULT_LOOKUP_GRACE_MS = 10_000;

/**
 * How far the server's clock may be behind this machine's: jobs listed as created up to this
 * long before the request was sent still count as possibly made by it.
 */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** The pauses between lookups: 0.5 s, 1 s, 2 s, then every 4 s. */
function lookupPauseMs(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1), 4_000);
}

/** Everything the recovery of one create needs. */
export interface CreateRecovery {
  jobs: JobLister;
  tagging: JobTagging;
  token: string;
  trainingFile: string;
  /** When the create was called (this machine's clock, ms since the epoch). */
  sentAt: number;
  /**
   * The newest job that had the token before this create (a token reused on purpose with
   * `reuseExisting: false`): it and anything older is not the one looked for.
   */
  earlier: FineTuningJob | undefined;
  /** See {@link DEFAULT_LOOKUP_GRACE_MS}. */
  lookupGrace: number;
  /** A job this client's provider answered without the token, if one was seen. */
  tokenNotKept: () => FineTuningJob | undefined;
  /** Reports a job that suggests the provider drops the token (warns once per client). */
  reportNotKept: (job: FineTuningJob) => void;
  signal: AbortSignal | undefined;
  /** The clock and the pause, for tests. */
  now?: (() => number) | undefined;
  sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
}

function when(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** The error that stops the create: nobody can tell whether the job exists. */
function ambiguous(
  recovery: CreateRecovery,
  failure: Error,
  why: string,
  hint?: string,
  cause?: unknown,
): AmbiguousResultError {
  const look = `look for a job with ${recovery.tagging.describe(recovery.token)}`;
  return new AmbiguousResultError(
    `Creating the fine-tuning job failed (${failure.message}) and ${why}`,
    hint ?? `It may exist: ${look} before creating it again.`,
    cause === undefined ? undefined : { cause },
  );
}

/** The error for a provider that drops the token: the create is not sent again. */
function notKept(
  recovery: CreateRecovery,
  failure: Error,
  job: FineTuningJob,
): AmbiguousResultError {
  const since = when(Math.floor(recovery.sentAt / 1000));
  return ambiguous(
    recovery,
    failure,
    `this provider does not keep the client token (${job.id} came back without ${recovery.tagging.describe(recovery.token)}), so tunekit cannot tell whether the job was created and does not send the create again.`,
    `It may exist: look for a job with training file ${recovery.trainingFile} created after ${since} (perhaps ${job.id}) before creating another.`,
  );
}

/**
 * One look for the job: the list filtered by the token, then — when the filter answered and
 * found nothing — the plain list of recent jobs too, where a provider that drops the token
 * (or filters wrongly) shows a job like this one without it.
 */
async function lookOnce(recovery: CreateRecovery, createdSince: number): Promise<TokenLookup> {
  const query: TokenQuery = {
    token: recovery.token,
    tagging: recovery.tagging,
    createdSince,
    ignore: recovery.earlier?.id,
    trainingFile: recovery.trainingFile,
    signal: recovery.signal,
  };
  const filtered = await findJobByToken(recovery.jobs, query);
  const plainAlready =
    filtered.filterIgnored || recovery.tagging.listQuery(recovery.token) === undefined;
  if (filtered.found || plainAlready) return filtered;
  return findJobByToken(recovery.jobs, { ...query, filtered: false });
}

/**
 * After a create failed in a way that leaves unknown whether the server made the job, looks
 * for the job by its client token — more than once, with growing pauses, for `lookupGrace`
 * (a server may store the job, or list it, seconds later). Returns the job when found;
 * undefined when the whole window passed without it (the create may be sent again). When the
 * lookup cannot be trusted it throws `AmbiguousResultError` instead of letting the create be
 * sent again: the provider does not keep the token (a job like this one, made since, came
 * back without it), the list could not be read to the end, or it kept failing.
 */
export async function recoverCreatedJob(
  recovery: CreateRecovery,
  failure: Error,
): Promise<APIResponse<FineTuningJob> | undefined> {
  const known = recovery.tokenNotKept();
  if (known) throw notKept(recovery, failure, known);
  const now = recovery.now ?? (() => performance.now());
  const pause = recovery.sleep ?? realSleep;
  const started = now();
  const createdSince = Math.max(
    Math.floor((recovery.sentAt - CLOCK_SKEW_MS) / 1000),
    recovery.earlier?.created_at ?? Number.NEGATIVE_INFINITY,
  );
  for (let attempt = 1; ; attempt += 1) {
    let lookupError: unknown;
    try {
      const lookup = await lookOnce(recovery, createdSince);
      if (lookup.found) return lookup.found;
      if (lookup.untagged) {
        recovery.reportNotKept(lookup.untagged);
        throw notKept(recovery, failure, lookup.untagged);
      }
      if (!lookup.complete) {
        throw ambiguous(
          recovery,
          failure,
          `the job list could not be read back to the time of the request (${lookup.pages} pages of up to 100 jobs; the provider ignores the token filter or its cursor does not advance), so tunekit does not send the create again.`,
        );
      }
    } catch (error) {
      if (error instanceof AmbiguousResultError || error instanceof APIUserAbortError) throw error;
      if (!classifyFailure(error).retryable) {
        throw ambiguous(
          recovery,
          failure,
          `checking whether it was created failed too (${(error as Error).message}).`,
          undefined,
          error,
        );
      }
      lookupError = error;
    }
    const left = recovery.lookupGrace - (now() - started);
    if (left <= 0) {
      if (lookupError === undefined) return undefined;
      throw ambiguous(
        recovery,
        failure,
        `checking whether it was created kept failing for ${Math.round(recovery.lookupGrace / 1000)} s (${(lookupError as Error).message}).`,
        undefined,
        lookupError,
      );
    }
    await pause(Math.min(lookupPauseMs(attempt), left), recovery.signal);
  }
}
