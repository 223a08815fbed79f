import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FilePurpose } from '../../schemas/file.ts';
import { LiveStatus } from '../output/live-status.ts';
import { formatBytes, progressBar } from '../output/progress-bar.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { printList, printObject, showTime } from '../runner/render.ts';
import type { ApiContext } from '../runner/run-api-command.ts';

/** `tunekit files upload <path>`: streamed; above 100 MiB in resumable parts with a progress bar. */
export async function uploadFileCommand(
  context: ApiContext,
  path: string,
  options: { purpose: FilePurpose },
): Promise<void> {
  const status = context.json ? undefined : new LiveStatus();
  status?.status(`Uploading ${basename(path)}…`);
  try {
    const file = await context.client.files.upload(path, {
      purpose: options.purpose,
      signal: context.signal,
      onProgress: ({ bytesSent, totalBytes }) =>
        status?.status(
          `Uploading ${basename(path)} ${progressBar(bytesSent / totalBytes, 20)} ${formatBytes(bytesSent)}/${formatBytes(totalBytes)}`,
        ),
    });
    status?.stop();
    if (context.json) writeJson(file);
    else {
      writeOut(file.id);
      process.stderr.write(
        `Uploaded ${file.filename} (${formatBytes(file.bytes ?? 0)}) as ${file.id}.\n`,
      );
    }
  } finally {
    status?.stop();
  }
}

/** `tunekit files list`. */
export async function listFiles(
  context: ApiContext,
  options: { purpose?: FilePurpose; limit?: number },
): Promise<void> {
  const page = await context.client.files.list(
    { ...(options.purpose ? { purpose: options.purpose } : {}), limit: options.limit ?? 100 },
    { signal: context.signal },
  );
  printList(
    context,
    page.data,
    [
      { heading: 'id', cell: (file) => file.id },
      { heading: 'filename', cell: (file) => file.filename },
      { heading: 'purpose', cell: (file) => file.purpose },
      { heading: 'bytes', cell: (file) => String(file.bytes ?? '-') },
      { heading: 'created', cell: (file) => showTime(file.created_at) },
      { heading: 'status', cell: (file) => file.status ?? '-' },
    ],
    'No files.',
  );
}

/** `tunekit files get <id>`. */
export async function getFile(context: ApiContext, id: string): Promise<void> {
  printObject(context, await context.client.files.retrieve(id, { signal: context.signal }));
}

/** `tunekit files delete <id>`. */
export async function deleteFile(context: ApiContext, id: string): Promise<void> {
  const result = await context.client.files.delete(id, { signal: context.signal });
  if (context.json) writeJson(result);
  else writeOut(result.deleted ? `Deleted ${result.id}` : `${result.id} was not deleted`);
}

/**
 * `tunekit files download <id> [--output path]`: the content streamed to a file, or to stdout
 * (never held in memory whole). Result files are base64 CSV: `tunekit jobs metrics` reads them.
 */
export async function downloadFile(
  context: ApiContext,
  id: string,
  options: { output?: string },
): Promise<void> {
  const response = await context.client.files.content(id, { signal: context.signal });
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  if (!options.output || options.output === '-') {
    await pipeline(body, process.stdout, { end: false });
    return;
  }
  await pipeline(body, createWriteStream(options.output), { signal: context.signal });
  if (context.json) writeJson({ id, output: options.output });
  else process.stderr.write(`Saved ${id} to ${options.output}.\n`);
}
