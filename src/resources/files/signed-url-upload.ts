import { extname } from 'node:path';
import { APIPromise, type APIResponse } from '../../core/api-promise.ts';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import type { HttpClient, RequestOptions } from '../../core/http-client.ts';
import { pathId } from '../../core/path.ts';
import type { WithRequestId } from '../../core/request-id.ts';
import { type FileSource, toFileSource } from '../../core/uploadable.ts';
import { FileObject } from '../../schemas/file.ts';
import type { FileCreateParams } from './create-params.ts';

/** The file types Together takes, by extension. */
const FILE_TYPES = ['jsonl', 'parquet', 'csv'];

/**
 * The largest file one signed `PUT` takes: Together's own client refuses files above 4.9 GiB
 * (its Python SDK sends larger ones in parts through an API whose shapes could not be
 * confirmed, so tunekit does not).
 */
export const MAX_SIGNED_UPLOAD_BYTES = Math.floor(4.9 * 1024 ** 3);

/** The upload's first answer was not the redirect to a signed URL it should be. */
export class SignedUploadError extends TuneKitError {
  override name = 'SignedUploadError';
}

function fileTypeOf(filename: string): string {
  const type = extname(filename).slice(1).toLowerCase();
  if (!FILE_TYPES.includes(type)) {
    throw new InvalidArgumentError(
      `Together AI takes .jsonl, .parquet or .csv files; ${JSON.stringify(filename)} has none of these extensions (pass \`filename\` to name it).`,
      'filename',
    );
  }
  return type;
}

/**
 * Where the bytes go, read from the redirect: an absolute http(s) URL, https whenever the API
 * itself is (the bytes must not travel in clear), and the id of the file it will become.
 */
function signedTarget(response: Response, api: URL): { url: URL; fileId: string } {
  const location = response.headers.get('location');
  const fileId = response.headers.get('x-together-file-id');
  const answer = `POST /files answered ${response.status}`;
  if (response.status < 300 || response.status > 399) {
    throw new SignedUploadError(
      `${answer}, not the redirect to a signed upload URL Together AI's upload starts with.`,
    );
  }
  if (!location || !URL.canParse(location, api)) {
    throw new SignedUploadError(`${answer} without a usable Location (the signed upload URL).`);
  }
  if (!fileId) {
    throw new SignedUploadError(`${answer} without X-Together-File-Id (the new file's id).`);
  }
  const url = new URL(location, api);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && api.protocol === 'http:')) {
    throw new SignedUploadError(
      `${answer} with a signed upload URL on ${url.protocol}//${url.host}: tunekit sends files to https URLs only (or http when the API itself is http).`,
    );
  }
  return { url, fileId };
}

/** Refuses, before anything is sent, a file one signed PUT cannot take. */
function checkSize(source: FileSource): void {
  if (source.kind === 'blob' && source.size > MAX_SIGNED_UPLOAD_BYTES) {
    throw new InvalidArgumentError(
      `${source.filename} is ${source.size} bytes; Together AI's upload takes up to 4.9 GiB in one request (larger files go in parts through an API tunekit does not speak yet).`,
      'file',
    );
  }
}

/**
 * Uploads a file the way Together AI takes it: `POST /files?file_name&file_type&purpose`
 * answers with a redirect to a signed URL and the new file's id (`X-Together-File-Id`); the
 * bytes go there in one `PUT`, streamed from disk and carrying no credential of the client (the
 * core never follows a redirect to another origin, so the redirect is asked for and the `PUT`
 * made here); then `GET /files/{id}` reads the file. A path is retried like any request; a
 * stream is sent once.
 */
export function createViaSignedURL(
  http: HttpClient,
  params: FileCreateParams,
  options: RequestOptions | undefined,
): APIPromise<WithRequestId<FileObject>> {
  return new APIPromise(
    (async (): Promise<APIResponse<WithRequestId<FileObject>>> => {
      const source = await toFileSource(params.file, params.filename);
      const fields = {
        file_name: source.filename,
        file_type: fileTypeOf(source.filename),
        purpose: params.purpose,
      };
      checkSize(source);
      const started = await http.open({
        method: 'POST',
        path: '/files',
        query: fields,
        body: { kind: 'form', fields },
        redirect: 'return',
        options,
        features: ['files'],
      });
      await started.response.body?.cancel().catch(() => {});
      const { url, fileId } = signedTarget(started.response, new URL(started.url));
      const stored = await http.open({
        method: 'PUT',
        path: '/files (signed upload URL)',
        signedURL: url,
        body: { kind: 'bytes', source },
        options: { ...options, headers: undefined, query: undefined },
        features: ['files'],
      });
      await stored.response.body?.cancel().catch(() => {});
      const path = `/files/${pathId(fileId, 'fileId')}`;
      return http
        .json({ method: 'GET', path, options, features: ['files'] }, FileObject)
        .withResponse();
    })(),
  );
}
