/**
 * What the Together scenario asks of a client: the official `together-ai` package and
 * tunekit's own client (`provider: 'together'`) run the same scenario against the fake's
 * Together flavour. Each port checks the shapes its client returns and reports them in
 * Together's words (status `completed`, `cancel_requested`…), so one scenario proves both.
 */
export interface TogetherPort {
  /** Uploads a JSONL file from disk (Together's signed-URL upload). */
  upload(path: string): Promise<{ id: string; filename: string; bytes: number }>;
  createJob(params: { model: string; training_file: string; suffix?: string }): Promise<JobSummary>;
  listJobIds(): Promise<string[]>;
  retrieveJob(id: string): Promise<JobSummary>;
  /** The job's event messages, oldest first. */
  eventMessages(id: string): Promise<string[]>;
  cancelJob(id: string): Promise<JobSummary>;
  chat(model: string, question: string): Promise<{ content: string; finishReason: string }>;
  chatStream(
    model: string,
    question: string,
  ): Promise<{ content: string; finishReason: string; totalTokens: number }>;
}

/** A job as the scenario looks at it. */
export interface JobSummary {
  id: string;
  /** Together's own status (`pending`, `queued`, `running`, `completed`, `cancel_requested`…). */
  status: string;
  /** The model the job makes (Together names it from the start). */
  outputModel: string | null;
}
