import type { APIResponse } from '../../core/api-promise.ts';
import type { RequestOptions } from '../../core/http-client.ts';
import type { PagePromise } from '../../core/pagination.ts';
import type { JobTagging } from '../../core/providers/job-tagging.ts';
import type { FineTuningJob, JobListParams } from '../../schemas/fine-tuning-job.ts';

/** What the lookup needs of the jobs resource. */
export interface JobLister {
  list(params?: JobListParams, options?: RequestOptions): PagePromise<FineTuningJob>;
}

/** Jobs asked for per page of a lookup (the API's largest page). */
const LOOKUP_PAGE_SIZE = 100;

/**
 * The most pages one lookup reads: 1,000 jobs. A provider that filters by the token answers
 * with one short page; one that ignores the filter is read newest first until the jobs are
 * older than the create, at most this far.
 */
export const MAX_LOOKUP_PAGES = 10;

/** What to look for. */
export interface TokenQuery {
  token: string;
  tagging: JobTagging;
  /**
   * Jobs created before this (server time, seconds) cannot be the one looked for: the lookup
   * stops there, and ignores an older job that has the token (an earlier create with it).
   */
  createdSince?: number | undefined;
  /** A job that is known not to be the one (an earlier job with the same token). */
  ignore?: string | undefined;
  /**
   * The create's training file: a job with it, created since `createdSince`, that lacks the
   * token is reported as `untagged` — the provider may have dropped the token.
   */
  trainingFile?: string | undefined;
  /**
   * Narrow the list with the provider's filter (default). `false` reads the plain list, to
   * see jobs a provider listed without the token.
   */
  filtered?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

/** What a lookup found. */
export interface TokenLookup {
  /** The newest job with the token, and the response that listed it. */
  found: APIResponse<FineTuningJob> | undefined;
  /** A job like the create's, created since, without the token (see {@link TokenQuery}). */
  untagged: FineTuningJob | undefined;
  /**
   * Whether every job that could be the one was seen: false when the pages ran out first
   * (a provider that ignores the filter and holds more jobs than {@link MAX_LOOKUP_PAGES}).
   */
  complete: boolean;
  /** Pages read. */
  pages: number;
  /** Whether the list was asked to filter by the token and listed other jobs anyway. */
  filterIgnored: boolean;
}

/** Whether this page reaches past the jobs that could be the one (older than `since`). */
function reachesBefore(jobs: readonly FineTuningJob[], since: number | undefined): boolean {
  return since !== undefined && jobs.some((job) => job.created_at < since);
}

/**
 * Looks for the job tagged with a client token: the provider's filter narrows the list where
 * it can, and every listed job is checked on this side too (some providers ignore the
 * filter). Reads newest first, page after page, until the token is found, the list ends, the
 * jobs are older than `createdSince`, or {@link MAX_LOOKUP_PAGES} pages were read; a list
 * whose cursor does not advance makes the lookup incomplete. Errors of the list go to the
 * caller.
 */
export async function findJobByToken(jobs: JobLister, query: TokenQuery): Promise<TokenLookup> {
  const { token, tagging, createdSince, trainingFile, ignore, signal } = query;
  const filter = query.filtered === false ? undefined : tagging.listQuery(token);
  const params = { ...filter, limit: LOOKUP_PAGE_SIZE };
  let untagged: FineTuningJob | undefined;
  let filterIgnored = false;
  let after: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const {
      data: page,
      response,
      requestId,
    } = await jobs.list({ ...params, ...(after ? { after } : {}) }, { signal }).withResponse();
    for (const job of page.data) {
      const carries = tagging.carries(job, token);
      if (filter && !carries) filterIgnored = true;
      if (job.id === ignore || (createdSince !== undefined && job.created_at < createdSince)) {
        continue;
      }
      if (carries) {
        return {
          found: { data: job, response, requestId },
          untagged,
          complete: true,
          pages,
          filterIgnored,
        };
      }
      if (
        !tagging.isTagged(job) &&
        trainingFile !== undefined &&
        job.training_file === trainingFile
      ) {
        untagged ??= job;
      }
    }
    if (!page.hasNextPage() || reachesBefore(page.data, createdSince)) {
      return { found: undefined, untagged, complete: true, pages, filterIgnored };
    }
    const cursor = page.nextCursor();
    // A list that does not move on (or has no more room to read) cannot show the rest.
    if (pages >= MAX_LOOKUP_PAGES || cursor === undefined || cursor === after) {
      return { found: undefined, untagged, complete: false, pages, filterIgnored };
    }
    after = cursor;
  }
}
