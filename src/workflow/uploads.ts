import { UploadsEndpoints } from '../resources/uploads.ts';
import type { FileObject } from '../schemas/file.ts';
import { type UploadFileOptions, uploadFile } from './upload-file.ts';

/** The Uploads API, plus `uploadFile` for whole files of up to 8 GB. */
export class Uploads extends UploadsEndpoints {
  /**
   * Uploads a file from disk in parts (≤ 64 MiB each, several at once) and returns the file it
   * becomes. Memory stays near `concurrency × partSize`; save `onState`'s record to resume an
   * interrupted upload with `resume`.
   *
   * @example
   * const file = await client.uploads.uploadFile('big.jsonl', {
   *   purpose: 'fine-tune',
   *   onProgress: ({ bytesSent, totalBytes }) => console.log(`${bytesSent}/${totalBytes}`),
   *   onState: (state) => writeFile('upload-state.json', JSON.stringify(state)),
   * });
   */
  uploadFile(path: string, options: UploadFileOptions): Promise<FileObject> {
    return uploadFile(this, path, options);
  }
}
