import { TuneKitError } from '../../core/errors/tunekit-error.ts';

/** The API could not process an uploaded file (`status: "error"`). */
export class FileProcessingError extends TuneKitError {
  override name = 'FileProcessingError';
  readonly fileId: string;
  /** The API's explanation, when it gives one. */
  readonly details: string | null;

  constructor(fileId: string, details: string | null | undefined) {
    super(`File ${fileId} could not be processed${details ? `: ${details}` : ''}`);
    this.fileId = fileId;
    this.details = details ?? null;
  }
}
