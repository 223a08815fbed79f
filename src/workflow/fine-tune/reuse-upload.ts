import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { TuneKit } from '../../client.ts';
import type { FileObject } from '../../schemas/file.ts';
import type { FileRole, FineTuneOptions } from './types.ts';
import { sha256OfFile, UploadCache } from './upload-cache.ts';

/** The API a file lives in: base URL, organization and project. */
function scopeOf(client: TuneKit): string {
  return `${client.baseURL} ${client.organization ?? ''} ${client.project ?? ''}`;
}

/**
 * Uploads a file, or reuses the same file uploaded before if the API still has it with the
 * same name and size (the cache alone is never trusted).
 */
export async function uploadOrReuse(
  client: TuneKit,
  role: FileRole,
  path: string,
  options: FineTuneOptions,
): Promise<FileObject> {
  const { signal } = options;
  const filename = basename(path);
  const cache = options.reuseUploads === false ? undefined : new UploadCache(options.cacheDir);
  const bytes = (await stat(path)).size;
  const key = {
    sha256: cache ? await sha256OfFile(path, signal) : '',
    bytes,
    filename,
    purpose: 'fine-tune',
    scope: scopeOf(client),
  };
  for (const record of cache ? await cache.find(key) : []) {
    const existing = await client.files.retrieve(record.fileId, { signal }).catch(() => undefined);
    if (
      existing &&
      existing.bytes === bytes &&
      existing.filename === filename &&
      existing.status !== 'error'
    ) {
      await options.onStage?.({ stage: 'uploaded', role, path, file: existing, reused: true });
      return existing;
    }
    await cache?.forget(record.fileId);
  }
  await options.onStage?.({ stage: 'uploading', role, path });
  const file = await client.files.upload(path, {
    purpose: 'fine-tune',
    signal,
    onProgress: (progress) => {
      void options.onStage?.({ stage: 'uploading', role, path, progress });
    },
  });
  await cache?.remember({ ...key, fileId: file.id, uploadedAt: new Date().toISOString() });
  await options.onStage?.({ stage: 'uploaded', role, path, file, reused: false });
  return file;
}
