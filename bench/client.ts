/**
 * Benchmark of the client against the official `openai` package, side by side in one run,
 * every case in its own child process, alternating between the two:
 *
 * - cold start: a fresh process imports the package, creates a client and retrieves one job
 *   from a local server (validated, for tunekit): the time from process start to that first
 *   answer, median of 15 each (tunekit's build in dist/, as users import it; the child is
 *   bench/cold-start.mjs, plain JavaScript, so nothing else is loaded or compiled), and the
 *   CPU time those processes used (steadier than wall time when the machine is busy);
 * - a 300 MB multipart upload from disk to a local sink: after a warm-up upload of 8 MB in
 *   the same process, how far RSS rose (peak `maxRSS`, exact) above where it stood before the
 *   upload, and the throughput; median of 3 each;
 * - 300 small JSON requests in sequence to a local server: requests per second, median of 3.
 *
 * Reports figures and ratios, never pass/fail.
 *
 *   npm run bench:client          # builds first: cold start is measured on dist/
 */
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = `${here}.data`;
const UPLOAD_BYTES = 300 * 1000 * 1000;
const WARM_BYTES = 8 * 1000 * 1000;
const KEY = 'sk-bench-0123456789abcdef';
const COLD_RUNS = 15;
const RUNS = 3;

type Contender = 'tunekit' | 'openai';
const CONTENDERS: readonly Contender[] = ['tunekit', 'openai'];

/** A client of either package, reduced to what the cases call. */
interface Client {
  retrieve(): Promise<unknown>;
  upload(path: string): Promise<unknown>;
}

async function makeClient(contender: Contender, baseURL: string): Promise<Client> {
  if (contender === 'tunekit') {
    const { TuneKit } = await import('../src/index.ts');
    const client = new TuneKit({ apiKey: KEY, baseURL });
    return {
      retrieve: () => client.jobs.retrieve('ftjob-bench'),
      upload: (path) => client.files.create({ file: path, purpose: 'fine-tune' }),
    };
  }
  const { default: OpenAI } = await import('openai');
  const { createReadStream } = await import('node:fs');
  const client = new OpenAI({ apiKey: KEY, baseURL });
  return {
    retrieve: () => client.fineTuning.jobs.retrieve('ftjob-bench'),
    // The official client's documented way to upload a file from disk.
    upload: (path) => client.files.create({ file: createReadStream(path), purpose: 'fine-tune' }),
  };
}

async function childUpload(contender: Contender, baseURL: string, warm: string, path: string) {
  const client = await makeClient(contender, baseURL);
  await client.upload(warm);
  const before = process.memoryUsage().rss;
  const started = performance.now();
  await client.upload(path);
  const seconds = (performance.now() - started) / 1000;
  const growthMB = (process.resourceUsage().maxRSS * 1024 - before) / 1e6;
  process.stdout.write(JSON.stringify({ seconds, growthMB }));
}

async function childRequests(contender: Contender, baseURL: string, count: number): Promise<void> {
  const client = await makeClient(contender, baseURL);
  await client.retrieve(); // warm-up: connection, lazy imports
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await client.retrieve();
  process.stdout.write(
    JSON.stringify({ perSecond: count / ((performance.now() - started) / 1000) }),
  );
}

const JOB = JSON.stringify({
  id: 'ftjob-bench',
  object: 'fine_tuning.job',
  created_at: 1,
  model: 'gpt-4o-mini-2024-07-18',
  status: 'running',
  training_file: 'file-1',
  error: { code: null, message: null, param: null },
  hyperparameters: { n_epochs: 3, batch_size: 1, learning_rate_multiplier: 2 },
  result_files: [],
  fine_tuned_model: null,
  finished_at: null,
  trained_tokens: null,
  validation_file: null,
  organization_id: 'org-1',
  seed: 1,
});

/** A local server: swallows uploads, answers every request with a job. */
async function startSink() {
  const server = createServer(async (request, response) => {
    for await (const _ of request) {
      // drain
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      request.url?.endsWith('/files')
        ? JSON.stringify({
            id: 'file-1',
            object: 'file',
            bytes: 1,
            created_at: 1,
            filename: 'x',
            purpose: 'fine-tune',
            status: 'processed',
          })
        : JOB,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => server.close(),
  };
}

/** Runs a case in a child process; asynchronously, so the sink in this process keeps serving. */
async function inChild(args: string[]): Promise<Record<string, number>> {
  const script =
    args[0] === 'cold'
      ? [fileURLToPath(new URL('cold-start.mjs', import.meta.url)), ...args.slice(1)]
      : [fileURLToPath(import.meta.url), '--child', ...args];
  const { stdout } = await promisify(execFile)(process.execPath, script, {
    encoding: 'utf8',
    maxBuffer: 1e6,
  });
  return JSON.parse(stdout) as Record<string, number>;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Runs a case for both contenders, alternating, `runs` times; the results of each. */
async function alternating(
  runs: number,
  args: (contender: Contender) => string[],
): Promise<Record<Contender, Array<Record<string, number>>>> {
  const results: Record<Contender, Array<Record<string, number>>> = { tunekit: [], openai: [] };
  for (let i = 0; i < runs; i += 1) {
    for (const contender of CONTENDERS) results[contender].push(await inChild(args(contender)));
  }
  return results;
}

/** The values of `key` in a contender's results, and their median. */
function summary(results: Array<Record<string, number>>, key: string) {
  const all = results.map((result) => result[key] ?? Number.NaN);
  return { all, median: median(all) };
}

async function ensureFile(path: string, bytes: number): Promise<void> {
  if (existsSync(path) && statSync(path).size >= bytes) return;
  const out = createWriteStream(path);
  const line = Buffer.from(
    `${JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(900) }] })}\n`.repeat(1000),
  );
  for (let written = 0; written < bytes; written += line.length) {
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);

async function main(): Promise<void> {
  const [, , flag, kind, ...rest] = process.argv;
  if (flag === '--child') {
    const contender = rest[0] as Contender;
    if (kind === 'upload')
      return childUpload(contender, rest[1] ?? '', rest[2] ?? '', rest[3] ?? '');
    return childRequests(contender, rest[1] ?? '', Number(rest[2]));
  }

  mkdirSync(dataDir, { recursive: true });
  const path = `${dataDir}/upload-300mb.jsonl`;
  const warm = `${dataDir}/upload-8mb.jsonl`;
  await ensureFile(path, UPLOAD_BYTES);
  await ensureFile(warm, WARM_BYTES);
  const size = statSync(path).size;
  const sink = await startSink();
  try {
    const colds = await alternating(COLD_RUNS, (c) => ['cold', c, sink.baseURL]);
    const cold = { tunekit: summary(colds.tunekit, 'ms'), openai: summary(colds.openai, 'ms') };
    const cpu = {
      tunekit: summary(colds.tunekit, 'cpuMs'),
      openai: summary(colds.openai, 'cpuMs'),
    };
    console.log(
      `cold start to first validated response (median of ${COLD_RUNS})   tunekit ${fixed(cold.tunekit.median)} ms   openai ${fixed(cold.openai.median)} ms   ratio ${fixed(cold.tunekit.median / cold.openai.median, 2)}×`,
    );
    console.log(
      `  CPU time of the same processes                         tunekit ${fixed(cpu.tunekit.median)} ms   openai ${fixed(cpu.openai.median)} ms   ratio ${fixed(cpu.tunekit.median / cpu.openai.median, 2)}×`,
    );

    const uploads = await alternating(RUNS, (c) => ['upload', c, sink.baseURL, warm, path]);
    const growth = {
      tunekit: summary(uploads.tunekit, 'growthMB'),
      openai: summary(uploads.openai, 'growthMB'),
    };
    const seconds = {
      tunekit: summary(uploads.tunekit, 'seconds'),
      openai: summary(uploads.openai, 'seconds'),
    };
    for (const contender of CONTENDERS) {
      console.log(
        `upload ${fixed(size / 1e6)} MB   ${contender.padEnd(8)} RSS +${fixed(growth[contender].median, 1)} MB (runs: ${growth[contender].all.map((v) => fixed(v, 1)).join(', ')})   ${fixed(size / 1e6 / seconds[contender].median)} MB/s`,
      );
    }
    console.log(
      `upload ratios    RSS growth tunekit/openai ${fixed(growth.tunekit.median / growth.openai.median, 3)}×   throughput tunekit/openai ${fixed(seconds.openai.median / seconds.tunekit.median, 2)}×`,
    );

    const requests = await alternating(RUNS, (c) => ['requests', c, sink.baseURL, '300']);
    const rates = {
      tunekit: summary(requests.tunekit, 'perSecond'),
      openai: summary(requests.openai, 'perSecond'),
    };
    for (const contender of CONTENDERS) {
      console.log(
        `300 requests     ${contender.padEnd(8)} ${fixed(rates[contender].median)} requests/s`,
      );
    }
    console.log(
      `requests ratio   tunekit/openai ${fixed(rates.tunekit.median / rates.openai.median, 2)}×`,
    );
  } finally {
    sink.close();
  }
}

await main();
