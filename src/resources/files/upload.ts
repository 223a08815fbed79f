import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RequestOptions } from '../../core/http-client.ts';
import type { Uploadable } from '../../core/uploadable.ts';
import type { FileObject } from '../../schemas/file.ts';
import type { UploadFileOptions } from '../uploads/upload-file.ts';
import type { FileCreateParams } from './create-params.ts';

/** Options of `files.upload`. */
export type FileUploadOptions = Omit<FileCreateParams, 'file'> &
  Omit<UploadFileOptions, 'purpose' | 'filename'> & {
    /** Files larger than this go through the Uploads API. Default: 100 MiB. */
    uploadThreshold?: number | undefined;
  };

/** Above this size `files.upload` uses the Uploads API (resumable parts, up to 8 GB). */
export const DEFAULT_UPLOAD_THRESHOLD = 100 * 1024 * 1024;

/** The two ways up: one `POST /files`, or the Uploads API in parts (when the provider has it). */
export interface UploadRoutes {
  create(params: FileCreateParams, options?: RequestOptions): PromiseLike<FileObject>;
  uploadFile?: ((path: string, options: UploadFileOptions) => Promise<FileObject>) | undefined;
}

/** The size of a file on disk; 0 when it cannot be read (the upload itself says why, with the path). */
async function sizeOnDisk(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.size,
    () => 0,
  );
}

/**
 * Uploads a file the best way for its size: a path above `uploadThreshold` through the
 * Uploads API in parts, anything else in one request.
 */
export async function uploadBySize(
  routes: UploadRoutes,
  file: Uploadable,
  options: FileUploadOptions,
  requestOptions?: RequestOptions,
): Promise<FileObject> {
  const {
    uploadThreshold = DEFAULT_UPLOAD_THRESHOLD,
    purpose,
    filename,
    expires_after,
    ...partOptions
  } = options;
  if (routes.uploadFile && (typeof file === 'string' || file instanceof URL)) {
    const path = file instanceof URL ? fileURLToPath(file) : file;
    if ((await sizeOnDisk(path)) > uploadThreshold) {
      return routes.uploadFile(path, {
        ...partOptions,
        purpose,
        filename,
        signal: partOptions.signal ?? requestOptions?.signal,
      });
    }
  }
  return routes.create(
    { file, purpose, filename, expires_after },
    { ...requestOptions, signal: requestOptions?.signal ?? partOptions.signal },
  );
}
