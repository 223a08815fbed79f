import { z } from 'zod';
import { openEnum } from './open-enum.ts';
import { TogetherFileDetails } from './together.ts';

/** What a file is for. `fine-tune` for training and validation data. */
export const FilePurpose = openEnum([
  'fine-tune',
  'fine-tune-results',
  'assistants',
  'assistants_output',
  'batch',
  'batch_output',
  'vision',
  'user_data',
  'evals',
]);
export type FilePurpose = z.infer<typeof FilePurpose>;

/** The processing state of a file. Deprecated by OpenAI and absent from many responses. */
export const FileStatus = openEnum(['uploaded', 'processed', 'error']);
export type FileStatus = z.infer<typeof FileStatus>;

/** A file stored by the API (`object: "file"`). */
export const FileObject = z.looseObject({
  id: z.string(),
  object: z.string(),
  bytes: z.number().nullish(),
  created_at: z.number(),
  filename: z.string(),
  purpose: FilePurpose,
  status: FileStatus.nullish(),
  status_details: z.string().nullish(),
  expires_at: z.number().nullish(),
  /** Together AI only: its file type, processing status and validation report. */
  together: TogetherFileDetails.nullish(),
});
export type FileObject = z.infer<typeof FileObject>;

/** The answer to `DELETE /files/{id}`. */
export const FileDeleted = z.looseObject({
  id: z.string(),
  object: z.string().optional(),
  deleted: z.boolean(),
});
export type FileDeleted = z.infer<typeof FileDeleted>;

/** When a file expires: `seconds` after `created_at` (3600 – 2,592,000). */
export const FileExpiresAfter = z.object({
  anchor: z.literal('created_at'),
  seconds: z.number().int(),
});
export type FileExpiresAfter = z.infer<typeof FileExpiresAfter>;

/** Query of `GET /files`. */
export const FileListParams = z.object({
  purpose: FilePurpose.optional(),
  order: z.enum(['asc', 'desc']).optional(),
  after: z.string().optional(),
  limit: z.number().int().optional(),
});
export type FileListParams = z.infer<typeof FileListParams>;
