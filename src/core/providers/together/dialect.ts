import type { QueryInit } from '../../query.ts';
import type { AnswerContext, Translation, TransportDialect, WireRequest } from '../dialect.ts';
import { CLIENT_TOKEN_KEY } from './client-token.ts';
import { togetherCheckpoint, togetherEvents, togetherMetrics } from './events.ts';
import { togetherFile, togetherFileDeleted } from './files.ts';
import { type Refuse, togetherJob, togetherJobBody } from './jobs.ts';
import { idInPath, type Json, objectOf, objectsOf } from './json.ts';
import { newestFirst, pageOf } from './lists.ts';
import { togetherModels } from './models.ts';

/** One route of tunekit's (OpenAI-shaped) API and how it goes to Together's. */
interface Route {
  method: WireRequest['method'];
  /** Path below the base URL, `[^/]+` for an id. */
  path: RegExp;
  translate(request: WireRequest, refuse: Refuse): Translation;
}

const ID = '([^/]+)';
const JOB = `/fine_tuning/jobs/${ID}`;
const exactly = (pattern: string) => new RegExp(`^${pattern}$`);

/** The items of Together's `{"data": [...]}` lists. */
const dataOf = (value: unknown) => objectsOf(objectOf(value)?.data);

/** A request sent as it is, its answer mapped. */
const same =
  (answer: (json: unknown, context: AnswerContext) => unknown) =>
  (request: WireRequest): Translation => ({ request, answer });

/** Together's lists take no parameters: the query is applied to the answer instead. */
const withoutQuery = (request: WireRequest, path = request.path): WireRequest => ({
  ...request,
  path,
  query: undefined,
});

/** Files newest first (or oldest with `order: asc`), of one purpose if asked. */
function fileList(query: QueryInit | undefined) {
  return (json: unknown) => {
    const purpose = query?.purpose;
    const files = dataOf(json)
      .map((file) => togetherFile(file) as Json & { id: string; created_at?: unknown })
      .filter((file) => purpose === undefined || file.purpose === purpose);
    const ordered = newestFirst(files);
    return pageOf(query?.order === 'asc' ? ordered.reverse() : ordered, query);
  };
}

/**
 * The job list filter Together can answer: tunekit's own client token, read back from each
 * job's suffix (see `jobs.ts`) and applied on this side. Any other metadata filter is refused —
 * Together's jobs have none.
 */
function tokenFilter(query: QueryInit | undefined, refuse: Refuse): string | undefined {
  const metadata = objectOf(query?.metadata);
  if (!metadata) return undefined;
  const keys = Object.keys(metadata).filter((key) => metadata[key] !== undefined);
  const others = keys.filter((key) => key !== CLIENT_TOKEN_KEY);
  if (others.length > 0) {
    refuse(
      'jobs.metadata',
      "Together AI's fine-tuning jobs have no metadata to filter by; list them all and filter on your side (by suffix, model or training file).",
    );
  }
  const token = metadata[CLIENT_TOKEN_KEY];
  return typeof token === 'string' ? token : undefined;
}

function jobList(query: QueryInit | undefined, refuse: Refuse) {
  const token = tokenFilter(query, refuse);
  return (json: unknown) => {
    const jobs = dataOf(json)
      .map((job) => togetherJob(job) as Json & { id: string; metadata?: unknown })
      .filter((job) => token === undefined || objectOf(job.metadata)?.[CLIENT_TOKEN_KEY] === token);
    return pageOf(newestFirst(jobs), query);
  };
}

/** The id in a path like `/fine_tuning/jobs/{id}/…`. */
const jobIdOf = (request: WireRequest) => idInPath(request.path, 3);

const ROUTES: Route[] = [
  {
    method: 'GET',
    path: exactly('/files'),
    translate: (request) => ({ request: withoutQuery(request), answer: fileList(request.query) }),
  },
  { method: 'GET', path: exactly(`/files/${ID}`), translate: same(togetherFile) },
  {
    method: 'DELETE',
    path: exactly(`/files/${ID}`),
    translate: (request) => ({
      request,
      answer: (json) => togetherFileDeleted(idInPath(request.path, 2), json),
    }),
  },
  {
    method: 'POST',
    path: exactly('/fine_tuning/jobs'),
    translate: (request, refuse) => {
      const body = request.body;
      if (body?.kind !== 'json') return { request, answer: togetherJob };
      return {
        request: {
          ...request,
          path: '/fine-tunes',
          body: { kind: 'json', value: togetherJobBody(body.value, refuse) },
        },
        answer: togetherJob,
      };
    },
  },
  {
    method: 'GET',
    path: exactly('/fine_tuning/jobs'),
    translate: (request, refuse) => ({
      request: withoutQuery(request, '/fine-tunes'),
      answer: jobList(request.query, refuse),
    }),
  },
  {
    method: 'GET',
    path: exactly(JOB),
    translate: (request) => ({
      request: { ...request, path: `/fine-tunes/${request.path.split('/')[3]}` },
      answer: togetherJob,
    }),
  },
  {
    method: 'POST',
    path: exactly(`${JOB}/cancel`),
    translate: (request) => ({
      request: { ...request, path: `/fine-tunes/${request.path.split('/')[3]}/cancel` },
      answer: togetherJob,
    }),
  },
  {
    method: 'GET',
    path: exactly(`${JOB}/events`),
    translate: (request) => ({
      request: withoutQuery(request, `/fine-tunes/${request.path.split('/')[3]}/events`),
      answer: (json) =>
        pageOf(
          togetherEvents(jobIdOf(request), dataOf(json)).reverse() as Array<Json & { id: string }>,
          request.query,
        ),
    }),
  },
  {
    method: 'GET',
    path: exactly(`${JOB}/checkpoints`),
    translate: (request) => ({
      request: withoutQuery(request, `/fine-tunes/${request.path.split('/')[3]}/checkpoints`),
      answer: (json) => {
        const checkpoints = dataOf(json)
          .map((item) => togetherCheckpoint(jobIdOf(request), item) as Json & { id: string })
          .sort((a, b) => (b.step_number as number) - (a.step_number as number));
        return pageOf(checkpoints, request.query);
      },
    }),
  },
  {
    // tunekit's own name for Together's metrics endpoint (OpenAI's API has none).
    method: 'GET',
    path: exactly(`${JOB}/metrics`),
    translate: (request) => ({
      request: { ...request, path: `/fine-tunes/${request.path.split('/')[3]}/metrics` },
      answer: togetherMetrics,
    }),
  },
  {
    // tunekit's own name for Together's weights download.
    method: 'GET',
    path: exactly(`${JOB}/download`),
    translate: (request) => ({
      request: {
        ...request,
        path: '/finetune/download',
        query: { ...request.query, ft_id: jobIdOf(request) },
      },
    }),
  },
  { method: 'GET', path: exactly('/models'), translate: same(togetherModels) },
  {
    // Together has no GET /models/{id}: the model is looked up in the list.
    method: 'GET',
    path: exactly(`/models/${ID}`),
    translate: (request) => {
      const id = idInPath(request.path, 2);
      return {
        request: withoutQuery(request, '/models'),
        answer: (json, context) => {
          const found = togetherModels(json).data.find((model) => objectOf(model)?.id === id);
          if (found === undefined)
            throw context.notFound(`The model ${id} is not among Together AI's models.`);
          return found;
        },
      };
    },
  },
  {
    method: 'POST',
    path: exactly('/chat/completions'),
    translate: (request) => {
      const body = request.body;
      if (body?.kind !== 'json') return { request };
      // Together's API has no stream_options (usage comes with the last chunk anyway), and
      // calls OpenAI's max_completion_tokens max_tokens.
      const {
        stream_options: _options,
        max_completion_tokens: limit,
        ...value
      } = objectOf(body.value) ?? {};
      if (limit !== undefined && value.max_tokens === undefined) value.max_tokens = limit;
      return { request: { ...request, body: { kind: 'json', value } } };
    },
  },
];

/**
 * Together AI's dialect: tunekit's requests (OpenAI's paths and shapes) as Together's API
 * takes them, and its answers as tunekit's objects. `refuse` raises the provider's
 * `NotSupportedByProviderError`. Routes not listed (file content, the upload's first step) are
 * the same in both APIs.
 */
export function togetherDialect(refuse: Refuse): TransportDialect {
  return (request) => {
    const route = ROUTES.find(
      (candidate) => candidate.method === request.method && candidate.path.test(request.path),
    );
    return route ? route.translate(request, refuse) : { request };
  };
}
