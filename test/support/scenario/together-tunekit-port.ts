import { expect } from 'vitest';
import type { FineTuningJob, TuneKit } from '../../../src/index.ts';
import { FineTuningJob as JobSchema } from '../../../src/schemas/index.ts';
import { collect } from '../fake-client.ts';
import type { JobSummary, TogetherPort } from './together-port.ts';

/** Together's statuses as tunekit maps them (docs/providers.md, the mapping table). */
const MAPPED: Record<string, string> = {
  pending: 'pending',
  queued: 'queued',
  running: 'running',
  cancel_requested: 'running',
  completed: 'succeeded',
  error: 'failed',
  cancelled: 'cancelled',
};

/** The job in Together's words, after checking tunekit's mapping of it. */
function summary(job: FineTuningJob): JobSummary {
  JobSchema.parse(JSON.parse(JSON.stringify(job)));
  const status = job.together?.status ?? '';
  expect(job.status).toBe(MAPPED[status]);
  const output = job.together?.model_output_name ?? null;
  // `fine_tuned_model` exists once the job has completed.
  expect(job.fine_tuned_model ?? null).toBe(status === 'completed' ? output : null);
  return { id: job.id, status, outputModel: output };
}

/** The scenario through tunekit's own client with `provider: 'together'`. */
export function tunekitPort(client: TuneKit): TogetherPort {
  return {
    async upload(path) {
      const file = await client.files.upload(path, { purpose: 'fine-tune' });
      return { id: file.id, filename: file.filename, bytes: file.bytes ?? -1 };
    },
    createJob: async (params) => summary(await client.jobs.create(params)),
    listJobIds: async () => (await collect(client.jobs.list({ limit: 1 }))).map((job) => job.id),
    retrieveJob: async (id) => summary(await client.jobs.retrieve(id)),
    async eventMessages(id) {
      const events = await collect(client.jobs.events(id, { limit: 4 }));
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
      return events.reverse().map((event) => event.message);
    },
    cancelJob: async (id) => summary(await client.jobs.cancel(id)),
    async chat(model, question) {
      const completion = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: question }],
      });
      const choice = completion.choices[0];
      return { content: choice?.message.content ?? '', finishReason: choice?.finish_reason ?? '' };
    },
    async chatStream(model, question) {
      const chunks = await collect(
        client.chat.completions.stream({
          model,
          messages: [{ role: 'user', content: question }],
          // Not in Together's API: the provider leaves it out, and usage comes anyway.
          stream_options: { include_usage: true },
        }),
      );
      return {
        content: chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''),
        finishReason: chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]
          ?.finish_reason as string,
        totalTokens: chunks.find((chunk) => chunk.usage)?.usage?.total_tokens ?? 0,
      };
    },
  };
}
