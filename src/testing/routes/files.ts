import type { FileObject } from '../../schemas/file.ts';
import { paginate } from '../http/pagination.ts';
import { jsonResponse } from '../http/respond.ts';
import { invalidRequest, missingParameter, noSuchObject } from '../http/route-error.ts';
import type { Route } from '../http/router.ts';
import { newId } from '../ids.ts';
import { param, type RouteContext } from '../route-context.ts';
import type { StoredFile } from '../state.ts';
import type { World } from '../world.ts';
import { formOf } from './multipart.ts';

/** Purposes a client may upload with (`fine-tune-results` files are made by jobs). */
export const UPLOAD_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

/** The Files API takes files up to 512 MB. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Room for the multipart envelope and the other fields around a file part. */
export const ENVELOPE_BYTES = 1024 ** 2;

/** A file's metadata as the API shows it. */
export function serializeFile(file: StoredFile, nowMs: number): FileObject {
  return {
    object: 'file',
    id: file.id,
    purpose: file.purpose,
    filename: file.filename,
    bytes: file.content.byteLength,
    created_at: file.createdAt,
    expires_at: file.expiresAt,
    status: nowMs >= file.processedAtMs ? 'processed' : 'uploaded',
    status_details: null,
  };
}

/** Checks a purpose a client chose, in the API's words. */
export function checkPurpose(purpose: string | undefined, paramName = 'purpose'): string {
  if (purpose === undefined || purpose === '') {
    throw missingParameter(paramName);
  }
  if (!UPLOAD_PURPOSES.includes(purpose)) {
    throw invalidRequest(
      `Invalid value for '${paramName}': '${purpose}'. Supported values are: ${UPLOAD_PURPOSES.map((p) => `'${p}'`).join(', ')}.`,
      paramName,
      'invalid_value',
    );
  }
  return purpose;
}

/** Fine-tuning files must be JSONL, which the API judges by the file name. */
export function checkFineTuneFilename(purpose: string, filename: string): void {
  if (purpose === 'fine-tune' && !filename.toLowerCase().endsWith('.jsonl')) {
    throw invalidRequest('Invalid file format for Fine-Tuning API. Must be .jsonl', 'file');
  }
}

/** `expires_after` from form fields, as seconds after creation (3600 to 2,592,000). */
function readExpiresAfter(fields: Map<string, string>): number | null {
  const anchor = fields.get('expires_after[anchor]');
  const seconds = fields.get('expires_after[seconds]');
  if (anchor === undefined && seconds === undefined) return null;
  if (anchor !== 'created_at') {
    throw invalidRequest(
      "Invalid value for 'expires_after.anchor': expected 'created_at'.",
      'expires_after.anchor',
      'invalid_value',
    );
  }
  const value = Number(seconds);
  if (!Number.isInteger(value) || value < 3600 || value > 2_592_000) {
    throw invalidRequest(
      "Invalid value for 'expires_after.seconds': expected an integer from 3600 to 2592000.",
      'expires_after.seconds',
      'invalid_value',
    );
  }
  return value;
}

/** Stores a new file and returns it. */
export function storeFile(
  world: World,
  fields: { filename: string; purpose: string; content: Uint8Array; expiresAfter: number | null },
): StoredFile {
  const createdAt = world.clock.seconds();
  const file: StoredFile = {
    id: newId.file(),
    filename: fields.filename,
    purpose: fields.purpose,
    content: fields.content,
    createdAt,
    expiresAt: fields.expiresAfter === null ? null : createdAt + fields.expiresAfter,
    processedAtMs: world.clock.now() + world.fileProcessingMs,
  };
  world.state.files.set(file.id, file);
  return file;
}

/** The stored file with this id, or the API's 404. */
export function findFile(world: World, id: string, paramName = 'id'): StoredFile {
  const file = world.state.files.get(id);
  if (!file) throw noSuchObject('File', id, paramName);
  return file;
}

function createFile(context: RouteContext): Response {
  const form = formOf(context);
  const purpose = checkPurpose(form.fields.get('purpose'));
  const upload = form.files.get('file');
  if (!upload) {
    throw missingParameter('file');
  }
  checkFineTuneFilename(purpose, upload.filename);
  const file = storeFile(context.world, {
    filename: upload.filename,
    purpose,
    content: upload.bytes,
    expiresAfter: readExpiresAfter(form.fields),
  });
  return jsonResponse(context.dialect.file(file, context.world.clock.now()));
}

function listFiles(context: RouteContext): Response {
  const { url, world } = context;
  const purpose = url.searchParams.get('purpose');
  const order = url.searchParams.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') {
    throw invalidRequest(
      `Invalid value for 'order': '${order}'. Supported values are: 'asc' and 'desc'.`,
      'order',
      'invalid_value',
    );
  }
  const now = world.clock.now();
  let files = [...world.state.files.values()].filter((f) => !purpose || f.purpose === purpose);
  if (order === 'desc') files = files.reverse();
  const items = files.map((file) => context.dialect.file(file, now) as FileObject);
  return jsonResponse(paginate(items, url.searchParams, { default: 10_000, max: 10_000 }));
}

function retrieveFile(context: RouteContext): Response {
  const file = findFile(context.world, param(context, 'file_id'));
  return jsonResponse(context.dialect.file(file, context.world.clock.now()));
}

function deleteFile(context: RouteContext): Response {
  const file = findFile(context.world, param(context, 'file_id'));
  context.world.state.files.delete(file.id);
  return jsonResponse({ id: file.id, object: 'file', deleted: true });
}

function fileContent(context: RouteContext): Response {
  const file = findFile(context.world, param(context, 'file_id'));
  return new Response(file.content as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${encodeURIComponent(file.filename)}"`,
    },
  });
}

/** `/files`: upload, list, retrieve, delete, download. */
export const fileRoutes: Route[] = [
  {
    name: 'files.create',
    method: 'POST',
    path: '/files',
    body: {
      kind: 'multipart',
      limits: {
        bodyBytes: MAX_FILE_BYTES + ENVELOPE_BYTES,
        fileBytes: MAX_FILE_BYTES,
        fileTooLarge: () =>
          invalidRequest(
            `File is too large: the Files API takes up to ${MAX_FILE_BYTES} bytes. Use the Uploads API for larger files.`,
            'file',
          ),
      },
    },
    handle: createFile,
  },
  { name: 'files.list', method: 'GET', path: '/files', handle: listFiles },
  { name: 'files.retrieve', method: 'GET', path: '/files/:file_id', handle: retrieveFile },
  { name: 'files.delete', method: 'DELETE', path: '/files/:file_id', handle: deleteFile },
  { name: 'files.content', method: 'GET', path: '/files/:file_id/content', handle: fileContent },
];
