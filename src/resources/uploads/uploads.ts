import type { APIPromise } from '../../core/api-promise.ts';
import type { RequestOptions } from '../../core/http-client.ts';
import { multipartPayload } from '../../core/multipart.ts';
import { pathId } from '../../core/path.ts';
import type { WithRequestId } from '../../core/request-id.ts';
import { toFileSource, type Uploadable } from '../../core/uploadable.ts';
import type { FileObject } from '../../schemas/file.ts';
import {
  Upload,
  type UploadCompleteParams,
  type UploadCreateParams,
  UploadPart,
} from '../../schemas/upload.ts';
import { APIResource } from '../resource.ts';
import { type UploadFileOptions, uploadFile } from './upload-file.ts';

const UPLOADS = ['uploads'] as const;

/**
 * The Uploads API (`/uploads`): a file of up to 8 GB sent in parts of up to 64 MB, then
 * assembled into a normal file; `uploadFile` does the whole of it for a file on disk.
 *
 * @example
 * // A file of several GB, in parts, resumable:
 * const file = await client.uploads.uploadFile('big.jsonl', { purpose: 'fine-tune' });
 * console.log(file.id, file.bytes);
 */
export class Uploads extends APIResource {
  /**
   * Opens an upload session for `bytes` bytes.
   *
   * @example
   * const upload = await client.uploads.create({
   *   filename: 'train.jsonl', purpose: 'fine-tune', bytes: 2_000_000_000, mime_type: 'application/jsonl',
   * });
   */
  create(params: UploadCreateParams, options?: RequestOptions): APIPromise<WithRequestId<Upload>> {
    return this._http.json(
      {
        method: 'POST',
        path: '/uploads',
        body: { kind: 'json', value: params },
        options,
        features: UPLOADS,
      },
      Upload,
    );
  }

  /**
   * Adds one part (≤ 64 MB) to an upload. Parts may be added in parallel and in any order.
   *
   * @example
   * const part = await client.uploads.addPart(upload.id, chunk);
   */
  addPart(
    uploadId: string,
    data: Uploadable,
    options?: RequestOptions,
  ): APIPromise<WithRequestId<UploadPart>> {
    const path = `/uploads/${pathId(uploadId, 'uploadId')}/parts`;
    const body = toFileSource(data, 'part').then((source) => ({
      kind: 'multipart' as const,
      payload: multipartPayload({}, 'data', source),
    }));
    return this._http.json({ method: 'POST', path, body, options, features: UPLOADS }, UploadPart);
  }

  /**
   * Completes an upload: the parts are joined in the order of `part_ids` into a file.
   *
   * @example
   * const done = await client.uploads.complete(upload.id, { part_ids: [part.id] });
   * console.log(done.file?.id);
   */
  complete(
    uploadId: string,
    params: UploadCompleteParams,
    options?: RequestOptions,
  ): APIPromise<WithRequestId<Upload>> {
    const path = `/uploads/${pathId(uploadId, 'uploadId')}/complete`;
    return this._http.json(
      { method: 'POST', path, body: { kind: 'json', value: params }, options, features: UPLOADS },
      Upload,
    );
  }

  /**
   * Cancels an upload; no more parts can be added.
   *
   * @example
   * await client.uploads.cancel(upload.id);
   */
  cancel(uploadId: string, options?: RequestOptions): APIPromise<WithRequestId<Upload>> {
    const path = `/uploads/${pathId(uploadId, 'uploadId')}/cancel`;
    return this._http.json({ method: 'POST', path, options, features: UPLOADS }, Upload);
  }

  /**
   * Uploads a file from disk in parts (≤ 64 MiB each, several at once) and returns the file it
   * becomes. Memory stays near `concurrency × partSize`; save `onState`'s record to resume an
   * interrupted upload with `resume`.
   *
   * @example
   * const file = await client.uploads.uploadFile('big.jsonl', {
   *   purpose: 'fine-tune',
   *   onProgress: ({ bytesSent, totalBytes }) => console.log(`${bytesSent}/${totalBytes}`),
   *   onState: (state) => writeFile('upload-state.json', JSON.stringify(state)),
   * });
   */
  uploadFile(path: string, options: UploadFileOptions): Promise<FileObject> {
    return uploadFile(this, path, options);
  }
}
