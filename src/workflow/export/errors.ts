import { TuneKitError } from '../../core/errors/tunekit-error.ts';

/** A download that kept ending short of the size the API reported for the file. */
export class IncompleteDownloadError extends TuneKitError {
  override name = 'IncompleteDownloadError';
  readonly fileId: string;

  constructor(fileId: string, expected: number, received: number) {
    super(
      `File ${fileId}: the API reported ${expected} bytes but the download ended after ${received}, three times. Run the export again to retry it.`,
    );
    this.fileId = fileId;
  }
}
