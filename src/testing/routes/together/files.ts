import { randomBytes, randomUUID } from 'node:crypto';
import { jsonResponse } from '../../http/respond.ts';
import { invalidRequest, missingParameter, RouteError } from '../../http/route-error.ts';
import type { Route } from '../../http/router.ts';
import { param, type RouteContext } from '../../route-context.ts';
import type { StoredFile } from '../../state.ts';
import { ENVELOPE_BYTES } from '../files.ts';
import { formOf } from '../multipart.ts';
import { readFormFields } from './form.ts';

/** Purposes Together's client knows. */
const PURPOSES = ['fine-tune', 'eval', 'batch-api'];
const FILE_TYPES = ['jsonl', 'parquet', 'csv'];

/** Where the signed upload URLs point, below the fake's `/v1` (so msw and a port both reach it). */
export const SIGNED_UPLOAD_PATH = '/_fake-storage';

/** The largest file the fake keeps (in memory), as for its OpenAI flavour's Files API. */
const MAX_FAKE_FILE_BYTES = 512 * 1024 * 1024;

function notFound(id: string): RouteError {
  return new RouteError(404, { message: `File not found: ${id}`, param: 'id' });
}

function findFile(context: RouteContext, id: string): StoredFile {
  const file = context.world.state.files.get(id);
  if (!file) throw notFound(id);
  return file;
}

/** The upload's fields: from the query (Together's TS client), or the form body (its Python SDKs). */
async function uploadFields(context: RouteContext): Promise<Record<string, string | undefined>> {
  const query = context.url.searchParams;
  const fields: Record<string, string | undefined> = {
    file_name: query.get('file_name') ?? undefined,
    file_type: query.get('file_type') ?? undefined,
    purpose: query.get('purpose') ?? undefined,
  };
  const type = context.request.headers.get('content-type') ?? '';
  let form: URLSearchParams | FormData | undefined;
  if (type.startsWith('application/x-www-form-urlencoded')) {
    form = new URLSearchParams(new TextDecoder().decode(context.body));
  } else if (type.startsWith('multipart/form-data') && context.body.byteLength > 0) {
    form = await readFormFields(context);
  }
  for (const name of Object.keys(fields)) {
    const value = form?.get(name);
    if (fields[name] === undefined && typeof value === 'string') fields[name] = value;
  }
  return fields;
}

function checkFields(fields: Record<string, string | undefined>) {
  const { file_name, purpose } = fields;
  if (!file_name) throw missingParameter('file_name');
  if (!purpose) throw missingParameter('purpose');
  if (!PURPOSES.includes(purpose)) {
    throw invalidRequest(
      `Invalid purpose '${purpose}': expected one of ${PURPOSES.join(', ')}.`,
      'purpose',
    );
  }
  const fileType = fields.file_type ?? 'jsonl';
  if (!FILE_TYPES.includes(fileType)) {
    throw invalidRequest(
      `Invalid file_type '${fileType}': expected one of ${FILE_TYPES.join(', ')}.`,
      'file_type',
    );
  }
  // Together's own client sends the path as it was given: the file keeps its last segment.
  const filename = file_name.slice(
    Math.max(file_name.lastIndexOf('/'), file_name.lastIndexOf('\\')) + 1,
  );
  return { filename, purpose, fileType };
}

/**
 * `POST /files`: the first step of Together's upload. Answers 302 with a signed URL
 * (`Location`) and the new file's id (`X-Together-File-Id`); the file exists once its bytes
 * have been `PUT` there.
 */
async function startUpload(context: RouteContext): Promise<Response> {
  const { filename, purpose, fileType } = checkFields(await uploadFields(context));
  const fileId = `file-${randomUUID()}`;
  const signature = randomBytes(16).toString('hex');
  context.world.state.signedUploads.set(fileId, {
    fileId,
    filename,
    purpose,
    fileType,
    signature,
    createdAt: context.world.clock.seconds(),
  });
  const location = new URL(`${context.url.origin}/v1${SIGNED_UPLOAD_PATH}/${fileId}`);
  location.searchParams.set('X-Amz-Expires', '3600');
  location.searchParams.set('X-Amz-Signature', signature);
  return new Response(null, {
    status: 302,
    headers: { location: location.href, 'x-together-file-id': fileId },
  });
}

/** Stores a file's bytes and metadata. */
function store(
  context: RouteContext,
  fields: { id: string; filename: string; purpose: string; createdAt: number },
  content: Uint8Array,
): StoredFile {
  const { world } = context;
  const file: StoredFile = {
    ...fields,
    content,
    expiresAt: null,
    processedAtMs: world.clock.now() + world.fileProcessingMs,
  };
  world.state.files.set(file.id, file);
  return file;
}

/**
 * `PUT` to the signed URL: authorised by its signature alone (as a storage service is, without
 * the API key). 200 with an empty body, as Together's client requires.
 */
function receiveUpload(context: RouteContext): Response {
  const id = param(context, 'file_id');
  const pending = context.world.state.signedUploads.get(id);
  const signature = context.url.searchParams.get('X-Amz-Signature');
  if (!pending || signature !== pending.signature) {
    return new Response(
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>',
      { status: 403, headers: { 'content-type': 'application/xml' } },
    );
  }
  context.world.state.signedUploads.delete(id);
  store(context, { id, ...pending }, context.body);
  return new Response(null, { status: 200 });
}

/** `POST /files/upload`: the multipart upload of Together's API reference. */
async function uploadMultipart(context: RouteContext): Promise<Response> {
  const form = formOf(context);
  const upload = form.files.get('file');
  if (!upload) throw missingParameter('file');
  const { filename, purpose } = checkFields({
    file_name: form.fields.get('file_name') ?? upload.filename,
    file_type: form.fields.get('file_type'),
    purpose: form.fields.get('purpose'),
  });
  const file = store(
    context,
    { id: `file-${randomUUID()}`, filename, purpose, createdAt: context.world.clock.seconds() },
    upload.bytes,
  );
  return jsonResponse(context.dialect.file(file, context.world.clock.now()));
}

function listFiles(context: RouteContext): Response {
  const now = context.world.clock.now();
  // `{data}` only: no object, no pagination (Together's list).
  const data = [...context.world.state.files.values()].map((f) => context.dialect.file(f, now));
  return jsonResponse({ data });
}

function retrieveFile(context: RouteContext): Response {
  const file = findFile(context, param(context, 'file_id'));
  return jsonResponse(context.dialect.file(file, context.world.clock.now()));
}

function deleteFile(context: RouteContext): Response {
  const file = findFile(context, param(context, 'file_id'));
  context.world.state.files.delete(file.id);
  return jsonResponse({ id: file.id, deleted: true });
}

function fileContent(context: RouteContext): Response {
  const file = findFile(context, param(context, 'file_id'));
  return new Response(file.content as Uint8Array<ArrayBuffer>, {
    headers: { 'content-type': 'application/octet-stream' },
  });
}

/** Together's `/files`, and the signed URLs its uploads go to. */
export const togetherFileRoutes: Route[] = [
  { name: 'files.create', method: 'POST', path: '/files', handle: startUpload },
  {
    name: 'files.put',
    method: 'PUT',
    path: `${SIGNED_UPLOAD_PATH}/:file_id`,
    signed: true,
    // The raw bytes of the file. Together takes up to 4.9 GiB; the fake holds files in memory
    // and takes what its Files API does.
    body: { kind: 'json', maxBytes: MAX_FAKE_FILE_BYTES },
    handle: receiveUpload,
  },
  {
    name: 'files.upload',
    method: 'POST',
    path: '/files/upload',
    body: {
      kind: 'multipart',
      limits: {
        bodyBytes: MAX_FAKE_FILE_BYTES + ENVELOPE_BYTES,
        fileBytes: MAX_FAKE_FILE_BYTES,
        fileTooLarge: () =>
          invalidRequest(
            `File is too large: the fake takes up to ${MAX_FAKE_FILE_BYTES} bytes.`,
            'file',
          ),
      },
    },
    handle: uploadMultipart,
  },
  { name: 'files.list', method: 'GET', path: '/files', handle: listFiles },
  { name: 'files.retrieve', method: 'GET', path: '/files/:file_id', handle: retrieveFile },
  { name: 'files.delete', method: 'DELETE', path: '/files/:file_id', handle: deleteFile },
  { name: 'files.content', method: 'GET', path: '/files/:file_id/content', handle: fileContent },
];
