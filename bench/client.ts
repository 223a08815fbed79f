/**
 * Benchmark of the client against the official `openai` package, side by side in one run:
 *
 * - cold start: `import` of each package in a fresh process (median of 9);
 * - a 300 MB multipart upload from disk to a local sink: throughput and how much the process's
 *   RSS grew (maxRSS minus RSS before the upload), plus a baseline of Node's own fetch with a
 *   file-backed Blob in FormData;
 * - 300 small JSON requests in sequence to a local server: requests per second.
 *
 * Every case runs in its own child process. Reports figures and ratios, never pass/fail.
 *
 *   npm run bench:client          # builds first: cold start is measured on dist/
 */
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, openAsBlob, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = `${here}.data`;
const UPLOAD_BYTES = 300 * 1000 * 1000;
const KEY = 'sk-bench-0123456789abcdef';

type Contender = 'tunekit' | 'openai' | 'node-fetch';

async function childImport(name: string): Promise<void> {
  const started = performance.now();
  // The build, as users import it (the sources would time Node's type stripping instead).
  await import(name === 'tunekit' ? '../dist/index.js' : 'openai');
  process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
}

async function childUpload(contender: Contender, baseURL: string, path: string): Promise<void> {
  const { createReadStream } = await import('node:fs');
  const before = process.memoryUsage().rss;
  const started = performance.now();
  if (contender === 'tunekit') {
    const { TuneKit } = await import('../src/index.ts');
    await new TuneKit({ apiKey: KEY, baseURL }).files.create({ file: path, purpose: 'fine-tune' });
  } else if (contender === 'openai') {
    const { default: OpenAI } = await import('openai');
    await new OpenAI({ apiKey: KEY, baseURL }).files.create({
      file: createReadStream(path),
      purpose: 'fine-tune',
    });
  } else {
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    form.append('file', await openAsBlob(path), 'upload.jsonl');
    await (
      await fetch(`${baseURL}/files`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${KEY}` },
      })
    ).text();
  }
  const seconds = (performance.now() - started) / 1000;
  const growthMB = (process.resourceUsage().maxRSS * 1024 - before) / 1e6;
  process.stdout.write(JSON.stringify({ seconds, growthMB }));
}

async function childRequests(contender: Contender, baseURL: string, count: number): Promise<void> {
  let call: () => Promise<unknown>;
  if (contender === 'tunekit') {
    const { TuneKit } = await import('../src/index.ts');
    const client = new TuneKit({ apiKey: KEY, baseURL });
    call = () => client.jobs.retrieve('ftjob-bench');
  } else {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({ apiKey: KEY, baseURL });
    call = () => client.fineTuning.jobs.retrieve('ftjob-bench');
  }
  await call(); // warm-up: connection, lazy imports
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await call();
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
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [fileURLToPath(import.meta.url), '--child', ...args],
    { encoding: 'utf8' },
  );
  return JSON.parse(stdout) as Record<string, number>;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const [, , flag, kind, ...rest] = process.argv;
  if (flag === '--child') {
    if (kind === 'import') return childImport(rest[0] ?? '');
    if (kind === 'upload') return childUpload(rest[0] as Contender, rest[1] ?? '', rest[2] ?? '');
    return childRequests(rest[0] as Contender, rest[1] ?? '', Number(rest[2]));
  }

  const imports = async (name: string) => {
    const times: number[] = [];
    for (let i = 0; i < 9; i += 1) times.push((await inChild(['import', name])).ms ?? 0);
    return median(times);
  };
  const importTunekit = await imports('tunekit');
  const importOpenai = await imports('openai');
  console.log(
    `cold import      tunekit ${importTunekit.toFixed(0)} ms   openai ${importOpenai.toFixed(0)} ms   ratio ${(importTunekit / importOpenai).toFixed(2)}×`,
  );

  mkdirSync(dataDir, { recursive: true });
  const path = `${dataDir}/upload-300mb.jsonl`;
  if (!existsSync(path) || statSync(path).size < UPLOAD_BYTES) {
    const out = createWriteStream(path);
    const line = Buffer.from(
      `${JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(900) }] })}\n`.repeat(
        1000,
      ),
    );
    for (let written = 0; written < UPLOAD_BYTES; written += line.length) {
      if (!out.write(line))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    out.end();
    await finished(out);
  }
  const size = statSync(path).size;
  const sink = await startSink();
  try {
    const uploads: Record<string, { seconds: number; growthMB: number }> = {};
    for (const contender of ['tunekit', 'openai', 'node-fetch'] as const) {
      const result = await inChild(['upload', contender, sink.baseURL, path]);
      uploads[contender] = { seconds: result.seconds ?? 0, growthMB: result.growthMB ?? 0 };
      console.log(
        `upload ${(size / 1e6).toFixed(0)} MB  ${contender.padEnd(10)} ${(size / 1e6 / (result.seconds ?? 1)).toFixed(0).padStart(5)} MB/s   RSS +${(result.growthMB ?? 0).toFixed(0)} MB`,
      );
    }
    const t = uploads.tunekit;
    const o = uploads.openai;
    if (t && o) {
      console.log(
        `upload ratios    throughput tunekit/openai ${(o.seconds / t.seconds).toFixed(2)}×   RSS growth tunekit/openai ${(t.growthMB / o.growthMB).toFixed(2)}×`,
      );
    }
    const rates: Record<string, number> = {};
    for (const contender of ['tunekit', 'openai'] as const) {
      rates[contender] =
        (await inChild(['requests', contender, sink.baseURL, '300'])).perSecond ?? 0;
      console.log(
        `300 requests     ${contender.padEnd(10)} ${(rates[contender] ?? 0).toFixed(0)} requests/s`,
      );
    }
    console.log(
      `requests ratio   tunekit/openai ${((rates.tunekit ?? 0) / (rates.openai ?? 1)).toFixed(2)}×`,
    );
  } finally {
    sink.close();
  }
}

await main();
