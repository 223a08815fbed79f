import type { HttpHandler } from 'msw';
import type { FineTuningJob } from '../schemas/fine-tuning-job.ts';
import { type FakeFetch, fetchAdapter } from './adapters/fetch.ts';
import { mswHandlers } from './adapters/msw.ts';
import { type FakeServer, type ListenOptions, listenOn } from './adapters/node-server.ts';
import { DEFAULT_ORIGINS, TOGETHER_ORIGINS } from './adapters/origins.ts';
import type { RecordedCall } from './call-log.ts';
import { type AnswerScript, ScriptedAnswers, type ScriptHandle } from './chat/scripted-answers.ts';
import { Clock } from './clock.ts';
import { createDispatcher, type FakeHandler, OPENAI_BASES } from './dispatch.ts';
import type { FaultHandle, FaultSpec } from './faults/fault.ts';
import { FaultPlan } from './faults/fault-plan.ts';
import { Router } from './http/router.ts';
import { JobEngine, type RunUntil } from './jobs/engine.ts';
import { serializeJob } from './jobs/job-record.ts';
import { togetherNarrator } from './jobs/narrator.ts';
import { DEFAULT_TIMINGS } from './jobs/plan.ts';
import { DEFAULT_CATALOG, ModelCatalog, TOGETHER_CATALOG } from './models/catalog.ts';
import type { FakeOpenAIOptions } from './options.ts';
import { chatRoutes } from './routes/chat.ts';
import { fileRoutes } from './routes/files.ts';
import { jobRoutes } from './routes/jobs.ts';
import { modelRoutes } from './routes/models.ts';
import { togetherChatRoutes } from './routes/together/chat.ts';
import { togetherFileRoutes } from './routes/together/files.ts';
import { togetherJobRoutes } from './routes/together/jobs.ts';
import { togetherModelRoutes } from './routes/together/models.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { FakeState } from './state.ts';
import type { World } from './world.ts';

/** A stateful fake of the fine-tuning API, with three ways in: msw, a real port, a `fetch`. */
export interface FakeOpenAI {
  /**
   * The fake itself: a web `Request` in, a `Response` out; `Response.error()` stands for a
   * dropped connection.
   *
   * @example
   * const response = await fake.handle(
   *   new Request('https://api.openai.com/v1/models', { headers: { authorization: 'Bearer sk-test' } }),
   * );
   */
  readonly handle: FakeHandler;
  /**
   * msw request handlers for the fake's origins (OpenAI and Azure by default). Needs msw 2 or 3
   * installed; msw is loaded the first time this is read.
   *
   * @example
   * const server = setupServer(...fake.handlers);
   * server.listen();
   */
  readonly handlers: HttpHandler[];
  /**
   * A `fetch` served by the fake (no msw, no port), for clients with a `fetch` option. A
   * dropped connection rejects with a `TypeError`, as a real fetch does.
   *
   * @example
   * const client = new TuneKit({ apiKey: 'sk-test', fetch: fake.fetch });
   */
  readonly fetch: FakeFetch;
  /**
   * Every request received, oldest first: method, path, route, query, headers without
   * credentials, parsed body, and the status answered.
   *
   * @example
   * expect(fake.calls.find((call) => call.route === 'jobs.create')?.body).toMatchObject({ suffix: 'geo' });
   */
  readonly calls: readonly RecordedCall[];
  /**
   * Names of the routes, for `inject({ route })`.
   *
   * @example
   * console.log(fake.routes); // ['files.create', 'files.list', …, 'chat.completions.create']
   */
  readonly routes: readonly string[];
  /**
   * Serves the fake on a real port (127.0.0.1, any free port by default).
   *
   * @example
   * const server = await fake.listen();
   * const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.baseURL });
   * // …
   * await server.close();
   */
  listen(options?: ListenOptions): Promise<FakeServer>;
  /**
   * Scripts a failure for the next matching requests: an error status, a delay, a dropped
   * connection (before or after the request was processed) or a cut stream.
   *
   * @example
   * fake.inject({ route: 'jobs.create', dropConnection: 'after' });
   * fake.inject({ route: 'jobs.events', status: 429, retryAfter: 1, times: 3 });
   */
  inject(fault: FaultSpec): FaultHandle;
  /**
   * Scripts what a model answers: replies by question (the last user message's text) or a
   * function of the question and the request; questions without a reply get the usual answer.
   * For the model name as requested or its snapshot (`gpt-4o-mini` or
   * `gpt-4o-mini-2024-07-18`), base or fine-tuned.
   *
   * @example
   * fake.scriptAnswers('gpt-4o-mini', { 'What is 2 + 2?': '4' });
   * fake.scriptAnswers('gpt-4o', (question) => (question.includes('refund') ? '{"intent":"returns"}' : undefined));
   * fake.scriptAnswers('gpt-4o-mini', { 'Weather in Oslo?': { toolCalls: [{ name: 'weather', arguments: '{"city":"Oslo"}' }] } });
   */
  scriptAnswers(model: string, script: AnswerScript): ScriptHandle;
  /**
   * Moves simulated time forward by `ms`; jobs progress accordingly.
   *
   * @example
   * const fake = createFakeOpenAI({ clock: 'manual' });
   * fake.advance(60_000); // a minute later
   */
  advance(ms: number): void;
  /**
   * Runs one job at once, to its end or until it reaches `until`; other jobs do not move.
   * Returns the job in OpenAI's shape (also for the Together flavour: `fine_tuned_model`,
   * `status: 'succeeded'`), as a tunekit client reads it.
   *
   * @example
   * const job = fake.runJob(created.id);
   * console.log(job.fine_tuned_model);
   * fake.runJob(other.id, { until: 'running' }); // then pause it
   */
  runJob(jobId: string, options?: { until?: RunUntil }): FineTuningJob;
  /**
   * Deploys a model under a name, as Azure needs before it serves a fine-tuned model: chat
   * requests to the Azure flavour (`/openai/v1`) name the deployment in `model`. Stands in for
   * the Azure control-plane step (portal, `az cognitiveservices account deployment create`),
   * which is not part of the data-plane API. Deploying a name again points it at the new model.
   *
   * @example
   * const job = fake.runJob(created.id);
   * fake.deploy({ model: job.fine_tuned_model!, name: 'support-bot' });
   * // client.chat.completions.create({ model: 'support-bot', … }) on /openai/v1
   */
  deploy(deployment: { model: string; name: string }): void;
  /**
   * The current simulated time.
   *
   * @example
   * const before = fake.now();
   */
  now(): Date;
  /**
   * Forgets every file, upload, job, trained model, deployment, call, fault and scripted answer
   * (the clock keeps its time).
   *
   * @example
   * afterEach(() => fake.reset());
   */
  reset(): void;
}

function startOf(value: Date | number | undefined): number {
  if (value === undefined) return Date.now();
  return value instanceof Date ? value.getTime() : value;
}

/**
 * Creates a fake of the fine-tuning API: files, uploads, fine-tuning jobs, models and chat
 * completions over in-memory state, at `/v1` (Bearer key) and `/openai/v1` (`api-key` header).
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createFakeOpenAI } from 'tunekit/testing';
 *
 * const fake = createFakeOpenAI();
 * const server = setupServer(...fake.handlers);
 * server.listen();
 * // … code under test calls https://api.openai.com/v1 …
 * expect(fake.calls.map((call) => call.route)).toContain('jobs.create');
 *
 * @example
 * const fake = createFakeOpenAI({ clock: { speed: 100 } });
 * const server = await fake.listen({ port: 4010 });
 * console.log(`OPENAI_BASE_URL=${server.baseURL}`);
 */
export function createFakeOpenAI(options: FakeOpenAIOptions = {}): FakeOpenAI {
  const mode = options.clock ?? 'instant';
  const together = options.provider === 'together';
  const clock = new Clock(mode, startOf(options.startTime));
  const state = new FakeState();
  const catalog = new ModelCatalog(
    options.models ?? (together ? TOGETHER_CATALOG : DEFAULT_CATALOG),
  );
  const organization = {
    id: options.organization?.id ?? (together ? 'user-tunekitfake' : 'org-tunekitfake'),
    // Together names fine-tuned models after the account (`<user>/<model>-<suffix>-<id>`).
    name: options.organization?.name ?? (together ? 'tunekit-fake' : 'personal'),
  };
  const jobs = new JobEngine({
    state,
    clock,
    instant: mode === 'instant',
    ownerName: organization.id,
    shutdownDateOf: (snapshot) => catalog.find(snapshot)?.shutdown_date,
    ...(together ? { narrator: togetherNarrator, resultFiles: false } : {}),
  });
  const world: World = {
    state,
    clock,
    catalog,
    jobs,
    organization,
    timings: { ...DEFAULT_TIMINGS, ...options.timings },
    fileProcessingMs: options.fileProcessingMs ?? 0,
    scripts: new ScriptedAnswers(),
  };
  const router = new Router(
    together
      ? [...togetherFileRoutes, ...togetherJobRoutes, ...togetherModelRoutes, ...togetherChatRoutes]
      : [...fileRoutes, ...uploadRoutes, ...jobRoutes, ...modelRoutes, ...chatRoutes],
  );
  const faults = new FaultPlan(router.routes);
  const calls: RecordedCall[] = [];
  const handle = createDispatcher({
    world,
    router,
    faults,
    calls,
    acceptedKeys: options.apiKeys,
    bases: together ? [['/v1', 'together']] : OPENAI_BASES,
  });
  let handlers: HttpHandler[] | undefined;

  const findJob = (jobId: string) => {
    const job = state.jobs.get(jobId);
    if (!job) throw new Error(`fake.runJob(): no job ${jobId} in the fake.`);
    return job;
  };

  return {
    handle,
    get handlers() {
      handlers ??= mswHandlers(
        handle,
        options.origins ?? (together ? TOGETHER_ORIGINS : DEFAULT_ORIGINS),
      );
      return handlers;
    },
    fetch: fetchAdapter(handle),
    calls,
    routes: router.routes.map((route) => route.name),
    listen: (listenOptions) => listenOn(handle, listenOptions),
    inject: (fault) => faults.add(fault),
    scriptAnswers: (model, script) => world.scripts.add(model, script),
    advance(ms) {
      clock.advance(ms);
      jobs.tick();
    },
    runJob(jobId, runOptions) {
      jobs.tick();
      const job = findJob(jobId);
      jobs.run(job, runOptions?.until);
      return serializeJob(job);
    },
    deploy({ model, name }) {
      if (typeof name !== 'string' || name.trim() === '') {
        throw new Error('fake.deploy(): the deployment needs a non-empty name.');
      }
      if (!state.trainedModels.has(model) && !catalog.find(model)) {
        throw new Error(`fake.deploy(): no model ${model} in the fake (train it first).`);
      }
      state.deployments.set(name, model);
    },
    now: () => new Date(clock.now()),
    reset() {
      state.clear();
      faults.clear();
      world.scripts.clear();
      calls.length = 0;
    },
  };
}
