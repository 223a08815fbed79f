import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { TuneKit } from '../../../src/index.ts';
import { collect } from '../fake-client.ts';
import type { ClientPort } from './client-port.ts';

/** The scenario through tunekit's own client. */
export function tunekitPort(client: TuneKit): ClientPort {
  return {
    uploadFromStream: (path, purpose) =>
      client.files.create({ file: createReadStream(path), filename: basename(path), purpose }),
    listAllFiles: (pageSize) => collect(client.files.list({ limit: pageSize })),
    retrieveFile: (id) => client.files.retrieve(id),
    fileText: (id) => client.files.text(id),
    deleteFile: (id) => client.files.delete(id),
    createUpload: (params) => client.uploads.create({ ...params, purpose: 'fine-tune' }),
    addUploadPart: (uploadId, data) => client.uploads.addPart(uploadId, data),
    completeUpload: (uploadId, partIds, md5) =>
      client.uploads.complete(uploadId, { part_ids: partIds, md5 }),
    createJob: (params) => client.jobs.create(params),
    listAllJobs: () => collect(client.jobs.list({ limit: 1 })),
    retrieveJob: (id) => client.jobs.retrieve(id),
    listEvents: async (id, limit) => {
      const page = await client.jobs.events(id, { limit });
      return { data: page.data, has_more: page.has_more };
    },
    listAllEvents: (id) => collect(client.jobs.events(id, { limit: 7 })),
    listCheckpoints: (id) => collect(client.jobs.checkpoints(id)),
    cancelJob: (id) => client.jobs.cancel(id),
    pauseJob: (id) => client.jobs.pause(id),
    resumeJob: (id) => client.jobs.resume(id),
    chat: (model, question) =>
      client.chat.completions.create({ model, messages: [{ role: 'user', content: question }] }),
    chatStream: (model, question) =>
      collect(
        client.chat.completions.stream({
          model,
          messages: [{ role: 'user', content: question }],
          stream_options: { include_usage: true },
        }),
      ),
  };
}
