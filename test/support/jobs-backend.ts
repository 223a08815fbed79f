import type { ServerResponse } from 'node:http';
import type { FineTuningJob } from '../../src/index.ts';
import { jobObject, list } from './fixtures.ts';
import { type SeenRequest, sendJson, startLoopbackServer } from './loopback-server.ts';

/** How the loopback jobs API misbehaves. Every delay is in real milliseconds. */
export interface JobsBackendOptions {
  /** A create is stored this long after the request arrived, then answered. */
  commitDelayMs?: number;
  /** A job shows up in the list this long after it was stored. */
  listLagMs?: number;
  /** The list ignores `metadata[…]` filters. */
  ignoreMetadataFilter?: boolean;
  /** The list ignores `after` (every page is the first). */
  ignoreAfter?: boolean;
  /** Jobs are stored without their metadata. */
  dropMetadata?: boolean;
  /**
   * The creates (1-based, in arrival order) that are stored and then lose their answer: the
   * connection is destroyed. A number n means the first n.
   */
  loseAnswers?: number | ((post: number) => boolean);
  /** The first n creates fail with a 503 before anything is stored. */
  refuseFirst?: number;
  /** The list fails with this status (e.g. 403). */
  listStatus?: number;
  /** Jobs other clients created, listed as newer than anything created here. */
  newerJobs?: number;
}

/**
 * A fine-tuning jobs API on a real 127.0.0.1 port that stores creates and lists them newest
 * first with `limit`, `after` and `metadata[key]=value` — and misbehaves as told. It counts
 * what it was asked and what it made.
 */
export async function startJobsBackend(options: JobsBackendOptions = {}) {
  const stored: Array<{ job: FineTuningJob; visibleAt: number }> = [];
  const others: FineTuningJob[] = Array.from({ length: options.newerJobs ?? 0 }, (_, i) =>
    jobObject({
      id: `ftjob-other-${i + 1}`,
      // Newer than anything this test creates: the server's clock is ahead by an hour here.
      created_at: Math.floor(Date.now() / 1000) + 3600 - i,
      training_file: 'file-someone-else',
      metadata: null,
    }),
  );
  let posts = 0;

  const create = async (request: SeenRequest, response: ServerResponse) => {
    posts += 1;
    const n = posts;
    if (n <= (options.refuseFirst ?? 0)) {
      sendJson(response, 503, { error: { message: 'overloaded', type: 'server_error' } });
      return;
    }
    const body = JSON.parse(request.body.toString('utf8')) as {
      model: string;
      training_file: string;
      metadata?: Record<string, string>;
    };
    if (options.commitDelayMs) await new Promise((r) => setTimeout(r, options.commitDelayMs));
    const job = jobObject({
      id: `ftjob-${stored.length + 1}`,
      created_at: Math.floor(Date.now() / 1000),
      model: body.model,
      training_file: body.training_file,
      status: 'validating_files',
      metadata: options.dropMetadata ? null : (body.metadata ?? null),
    });
    stored.push({ job, visibleAt: Date.now() + (options.listLagMs ?? 0) });
    const lose = options.loseAnswers;
    if (typeof lose === 'function' ? lose(n) : n <= (lose ?? 0)) {
      response.destroy();
      return;
    }
    if (!response.destroyed) sendJson(response, 200, job);
  };

  const listJobs = (url: URL, response: ServerResponse) => {
    if (options.listStatus) {
      sendJson(response, options.listStatus, { error: { message: 'no', type: 'invalid' } });
      return;
    }
    const now = Date.now();
    const filter = [...url.searchParams]
      .map(([name, value]) => [/^metadata\[(.+)\]$/.exec(name)?.[1], value] as const)
      .filter((pair): pair is readonly [string, string] => pair[0] !== undefined);
    const visible = [
      ...others,
      ...stored
        .filter((entry) => entry.visibleAt <= now)
        .map((entry) => entry.job)
        .reverse(),
    ].filter(
      (job) =>
        options.ignoreMetadataFilter ||
        filter.every(([key, value]) => job.metadata?.[key] === value),
    );
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const after = options.ignoreAfter ? null : url.searchParams.get('after');
    const start = after === null ? 0 : visible.findIndex((job) => job.id === after) + 1;
    const page = visible.slice(start, start + limit);
    sendJson(response, 200, list(page, { has_more: start + limit < visible.length }));
  };

  const server = await startLoopbackServer(async (request, response) => {
    const url = new URL(request.target, 'http://127.0.0.1');
    if (request.method === 'POST' && url.pathname === '/v1/fine_tuning/jobs') {
      await create(request, response);
    } else if (request.method === 'GET' && url.pathname === '/v1/fine_tuning/jobs') {
      listJobs(url, response);
    } else {
      sendJson(response, 404, { error: { message: `no route ${url.pathname}` } });
    }
  });
  return {
    baseURL: `${server.url}/v1`,
    /** Jobs stored by creates (not the `newerJobs` of others). */
    jobs: () => stored.map((entry) => entry.job),
    posts: () => posts,
    lists: () => server.seen.filter((r) => r.method === 'GET').length,
    close: () => server.close(),
  };
}
