import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { writeAtomically } from './disk.ts';

/** A file the export wrote: where (relative to the export directory, `/`-separated) and what. */
export const StoredCopy = z.object({
  // Inside the export: a manifest is read back, and must not lead a later run elsewhere.
  path: z
    .string()
    .min(1)
    .refine((path) => !path.startsWith('/') && !path.split(/[/\\]/).includes('..'), {
      message: 'expected a path inside the export directory',
    }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
});
export type StoredCopy = z.infer<typeof StoredCopy>;

/** What a file is to the jobs that use it. */
export const FileRole = z.enum(['training', 'validation', 'result']);
export type FileRole = z.infer<typeof FileRole>;

/** A backed-up file: its copy, and what the API said about it. */
export const ExportedFile = StoredCopy.extend({
  id: z.string(),
  filename: z.string(),
  purpose: z.string(),
  createdAt: z.number().nullable(),
  roles: z.array(FileRole),
  /** The jobs that use it. */
  jobs: z.array(z.string()),
});
export type ExportedFile = z.infer<typeof ExportedFile>;

/** A backed-up job: the copies of its record, events, checkpoints and parsed metrics. */
export const ExportedJob = z.object({
  id: z.string(),
  status: z.string(),
  model: z.string(),
  fineTunedModel: z.string().nullable(),
  record: StoredCopy,
  /** Oldest first, one event per line. */
  events: StoredCopy.extend({ count: z.number().int().nonnegative() }).nullable(),
  checkpoints: StoredCopy.extend({ count: z.number().int().nonnegative() }).nullable(),
  /** The result files parsed into metric rows (the raw files are under `files/`). */
  metrics: StoredCopy.extend({ rows: z.number().int().nonnegative() }).nullable(),
  files: z.object({
    training: z.string().nullable(),
    validation: z.string().nullable(),
    results: z.array(z.string()),
  }),
});
export type ExportedJob = z.infer<typeof ExportedJob>;

/** Something the export could not back up, and why (a deleted file, a missing feature). */
export const ExportProblem = z.object({
  /** The job or file it concerns. */
  id: z.string(),
  /** What could not be saved: `file`, `events`, `checkpoints`, `metrics`. */
  what: z.string(),
  message: z.string(),
});
export type ExportProblem = z.infer<typeof ExportProblem>;

/**
 * `manifest.json` of an export: every job and file by id, with the name of its copy and the
 * copy's sha256, so a later run (or anyone) can verify the backup.
 */
export const ExportManifest = z.object({
  format: z.literal('tunekit-export'),
  version: z.literal(1),
  /** The tunekit version that wrote it. */
  tool: z.string(),
  provider: z.string(),
  baseURL: z.string(),
  /** ISO time of the last run that updated it. */
  exportedAt: z.string(),
  jobs: z.record(z.string(), ExportedJob),
  files: z.record(z.string(), ExportedFile),
  problems: z.array(ExportProblem),
});
export type ExportManifest = z.infer<typeof ExportManifest>;

/** The manifest's file name inside the export directory. */
export const MANIFEST_NAME = 'manifest.json';

/**
 * The manifest of an earlier run, or undefined. One that cannot be read as a manifest is moved
 * aside (never deleted) and the export starts over: every file is then verified by download.
 */
export async function loadManifest(
  path: string,
  now: Date,
): Promise<{ manifest: ExportManifest | undefined; setAside: string | undefined }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { manifest: undefined, setAside: undefined };
    }
    throw error;
  }
  try {
    return { manifest: ExportManifest.parse(JSON.parse(text)), setAside: undefined };
  } catch {
    const aside = `${path}.unreadable-${now.toISOString().replace(/[:.]/g, '-')}`;
    await rename(path, aside);
    return { manifest: undefined, setAside: aside };
  }
}

/** Writes the manifest so that a crash leaves the old one or the new one, never half of one. */
export async function saveManifest(path: string, manifest: ExportManifest): Promise<void> {
  await writeAtomically(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
