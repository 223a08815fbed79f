import type { TuneKit } from '../client.ts';
import { PROVIDER_FEATURES, VERSION } from '../index.ts';
import { ask, parseAsk } from './api/chat.ts';
import { CostBook } from './api/cost.ts';
import { formatCursors, MAX_STREAM_JOBS, parseCursors } from './api/cursors.ts';
import { jobDetail, metricsOf } from './api/job-detail.ts';
import { JobFeeds } from './api/job-feed.ts';
import { jobRow } from './api/job-view.ts';
import { JobsWatcher } from './api/jobs-watch.ts';
import { Lifecycles } from './api/lifecycles.ts';
import type { MetricPoint } from './api/metrics.ts';
import { describeError, type PageError } from './api/page-error.ts';
import { listReports, readReport } from './api/reports.ts';
import type { Assets } from './server/assets.ts';
import { HttpError, json, type Reply, type UiRequest } from './server/reply.ts';
import type { Route } from './server/router.ts';
import type { SseChannel } from './server/sse.ts';

/** What the dashboard shows and talks to. */
export interface UiAppOptions {
  /** The client, or why there is none (no key, bad settings): the page then says so. */
  client: TuneKit | { problem: unknown };
  /** The page's files. */
  assets: Assets;
  /** Running on tunekit's fake API (`--fake`). */
  fake?: boolean | undefined;
  /** The clock jobs are measured against, in ms (the fake's under `--fake`). Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Where `tunekit eval --html` reports are listed from; null for none. */
  reportsDir?: string | null | undefined;
  /** Pause between looks at the job list while a tab watches. Default 5,000 ms. */
  jobsPollMs?: number | undefined;
  /** Pause between polls of a followed job. Default 1,000 ms. */
  followPollMs?: number | undefined;
}

/** The routes of the dashboard, and what to stop when the server stops. */
export interface UiApp {
  routes: Route[];
  close(): void;
}

function until(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function failure(error: PageError, status = 502): never {
  throw new HttpError(status, { error });
}

/** File names offered for download: letters, digits, dot, dash and underscore only. */
function safeFilename(name: string): string {
  const cleaned = name.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '');
  return cleaned.slice(0, 120) || 'download';
}

const ACTIONS = ['cancel', 'pause', 'resume'] as const;

/**
 * Builds the dashboard: the page, its JSON API and its event streams, over one client. A job
 * list watcher and the job feeds are shared by every tab.
 *
 * @example
 * const app = createUiApp({ client, assets });
 * const server = await serve({ routes: app.routes, redact });
 */
export function createUiApp(options: UiAppOptions): UiApp {
  const { assets } = options;
  const now = options.now ?? Date.now;
  const client = 'problem' in options.client ? undefined : options.client;
  const problem = 'problem' in options.client ? describeError(options.client.problem) : null;

  let watcher: JobsWatcher | undefined;
  let feeds: JobFeeds | undefined;
  let costs: CostBook | undefined;
  let lifecycles: Lifecycles | undefined;
  if (client) {
    const refresh = () => watcher?.changed();
    costs = new CostBook(client, refresh);
    lifecycles = new Lifecycles(client, refresh);
    watcher = new JobsWatcher(client, costs, lifecycles, { pollMs: options.jobsPollMs, now });
    feeds = new JobFeeds(client, {
      pollMs: options.followPollMs,
      maxPollMs: options.followPollMs,
      onJob: (job) => watcher?.observe(job),
    });
  }
  const finishedMetrics = new Map<string, MetricPoint[]>();

  /** The pieces that need a client; a 503 with the reason when there is none. */
  function connected() {
    if (!client || !watcher || !feeds || !costs || !lifecycles) {
      throw new HttpError(503, { error: problem });
    }
    return { client, watcher, feeds, costs, lifecycles };
  }

  const asset = (name: string): Reply => {
    const file = assets.get(name);
    if (!file) throw new HttpError(404, { error: { message: 'No such file.' } });
    return { status: 200, type: file.type, body: file.body };
  };

  const session = (): Reply =>
    json({
      version: VERSION,
      fake: options.fake === true,
      provider: client
        ? { name: client.provider.name, label: client.provider.label, baseURL: client.baseURL }
        : null,
      features: client
        ? Object.fromEntries(PROVIDER_FEATURES.map((f) => [f, client.provider.supports(f)]))
        : {},
      problem,
      reports: options.reportsDir ?? null,
      now: Math.floor(now() / 1000),
    });

  /**
   * One event stream per tab for everything it shows: the job list (`list=1`) and the events
   * of up to 8 jobs (`job=<id>`, repeated), each resumed from the tab's position in it.
   */
  const events = (request: UiRequest): Reply => ({
    async sse(channel: SseChannel) {
      const stops: Array<() => void> = [];
      const jobs = [...new Set(request.query.getAll('job'))].slice(0, MAX_STREAM_JOBS);
      const cursors = parseCursors(channel.lastEventId ?? request.query.get('after'));
      if (request.query.get('list') === '1') {
        if (!watcher) {
          channel.send('problem', { error: problem });
        } else {
          const first = await watcher.snapshot();
          if (channel.signal.aborted) return;
          channel.send('snapshot', first);
          stops.push(watcher.subscribe((update) => channel.send('update', update), first.jobs));
        }
      }
      if (feeds) {
        for (const jobId of jobs) {
          stops.push(
            feeds.subscribe(jobId, cursors.get(jobId) ?? 0, (message) => {
              if (message.type === 'event') cursors.set(jobId, message.seq);
              channel.send(
                message.type,
                { jobId, ...message },
                message.type === 'event' ? formatCursors(cursors) : undefined,
              );
            }),
          );
        }
      } else if (jobs.length > 0) {
        channel.send('problem', { error: problem });
      }
      await until(channel.signal);
      for (const stop of stops) stop();
    },
  });

  const detail = async (request: UiRequest, [id]: string[]): Promise<Reply> => {
    const live = connected();
    try {
      const job = await live.client.jobs.retrieve(id as string, { signal: request.signal });
      live.watcher.observe(job);
      const row = jobRow(job, now() / 1000, live.costs, live.lifecycles);
      return json(await jobDetail(live.client, job, row));
    } catch (error) {
      const described = describeError(error);
      return failure(described, described.kind === 'not-found' ? 404 : 502);
    }
  };

  const metrics = async (request: UiRequest, [id]: string[]): Promise<Reply> => {
    const live = connected();
    const cached = finishedMetrics.get(id as string);
    if (cached) return json({ points: cached });
    try {
      const job = await live.client.jobs.retrieve(id as string, { signal: request.signal });
      const { points } = await metricsOf(live.client, job.id);
      if (job.finished_at && (job.result_files ?? []).length > 0) {
        if (finishedMetrics.size >= 50) finishedMetrics.clear();
        finishedMetrics.set(job.id, points);
      }
      return json({ points });
    } catch (error) {
      return json({ points: [], error: describeError(error) });
    }
  };

  const act = async (request: UiRequest, [id, action]: string[]): Promise<Reply> => {
    const live = connected();
    await request.json();
    const verb = ACTIONS.find((a) => a === action);
    if (!verb) throw new HttpError(404, { error: { message: 'No such action.' } });
    try {
      const job = await live.client.jobs[verb](id as string);
      live.watcher.observe(job);
      return json({ job: jobRow(job, now() / 1000, live.costs, live.lifecycles) });
    } catch (error) {
      const described = describeError(error);
      return failure(described, described.kind === 'not-supported' ? 409 : 502);
    }
  };

  const download = async (request: UiRequest, [id]: string[]): Promise<Reply> => {
    const live = connected();
    try {
      const file = await live.client.files.retrieve(id as string, { signal: request.signal });
      const content = await live.client.files.content(file.id, { signal: request.signal });
      return {
        status: 200,
        type: 'application/octet-stream',
        headers: {
          'content-disposition': `attachment; filename="${safeFilename(file.filename)}"`,
        },
        stream: (content.body ?? new ReadableStream()) as AsyncIterable<Uint8Array>,
      };
    } catch (error) {
      const described = describeError(error);
      return failure(described, described.kind === 'not-found' ? 404 : 502);
    }
  };

  const chat = async (request: UiRequest): Promise<Reply> => {
    const live = connected();
    const parsed = parseAsk(await request.json());
    if (typeof parsed === 'string') throw new HttpError(400, { error: { message: parsed } });
    return {
      async sse(channel) {
        for await (const message of ask(live.client, parsed, channel.signal)) {
          channel.send(message.type, message);
        }
      },
    };
  };

  const reports = async (): Promise<Reply> =>
    json({
      dir: options.reportsDir ?? null,
      reports: options.reportsDir ? await listReports(options.reportsDir) : [],
    });

  const report = async (_request: UiRequest, [name]: string[]): Promise<Reply> => {
    const body = options.reportsDir
      ? await readReport(options.reportsDir, name as string)
      : undefined;
    if (!body) throw new HttpError(404, { error: { message: 'No such report.' } });
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body,
      // The report is a document of its own: no scripts at all, not even ours.
      headers: {
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; sandbox",
      },
    };
  };

  const routes: Route[] = [
    { method: 'GET', pattern: /^$/, handler: () => asset('index.html') },
    {
      method: 'GET',
      pattern: /^assets\/([\w.-]+)$/,
      handler: (_r, [name]) => asset(name as string),
    },
    { method: 'GET', pattern: /^api\/session$/, handler: session },
    {
      method: 'GET',
      pattern: /^api\/jobs$/,
      handler: async () => json(await connected().watcher.snapshot()),
    },
    { method: 'GET', pattern: /^api\/events$/, handler: events },
    { method: 'GET', pattern: /^api\/jobs\/([^/]+)$/, handler: detail },
    { method: 'GET', pattern: /^api\/jobs\/([^/]+)\/metrics$/, handler: metrics },
    { method: 'POST', pattern: /^api\/jobs\/([^/]+)\/(cancel|pause|resume)$/, handler: act },
    { method: 'GET', pattern: /^api\/files\/([^/]+)\/content$/, handler: download },
    { method: 'POST', pattern: /^api\/chat$/, handler: chat },
    { method: 'GET', pattern: /^api\/reports$/, handler: reports },
    { method: 'GET', pattern: /^reports\/([^/]+)$/, handler: report },
  ];

  return {
    routes,
    close() {
      watcher?.close();
      feeds?.close();
    },
  };
}
