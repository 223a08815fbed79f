import type { ExportProgress } from '../../workflow/export/export-all.ts';
import { createProgress, writeErr, writeJson, writeOut } from '../output/streams.ts';
import { formatBytes, plural } from '../output/table.ts';
import type { ApiContext } from '../runner/run-api-command.ts';

function describeProgress(progress: ExportProgress): string {
  if (progress.phase === 'listing') return 'export: listing jobs and files…';
  if (progress.phase === 'done') return 'export: done';
  return `export: ${progress.phase} ${progress.done}/${progress.total}${progress.id ? ` · ${progress.id}` : ''}`;
}

/**
 * `tunekit export <dir>`: backs up jobs and files with a progress line on stderr (terminals
 * only), then a summary on stdout; what could not be saved (deleted files, features the
 * provider lacks) is listed on stderr. Exits 0 once everything that exists is saved.
 */
export async function runExport(
  context: ApiContext,
  dir: string,
  options: { concurrency: number },
): Promise<number> {
  const { exportAll } = await import('../../workflow/export/index.ts');
  const progress = createProgress();
  let result: Awaited<ReturnType<typeof exportAll>>;
  try {
    result = await exportAll(context.client, dir, {
      signal: context.signal,
      concurrency: options.concurrency,
      onProgress: (p) => progress.update(describeProgress(p)),
    });
  } finally {
    progress.done();
  }
  if (result.setAside) {
    writeErr(`note: the old manifest could not be read; it was moved to ${result.setAside}`);
  }
  for (const problem of result.problems) {
    writeErr(`note: ${problem.id} (${problem.what}): ${problem.message}`);
  }
  if (context.json) {
    writeJson({
      dir: result.dir,
      manifest: result.manifestPath,
      jobs: result.jobs,
      files: result.files,
      problems: result.problems,
    });
    return 0;
  }
  const { jobs, files } = result;
  writeOut(
    `Exported ${plural(jobs.total, 'job')} (${jobs.refreshed} read, ${jobs.skipped} unchanged) and ${plural(files.total, 'file')} (${files.downloaded} downloaded, ${files.skipped} verified, ${formatBytes(files.bytes)}) to ${result.dir}`,
  );
  writeOut(`Manifest: ${result.manifestPath}`);
  return 0;
}
