import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TuneKit } from '../../client.ts';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import { APIUserAbortError } from '../../core/errors/user-abort-error.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import { VERSION } from '../../version.ts';
import { backupFile } from './backup-file.ts';
import { backupJob } from './backup-job.ts';
import { type FileToBackUp, fineTuningFiles } from './inventory.ts';
import {
  type ExportManifest,
  type ExportProblem,
  loadManifest,
  MANIFEST_NAME,
  saveManifest,
} from './manifest.ts';
import { writeMetrics } from './metrics.ts';

/** Where an export stands, reported after each job and file. */
export interface ExportProgress {
  phase: 'listing' | 'jobs' | 'files' | 'metrics' | 'done';
  /** Items of this phase handled so far, and how many there are. */
  done: number;
  total: number;
  /** The job or file just handled. */
  id?: string | undefined;
  /** It was already in the export and verified: nothing was fetched. */
  skipped?: boolean | undefined;
  /** Bytes downloaded for it. */
  bytes?: number | undefined;
}

/** Options of {@link exportAll}. */
export interface ExportOptions {
  onProgress?: ((progress: ExportProgress) => void) | undefined;
  /** Stops the export; what was finished stays in the directory and the manifest. */
  signal?: AbortSignal | undefined;
  /** Files downloaded at once. Default: 4. */
  concurrency?: number | undefined;
}

/** What an export did. */
export interface ExportResult {
  /** The export directory, absolute. */
  dir: string;
  manifestPath: string;
  jobs: { total: number; refreshed: number; skipped: number };
  files: { total: number; downloaded: number; skipped: number; bytes: number };
  /** What could not be backed up, and why (deleted files, features the provider lacks). */
  problems: ExportProblem[];
  manifest: ExportManifest;
  /** Where an unreadable manifest of an earlier run was moved, if one was. */
  setAside: string | undefined;
}

/** Saves the manifest after each change, one write at a time. */
function manifestWriter(path: string, manifest: ExportManifest) {
  let chain: Promise<void> = Promise.resolve();
  return {
    save(): Promise<void> {
      chain = chain.then(() => saveManifest(path, manifest));
      return chain;
    },
  };
}

function checkOptions(dir: unknown, concurrency: number): string {
  if (typeof dir !== 'string' || dir.trim() === '') {
    throw new InvalidArgumentError(
      `exportAll(client, dir): dir must be a directory path, got ${JSON.stringify(dir)}.`,
      'dir',
    );
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidArgumentError(
      `exportAll: concurrency must be a whole number ≥ 1, got ${concurrency}.`,
      'concurrency',
    );
  }
  return resolve(dir);
}

async function listJobs(client: TuneKit, signal: AbortSignal | undefined) {
  const jobs: FineTuningJob[] = [];
  for await (const job of client.jobs.list({ limit: 100 }, { signal })) jobs.push(job);
  return jobs;
}

/** One export under way: where it writes, what it has, and whom it tells. */
interface ExportRun {
  client: TuneKit;
  root: string;
  manifest: ExportManifest;
  writer: ReturnType<typeof manifestWriter>;
  signal: AbortSignal | undefined;
  onProgress: ExportOptions['onProgress'];
}

/** Throws when the caller aborted: nothing new starts after that. */
function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });
}

/**
 * Opens the export directory: creates it, reads the manifest of an earlier run (an unreadable
 * one is set aside) and refuses a directory that holds another API's export.
 */
async function openExport(client: TuneKit, root: string) {
  try {
    await mkdir(root, { recursive: true });
  } catch (error) {
    throw new InvalidArgumentError(
      `Cannot use ${root} as the export directory: ${(error as Error).message}`,
      'dir',
      { cause: error },
    );
  }
  const manifestPath = join(root, MANIFEST_NAME);
  const { manifest: previous, setAside } = await loadManifest(manifestPath, new Date());
  const provider = client.provider;
  if (previous && (previous.provider !== provider.name || previous.baseURL !== provider.baseURL)) {
    throw new InvalidArgumentError(
      `${root} holds an export of ${previous.provider} at ${previous.baseURL}; this client is for ${provider.name} at ${provider.baseURL}. Export into another directory.`,
      'dir',
    );
  }
  const manifest: ExportManifest = {
    format: 'tunekit-export',
    version: 1,
    tool: `tunekit ${VERSION}`,
    provider: provider.name,
    baseURL: provider.baseURL,
    exportedAt: new Date().toISOString(),
    jobs: { ...previous?.jobs },
    files: { ...previous?.files },
    problems: [],
  };
  return { manifestPath, manifest, setAside };
}

/** Backs up every job (record, events, checkpoints), saving the manifest after each. */
async function backupJobs(run: ExportRun, jobs: readonly FineTuningJob[]) {
  const { manifest } = run;
  const counts = { total: jobs.length, refreshed: 0, skipped: 0 };
  for (const [index, job] of jobs.entries()) {
    stopIfAborted(run.signal);
    const done = await backupJob(run.client.jobs, job, run.root, manifest.jobs[job.id], run.signal);
    manifest.jobs[job.id] = done.entry;
    manifest.problems.push(...done.problems);
    counts[done.skipped ? 'skipped' : 'refreshed'] += 1;
    await run.writer.save();
    run.onProgress?.({
      phase: 'jobs',
      done: index + 1,
      total: jobs.length,
      id: job.id,
      skipped: done.skipped,
    });
  }
  return counts;
}

/**
 * Downloads the files, `concurrency` at once, saving the manifest after each. After a failure
 * no queued file starts, and the ones under way finish before it is thrown.
 */
async function backupFiles(run: ExportRun, items: readonly FileToBackUp[], concurrency: number) {
  const { manifest } = run;
  const counts = { total: items.length, downloaded: 0, skipped: 0, bytes: 0 };
  const { default: pLimit } = await import('p-limit');
  const limit = pLimit(concurrency);
  let filesDone = 0;
  let failed = false;
  const backUp = async (item: FileToBackUp) => {
    if (failed) return;
    stopIfAborted(run.signal);
    const id = item.file.id;
    const done = await backupFile(run.client.files, item, run.root, manifest.files[id], run.signal);
    if (done.entry) manifest.files[id] = done.entry;
    if (done.problem) manifest.problems.push(done.problem);
    if (done.skipped) counts.skipped += 1;
    else if (done.entry && !done.problem) counts.downloaded += 1;
    counts.bytes += done.downloaded;
    await run.writer.save();
    filesDone += 1;
    run.onProgress?.({
      phase: 'files',
      done: filesDone,
      total: items.length,
      id,
      skipped: done.skipped,
      bytes: done.downloaded,
    });
  };
  const tasks = items.map((item) =>
    limit(() => backUp(item)).catch((error: unknown) => {
      failed = true;
      throw error;
    }),
  );
  const settled = await Promise.allSettled(tasks);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  return counts;
}

/** Parses each exported job's result files into its metrics, once every file is in. */
async function writeAllMetrics(run: ExportRun, jobs: readonly FineTuningJob[]): Promise<void> {
  const { manifest } = run;
  for (const [index, job] of jobs.entries()) {
    const entry = manifest.jobs[job.id];
    if (!entry) continue;
    const done = await writeMetrics(run.root, entry, manifest.files, () =>
      run.client.jobs.metrics(job.id, { signal: run.signal }),
    );
    entry.metrics = done.metrics;
    manifest.problems.push(...done.problems);
    run.onProgress?.({ phase: 'metrics', done: index + 1, total: jobs.length, id: job.id });
  }
}

/** What `exportAll` (./index.ts) runs, loaded on its first call so `import 'tunekit'` stays light. */
export async function runExport(
  client: TuneKit,
  dir: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const { signal, onProgress } = options;
  const concurrency = options.concurrency ?? 4;
  const root = checkOptions(dir, concurrency);
  const { manifestPath, manifest, setAside } = await openExport(client, root);
  const writer = manifestWriter(manifestPath, manifest);
  const run: ExportRun = { client, root, manifest, writer, signal, onProgress };

  onProgress?.({ phase: 'listing', done: 0, total: 0 });
  const jobs = await listJobs(client, signal);
  const inventory = await fineTuningFiles(client.files, jobs, signal);
  manifest.problems.push(...inventory.problems);

  const jobCounts = await backupJobs(run, jobs);
  const fileCounts = await backupFiles(run, [...inventory.files.values()], concurrency);
  await writeAllMetrics(run, jobs);
  await writer.save();
  onProgress?.({ phase: 'done', done: 1, total: 1 });

  return {
    dir: root,
    manifestPath,
    jobs: jobCounts,
    files: fileCounts,
    problems: manifest.problems,
    manifest,
    setAside,
  };
}
