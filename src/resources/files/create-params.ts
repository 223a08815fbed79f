import type { Uploadable } from '../../core/uploadable.ts';
import type { FileExpiresAfter, FilePurpose } from '../../schemas/file.ts';

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
