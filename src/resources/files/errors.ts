import { TuneKitError } from '../../core/errors/tunekit-error.ts';

/**
 * A line of a JSONL file that is not valid JSON.
 *
 * @example
 * const rows = await client.files.jsonl(fileId).catch((error) => {
 *   if (error instanceof JsonlParseError) console.error(`${error.fileId}, line ${error.line}: ${error.message}`);
 *   throw error;
 * });
 */
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

/**
 * The API could not process an uploaded file (`status: "error"`).
 *
 * @example
 * const file = await client.files.upload('train.jsonl', { purpose: 'fine-tune' });
 * await client.files.waitForProcessing(file.id).catch((error) => {
 *   if (error instanceof FileProcessingError) console.error(error.fileId, error.details);
 *   throw error;
 * });
 */
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
