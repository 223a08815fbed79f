import { posix } from 'node:path';

/**
 * A name safe as one path segment: ids and file names come from the API, and a file named
 * `../../.bashrc` must not write outside the export. Anything but letters, digits, `.`, `_`
 * and `-` becomes `_`; names that are only dots, or empty, become `fallback`.
 */
export function safeSegment(name: string, fallback: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200);
  return /^\.*$/.test(cleaned) ? fallback : cleaned;
}

/** Where a job's copies go, relative to the export directory. */
export function jobPaths(jobId: string) {
  const dir = posix.join('jobs', safeSegment(jobId, 'job'));
  return {
    record: posix.join(dir, 'job.json'),
    events: posix.join(dir, 'events.jsonl'),
    checkpoints: posix.join(dir, 'checkpoints.json'),
    metrics: posix.join(dir, 'metrics.json'),
  };
}

/** Where a file's content goes, relative to the export directory: `files/{id}/{filename}`. */
export function filePath(fileId: string, filename: string): string {
  const name = safeSegment(posix.basename(filename.replaceAll('\\', '/')), 'content');
  return posix.join('files', safeSegment(fileId, 'file'), name);
}
