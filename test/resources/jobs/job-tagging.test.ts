import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { APIPromise } from '../../../src/core/api-promise.ts';
import { paginate } from '../../../src/core/pagination.ts';
import { type JobTagging, metadataTagging } from '../../../src/core/providers/job-tagging.ts';
import {
  AmbiguousResultError,
  type FineTuningJob,
  InvalidArgumentError,
} from '../../../src/index.ts';
import type { JobLister } from '../../../src/resources/jobs/find-by-token.ts';
import { recoverCreatedJob } from '../../../src/resources/jobs/recover-create.ts';
import { jobObject, list } from '../../support/fixtures.ts';

/** Jobs listed newest first, 100 a page, with no filter at all (as a provider without metadata). */
function lister(jobs: FineTuningJob[]): JobLister & { calls: number } {
  const source = {
    calls: 0,
    list: (params: { after?: string; limit?: number } = {}) =>
      paginate<FineTuningJob>((after) => {
        source.calls += 1;
        const start = after ? jobs.findIndex((j) => j.id === after) + 1 : 0;
        const page = jobs.slice(start, start + (params.limit ?? 20));
        const envelope = list(page, { has_more: start + page.length < jobs.length });
        return new APIPromise(
          Promise.resolve({ data: envelope, response: new Response('{}'), requestId: undefined }),
        );
      }, params.after),
  };
  return source;
}

/**
 * A provider that keeps no metadata and tags the suffix instead, with a short hash of the
 * token (as a provider whose suffix is too short for a whole token would).
 */
const shortTag = (token: string) =>
  `tk${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
const suffixOf = (job: { [key: string]: unknown }) =>
  String(job.suffix ?? job.user_provided_suffix ?? '');
const suffixTagging: JobTagging = {
  tag: (body, token) => ({ ...body, suffix: shortTag(token) }),
  carries: (job, token) => suffixOf(job) === shortTag(token),
  isTagged: (job) => /^tk[0-9a-f]{12}$/.test(suffixOf(job)),
  tokenIn: () => undefined,
  listQuery: () => undefined,
  describe: (token) => `suffix ${shortTag(token)}`,
};

const now = Math.floor(Date.now() / 1000);
const recovery = (jobs: JobLister, tagging: JobTagging) => ({
  jobs,
  tagging,
  token: 'abc',
  trainingFile: 'file-train',
  sentAt: Date.now(),
  earlier: undefined,
  lookupGrace: 0,
  tokenNotKept: () => undefined,
  reportNotKept: () => {},
  signal: undefined,
});

describe('metadata tagging (OpenAI, Azure, compatible)', () => {
  it('puts the token in the metadata, reads it back, filters by it and says where it is', () => {
    const body = metadataTagging.tag({ model: 'm', metadata: { team: 'a' } }, 'abc');

    expect(body).toEqual({ model: 'm', metadata: { team: 'a', tunekit_client_token: 'abc' } });
    expect(metadataTagging.carries(body, 'abc')).toBe(true);
    expect(metadataTagging.carries(body, 'abd')).toBe(false);
    expect(metadataTagging.isTagged({ metadata: null })).toBe(false);
    expect(metadataTagging.tokenIn(body)).toBe('abc');
    expect(metadataTagging.listQuery('abc')).toEqual({ metadata: { tunekit_client_token: 'abc' } });
    expect(metadataTagging.describe('abc')).toBe('metadata tunekit_client_token=abc');
    const full = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v']));
    expect(() => metadataTagging.tag({ metadata: full }, 'abc')).toThrow(InvalidArgumentError);
  });
});

describe('a provider that tags another field (the jobTagging hook)', () => {
  it('finds the lost job by its suffix in the unfiltered list', async () => {
    const jobs = lister([
      jobObject({
        id: 'ftjob-other',
        created_at: now,
        training_file: 'file-x',
        suffix: shortTag('zzz'),
      } as Partial<FineTuningJob>),
      jobObject({
        id: 'ftjob-ours',
        created_at: now,
        training_file: 'file-train',
        suffix: shortTag('abc'),
      } as Partial<FineTuningJob>),
    ]);

    const found = await recoverCreatedJob(recovery(jobs, suffixTagging), new Error('reset'));

    expect(found?.data.id).toBe('ftjob-ours');
  });

  it('stops with AmbiguousResultError when a job like ours shows up without the tag', async () => {
    const jobs = lister([
      jobObject({ id: 'ftjob-bare', created_at: now, training_file: 'file-train' }),
    ]);

    const error = await recoverCreatedJob(recovery(jobs, suffixTagging), new Error('reset')).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(AmbiguousResultError);
    expect((error as AmbiguousResultError).message).toContain(`without suffix ${shortTag('abc')}`);
  });
});
