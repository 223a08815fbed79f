import { TuneKitError } from '../../core/errors/tunekit-error.ts';

/**
 * A line of a JSONL file that is not valid JSON.
 *
 * @example
 * await client.files.jsonl(id).catch((e) => { if (e instanceof JsonlParseError) console.error(e.fileId, e.line); throw e; });
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
 * await client.files.waitForProcessing(id).catch((e) => { if (e instanceof FileProcessingError) console.error(e.details); throw e; });
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
