import type { TuneKit } from '../../client.ts';
import type { ExportOptions, ExportResult } from './export-all.ts';

/**
 * Backs up everything fine-tuning made into `dir`: every job (record, events, checkpoints,
 * parsed metrics) and every training, validation and result file's content, with
 * `manifest.json` mapping each id to its copy's path and sha256. Downloads stream to disk.
 *
 * Resumable: a second run re-reads jobs still running, skips finished jobs and files whose
 * copies are intact, and downloads again any copy that changed on disk. The manifest is saved
 * after every item, so an interrupted export keeps what it finished.
 *
 * @example
 * import { TuneKit, exportAll } from 'tunekit';
 * const result = await exportAll(new TuneKit(), './backup', {
 *   onProgress: (p) => console.log(p.phase, `${p.done}/${p.total}`, p.id ?? ''),
 * });
 * console.log(result.files.downloaded, 'files downloaded;', result.problems.length, 'problems');
 */
export async function exportAll(
  client: TuneKit,
  dir: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const { runExport } = await import('./export-all.ts');
  return runExport(client, dir, options);
}
