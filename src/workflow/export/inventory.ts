import { NotFoundError } from '../../core/errors/api-error.ts';
import type { Files } from '../../resources/files/files.ts';
import type { FileObject } from '../../schemas/file.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import type { ExportProblem, FileRole } from './manifest.ts';

/** A file to back up: what the API says about it, and what it is to which jobs. */
export interface FileToBackUp {
  file: FileObject;
  roles: Set<FileRole>;
  jobs: Set<string>;
}

/** The purposes of files that belong to fine-tuning. */
const PURPOSES = ['fine-tune', 'fine-tune-results'] as const;

/**
 * Every file fine-tuning made or used: the training, validation and result files the jobs
 * name, and any other file with purpose `fine-tune` or `fine-tune-results` (uploaded, never
 * trained on). A file a job names that the API no longer has (deleted) is a problem noted.
 */
export async function fineTuningFiles(
  files: Files,
  jobs: readonly FineTuningJob[],
  signal: AbortSignal | undefined,
): Promise<{ files: Map<string, FileToBackUp>; problems: ExportProblem[] }> {
  const found = new Map<string, FileToBackUp>();
  for (const purpose of PURPOSES) {
    for await (const file of files.list({ purpose }, { signal })) {
      if (file.purpose !== purpose) continue; // a provider that ignores the filter
      found.set(file.id, { file, roles: new Set(), jobs: new Set() });
    }
  }

  const named: Array<[string, FileRole, string]> = [];
  for (const job of jobs) {
    named.push([job.training_file, 'training', job.id]);
    if (job.validation_file) named.push([job.validation_file, 'validation', job.id]);
    for (const result of job.result_files ?? []) named.push([result, 'result', job.id]);
  }

  const problems: ExportProblem[] = [];
  const missing = new Set<string>();
  for (const [fileId, role, jobId] of named) {
    if (missing.has(fileId)) continue;
    let entry = found.get(fileId);
    if (!entry) {
      try {
        entry = {
          file: await files.retrieve(fileId, { signal }),
          roles: new Set(),
          jobs: new Set(),
        };
        found.set(fileId, entry);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        missing.add(fileId);
        problems.push({
          id: fileId,
          what: 'file',
          message: `the ${role} file of job ${jobId} no longer exists at the provider (${error.apiMessage})`,
        });
        continue;
      }
    }
    entry.roles.add(role);
    entry.jobs.add(jobId);
  }
  return { files: found, problems };
}
