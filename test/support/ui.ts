import { mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type ClientOptions, TuneKit } from '../../src/index.ts';
import { createFakeOpenAI, type FakeOpenAI } from '../../src/testing/index.ts';
import type { UiServer } from '../../src/ui/server/http-server.ts';
import { type StartUiOptions, startUi } from '../../src/ui/start.ts';
import { supervised, TEST_API_KEY, uploadTrainingFile } from './fake-client.ts';
import { chatTrainingFile } from './training-data.ts';

/** Where the browser tests keep their screenshots (gitignored: `.tmp/`). */
export const UI_ARTIFACTS = resolve(import.meta.dirname, '../../.tmp/artifacts/ui');

/** The jobs a dashboard fixture holds, by what state they are in. */
export interface FixtureJobs {
  succeeded: string;
  failed: string;
  running: string;
  validating: string;
}

/** A dashboard on a fake with a manual clock: time moves only with `fake.advance`. */
export interface UiFixture {
  fake: FakeOpenAI;
  client: TuneKit;
  server: UiServer;
  url: string;
  jobs: FixtureJobs;
  close(): Promise<void>;
}

/** The client the dashboard uses: the fake through `fake.fetch`, no retries, quiet. */
export function uiClient(fake: FakeOpenAI, options: ClientOptions = {}): TuneKit {
  return new TuneKit({
    apiKey: TEST_API_KEY,
    baseURL: 'https://api.openai.com/v1',
    fetch: fake.fetch,
    maxRetries: 0,
    logLevel: 'off',
    ...options,
  });
}

/**
 * Jobs in four states on a manual-clock fake: one succeeded (with a validation file, 36
 * steps), one failed (too few examples), one training (10 steps in) and one just created.
 */
export async function seedJobs(fake: FakeOpenAI, client: TuneKit): Promise<FixtureJobs> {
  const training = await uploadTrainingFile(client, chatTrainingFile(12), 'capitals.jsonl');
  const validation = await uploadTrainingFile(client, chatTrainingFile(4), 'capitals.valid.jsonl');
  const tiny = await uploadTrainingFile(client, chatTrainingFile(3), 'tiny.jsonl');
  const create = (suffix: string, file = training) =>
    client.jobs.create(
      {
        model: 'gpt-4o-mini-2024-07-18',
        training_file: file,
        validation_file: file === training ? validation : undefined,
        suffix,
        method: supervised({ n_epochs: 3, batch_size: 1 }),
      },
      { lifecycleWarning: false },
    );
  const succeeded = (await create('done')).id;
  fake.runJob(succeeded);
  const failed = (await create('tiny', tiny)).id;
  fake.runJob(failed);
  const running = (await create('live')).id;
  fake.runJob(running, { until: 'running' });
  fake.advance(10_000);
  const validating = (await create('next')).id;
  return { succeeded, failed, running, validating };
}

/**
 * Starts the dashboard in this process on a fresh manual-clock fake with {@link seedJobs}
 * (unless `seed: false`).
 */
export async function startUiOnFake(
  options: { seed?: boolean; client?: ClientOptions; start?: Partial<StartUiOptions> } = {},
): Promise<UiFixture> {
  const fake = createFakeOpenAI({ clock: 'manual' });
  const client = uiClient(fake, options.client);
  const jobs =
    options.seed === false
      ? { succeeded: '', failed: '', running: '', validating: '' }
      : await seedJobs(fake, client);
  const server = await startUi({
    client,
    now: () => fake.now().getTime(),
    secrets: [TEST_API_KEY],
    reportsDir: null,
    ...options.start,
  });
  return {
    fake,
    client,
    server,
    url: server.url,
    jobs,
    async close() {
      await server.close();
      await client.close();
    },
  };
}

/** A raw HTTP request with any headers (fetch forbids setting `Host`). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        setHost: options.headers?.host === undefined,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Takes a full-page screenshot into {@link UI_ARTIFACTS} and measures how much it varies:
 * the standard deviation of the pixels' brightness, and the share of pixels that differ from
 * the most common colour (a blank page has both near 0). Decoded in the browser itself.
 */
export async function screenshotStats(page: Page, name: string) {
  mkdirSync(UI_ARTIFACTS, { recursive: true });
  const path = join(UI_ARTIFACTS, `${name}.png`);
  const png = await page.screenshot({ path, fullPage: true });
  const analysis = await page.context().newPage();
  try {
    return {
      path,
      ...(await analysis.evaluate(async (base64) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d') as CanvasRenderingContext2D;
        context.drawImage(image, 0, 0);
        const data = context.getImageData(0, 0, image.width, image.height).data;
        const counts = new Map<number, number>();
        let sum = 0;
        let squares = 0;
        const pixels = data.length / 4;
        for (let i = 0; i < data.length; i += 4) {
          const r = data[i] ?? 0;
          const g = data[i + 1] ?? 0;
          const b = data[i + 2] ?? 0;
          const key = (r << 16) | (g << 8) | b;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          const light = 0.299 * r + 0.587 * g + 0.114 * b;
          sum += light;
          squares += light * light;
        }
        const mean = sum / pixels;
        const top = Math.max(...counts.values());
        return {
          width: image.width,
          height: image.height,
          meanBrightness: mean,
          stdDev: Math.sqrt(Math.max(0, squares / pixels - mean * mean)),
          inkShare: 1 - top / pixels,
        };
      }, png.toString('base64'))),
    };
  } finally {
    await analysis.close();
  }
}
