import { join } from 'node:path';
import { NotFoundError } from '../../core/errors/api-error.ts';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import type { Files } from '../../resources/files/files.ts';
import { holdsCopy } from './disk.ts';
import { downloadFile } from './download.ts';
import type { FileToBackUp } from './inventory.ts';
import type { ExportedFile, ExportProblem } from './manifest.ts';
import { filePath } from './paths.ts';

/** What backing up one file came to. */
export interface FileBackup {
  entry: ExportedFile | undefined;
  problem: ExportProblem | undefined;
  /** Already in the export and verified: nothing was downloaded. */
  skipped: boolean;
  /** Bytes downloaded. */
  downloaded: number;
}

/**
 * Backs up one file's content: skipped when an earlier run's copy is intact (same size and
 * sha256 as recorded, and the size the API reports now), downloaded again otherwise — a copy
 * changed or damaged on disk is replaced. A file the API no longer has keeps its earlier
 * entry, and the loss of an intact copy is a problem noted.
 */
export async function backupFile(
  files: Files,
  item: FileToBackUp,
  dir: string,
  previous: ExportedFile | undefined,
  signal: AbortSignal | undefined,
): Promise<FileBackup> {
  const { file } = item;
  const described = {
    id: file.id,
    filename: file.filename,
    purpose: file.purpose,
    createdAt: file.created_at ?? null,
    roles: [...item.roles].sort(),
    jobs: [...item.jobs].sort(),
  };
  const sizeAgrees = file.bytes == null || previous?.bytes === file.bytes;
  if (previous && sizeAgrees && (await holdsCopy(join(dir, previous.path), previous, signal))) {
    return {
      entry: { ...previous, ...described },
      problem: undefined,
      skipped: true,
      downloaded: 0,
    };
  }
  const path = filePath(file.id, file.filename);
  try {
    const copy = await downloadFile(files, file.id, join(dir, path), {
      expectedBytes: file.bytes,
      signal,
    });
    return {
      entry: { ...described, path, ...copy },
      problem: undefined,
      skipped: false,
      downloaded: copy.bytes,
    };
  } catch (error) {
    const reason = notDownloadable(error);
    if (reason === undefined) throw error;
    return {
      entry: previous,
      problem: {
        id: file.id,
        what: 'file',
        message: `its content could not be downloaded (${reason})${previous ? '; the copy in the export does not match the manifest' : ''}`,
      },
      skipped: false,
      downloaded: 0,
    };
  }
}

/**
 * Why a file cannot be downloaded at all, when that is the file's own doing: gone at the
 * provider, or an id the client refuses to put in a URL (`..`, a slash). Anything else stops
 * the export.
 */
function notDownloadable(error: unknown): string | undefined {
  if (error instanceof NotFoundError) return error.apiMessage;
  if (error instanceof InvalidArgumentError) return error.message;
  return undefined;
}
