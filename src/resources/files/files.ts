import { type APIPromise, mapData } from '../../core/api-promise.ts';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import type { HttpClient, RequestOptions } from '../../core/http-client.ts';
import { multipartPayload } from '../../core/multipart.ts';
import { type PagePromise, paginate } from '../../core/pagination.ts';
import { pathId } from '../../core/path.ts';
import type { WithRequestId } from '../../core/request-id.ts';
import { toFileSource, type Uploadable } from '../../core/uploadable.ts';
import { FileDeleted, type FileListParams, FileObject } from '../../schemas/file.ts';
import { listEnvelope } from '../../schemas/list.ts';
import { APIResource } from '../resource.ts';
import type { UploadFileOptions } from '../uploads/upload-file.ts';
import type { FileCreateParams } from './create-params.ts';
import { JsonlParseError } from './errors.ts';
import { createViaSignedURL } from './signed-url-upload.ts';
import { type FileUploadOptions, uploadBySize } from './upload.ts';
import { type WaitForProcessingOptions, waitForProcessing } from './wait-for-processing.ts';

/** Where `files.upload` sends files too large for one request (the client's `uploads`). */
export interface PartUploader {
  uploadFile(path: string, options: UploadFileOptions): Promise<FileObject>;
}

const FileList = listEnvelope(FileObject);
const FILES = ['files'] as const;

/**
 * Files (`/files`): create, list, retrieve, delete and download, plus `upload` (the right API
 * for the size) and `waitForProcessing`.
 *
 * @example
 * const file = await client.files.upload('train.jsonl', { purpose: 'fine-tune' });
 * await client.files.waitForProcessing(file.id);
 * for await (const f of client.files.list({ purpose: 'fine-tune' })) console.log(f.id, f.filename);
 */
export class Files extends APIResource {
  readonly #uploads: PartUploader;

  constructor(http: HttpClient, uploads: PartUploader) {
    super(http);
    this.#uploads = uploads;
  }

  /**
   * Uploads a file (multipart `POST /files`). Paths are streamed from disk, so memory stays
   * flat whatever the file's size; the Files API takes files up to 512 MB. Together AI takes
   * files its own way (a signed URL the bytes are `PUT` to, without the key; up to 4.9 GiB):
   * the same call does that there.
   *
   * @example
   * const file = await client.files.create({ file: 'train.jsonl', purpose: 'fine-tune' });
   */
  create(
    params: FileCreateParams,
    options?: RequestOptions,
  ): APIPromise<WithRequestId<FileObject>> {
    if (this._http.provider.fileUpload === 'signed-url') {
      if (params.expires_after) {
        throw new InvalidArgumentError(
          `${this._http.provider.label} keeps files until they are deleted: leave expires_after out.`,
          'expires_after',
        );
      }
      return createViaSignedURL(this._http, params, options);
    }
    const body = toFileSource(params.file, params.filename).then((source) => {
      const fields: Record<string, string> = { purpose: params.purpose };
      if (params.expires_after) {
        fields['expires_after[anchor]'] = params.expires_after.anchor;
        fields['expires_after[seconds]'] = String(params.expires_after.seconds);
      }
      return { kind: 'multipart' as const, payload: multipartPayload(fields, 'file', source) };
    });
    return this._http.json(
      { method: 'POST', path: '/files', body, options, features: FILES },
      FileObject,
    );
  }

  /**
   * Lists files, newest first by default. `await` for one page, `for await` for all.
   *
   * @example
   * for await (const file of client.files.list({ purpose: 'fine-tune' })) console.log(file.filename);
   */
  list(params: FileListParams = {}, options?: RequestOptions): PagePromise<FileObject> {
    return paginate(
      (after) =>
        this._http.json(
          { method: 'GET', path: '/files', query: { ...params, after }, options, features: FILES },
          FileList,
        ),
      params.after,
    );
  }

  /**
   * Retrieves a file's metadata.
   *
   * @example
   * const file = await client.files.retrieve('file-abc123');
   */
  retrieve(fileId: string, options?: RequestOptions): APIPromise<WithRequestId<FileObject>> {
    const path = `/files/${pathId(fileId, 'fileId')}`;
    return this._http.json({ method: 'GET', path, options, features: FILES }, FileObject);
  }

  /**
   * Deletes a file.
   *
   * @example
   * const { deleted } = await client.files.delete('file-abc123');
   */
  delete(fileId: string, options?: RequestOptions): APIPromise<WithRequestId<FileDeleted>> {
    const path = `/files/${pathId(fileId, 'fileId')}`;
    return this._http.json({ method: 'DELETE', path, options, features: FILES }, FileDeleted);
  }

  /**
   * Downloads a file's content as a streaming `Response` (the body is not read yet).
   *
   * @example
   * const response = await client.files.content('file-abc123');
   * await pipeline(Readable.fromWeb(response.body!), createWriteStream('copy.jsonl'));
   */
  content(fileId: string, options?: RequestOptions): APIPromise<Response> {
    const path = `/files/${pathId(fileId, 'fileId')}/content`;
    return mapData(
      this._http.open({ method: 'GET', path, options, features: FILES }),
      (open) => open.response,
    );
  }

  /**
   * Downloads a file's content as text. A download cut short or stalled is retried like any
   * request (typed `APIConnectionError` / `APIConnectionTimeoutError` once retries run out).
   *
   * @example
   * const csv = await client.files.text(job.result_files[0]);
   */
  text(fileId: string, options?: RequestOptions): APIPromise<string> {
    const path = `/files/${pathId(fileId, 'fileId')}/content`;
    return this._http.text({ method: 'GET', path, options, features: FILES });
  }

  /**
   * Streams a JSONL file's lines as parsed JSON values, one at a time (blank lines skipped).
   * A line that is not JSON throws a {@link JsonlParseError} with its line number.
   *
   * @example
   * for await (const example of client.files.jsonl('file-abc123')) console.log(example);
   */
  async *jsonl(fileId: string, options?: RequestOptions): AsyncGenerator<unknown, void, undefined> {
    const path = `/files/${pathId(fileId, 'fileId')}/content`;
    // A download that breaks off is read again from the start, skipping the lines already
    // yielded: every line comes once.
    const lines = this._http.lines({ method: 'GET', path, options, features: FILES });
    let number = 0;
    for await (const line of lines) {
      number += 1;
      if (line.trim() === '') continue;
      try {
        yield JSON.parse(number === 1 ? line.replace(/^\uFEFF/, '') : line);
      } catch (error) {
        throw new JsonlParseError(fileId, number, (error as Error).message, { cause: error });
      }
    }
  }

  /**
   * Uploads a file the best way for its size: up to `uploadThreshold` (100 MiB) in one
   * request, above it through the Uploads API in parallel, resumable parts (up to 8 GB).
   * Either way the bytes are streamed from disk.
   *
   * @example
   * const file = await client.files.upload('train.jsonl', { purpose: 'fine-tune' });
   */
  upload(
    file: Uploadable,
    options: FileUploadOptions,
    requestOptions?: RequestOptions,
  ): Promise<FileObject> {
    // Without the Uploads API (Together AI), every size goes through `create`.
    const parts = this._http.provider.whyNot('uploads') === undefined;
    const routes = {
      create: (params: FileCreateParams, options?: RequestOptions) => this.create(params, options),
      uploadFile: parts
        ? (path: string, options: UploadFileOptions) => this.#uploads.uploadFile(path, options)
        : undefined,
    };
    return uploadBySize(routes, file, options, requestOptions);
  }

  /**
   * Waits until the API has processed a file (`status: "processed"`), polling with a growing
   * pause. A file the API rejected throws `FileProcessingError` with its reason; running out
   * of time throws `WaitTimeoutError` saying what it waited for. A provider that reports no
   * status has nothing to wait for.
   *
   * @example
   * const ready = await client.files.waitForProcessing(file.id, { maxWait: 60_000 });
   */
  waitForProcessing(fileId: string, options: WaitForProcessingOptions = {}): Promise<FileObject> {
    return waitForProcessing(this, this._http.logger, fileId, options);
  }
}
