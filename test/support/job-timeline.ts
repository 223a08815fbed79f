import { HttpResponse, http } from 'msw';
import type { FineTuningJobEvent } from '../../src/index.ts';
import { BASE_URL } from './constants.ts';
import { eventObject, jobObject, list } from './fixtures.ts';

/**
 * msw handlers for one job that advances as it is polled: every `GET` of the job moves it one
 * step, revealing the next event; after the last event the job ends with `finalStatus`. The
 * events endpoint pages newest first with `after`, as the real one does. `fail(n)` decides
 * per request whether to answer with a failure instead.
 */
export function jobTimeline(options: {
  jobId?: string;
  events: number;
  finalStatus?: 'succeeded' | 'failed' | 'cancelled';
  error?: { code: string; message: string; param: string | null };
  fail?: (request: number, path: string) => Response | undefined;
}) {
  const jobId = options.jobId ?? 'ftjob-follow';
  const all: FineTuningJobEvent[] = Array.from({ length: options.events }, (_, i) =>
    eventObject(i + 1, { message: `event ${i + 1}` }),
  );
  let revealed = 0;
  let requests = 0;
  const status = () => (revealed < all.length ? 'running' : (options.finalStatus ?? 'succeeded'));

  const handlers = [
    http.get(`${BASE_URL}/fine_tuning/jobs/${jobId}`, ({ request }) => {
      requests += 1;
      const failure = options.fail?.(requests, new URL(request.url).pathname);
      if (failure) return failure;
      revealed = Math.min(all.length, revealed + 1);
      const final = status();
      return HttpResponse.json(
        jobObject({
          id: jobId,
          status: final,
          fine_tuned_model: final === 'succeeded' ? `ft:gpt-4o-mini:org::${jobId}` : null,
          error:
            final === 'failed' && options.error
              ? options.error
              : { code: null, message: null, param: null },
        }),
      );
    }),
    http.get(`${BASE_URL}/fine_tuning/jobs/${jobId}/events`, ({ request }) => {
      requests += 1;
      const url = new URL(request.url);
      const failure = options.fail?.(requests, url.pathname);
      if (failure) return failure;
      const newestFirst = all.slice(0, revealed).reverse();
      const after = url.searchParams.get('after');
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const start = after ? newestFirst.findIndex((e) => e.id === after) + 1 : 0;
      const page = newestFirst.slice(start, start + limit);
      return HttpResponse.json(list(page, { has_more: start + limit < newestFirst.length }));
    }),
  ];
  return { jobId, handlers, events: all };
}
