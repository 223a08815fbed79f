import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The sha256 (hex) and size of a file on disk, read as a stream. */
export async function digestOf(
  path: string,
  signal?: AbortSignal,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { signal })) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Whether `path` holds exactly the bytes a copy recorded (same size, same sha256). */
export async function holdsCopy(
  path: string,
  expected: { sha256: string; bytes: number },
  signal?: AbortSignal,
): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile() || info.size !== expected.bytes) return false;
  return (await digestOf(path, signal)).sha256 === expected.sha256;
}

/** The name a file is written under before it is complete. */
export function partialPath(path: string): string {
  return `${path}.partial`;
}

/**
 * Writes text to `path` through a temporary file and a rename, so the path holds the old
 * content or the new one, never a part. Returns the copy's sha256 and size.
 */
export async function writeAtomically(
  path: string,
  text: string,
): Promise<{ sha256: string; bytes: number }> {
  await mkdir(dirname(path), { recursive: true });
  const data = Buffer.from(text, 'utf8');
  const partial = partialPath(path);
  try {
    await writeFile(partial, data);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
}
