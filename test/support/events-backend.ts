import type { FineTuningJobEvent } from '../../src/index.ts';
import { eventObject, jobObject, list } from './fixtures.ts';
import { sendJson, startLoopbackServer } from './loopback-server.ts';

/** How the loopback events API misbehaves. */
export interface EventsBackendOptions {
  /** Events the job writes in all. */
  events: number;
  /** Events revealed by each read of the job (default 1); the job ends after the last. */
  perPoll?: number;
  /** The order of the list: the API's newest first (default) or oldest first. */
  order?: 'newest-first' | 'oldest-first';
  /** Every page repeats its first event at its end. */
  duplicateInPage?: boolean;
  /** Each page starts at the `after` event itself instead of after it (pages overlap by one). */
  overlap?: boolean;
  /** `after` is ignored: every page is the first. */
  ignoreAfter?: boolean;
  /** Every page says `has_more: true`. */
  alwaysHasMore?: boolean;
  /** Requests (1-based, counting every request) whose connection is destroyed unanswered. */
  drop?: (request: number) => boolean;
}

/**
 * One job on a real 127.0.0.1 port whose events appear as it is polled, listed with `limit`
 * and `after` — in whatever wrong way it is told. Counts the requests it got.
 */
export async function startEventsBackend(options: EventsBackendOptions) {
  const jobId = 'ftjob-hostile';
  const all: FineTuningJobEvent[] = Array.from({ length: options.events }, (_, i) =>
    eventObject(i + 1, { message: `event ${i + 1}` }),
  );
  let revealed = 0;
  let requests = 0;
  /** When each events page was asked for (ms, performance.now()). */
  const pageTimes: number[] = [];
  const server = await startLoopbackServer((request, response) => {
    requests += 1;
    if (options.drop?.(requests)) {
      response.destroy();
      return;
    }
    const url = new URL(request.target, 'http://127.0.0.1');
    if (url.pathname === `/v1/fine_tuning/jobs/${jobId}`) {
      revealed = Math.min(all.length, revealed + (options.perPoll ?? 1));
      const done = revealed === all.length;
      sendJson(
        response,
        200,
        jobObject({
          id: jobId,
          status: done ? 'succeeded' : 'running',
          fine_tuned_model: done ? `ft:gpt-4o-mini:org::${jobId}` : null,
        }),
      );
      return;
    }
    if (url.pathname === `/v1/fine_tuning/jobs/${jobId}/events`) {
      pageTimes.push(performance.now());
      const shown = all.slice(0, revealed);
      const ordered = options.order === 'oldest-first' ? shown : [...shown].reverse();
      const after = options.ignoreAfter ? null : url.searchParams.get('after');
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const at = after === null ? -1 : ordered.findIndex((e) => e.id === after);
      const start = options.overlap ? Math.max(0, at) : at + 1;
      const page = ordered.slice(start, start + limit);
      const first = page[0];
      if (options.duplicateInPage && first) page.push(first);
      const hasMore = options.alwaysHasMore === true || start + limit < ordered.length;
      sendJson(response, 200, list(page, { has_more: hasMore }));
      return;
    }
    sendJson(response, 404, { error: { message: 'no such route' } });
  });
  return {
    baseURL: `${server.url}/v1`,
    jobId,
    events: all,
    requests: () => requests,
    pageTimes: () => [...pageTimes],
    close: () => server.close(),
  };
}
