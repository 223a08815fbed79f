import { createReadStream } from 'node:fs';
import type OpenAI from 'openai';
import { collect } from '../fake-client.ts';
import type { ClientPort } from './client-port.ts';

/** The scenario through the official `openai` package. */
export function openaiPort(client: OpenAI): ClientPort {
  return {
    uploadFromStream: (path, purpose) =>
      client.files.create({ file: createReadStream(path), purpose }),
    listAllFiles: (pageSize) => collect(client.files.list({ limit: pageSize })),
    retrieveFile: (id) => client.files.retrieve(id),
    fileText: async (id) => (await client.files.content(id)).text(),
    deleteFile: (id) => client.files.delete(id),
    createUpload: (params) => client.uploads.create({ ...params, purpose: 'fine-tune' }),
    addUploadPart: (uploadId, data) =>
      client.uploads.parts.create(uploadId, { data: new File([data as BlobPart], 'part') }),
    completeUpload: (uploadId, partIds, md5) =>
      client.uploads.complete(uploadId, { part_ids: partIds, md5 }),
    createJob: (params) => client.fineTuning.jobs.create(params),
    listAllJobs: () => collect(client.fineTuning.jobs.list({ limit: 1 })),
    retrieveJob: (id) => client.fineTuning.jobs.retrieve(id),
    listEvents: async (id, limit) => {
      const page = await client.fineTuning.jobs.listEvents(id, { limit });
      return { data: page.data, has_more: page.has_more };
    },
    listAllEvents: (id) => collect(client.fineTuning.jobs.listEvents(id, { limit: 7 })),
    listCheckpoints: (id) => collect(client.fineTuning.jobs.checkpoints.list(id)),
    cancelJob: (id) => client.fineTuning.jobs.cancel(id),
    pauseJob: (id) => client.fineTuning.jobs.pause(id),
    resumeJob: (id) => client.fineTuning.jobs.resume(id),
    chat: (model, question) =>
      client.chat.completions.create({ model, messages: [{ role: 'user', content: question }] }),
    chatStream: async (model, question) => {
      const stream = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: question }],
        stream: true,
        stream_options: { include_usage: true },
      });
      return collect(stream);
    },
  };
}
