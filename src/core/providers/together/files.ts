import { defined, type Json, objectOf, stringOf } from './json.ts';

/**
 * Together's processing states as tunekit's file `status`: `processed` once validated,
 * `error` when validation failed, `uploaded` while it runs. A file without a processing status
 * (other purposes, older answers) has none: there is nothing to wait for.
 */
function statusOf(processing: string | undefined): string | undefined {
  if (processing === undefined) return undefined;
  if (processing === 'COMPLETED') return 'processed';
  if (processing === 'FAILED' || processing === 'INVALID_FORMAT') return 'error';
  return 'uploaded';
}

/** A Together file as tunekit's `FileObject` (its own fields in `together`). */
export function togetherFile(value: unknown): unknown {
  const raw = objectOf(value);
  if (!raw) return value;
  const processing = stringOf(raw.processing_status);
  const report = objectOf(raw.validation_report);
  const status = statusOf(processing);
  return defined({
    id: raw.id,
    object: 'file',
    bytes: raw.bytes,
    created_at: raw.created_at,
    filename: raw.filename,
    purpose: raw.purpose,
    status,
    status_details: status === 'error' ? (stringOf(report?.error) ?? processing) : null,
    together: defined({
      file_type: raw.FileType ?? raw.file_type,
      processing_status: processing,
      processed: raw.Processed,
      validation_report: report,
    }),
  });
}

/** Together's answer to `DELETE /files/{id}` (`{id?, deleted?}`): a 2xx means it is gone. */
export function togetherFileDeleted(fileId: string, value: unknown): Json {
  const raw = objectOf(value) ?? {};
  return {
    id: stringOf(raw.id) ?? fileId,
    object: 'file',
    deleted: typeof raw.deleted === 'boolean' ? raw.deleted : true,
  };
}
