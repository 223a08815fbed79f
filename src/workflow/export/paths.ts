import { createHash } from 'node:crypto';
import { posix } from 'node:path';

/** Longest readable part of a segment, leaving room for the `~` and the hash. */
const MAX_SEGMENT = 180;

/**
 * A name safe as one path segment: ids and file names come from the API, and a file named
 * `../../.bashrc` must not write outside the export. Anything but letters, digits, `.`, `_`
 * and `-` becomes `_`; names that are only dots, or empty, become `fallback`.
 */
export function safeSegment(name: string, fallback: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, MAX_SEGMENT);
  return /^\.*$/.test(cleaned) ? fallback : cleaned;
}

/**
 * A safe segment that is also unique to `id`: two ids that clean up alike (`file-a/b` and
 * `file-a_b`) must not share a directory, or one export would overwrite the other and the
 * manifest would lie. An id that had to change gets `~` and a hash of the original; `~` is
 * never left in a cleaned name, so only this step writes it. Safe ids stay as they are.
 */
export function idSegment(id: string, fallback: string): string {
  const safe = safeSegment(id, fallback);
  if (safe === id) return id;
  return `${safe}~${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}

/** Where a job's copies go, relative to the export directory. */
export function jobPaths(jobId: string) {
  const dir = posix.join('jobs', idSegment(jobId, 'job'));
  return {
    record: posix.join(dir, 'job.json'),
    events: posix.join(dir, 'events.jsonl'),
    checkpoints: posix.join(dir, 'checkpoints.json'),
    metrics: posix.join(dir, 'metrics.json'),
  };
}

/**
 * Where a file's content goes, relative to the export directory: `files/{id}/{filename}`.
 * The directory is unique per id, so the name inside it only needs to be safe.
 */
export function filePath(fileId: string, filename: string): string {
  const name = safeSegment(posix.basename(filename.replaceAll('\\', '/')), 'content');
  return posix.join('files', idSegment(fileId, 'file'), name);
}
