import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MetricsRow, parseMetricsCsv } from '../../resources/jobs/metrics.ts';
import { writeAtomically } from './disk.ts';
import type { ExportedFile, ExportedJob, ExportProblem } from './manifest.ts';
import { jobPaths } from './paths.ts';

/**
 * Parses a job's result files from their copies in the export (no download) into
 * `metrics.json`: the same rows `jobs.metrics()` returns. A job without results has none; a
 * result file missing from the export or unreadable is a problem noted.
 */
export async function writeMetrics(
  dir: string,
  job: ExportedJob,
  files: Readonly<Record<string, ExportedFile>>,
): Promise<{ metrics: ExportedJob['metrics']; problems: ExportProblem[] }> {
  if (job.files.results.length === 0) return { metrics: null, problems: [] };
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
