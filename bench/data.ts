/**
 * Benchmark of the training-data validator: tunekit's `validateTrainingFile` against a naive
 * implementation (see naive.ts), each in its own child process so peak RSS is its own.
 * Generates the datasets into bench/.data/ (git-ignored) on first run.
 *
 *   npm run bench:data            # ~100 MB and ~25 MB datasets
 *
 * Reports throughput and peak RSS (best of two runs each); ratios, not pass/fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeDataset } from './dataset.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = `${here}.data`;

interface Run {
  seconds: number;
  examples: number;
  tokens: number;
  peakRssMB: number;
}

async function child(kind: string, path: string): Promise<void> {
  const start = performance.now();
  let examples: number;
  let tokens: number;
  if (kind === 'naive') {
    const { naiveValidate } = await import('./naive.ts');
    ({ examples, tokens } = naiveValidate(path));
  } else {
    const { validateTrainingFile } = await import('../src/data/index.ts');
    const report = await validateTrainingFile(path, { model: 'gpt-4o-2024-08-06' });
    examples = report.stats.examples;
    tokens = report.stats.totalTokens;
    if (!report.valid) console.error(JSON.stringify(report.problems.slice(0, 3)));
  }
  const seconds = (performance.now() - start) / 1000;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ seconds, examples, tokens, peakRssMB } satisfies Run));
}

function run(kind: string, path: string): Run {
  const output = execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--child', kind, path],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(output) as Run;
}

async function ensureDataset(name: string, megabytes: number): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const path = `${dataDir}/${name}`;
  if (!existsSync(path)) {
    const { examples, bytes } = await writeDataset(path, megabytes);
    console.log(`generated ${path}: ${examples} examples, ${(bytes / 1e6).toFixed(1)} MB`);
  }
  return path;
}

async function main(): Promise<void> {
  const big = await ensureDataset('chat-100mb.jsonl', 100);
  const small = await ensureDataset('chat-25mb.jsonl', 25);
  const line = (label: string, path: string, r: Run) => {
    const mb = statSync(path).size / 1e6;
    console.log(
      `${label.padEnd(22)} ${(mb / r.seconds).toFixed(2).padStart(6)} MB/s ${Math.round(
        r.examples / r.seconds,
      )
        .toString()
        .padStart(
          7,
        )} examples/s  peak RSS ${r.peakRssMB.toFixed(0).padStart(5)} MB  (${r.seconds.toFixed(1)} s, ${r.examples} examples)`,
    );
    return mb / r.seconds;
  };
  console.log(`node ${process.version}, ${(await import('node:os')).availableParallelism()} cores`);
  // Other work on the machine makes single runs noisy: run each case twice, alternating, and
  // keep the faster run of each.
  const best = (a: Run, b: Run) => (a.seconds <= b.seconds ? a : b);
  const runs = {
    naive: [] as Run[],
    tunekit: [] as Run[],
    naiveSmall: [] as Run[],
    tunekitSmall: [] as Run[],
  };
  for (let round = 0; round < 2; round++) {
    runs.naive.push(run('naive', big));
    runs.tunekit.push(run('tunekit', big));
    runs.tunekitSmall.push(run('tunekit', small));
    runs.naiveSmall.push(run('naive', small));
  }
  const [naive, tunekit, naiveSmall, tunekitSmall] = [
    runs.naive,
    runs.tunekit,
    runs.naiveSmall,
    runs.tunekitSmall,
  ].map((pair) => best(pair[0] as Run, pair[1] as Run)) as [Run, Run, Run, Run];
  const naiveRate = line('naive   100 MB', big, naive);
  const tunekitRate = line('tunekit 100 MB', big, tunekit);
  line('naive    25 MB', small, naiveSmall);
  line('tunekit  25 MB', small, tunekitSmall);
  console.log(`throughput tunekit / naive (100 MB): ${(tunekitRate / naiveRate).toFixed(2)}×`);
  console.log(
    `peak RSS tunekit / naive (100 MB): ${(tunekit.peakRssMB / naive.peakRssMB).toFixed(2)}×`,
  );
  console.log(
    `peak RSS tunekit 100 MB / 25 MB: ${(tunekit.peakRssMB / tunekitSmall.peakRssMB).toFixed(2)}×; naive: ${(naive.peakRssMB / naiveSmall.peakRssMB).toFixed(2)}×`,
  );
}

if (process.argv[2] === '--child')
  await child(process.argv[3] as string, process.argv[4] as string);
else await main();
