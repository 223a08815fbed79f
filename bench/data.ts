/**
 * Benchmark of the training-data validator, in one run: tunekit's `validateTrainingFile` (the
 * built package, as users run it) against a naive script (see naive.ts), on two corpora —
 * `dataset.ts`'s repetitive one (three system prompts on every line) and `realistic.ts`'s
 * low-repetition one — and tunekit's peak RSS at 5 MB, 50 MB and 1 GB. Each case runs in its
 * own child process, so its peak RSS is its own. The files are generated (seeded, streamed)
 * into a temporary directory and deleted afterwards.
 *
 *   npm run bench:data                 # builds, then everything (~10 minutes on 2 quiet cores)
 *   npm run bench:data -- --quick      # without the 1 GB file
 *   npm run bench:data -- --rounds 5   # more runs per case (medians are reported)
 *
 * Reports ratios measured in the same run; never pass or fail.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeDataset } from './dataset.ts';
import { writeRealisticDataset } from './realistic.ts';

interface Run {
  seconds: number;
  examples: number;
  tokens: number;
  peakRssMB: number;
  /** tunekit only: from process start to the first progress report with bytes checked. */
  firstProgressMs?: number;
}

const MODEL = 'gpt-4o-2024-08-06';

async function child(kind: string, path: string): Promise<void> {
  const start = performance.now();
  let examples: number;
  let tokens: number;
  let firstProgressMs: number | undefined;
  if (kind === 'naive') {
    const { naiveValidate } = await import('./naive.ts');
    ({ examples, tokens } = naiveValidate(path));
  } else {
    const dist = new URL('../dist/data.js', import.meta.url).href;
    const { validateTrainingFile } = (await import(dist)) as typeof import('../src/data/index.ts');
    const report = await validateTrainingFile(path, {
      model: MODEL,
      onProgress: ({ bytesRead }) => {
        if (bytesRead > 0) firstProgressMs ??= performance.now();
      },
    });
    examples = report.stats.examples;
    tokens = report.stats.totalTokens;
    if (!report.valid) console.error(JSON.stringify(report.problems.slice(0, 3)));
  }
  const seconds = (performance.now() - start) / 1000;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  const run: Run = { seconds, examples, tokens, peakRssMB };
  if (firstProgressMs !== undefined) run.firstProgressMs = Math.round(firstProgressMs);
  process.stdout.write(JSON.stringify(run));
}

function run(kind: 'naive' | 'tunekit', path: string): Run {
  const output = execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--child', kind, path],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(output) as Run;
}

/**
 * Runs `tunekit data validate` (the build) on a pseudo-terminal (util-linux `script`) and
 * returns the milliseconds from spawning it to its first progress line, and to the first one
 * with checked bytes.
 */
function firstProgressOnTerminal(path: string): Promise<{ firstMs: number; checkedMs: number }> {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const command = `'${process.execPath}' '${cli}' data validate '${path}' --model ${MODEL}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { ...process.env, TERM: 'xterm-256color' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let screen = '';
    let firstMs = Number.NaN;
    let checkedMs = Number.NaN;
    child.stdout.on('data', (data: Buffer) => {
      screen += data.toString();
      const now = performance.now() - started;
      if (Number.isNaN(firstMs) && screen.includes('validating')) firstMs = now;
      if (Number.isNaN(checkedMs) && /validating .*% · [1-9][\d.]* [KMG]?B of/.test(screen))
        checkedMs = now;
    });
    child.on('error', reject);
    child.on('close', () =>
      resolve({ firstMs: Math.round(firstMs), checkedMs: Math.round(checkedMs) }),
    );
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const mb = (path: string) => statSync(path).size / 1e6;
const fixed = (n: number, digits = 1) => n.toFixed(digits);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

interface Corpus {
  name: string;
  write: (path: string, bytes: number) => Promise<{ examples: number; bytes: number }>;
}

const CORPORA: Corpus[] = [
  { name: 'repetitive', write: (path, bytes) => writeDataset(path, bytes / 1e6) },
  { name: 'realistic', write: (path, bytes) => writeRealisticDataset(path, bytes) },
];

async function generate(dir: string, corpus: Corpus, bytes: number): Promise<string> {
  const path = join(dir, `${corpus.name}-${Math.round(bytes / 1e6)}mb.jsonl`);
  const started = performance.now();
  const { examples } = await corpus.write(path, bytes);
  console.log(
    `generated ${corpus.name} ${fixed(mb(path))} MB (${examples} examples) in ${fixed((performance.now() - started) / 1000)} s`,
  );
  return path;
}

function describe(label: string, path: string, runs: Run[]): { rate: number; rss: number } {
  const seconds = median(runs.map((r) => r.seconds));
  const rss = median(runs.map((r) => r.peakRssMB));
  const rate = mb(path) / seconds;
  const first = runs[0] as Run;
  const progress = runs.some((r) => r.firstProgressMs !== undefined)
    ? `  first progress ${median(runs.map((r) => r.firstProgressMs ?? 0))} ms`
    : '';
  console.log(
    `${label.padEnd(26)} ${fixed(rate, 2).padStart(6)} MB/s  peak RSS ${fixed(rss, 0).padStart(5)} MB  ` +
      `(median of ${runs.length}: ${fixed(seconds)} s; ${first.examples} examples, ${first.tokens} tokens)${progress}`,
  );
  return { rate, rss };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const roundsArg = args.indexOf('--rounds');
  const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : 3;
  console.log(
    `node ${process.version}, ${availableParallelism()} cores, load average ${load()} at start`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'tunekit-bench-'));
  try {
    const ratios: string[] = [];
    const rssRows: string[] = [];
    for (const corpus of CORPORA) {
      const small = await generate(dir, corpus, 5e6);
      const large = await generate(dir, corpus, 50e6);
      const runs = { naive: [] as Run[], tunekit: [] as Run[], small: [] as Run[] };
      const terminal: { firstMs: number; checkedMs: number }[] = [];
      // Alternate the cases so that other work on the machine weighs on all of them alike.
      for (let round = 0; round < rounds; round++) {
        runs.naive.push(run('naive', large));
        runs.tunekit.push(run('tunekit', large));
        runs.small.push(run('tunekit', small));
        terminal.push(await firstProgressOnTerminal(small));
      }
      console.log(
        `${corpus.name} 5 MB on a terminal: first progress line after ${median(terminal.map((t) => t.firstMs))} ms, ` +
          `first with checked bytes after ${median(terminal.map((t) => t.checkedMs))} ms (medians, from spawning the CLI)`,
      );
      const naive = describe(`${corpus.name} 50 MB naive`, large, runs.naive);
      const tunekit = describe(`${corpus.name} 50 MB tunekit`, large, runs.tunekit);
      const tunekitSmall = describe(`${corpus.name} 5 MB tunekit`, small, runs.small);
      ratios.push(`${corpus.name}: ${fixed(tunekit.rate / naive.rate, 2)}×`);
      rssRows.push(
        `${corpus.name}: 5 MB ${fixed(tunekitSmall.rss, 0)} MB, 50 MB ${fixed(tunekit.rss, 0)} MB (naive at 50 MB: ${fixed(naive.rss, 0)} MB)`,
      );
      rmSync(small);
      rmSync(large);
    }
    if (!quick) {
      const corpus = CORPORA[1] as Corpus;
      const huge = await generate(dir, corpus, 1e9);
      const tunekit = describe(`${corpus.name} 1 GB tunekit`, huge, [run('tunekit', huge)]);
      rssRows.push(
        `${corpus.name}: 1 GB ${fixed(tunekit.rss, 0)} MB (the naive script cannot hold 1 GB in one string)`,
      );
      rmSync(huge);
    }
    console.log(`\nthroughput tunekit / naive (50 MB, medians): ${ratios.join(', ')}`);
    console.log('peak RSS of tunekit (medians):');
    for (const row of rssRows) console.log(`  ${row}`);
    console.log(`load average ${load()} at end`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child')
  await child(process.argv[3] as string, process.argv[4] as string);
else await main();
