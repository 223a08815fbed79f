import { TuneKitError } from '../../core/errors/tunekit-error.ts';

/**
 * A download that kept ending short of the size the API reported for the file (three tries).
 *
 * @example
 * await exportAll(client, './backup').catch((error) => {
 *   // What finished is in ./backup and its manifest: running again downloads only the rest.
 *   if (error instanceof IncompleteDownloadError) console.error(`${error.fileId} came short; run the export again`);
 *   throw error;
 * });
 */
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
