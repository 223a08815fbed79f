import { z } from 'zod';
import { FileExpiresAfter, FileObject, FilePurpose } from './file.ts';
import { openEnum } from './open-enum.ts';

/** The state of an upload session. */
export const UploadStatus = openEnum(['pending', 'completed', 'cancelled', 'expired']);
export type UploadStatus = z.infer<typeof UploadStatus>;

/** An upload session of the Uploads API (`object: "upload"`), for files up to 8 GB. */
export const Upload = z.looseObject({
  id: z.string(),
  object: z.string().optional(),
  bytes: z.number(),
  created_at: z.number(),
  expires_at: z.number().nullish(),
  filename: z.string(),
  purpose: FilePurpose,
  status: UploadStatus,
  file: FileObject.nullish(),
});
export type Upload = z.infer<typeof Upload>;

/** One part of an upload (`object: "upload.part"`), at most 64 MB. */
export const UploadPart = z.looseObject({
  id: z.string(),
  object: z.string().optional(),
  created_at: z.number(),
  upload_id: z.string(),
});
export type UploadPart = z.infer<typeof UploadPart>;

/** Body of `POST /uploads`. */
export const UploadCreateParams = z.object({
  filename: z.string(),
  purpose: FilePurpose,
  bytes: z.number().int(),
  mime_type: z.string(),
  expires_after: FileExpiresAfter.optional(),
});
export type UploadCreateParams = z.infer<typeof UploadCreateParams>;

/** Body of `POST /uploads/{id}/complete`: the part ids in file order, and an optional md5. */
export const UploadCompleteParams = z.object({
  part_ids: z.array(z.string()),
  md5: z.string().optional(),
});
export type UploadCompleteParams = z.infer<typeof UploadCompleteParams>;
