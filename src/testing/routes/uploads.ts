import { createHash } from 'node:crypto';
import { type Upload, UploadCompleteParams, UploadCreateParams } from '../../schemas/upload.ts';
import { readJsonBody } from '../http/read-body.ts';
import { jsonResponse } from '../http/respond.ts';
import { invalidRequest, missingParameter, noSuchObject } from '../http/route-error.ts';
import type { Route } from '../http/router.ts';
import { newId } from '../ids.ts';
import { param, type RouteContext } from '../route-context.ts';
import type { StoredUpload } from '../state.ts';
import { checkFineTuneFilename, checkPurpose, ENVELOPE_BYTES, storeFile } from './files.ts';
import { formOf } from './multipart.ts';

/** An upload may announce up to 8 GB. */
const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
/** Each part may hold up to 64 MB. */
const MAX_PART_BYTES = 64 * 1024 ** 2;
/** Uploads expire an hour after creation. */
const UPLOAD_LIFETIME_S = 3600;

/** `expired` once an upload's hour is over without completion. */
function statusOf(upload: StoredUpload, nowSeconds: number): Upload['status'] {
  if (upload.status === 'pending' && nowSeconds >= upload.expiresAt) return 'expired';
  return upload.status;
}

function serializeUpload(upload: StoredUpload, context: RouteContext): Upload {
  const { world } = context;
  const file = upload.fileId ? world.state.files.get(upload.fileId) : undefined;
  return {
    object: 'upload',
    id: upload.id,
    bytes: upload.bytes,
    created_at: upload.createdAt,
    expires_at: upload.expiresAt,
    filename: upload.filename,
    purpose: upload.purpose,
    status: statusOf(upload, world.clock.seconds()),
    file: file ? (context.dialect.file(file, world.clock.now()) as Upload['file']) : null,
  };
}

/** The upload with this id, which must still accept changes. */
function pendingUpload(context: RouteContext, action: string): StoredUpload {
  const id = param(context, 'upload_id');
  const upload = context.world.state.uploads.get(id);
  if (!upload) throw noSuchObject('Upload', id, 'upload_id');
  const status = statusOf(upload, context.world.clock.seconds());
  if (status !== 'pending') {
    throw invalidRequest(`Cannot ${action} upload ${id}: its status is ${status}.`, 'upload_id');
  }
  return upload;
}

function createUpload(context: RouteContext): Response {
  const params = readJsonBody(context.body, UploadCreateParams);
  const purpose = checkPurpose(params.purpose);
  checkFineTuneFilename(purpose, params.filename);
  if (params.bytes <= 0 || params.bytes > MAX_UPLOAD_BYTES) {
    throw invalidRequest(
      `Invalid value for 'bytes': expected 1 to ${MAX_UPLOAD_BYTES} (8 GB), got ${params.bytes}.`,
      'bytes',
      'invalid_value',
    );
  }
  const createdAt = context.world.clock.seconds();
  const upload: StoredUpload = {
    id: newId.upload(),
    filename: params.filename,
    purpose,
    bytes: params.bytes,
    mimeType: params.mime_type,
    createdAt,
    expiresAt: createdAt + UPLOAD_LIFETIME_S,
    status: 'pending',
    parts: new Map(),
    fileId: null,
  };
  context.world.state.uploads.set(upload.id, upload);
  return jsonResponse(serializeUpload(upload, context));
}

function addPart(context: RouteContext): Response {
  const upload = pendingUpload(context, 'add a part to');
  const data = formOf(context).files.get('data');
  if (!data) {
    throw missingParameter('data');
  }
  const part = {
    id: newId.uploadPart(),
    createdAt: context.world.clock.seconds(),
    data: data.bytes,
  };
  upload.parts.set(part.id, part);
  return jsonResponse({
    object: 'upload.part',
    id: part.id,
    created_at: part.createdAt,
    upload_id: upload.id,
  });
}

function completeUpload(context: RouteContext): Response {
  const upload = pendingUpload(context, 'complete');
  const params = readJsonBody(context.body, UploadCompleteParams);
  const parts = params.part_ids.map((id, index) => {
    const part = upload.parts.get(id);
    if (!part) {
      throw invalidRequest(
        `Part ${id} does not belong to upload ${upload.id}.`,
        `part_ids[${index}]`,
      );
    }
    return part.data;
  });
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  if (total !== upload.bytes) {
    throw invalidRequest(
      `The parts hold ${total} bytes, but the upload was created for ${upload.bytes} bytes.`,
      'part_ids',
    );
  }
  const content = Buffer.concat(parts);
  if (params.md5 !== undefined) {
    const actual = createHash('md5').update(content).digest('hex');
    if (actual !== params.md5.toLowerCase()) {
      throw invalidRequest(
        `The md5 checksum of the assembled file (${actual}) does not match the one given (${params.md5}).`,
        'md5',
      );
    }
  }
  const file = storeFile(context.world, {
    filename: upload.filename,
    purpose: upload.purpose,
    content: new Uint8Array(content),
    expiresAfter: null,
  });
  upload.status = 'completed';
  upload.fileId = file.id;
  upload.parts.clear();
  return jsonResponse(serializeUpload(upload, context));
}

function cancelUpload(context: RouteContext): Response {
  const upload = pendingUpload(context, 'cancel');
  upload.status = 'cancelled';
  upload.parts.clear();
  return jsonResponse(serializeUpload(upload, context));
}

/** `/uploads`: files up to 8 GB sent in parts of up to 64 MB. */
export const uploadRoutes: Route[] = [
  { name: 'uploads.create', method: 'POST', path: '/uploads', handle: createUpload },
  {
    name: 'uploads.addPart',
    method: 'POST',
    path: '/uploads/:upload_id/parts',
    body: {
      kind: 'multipart',
      limits: {
        bodyBytes: MAX_PART_BYTES + ENVELOPE_BYTES,
        fileBytes: MAX_PART_BYTES,
        fileTooLarge: () =>
          invalidRequest(`A part may hold at most ${MAX_PART_BYTES} bytes (64 MB).`, 'data'),
      },
    },
    handle: addPart,
  },
  {
    name: 'uploads.complete',
    method: 'POST',
    path: '/uploads/:upload_id/complete',
    handle: completeUpload,
  },
  {
    name: 'uploads.cancel',
    method: 'POST',
    path: '/uploads/:upload_id/cancel',
    handle: cancelUpload,
  },
];
