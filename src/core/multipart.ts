import { randomUUID } from 'node:crypto';
import type { FileSource } from './uploadable.ts';

/** One attempt's worth of a multipart body. */
export interface MultipartBody {
  body: BodyInit;
  /** Set when tunekit encodes the body itself; FormData bodies get theirs from fetch. */
  contentType: string | undefined;
}

/** A multipart body that knows whether it can be produced again for a retry. */
export interface MultipartPayload {
  replayable: boolean;
  /** Produces the body for one attempt. A one-shot payload throws on the second call. */
  make(): MultipartBody;
}

/** Escapes a name for a `Content-Disposition` header as the HTML form encoding does. */
function escapeName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Encodes text fields and one file as `multipart/form-data`. Blobs (including file-backed
 * ones from disk) go into a standard `FormData`, which fetch streams and can send again; a
 * stream is wrapped in a hand-made multipart envelope, because `FormData` only takes Blobs and
 * buffering would defeat the point of a stream.
 */
export function multipartPayload(
  fields: Readonly<Record<string, string>>,
  fileField: string,
  file: FileSource,
): MultipartPayload {
  if (file.kind === 'blob') {
    return {
      replayable: true,
      make() {
        const form = new FormData();
        for (const [name, value] of Object.entries(fields)) form.append(name, value);
        form.append(fileField, file.blob, file.filename);
        return { body: form, contentType: undefined };
      },
    };
  }

  let used = false;
  return {
    replayable: false,
    make() {
      if (used) throw new Error('A streamed upload body can only be sent once.');
      used = true;
      const boundary = `----tunekit-${randomUUID()}`;
      return {
        body: streamEnvelope(boundary, fields, fileField, file.filename, file.stream),
        contentType: `multipart/form-data; boundary=${boundary}`,
      };
    },
  };
}

function streamEnvelope(
  boundary: string,
  fields: Readonly<Record<string, string>>,
  fileField: string,
  filename: string,
  stream: ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let head = '';
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${value}\r\n`;
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(fileField)}"; ` +
    `filename="${escapeName(filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;

  const reader = stream.getReader();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(head));
        return;
      }
      const { done, value } = await reader.read();
      if (done) {
        controller.enqueue(encoder.encode(tail));
        controller.close();
      } else {
        controller.enqueue(value);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
