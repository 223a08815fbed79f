/**
 * Where a tab is in each job's events: `ftjob-a:12 ftjob-b:3`. A tab has one event stream for
 * everything it shows (browsers give a site only six connections, shared by all its tabs), so
 * the stream's event id carries every job's position, and a reconnecting tab resumes each.
 */

/** Most jobs one stream follows (the compare page's limit). */
export const MAX_STREAM_JOBS = 8;

/**
 * Reads positions from `job:seq` words (space- or comma-separated); anything else is ignored.
 *
 * @example
 * parseCursors('ftjob-a:12 ftjob-b:3').get('ftjob-a'); // 12
 */
export function parseCursors(text: string | null | undefined): Map<string, number> {
  const cursors = new Map<string, number>();
  for (const word of (text ?? '').split(/[\s,]+/)) {
    const match = /^([\w.-]{1,128}):(\d{1,9})$/.exec(word);
    if (match) cursors.set(match[1] as string, Number(match[2]));
  }
  return cursors;
}

/**
 * Writes positions as {@link parseCursors} reads them.
 *
 * @example
 * formatCursors(new Map([['ftjob-a', 12]])); // 'ftjob-a:12'
 */
export function formatCursors(cursors: ReadonlyMap<string, number>): string {
  return [...cursors].map(([job, seq]) => `${job}:${seq}`).join(' ');
}
