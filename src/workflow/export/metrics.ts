import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MetricsRow, parseMetricsCsv } from '../../resources/jobs/metrics.ts';
import { holdsCopy, writeAtomically } from './disk.ts';
import type { ExportedFile, ExportedJob, ExportProblem } from './manifest.ts';
import { jobPaths } from './paths.ts';

/**
 * The metrics of a finished job that has no result files (Together AI keeps metrics behind an
 * endpoint): read once with `readRows` (`jobs.metrics`), kept while the copy is intact.
 */
async function endpointMetrics(
  dir: string,
  job: ExportedJob,
  readRows: () => Promise<MetricsRow[]>,
): Promise<{ metrics: ExportedJob['metrics']; problems: ExportProblem[] }> {
  if (job.metrics && (await holdsCopy(join(dir, job.metrics.path), job.metrics))) {
    return { metrics: job.metrics, problems: [] };
  }
  let rows: MetricsRow[];
  try {
    rows = await readRows();
  } catch (error) {
    return {
      metrics: null,
      problems: [{ id: job.id, what: 'metrics', message: (error as Error).message }],
    };
  }
  if (rows.length === 0) return { metrics: null, problems: [] };
  const path = jobPaths(job.id).metrics;
  const written = await writeAtomically(join(dir, path), `${JSON.stringify(rows, null, 2)}\n`);
  return { metrics: { path, ...written, rows: rows.length }, problems: [] };
}

/**
 * Parses a job's result files from their copies in the export (no download) into
 * `metrics.json`: the same rows `jobs.metrics()` returns. A job that succeeded without result
 * files (Together AI's) has its metrics read with `readRows` instead; any other job without
 * results has none. A result file missing from the export or unreadable is a problem noted.
 */
export async function writeMetrics(
  dir: string,
  job: ExportedJob,
  files: Readonly<Record<string, ExportedFile>>,
  readRows?: () => Promise<MetricsRow[]>,
): Promise<{ metrics: ExportedJob['metrics']; problems: ExportProblem[] }> {
  if (job.files.results.length === 0) {
    if (readRows && job.status === 'succeeded') return endpointMetrics(dir, job, readRows);
    return { metrics: null, problems: [] };
  }
  const rows: MetricsRow[] = [];
  for (const fileId of job.files.results) {
    const copy = files[fileId];
    if (!copy) {
      return {
        metrics: null,
        problems: [
          { id: job.id, what: 'metrics', message: `result file ${fileId} is not in the export` },
        ],
      };
    }
    try {
      rows.push(...(await parseMetricsCsv(await readFile(join(dir, copy.path), 'utf8'))));
    } catch (error) {
      return {
        metrics: null,
        problems: [{ id: job.id, what: 'metrics', message: (error as Error).message }],
      };
    }
  }
  rows.sort((a, b) => a.step - b.step);
  const path = jobPaths(job.id).metrics;
  const written = await writeAtomically(join(dir, path), `${JSON.stringify(rows, null, 2)}\n`);
  return { metrics: { path, ...written, rows: rows.length }, problems: [] };
}
