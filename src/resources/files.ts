import { type APIPromise, mapData } from '../core/api-promise.ts';
import { TuneKitError } from '../core/errors/tunekit-error.ts';
import type { RequestOptions } from '../core/http-client.ts';
import { multipartPayload } from '../core/multipart.ts';
import { type PagePromise, paginate } from '../core/pagination.ts';
import { pathId } from '../core/path.ts';
import type { WithRequestId } from '../core/request-id.ts';
import { toFileSource, type Uploadable } from '../core/uploadable.ts';
import {
  FileDeleted,
  type FileExpiresAfter,
  type FileListParams,
  FileObject,
  type FilePurpose,
} from '../schemas/file.ts';
import { listEnvelope } from '../schemas/list.ts';
import { APIResource } from './resource.ts';

/** Body of `POST /files`. */
export interface FileCreateParams {
  /** A path (streamed from disk), a Blob/File/Uint8Array, or a stream (sent once, not retried). */
  file: Uploadable;
  /** `fine-tune` for training and validation files. */
  purpose: FilePurpose;
  /** The name to store; default: the path's basename, the File's name, or `data.jsonl`. */
  filename?: string | undefined;
  expires_after?: FileExpiresAfter | undefined;
}

/** A line of a JSONL file that is not valid JSON. */
export class JsonlParseError extends TuneKitError {
  override name = 'JsonlParseError';
  readonly fileId: string;
  /** 1-based line number. */
  readonly line: number;

  constructor(fileId: string, line: number, reason: string, options?: ErrorOptions) {
    super(`Line ${line} of file ${fileId} is not valid JSON: ${reason}`, options);
    this.fileId = fileId;
    this.line = line;
  }
}

const FileList = listEnvelope(FileObject);
const FILES = ['files'] as const;

/** Files: upload, list, retrieve, delete and download (`/files`). */
export class FilesEndpoints extends APIResource {
  /**
   * Uploads a file (multipart `POST /files`). Paths are streamed from disk, so memory stays
   * flat whatever the file's size; the Files API takes files up to 512 MB.
   *
   * @example
   * const file = await client.files.create({ file: 'train.jsonl', purpose: 'fine-tune' });
   */
  create(
    params: FileCreateParams,
    options?: RequestOptions,
  ): APIPromise<WithRequestId<FileObject>> {
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
}
