import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * What tunekit remembers about a file it uploaded, to recognise the same file later. The
 * Files API keeps no metadata of ours, so this lives in a small local cache; an entry is only
 * trusted after the API confirms the file still exists with the same name and size.
 */
export interface UploadRecord {
  /** sha256 of the content, hex. */
  sha256: string;
  bytes: number;
  filename: string;
  purpose: string;
  fileId: string;
  /** The API the file lives in: base URL, organization and project. */
  scope: string;
  uploadedAt: string;
}

/** The most records kept; the oldest go first. */
const MAX_RECORDS = 1000;

/** Where the cache lives: `$TUNEKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/tunekit`, else `~/.cache/tunekit`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TUNEKIT_CACHE_DIR) return env.TUNEKIT_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tunekit');
}

/** The sha256 of a file, read as a stream. */
export async function sha256OfFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash, { signal });
  return hash.digest('hex');
}

/**
 * A JSON file of upload records. Written whole to a temporary file and renamed, so a crash
 * never leaves a torn cache; an unreadable cache is treated as empty (it is only a cache).
 */
export class UploadCache {
  readonly #file: string;

  constructor(directory: string = defaultCacheDir()) {
    this.#file = join(directory, 'uploads.json');
  }

  /** The records of files with this content, name and purpose in this scope, newest first. */
  async find(match: Omit<UploadRecord, 'fileId' | 'uploadedAt'>): Promise<UploadRecord[]> {
    return (await this.#read())
      .filter(
        (record) =>
          record.sha256 === match.sha256 &&
          record.bytes === match.bytes &&
          record.filename === match.filename &&
          record.purpose === match.purpose &&
          record.scope === match.scope,
      )
      .reverse();
  }

  /** Remembers an upload. */
  async remember(record: UploadRecord): Promise<void> {
    const records = (await this.#read()).filter((r) => r.fileId !== record.fileId);
    records.push(record);
    await mkdir(join(this.#file, '..'), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(records.slice(-MAX_RECORDS)));
    await rename(temporary, this.#file);
  }

  /** Forgets a file (it was deleted, or no longer matches). */
  async forget(fileId: string): Promise<void> {
    const records = await this.#read();
    if (!records.some((r) => r.fileId === fileId)) return;
    const temporary = `${this.#file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(records.filter((r) => r.fileId !== fileId)));
    await rename(temporary, this.#file);
  }

  async #read(): Promise<UploadRecord[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.#file, 'utf8'));
      return Array.isArray(parsed) ? (parsed as UploadRecord[]) : [];
    } catch {
      return [];
    }
  }
}
