import { expect } from 'vitest';
import { z } from 'zod';
import type { Together } from '../together-client.ts';
import type { JobSummary, TogetherPort } from './together-port.ts';

// Together's wire shapes as its client types them (0.52), checked on everything it returns.
const IsoTime = z.iso.datetime({ offset: true });
const FileResponse = z.object({
  id: z.string().startsWith('file-'),
  object: z.literal('file'),
  bytes: z.number(),
  created_at: z.number(),
  filename: z.string(),
  purpose: z.string(),
  FileType: z.enum(['jsonl', 'parquet', 'csv']),
  Processed: z.boolean(),
});
const Job = z.looseObject({
  id: z.string().startsWith('ft-'),
  created_at: IsoTime,
  status: z.enum([
    'pending',
    'queued',
    'running',
    'compressing',
    'uploading',
    'cancel_requested',
    'cancelled',
    'error',
    'completed',
  ]),
  user_id: z.string(),
  model_output_name: z.string().optional(),
});
const Event = z.looseObject({
  object: z.literal('fine-tune-event'),
  created_at: IsoTime,
  message: z.string(),
  type: z.string(),
});

function summary(value: unknown): JobSummary {
  const job = Job.parse(value);
  return { id: job.id, status: job.status, outputModel: job.model_output_name ?? null };
}

/** The scenario through the official `together-ai` client. */
export function officialPort(
  Client: Together,
  options: { apiKey: string; baseURL: string },
): TogetherPort {
  const client = new Client({ ...options, maxRetries: 0 });
  return {
    async upload(path) {
      const file = FileResponse.parse(await client.files.upload(path, 'fine-tune'));
      return { id: file.id, filename: file.filename, bytes: file.bytes };
    },
    createJob: async (params) => summary(await client.fineTuning.create(params)),
    listJobIds: async () => (await client.fineTuning.list()).data.map((job) => Job.parse(job).id),
    retrieveJob: async (id) => summary(await client.fineTuning.retrieve(id)),
    eventMessages: async (id) =>
      (await client.fineTuning.listEvents(id)).data.map((event) => Event.parse(event).message),
    cancelJob: async (id) => summary(await client.fineTuning.cancel(id)),
    async chat(model, question) {
      const completion = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: question }],
      });
      const choice = completion.choices[0];
      return { content: choice?.message?.content ?? '', finishReason: choice?.finish_reason ?? '' };
    },
    async chatStream(model, question) {
      const stream = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: question }],
        stream: true,
      });
      let content = '';
      let finishReason = '';
      let totalTokens = 0;
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        content += choice?.delta?.content ?? '';
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) totalTokens = chunk.usage.total_tokens;
      }
      expect(typeof totalTokens).toBe('number');
      return { content, finishReason, totalTokens };
    },
  };
}
