import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** An evaluation report found in the reports folder. */
export interface ReportView {
  /** The file name (the reports folder is not searched below its top level). */
  name: string;
  /** The report's title, e.g. "Evaluation of 2 models on 50 examples". */
  title: string;
  bytes: number;
  /** Unix ms of the last change. */
  modifiedAt: number;
}

/** Files looked at per listing, at most: the folder may be a busy working directory. */
const MAX_FILES = 500;
/** Reports shown, newest first. */
const MAX_REPORTS = 200;
/** The title is in the head of the page. */
const HEAD_BYTES = 4096;
/** Reports larger than this are not served (a report of thousands of disagreements is ~10 MB). */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** `renderEvalHtml` titles its pages "… — tunekit": that marks a report tunekit made. */
const TITLE = /<title>([^<]{1,300}) — tunekit<\/title>/;

async function titleOf(path: string): Promise<string | undefined> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const title = TITLE.exec(head)?.[1];
    return title === undefined ? undefined : decodeEntities(title);
  } finally {
    await file.close();
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The evaluation reports (`tunekit eval --html`) at the top of `dir`, newest first. A folder
 * that does not exist lists nothing.
 *
 * @example
 * const reports = await listReports('./evals');
 */
export async function listReports(dir: string): Promise<ReportView[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.toLowerCase().endsWith('.html'));
  } catch {
    return [];
  }
  const reports: ReportView[] = [];
  for (const name of names.slice(0, MAX_FILES)) {
    try {
      const path = join(dir, name);
      const info = await stat(path);
      if (!info.isFile()) continue;
      const title = await titleOf(path);
      if (title !== undefined) {
        reports.push({ name, title, bytes: info.size, modifiedAt: info.mtimeMs });
      }
    } catch {
      // Unreadable or gone since the listing: not a report we can show.
    }
  }
  return reports.sort((a, b) => b.modifiedAt - a.modifiedAt).slice(0, MAX_REPORTS);
}

/**
 * The bytes of a report listed in `dir`, or undefined when `name` is not one (only names the
 * listing shows are served: no paths, nothing else in the folder).
 *
 * @example
 * const html = await readReport('./evals', 'compare.html');
 */
export async function readReport(dir: string, name: string): Promise<Buffer | undefined> {
  const listed = await listReports(dir);
  const report = listed.find((candidate) => candidate.name === name);
  if (!report || report.bytes > MAX_REPORT_BYTES) return undefined;
  return readFile(join(dir, report.name));
}
