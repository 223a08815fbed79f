import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/**
 * Where training data comes from: a file path (string or file URL), a Node stream, a web
 * stream, bytes, or `{ text }` holding the JSONL itself.
 */
export type TrainingSource =
  | string
  | URL
  | Readable
  | ReadableStream<Uint8Array>
  | Uint8Array
  | { text: string };

/** Read files in 1 MB chunks: fewer, larger reads, still a bounded buffer. */
const CHUNK_BYTES = 1024 * 1024;

/** A display name for the source: the path, or a description. */
export function describeSource(source: TrainingSource): string {
  if (typeof source === 'string') return source;
  if (source instanceof URL)
    return source.protocol === 'file:' ? fileURLToPath(source) : source.href;
  if (source instanceof Uint8Array) return '<bytes>';
  if ('text' in source && typeof source.text === 'string') return '<text>';
  return '<stream>';
}

/** The size in bytes when it is known before reading (files and in-memory sources). */
export async function sourceSize(source: TrainingSource): Promise<number | undefined> {
  if (typeof source === 'string' || source instanceof URL) {
    try {
      return (await stat(source)).size;
    } catch {
      return undefined;
    }
  }
  if (source instanceof Uint8Array) return source.byteLength;
  if ('text' in source && typeof source.text === 'string') return Buffer.byteLength(source.text);
  return undefined;
}

/**
 * The source's bytes as an async sequence of chunks; errors surface when iterating. A file is
 * read into one buffer, reused for every chunk: a chunk is valid only until the next one is
 * asked for (the readers copy what they keep), and reading a file of any size leaves no
 * garbage behind.
 */
export async function* byteChunks(source: TrainingSource): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string' || source instanceof URL) {
    const file = await open(source, 'r');
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, null);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await file.close();
    }
  }
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  if ('text' in source && typeof source.text === 'string') {
    yield Buffer.from(source.text, 'utf8');
    return;
  }
  // Node streams and Node's web streams are both async iterables of chunks.
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    // A Node stream with an encoding set yields strings.
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Uint8Array);
  }
}
