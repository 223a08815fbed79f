/**
 * What the fidelity scenario asks of a client. Two implementations — the official `openai`
 * package and tunekit's own client — run the same scenario, so one scenario proves both.
 * Results are returned as the client gave them; the scenario checks them against tunekit's
 * response schemas.
 */
export interface ClientPort {
  /** Uploads a file from a stream opened on `path`. */
  uploadFromStream(path: string, purpose: 'fine-tune'): Promise<unknown>;
  /** Every file, walking the pages `pageSize` at a time. */
  listAllFiles(pageSize: number): Promise<unknown[]>;
  retrieveFile(id: string): Promise<unknown>;
  fileText(id: string): Promise<string>;
  deleteFile(id: string): Promise<unknown>;
  createUpload(params: { filename: string; bytes: number; mime_type: string }): Promise<unknown>;
  addUploadPart(uploadId: string, data: Uint8Array): Promise<unknown>;
  completeUpload(uploadId: string, partIds: string[], md5: string): Promise<unknown>;
  createJob(params: {
    model: string;
    training_file: string;
    validation_file?: string;
    suffix?: string;
    metadata?: Record<string, string>;
  }): Promise<unknown>;
  /** Every job, walking all pages. */
  listAllJobs(): Promise<unknown[]>;
  retrieveJob(id: string): Promise<unknown>;
  /** One page of events. */
  listEvents(id: string, limit: number): Promise<{ data: unknown[]; has_more: boolean }>;
  /** Every event, walking all pages. */
  listAllEvents(id: string): Promise<unknown[]>;
  listCheckpoints(id: string): Promise<unknown[]>;
  cancelJob(id: string): Promise<unknown>;
  pauseJob(id: string): Promise<unknown>;
  resumeJob(id: string): Promise<unknown>;
  chat(model: string, question: string): Promise<unknown>;
  /** Streams a completion with usage; returns every chunk received. */
  chatStream(model: string, question: string): Promise<unknown[]>;
}
